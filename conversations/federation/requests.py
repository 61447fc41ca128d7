"""Asking the federation between checkpoints (/federation): a subject, a message, maybe a file.

The coop's side: its requests, a draft until it is sent, a thread with the federation's replies.
The draft's steps (written, sent, dropped) are in ``request_drafts``; the inbox is in ``inbox``; files
in ``request_files``.
"""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.ext import CommandHandler

from conversations.federation.request_drafts import (
    discard,
    draft_again,
    file_gone,
    rewrite,
    rewrite_screen,
    send,
    tell_federation,
)
from conversations.federation.request_threads import (
    album_of,
    held_file,
    held_here,
    list_at,
    listed_page,
    not_kept,
    thread_view,
    with_given,
)
from conversations.render.commitments.requests import (
    SUBJECTS,
    held_file_lines,
    subject_label,
    thread_line,
)
from conversations.render.formatting import shorten
from conversations.render.html import bold, e, italic
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import back_button, home_button, nav_row, page_turns
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, in_rows, keyboard
from conversations.ui.middleware import require_member
from conversations.ui.router import Step, button, open_position, screen, text_answer
from locales import N_
from models.chat_state import Position
from models.clock import paris_today
from models.federation.requests import (
    MESSAGE_MAX,
    add_message,
    attach_sent_file,
    coop_threads,
    messages_of,
    thread_of_coop,
)
from models.parsing.text import check_text
from models.tables import RequestStatus, RequestSubject

# a file held while writing, left for the list: how to send it all the same
SEND_IT_AGAIN = N_("To send it, open its request again (or start a new one) and send the file again.")
# the same words for the file held at the other screens it is left from (🏠, a command: ``ui.menus``):
# a new request's subject and message, a sent request and its « ✍️ Write »
states.FILE_AGAIN.update(
    dict.fromkeys(
        (states.REQUEST_SUBJECT, states.REQUEST_MESSAGE, states.REQUEST, states.REQUEST_FOLLOW_UP),
        SEND_IT_AGAIN,
    )
)


@screen(states.REQUESTS)
async def list_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The coop's requests to the federation, a page at a time, and a new one."""
    _ = context._
    lines = [
        "💬 " + bold(_("Ask the federation")),
        e(_("A question on your dossier, an indicator, a checkpoint? The federation answers here.")),
        "",
    ]
    threads = await coop_threads(session, context.coop_id, context.visitor.user.id)
    rows, today = [], paris_today(context.now())
    shown = listed_page(threads, data)
    for n, thread in shown.numbered(threads):
        last = (await messages_of(session, thread.id))[-1]
        lines.append(f"{n}. {thread_line(context.t, thread, last, today)}")
        # one thread per row: « 2 · 📍 Un point d’étape » is too long for two side by side on a phone
        rows.append([(f"{n} · {shorten(subject_label(context.t, thread), 22)}", cb.REQUEST.pack(thread.id))])
    if not threads:
        lines.append(italic(_("No request yet.")))
    turn_lines, turn_row = page_turns(context, shown, cb.REQUESTS.pack)
    lines += turn_lines
    new = [(_("✍️ New request"), cb.REQUEST_NEW.pack())]
    return Screen("\n".join(lines), keyboard(new, *rows, turn_row, [home_button(context)]))


@screen(states.REQUEST_SUBJECT)
async def subject_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Step 1/2: what the request is about."""
    _ = context._
    text = e(_("New request · Step 1/2")) + "\n\n" + bold(_("What is it about?"))
    subjects = [(_(label), cb.REQUEST_SUBJECT.pack(code)) for code, label in SUBJECTS.items()]
    text += "".join("\n" + line for line in held_file_lines(context.t, data.get(states.FILE_KEY)))
    return Screen(text, keyboard(*in_rows(subjects), nav_row(context, cb.REQUESTS.pack())))


@screen(states.REQUEST_MESSAGE)
async def message_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Step 2/2: the message (a file can be added before sending); a draft's new message, once it
    has one (« ✏️ Rewrite »)."""
    if data.get("id"):
        return await rewrite_screen(context, session, data)
    _ = context._
    lines = [
        e(_("New request · Step 2/2")) + " · " + e(_(SUBJECTS[data["subject"]])),
        "",
        bold(_("Your message to the federation?")),
        italic(_("e.g. How should we measure the share of user-members for engagement 5?")),
    ]
    lines += held_file_lines(context.t, data.get(states.FILE_KEY))
    return Screen("\n".join(lines), keyboard(nav_row(context, cb.REQUEST_NEW.pack())))


@screen(states.REQUEST_FOLLOW_UP)
async def follow_up_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Writing again in a sent request: the question, with an example (sending reopens a closed one)."""
    _ = context._
    thread = await thread_of_coop(session, int(data["id"]), context.coop_id)
    lines = ["💬 " + e(subject_label(context.t, thread)), "", bold(_("Your message to the federation?"))]
    lines.append(italic(_("e.g. Thank you. And how do we count staff who are also members?")))
    if thread.status == RequestStatus.CLOSED:
        lines.append(e(_("The request is closed: your message reopens it.")))
    lines += held_file_lines(context.t, data.get(states.FILE_KEY))
    return Screen("\n".join(lines), keyboard(nav_row(context, cb.REQUEST.pack(thread.id))))


@screen(states.REQUEST)
async def thread_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """A sent request with the federation's replies, a page of messages at a time (the latest first);
    back to the list's page that holds it."""
    _ = context._
    thread = await thread_of_coop(session, int(data["id"]), context.coop_id)
    state = _("✅ Closed") if thread.status == RequestStatus.CLOSED else _("🟠 Open")
    lines = ["💬 " + bold(subject_label(context.t, thread)), e(state)]
    shown, rows = await thread_view(
        context, session, thread, data.get("page"), lambda page: cb.REQUEST.pack(thread.id, page)
    )
    shown += held_file_lines(context.t, data.get(states.FILE_KEY))  # a rewrite's file that came too late
    back = cb.REQUESTS.pack(0, thread.id)  # the list's page that holds it, found once pressed
    buttons = keyboard(
        [(_("✍️ Write"), cb.REQUEST_WRITE.pack(thread.id))],
        *rows,
        [back_button(context, back), home_button(context)],
    )
    return await with_given(context, session, states.REQUEST, data, Screen("\n".join(lines + shown), buttons))


async def open_requests(update: Update, context: QualiContext) -> None:
    """/federation: the coop's requests."""
    if await require_member(update, context):
        await open_position(update, context, Position(states.REQUESTS))


async def show_list(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """The list at a page, or at the page holding a thread (back from it); a file held for the message
    being written is not kept by the list: said not sent, with the way to send it."""
    return Step(Position(states.REQUESTS, list_at(args)), await not_kept(context, session, SEND_IT_AGAIN))


async def start(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """✍️ New request: its subject first (« ⬅️ Back » from step 2/2: the file sent there kept)."""
    position, file = await held_file(context, session)
    kept = file and position.screen == states.REQUEST_MESSAGE and not position.data.get("id")
    return Step(Position(states.REQUEST_SUBJECT, {states.FILE_KEY: file} if kept else {}))


async def choose_subject(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """A subject button, then the message (with the file sent at step 2/2 before the subject changed)."""
    position, file = await held_file(context, session)
    kept = (
        {states.FILE_KEY: file, **album_of(position.data)}
        if file and position.screen == states.REQUEST_SUBJECT
        else {}
    )
    return Step(Position(states.REQUEST_MESSAGE, {"subject": RequestSubject(args[0]).value, **kept}))


async def write(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """✍️ Write again in a sent request (on a draft: a « ✏️ Rewrite » from before it had its own data)."""
    thread = await thread_of_coop(session, args[0], context.coop_id)
    if thread.status == RequestStatus.DRAFT:
        return await rewrite(context, session, args)
    return Step(
        Position(states.REQUEST_FOLLOW_UP, {"id": thread.id, **await held_here(context, session, thread.id)})
    )


@text_answer(states.REQUEST_FOLLOW_UP)
async def take_follow_up(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """Writing again in a sent request (it reopens a closed one)."""
    thread = await thread_of_coop(session, int(data["id"]), context.coop_id)
    message = await add_message(
        session,
        thread,
        context.visitor.user.id,
        check_text(text, max_length=MESSAGE_MAX, emoji_alone=True),
        context.now(),
        from_federation=False,
    )
    attached = await attach_sent_file(session, message, data.get(states.FILE_KEY))
    await tell_federation(context, session, message)
    sent = "📤 " + e(context._("Sent to the federation."))
    gone = "" if attached else "\n" + file_gone(context, data[states.FILE_KEY])  # sent here, a new message's
    return Step(Position(states.REQUEST, {"id": thread.id, **album_of(data)}), sent + gone)


async def open_thread(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """A request of the list (a draft opens as a draft), or a page of its messages."""
    thread = await thread_of_coop(session, args[0], context.coop_id)
    if thread.status == RequestStatus.DRAFT:
        return await draft_again(context, session, thread.id)
    page = {"id": thread.id, "page": args[1] if len(args) > 1 else 0}
    return Step(Position(states.REQUEST, page | await held_here(context, session, thread.id)))


def handlers() -> list:
    """/federation and the coop's buttons (every one checks the coop)."""
    return [
        CommandHandler("federation", open_requests),
        button(cb.REQUESTS, show_list),
        button(cb.REQUEST_NEW, start),
        button(cb.REQUEST_SUBJECT, choose_subject),
        button(cb.REQUEST_WRITE, write),
        button(cb.REQUEST_REWRITE, rewrite),
        button(cb.REQUEST_SEND, send),
        button(cb.REQUEST_DISCARD, discard),
        button(cb.REQUEST, open_thread),
    ]
