"""The committee's words: its list's groups, each decision's button, the example of a comment, what a
date may not precede, what it is told of a coop preparing a new candidacy. /comite and the Mini App's
list for the committee both say them."""

from __future__ import annotations

from datetime import date

from conversations.render.formatting import format_day, quoted
from conversations.render.html import bold, e
from locales import N_, Translator
from models.clock import paris_time
from models.label.committee import APPLYING_AGAIN, NEXT_CYCLE_IN_PREPARATION
from models.label.lifecycle import Transition
from models.tables import CheckpointKind, Dossier, DossierStatus

# renewed, or refused after the visit, its next cycle a draft: its earlier cycle stays to read
NEXT_CYCLE = N_("Next cycle in preparation")
# refused on reading, its dossier a draft again: found in the list, read no further than its refusal
APPLYING_AGAIN_GROUP = N_("Preparing a new candidacy")
REFUSED_ON = N_("Not retained by the committee on {date}:")
COMES_BACK = N_(
    "Its direction is preparing a new candidacy: the dossier comes back to the committee once submitted "
    "again. Until then it is the coop’s draft, not shown here."
)
SUBMITTED_GROUP = N_("Submitted")
# the groups of dossiers_by_status, in the order the committee reads them
GROUPS = (
    (SUBMITTED_GROUP, (DossierStatus.SUBMITTED,)),
    (N_("Waiting for more information"), (DossierStatus.INFO_REQUESTED,)),
    (N_("Admissible, in progress"), (DossierStatus.ADMISSIBLE,)),
    (N_("Visited, label to decide"), (DossierStatus.VISITED,)),  # « Visités, label à décider : 2 »
    (N_("Labelled"), (DossierStatus.LABELLED,)),
    (N_("Not retained"), (DossierStatus.REFUSED,)),  # read-only: no decision left but the coop's
    (NEXT_CYCLE, (NEXT_CYCLE_IN_PREPARATION,)),
    (APPLYING_AGAIN_GROUP, (APPLYING_AGAIN,)),
)


def committee_groups(rows_by_status: dict) -> list[tuple[str, list]]:
    """The rows of dossiers_by_status under the committee's groups (titles untranslated), in order,
    the empty ones too."""
    return [
        (title, [row for status in statuses for row in rows_by_status.get(status, [])])
        for title, statuses in GROUPS
    ]


def cycle_words(t: Translator, title: str, dossier: Dossier) -> str:
    """The listed dossier's cycle, in its group: a coop preparing its next cycle is said so; a dossier to
    read, the day it was submitted (the committee reads the earliest first, whatever the names' order)."""
    if title == NEXT_CYCLE:  # a new cycle comes only from the one before it
        return t.gettext("cycle {next} in preparation; cycle {n} to read").format(
            n=dossier.cycle, next=dossier.cycle + 1
        )
    if title == APPLYING_AGAIN_GROUP:  # nothing to read until it is submitted again
        return t.gettext("cycle {n}, not retained on reading").format(n=dossier.cycle)
    if title == SUBMITTED_GROUP and dossier.submitted_at is not None:
        day = format_day(t, paris_time(dossier.submitted_at).date())
        return t.gettext("cycle {n}, submitted on {date}").format(n=dossier.cycle, date=day)
    return t.gettext("cycle {n}").format(n=dossier.cycle)


def applying_again_lines(t: Translator, dossier: Dossier, refusals: list[tuple[date, str]]) -> list[str]:
    """A coop refused on reading preparing a new candidacy, on its /comite screen (HTML): its cycle, the
    committee's latest refusal (day, comment) and what comes next. Not its draft: edited since the
    refusal, it is the coop's own work until submitted again (as /export leaves it out)."""
    status = t.gettext(APPLYING_AGAIN_GROUP)
    lines = [e(t.gettext("Cycle {cycle} · {status}").format(cycle=dossier.cycle, status=status))]
    if refusals:  # always, but for a dossier refused before the audit named its decisions
        day, comment = refusals[-1]  # the day the committee gave it
        said = t.gettext(REFUSED_ON).format(date=format_day(t, day))
        lines += ["", "⛔ " + bold(said), e(quoted(t.language, comment or "—"))]
    return [*lines, "", "ℹ️ " + e(t.gettext(COMES_BACK))]


DECISIONS = {
    Transition.REQUEST_INFO: N_("📝 Ask for more information"),
    Transition.DECLARE_ADMISSIBLE: N_("✅ Declare admissible"),
    Transition.REFUSE: N_("⛔ Refuse"),
    Transition.RECORD_CHECKPOINT: N_("📍 Checkpoint held"),
    Transition.RECORD_VISIT: N_("🚪 Visit held"),  # a door: 🏠 is « 🏠 My dossier » on every coop screen
    Transition.GRANT_LABEL: N_("🏅 Grant the label"),
    Transition.RECORD_MID_TERM: N_("📍 Mid-term checkpoint held"),
    Transition.OPEN_RENEWAL: N_("🔄 Open the renewal"),
}
# a refusal once the coop was visited: the committee does not grant the label (domain.md)
REFUSE_LABEL = N_("⛔ Do not grant the label")
REFUSE_LABEL_EXAMPLE = N_(
    "e.g. The means are not in place yet for engagements 9 and 11: you may apply again at a later committee."
)
# the checkpoint button names its checkpoint in a few words (« 📍 Point à 6 mois tenu »)
CHECKPOINT_HELD = {
    CheckpointKind.SIX_MONTHS: N_("📍 6-month checkpoint held"),
    CheckpointKind.TWELVE_MONTHS: N_("📍 12-month checkpoint held"),
}
# what the committee may write to the coop, one example per decision
EXAMPLES = {
    Transition.REQUEST_INFO: N_("e.g. The dossier is clear; please detail the action plan of engagement 6."),
    Transition.DECLARE_ADMISSIBLE: N_(
        "e.g. The dossier is complete and admissible: the committee welcomes your engagements on governance."
    ),
    Transition.REFUSE: N_("e.g. Axis 3 is not covered yet: you may apply again at a later committee."),
    Transition.RECORD_CHECKPOINT: N_(
        "e.g. Good progress on engagements 1 and 6; the tenant survey is still to come."
    ),
    Transition.RECORD_VISIT: N_("e.g. Visit with the director and two coopérateurs: the means are in place."),
    Transition.GRANT_LABEL: N_("e.g. The committee grants the label and congratulates the whole team."),
    Transition.RECORD_MID_TERM: N_("e.g. Results maintained; the committee encourages the pooled projects."),
    Transition.OPEN_RENEWAL: N_("e.g. The committee invites you to renew your label for a second cycle."),
}

# what a decision's date may not precede, said to the committee member who typed an earlier one
# the step's own day (admissible on, held on), not the day it was recorded: a step may be dated back
ADMITTED = N_("The dossier’s last step (its admissibility or a checkpoint) is dated {date}.")
STARTS = {
    Transition.DECLARE_ADMISSIBLE: N_("The dossier was submitted on {date}."),
    Transition.RECORD_CHECKPOINT: ADMITTED,
    Transition.RECORD_VISIT: ADMITTED,
    Transition.GRANT_LABEL: N_("The visit was held on {date}."),
    Transition.REFUSE: N_("The visit was held on {date}."),  # a refusal is dated only once visited
    Transition.RECORD_MID_TERM: N_("The label was granted on {date}."),
}
# domain.md: the committee checks the dossier is complete, asks for more if needed, then rules on its
# admissibility; one that no longer meets every rule (a referential loaded since it was submitted may
# move engagements between axes) is not declared admissible (models.label.transitions holds it)
INCOMPLETE = N_("Incomplete dossier: it cannot be declared admissible. Still missing:")
ASK_TO_COMPLETE = N_("Ask the coop to complete it with “{button}”.")
INCOMPLETE_REFUSED = N_(
    "This dossier is incomplete: it cannot be declared admissible, and nothing was recorded. What is "
    "missing is below."
)
# a coop none of whose members the assistant can reach (all blocked it, or left): the decision is recorded,
# nobody receives it, so the committee member tells the coop another way
NOBODY_TO_TELL = N_(
    "Nobody from the coop can receive this decision through the assistant (its members have blocked it or "
    "left the coop): tell the coop another way."
)
NOBODY_TOLD = N_(
    "Decision recorded. Nobody from {coop} could receive it through the assistant: tell the coop another way."
)
# a committee member who is on the coop's team reads its dossier; the committee's others decide
OWN_COOP = N_("You are on this coop’s team: its dossier is decided by the committee’s other members.")
OWN_COOP_ALONE = N_(
    "You are on this coop’s team, and no other committee member may decide on its dossier: ask the "
    "federation to name one."
)
# the decision that came first, named (choices.meanwhile_notice) by who recorded it: « a moment ago » within
# a few minutes of it, else when (a confirmation left open since Monday, confirmed on Friday)
FIRST_BY_YOU = (
    N_("You recorded a decision on this dossier a moment ago: {decision}. Nothing more was changed."),
    N_("You recorded a decision on this dossier on {moment}: {decision}. Nothing more was changed."),
)
FIRST_BY_NAME = (
    N_(
        "Another decision on this dossier was recorded a moment ago, by {name}: {decision}. Nothing was "
        "changed: look at it again."
    ),
    N_(
        "Another decision on this dossier was recorded on {moment}, by {name}: {decision}. Nothing was "
        "changed: look at it again."
    ),
)
# a checkpoint recorded already (choices.held_notice): by the one asking, by a colleague, by someone erased
HELD_ALREADY = (
    N_("You recorded it already: {event}, on {date}. Nothing was changed."),
    N_("Already recorded by {name}: {event}, on {date}. Nothing was changed."),
    N_("Already recorded: {event}, on {date}. Nothing was changed."),
)
SIX_MONTHS_FIRST = N_(
    "The 6-month checkpoint is not recorded yet: it comes before the 12-month one. Nothing was changed."
)
FIRST_BY_SOMEONE = (  # someone who has erased their data since
    N_(
        "Another decision on this dossier was recorded a moment ago: {decision}. Nothing was changed: "
        "look at it again."
    ),
    N_(
        "Another decision on this dossier was recorded on {moment}: {decision}. Nothing was changed: "
        "look at it again."
    ),
)
