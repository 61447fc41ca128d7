"""A request's draft, changed only while it is one: a new text, a file, « 📤 Send », « 🗑 Drop ».

Each step is one conditional statement on ``status = draft`` that locks the row until the commit, so
that the steps from two devices or instances take turns and none of them touches a request sent
meanwhile (what the federation read is never changed nor deleted).

A draft's words are its message's alone: its audit says it was started and changed, not what it said,
and the text sent goes into the audit with « send ». A draft deleted (by its author, after 30 days
untouched, with its author erased) so leaves no text behind; the words earlier releases audited go too.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import delete, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from models.federation.requests import attach_file, audit_request, messages_of
from models.tables import AuditEntry, RequestMessage, RequestStatus, RequestThread

DRAFT_STEPS = ("create", "update")  # audited while a draft: their words, written before, never sent


def _still_draft(thread: RequestThread) -> tuple:
    """The condition of every change to a draft: this thread, while it is a draft (one rule)."""
    return RequestThread.id == thread.id, RequestThread.status == RequestStatus.DRAFT


async def while_draft(session: AsyncSession, thread: RequestThread, now: datetime, **values: object) -> bool:
    """The draft, while it is one: its row changed (``updated_at``, ``values``) only on that condition,
    in one UPDATE that locks it until the commit, so that a draft's steps from two devices or instances
    (a file, a new text, « 📤 Send ») take turns. False once it was sent or dropped meanwhile: nothing
    changed, and the thread taken out of the session, to be read again as it is now."""
    still_draft = await session.exec(
        update(RequestThread)
        .where(*_still_draft(thread))
        .values(updated_at=now, **values)
        .execution_options(synchronize_session=False)
    )
    if still_draft.rowcount != 1:
        session.expunge(thread)
        return False
    await session.refresh(thread)
    return True


async def drop_draft(session: AsyncSession, thread: RequestThread, now: datetime) -> bool:
    """🗑 The draft deleted with its messages, while it is one: its row taken first by ``while_draft``
    (the same condition, the same lock), so that a « 📤 Send » committed meanwhile on another device is
    seen — on PostgreSQL the UPDATE waits for that commit, then finds no draft — and nothing is deleted
    (False). The messages go before the thread they point to."""
    if not await while_draft(session, thread, now):
        return False
    await _forget_words(session, [thread.id])
    await session.exec(delete(RequestMessage).where(RequestMessage.thread_id == thread.id))
    await session.exec(delete(RequestThread).where(*_still_draft(thread)))
    session.expunge(thread)
    return True


async def forget_drafts(session: AsyncSession, *where: object) -> int:
    """The drafts matching ``where`` (untouched for long, of a person erased) deleted with their messages
    and their audited words, their rows locked first: one sent meanwhile is no draft, and stays."""
    found = await session.exec(
        select(RequestThread.id).where(RequestThread.status == RequestStatus.DRAFT, *where).with_for_update()
    )
    if not (ids := list(found.all())):
        return 0
    await _forget_words(session, ids)
    await session.exec(delete(RequestMessage).where(RequestMessage.thread_id.in_(ids)))
    await session.exec(
        delete(RequestThread).where(RequestThread.id.in_(ids), RequestThread.status == RequestStatus.DRAFT)
    )
    return len(ids)


async def _forget_words(session: AsyncSession, thread_ids: list[int]) -> None:
    """The texts earlier releases audited at a draft's steps, taken off their entries: never sent, they
    go with the draft (the entries stay: the person did start and change it)."""
    await session.exec(
        update(AuditEntry)
        .where(AuditEntry.entity == "request", AuditEntry.entity_id.in_(thread_ids))
        .where(AuditEntry.action.in_(DRAFT_STEPS), AuditEntry.new_value.is_not(None))
        .values(new_value=None)
        .execution_options(synchronize_session=False)
    )


async def rewrite_draft(session: AsyncSession, thread: RequestThread, text: str, now: datetime) -> bool:
    """A new text for a draft's message; False once it was sent meanwhile (what the federation read is
    never changed) or dropped."""
    if not await while_draft(session, thread, now):
        return False
    message = (await messages_of(session, thread.id))[0]
    message.text = text
    session.add(message)
    await audit_request(session, thread, message.author_id, "update", now)  # the words: the message's
    return True


async def attach_draft_file(
    session: AsyncSession,
    thread: RequestThread,
    now: datetime,
    *,
    file_name: str,
    mime_type: str,
    size: int,
    sha256: str,
) -> bool:
    """The file of a draft's message, if the thread is still a draft when the file comes; False once it
    was sent (or dropped) meanwhile: a « 📤 Send » at the same moment either went first, and the file is
    refused here, or waits for this commit and sends the request with its file (``while_draft``)."""
    if not await while_draft(session, thread, now):
        return False
    first = (await messages_of(session, thread.id))[0]
    await attach_file(session, first, file_name=file_name, mime_type=mime_type, size=size, sha256=sha256)
    return True


async def send_draft(session: AsyncSession, thread: RequestThread, now: datetime) -> RequestMessage | None:
    """The draft goes to the federation: open from now on; returns its message. None once it was sent
    (« 📤 Send » pressed on two devices: the second finds it sent) or dropped meanwhile."""
    if not await while_draft(session, thread, now, status=RequestStatus.OPEN, sent_at=now):
        return None
    message = (await messages_of(session, thread.id))[0]
    await audit_request(session, thread, thread.opened_by, "send", now, message.text)  # what went
    return message
