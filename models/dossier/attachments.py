"""The dossier's files: the direction's commitment letter (one) and supporting documents."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.audit import record_change
from models.clock import utcnow
from models.dossier.reads import UNSET, DossierError, LimitReached, NotAllowed, NotYours, dossier_of_member
from models.dossier.writes import touch_dossier, write_field
from models.outbox import enqueue
from models.parsing.text import cut_between_words
from models.tables import Attachment, AttachmentKind, Coop, Dossier, Member, User

MAX_ATTACHMENTS = 30  # supporting documents; the commitment letter, required, is never refused for it
LABEL_MAX = 200
LETTER_REPLACED = "letter_replaced"  # the one whose letter another replaced is told
ATTACHMENT_REMOVED = "attachment_removed"  # the one whose document a colleague removed is told


class AlreadyAttached(DossierError):
    """The same file (the same bytes) is already in the dossier, under ``label``."""

    code = "already_attached"

    def __init__(self, attachment: Attachment) -> None:
        super().__init__(f"already attached as {attachment.id}")
        self.label = attachment.label  # read now: the transaction is rolled back before it is said


class LetterChanged(Exception):
    """The dossier's letter, as it is about to be replaced, is not the one the sender was shown (nor
    theirs): a colleague's, sent meanwhile, never replaced unseen; ``letter`` is the one there now.
    No refusal: the letter's question asks whether to replace it."""

    def __init__(self, letter: Attachment) -> None:
        super().__init__(f"the letter is now {letter.id}")
        self.letter = letter


def letter_mark(letter: Attachment | None) -> str:
    """Which letter a question showed: its id and its bytes' digest (SQLite may give a replaced letter's
    id to the next one, so the id alone would take a colleague's new letter for the one shown)."""
    return f"{letter.id}.{letter.sha256[:12]}" if letter is not None else "0"


def fit_label(text: str, limit: int = LABEL_MAX) -> str:
    """A label within ``limit`` characters, cut between two words with « … » when it is longer."""
    return cut_between_words(text, limit)


def distinct_name(file_name: str, label: str, taken: set[str]) -> tuple[str, str]:
    """A file name no other file of the dossier has (« photo-20261123-103000-2.jpg »: photos sent in
    the same second), and its label made distinct alike when it was the name's."""
    if file_name not in taken:
        return file_name, label
    stem, dot, extension = file_name.rpartition(".")
    stem = stem if dot else file_name
    number = 2
    while f"{stem}-{number}{dot}{extension if dot else ''}" in taken:
        number += 1
    name = f"{stem}-{number}{dot}{extension if dot else ''}"
    return name, (f"{stem}-{number}" if label == stem else label)


async def attachments_of(session: AsyncSession, dossier_id: int) -> list[Attachment]:
    """The letter first, then the supporting documents in the order they came, as the rows are now (the
    session may hold a deleted letter whose id SQLite gave to a colleague's new one: not its attributes)."""
    query = select(Attachment).where(Attachment.dossier_id == dossier_id)
    rows = (await session.exec(query.execution_options(populate_existing=True))).all()
    return sorted(rows, key=lambda a: (a.kind != AttachmentKind.COMMITMENT_LETTER, a.uploaded_at, a.id))


async def letter_of(session: AsyncSession, dossier_id: int) -> Attachment | None:
    """The dossier's commitment letter, if there is one."""
    query = select(Attachment).where(
        Attachment.dossier_id == dossier_id, Attachment.kind == AttachmentKind.COMMITMENT_LETTER
    )
    return (await session.exec(query)).first()


async def attachment_of_member(
    session: AsyncSession, attachment_id: int, coop_id: int, *, for_edit: bool = True
) -> tuple[Attachment, Dossier]:
    """An attachment and its dossier, if they are the member's coop's."""
    attachment = await session.get(Attachment, attachment_id)
    if attachment is None:
        raise NotYours(f"no attachment {attachment_id}")
    return attachment, await dossier_of_member(session, attachment.dossier_id, coop_id, for_edit=for_edit)


async def add_attachment(
    session: AsyncSession,
    dossier: Dossier,
    kind: AttachmentKind,
    *,
    label: str,
    file_name: str,
    mime_type: str,
    size: int,
    sha256: str,
    telegram_file_id: str | None,
    actor_id: int,
    by_direction: bool,
    seen: str | None = None,
    now: datetime | None = None,
) -> tuple[Attachment, Attachment | None]:
    """Record a file (its bytes kept by the caller in the same transaction): it, and the letter it
    replaced (None: none); that letter's sender, if someone else, is told (``LETTER_REPLACED``).
    LetterChanged (``letter_replaced``), AlreadyAttached for bytes in the dossier already (a supporting
    document sent again as the letter becomes it), LimitReached past the supporting documents' limit."""
    now = now or utcnow()
    if kind == AttachmentKind.COMMITMENT_LETTER and not by_direction:
        raise NotAllowed("only the direction provides the commitment letter")
    await touch_dossier(session, dossier, now)  # held first: files added at once are counted together
    existing = await attachments_of(session, dossier.id)
    letter = kind == AttachmentKind.COMMITMENT_LETTER
    same = next((a for a in existing if a.sha256 == sha256), None)
    if same is not None and not (letter and same.kind == AttachmentKind.SUPPORTING):
        raise AlreadyAttached(same)
    if not letter and sum(a.kind == AttachmentKind.SUPPORTING for a in existing) >= MAX_ATTACHMENTS:
        raise LimitReached(f"at most {MAX_ATTACHMENTS} supporting documents")
    previous = letter_replaced(existing, seen, actor_id) if letter else None
    replaced = [a for a in existing if letter and (a.kind == AttachmentKind.COMMITMENT_LETTER or a is same)]
    for old in replaced:  # the previous letter, and this very file if it was a supporting document
        await remove_attachment(
            session, dossier, old, actor_id=actor_id, by_direction=by_direction, now=now, tell=False
        )  # its sender told of a letter replaced (``tell_replaced``), not of a document become the letter
    taken = {a.file_name for a in existing if all(a is not old for old in replaced)}
    file_name, label = distinct_name(file_name[:255], fit_label(label), taken)
    attachment = Attachment(
        dossier_id=dossier.id, kind=kind, label=label, file_name=file_name, mime_type=mime_type, size=size,
        sha256=sha256, telegram_file_id=telegram_file_id, uploaded_by=actor_id, uploaded_at=now,
    )  # fmt: skip
    session.add(attachment)
    await tell_replaced(session, dossier, replaced, label=label, actor_id=actor_id, now=now)
    await session.flush()
    await record_change(
        session,
        actor_id=actor_id,
        coop_id=dossier.coop_id,
        entity="attachment",
        entity_id=attachment.id,
        action="create",
        field=kind,
        new=f"{label} ({file_name})",
        now=now,
    )
    return attachment, previous


def letter_replaced(existing: list[Attachment], seen: str | None, actor_id: int) -> Attachment | None:
    """The letter a new one replaces (None: the first), read under the dossier's write lock: a colleague's
    committed meanwhile by another instance is there. LetterChanged unless it is the one the sender was
    shown (``seen``, its ``letter_mark``; None: not asked) or their own: never replaced unseen."""
    letter = next((a for a in existing if a.kind == AttachmentKind.COMMITMENT_LETTER), None)
    if letter is not None and seen not in (None, letter_mark(letter)) and letter.uploaded_by != actor_id:
        raise LetterChanged(letter)
    return letter


async def tell_replaced(
    session: AsyncSession, dossier: Dossier, replaced: list[Attachment], *, label: str, actor_id: int, now
) -> None:
    """Whoever sent a letter now replaced by someone else told, through the outbox (not the one who
    replaces their own letter, nor a letter's pages put together as they come, nor a sender who erased
    their data: a former member, negative, reads nothing)."""
    senders = {
        old.uploaded_by: old
        for old in replaced
        if old.kind == AttachmentKind.COMMITMENT_LETTER
        and old.uploaded_by is not None
        and old.uploaded_by > 0
        and old.uploaded_by != actor_id
    }
    if not senders:
        return
    for sender, old in senders.items():
        news = await news_of(session, dossier, actor_id, old=old.label, new=label)
        await enqueue(session, [sender], LETTER_REPLACED, news, now=now)


async def news_of(session: AsyncSession, dossier: Dossier, actor_id: int, **news) -> dict:
    """What a piece of news on a dossier's file says of who did it and where."""
    actor, coop = await session.get(User, actor_id), await session.get(Coop, dossier.coop_id)
    return {
        "name": (actor.first_name if actor else None) or "—",
        "by": actor_id,  # whom the name is of: their erasure finds it, whatever their name became
        "coop": coop.name if coop else "",
        "dossier_id": dossier.id,
        **news,
    }


async def tell_removed(session: AsyncSession, dossier: Dossier, attachment: Attachment, actor_id: int, now):
    """Whoever added a document a colleague removes told, through the outbox, in the removal's transaction."""
    if await sender_told(session, attachment, actor_id, dossier.coop_id) is not None:
        news = await news_of(session, dossier, actor_id, label=attachment.label, file=attachment.file_name)
        await enqueue(session, [attachment.uploaded_by], ATTACHMENT_REMOVED, news, now=now)


async def sender_told(
    session: AsyncSession, attachment: Attachment, actor_id: int, coop_id: int
) -> User | None:
    """Who is told when ``actor_id`` removes this file: whoever added it, if someone else and still a member
    of the coop (not one who left it, nor one who erased their data)."""
    sender = attachment.uploaded_by
    if sender is None or sender == actor_id:
        return None
    query = select(Member.user_id).where(Member.user_id == sender, Member.coop_id == coop_id)
    return await session.get(User, sender) if (await session.exec(query)).first() is not None else None


def may_change(attachment: Attachment, by_direction: bool) -> bool:
    """Whether the reader may remove or rename this file: the direction's letter is the direction's."""
    return attachment.kind != AttachmentKind.COMMITMENT_LETTER or by_direction


def check_letter_rights(attachment: Attachment, by_direction: bool) -> None:
    """NotAllowed for a file the reader may not remove or rename (``may_change``)."""
    if not may_change(attachment, by_direction):
        raise NotAllowed("only the direction changes the commitment letter")


async def remove_attachment(
    session: AsyncSession,
    dossier: Dossier,
    attachment: Attachment,
    *,
    actor_id: int,
    by_direction: bool,
    now: datetime | None = None,
    tell: bool = True,
) -> None:
    """Take a file out of the dossier (its bytes go with the hourly upkeep a day later, unless another
    dossier, a request or a saved screen still refers to them: models.dossier.files.forget_unused_files);
    whoever added it told (``tell``, ``tell_removed``)."""
    check_letter_rights(attachment, by_direction)
    now = now or utcnow()
    await touch_dossier(session, dossier, now)  # held first
    if tell:
        await tell_removed(session, dossier, attachment, actor_id, now)
    await record_change(
        session,
        actor_id=actor_id,
        coop_id=dossier.coop_id,
        entity="attachment",
        entity_id=attachment.id,
        action="delete",
        field=attachment.kind,  # as when added: a removed letter is said as the letter (``Edit.kind``)
        old=f"{attachment.label} ({attachment.file_name})",
        now=now,
    )
    await session.delete(attachment)
    await session.flush()


async def rename_attachment(
    session: AsyncSession,
    dossier: Dossier,
    attachment: Attachment,
    label: str,
    *,
    actor_id: int,
    by_direction: bool,
    expected: object = UNSET,
    now: datetime | None = None,
) -> None:
    """Give a file a new label."""
    check_letter_rights(attachment, by_direction)
    await write_field(
        session,
        dossier,
        attachment,
        "attachment",
        "label",
        label[:LABEL_MAX],
        expected,
        actor_id,
        now or utcnow(),
    )
