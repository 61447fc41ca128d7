"""The committee's words: each decision's button, the example of a comment, what a date may not precede."""

from __future__ import annotations

from locales import N_
from models.label.lifecycle import Transition
from models.tables import CheckpointKind

DECISIONS = {
    Transition.REQUEST_INFO: N_("📝 Ask for more information"),
    Transition.DECLARE_ADMISSIBLE: N_("✅ Declare admissible"),
    Transition.REFUSE: N_("⛔ Refuse"),
    Transition.RECORD_CHECKPOINT: N_("📍 Checkpoint held"),
    Transition.RECORD_VISIT: N_("🏠 Visit held"),
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
    Transition.REFUSE: N_("e.g. Axis 3 is not covered yet: you may apply again at a next committee."),
    Transition.RECORD_CHECKPOINT: N_(
        "e.g. Good progress on engagements 1 and 6; the tenant survey is still to come."
    ),
    Transition.RECORD_VISIT: N_("e.g. Visit with the director and two coopérateurs: the means are in place."),
    Transition.GRANT_LABEL: N_("e.g. The committee grants the label and congratulates the whole team."),
    Transition.RECORD_MID_TERM: N_("e.g. Results maintained; the committee encourages the pooled projects."),
    Transition.OPEN_RENEWAL: N_("e.g. The committee invites you to renew your label for a second cycle."),
}

# what a decision's date may not precede, said to the committee member who typed an earlier one
ADMITTED = N_("The dossier’s last step (its admissibility or a checkpoint) was recorded on {date}.")
STARTS = {
    Transition.DECLARE_ADMISSIBLE: N_("The dossier was submitted on {date}."),
    Transition.RECORD_CHECKPOINT: ADMITTED,
    Transition.RECORD_VISIT: ADMITTED,
    Transition.GRANT_LABEL: N_("The visit was held on {date}."),
    Transition.REFUSE: N_("The visit was held on {date}."),  # a refusal is dated only once visited
    Transition.RECORD_MID_TERM: N_("The label was granted on {date}."),
}
# a committee member who is on the coop's team reads its dossier; the committee's others decide
OWN_COOP = N_("You are on this coop’s team: its dossier is decided by the committee’s other members.")
OWN_COOP_ALONE = N_(
    "You are on this coop’s team, and no other committee member may decide on its dossier: ask the "
    "federation to name one."
)
