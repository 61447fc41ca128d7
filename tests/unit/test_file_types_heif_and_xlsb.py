"""Every HEIF image a phone or a camera makes is refused as an image (« envoyez-la comme photo »), its
sequences and variants too (heim, heis, msf1, avis…), not with the generic « ce type de fichier n’est pas
accepté »; and a .xlsb, still refused (Excel's binary workbook), is said to be one, with « enregistrez-le
en .xlsx ou en PDF », no longer « contient des macros » when it holds none."""

from __future__ import annotations

import io
import zipfile

import pytest

from conversations.ui.common import FILE_REFUSALS
from locales import translator
from models.dossier.files import FileRefused, detect_type

XLSB_MAIN = "application/vnd.ms-excel.sheet.binary.macroEnabled.main"


def heif(brand: bytes) -> bytes:
    """An ISO base media file whose major brand is ``brand``."""
    return b"\x00\x00\x00\x18ftyp" + brand + b"\x00\x00\x00\x00mif1" + brand + b"\x00" * 300


def xlsb(macros: bool) -> bytes:
    """Excel's binary workbook: a ZIP whose main part is xl/workbook.bin, a VBA project when ``macros``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "[Content_Types].xml", f'<Types><Override PartName="/xl/workbook.bin" ContentType="{XLSB_MAIN}"/>'
        )
        archive.writestr("xl/workbook.bin", b"\x00" * 10)
        if macros:
            archive.writestr("xl/vbaProject.bin", b"\x00" * 10)
    return out.getvalue()


def refusal_of(content: bytes, name: str) -> dict:
    """The finer reason a file is refused for."""
    with pytest.raises(FileRefused) as refused:
        detect_type(content, name)
    assert refused.value.code == "unsupported_type"
    return refused.value.params


@pytest.mark.parametrize(
    ("brand", "format_name"),
    [
        *[
            (brand, "HEIC")
            for brand in (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs")
        ],
        *[(brand, "HEIF") for brand in (b"mif1", b"msf1")],
        *[(brand, "AVIF") for brand in (b"avif", b"avis")],
    ],
)
def test_every_heif_brand_is_refused_as_an_image_to_send_as_a_photo(brand, format_name):
    assert refusal_of(heif(brand), "IMG_2041.HEIC") == {"why": "image", "format": format_name}


def test_a_binary_workbook_without_macros_is_refused_as_one_not_for_macros():
    assert refusal_of(xlsb(macros=False), "budget.xlsb") == {"why": "binary_workbook"}
    said = translator("fr").gettext(FILE_REFUSALS["binary_workbook"])
    assert "macro" not in said and "en .xlsx" in said and "en PDF" in said, said
    assert "classeur .xlsb" in said


def test_a_binary_workbook_with_macros_is_refused_for_its_macros():
    assert refusal_of(xlsb(macros=True), "budget.xlsb") == {"why": "macros"}
