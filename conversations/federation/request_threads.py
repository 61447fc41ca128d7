"""What the screens of a request's thread share on both sides (the coop's ``requests``, the
federation's ``inbox``): the authors' names, a page of the messages with its files and the way to
the pages before and after it."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.render.commitments.requests import thread_page
from conversations.render.formatting import shorten
from conversations.ui import callbacks as cb
from conversations.ui.context import QualiContext
from conversations.ui.messages import Button
from models.federation.requests import messages_of
from models.tables import RequestMessage, RequestThread
from models.users import users_by_ids


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
