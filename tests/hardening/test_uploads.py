"""Uploads: the type read from the content, never the name; a size cap; names made safe before a ZIP or PDF."""

from __future__ import annotations

import io
import unicodedata
import zipfile

from sqlmodel import select

from conversations.committee.export import file_extension, readable_name
from conversations.render.formatting import clean_file_name
from models.tables import Attachment
from tests.dossier_steps import LETTER_PDF, join, open_home

HOSTILE = "..\\..\\Windows/<b>rapport & co\u202egpj.exe\x07"


async def attachments(harness) -> list[Attachment]:
    async with harness.database.transaction() as session:
        return list((await session.exec(select(Attachment).order_by(Attachment.id))).all())


async def test_the_content_decides_the_type_not_the_name(harness):
    director = await join(harness, 9500001, "en")
    await open_home(director)
    await director.send_document("lettre.pdf", b"MZ\x90\x00 an executable" * 8, "application/pdf")
    assert "This kind of file is not accepted" in director.last_text
    await director.send_document("scan.txt", LETTER_PDF, "text/plain")
    [stored] = await attachments(harness)
    assert (stored.file_name, stored.mime_type) == ("scan.txt.pdf", "application/pdf")


async def test_files_over_the_cap_are_refused_before_downloading(harness):
    director = await join(harness, 9500002, "en")
    await open_home(director)
    calls = len(harness.fake.calls)
    await director.send_document("huge.pdf", b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024), "application/pdf")
    assert "larger than 20 MB" in director.last_text
    assert not any(c.method == "getFile" for c in harness.fake.calls[calls:])
    assert await attachments(harness) == []


async def test_a_hostile_name_is_stored_zipped_and_printed_safely(harness):
    director = await join(harness, 9500003, "fr")
    await open_home(director)
    await director.send_document(HOSTILE, LETTER_PDF, "application/pdf")
    [stored] = await attachments(harness)
    assert stored.file_name == "b rapport & cogpj.exe.pdf"
    assert stored.label == "b rapport & cogpj.exe"
    await director.send("/export")
    bundle = director.last["document"]
    content = harness.fake.file_content(
        harness.fake.handle("getFile", {"file_id": bundle["file_id"]})["file_path"]
    )
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = archive.namelist()
        pdf = archive.read(names[0])
    assert names[1] == "01 - Document - b rapport & cogpj.exe.pdf"
    for name in names:
        assert "/" not in name and "\\" not in name and ".." not in name
        assert not any(unicodedata.category(c).startswith("C") for c in name)
    assert pdf.startswith(b"%PDF") and b"\xe2\x80\xae" not in pdf


def test_names_already_stored_are_made_safe_in_the_zip():
    assert file_extension("a.b/../../x") == "bin"
    assert file_extension("lettre.PDF") == "pdf"
    assert readable_name("\u202efdp.exe <i>\x00") == "fdp.exe i"
    assert clean_file_name("../../etc/passwd", "pdf") == "passwd.pdf"
    assert clean_file_name("...", "png") == "document.png"
    assert clean_file_name("photo.JPEG", "jpg") == "photo.jpg"
    assert len(clean_file_name("x" * 500 + ".pdf", "pdf")) <= 84
