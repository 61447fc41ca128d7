"""What comes next, in the words the dossier's home and /progress both say (one function for both)."""

from __future__ import annotations

from datetime import date

from conversations.render.formatting import step_ahead_text
from locales import Translator
from models.label.ahead import StepAhead
from models.label.reminders import COMMITTEE_MEETING
from models.tables import CheckpointKind

NBSP = "\u00a0"


def test_the_next_checkpoint_the_visit_and_the_meeting_in_either_language():
    """A checkpoint on its day, the visit by its deadline, the committee's meeting with its weekday and hour."""
    fr, en = Translator("fr"), Translator("en")
    six = StepAhead(CheckpointKind.SIX_MONTHS, date(2027, 5, 23))
    assert step_ahead_text(fr, six) == f"Prochaine étape{NBSP}: Point d’étape à 6 mois, le 23 mai 2027"
    assert step_ahead_text(en, six) == "Next: 6-month checkpoint on 23 May 2027"
    visit = StepAhead(CheckpointKind.VISIT, date(2028, 5, 23))
    assert step_ahead_text(en, visit) == "Next: Committee visit (18 months), by 23 May 2028 at the latest"
    meeting = StepAhead(COMMITTEE_MEETING, date(2026, 12, 1))
    assert (
        step_ahead_text(en, meeting)
        == "Next: Validation committee meeting on Tuesday 1 December 2026 at 14:00"
    )
    assert step_ahead_text(fr, meeting) == (
        f"Prochaine étape{NBSP}: Réunion du comité de validation, le mardi 1er décembre 2026 à 14 h 00"
    )


def test_a_day_passed_unrecorded_is_marked_and_said_so():
    """⏳ first, in plain text: each screen escapes it for Telegram's HTML."""
    late = StepAhead(CheckpointKind.SIX_MONTHS, date(2027, 5, 23), late=True)
    assert step_ahead_text(Translator("fr"), late) == (
        f"⏳ Point d’étape à 6 mois{NBSP}: échéance le 23 mai 2027, en attente d’enregistrement par le comité"
    )
    assert step_ahead_text(Translator("en"), late) == (
        "⏳ 6-month checkpoint: due on 23 May 2027, not recorded yet by the committee"
    )
