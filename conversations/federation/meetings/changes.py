"""A VisioCoop meeting cancelled or moved once its announcement is sent (federation admins).

The broadcast's final report offers « ❌ Cancel the meeting » and « 🕘 Change the time » while the
meeting is ahead. Cancelling asks for a confirmation that says what happens; moving asks the new date
and time as the composer does (``parse_meeting_slot``, echoed ✅ with ✏️; a slot typed gives it a new
length, a time alone moves it as long as it was), then a confirmation. Either way the people the
announcement reached are told through the outbox, in their language (``NOTICES``, ``news``), and the
one-hour reminder and the .ics follow (``models.federation.announcement_changes``).

A « Yes » pressed once its meeting began, or was cancelled or moved by a colleague (its time is in its
data), says so and that nothing changed, on the meeting's screen (``unchanged``), as ❌ and 🕘 do once it
began or was cancelled (on the report, kept all along); a confirmation drawn then is that screen (no
« Yes » that cannot work). An older or forged button, or one naming an announcement never sent, is out
of date: nothing changes.
The same buttons on « 📅 Upcoming meetings »' meeting (``LISTED``): the screens after carry the list's page
in their data (``begun_from``), so that ⬅️ and a change's end lead back there, not to the report's
meeting screen; that one, once cancelled or begun, leads to the list.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.federation.composer import meeting_example
from conversations.federation.meetings import news
from conversations.render.html import bold, e, italic
from conversations.ui.callbacks import callback
from conversations.ui.common import back_button
from conversations.ui.context import QualiContext
from conversations.ui.messages import Button, Screen, keyboard, with_notice
from conversations.ui.middleware import require_admin
from conversations.ui.router import Step, button, render, screen, text_answer
from locales import N_, Translator
from models.announcements import get_announcement
from models.chat_state import Position, load_position
from models.dossier.reads import NotAllowed
from models.federation.announcement_changes import (
    CANCELLED_NEWS,
    MOVED_NEWS,
    MeetingChanged,
    call_off,
    called_off,
    changeable,
    minute_of,
    move,
    reached,
)
from models.parsing.meeting_time import parse_meeting_slot
from models.tables import Announcement

MEETING_SCREEN = callback("anz", int)  # a sent meeting: its date, what can still be done
CANCEL = callback("anzc", int)  # ❌ Cancel the meeting: its confirmation
CANCEL_YES = callback("anzy", int, int)  # announcement, the meeting's time as confirmed (minute_of)
MOVE = callback("anzm", int)  # 🕘 Change the time: the new date and time asked
MOVE_YES = callback("anzk", int, int)  # announcement, the meeting's time it moves from (minute_of)
# the screens (saved in ChatState: never rename a value)
MEETING, CANCEL_CONFIRM, MOVE_WHEN, MOVE_CONFIRM = "an_meeting", "an_cancel", "an_move", "an_move_ok"
LISTED = "an_upcoming_one"  # upcoming.MEETING: a meeting opened from the list, {"id", "page"}
UPCOMING = callback("anu", int, optional=1, anywhere=True)  # upcoming's list, at a page (none: the first)
CANCEL_LABEL, MOVE_LABEL = N_("❌ Cancel the meeting"), N_("🕘 Change the time")
UPCOMING_BUTTON = N_("📅 Upcoming meetings")


def change_buttons(t: Translator, announcement: Announcement) -> list[Button]:
    """« ❌ Cancel the meeting », « 🕘 Change the time »: under the broadcast's report."""
    i = announcement.id
    return [(t.gettext(CANCEL_LABEL), CANCEL.pack(i)), (t.gettext(MOVE_LABEL), MOVE.pack(i))]


async def sent_meeting(session: AsyncSession, announcement_id: int) -> Announcement:
    """A sent announcement (a draft, never sent, is no meeting to change: out of date)."""
    announcement = await get_announcement(session, announcement_id)
    if announcement.approved_at is None or announcement.starts_at is None:
        raise MeetingChanged(f"announcement {announcement_id} was never sent")
    return announcement


def overtaken(context: QualiContext, announcement: Announcement, minute: int | None = None) -> bool:
    """Whether the meeting began, or was cancelled or moved, since a button was drawn at its ``minute``."""
    moved = minute is not None and minute != minute_of(announcement.starts_at)
    return moved or not changeable(announcement, context.now())


def unchanged(context: QualiContext, announcement: Announcement, kept: dict) -> Step:
    """A change overtaken (cancelled, moved or begun meanwhile): said so, nothing done, the meeting shown."""
    _ = context._
    if called_off(announcement):
        said = _("This meeting was cancelled meanwhile: nothing was changed.")
    elif announcement.starts_at <= context.now():
        said = _("This meeting has begun: nothing was changed.")
    else:  # moved by a colleague (or its broadcast not done yet: the time shown is the one it has)
        when = news.when_of(context.t, announcement)
        said = _("This meeting was moved meanwhile, to {date}: nothing was changed.").format(date=when)
    return Step(meeting_position(announcement.id, kept), "⚠️ " + e(said))


async def overtaken_screen(
    context: QualiContext, session: AsyncSession, announcement: Announcement, data: dict
) -> Screen:
    """A confirmation drawn once its meeting can no longer change (typed on, reopened): the meeting's
    screen instead, saying why, with no « Yes » left that could not work."""
    step = unchanged(context, announcement, {"page": int(data["page"])} if "page" in data else {})
    return with_notice(await render(context, session, step.position), step.notice)


async def begun_from(context: QualiContext, session: AsyncSession, announcement_id: int) -> dict:
    """{"page": n} while this meeting's changes were begun from the list's page n (as saved: its meeting
    screen, or a confirmation or the question carrying the page); {} from the report."""
    position = await load_position(session, context.visitor.user.id)
    data, screen = position.data, position.screen
    page = data.get("page", 0 if screen == LISTED else None)
    same = screen in (LISTED, CANCEL_CONFIRM, MOVE_WHEN, MOVE_CONFIRM) and data.get("id") == announcement_id
    return {"page": int(page)} if same and page is not None else {}


def meeting_position(announcement_id: int, kept: dict) -> Position:
    """Where ⬅️ and a change's end lead: the list's meeting screen at its page, or the report's."""
    return Position(LISTED if kept else MEETING, {"id": announcement_id, **kept})


def _head(context: QualiContext, announcement: Announcement) -> list[str]:
    return ["📢 " + bold(announcement.title), e(news.when_line(context.t, announcement))]


@screen(MEETING)
async def meeting_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """A sent meeting: cancelled, begun, or still to be cancelled or moved."""
    _ = context._
    announcement = await sent_meeting(session, int(data["id"]))
    lines, rows = _head(context, announcement), []
    if called_off(announcement):
        lines += ["", "❌ " + e(_("Cancelled: the people the announcement reached are told."))]
    elif changeable(announcement, context.now()):
        lines += ["", e(_("You can still cancel this meeting or change its time: whoever the announcement "
                          "reached will be told."))]  # fmt: skip
        rows.append(change_buttons(context.t, announcement))
    else:
        lines += ["", e(_("This meeting has begun or is over: it can no longer be changed."))]
    if not rows:  # cancelled or begun: the meetings still ahead, a way on (and back to /annonce)
        rows.append([(_(UPCOMING_BUTTON), UPCOMING.pack())])
    return Screen("\n".join(lines), keyboard(*rows))


@screen(CANCEL_CONFIRM)
async def cancel_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """What cancelling does, before it is done."""
    _, t = context._, context.t
    announcement = await sent_meeting(session, int(data["id"]))
    if not changeable(announcement, context.now()):
        return await overtaken_screen(context, session, announcement, data)
    n = len(await reached(session, announcement.id))
    told = t.ngettext(
        "{n} person who received the announcement will be told it is cancelled, in their language.",
        "{n} people who received the announcement will be told it is cancelled, in their language.",
        n,
    ).format(n=t.format_number(n))
    lines = ["❌ " + bold(_("Cancel this meeting?")), *_head(context, announcement), "", e(told)]
    lines.append(
        e(_("The reminder one hour before will not come; the calendar file will say it is cancelled."))
    )
    i = announcement.id
    yes = [(_("❌ Yes, cancel the meeting"), CANCEL_YES.pack(i, minute_of(announcement.starts_at)))]
    return Screen("\n".join(lines), keyboard(yes, [back_button(context, MEETING_SCREEN.pack(i))]))


@screen(MOVE_WHEN)
async def move_when_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The new date and time, asked as the composer asks it."""
    _ = context._
    announcement = await sent_meeting(session, int(data["id"]))
    lines = [
        "🕘 " + e(_("Change the time of “{title}”").format(title=announcement.title)),
        "",
        bold(_("New date and time of the meeting?")),
        italic(meeting_example(context)),
        "",
        e(_("Currently: {value}").format(value=news.when_of(context.t, announcement))),
    ]
    return Screen("\n".join(lines), keyboard([back_button(context, MEETING_SCREEN.pack(announcement.id))]))


@screen(MOVE_CONFIRM)
async def move_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """What moving does, before it is done."""
    _, t = context._, context.t
    announcement = await sent_meeting(session, int(data["id"]))
    if not changeable(announcement, context.now()):
        return await overtaken_screen(context, session, announcement, data)
    n = len(await reached(session, announcement.id))
    told = t.ngettext(
        "{n} person who received the announcement will be told the new time, in their language.",
        "{n} people who received the announcement will be told the new time, in their language.",
        n,
    ).format(n=t.format_number(n))
    # its length after the move: the slot typed, else its own (a position saved before lengths: none)
    to = news.meeting_when(t, datetime.fromisoformat(data["at"]), data.get("minutes"))
    lines = [
        "🕘 " + bold(_("Move this meeting?")),
        "📢 " + bold(announcement.title),
        e(_("From {was} to {date}").format(was=news.when_of(t, announcement), date=to)),
        "",
        e(told),
        e(_("The answers given are kept; the reminder comes one hour before the new time.")),
    ]
    i = announcement.id
    yes = [(_("🕘 Yes, move the meeting"), MOVE_YES.pack(i, minute_of(announcement.starts_at)))]
    return Screen("\n".join(lines), keyboard(yes, [back_button(context, MEETING_SCREEN.pack(i))]))


async def open_meeting(context: QualiContext, session: AsyncSession, args: list) -> Step:
    """⬅️ from a confirmation or the question: the meeting's screen it was begun from."""
    i = (await sent_meeting(session, args[0])).id
    return Step(meeting_position(i, await begun_from(context, session, i)))


async def asked(screen_name: str, context: QualiContext, session: AsyncSession, args: list) -> Step:
    """❌ and 🕘 (and ✏️ under the new time's echo): the confirmation or the question, the list's page kept."""
    announcement = await sent_meeting(session, args[0])
    kept = await begun_from(context, session, announcement.id)
    if overtaken(context, announcement):  # cancelled or begun since its screen was drawn: said, as « Yes »
        return unchanged(context, announcement, kept)
    return Step(Position(screen_name, {"id": announcement.id, **kept}))


ask_cancel, ask_move = partial(asked, CANCEL_CONFIRM), partial(asked, MOVE_WHEN)


async def confirm_cancel(context: QualiContext, session: AsyncSession, args: list) -> Step:
    """❌ Yes: cancelled, its people told (once: pressed again, it says the meeting is cancelled)."""
    announcement = await sent_meeting(session, args[0])
    kept = await begun_from(context, session, announcement.id)
    if overtaken(context, announcement, args[1]):
        return unchanged(context, announcement, kept)
    n = await call_off(session, announcement, context.visitor.user.id, context.now())
    done = context.t.ngettext(
        "The meeting is cancelled: {n} person will be told.",
        "The meeting is cancelled: {n} people will be told.",
        n,
    )
    return Step(meeting_position(announcement.id, kept), "✅ " + e(done.format(n=context.t.format_number(n))))


@text_answer(MOVE_WHEN)
async def take_new_time(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """The new date and time, echoed in full (✏️ to type it again), then the confirmation."""
    if not context.visitor.is_admin:
        raise NotAllowed("no longer a federation admin")
    announcement = await sent_meeting(session, int(data["id"]))
    kept = await begun_from(context, session, announcement.id)
    if not changeable(announcement, context.now()):  # begun or cancelled meanwhile
        return unchanged(context, announcement, kept)
    at, ends = parse_meeting_slot(text, context.t.language, context.now())
    # a slot typed gives the meeting its new length; a time alone moves it as long as it was
    minutes = announcement.duration_minutes if ends is None else news.length_of(at, ends)
    if (at, minutes) == (announcement.starts_at, announcement.duration_minutes):
        said = context._("That is the meeting’s time already: type the new one.")
        return Step(Position(MOVE_WHEN, {"id": announcement.id, **kept}), "⚠️ " + e(said))
    saved = {"id": announcement.id, "at": at.isoformat(), "minutes": minutes, **kept}
    correct = (context._("✏️ Correct"), MOVE.pack(announcement.id))
    return Step(Position(MOVE_CONFIRM, saved), news.time_echo(context.t, at, minutes), buttons=[correct])


async def confirm_move(context: QualiContext, session: AsyncSession, args: list) -> Step:
    """🕘 Yes: moved to the time the confirmation shows (the saved position's), its people told."""
    announcement = await sent_meeting(session, args[0])
    position = await load_position(session, context.visitor.user.id)
    if position.screen != MOVE_CONFIRM or position.data.get("id") != announcement.id:
        raise MeetingChanged("no new time confirmed for this meeting")  # an older or forged button
    to = datetime.fromisoformat(position.data["at"])
    kept = await begun_from(context, session, announcement.id)
    if overtaken(context, announcement, args[1]):
        return unchanged(context, announcement, kept)
    if to <= context.now():
        said = context._("The new time, {when}, has passed: nothing was changed. Give another one.")
        notice = "⚠️ " + e(said.format(when=context.t.format_datetime(to)))
        return Step(Position(MOVE_WHEN, {"id": announcement.id, **kept}), notice)
    minutes = position.data.get("minutes")  # the length confirmed with the time
    n = await move(session, announcement, context.visitor.user.id, to, context.now(), minutes)
    done = context.t.ngettext(
        "The meeting is moved: {n} person will be told.", "The meeting is moved: {n} people will be told.", n
    )
    return Step(meeting_position(announcement.id, kept), "✅ " + e(done.format(n=context.t.format_number(n))))


NOTICES = {CANCELLED_NEWS: news.cancelled_news, MOVED_NEWS: news.moved_news}


def handlers() -> list:
    """The sent meeting's buttons: federation admins only."""
    return [
        button(MEETING_SCREEN, open_meeting, require_admin),
        button(CANCEL, ask_cancel, require_admin),
        button(CANCEL_YES, confirm_cancel, require_admin),
        button(MOVE, ask_move, require_admin),
        button(MOVE_YES, confirm_move, require_admin),
    ]
