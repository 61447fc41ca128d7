"""The local store of uploaded files: content-addressed, so one file is kept once, and checked.

Only documents a committee can open are accepted: PDF, images, Word, Excel and OpenDocument. The
type is decided from the content itself (its first bytes), never from the name alone, so an
executable renamed ``lettre.pdf`` is refused.
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_SIZE = 20 * 1024 * 1024  # the Bot API lets bots download files up to 20 MB


class FileRefused(ValueError):
    """A file that cannot be stored; ``code`` tells the UI which explanation to give."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class FileType:
    label: str  # shown to people: "PDF", "image", "Word"...
    mime_type: str
    extension: str


PDF = FileType("PDF", "application/pdf", "pdf")
JPEG = FileType("image", "image/jpeg", "jpg")
PNG = FileType("image", "image/png", "png")
GIF = FileType("image", "image/gif", "gif")
WEBP = FileType("image", "image/webp", "webp")
DOC = FileType("Word", "application/msword", "doc")
XLS = FileType("Excel", "application/vnd.ms-excel", "xls")
DOCX = FileType("Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")
XLSX = FileType("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
PPTX = FileType(
    "PowerPoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"
)
ODT = FileType("OpenDocument", "application/vnd.oasis.opendocument.text", "odt")
ODS = FileType("OpenDocument", "application/vnd.oasis.opendocument.spreadsheet", "ods")
ODP = FileType("OpenDocument", "application/vnd.oasis.opendocument.presentation", "odp")
_OPENDOCUMENT = {t.mime_type: t for t in (ODT, ODS, ODP)}
_OOXML = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}


def detect_type(content: bytes, file_name: str = "") -> FileType:
    """The type of a file from its content; FileRefused for anything else."""
    head = content[:16]
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # the old Office container
        return XLS if file_name.lower().endswith((".xls", ".xlt")) else DOC
    if head.startswith(b"PK\x03\x04"):
        return _zip_document_type(content)
    raise FileRefused("unsupported_type")


def _zip_document_type(content: bytes) -> FileType:
    """Office Open XML and OpenDocument are ZIP files: look inside to tell which."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                declared = archive.read("mimetype").decode("ascii", "replace").strip()
                if declared in _OPENDOCUMENT:
                    return _OPENDOCUMENT[declared]
            for prefix, file_type in _OOXML.items():
                if any(name.startswith(prefix) for name in names):
                    return file_type
    except (zipfile.BadZipFile, OSError, ValueError):
        pass
    raise FileRefused("unsupported_type")


class FileStore:
    """Files under ``root``, named by the SHA-256 of their content."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def path_of(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def save(self, content: bytes) -> str:
        """Store bytes (once) and return their SHA-256."""
        if len(content) > MAX_FILE_SIZE:
            raise FileRefused("too_big", limit=MAX_FILE_SIZE)
        digest = hashlib.sha256(content).hexdigest()
        path = self.path_of(digest)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(".part")
            temporary.write_bytes(content)
            os.replace(temporary, path)  # atomic: a crash never leaves half a file under its name
        return digest

    def read(self, sha256: str) -> bytes:
        return self.path_of(sha256).read_bytes()
