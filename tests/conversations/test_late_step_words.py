"""/calendrier once a step's day passed unrecorded: the line agrees with the step in French (« la visite »,
« la fin du label » are feminine: « prévu », « enregistré » did not agree), the visit said as the deadline
it is (« au plus tard le … », as the committee's own screen says), for the coop and for the committee."""

from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_label_decision import visited_coop
from tests.conversations.test_label_journey import decide

NBSP = "\u00a0"


def line_with(text: str, words: str) -> str:
    return next(line for line in text.replace(NBSP, " ").split("\n") if words in line)


async def test_a_late_visit_is_said_as_a_deadline_awaiting_its_record(world):
    harness, clock = world
    director, committee = await submitted_coop(harness)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    clock.advance(days=500)  # April 2028: the visit's deadline (29 February 2028) passed, not recorded
    await director.send("/calendrier")
    assert line_with(director.last_text, "Visite du comité") == (
        "⏳ Visite du comité (18 mois) : à effectuer au plus tard le 29 février 2028, "
        "en attente d’enregistrement par le comité"
    )
    await committee.send("/calendrier")
    assert line_with(committee.last_text, "Visite du comité") == (
        "⏳ Coop Horizon — Visite du comité (18 mois) : à effectuer au plus tard le 29 février 2028, "
        "en attente d’enregistrement"
    )


async def test_a_label_end_not_recorded_yet_agrees_with_it(world):
    harness, clock = world
    director, committee = await visited_coop(harness)
    await decide(committee, "Coop Horizon", "🏅", "Label accordé.", "22/11/2026")
    clock.advance(days=365 * 3 + 5)  # the label ended on 22 November 2029; the renewal not opened yet
    await director.send("/calendrier")
    assert line_with(director.last_text, "Fin du label") == (
        "⏳ Fin du label et renouvellement : échéance le 22 novembre 2029, "
        "en attente d’enregistrement par le comité"
    )
    await committee.send("/calendrier")
    assert line_with(committee.last_text, "Fin du label") == (
        "⏳ Coop Horizon — Fin du label et renouvellement : échéance le 22 novembre 2029, "
        "en attente d’enregistrement"
    )
