"""The PDF's « Parcours » reads the course as the committee's screen does: the interim checkpoints the
visit came before are there, « non enregistré avant la visite », just before the visit.

Before, the screen listed them and the PDF left them out (it read only the checkpoints still stored,
and the visit removes those not held).
"""

from __future__ import annotations

from tests.conversations.test_committee_pdf import committee_pdf
from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_label_journey import decide


async def test_the_pdf_course_keeps_the_checkpoints_the_visit_came_before(world):
    harness, _clock = world
    _director, committee = await submitted_coop(harness)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    await decide(committee, "Coop Horizon", "🚪 Visite", "Visite faite.", "20/11/2026")
    await decide(committee, "Coop Horizon", "🏅", "Label accordé.", "22/11/2026")
    await committee.send("/comite")
    await committee.press("Coop Ho")
    assert "Point d’étape à 12 mois — ➖ non enregistré avant la visite" in committee.last_text

    cover = (await committee_pdf(committee, "Coop Horizon"))[0]
    course = cover[cover.index("Parcours") : cover.index("Valeurs au")]
    said = [
        "Recevable le 31 août 2026",
        "Point d’étape à 6 mois non enregistré avant la visite",
        "Point d’étape à 12 mois non enregistré avant la visite",
        "Visite du comité (18 mois) effectuée le 20 novembre 2026",
        "Label attribué le 22 novembre 2026",
    ]
    assert [line for line in said if line not in course] == []
    assert [course.index(line) for line in said] == sorted(course.index(line) for line in said)
