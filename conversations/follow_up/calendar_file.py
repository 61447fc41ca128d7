"""The .ics file of /calendrier: one event per milestone, under a UID of its own across files.

A calendar that imported an earlier file holds its events by UID: each milestone keeps its UID when its
date moves (kind, cycle, coop: not the date), every file gives its events a higher SEQUENCE than the
last one (the time it is made), and what no longer applies (a checkpoint the early visit made moot, a
checkpoint or visit held, a closed cycle's) is sent again as cancelled, so that a re-import moves or
removes the copies instead of adding to them. The committee's next meeting is in a coop's file while
its dossier waits for it; else it is sent cancelled only when an earlier file could have held it (the
committee recorded a step on the dossier since the previous meeting began: ``meeting_withdrawn``), and
left out otherwise: a cancelled event a calendar never had is noise (some show it struck through,
« Annulé : … »), as LEGACY_UIDS_UNTIL says of the copies named by date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from conversations.render.formatting import EVENT_ADVICE, event_name
from conversations.render.ics import IcsEvent
from locales import N_, Translator
from models.clock import PARIS, as_utc, paris_today
from models.dossier.current import current_dossier
from models.label.bilans import coop_dossier_ids
from models.label.committee import LabelDossier, committee_agenda, latest_step
from models.label.lifecycle import AFTER_LABEL, timeline
from models.label.meetings import (
    meeting_starts,
    meeting_waited_for,
    next_meeting_at,
    previous_committee_meeting,
)
from models.label.reminders import COMMITTEE_MEETING, WAITING_FOR_A_DECISION
from models.label.transitions import checkpoints_of
from models.tables import AuditEntry, Checkpoint, CheckpointKind, Dossier, DossierStatus

if TYPE_CHECKING:
    from sqlmodel.ext.asyncio.session import AsyncSession

    from conversations.ui.context import QualiContext

# SEQUENCE: the seconds from this instant to the file's making, growing from one file to the next
# and within 32 bits (what clients read) until 2094
SEQUENCE_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
# files made until then also withdraw the copies named by date (until 3 December 2026): half a year for
# those who imported one to import a new file; later, a cancelled unknown event is only noise (some
# calendars show it, struck through, beside the live one)
LEGACY_UIDS_UNTIL = date(2027, 6, 1)
# … and only for a milestone such a file could have held: its dossier admissible (the checkpoints), or
# labelled (the label's), on a day before then; a decision is never dated after the day it is recorded
STABLE_UIDS_SINCE = date(2026, 12, 3)
# the committee meets at 2 pm Paris time (meetings.MEETING_TIME); we give it an afternoon's two hours
MEETING_LENGTH = timedelta(hours=2)
# the dossier is on its way to the committee: prepared for its next meeting, read there, or its label
# decided there (VISITED); a followed dossier waits for it too when a step is due by then
ON_ITS_WAY = (
    DossierStatus.DRAFT,
    DossierStatus.READY,
    DossierStatus.INFO_REQUESTED,
    DossierStatus.SUBMITTED,
    DossierStatus.VISITED,
)
FOLLOWED = (DossierStatus.ADMISSIBLE, DossierStatus.LABELLED)
LABEL_KINDS = {kind for kind, _months in AFTER_LABEL}  # dated from the label (L), the others from A
DEADLINE_SUMMARY = N_("{event}: deadline")
DEADLINE_NOTE = N_(
    "The visit takes place by this date at the latest, earlier if your coop says it is ready (its direction "
    "says so in /progress: “🚪 Ready for the visit”)."
)
MEETING_NOTE = N_(
    "Quarterly meeting of the validation committee: it reviews the dossiers waiting for its decision."
)
# the command as its reader's language names it, as in every message (EVENT_ADVICE's /progress):
# the English one here, the French translation's /comite
AGENDA_NOTE = N_("A step the validation committee records for this coop, in /committee.")
GONE_NOTE = N_("This date no longer applies: the step was held or is no longer due.")
MEETING_GONE_NOTE = N_("Your dossier is not waiting for this meeting.")


@dataclass(frozen=True)
class Milestone:
    """One date of a coop's timeline, still ahead (active) or no longer applying (to cancel)."""

    kind: str
    day: date
    cycle: int
    active: bool
    legacy: bool = False  # a file made before UIDs were stable may have named it by date


@dataclass(frozen=True)
class CoopMeeting:
    """The committee meeting a coop's dates show, whether its dossier waits for it, and if not whether an
    earlier file could have held it (sent cancelled then, else left out of the file)."""

    day: date
    concerned: bool
    withdrawn: bool = False


def dossier_meeting(dossier: Dossier | None, now: datetime, configured) -> date:
    """The meeting the coop's dates show: the next one not yet started, or, for a dossier waiting for a
    decision since before the meeting under way began, that one until its day is over (as its home)."""
    waiting = dossier is not None and dossier.status in WAITING_FOR_A_DECISION
    return meeting_waited_for(now, configured, dossier.submitted_at if waiting else None)


def meeting_concerns(dossier: Dossier | None, checkpoints: list[Checkpoint], meeting: date) -> bool:
    """Whether the coop's current dossier waits for this meeting: on its way to the committee, or
    followed with a step due by then not recorded (as models.label.reminders.waiting_for_the_committee
    counts the dossiers the committee is told about)."""
    if dossier is None or dossier.status in ON_ITS_WAY:
        return True
    due = any(c.held_on is None and c.due_on <= meeting for c in checkpoints)
    return dossier.status in FOLLOWED and due


def meeting_withdrawn(dossier: Dossier, step: AuditEntry | None, meeting: date, configured) -> bool:
    """Whether a file made earlier could have held this meeting while the dossier waited for it: files
    show it from the previous meeting's start (from the end of that day for a dossier waiting then since
    before it began, read there: dossier_meeting), and the committee recorded a step on the dossier, its
    ``latest_step``, since (a decision, a checkpoint held: what ends a wait, taken to have ended one)."""
    if step is None:
        return False
    previous = previous_committee_meeting(meeting, configured)
    shown_from = meeting_starts(previous)
    waited = step.old_value in WAITING_FOR_A_DECISION  # the status it left: the audit's old value
    if waited and dossier.submitted_at is not None and as_utc(dossier.submitted_at) < shown_from:
        shown_from = datetime.combine(previous + timedelta(days=1), time(0), tzinfo=PARIS)
    return as_utc(step.at) >= shown_from


async def coop_meeting(
    session: AsyncSession, dossier: Dossier | None, now: datetime, configured
) -> CoopMeeting:
    """The meeting of the coop's file: its dossier's audit is read only when it does not wait for it."""
    day = dossier_meeting(dossier, now, configured)
    checkpoints = await checkpoints_of(session, dossier.id) if dossier is not None else []
    if meeting_concerns(dossier, checkpoints, day):
        return CoopMeeting(day, concerned=True)
    step = await latest_step(session, dossier.id)
    return CoopMeeting(day, concerned=False, withdrawn=meeting_withdrawn(dossier, step, day, configured))


def dossier_milestones(dossier: Dossier, checkpoints: list[Checkpoint], today: date, current: bool):
    """The dossier's timeline: what is still to hold from today is active; what was held, dropped by
    the visit (its row removed) or belongs to a closed cycle is not; a date passed without being
    recorded is left out (still to be held, the imported copy stays as it is)."""
    rows = {c.kind: c for c in checkpoints}
    planned = dict(timeline(dossier.admissible_on, dossier.labelled_on))
    for kind in sorted(planned.keys() | rows.keys(), key=list(CheckpointKind).index):
        row = rows.get(kind)
        day = row.due_on if row is not None else planned[kind]
        active = current and row is not None and row.held_on is None
        if active and day < today:
            continue
        since = dossier.labelled_on if kind in LABEL_KINDS else dossier.admissible_on
        yield Milestone(kind, day, dossier.cycle, active, since is not None and since < STABLE_UIDS_SINCE)


async def coop_milestones(
    session: AsyncSession, coop_id: int, current: Dossier, today: date
) -> list[Milestone]:
    """Every cycle's milestones of a coop."""
    found: list[Milestone] = []
    for dossier_id in await coop_dossier_ids(session, coop_id):
        dossier = current if dossier_id == current.id else await session.get(Dossier, dossier_id)
        checkpoints = await checkpoints_of(session, dossier_id)
        found += dossier_milestones(dossier, checkpoints, today, current=dossier_id == current.id)
    return sorted(found, key=lambda m: (m.day, m.cycle))


def event_words(t: Translator, kind: str) -> tuple[str, str]:
    """An event's name and advice; the visit is a deadline, not an appointment on that day."""
    name = event_name(t, kind)
    advice = t.gettext(EVENT_ADVICE[kind]) if kind in EVENT_ADVICE else ""
    if kind == CheckpointKind.VISIT:
        return t.gettext(DEADLINE_SUMMARY).format(event=name), f"{t.gettext(DEADLINE_NOTE)}\n{advice}"
    return name, advice


def agenda_events(t: Translator, agenda: list[LabelDossier], today: date, sequence: int) -> list[IcsEvent]:
    """The committee's agenda: each coop's milestones as the coop's own file gives them (ahead, or
    withdrawn: held, made moot by an early visit, of a closed cycle), under UIDs of the committee's
    own (a member of the committee may also import their coop's file) and with the coop's name."""
    events = []
    for followed in agenda:
        coop = followed.coop
        for milestone in dossier_milestones(followed.dossier, followed.checkpoints, today, followed.current):
            name, _ = event_words(t, milestone.kind)
            note = t.gettext(AGENDA_NOTE if milestone.active else GONE_NOTE)
            events.append(
                IcsEvent(
                    f"{milestone.kind}-cycle{milestone.cycle}-coop{coop.id}-committee@qualicoop",
                    f"Quali’Coop — {coop.name} — {name}",
                    milestone.day,
                    description=note,
                    sequence=sequence,
                    cancelled=not milestone.active,
                )
            )
    return events


def milestone_events(
    t: Translator, milestones: list[Milestone], coop_id: int, sequence: int, legacy: bool = False
) -> list[IcsEvent]:
    """The milestones' events; with ``legacy``, each such a file could have held (``Milestone.legacy``)
    also cancels the UID files gave it before UIDs were stable (``{kind}-{date}-{coop}``), so that a
    calendar holding those keeps no second copy."""
    events = []
    for milestone in milestones:
        name, advice = event_words(t, milestone.kind)
        summary, day = f"Quali’Coop — {name}", milestone.day
        uid = f"{milestone.kind}-cycle{milestone.cycle}-coop{coop_id}@qualicoop"
        note = advice if milestone.active else t.gettext(GONE_NOTE)
        events.append(
            IcsEvent(uid, summary, day, description=note, sequence=sequence, cancelled=not milestone.active)
        )
        if legacy and milestone.legacy:
            old = f"{milestone.kind}-{day.isoformat()}-{coop_id}@qualicoop"
            gone = t.gettext(GONE_NOTE)
            events.append(IcsEvent(old, summary, day, description=gone, sequence=sequence, cancelled=True))
    return events


def meeting_events(t: Translator, meeting: CoopMeeting, owner: str, sequence: int) -> list[IcsEvent]:
    """The next committee meeting at its time in Paris (none when no file could have held it); its UID
    keeps its day, which is what names a meeting (another day is another meeting)."""
    if not meeting.concerned and not meeting.withdrawn:
        return []
    start = meeting_starts(meeting.day)
    return [
        IcsEvent(
            uid=f"{COMMITTEE_MEETING}-{meeting.day.isoformat()}-{owner}@qualicoop",
            summary=f"Quali’Coop — {event_name(t, COMMITTEE_MEETING)}",
            start=start,
            end=start + MEETING_LENGTH,
            description=t.gettext(MEETING_NOTE if meeting.concerned else MEETING_GONE_NOTE),
            sequence=sequence,
            cancelled=not meeting.concerned,
        )
    ]


def calendar_events(t: Translator, milestones: list[Milestone], coop_id: int | None, meeting: CoopMeeting,
                    now: datetime, agenda: list[LabelDossier] = ()) -> list[IcsEvent]:  # fmt: skip
    """The .ics's events: the next meeting (cancelled when the coop's dossier no longer waits for it and
    an earlier file could have held it), the milestones ahead and those no longer applying, cancelled;
    for the committee, its ``agenda``."""
    sequence = max(0, int((as_utc(now) - SEQUENCE_EPOCH).total_seconds()))
    owner = str(coop_id) if coop_id is not None else "committee"
    events = meeting_events(t, meeting, owner, sequence)
    if coop_id is not None:
        events += milestone_events(
            t, milestones, coop_id, sequence, legacy=paris_today(now) < LEGACY_UIDS_UNTIL
        )
    events += agenda_events(t, list(agenda), paris_today(now), sequence)
    return events


async def visitor_events(context: QualiContext) -> list[IcsEvent]:
    """The events of the visitor's .ics (none: nothing to add nor to withdraw): their coop's, with its
    meeting; a committee member's hold the meeting whatever their coop's dossier, and the agenda."""
    now, coop, configured = context.now(), context.visitor.coop, context.bot_data.committee_dates
    meeting = CoopMeeting(next_meeting_at(now, configured), concerned=True)
    milestones: list[Milestone] = []
    agenda: list[LabelDossier] = []
    async with context.db.transaction() as session:
        if coop is not None:
            dossier = await current_dossier(session, coop.id)
            milestones = await coop_milestones(session, coop.id, dossier, paris_today(now))
            if context.visitor.is_committee:
                meeting = CoopMeeting(dossier_meeting(dossier, now, configured), concerned=True)
            else:
                meeting = await coop_meeting(session, dossier, now, configured)
        if context.visitor.is_committee:
            agenda = await committee_agenda(session)
    return calendar_events(context.t, milestones, coop.id if coop else None, meeting, now, agenda)
