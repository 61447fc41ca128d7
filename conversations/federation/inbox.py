"""/demandes: the federation's inbox of the coops' requests; reading, replying, closing.

Open requests come first, the oldest first, each with its coop and the coop's stage. A reply goes
to every coop member who wrote in the thread (its direction when none is a member any more, or all
blocked the assistant: ``reply_refused`` when Telegram tells it only then), through the outbox, in the
same transaction; it reopens a closed request, and says so.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.ext import CommandHandler

from conversations.federation import request_threads as threads
from conversations.federation.request_drafts import file_gone
from conversations.federation.request_notices import (
    CLOSED,
    REPLY,
    REPLY_FILE,
    closed_by_said,
    reader_languages,
    recipients_line,
    reopening_said,
    sent_notice,
    stages_of,
)
from conversations.federation.request_threads import list_at, listed_page, names_of, thread_view, with_given
from conversations.render.commitments.requests import day_label, held_file_lines, subject_label, waiting_mark
from conversations.render.formatting import shorten
from conversations.render.html import bold, e, italic
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import back_button, cancel_button, page_turns
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard
from conversations.ui.middleware import require_admin, require_member
from conversations.ui.router import Step, button, open_position, screen, text_answer
from locales import N_
from models.chat_state import Position
from models.clock import paris_time, paris_today
from models.dossier.reads import NotAllowed
from models.federation.requests import (
    MESSAGE_MAX,
    add_message,
    attach_sent_file,
    inbox,
    last_messages,
    messages_of,
    replies_since,
    reply_reach,
    reply_recipients,
    sent_thread,
    set_closed,
    thread_to_answer,
)
from models.outbox import NOT_REACHED, enqueue, payload_of
from models.parsing.text import check_text
from models.tables import Notification, RequestMessage, RequestStatus, RequestThread

SEND_AGAIN = N_(
    "To send yours too, send it again, as it is or changed; otherwise press “Cancel”: nothing more is sent."
)


@screen(states.INBOX)
async def inbox_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The requests, open first and oldest first, a page at a time."""
    _ = context._
    threads = await inbox(session)
    open_count = sum(1 for thread, _coop in threads if thread.status == RequestStatus.OPEN)
    lines = ["📨 " + bold(_("Requests from the coops")), e(_("Open: {n}").format(n=open_count)), ""]
    shown = listed_page([thread for thread, _coop in threads], data)
    rows, today = [], paris_today(context.now())
    # numbered: one coop may have two requests on one subject, and two buttons never read the same
    page = shown.numbered(threads)
    # the page's last messages and stages read at once: the same statements for 2 requests as for 15
    last = await last_messages(session, [thread.id for _n, (thread, _coop) in page])
    stages = await stages_of(context.t, session, [coop for _n, (_thread, coop) in page], today)
    for n, (thread, coop) in page:
        owed = waiting_mark(last.get(thread.id), thread) or "🟠 "
        mark = "✅ " if thread.status == RequestStatus.CLOSED else owed
        when = day_label(context.t, paris_time(thread.sent_at).date(), today)
        stage = stages[coop.id]
        subject = subject_label(context.t, thread)
        lines.append(f"{n}. {mark}{bold(coop.name)} ({e(stage)}) — {e(subject)} — {e(when)}")
        # the subject by its emoji (named on the line above): its words, cut, read « 📍 Un point d’… »
        label = f"{n} · {mark}{shorten(coop.name, 24)} · {subject.split()[0]}"
        rows.append([(label, cb.INBOX_THREAD.pack(thread.id))])
    if not threads:
        lines.append(italic(_("No request yet.")))
    else:  # the marks said once: « Open » counts both ⏳ and 🟠
        lines += ["", italic(_("⏳ waiting for your answer · 🟠 answered, still open · ✅ closed"))]
    turn_lines, turn_row = page_turns(context, shown, cb.INBOX.pack)
    return Screen("\n".join(lines + turn_lines), keyboard(*rows, turn_row))


@screen(states.INBOX_THREAD)
async def thread_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """One request: the coop, its stage, a page of the messages (the latest first); reply, close or
    reopen; back to the inbox's page that holds it."""
    _ = context._
    thread, coop = await sent_thread(session, int(data["id"]))
    closed = thread.status == RequestStatus.CLOSED
    stage = (await stages_of(context.t, session, [coop], paris_today(context.now())))[coop.id]
    lines = [
        "📨 " + bold(coop.name) + " — " + e(stage),
        e(subject_label(context.t, thread)) + " · " + e(_("✅ Closed") if closed else _("🟠 Open")),
    ]
    shown, rows = await thread_view(
        context, session, thread, data.get("page"), lambda page: cb.INBOX_THREAD.pack(thread.id, page)
    )
    shown += held_file_lines(context.t, data.get(states.FILE_KEY), reply=True)  # kept by « ⬅️ Back »
    back = cb.INBOX.pack(0, thread.id)  # the inbox's page that holds it, found once pressed
    close = (_("🔓 Reopen") if closed else _("✅ Close"), cb.INBOX_CLOSE.pack(thread.id, 0 if closed else 1))
    buttons = keyboard(
        [(_("✍️ Reply"), cb.INBOX_REPLY.pack(thread.id)), close], *rows, [back_button(context, back)]
    )
    return await with_given(
        context, session, states.INBOX_THREAD, data, Screen("\n".join(lines + shown), buttons)
    )


@screen(states.INBOX_REPLY)
async def reply_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The reply, typed; who gets it; a colleague's reply meanwhile, and the admin's text given back whole.
    « ⬅️ Back » keeps a file with the thread; Cancel, shown with a file or a text to drop, leaves them."""
    _ = context._
    thread, coop = await sent_thread(session, int(data["id"]))
    lines = [bold(_("Your reply to {coop}?").format(coop=coop.name))]
    pending = data.get("pending", "")
    if pending:
        lines += await colleague_lines(context, session, thread.id, data)
        lines += ["", bold(_("Your reply was not sent: it follows below.")), e(_(SEND_AGAIN))]
    lines += held_file_lines(context.t, data.get("file"), reply=True)
    to = await reply_recipients(session, thread)
    languages = await reader_languages(session, to, context.bot_data.default_language)
    lines.append(e(recipients_line(context.t, to, languages)))
    if thread.status == RequestStatus.CLOSED:
        lines.append(e(_("The request is closed: your reply reopens it.")))
    if not pending:
        lines.append(
            italic(_("e.g. Count the associés who are tenants or home buyers, divided by all associés."))
        )
    back = back_button(context, cb.INBOX_THREAD.pack(thread.id, 0))  # its first page: the file stays
    cancel = [cancel_button(context, cb.INBOX_THREAD.pack(thread.id))] if pending or data.get("file") else []
    return Screen("\n".join(lines), keyboard([back, *cancel]), pending)


async def colleague_lines(
    context: QualiContext, session: AsyncSession, thread_id: int, data: dict
) -> list[str]:
    """« A colleague replied while you were writing », with their replies."""
    meanwhile = await replies_since(session, thread_id, int(data["since"]), context.visitor.user.id)
    meanwhile = [message for message in meanwhile if message.id <= int(data["seen"])]
    names = await names_of(session, meanwhile)
    lines = ["", "⚠️ " + bold(context._("A colleague replied while you were writing:"))]
    for message in meanwhile:
        who = names.get(message.author_id) or context._("Federation")
        when = italic(context.t.format_datetime(message.created_at))
        lines += ["", f"🏛 {e(who)} · {when}", e(message.text)]
    return lines


async def open_inbox(update: Update, context: QualiContext) -> None:
    """/demandes: the inbox; for a coop's member, who means their own requests, those (/federation);
    for someone in no coop (not yet, or taken off a team), what /federation says: how to join, or which
    team they are no longer part of. The committee is told it is the administrators'."""
    visitor = context.visitor
    if (
        visitor is not None
        and not visitor.is_admin
        and (visitor.coop is not None or not visitor.is_committee)
    ):
        if await require_member(update, context):
            said = context._(
                "The coops’ requests are read by the federation; yours are here, in /federation."
            )
            await open_position(update, context, Position(states.REQUESTS), "💬 " + e(said))
    elif await require_admin(update, context):
        await open_position(update, context, Position(states.INBOX))


async def show_inbox(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """The inbox at a page, or at the page holding a thread (back from it)."""
    return Step(Position(states.INBOX, list_at(args)))


async def show_thread(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """A request of the inbox, or a page of its messages. A page named (its turns, « ⬅️ Back » from the
    reply) keeps the file held for the reply; none (the inbox's list, a notice, Cancel) opens it afresh,
    the file held for its reply said not sent, with the way to send it from there."""
    thread, _coop = await sent_thread(session, args[0])
    page = {"id": thread.id, "page": args[1] if len(args) > 1 else 0}
    held = await threads.held_for_reply(context, session, thread.id)
    if len(args) > 1:
        return Step(Position(states.INBOX_THREAD, page | held))
    return Step(Position(states.INBOX_THREAD, page), threads.reply_file_dropped(context, held))


async def ask_reply(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """✍️ Reply: the question, with the file kept from it by « ⬅️ Back »."""
    thread, _coop = await sent_thread(session, args[0])
    # the thread as read now: a colleague's reply after it is shown before this one goes
    seen = (await messages_of(session, thread.id))[-1].id
    held = await threads.held_for_reply(context, session, thread.id)
    return Step(Position(states.INBOX_REPLY, {"id": thread.id, "seen": seen, **held}))


@text_answer(states.INBOX_REPLY)
async def take_reply(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """The reply: stored, and told to every author of the thread through the outbox; unless a
    colleague replied since the question was asked (checked and written under the thread's lock)."""
    if not context.visitor.is_admin:
        raise NotAllowed("no longer a federation admin")
    thread, _coop = await thread_to_answer(session, int(data["id"]))
    reply = check_text(text, max_length=MESSAGE_MAX, emoji_alone=True)
    me = context.visitor.user.id
    if "seen" in data and await replies_since(session, thread.id, int(data["seen"]), me):
        newest = (await messages_of(session, thread.id))[-1].id
        held = {"id": thread.id, "since": data["seen"], "seen": newest, "pending": reply}
        kept = {key: data[key] for key in ("file", states.ALBUM_KEY) if key in data}  # an album's next said
        return Step(Position(states.INBOX_REPLY, held | kept))
    reopened = await reopening_said(context.t, session, thread, me)  # closed meanwhile, or before
    message = await add_message(session, thread, me, reply, context.now(), from_federation=True)
    to = await reply_recipients(session, thread)
    told = {"message_id": message.id} | ({"reopened": 1} if reopened else {})
    await enqueue(session, to.user_ids, REPLY, told, now=context.now())
    # sent with the reply (``request_files``); its bytes gone, asked again: sent on the thread, a new reply's
    gone = not await attach_sent_file(session, message, data.get("file"))
    if message.file_name:  # it follows the reply, as its own message
        await enqueue(session, to.user_ids, REPLY_FILE, {"message_id": message.id}, now=context.now())
    notice = sent_notice(context.t, to) + ("\n🔓 " + e(reopened) if reopened else "")
    notice += ("\n" + file_gone(context, data["file"])) if gone else ""
    # an album's next photos, arriving after its first's caption sent the reply, said not added
    return Step(Position(states.INBOX_THREAD, {"id": thread.id, **threads.album_of(data)}), notice)


async def close_or_reopen(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """✅ Close / 🔓 Reopen: back to the inbox, the change said in one line (the thread, maybe long,
    is not sent again at each press)."""
    thread, coop = await thread_to_answer(session, args[0])  # two admins pressing at once: one closes
    # back to the page it was listed on before it moves (to the closed ones, or back among the open)
    page = listed_page([other for other, _coop in await inbox(session)], {"holding": thread.id}).number
    already = thread.status == RequestStatus.CLOSED and args[1]  # a colleague closed it first
    if (thread.status == RequestStatus.CLOSED) != bool(args[1]):
        await set_closed(session, thread, bool(args[1]), context.visitor.user.id, context.now())
        if args[1]:  # the coop is told, as of a reply; a reopening is not: the reply that follows is
            to = await reply_recipients(session, thread)
            closed = {"thread_id": thread.id, "coop_id": coop.id, "closed_at": thread.closed_at.isoformat()}
            await enqueue(session, to.user_ids, CLOSED, closed, now=context.now())
    if thread.status == RequestStatus.CLOSED:
        said = context._("✅ Closed: {coop} — {subject}. It opens again if the coop writes or if you reply.")
    else:
        said = context._("🔓 Reopened: {coop} — {subject}.")
    notice = e(said.format(coop=coop.name, subject=subject_label(context.t, thread)))
    if already:
        notice = e(await closed_by_said(context.t, session, thread, context.visitor.user.id, coop))
    return Step(Position(states.INBOX, {"page": page}), notice)


async def reply_refused(session: AsyncSession, refused: Notification, now: datetime) -> None:
    """A reply Telegram refused to a writer (403: they blocked the assistant, unknown when it was sent):
    once none of those it was given to may still get it, whoever ``reply_recipients`` names now (the
    blocked left out: the coop's direction) gets it, with its file; each person once."""
    message = await session.get(RequestMessage, payload_of(refused)["message_id"])
    reach = await reply_reach(session, REPLY, refused.payload)
    if message is None or any(status not in NOT_REACHED for status in reach.values()):
        return  # erased since; or received, or on its way, by another
    to = await reply_recipients(session, await session.get(RequestThread, message.thread_id))
    others = [user for user in to.user_ids if user not in reach]
    await enqueue(session, others, REPLY, payload_of(refused), now=now)
    if message.file_name:
        await enqueue(session, others, REPLY_FILE, {"message_id": message.id}, now=now)


def handlers() -> list:
    """/demandes and the inbox's buttons (federation admins only)."""
    return [
        CommandHandler(["demandes", "requests"], open_inbox),
        button(cb.INBOX, show_inbox, require_admin),
        button(cb.INBOX_THREAD, show_thread, require_admin),
        button(cb.INBOX_REPLY, ask_reply, require_admin),
        button(cb.INBOX_CLOSE, close_or_reopen, require_admin),
    ]
