"""What recipients of a VisioCoop announcement see and press, and what the federation sees of it.

The message in each language with « I'll attend / I can't » and its .ics file; the progress of the
broadcast (edited in place), its final report, the answers and the failed deliveries; the meeting
cancelled or moved from the report (``meetings.changes``) or from /annonce's « 📅 Upcoming meetings »
(``meetings.upcoming``).
"""

from __future__ import annotations

import math
from datetime import datetime

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from conversations.federation.meetings import changes, news, upcoming
from conversations.render.html import MESSAGE_LIMIT, bold, distinct_within, e, escaped_within, units
from conversations.render.ics import build_ics
from conversations.ui import callbacks as cb
from conversations.ui.common import page_in, page_turns
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard, reply, show, uneditable
from conversations.ui.middleware import require_admin
from conversations.ui.router import on_button
from locales import N_, Translator
from models.announcements import AnnouncementError, failures, get_announcement
from models.federation.announcement_changes import called_off, revision
from models.federation.rsvp import answer, answer_counts, may_answer, was_sent_to
from models.tables import Announcement, AnnouncementStatus, Delivery, DeliveryStatus, User

# the answer buttons: (not chosen, chosen) — the chosen one stays marked on the announcement
ATTEND = (N_("👍 I’ll attend"), N_("✅ I’ll attend"))
DECLINE = (N_("👎 I can’t"), N_("✅ I can’t"))
AN_HOUR_AHEAD = 50  # minutes: a reminder sent that long before (or more) says « in one hour »
# a delivery's error when its meeting began before it could go out (``bot.delivery.announcements``)
MEETING_BEGUN = N_("Not sent: the meeting had already begun.")
# PTB's words for a 5xx, a timeout or a lost connection (« httpx.ConnectError: All connection attempts… »)
UNREACHABLE = ("timed out", "timeout", "network", "bad gateway", "server error", "unavailable")
LOST = ("connecterror", "protocolerror", "readerror", "writeerror", "retry")  # cut (and a 429's « retry »)
# Telegram's errors for a failed send (« Bad Request: chat not found »), each as a person reads it
TELEGRAM_REASONS = (
    (("chat not found", "user not found", "peer_id_invalid"), N_("never opened the assistant, or left it")),
    (("blocked",), N_("blocked the assistant")),
    (("deactivated",), N_("deleted their Telegram account")),
    ((*UNREACHABLE, *LOST), N_("Telegram could not be reached")),
)
REFUSED = N_("sending refused by Telegram")
FAILURES_PAGE = 20  # failed deliveries per page, one message: the coops' names fitted to what is left
NAME_LENGTH = 40  # units of a first name as HTML (« & » is five): 20 lines of them leave room for the coops
NOT_SENT_TO_YOU = N_("This announcement was not sent to you.")
ANSWERS_CLOSED = N_("This meeting has already begun: answers are closed.")
CALLED_OFF = N_("This meeting was cancelled: answers are closed.")
OFF_THE_TEAM = N_(
    "You are no longer part of a coop’s team: your answer was not recorded, and no reminder will come. "
    "If this is a mistake, ask your coop’s direction for a new invitation link."
)
NO_LONGER_DIRECTION = N_(
    "This meeting is for the coops’ directions, and you are no longer one: your answer was not recorded. "
    "If this is a mistake, ask the federation for a new direction link."
)
UNCERTAIN = N_(
    "Uncertain: {n} — sending was interrupted (the bot restarting); nothing is sent again, "
    "so that nobody gets the announcement twice"
)
HOW_TO_STOP = N_("Stop receiving these announcements: /settings")


def render_announcement(
    t: Translator,
    announcement: Announcement,
    *,
    reminder: bool = False,
    attending: bool | None = None,
    now: datetime | None = None,
) -> tuple[str, InlineKeyboardMarkup]:
    """The message recipients get, in one language, with its buttons (the answer given marked ✅);
    the reminder says the time left at ``now`` (« In 20 minutes » for one sent late)."""
    lines = []
    if reminder:
        left = minutes_left(announcement, now)
        if left is None or left >= AN_HOUR_AHEAD:
            lines.append("⏰ " + e(t.gettext("In one hour:")))
        else:
            lines.append("⏰ " + e(t.ngettext("In {n} minute:", "In {n} minutes:", left).format(n=left)))
    lines.append("📢 " + bold(announcement.title))
    if announcement.starts_at:
        lines.append(e(news.when_line(t, announcement)))  # its slot, when one was typed
    if announcement.video_link:
        lines.append("🔗 " + e(announcement.video_link))
    if announcement.description:
        lines += ["", e(announcement.description)]
    rows = []
    if not reminder:  # the invitation says how to stop them (the reminder goes to who said they'd come)
        lines += ["", "🔕 " + e(t.gettext(HOW_TO_STOP))]
        attend, decline = t.gettext(ATTEND[attending is True]), t.gettext(DECLINE[attending is False])
        rows.append(
            [(attend, cb.RSVP.pack(announcement.id, "y")), (decline, cb.RSVP.pack(announcement.id, "n"))]
        )
    rows.append([(t.gettext("📅 Add to my calendar"), cb.ANNOUNCEMENT_ICS.pack(announcement.id))])
    return "\n".join(lines), keyboard(*rows)


def minutes_left(announcement: Announcement, now: datetime | None) -> int | None:
    """Whole minutes until the meeting (rounded up), 0 once it has begun; None without a date or a now."""
    if announcement.starts_at is None or now is None:
        return None
    return max(0, math.ceil((announcement.starts_at - now).total_seconds() / 60))


def progress_text(t: Translator, announcement: Announcement, counts) -> str:
    """« 1 240 / 2 000 sent », edited in place while the broadcast goes on: those who have it (the blocked,
    the failed are the report's, just below: « 2 / 2 sent » over « Delivered: 0 » was a contradiction)."""
    total, done = sum(counts.values()), counts.get(DeliveryStatus.SENT, 0)
    head = "✅" if announcement.status == AnnouncementStatus.DONE else "📤"
    sent = t.ngettext("{done} / {total} sent", "{done} / {total} sent", total)  # fr: 1 envoyé
    counted = sent.format(done=t.format_number(done), total=t.format_number(total))
    return f"{head} {bold(announcement.title)}\n{e(counted)}"


def report_message(t: Translator, announcement: Announcement, counts) -> tuple[str, InlineKeyboardMarkup]:
    """The final report: delivered, blocked, failed, and apart what may or may not have arrived."""
    # a send cut short (by a stop, or by an instance that froze and was taken over; or still claimed by
    # another instance) may or may not have arrived: never counted as delivered, never resent, said apart
    uncertain = counts.get(DeliveryStatus.UNCERTAIN, 0) + counts.get(DeliveryStatus.SENDING, 0)
    lines = [
        "📊 " + bold(t.gettext("Announcement sent: {title}").format(title=announcement.title)),
        e(t.gettext("Delivered: {n}").format(n=t.format_number(counts.get(DeliveryStatus.SENT, 0)))),
        e(t.gettext("Blocked the bot: {n}").format(n=t.format_number(counts.get(DeliveryStatus.BLOCKED, 0)))),
        e(t.gettext("Failed: {n}").format(n=t.format_number(counts.get(DeliveryStatus.FAILED, 0)))),
    ]
    if uncertain:
        lines.append(e(t.gettext(UNCERTAIN).format(n=t.format_number(uncertain))))
    rows = [[(t.gettext("👥 Answers"), cb.ANNOUNCEMENT_ANSWERS.pack(announcement.id))]]
    if announcement.status == AnnouncementStatus.DONE:  # the meeting still ahead: checked when pressed
        rows.append(changes.change_buttons(t, announcement))
    if counts.get(DeliveryStatus.FAILED):
        rows.append([(t.gettext("⚠️ See the failures"), cb.ANNOUNCEMENT_FAILURES.pack(announcement.id))])
    return "\n".join(lines), keyboard(*rows)


async def rsvp(update: Update, context: QualiContext) -> None:
    """« I'll attend » / « I can't » from whom it still reaches: counted, marked ✅ on the announcement."""
    query = update.callback_query
    try:
        announcement_id, choice = cb.RSVP.unpack(query.data)
    except ValueError:  # forged or mangled data: as for an announcement sent to someone else
        announcement_id, choice = 0, ""
    attending, now, refused = choice == "y", context.now(), ""
    # decided in the transaction, answered after it: a pop-up is a call to Telegram, never made while
    # holding a database connection
    async with context.db.transaction() as session:
        if (reached := await may_answer(session, int(announcement_id), context.visitor.user.id)) is None:
            refused = NOT_SENT_TO_YOU
        else:
            announcement = await get_announcement(session, int(announcement_id))
            left = minutes_left(announcement, now)
            if called_off(announcement):
                refused = CALLED_OFF
            elif left == 0:  # begun or over: an answer now would count someone who was not there
                refused = ANSWERS_CLOSED
            elif not reached:  # off the team (or the direction) it went to: its reminder would not come
                refused = NO_LONGER_DIRECTION if context.visitor.member else OFF_THE_TEAM
            else:
                await answer(session, int(announcement_id), context.visitor.user.id, attending, now=now)
    if refused:
        await query.answer(context._(refused), show_alert=True)
        return
    await query.answer(answered(context.t, attending, left))
    text, markup = render_announcement(context.t, announcement, attending=attending)
    shown = getattr(query.message, "text", None)  # none on a message Telegram no longer gives
    try:  # an invitation from before a move is redrawn at the meeting's time: the answer is for that one
        if shown is not None and news.when_line(context.t, announcement) not in shown.splitlines():
            await query.edit_message_text(text, reply_markup=markup)
        else:
            await query.edit_message_reply_markup(markup)
    except BadRequest as error:  # pressed again (the buttons say it), or a message gone or too old to edit
        if "not modified" not in str(error) and not uneditable(error):  # (its answer stored, its pop-up said)
            raise


def answered(t: Translator, attending: bool, left: int | None) -> str:
    """What an answer gets: noted, and when the reminder comes — or, within the hour, the time left."""
    if not attending:
        return t.gettext("Noted: you will not attend.")
    if left is None or left > 60:
        return t.gettext("Noted: you will attend. A reminder comes one hour before.")
    return t.ngettext(
        "Noted: you will attend. It begins in {n} minute.",
        "Noted: you will attend. It begins in {n} minutes.",
        left,
    ).format(n=left)


async def send_ics(update: Update, context: QualiContext) -> None:
    """📅 Add to my calendar: the meeting as an .ics file, in Paris time."""
    query = update.callback_query
    try:
        (announcement_id,) = cb.ANNOUNCEMENT_ICS.unpack(query.data)
    except ValueError:  # forged or mangled data: as for an announcement sent to someone else
        announcement_id = 0
    async with context.db.transaction() as session:
        allowed = context.visitor.is_admin or await was_sent_to(
            session, announcement_id, context.visitor.user.id
        )
        try:
            announcement = await get_announcement(session, announcement_id) if allowed else None
        except AnnouncementError:  # an admin pressing a forged id: there is no such announcement
            announcement = None
        sequence = await revision(session, announcement_id) if announcement else 0  # moved, cancelled
    if announcement is None:
        await query.answer(context._(NOT_SENT_TO_YOU), show_alert=True)
        return
    if announcement.starts_at is None:  # a draft still without its date (only an admin sees one)
        await query.answer(context._("This announcement has no date yet."), show_alert=True)
        return
    await query.answer()
    event = news.calendar_event(announcement, sequence)
    await update.effective_chat.send_document(
        build_ics([event], "Quali’Coop", context.now()), filename="visiocoop.ics"
    )


async def show_answers(update: Update, context: QualiContext) -> None:
    """The answers counted so far (admins)."""
    if not await require_admin(update, context):
        return
    query = update.callback_query
    async with context.db.transaction() as session:
        yes, no = await answer_counts(session, int(query.data.split(":")[1]))
    t = context.t
    counted = "{attending} · {declining}".format(  # « 1 250 participeront », as the report counts
        attending=t.ngettext("{n} will attend", "{n} will attend", yes).format(n=t.format_number(yes)),
        declining=t.ngettext("{n} cannot", "{n} cannot", no).format(n=t.format_number(no)),
    )
    await query.answer(counted, show_alert=True)


async def show_failures(update: Update, context: QualiContext) -> None:
    """The failed deliveries, who and why, a page at a time (admins): the first page as a new message
    under the report, the others turned in place."""
    if not await require_admin(update, context):
        return
    query = update.callback_query
    announcement_id, *turned = cb.ANNOUNCEMENT_FAILURES.unpack(query.data)
    await query.answer()
    async with context.db.transaction() as session:
        failed = await failures(session, announcement_id)
    t = context.t
    page = page_in(len(failed), turned[0] if turned else 0, FAILURES_PAGE)
    head = "⚠️ " + bold(t.gettext("Failed deliveries: {n}").format(n=t.format_number(len(failed))))
    shown = [row for _n, row in page.numbered(failed)]
    turn_lines, turn_row = page_turns(
        context, page, lambda n: cb.ANNOUNCEMENT_FAILURES.pack(announcement_id, n)
    )
    # the coops whole when the page holds them, else cut alike to fit one message, never two read alike
    unnamed = [failure_line(t, delivery, user, coop and "") for delivery, user, coop in shown]  # « () »
    room = MESSAGE_LIMIT - units("\n".join([head, *unnamed, *turn_lines]))
    coops = distinct_within([coop for *_row, coop in shown if coop], room)
    lines = [head] + [failure_line(t, delivery, user, coops.get(coop)) for delivery, user, coop in shown]
    screen = Screen("\n".join(lines + turn_lines), keyboard(turn_row))
    if turned:
        await show(update, screen)
    else:
        await reply(update, screen.text, screen.keyboard)


def failure_line(t: Translator, delivery: Delivery, user: User | None, coop: str | None) -> str:
    """« • Camille (Coop des Lilas) — never opened the assistant or left it »; ``coop`` as HTML, fitted."""
    who = e(t.gettext("someone no longer registered"))
    if user and user.first_name:
        who = escaped_within(user.first_name, NAME_LENGTH)
    if coop is not None:
        who += f" ({coop})"
    return f"• {who} — {e(failure_reason(t, delivery.error))}"


def failure_reason(t: Translator, error: str | None) -> str:
    """Why a send failed, in the admin's words: Telegram's English errors said plainly."""
    if error == MEETING_BEGUN:
        return t.gettext(MEETING_BEGUN)
    said = (error or "").casefold()
    reason = next((reason for words, reason in TELEGRAM_REASONS if any(w in said for w in words)), REFUSED)
    return t.gettext(reason)


def handlers() -> list:
    """Recipients' buttons, and the admins' buttons on the broadcast's report."""
    return [
        on_button(cb.RSVP, rsvp),
        on_button(cb.ANNOUNCEMENT_ICS, send_ics),
        on_button(cb.ANNOUNCEMENT_ANSWERS, show_answers),
        on_button(cb.ANNOUNCEMENT_FAILURES, show_failures),
        *changes.handlers(),  # a sent meeting cancelled or moved
        *upcoming.handlers(),  # any admin's way to the sent meetings still ahead (/annonce's first screen)
    ]
