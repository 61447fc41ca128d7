"""What the screens of a request's thread share on both sides (the coop's ``requests``, the
federation's ``inbox``): the authors' names, a page of the messages with its files and the way to
the pages before and after it; a draft's button pressed once it was sent."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.render.commitments.requests import thread_page
from conversations.render.formatting import shorten
from conversations.render.html import e
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import Page, page_in
from conversations.ui.context import QualiContext
from conversations.ui.messages import Button
from conversations.ui.router import Step
from models.chat_state import Position
from models.federation.requests import messages_of, thread_of_coop
from models.tables import RequestMessage, RequestStatus, RequestThread
from models.users import users_by_ids

PAGE = 15  # requests per page of a list (the coop's, the inbox): one button each, a phone's height


async def names_of(session: AsyncSession, messages: list[RequestMessage]) -> dict[int, str]:
    """The first names of the messages' authors still known."""
    users = await users_by_ids(session, sorted({m.author_id for m in messages if m.author_id > 0}))
    return {user_id: user.first_name for user_id, user in users.items()}


def file_buttons(context: QualiContext, messages: list[RequestMessage]) -> list[list[Button]]:
    """A button per file of these messages, which sends it."""
    return [
        [(f"📎 {shorten(m.file_name, 28)}", cb.REQUEST_ATTACHMENT.pack(m.id))]
        for m in messages
        if m.file_name
    ]


async def thread_view(
    context: QualiContext,
    session: AsyncSession,
    thread: RequestThread,
    page: object,
    turn: Callable[[int], str],
) -> tuple[list[str], list[list[Button]]]:
    """A page of a thread's messages (0 the latest), then the buttons to the page's files and to the
    messages before and after it (``turn`` packs a page's button); each on its row, the labels being long."""
    messages = await messages_of(session, thread.id)
    shown = thread_page(context.t, messages, await names_of(session, messages), int(page or 0))
    rows = []
    if shown.page + 1 < shown.pages:
        rows.append([(context._("⬆️ Earlier messages"), turn(shown.page + 1))])
    if shown.page > 0:
        rows.append([(context._("⬇️ Later messages"), turn(shown.page - 1))])
    return shown.lines, rows + file_buttons(context, shown.shown)


async def already_sent(context: QualiContext, session: AsyncSession, thread_id: int) -> Step | None:
    """A draft's button pressed once the draft was sent (a double tap on « 📤 Send »): the request,
    said sent, rather than a refusal; None while it is a draft."""
    thread = await thread_of_coop(session, thread_id, context.coop_id)
    if thread.status == RequestStatus.DRAFT:
        return None
    notice = "📤 " + e(context._("This request was already sent to the federation: here it is."))
    return Step(Position(states.REQUEST, {"id": thread.id}), notice)


def list_at(args: tuple) -> dict:
    """A list's position from its button: (page) or (page, thread), the page holding the thread."""
    return {"page": args[0] if args else 0} | ({"holding": args[1]} if len(args) > 1 else {})


def listed_page(threads: list[RequestThread], data: dict) -> Page:
    """The page of a list of requests to show: the one holding ``data["holding"]`` (back from that
    request; the first page once it is no longer listed), else ``data["page"]``."""
    if "holding" not in data:
        return page_in(len(threads), data.get("page"), PAGE)
    ids = [thread.id for thread in threads]
    held = int(data["holding"])
    return Page.holding(ids.index(held) if held in ids else None, len(threads), PAGE)
