"""Dates ahead: reminder messages, /calendrier and its .ics file."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import NamedTuple

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CommandHandler

from conversations.follow_up.bilan_closed import CODE_OF
from conversations.follow_up.bilan_history import bilan_lines
from conversations.follow_up.calendar_file import dossier_meeting, meeting_concerns, visitor_events
from conversations.render.dates.moments import meeting_moment
from conversations.render.formatting import EVENT_ADVICE, LATE_STEP, event_name
from conversations.render.html import bold, e
from conversations.render.ics import build_ics
from conversations.ui import callbacks as cb
from conversations.ui.common import nav_row
from conversations.ui.context import QualiContext
from conversations.ui.messages import Button, keyboard, reply
from conversations.ui.middleware import require_member
from conversations.ui.router import on_button
from locales import N_, Translator
from models.clock import paris_time, paris_today
from models.dossier.current import current_dossier
from models.label.committee import committee_agenda
from models.label.lifecycle import INTERIM_CHECKPOINTS
from models.label.meetings import next_meeting_at
from models.label.reminders import COMMITTEE_MEETING, Reminder
from models.label.transitions import checkpoints_of
from models.parsing.names import reading_order
from models.tables import CheckpointKind, DossierStatus

# the committee's agenda on /calendrier: what is due within this, the rest is in the file
AGENDA_HORIZON = timedelta(days=92)
DEADLINE = N_("{event} — by {date} at the latest ({when})")
# /calendrier with nothing ahead: said, in words fitting the dossier
NOTHING_AHEAD = N_("No date is planned for now.")
NOT_RETAINED = N_("No date is planned: the validation committee did not retain your candidacy.")
REAPPLY_HOW = N_(
    "You may prepare a new candidacy for a later committee: “{button}” on your dossier’s home (/dossier)."
)
REAPPLY_BY_DIRECTION = N_("Your direction may prepare a new candidacy, from the dossier’s home (/dossier).")
# the file then holds only dates withdrawn: of use to those who imported them before, said so
WITHDRAW_NOTE = N_(
    "If you added Quali’Coop’s dates to your calendar, the button below gives you a file that withdraws "
    "those no longer current."
)
# … and none at all, not an empty file: what an older button of the screen answers then
COMMITTEE_LIST = N_("📋 Dossiers")  # the committee's way home: its list of dossiers (/comite)
NO_FILE = N_("Your calendar needs no Quali’Coop file: no date to add to it, none to withdraw from it.")


def reminder_message(
    t: Translator, reminder: Reminder, today: date, bilan_sent: datetime | None = None
) -> tuple[str, InlineKeyboardMarkup]:
    """The text and button of one reminder, in the recipient's language (``bilan_sent``: when the
    coop sent its bilan for this checkpoint, if it did: said, instead of inviting to prepare it)."""
    event = reminder.event
    days_left = (event.due_on - today).days  # a late reminder says the real distance
    if days_left <= 0:
        when = t.gettext("today")
    elif days_left == 1:
        when = t.gettext("tomorrow")
    else:
        when = t.ngettext("in {n} day", "in {n} days", days_left).format(n=days_left)
    # the visit is a deadline (A + 18 months at the latest), not an appointment on that day
    said = DEADLINE if event.kind == CheckpointKind.VISIT else N_("{event} — {when}: {date}")
    head = e(t.gettext(said)).format(
        event=bold(event_name(t, event.kind)),
        when=e(when),
        date=e(day_said(t, event.kind, event.due_on)),
    )
    lines = [f"⏰ {head}"]
    if reminder.catch_up:
        lines[0] = (
            "🔔 " + e(t.gettext("Reminder (sent late, the assistant was unavailable):")) + "\n" + lines[0]
        )
    if event.coop_name:
        lines.append(e(event.coop_name))
    if event.kind == COMMITTEE_MEETING:
        lines.append(
            e(
                t.ngettext(
                    "{n} dossier is waiting for a decision.",
                    "{n} dossiers are waiting for a decision.",
                    event.waiting,
                ).format(n=event.waiting)
            )
        )
        return "\n".join(lines), keyboard([(t.gettext(COMMITTEE_LIST), cb.COMMITTEE.pack())])
    lines.append(e(t.gettext(EVENT_ADVICE.get(event.kind, EVENT_ADVICE["six_months"]))))
    bilan = []
    if event.kind in INTERIM_CHECKPOINTS and bilan_sent is not None:
        sent_on = t.format_date(paris_time(bilan_sent).date())
        lines.append("✅ " + e(t.gettext("Your checkpoint report was sent on {date}.").format(date=sent_on)))
    elif event.kind in INTERIM_CHECKPOINTS:  # issue 14: the invitation to prepare the bilan d'étape
        lines += bilan_lines(t, reminder)
        bilan = [[(t.gettext("📝 Prepare the report"), cb.BILAN.pack(CODE_OF[event.kind]))]]  # this one
    return "\n".join(lines), keyboard(
        *bilan,
        [(t.gettext("📈 My progress"), cb.PROGRESS.pack()), (t.gettext("📅 Calendar"), cb.CALENDAR.pack())],
    )


class Ahead(NamedTuple):
    """What /calendrier lists for the visitor: (kind, date) ahead, those passed unrecorded, and the
    status of their coop's current dossier (None: not a coop member)."""

    dates: list[tuple[str, date]]
    overdue: list[tuple[str, date]]
    status: DossierStatus | None


async def upcoming(context: QualiContext) -> Ahead:
    """What is ahead for the visitor: their coop's checkpoints, the committee's next meeting when their
    dossier waits for it (a committee member: always); the checkpoints whose day has passed without
    being recorded are ``overdue`` (still to be held)."""
    today = paris_today(context.now())
    meeting = next_meeting_at(context.now(), context.bot_data.committee_dates)
    dates: list[tuple[str, date]] = []
    overdue: list[tuple[str, date]] = []
    status = None
    concerned = context.visitor.coop is None or context.visitor.is_committee
    if context.visitor.coop is not None:
        async with context.db.transaction() as session:
            dossier = await current_dossier(session, context.coop_id)
            checkpoints = await checkpoints_of(session, dossier.id)
        status = dossier.status
        meeting = dossier_meeting(dossier, context.now(), context.bot_data.committee_dates)
        dates += [(c.kind, c.due_on) for c in checkpoints if c.held_on is None and c.due_on >= today]
        overdue += sorted(((c.kind, c.due_on) for c in checkpoints if not c.held_on and c.due_on < today),
                          key=lambda item: item[1])  # fmt: skip
        concerned = concerned or meeting_concerns(dossier, checkpoints, meeting)
    if concerned:
        dates.append((COMMITTEE_MEETING, meeting))
    return Ahead(sorted(dates, key=lambda item: item[1]), overdue, status)


def nothing_ahead_lines(context: QualiContext, status: DossierStatus | None) -> list[str]:
    """No date ahead, said in words fitting the dossier: not retained, how a new candidacy is prepared."""
    t = context.t
    if status != DossierStatus.REFUSED:
        return [e(t.gettext(NOTHING_AHEAD))]
    if context.visitor.is_direction:  # the one who may: the button of the home that does it, by its name
        how = e(t.gettext(REAPPLY_HOW).format(button=t.gettext("📝 Prepare a new candidacy")))
    else:
        how = "ℹ️ " + e(t.gettext(REAPPLY_BY_DIRECTION))
    return ["⛔ " + e(t.gettext(NOT_RETAINED)), how]


def way_home(context: QualiContext) -> list[Button]:
    """A member's way home (their dossier); the committee's, without a coop, its list of dossiers."""
    if context.visitor.coop is not None:
        return nav_row(context)
    return [(context.t.gettext(COMMITTEE_LIST), cb.COMMITTEE.pack())]


async def calendar_allowed(update: Update, context: QualiContext) -> bool:
    """Coop members and the committee have dates ahead; others are told how to join."""
    if context.visitor is None or (context.visitor.coop is None and not context.visitor.is_committee):
        await require_member(update, context)
        return False
    if update.callback_query is not None:
        await update.callback_query.answer()
    return True


def day_said(t: Translator, kind: str, day: date) -> str:
    """« mardi 1er mars 2027 »; the committee's meeting with its hour, « mardi 1er décembre 2026 à 14 h 00 »
    (the .ics's start: a meeting is an appointment, a checkpoint a day)."""
    return meeting_moment(t, day) if kind == COMMITTEE_MEETING else t.format_date(day, "full")


def ahead_line(t: Translator, kind: str, day: date) -> str:
    """« mardi 1er décembre 2026 à 14 h 00 — Réunion du comité de validation »; the visit is a deadline:
    « au plus tard le mardi 29 février 2028 — Visite du comité (18 mois) », as its reminders and the
    committee say."""
    when = day_said(t, kind, day)
    if kind == CheckpointKind.VISIT:
        when = t.gettext("by {date} at the latest").format(date=when)
    return f"{when} — {event_name(t, kind)}"


# the committee's line for a step passed unrecorded, in words that agree with every step (as the coop's)
LATE_AGENDA = {
    "": N_("{coop} — {event}: due on {date}, not recorded yet"),
    "visit": N_("{coop} — {event}: due by {date} at the latest, not recorded yet"),
}


def agenda_lines(t: Translator, agenda: list, today: date) -> list[str]:
    """The committee's part: each coop's steps not recorded yet, the late first, then those of the
    next months (the later ones are in the file)."""
    steps = sorted(
        ((checkpoint, followed.coop) for followed in agenda if followed.current
         for checkpoint in followed.checkpoints if checkpoint.held_on is None),
        key=lambda step: (step[0].due_on, reading_order(step[1])),  # a day's coops as /comite lists them
    )  # fmt: skip
    if not steps:
        return []
    lines = ["", "🗂 " + bold(t.gettext("Steps of the coops to record"))]
    for checkpoint, coop in steps:
        if checkpoint.due_on < today:
            late = t.gettext(LATE_AGENDA.get(checkpoint.kind, LATE_AGENDA[""]))
            said = late.format(
                coop=coop.name, event=event_name(t, checkpoint.kind), date=t.format_date(checkpoint.due_on)
            )
            lines.append("⏳ " + e(said))
    horizon = today + AGENDA_HORIZON
    soon = [(c, coop) for c, coop in steps if today <= c.due_on <= horizon]
    later = [(c, coop) for c, coop in steps if c.due_on > horizon]
    if not soon and later:  # not a heading over « … and 2 later dates » alone: the next one, said so
        lines.append(e(t.gettext("Nothing to record in the next three months. The next step:")))
        soon, later = later[:1], later[1:]
    lines += [f"• {e(ahead_line(t, c.kind, c.due_on))} — {e(coop.name)}" for c, coop in soon]
    if later:
        more = t.ngettext(
            "… and {n} later date, in the calendar file.",
            "… and {n} later dates, in the calendar file.",
            len(later),
        )
        lines.append(e(more.format(n=len(later))))
    return lines


async def show_calendar(update: Update, context: QualiContext) -> None:
    """/calendrier: the dates ahead, with a button for the .ics file."""
    if not await calendar_allowed(update, context):
        return
    t = context.t
    ahead = await upcoming(context)
    lines = ["📅 " + bold(t.gettext("Dates ahead")), ""]
    for kind, day in ahead.overdue:  # a day passed without the committee recording it: still to be held
        late = t.gettext(LATE_STEP.get(kind, LATE_STEP[""]))  # the home's words, the visit a deadline
        lines.append("⏳ " + e(late.format(event=event_name(t, kind), date=t.format_date(day))))
    lines += [f"• {e(ahead_line(t, kind, day))}" for kind, day in ahead.dates]
    if not ahead.dates and not ahead.overdue:
        lines += nothing_ahead_lines(context, ahead.status)
    if context.visitor.is_committee:
        async with context.db.transaction() as session:
            agenda = await committee_agenda(session)
        lines += agenda_lines(t, agenda, paris_today(context.now()))
    add = [(t.gettext("📅 Add to my calendar"), cb.CALENDAR_FILE.pack())]
    if not ahead.dates:  # the file adds nothing: it only withdraws the copies of dates imported before,
        add = []  # if it holds any (none: no earlier file could have held a date still to withdraw)
        if await visitor_events(context):
            lines += ["", e(t.gettext(WITHDRAW_NOTE))]
            add = [(t.gettext("📅 Withdraw the dates from my calendar"), cb.CALENDAR_FILE.pack())]
    await reply(update, "\n".join(lines), keyboard(add, way_home(context)))


async def send_ics(update: Update, context: QualiContext) -> None:
    """The dates ahead as an .ics file to import into a calendar; a file imported again updates the
    events of the earlier one (conversations.follow_up.calendar_file)."""
    if not await calendar_allowed(update, context):
        return
    events = await visitor_events(context)
    if not events:  # an older screen's button, the last dates since withdrawn or passed: no empty file
        await reply(update, e(context.t.gettext(NO_FILE)), keyboard(way_home(context)))
        return
    content = build_ics(events, "Quali’Coop", context.now())
    await update.effective_chat.send_document(content, filename="qualicoop.ics")


def handlers() -> list:
    """Calendar commands and buttons."""
    return [
        CommandHandler(["calendrier", "calendar"], show_calendar),
        on_button(cb.CALENDAR, show_calendar),
        on_button(cb.CALENDAR_FILE, send_ics),
    ]
