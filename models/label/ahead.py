"""What a dossier waits for next, one rule for every screen that says it (the home, /progress).

Submitted or visited, it waits for the validation committee's next meeting (to read it, to decide the
label); admissible or labelled, for its next checkpoint, and first for one whose day passed without
the committee recording it: that one is still to be held (its bilan is still asked for), not skipped;
the visit past its deadline is named as well, whichever checkpoint is overdue before it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import NamedTuple

from sqlmodel.ext.asyncio.session import AsyncSession

from models.clock import paris_today
from models.dossier.reads import FOLLOWED
from models.label.lifecycle import due_checkpoints
from models.label.meetings import meeting_waited_for
from models.label.reminders import COMMITTEE_MEETING, WAITING_FOR_A_DECISION
from models.label.transitions import checkpoints_of
from models.tables import Checkpoint, CheckpointKind, Dossier


class StepAhead(NamedTuple):
    """A date the dossier waits for: a checkpoint's kind or COMMITTEE_MEETING, its day, and whether
    the day passed without the committee recording it."""

    kind: str
    day: date
    late: bool = False


def steps_ahead(
    dossier: Dossier, checkpoints: list[Checkpoint], today: date, meeting: date
) -> list[StepAhead]:
    """The committee's meeting while submitted or visited (the visit held, the interim checkpoints it made
    moot gone, the label is what comes next); admissible or labelled, the earliest checkpoint overdue
    (and the visit, when its deadline passed too: the coop is late for the step the period leads to, and
    may say it is ready for it), then the next one to come. Nothing while the dossier is prepared, nor
    once refused or renewed."""
    if dossier.status in WAITING_FOR_A_DECISION:
        return [StepAhead(COMMITTEE_MEETING, meeting)]
    if dossier.status not in FOLLOWED:
        return []
    overdue = sorted(
        (c for c in checkpoints if c.held_on is None and c.due_on < today), key=lambda c: c.due_on
    )
    # the visit overdue is said too, behind an earlier checkpoint overdue: the period's end is past
    late = overdue[:1] + [c for c in overdue[1:] if c.kind == CheckpointKind.VISIT]
    coming = due_checkpoints(checkpoints, today)
    return [StepAhead(c.kind, c.due_on, late=True) for c in late] + [
        StepAhead(c.kind, c.due_on) for c in coming[:1]
    ]


async def next_steps(
    session: AsyncSession, dossier: Dossier, now: datetime, committee_dates: Iterable[date]
) -> list[StepAhead]:
    """``steps_ahead`` of a stored dossier at this instant (the meeting: the next one not yet started, or
    the one under way it was submitted before, ``meetings.meeting_waited_for``; from the configured
    ``committee_dates``: no default, so that no screen says another day than the reminders and
    /calendrier)."""
    checkpoints = await checkpoints_of(session, dossier.id) if dossier.status in FOLLOWED else []
    meeting = meeting_waited_for(now, committee_dates, dossier.submitted_at)  # said while waiting only
    return steps_ahead(dossier, checkpoints, paris_today(now), meeting)
