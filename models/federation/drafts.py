"""A request's draft, changed only while it is one: a new text, a file, « 📤 Send », « 🗑 Drop ».

Each step is one conditional statement on ``status = draft`` that locks the row until the commit, so
that the steps from two devices or instances take turns and none of them touches a request sent
meanwhile (what the federation read is never changed nor deleted).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import delete, update
from sqlmodel.ext.asyncio.session import AsyncSession

from models.federation.requests import attach_file, audit_request, messages_of
from models.tables import RequestMessage, RequestStatus, RequestThread


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
    await session.exec(delete(RequestMessage).where(RequestMessage.thread_id == thread.id))
    await session.exec(delete(RequestThread).where(*_still_draft(thread)))
    session.expunge(thread)
    return True


async def rewrite_draft(session: AsyncSession, thread: RequestThread, text: str, now: datetime) -> bool:
    """A new text for a draft's message; False once it was sent meanwhile (what the federation read is
    never changed) or dropped."""
    if not await while_draft(session, thread, now):
        return False
    message = (await messages_of(session, thread.id))[0]
    message.text = text
    session.add(message)
    await audit_request(session, thread, message.author_id, "update", now, text)
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
    await audit_request(session, thread, thread.opened_by, "send", now)
    return (await messages_of(session, thread.id))[0]
