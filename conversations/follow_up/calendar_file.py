"""The .ics file of /calendrier: one event per milestone, under a UID of its own across files.

A calendar that imported an earlier file holds its events by UID: each milestone keeps its UID when its
date moves (kind, cycle, coop: not the date), every file gives its events a higher SEQUENCE than the
last one (the time it is made), and what no longer applies (a checkpoint the early visit made moot, a
checkpoint or visit held, a closed cycle's, a meeting the coop's dossier no longer waits for) is sent
again as cancelled, so that a re-import moves or removes the copies instead of adding to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from conversations.render.formatting import EVENT_ADVICE, event_name
from conversations.render.ics import IcsEvent, build_ics
from locales import N_, Translator
from models.clock import as_utc, paris_today
from models.label.bilans import coop_dossier_ids
from models.label.committee import LabelDossier
from models.label.lifecycle import AFTER_LABEL, timeline
from models.label.meetings import meeting_starts, meeting_waited_for
from models.label.reminders import COMMITTEE_MEETING, WAITING_FOR_A_DECISION
from models.label.transitions import checkpoints_of
from models.tables import Checkpoint, CheckpointKind, Dossier, DossierStatus

if TYPE_CHECKING:
    from sqlmodel.ext.asyncio.session import AsyncSession

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


def dossier_meeting(dossier: Dossier, now: datetime, configured) -> date:
    """The meeting the coop's dates show: the next one not yet started, or, for a dossier waiting for a
    decision since before the meeting under way began, that one until its day is over (as its home)."""
    waiting = dossier.status in WAITING_FOR_A_DECISION
    return meeting_waited_for(now, configured, dossier.submitted_at if waiting else None)


def meeting_concerns(dossier: Dossier | None, checkpoints: list[Checkpoint], meeting: date) -> bool:
    """Whether the coop's current dossier waits for this meeting: on its way to the committee, or
    followed with a step due by then not recorded (as models.label.reminders.waiting_for_the_committee
    counts the dossiers the committee is told about)."""
    if dossier is None or dossier.status in ON_ITS_WAY:
        return True
    due = any(c.held_on is None and c.due_on <= meeting for c in checkpoints)
    return dossier.status in FOLLOWED and due


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


def meeting_event(t: Translator, meeting: date, owner: str, concerned: bool, sequence: int) -> IcsEvent:
    """The next committee meeting at its time in Paris; its UID keeps its day, which is what names a
    meeting (another day is another meeting)."""
    start = meeting_starts(meeting)
    return IcsEvent(
        uid=f"{COMMITTEE_MEETING}-{meeting.isoformat()}-{owner}@qualicoop",
        summary=f"Quali’Coop — {event_name(t, COMMITTEE_MEETING)}",
        start=start,
        end=start + MEETING_LENGTH,
        description=t.gettext(MEETING_NOTE if concerned else MEETING_GONE_NOTE),
        sequence=sequence,
        cancelled=not concerned,
    )


def calendar_file(t: Translator, milestones: list[Milestone], coop_id: int | None, meeting: date,
                  concerned: bool, now: datetime, agenda: list[LabelDossier] = ()) -> bytes:  # fmt: skip
    """The .ics: the next meeting (cancelled when the coop's dossier does not wait for it), the
    milestones ahead and those no longer applying, cancelled; for the committee, its ``agenda``."""
    sequence = max(0, int((as_utc(now) - SEQUENCE_EPOCH).total_seconds()))
    owner = str(coop_id) if coop_id is not None else "committee"
    events = [meeting_event(t, meeting, owner, concerned, sequence)]
    if coop_id is not None:
        events += milestone_events(
            t, milestones, coop_id, sequence, legacy=paris_today(now) < LEGACY_UIDS_UNTIL
        )
    events += agenda_events(t, list(agenda), paris_today(now), sequence)
    return build_ics(events, "Quali’Coop", now)
