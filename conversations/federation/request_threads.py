"""What the screens of a request's thread share on both sides (the coop's ``requests``, the
federation's ``inbox``): the authors' names, a page of the messages with its files and the way to
the pages before and after it; a draft's button pressed once it was sent; a text typed on a screen
of buttons, given back whole."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Message

from conversations.render.commitments.requests import thread_page
from conversations.render.html import distinct_labels, e
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import Page, page_in
from conversations.ui.context import QualiContext
from conversations.ui.messages import Button, Screen, with_notice
from conversations.ui.other_messages import sent_name
from conversations.ui.router import Step, text_answer, where_now
from locales import N_
from models.chat_state import Position, Where, store_position
from models.dossier.reads import NotAllowed
from models.federation.requests import draft_of, messages_of, sent_thread, thread_of_coop
from models.tables import ChatState, RequestMessage, RequestStatus, RequestThread
from models.users import users_by_ids

# the screens of a sent request that keep the file held for the message written next: the coop's (a
# follow-up) and the federation's (a reply)
WITH_A_SENT_REQUEST = frozenset({states.REQUEST, states.REQUEST_FOLLOW_UP})
WITH_A_REPLY = frozenset({states.INBOX_THREAD, states.INBOX_REPLY})
# a reply's file kept with the thread (« ⬅️ Back » from the reply), left from it: how to send it all the same
states.FILE_AGAIN[states.INBOX_THREAD] = N_(
    "To send it, open the request again from /requests, press “✍️ Reply” and send the file again."
)
PAGE = 15  # requests per page of a list (the coop's, the inbox): one button each, a phone's height
# a text typed on a request's screen without pressing its button to write: given back whole under the
# screen, with that button, never taken as a guess (a stray « thanks » reopening a closed request or
# going to the coop as the federation's reply)
GIVEN_BACK = {
    states.REQUEST_DRAFT: N_(
        "Your text was not added to your request, not sent yet; it follows below, so that it is not lost. "
        "To make it the request’s message, press “✏️ Rewrite” and send it again."
    ),
    states.REQUEST: N_(
        "Your text was not sent to the federation; it follows below, so that it is not lost. "
        "To send it, press “✍️ Write” and send it again."
    ),
    states.INBOX_THREAD: N_(
        "Your text was not sent to the coop; it follows below, so that it is not lost. "
        "To reply with it, press “✍️ Reply” and send it again."
    ),
}


async def names_of(session: AsyncSession, messages: list[RequestMessage]) -> dict[int, str]:
    """The first names of the messages' authors still known."""
    users = await users_by_ids(session, sorted({m.author_id for m in messages if m.author_id > 0}))
    return {user_id: user.first_name for user_id, user in users.items()}


def file_buttons(context: QualiContext, messages: list[RequestMessage]) -> list[list[Button]]:
    """A button per file of these messages, which sends it; never two read alike (two files named alike
    before names were made distinct, or cut alike: ``distinct_labels``)."""
    files = [m for m in messages if m.file_name]
    labels = distinct_labels([m.file_name for m in files], 28)
    return [
        [(f"📎 {label}", cb.REQUEST_ATTACHMENT.pack(m.id))] for m, label in zip(files, labels, strict=True)
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


def given_back(screen_name: str, data: dict, text: str) -> Step:
    """A text typed on a request's screen of buttons: the screen again, the text given back under it."""
    return Step(Position(screen_name, {**data, "given": text}))


@text_answer(states.REQUEST_DRAFT)
async def typed_on_draft(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """A text typed on the draft is given back whole, with the way to rewrite: it may be a new message,
    its second half or a thank-you, and the draft is what the federation gets (no guess stored)."""
    thread = await draft_of(session, int(data["id"]), context.coop_id, context.visitor.user.id)
    return given_back(states.REQUEST_DRAFT, {"id": thread.id}, text)


@text_answer(states.REQUEST)
async def typed_on_request(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """A text typed on a sent request, without « ✍️ Write »: given back whole, with that button (a stray
    « thanks » would reopen a closed request and reach every federation admin)."""
    thread = await thread_of_coop(session, int(data["id"]), context.coop_id)
    return given_back(states.REQUEST, {**data, "id": thread.id}, text)


@text_answer(states.INBOX_THREAD)
async def typed_on_thread(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """A text an admin typed on a request, without « ✍️ Reply »: given back whole, with that button (a
    reply goes to the coop's members, so it is one only when meant as one)."""
    if not context.visitor.is_admin:  # removed meanwhile: refused, the text given back
        raise NotAllowed("no longer a federation admin")
    thread, _coop = await sent_thread(session, int(data["id"]))
    return given_back(states.INBOX_THREAD, {**data, "id": thread.id}, text)


async def rewrite_too_late(
    context: QualiContext, session: AsyncSession, thread_id: int, data: dict, text: str
) -> Step:
    """A draft's new text typed while another device sent it (``rewrite_draft`` refused): the request,
    said sent, its text unchanged; the new one given back whole, to send with « ✍️ Write »; a file
    held with it said not added, and kept with the request for the message written next (``held_here``)."""
    sent = await already_sent(context, session, thread_id)
    file = data.get(states.FILE_KEY)
    kept = {"id": thread_id}
    if isinstance(file, dict) and file.get("name"):
        not_added = context._(
            "Your file {name} was not added to it: it goes with your next message, written with “✍️ Write”."
        )
        sent = replace(sent, notice=sent.notice + "\n📎 " + e(not_added.format(name=file["name"])))
        kept[states.FILE_KEY] = file
    return replace(sent, position=given_back(states.REQUEST, kept, text).position)


async def held_file(context: QualiContext, session: AsyncSession) -> tuple[Position, dict | None]:
    """Where the visitor is, and the file held there for the message being written (``FILE_KEY``)."""
    position = (await where_now(context, session)).position
    file = position.data.get(states.FILE_KEY)
    return position, file if isinstance(file, dict) and file.get("name") else None


async def held_here(
    context: QualiContext, session: AsyncSession, thread_id: int, side: frozenset = WITH_A_SENT_REQUEST
) -> dict:
    """The file held with a sent request (a rewrite that came too late, a file sent to write again, a
    file for the federation's reply on the ``side`` WITH_A_REPLY), for its next position — « ✍️ Write »
    or « ✍️ Reply », « ⬅️ Back » from it, a page of its messages — until it is sent or replaced:
    ``{FILE_KEY: file}``, else nothing."""
    position, file = await held_file(context, session)
    same = position.screen in side and position.data.get("id") == thread_id
    return {states.FILE_KEY: file} if same and file else {}


async def held_for_reply(context: QualiContext, session: AsyncSession, thread_id: int) -> dict:
    """The file held for the federation's reply to a request (``held_here`` on the inbox's side)."""
    return await held_here(context, session, thread_id, WITH_A_REPLY)


async def not_kept(context: QualiContext, session: AsyncSession, how: str) -> str:
    """Leaving the request a file was held for (for the list): the notice that it was not sent, and
    ``how`` to send it (never dropped silently); empty when no file was held."""
    _position, file = await held_file(context, session)
    if file is None:
        return ""
    return "📎 " + e(context._("{name} was not sent.").format(name=file["name"]) + " " + context._(how))


def reply_file_dropped(context: QualiContext, held: dict) -> str:
    """The file ``held`` for a reply (``held_for_reply``), dropped on the way to its request (« Cancel »):
    said not sent, with the way to send it from that request, the one now shown; "" for none."""
    file = held.get(states.FILE_KEY)
    if not file:
        return ""
    again = context._("To send it, press “✍️ Reply” and send the file again.")
    return "📎 " + e(context._("{name} was not sent.").format(name=file["name"]) + " " + again)


async def with_given(
    context: QualiContext, session: AsyncSession, screen_name: str, data: dict, drawn: Screen
) -> Screen:
    """A request's screen with the text typed there (``given_back``): why it was not taken and the way
    to send it above, the text whole after it, to copy. Drawn once: the saved position keeps the screen,
    not the text (``forget_given``)."""
    if not data.get("given"):
        return drawn
    await forget_given(context, session, screen_name, data)
    why = "⚠️ " + e(context._(GIVEN_BACK[screen_name]))
    return with_notice(Screen(drawn.text, drawn.keyboard, data["given"]), why)


async def forget_given(context: QualiContext, session: AsyncSession, screen_name: str, data: dict) -> None:
    """The saved position without the text given back, in the answer's transaction: a person's own words
    are not kept in the conversation's state, and the screen drawn again from it (an old button after a
    restart) does not give the text back a second time."""
    row = await session.get(ChatState, context.visitor.user.id)
    where = Where.of(row)
    if where.position.screen == screen_name and where.position.data.get("given") == data["given"]:
        kept = {key: value for key, value in data.items() if key != "given"}
        await store_position(
            session, context.visitor.user.id, where, Position(screen_name, kept), now=context.now()
        )


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


# a request's message carries one file (``RequestMessage.file_name``): of an album (photos sent at once,
# one update each), the first photo goes with it and the next are said not added, each by its own name
# (the album marked under ``states.ALBUM_KEY``, which the dossier writes too)


def album_started(message: Message, data: dict, name: str) -> dict:
    """A position's data marked with the album (``media_group_id``) whose first photo, ``name``, it took."""
    group = message.media_group_id
    return {**data, states.ALBUM_KEY: {"id": group, "name": name, "n": 1}} if group else data


def next_of_album(message: Message, data: dict) -> dict | None:
    """The album this photo is a next photo of, counted (None: a file of its own)."""
    album = data.get(states.ALBUM_KEY)
    if message.media_group_id and isinstance(album, dict) and album.get("id") == message.media_group_id:
        return {**album, "n": album["n"] + 1}
    return None


def album_of(data: dict) -> dict:
    """The album a position's file came from, for the position its message leads to (else nothing)."""
    return {states.ALBUM_KEY: data[states.ALBUM_KEY]} if isinstance(data.get(states.ALBUM_KEY), dict) else {}


# a next file of an album said not added in words that fit it: (a document's, a photo's)
NOT_ADDED = (
    N_(
        "{name} was not added: a message to the federation carries one file, the album’s first. To send this "
        "one, send it again on the request with a message of its own (“✍️ Write”, once your request is sent)."
    ),
    N_(
        "{name} was not added: a message to the federation carries one file, the album’s first photo. "
        "To send this one, send it again on the request with a message of its own (“✍️ Write”, once your "
        "request is sent)."
    ),
)
NOT_IN_REPLY = (
    N_(
        "{name} was not added: a reply carries one file, the album’s first. To send this one, send it again "
        "once your reply is sent: it goes with a reply of its own."
    ),
    N_(
        "{name} was not added: a reply carries one file, the album’s first photo. To send this one, send it "
        "again once your reply is sent: it goes with a reply of its own."
    ),
)


def album_refusal(context: QualiContext, message: Message, screen: str, album: dict) -> str:
    """Why a next file of an album was not added, naming it as the dossier's refusals do: a document by its
    own name (``sent_name``); a photo, which has none, by the first's numbered as the dossier's
    ``distinct_name`` numbers photos of the same second (« photo-20260312-101500-2.jpg »)."""
    words = NOT_IN_REPLY if screen in WITH_A_REPLY else NOT_ADDED
    if message.document is not None:
        return context._(words[0]).format(name=sent_name(context, message))
    stem, dot, extension = album["name"].rpartition(".")
    name = f"{stem}-{album['n']}.{extension}" if dot else f"{album['name']}-{album['n']}"
    return context._(words[1]).format(name=name)
