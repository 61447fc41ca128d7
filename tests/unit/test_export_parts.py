"""The bundle's parts stay within the bot's upload limit once zipped, and its names cut long labels as
the chat does (between two words, with « … »)."""

from __future__ import annotations

import io
import os
import zipfile

from conversations.committee.export import (
    BOT_UPLOAD_LIMIT,
    ZIP_END,
    Zipped,
    build_bundle,
    in_parts,
    readable_name,
)
from models.dossier.files import MAX_FILE_SIZE


class Store:
    """The file store, in memory."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    async def read(self, sha256: str) -> bytes:
        return self.files[sha256]


def test_a_long_label_is_cut_between_two_words_in_a_zip_name():
    label = "Procès-verbal de l’assemblée générale extraordinaire des coopérateurs du 12 décembre 2025"
    assert readable_name(label) == "Procès-verbal de l’assemblée générale extraordinaire des…"
    assert readable_name("Rapport annuel 2025") == "Rapport annuel 2025"
    assert readable_name("x" * 80) == "x" * 59 + "…"  # one long word: cut where it must, said so
    assert readable_name("\u202efdp.exe <i>\x00") == "fdp.exe i"


async def test_every_part_stays_within_the_limit_once_zipped():
    """Random bytes (scans deflate cannot shrink) under long accented names, filling parts to the brim."""
    store, limit = Store(), 1_000_000
    files = [Zipped("Dossier.pdf", 40_000, content=os.urandom(40_000))]
    for number, size in enumerate([300_000, 297_000, 310_000, 5_000, 299_000, 330_000, 290_000], 1):
        sha = f"sha{number}"
        store.files[sha] = os.urandom(size)
        files.append(Zipped(f"{number:02d} - Document - {'é' * 55}….pdf", size, sha256=sha))
    parts = in_parts(files, limit)
    assert [file for part in parts for file in part] == files  # all of them, in their order
    assert len(parts) == 3 and parts[0][0].name == "Dossier.pdf"
    for part in parts:
        bundle = await build_bundle(part, store)
        assert len(bundle) <= ZIP_END + sum(file.room for file in part) <= limit
        archive = zipfile.ZipFile(io.BytesIO(bundle))
        assert archive.namelist() == [file.name for file in part]
        assert all(archive.read(f.name) == (f.content or store.files[f.sha256]) for f in part)


def test_the_largest_file_fits_in_a_part_with_the_pdf():
    """A file is 20 MB at most: with the PDF, it always fits in a part of what a bot may send."""
    largest = Zipped("01 - Document - scan.pdf", MAX_FILE_SIZE, sha256="x")
    pdf = Zipped("Dossier.pdf", 5 * 1024 * 1024, content=b"")
    assert in_parts([pdf, largest, largest], BOT_UPLOAD_LIMIT) == [[pdf, largest, largest]]
    assert len(in_parts([pdf, largest, largest, largest], BOT_UPLOAD_LIMIT)) == 2
