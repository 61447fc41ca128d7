"""Requests to the federation between checkpoints: threads of a coop, their messages, the inbox.

A member writes a draft (subject, message, maybe a file) and sends it (``drafts``); federation admins answer
from their inbox; every message is recorded in the audit trail. Who is told of what is written to
the outbox by the callers, in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.audit import record_change
from models.dossier.files import claim_file
from models.dossier.reads import NotYours
from models.tables import (
    Coop,
    DeliveryStatus,
    Member,
    MemberRole,
    Notification,
    RequestMessage,
    RequestStatus,
    RequestSubject,
    RequestThread,
    User,
)

MESSAGE_MAX = 3000


async def new_draft(
    session: AsyncSession, coop_id: int, author_id: int, subject: RequestSubject, text: str, now: datetime
) -> RequestThread:
    """A draft request with its first message."""
    thread = RequestThread(
        coop_id=coop_id, subject=subject, opened_by=author_id, created_at=now, updated_at=now
    )
    session.add(thread)
    await session.flush()
    session.add(RequestMessage(thread_id=thread.id, author_id=author_id, text=text, created_at=now))
    await audit_request(session, thread, author_id, "create", now)  # not its words: a draft may never go
    await session.flush()
    return thread


async def thread_of_coop(session: AsyncSession, thread_id: int, coop_id: int) -> RequestThread:
    """A thread of the member's coop; NotYours for another coop's or a missing one."""
    thread = await session.get(RequestThread, thread_id)
    if thread is None or thread.coop_id != coop_id:
        raise NotYours(f"request {thread_id} is not coop {coop_id}'s")
    return thread


async def draft_of(session: AsyncSession, thread_id: int, coop_id: int, author_id: int) -> RequestThread:
    """A draft of this author (drafts are nobody else's business)."""
    thread = await thread_of_coop(session, thread_id, coop_id)
    if thread.status != RequestStatus.DRAFT or thread.opened_by != author_id:
        raise NotYours(f"request {thread_id} is not a draft of {author_id}")
    return thread


async def sent_thread(session: AsyncSession, thread_id: int) -> tuple[RequestThread, Coop]:
    """A sent thread and its coop, for the federation."""
    thread = await session.get(RequestThread, thread_id)
    if thread is None or thread.status == RequestStatus.DRAFT:
        raise NotYours(f"no sent request {thread_id}")
    return thread, await session.get(Coop, thread.coop_id)


async def thread_to_answer(session: AsyncSession, thread_id: int) -> tuple[RequestThread, Coop]:
    """A sent thread and its coop, its row locked until the commit: two admins replying at once
    (on two instances) take turns, the second reading the first's reply (SQLite writes one at a time)."""
    await session.exec(select(RequestThread.id).where(RequestThread.id == thread_id).with_for_update())
    return await sent_thread(session, thread_id)


async def replies_since(
    session: AsyncSession, thread_id: int, seen: int, admin_id: int
) -> list[RequestMessage]:
    """The replies another admin gave after message ``seen`` (the thread's last when this one began)."""
    rows = await session.exec(
        select(RequestMessage)
        .where(
            RequestMessage.thread_id == thread_id,
            RequestMessage.id > seen,
            RequestMessage.from_federation.is_(True),
            RequestMessage.author_id != admin_id,
        )
        .order_by(RequestMessage.id)
    )
    return list(rows.all())


async def messages_of(session: AsyncSession, thread_id: int) -> list[RequestMessage]:
    """A thread's messages, oldest first."""
    rows = await session.exec(
        select(RequestMessage).where(RequestMessage.thread_id == thread_id).order_by(RequestMessage.id)
    )
    return list(rows.all())


async def last_messages(session: AsyncSession, thread_ids: list[int]) -> dict[int, RequestMessage]:
    """The last message of each of these threads (``messages_of``'s last), by thread: one statement
    however many threads (a page of the inbox)."""
    if not thread_ids:
        return {}
    last = (
        select(func.max(RequestMessage.id))
        .where(RequestMessage.thread_id.in_(thread_ids))
        .group_by(RequestMessage.thread_id)
    )
    rows = await session.exec(select(RequestMessage).where(RequestMessage.id.in_(last)))
    return {message.thread_id: message for message in rows.all()}


async def attach_file(
    session: AsyncSession,
    message: RequestMessage,
    *,
    file_name: str,
    mime_type: str,
    size: int,
    sha256: str,
) -> None:
    """The file of a message (one per message: a new one replaces it; the screens say which)."""
    message.file_name, message.mime_type, message.size, message.sha256 = file_name, mime_type, size, sha256
    session.add(message)
    await session.flush()


async def attach_sent_file(session: AsyncSession, message: RequestMessage, file: dict | None) -> bool:
    """The file sent at the question (``{"name", "type", "size", "sha256"}``, kept with it until the
    message was typed), if any, joins the message, its bytes claimed in the message's transaction
    (``files.claim_file``); False when they are gone: the message goes without it, the file asked again."""
    if file:
        if not await claim_file(session, file["sha256"]):
            return False
        await attach_file(
            session,
            message,
            file_name=file["name"],
            mime_type=file["type"],
            size=file["size"],
            sha256=file["sha256"],
        )
    return True


async def add_message(
    session: AsyncSession,
    thread: RequestThread,
    author_id: int,
    text: str,
    now: datetime,
    *,
    from_federation: bool,
) -> RequestMessage:
    """A follow-up or a reply; either reopens a closed thread: someone still writes in it, so it is not
    settled (a reply the coop reads under « closed » would look final on both sides)."""
    message = RequestMessage(
        thread_id=thread.id, author_id=author_id, text=text, from_federation=from_federation, created_at=now
    )
    session.add(message)
    if thread.status == RequestStatus.CLOSED:
        thread.status, thread.closed_at, thread.closed_by = RequestStatus.OPEN, None, None
    thread.updated_at = now
    session.add(thread)
    await audit_request(session, thread, author_id, "reply" if from_federation else "write", now, text)
    await session.flush()
    return message


async def set_closed(
    session: AsyncSession, thread: RequestThread, closed: bool, actor_id: int, now: datetime
) -> None:
    """Close a thread (the question is settled) or reopen it."""
    thread.status = RequestStatus.CLOSED if closed else RequestStatus.OPEN
    thread.closed_at, thread.closed_by = (now, actor_id) if closed else (None, None)
    session.add(thread)
    await audit_request(session, thread, actor_id, "close" if closed else "reopen", now)


async def coop_threads(session: AsyncSession, coop_id: int, author_id: int) -> list[RequestThread]:
    """A coop's requests, open first then the latest activity; drafts only for their author."""
    rows = await session.exec(select(RequestThread).where(RequestThread.coop_id == coop_id))
    threads = [t for t in rows.all() if t.status != RequestStatus.DRAFT or t.opened_by == author_id]
    threads.sort(key=lambda t: t.updated_at, reverse=True)
    return sorted(threads, key=lambda t: t.status == RequestStatus.CLOSED)


async def inbox(session: AsyncSession) -> list[tuple[RequestThread, Coop]]:
    """Every sent thread with its coop: the open ones first, the oldest first; then the closed ones."""
    rows = await session.exec(
        select(RequestThread, Coop)
        .join(Coop, Coop.id == RequestThread.coop_id)
        .where(RequestThread.status != RequestStatus.DRAFT)
        .order_by(RequestThread.sent_at, RequestThread.id)
    )
    found = list(rows.all())
    return sorted(found, key=lambda row: row[0].status == RequestStatus.CLOSED)


@dataclass(frozen=True)
class ReplyRecipients:
    """Who gets the federation's reply to a thread, and why.

    ``kind``: « writers » (those who wrote for the coop, still its members, who have not blocked the
    assistant), « direction » (none of them: they left, their data erased, or they blocked it), « members »
    (the same, and the coop has no direction in the assistant), « nobody » (no member it may reach).
    """

    user_ids: list[int]
    writers: int  # everyone who wrote for the coop, those who left or were erased included
    kind: str
    blocked: tuple[str, ...] = ()  # the first names of the writers still members who blocked it


async def reply_recipients(session: AsyncSession, thread: RequestThread) -> ReplyRecipients:
    """The thread's writers still in its coop and reached by the assistant; when none is, the coop's
    direction — it answers for the dossier and hands the answer on — rather than every member, who never
    asked; its members only when it has no direction in the assistant. Whoever blocked it is left out
    (a message to them is refused): the reply waits in the thread for them."""
    rows = await session.exec(
        select(RequestMessage.author_id).where(
            RequestMessage.thread_id == thread.id, RequestMessage.from_federation.is_(False)
        )
    )
    writers = set(rows.all())  # an erased author is a former member's negative id: never a member
    found = await session.exec(
        select(Member.user_id, Member.role, User.is_active, User.first_name)
        .join(User, User.id == Member.user_id)
        .where(Member.coop_id == thread.coop_id)
        .order_by(Member.user_id)
    )
    members = {user: (role, active, name) for user, role, active, name in found.all()}
    blocked = tuple(name for user, (_role, active, name) in members.items() if user in writers and not active)
    reached = {user: role for user, (role, active, _name) in members.items() if active}
    if still := sorted(writers & reached.keys()):
        return ReplyRecipients(still, len(writers), "writers", blocked)
    if direction := sorted(user for user, role in reached.items() if role == MemberRole.DIRECTION):
        return ReplyRecipients(direction, len(writers), "direction", blocked)
    return ReplyRecipients(sorted(reached), len(writers), "members" if reached else "nobody", blocked)


async def reply_reach(session: AsyncSession, kind: str, payload: str) -> dict[int, DeliveryStatus]:
    """Whom the outbox gave a reply (its notices of ``kind`` with this ``payload``), and how it went."""
    rows = await session.exec(
        select(Notification.user_id, Notification.status).where(
            Notification.kind == kind, Notification.payload == payload
        )
    )
    return dict(rows.all())


async def audit_request(
    session: AsyncSession,
    thread: RequestThread,
    actor_id: int,
    action: str,
    now: datetime,
    text: str | None = None,
) -> None:
    """One audit entry per step of a request."""
    await record_change(
        session,
        actor_id=actor_id,
        coop_id=thread.coop_id,
        entity="request",
        entity_id=thread.id,
        action=action,
        new=text,
        now=now,
    )
