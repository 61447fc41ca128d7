"""A step whose day passed unrecorded, said in words that agree with every step in French (« la visite », « la
fin du label » are feminine, « le point d’étape » masculine: no participle that agrees with one only), the
visit as the deadline it is (« au plus tard »), in both languages."""

from __future__ import annotations

from datetime import date

from conversations.render.formatting import step_ahead_text
from locales import Translator
from models.label.ahead import StepAhead
from models.tables import CheckpointKind

NBSP = "\u00a0"


def late(kind: str, day: date) -> StepAhead:
    return StepAhead(kind, day, late=True)


def test_every_late_step_reads_the_same_in_french_whatever_its_gender():
    fr = Translator("fr")
    for kind, name in (
        (CheckpointKind.SIX_MONTHS, "Point d’étape à 6 mois"),
        (CheckpointKind.MID_TERM, "Point d’étape à mi-parcours du label"),
        (CheckpointKind.EXPIRY, "Fin du label et renouvellement"),
    ):
        said = step_ahead_text(fr, late(kind, date(2027, 5, 23)))
        assert said == f"⏳ {name}{NBSP}: échéance le 23 mai 2027, en attente d’enregistrement par le comité"
    visit = step_ahead_text(fr, late(CheckpointKind.VISIT, date(2028, 2, 29)))
    assert visit == (
        f"⏳ Visite du comité (18 mois){NBSP}: à effectuer au plus tard le 29 février 2028, "
        "en attente d’enregistrement par le comité"
    )


def test_late_steps_in_english():
    en = Translator("en")
    assert step_ahead_text(en, late(CheckpointKind.SIX_MONTHS, date(2027, 5, 23))) == (
        "⏳ 6-month checkpoint: due on 23 May 2027, not recorded yet by the committee"
    )
    assert step_ahead_text(en, late(CheckpointKind.VISIT, date(2028, 2, 29))) == (
        "⏳ Committee visit (18 months): due by 29 February 2028 at the latest, "
        "not recorded yet by the committee"
    )
