"""The store of uploaded files: in the database, content-addressed (one file is kept once), checked.

In the database rather than on a disk so that every instance of the bot reads what any instance
received (a ZIP built by one holds a file uploaded through another), and a backup holds them all;
they are 20 MB at most and a few per coop. Files kept on disk by earlier versions (one per SHA-256
under QUALICOOP_FILES_DIR) are imported once, at start. Bytes nothing refers to any more (no dossier's
file, no request's message, no saved position holding them) are deleted by the upkeep a day after they
were stored, and a person's held ones at their erasure (README, « Personal data »).

Only documents a committee can open are accepted: PDF, images, Word, Excel, PowerPoint and
OpenDocument, without macros (a risk for whoever opens them). The type is decided from the content
itself (its first bytes), never from the name alone, so an executable renamed ``lettre.pdf`` is refused."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlmodel import delete, exists, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from models.clock import utcnow
from models.db import Database
from models.sql.handling import idempotent
from models.sql.writes import insert_or_ignore
from models.tables import Attachment, AttachmentKind, ChatState, RequestMessage, StoredFile

MAX_FILE_SIZE = 20 * 1024 * 1024  # the Bot API lets bots download files up to 20 MB
# bytes stored again are marked stored anew (their grace before the upkeep may delete them, unused,
# starts over) when older than this: a second upload at once does not rewrite them
FRESH = timedelta(hours=1)


class FileRefused(ValueError):
    """A file that cannot be stored: ``code`` names the explanation to give, ``params["why"]`` a finer one."""

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
PPT = FileType("PowerPoint", "application/vnd.ms-powerpoint", "ppt")
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
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old Office container: Word, Excel, PowerPoint, Outlook…
_OLE_BY_NAME = {(".doc", ".dot"): DOC, (".xls", ".xlt"): XLS, (".ppt", ".pps", ".pot"): PPT}
# the stream each program writes, named in UTF-16 in the container's directory; a mail's; macros
_STREAMS = (("WordDocument", DOC), ("Workbook", XLS), ("PowerPoint Document", PPT))
_OLE_STREAMS = {stream.encode("utf-16-le"): file_type for stream, file_type in _STREAMS}
_OUTLOOK, _VBA = "__substg1.0_".encode("utf-16-le"), "_VBA_PROJECT".encode("utf-16-le")
# images a phone or a scanner makes that a committee's computer may not open (sent as a photo, they are JPEG)
_HEIF = {"HEIC": "heic heix heim heis hevc hevx hevm hevs", "HEIF": "mif1 msf1", "AVIF": "avif avis"}
_HEIF_BRANDS = {brand.encode(): name for name, brands in _HEIF.items() for brand in brands.split()}


def detect_type(content: bytes, file_name: str = "") -> FileType:
    """The type of a file from its content; FileRefused for anything else."""
    if not content:  # 0 bytes: an export or a download (an iCloud file) that did not finish, not a type
        raise FileRefused("empty")
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
    if head.startswith(OLE):
        return _ole_document_type(content, file_name.lower())
    if head.startswith(b"PK\x03\x04"):
        return _zip_document_type(content)
    image = _image_format(head)
    raise FileRefused("unsupported_type", **({"why": "image", "format": image} if image else {}))


def _ole_document_type(content: bytes, name: str) -> FileType:
    """Word, Excel or PowerPoint in the old container, by the name its program gave (a .ppt is no Word
    file), else by the stream that program writes; anything else (an Outlook .msg…) or macros refused."""
    file_type = next((t for ends, t in _OLE_BY_NAME.items() if name.endswith(ends)), None)
    if file_type is None and _OUTLOOK not in content:  # a mail holds its attachments' streams too
        file_type = next((t for stream, t in _OLE_STREAMS.items() if stream in content), None)
    if file_type is None or _VBA in content:
        raise FileRefused("unsupported_type", why="macros" if file_type else "office")
    return file_type


def _image_format(head: bytes) -> str | None:
    """The name of an image format not accepted (an iPhone's « HEIC », a scanner's « TIFF »), if it is one."""
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return _HEIF_BRANDS[head[8:12]]
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    return "BMP" if head[:2] == b"BM" and head[6:10] == bytes(4) else None


def _zip_document_type(content: bytes) -> FileType:
    """Office Open XML and OpenDocument are ZIP files: look inside to tell which. Macros refused (a .xlsm,
    .docm or .pptm, which a .xlsx name would not even open), and a .xlsb: typed « macro-enabled » anyway."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                declared = archive.read("mimetype").decode("ascii", "replace").strip()
                if declared in _OPENDOCUMENT:
                    return _OPENDOCUMENT[declared]
            parts = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileRefused("unsupported_type") from None
    file_type = next((t for prefix, t in _OOXML.items() if any(n.startswith(prefix) for n in names)), None)
    if file_type is XLSX and "xl/workbook.bin" in names and "xl/vbaProject.bin" not in names:
        raise FileRefused("unsupported_type", why="binary_workbook")
    if file_type is None or b"macroEnabled" in parts or any(n.endswith("vbaProject.bin") for n in names):
        raise FileRefused("unsupported_type", **({"why": "macros"} if file_type else {}))
    return file_type


NOT_A_LETTER = "not_a_letter"  # slides are no commitment letter: a letter is written, signed or scanned


def fit_for(file_type: FileType, kind: str) -> FileType:
    """The type, if a file of that ``kind`` may be of it (a presentation is no letter: FileRefused)."""
    if kind == AttachmentKind.COMMITMENT_LETTER and file_type in (PPT, PPTX):
        raise FileRefused(NOT_A_LETTER)
    return file_type


def sha256_of(content: bytes) -> str:
    """The name a file is stored under: the SHA-256 of its content."""
    return hashlib.sha256(content).hexdigest()


class FileStore:
    """Files in the database, named by the SHA-256 of their content."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def save(self, content: bytes) -> str:
        """Store bytes (once) in a transaction of their own and return their SHA-256."""
        with idempotent():  # the same bytes stored again change nothing: not an update's work
            async with self.database.transaction() as session:
                return await self.keep(session, content)

    async def keep(self, session, content: bytes) -> str:
        """Store bytes (once) in ``session``'s transaction, with what refers to them: a refusal rolled
        back leaves nothing behind. Returns their SHA-256."""
        if len(content) > MAX_FILE_SIZE:
            raise FileRefused("too_big", limit=MAX_FILE_SIZE)
        digest = sha256_of(content)
        # bytes already there, maybe unused and due to be deleted by the upkeep (models.privacy.retention)
        # on another instance at this moment: marked stored now, they are no longer due (the row locked
        # by this update, its delete waits and finds them fresh), or, deleted first, stored again here
        now = utcnow()
        touched = await session.exec(
            update(StoredFile).where(StoredFile.sha256 == digest, StoredFile.stored_at < now - FRESH)
            .values(stored_at=now)
        )  # fmt: skip
        if not touched.rowcount and not await self.has(session, digest):
            await insert_or_ignore(
                session, StoredFile, ("sha256",), sha256=digest, size=len(content), content=content,
                stored_at=now,
            )  # fmt: skip
        return digest

    @staticmethod
    async def has(session, sha256: str) -> bool:
        """Whether a file is stored (without reading its bytes)."""
        return (
            await session.exec(select(StoredFile.sha256).where(StoredFile.sha256 == sha256))
        ).first() is not None

    async def read(self, sha256: str) -> bytes:
        """The bytes of a stored file; FileNotFoundError if there is none."""
        async with self.database.transaction() as session:
            content = (
                await session.exec(select(StoredFile.content).where(StoredFile.sha256 == sha256))
            ).first()
        if content is None:
            raise FileNotFoundError(f"no stored file {sha256}")
        return bytes(content)


async def claim_file(session: AsyncSession, sha256: str) -> bool:
    """Held bytes (a letter waiting for « Replace? », a file waiting for its message) about to become a
    dossier's file or a message, in that row's transaction: marked stored now, as bytes stored again
    are, so that the upkeep deleting them at this moment waits for this row and finds them fresh, or
    deleted them first. False when they are gone: nothing must refer to them, the file is asked again."""
    now = utcnow()
    touched = await session.exec(
        update(StoredFile).where(StoredFile.sha256 == sha256, StoredFile.stored_at < now - FRESH)
        .values(stored_at=now)
    )  # fmt: skip
    return bool(touched.rowcount) or await FileStore.has(session, sha256)


DIGEST = re.compile(r"[0-9a-f]{64}")


async def import_folder(store: FileStore, folder: str | Path) -> int:
    """Bring the files an earlier version kept on disk (``folder/ab/abcd…``) into the database, once.

    A file whose content no longer matches its name is left out; already stored ones are skipped
    without being read. Returns how many were imported.
    """
    imported = 0
    for path in sorted(Path(folder).glob("??/*")) if Path(folder).is_dir() else []:
        if not (path.is_file() and DIGEST.fullmatch(path.name)):
            continue
        async with store.database.transaction() as session:
            if await store.has(session, path.name):
                continue
        content = path.read_bytes()
        if hashlib.sha256(content).hexdigest() == path.name and len(content) <= MAX_FILE_SIZE:
            await store.save(content)
            imported += 1
    return imported


_BATCH = 100  # unused files deleted per statement


def _unused(but: int | None = None):
    """Stored bytes nothing refers to: no dossier's file, no request's message (NOT IN, not a correlated
    NOT EXISTS: SQLite reads each list once, not once per file), no saved position (someone's
    ``ChatState``: a file waiting for its question, a letter's pages; ``but``'s own left out).

    One condition, read by the delete itself: a held file that became a dossier's file or a message
    meanwhile is seen as one or the other in the delete's one snapshot, never as neither."""
    messages = select(RequestMessage.sha256).where(RequestMessage.sha256.is_not(None))  # no NULL in a NOT IN
    positions = select(ChatState.user_id).where(ChatState.data.contains(StoredFile.sha256))
    if but is not None:
        positions = positions.where(ChatState.user_id != but)
    return (
        StoredFile.sha256.not_in(select(Attachment.sha256))
        & StoredFile.sha256.not_in(messages)
        & ~exists(positions)
    )


async def forget_unused_files(session: AsyncSession, before: datetime) -> int:
    """Delete the bytes stored before ``before`` that nothing refers to any more (a file taken out of
    the dossier, a letter kept out at « Replace? », a file left at a request's question, a letter's
    page photos once it is one PDF); what a saved position holds stays. Returns how many went."""
    due = select(StoredFile.sha256).where(StoredFile.stored_at < before, _unused())
    unused = sorted((await session.exec(due)).all())
    deleted = 0
    for start in range(0, len(unused), _BATCH):
        batch = unused[start : start + _BATCH]
        # both read again by the delete itself: bytes something refers to since the list stay, and
        # bytes stored anew or claimed meanwhile (FileStore.keep, claim_file) are waited for, then fresh
        result = await session.exec(
            delete(StoredFile).where(StoredFile.sha256.in_(batch), StoredFile.stored_at < before, _unused())
        )
        deleted += result.rowcount
    return deleted


async def forget_files_held_by(session: AsyncSession, telegram_id: int) -> int:
    """On a person's erasure: the bytes their own position held (a file they sent, waiting for its
    question) go at once, unless something else refers to them. Returns how many went."""
    row = await session.get(ChatState, telegram_id)
    digests = sorted(set(DIGEST.findall(row.data or ""))) if row is not None else []
    if not digests:
        return 0
    result = await session.exec(
        delete(StoredFile).where(StoredFile.sha256.in_(digests), _unused(telegram_id))
    )
    return result.rowcount
