"""The label's life after submission, as rules: the transitions, who makes them, and the timeline.

Each step is a ``Transition`` allowed from some statuses to one role; the checkpoints' due dates
follow from the admissibility date A and the label date L. Nothing here reads or writes the
database: ``models.label.transitions`` applies a transition to a dossier.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from models.clock import add_months, paris_today
from models.dossier.reads import EDITABLE, DossierError
from models.tables import Checkpoint, CheckpointKind, Dossier, DossierStatus

# Months after the admissibility date A, then after the label date L.
AFTER_ADMISSIBILITY = (
    (CheckpointKind.SIX_MONTHS, 6),
    (CheckpointKind.TWELVE_MONTHS, 12),
    (CheckpointKind.VISIT, 18),
)
AFTER_LABEL = ((CheckpointKind.MID_TERM, 18), (CheckpointKind.EXPIRY, 36))
INTERIM_CHECKPOINTS = (CheckpointKind.SIX_MONTHS, CheckpointKind.TWELVE_MONTHS)
PAST_THE_VISIT = (DossierStatus.VISITED, DossierStatus.LABELLED, DossierStatus.RENEWED)
# The renewal opens when the label ends (L + 36 months, domain.md): opening it closes cycle 1 — the
# label's end is recorded then, its reminders stop, the coop's calendar moves to cycle 2 —, so it
# cannot come earlier without the coop losing sight of the label it still holds.
RENEWAL_OPENS_AFTER = 36


class Transition(StrEnum):
    SUBMIT = "submit"
    REQUEST_INFO = "request_info"
    DECLARE_ADMISSIBLE = "declare_admissible"
    REFUSE = "refuse"
    RECORD_CHECKPOINT = "record_checkpoint"
    RECORD_VISIT = "record_visit"
    GRANT_LABEL = "grant_label"
    RECORD_MID_TERM = "record_mid_term"
    OPEN_RENEWAL = "open_renewal"
    REAPPLY = "reapply"


class Role(StrEnum):
    DIRECTION = "direction"  # the coop's direction
    COMMITTEE = "committee"  # the federation's label committee


@dataclass(frozen=True)
class Rule:
    """Where a transition may start, where it leads and who may make it."""

    sources: tuple[DossierStatus, ...]
    target: DossierStatus
    role: Role


# In button order: the step forward first, a refusal last.
RULES: dict[Transition, Rule] = {
    # The statuses submit_dossier accepts, so the two can never disagree.
    Transition.SUBMIT: Rule(EDITABLE, DossierStatus.SUBMITTED, Role.DIRECTION),
    Transition.DECLARE_ADMISSIBLE: Rule((DossierStatus.SUBMITTED,), DossierStatus.ADMISSIBLE, Role.COMMITTEE),
    Transition.REQUEST_INFO: Rule((DossierStatus.SUBMITTED,), DossierStatus.INFO_REQUESTED, Role.COMMITTEE),
    Transition.RECORD_CHECKPOINT: Rule((DossierStatus.ADMISSIBLE,), DossierStatus.ADMISSIBLE, Role.COMMITTEE),
    # The visit may come before A + 18 months when the coop says it is ready.
    Transition.RECORD_VISIT: Rule((DossierStatus.ADMISSIBLE,), DossierStatus.VISITED, Role.COMMITTEE),
    Transition.GRANT_LABEL: Rule((DossierStatus.VISITED,), DossierStatus.LABELLED, Role.COMMITTEE),
    Transition.RECORD_MID_TERM: Rule((DossierStatus.LABELLED,), DossierStatus.LABELLED, Role.COMMITTEE),
    Transition.OPEN_RENEWAL: Rule((DossierStatus.LABELLED,), DossierStatus.RENEWED, Role.COMMITTEE),
    # A candidacy not retained: on reading the dossier, or once visited, when the committee does not
    # grant the label (domain.md: it then decides *whether* to grant it); dated, never before the visit.
    Transition.REFUSE: Rule(
        (DossierStatus.SUBMITTED, DossierStatus.INFO_REQUESTED, DossierStatus.VISITED),
        DossierStatus.REFUSED,
        Role.COMMITTEE,
    ),
    # A refused dossier is not EDITABLE: it stays « not retained » (what the committee decided, read
    # as such by the coop and the committee) until the direction chooses to apply again; then it is a
    # draft with all its content, to improve and submit to a later committee. An explicit, audited
    # step rather than REFUSED in EDITABLE, where the first edit would silently turn the refusal into
    # a draft and any member could resubmit it as it was.
    Transition.REAPPLY: Rule((DossierStatus.REFUSED,), DossierStatus.DRAFT, Role.DIRECTION),
}

# The checkpoint each recording transition marks as held (RECORD_CHECKPOINT names its own).
HELD_BY: dict[Transition, CheckpointKind] = {
    Transition.RECORD_VISIT: CheckpointKind.VISIT,
    Transition.RECORD_MID_TERM: CheckpointKind.MID_TERM,
    Transition.OPEN_RENEWAL: CheckpointKind.EXPIRY,
}


class TransitionRefused(DossierError):
    """A lifecycle step that the dossier's status, the role or the dates do not allow."""

    code = "transition_refused"

    def __init__(
        self, reason: str, status: DossierStatus, transition: Transition, detail: str | None = None
    ) -> None:
        message = f"cannot {transition} a dossier in status {status}"
        super().__init__(f"{message}: {detail}" if detail else message)
        self.reason = reason  # wrong_status, wrong_role, already_held, unknown_checkpoint, date_before_start,
        #                       incomplete (a dossier declared admissible must meet every rule)
        self.status = status
        self.transition = transition


class DecidedMeanwhile(TransitionRefused):
    """Another decision on the dossier was committed between this one's read and its write."""

    code = "decided_meanwhile"


class Started(NamedTuple):
    """The dossier as read when a decision of several steps began (the chat's comment, date, confirm)."""

    status: DossierStatus
    submission: int | None  # the version of its last frozen copy (DossierVersion): a new one, submitted again


def check_transition(status: DossierStatus, transition: Transition, role: Role) -> DossierStatus:
    """The status a transition leads to, or TransitionRefused."""
    rule = RULES[transition]
    if status not in rule.sources:
        raise TransitionRefused("wrong_status", status, transition)
    if role != rule.role:
        raise TransitionRefused("wrong_role", status, transition, f"only the {rule.role} may do it")
    return rule.target


def allowed_transitions(status: DossierStatus, role: Role) -> list[Transition]:
    """The transitions a role may make from a status, in button order."""
    return [t for t, rule in RULES.items() if status in rule.sources and rule.role == role]


def timeline(admissible_on: date | None, labelled_on: date | None) -> list[tuple[CheckpointKind, date]]:
    """The checkpoints' due dates that follow from the known dates A and L."""
    steps: list[tuple[CheckpointKind, date]] = []
    if admissible_on is not None:
        steps += [(kind, add_months(admissible_on, months)) for kind, months in AFTER_ADMISSIBILITY]
    if labelled_on is not None:
        steps += [(kind, add_months(labelled_on, months)) for kind, months in AFTER_LABEL]
    return steps


def superseded_by_visit(dossier: Dossier, checkpoints: list[Checkpoint]) -> list[tuple[CheckpointKind, date]]:
    """The interim checkpoints the visit came before, with the day each was due: removed then (neither
    held nor due, ``transitions._drop_interim``), the dossier's course still names them. None before."""
    visited = any(c.kind == CheckpointKind.VISIT and c.held_on for c in checkpoints)  # refused after it too
    if dossier.status not in PAST_THE_VISIT and not visited:
        return []
    kinds = {c.kind for c in checkpoints}
    due = timeline(dossier.admissible_on, None)
    return [(kind, due_on) for kind, due_on in due if kind in INTERIM_CHECKPOINTS and kind not in kinds]


def due_checkpoints(checkpoints: list[Checkpoint], today: date) -> list[Checkpoint]:
    """The checkpoints still to hold from today on, earliest first."""
    return sorted(
        (c for c in checkpoints if c.held_on is None and c.due_on >= today),
        key=lambda c: (c.due_on, c.id or 0),
    )


def earliest_date(dossier: Dossier, transition: Transition, visited_on: date | None = None) -> date | None:
    """The date a transition's own date may not precede, when known (``visited_on``: the visit's)."""
    if transition == Transition.DECLARE_ADMISSIBLE:
        return paris_today(dossier.submitted_at) if dossier.submitted_at else None
    if transition in (Transition.GRANT_LABEL, Transition.REFUSE) and visited_on is not None:
        return visited_on  # the label (or its refusal) follows the visit: L, and the mid-term, never before
    if transition in (Transition.RECORD_CHECKPOINT, Transition.RECORD_VISIT, Transition.GRANT_LABEL):
        return dossier.admissible_on
    if transition == Transition.RECORD_MID_TERM:
        return dossier.labelled_on
    if transition == Transition.OPEN_RENEWAL and dossier.labelled_on is not None:
        return add_months(dossier.labelled_on, RENEWAL_OPENS_AFTER)
    return None


def checkpoint_to_hold(
    status: DossierStatus, transition: Transition, checkpoint: CheckpointKind | str | None
) -> CheckpointKind | None:
    """Which checkpoint the transition marks held, refusing a wrong one for RECORD_CHECKPOINT."""
    if transition != Transition.RECORD_CHECKPOINT:
        return HELD_BY.get(transition)
    if checkpoint not in INTERIM_CHECKPOINTS:
        raise TransitionRefused(
            "unknown_checkpoint", status, transition, f"{checkpoint!r} is not six_months or twelve_months"
        )
    return CheckpointKind(checkpoint)
