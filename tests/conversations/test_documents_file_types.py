"""Files are kept under an extension their program opens, or refused with what to send instead: a
PowerPoint 97 file is a PowerPoint (« Présentation AG.ppt », no longer « Présentation AG.ppt.doc », typed
« Word »); an Outlook mail, in the same old Office container, is refused (save it as PDF); a file with
macros (« Tableau de bord.xlsm », stored « .xlsm.xlsx », which Excel refuses to open) is refused; an
iPhone's HEIC or a scanner's TIFF is refused in words that name the images accepted and say to send it as a
photo, no longer « Send a PDF, an image… » to someone who just sent an image."""

from __future__ import annotations

import io
import zipfile

import pytest
from sqlmodel import select

from conversations.render.report import FILE_TYPES
from models.dossier.files import DOC, PPT, XLS, FileRefused, detect_type
from models.tables import Attachment
from tests.dossier_steps import join, open_home

NBSP = "\u00a0"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500  # the old Office container


def stream(name: str) -> bytes:
    """An old Office file holding a stream of this name (its directory names it in UTF-16)."""
    return OLE + name.encode("utf-16-le") + b"\x00" * 100


def ooxml(main: str, content_type: str, macros: bool) -> bytes:
    """An Office Open XML file: its main part, and a VBA project when ``macros``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "[Content_Types].xml", f'<Types><Override PartName="/{main}" ContentType="{content_type}"/>'
        )
        archive.writestr(main, "<root/>")
        if macros:
            archive.writestr(main.split("/")[0] + "/vbaProject.bin", b"\x00" * 10)
    return out.getvalue()


XLSM = ooxml("xl/workbook.xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml", True)
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 300
TIFF = b"II*\x00\x08\x00\x00\x00" + b"\x00" * 300


def test_an_old_office_file_is_told_by_its_name_then_by_its_program_s_stream():
    assert detect_type(OLE, "Présentation AG.ppt") is PPT
    assert detect_type(OLE, "budget.XLS") is XLS and detect_type(OLE, "statuts.doc") is DOC
    assert detect_type(stream("PowerPoint Document"), "diaporama") is PPT  # no extension: its stream
    assert detect_type(stream("WordDocument"), "statuts") is DOC
    assert FILE_TYPES[PPT.mime_type] == "PowerPoint"  # its type in the committee's PDF
    for content, name in ((stream("__substg1.0_0037001F"), "relance.msg"), (OLE, "relance.msg"), (OLE, "x")):
        with pytest.raises(FileRefused) as refused:
            detect_type(content, name)
        assert refused.value.params["why"] == "office"


def test_macros_and_other_images_are_refused_with_their_reason():
    docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    assert detect_type(ooxml("word/document.xml", docx, False), "rapport.docx").extension == "docx"
    for content, name in (
        (XLSM, "Tableau de bord.xlsm"),
        (
            ooxml("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml", True),
            "a.docm",
        ),
        (OLE + "_VBA_PROJECT".encode("utf-16-le"), "budget.xls"),  # an old workbook's macros
    ):
        with pytest.raises(FileRefused) as refused:
            detect_type(content, name)
        assert refused.value.params["why"] == "macros", name
    for content, format_name in ((HEIC, "HEIC"), (TIFF, "TIFF"), (b"MM\x00*" + b"\x00" * 20, "TIFF")):
        with pytest.raises(FileRefused) as refused:
            detect_type(content, "scan")
        assert refused.value.params == {"why": "image", "format": format_name}
    with pytest.raises(FileRefused) as refused:  # anything else: the code alone, as before
        detect_type(b"MZ\x90\x00" + b"\x00" * 100, "outil.exe")
    assert refused.value.code == "unsupported_type" and "why" not in refused.value.params


async def stored(harness) -> list[tuple[str, str]]:
    async with harness.database.transaction() as session:
        rows = await session.exec(select(Attachment).order_by(Attachment.id))
        return [(a.file_name, a.mime_type) for a in rows.all()]


async def test_each_file_is_kept_as_its_program_opens_it_or_refused_with_what_to_send(harness):
    director = await join(harness, 9740311, "fr", "Coop Formats")
    await open_home(director)
    await director.press("📎 Documents")
    await director.press("📎 Ajouter une pièce")
    await director.send_document("Présentation AG.ppt", OLE, "application/vnd.ms-powerpoint")
    assert f"Document enregistré{NBSP}: Présentation AG.ppt (" in director.replies[0]["text"]
    assert await stored(harness) == [("Présentation AG.ppt", "application/vnd.ms-powerpoint")]
    await director.press("✅ Garder")
    await director.send_document("relance.msg", stream("__substg1.0_0037001F"), "application/vnd.ms-outlook")
    said = director.reply_text()
    assert "n’est pas un document Word, Excel ou PowerPoint (un message Outlook, par exemple)" in said
    assert "imprimez-le en PDF" in said
    await director.send_document(
        "Tableau de bord.xlsm", XLSM, "application/vnd.ms-excel.sheet.macroEnabled.12"
    )
    said = director.reply_text()
    assert "Ce fichier contient des macros" in said and "Enregistrez-le en .xlsx" in said, said
    await director.send_document("IMG_2041.HEIC", HEIC, "image/heic")
    said = director.reply_text()
    assert "Cette image est au format HEIC" in said and "Envoyez-la comme photo" in said, said
    assert "JPEG, PNG" in said
    await director.send_document("scan.tif", TIFF, "image/tiff")
    assert "Cette image est au format TIFF" in director.reply_text()
    await director.send_document("outil.exe", b"MZ\x90\x00" + b"\x00" * 100, "application/octet-stream")
    assert (
        "Ce type de fichier n’est pas accepté. Envoyez un PDF, une image (JPEG, PNG)" in director.reply_text()
    )
    assert len(await stored(harness)) == 1  # only the presentation
