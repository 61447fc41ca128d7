"""A part of a year typed in the chat is answered with what the question takes, on 23 November 2026:
« mi-2026 » as an action's deadline is past (not « ex. juin 2026 », itself refused as past), « courant
2026 » asks its month with December, which is then taken; at a decision's date, which looks back, with
November (December is ahead), and « mi-2027 » is ahead."""

from __future__ import annotations

from tests.conversations.test_decision_resubmitted import two_deciders
from tests.conversations.test_units_and_months_typed import first_indicator
from tests.dossier_steps import join

NBSP = "\u00a0"


async def test_a_deadline_typed_as_a_part_of_a_past_year_is_past_and_a_current_one_asks_a_month_ahead(
    harness,
):
    user = await join(harness, 9341, "fr")
    await first_indicator(user)
    await user.send("12,5 %")
    await user.send("25 %")
    await user.send("début 2026")  # the target date: January to April 2026, gone
    said = user.reply_text()
    assert "Cette date est déjà passée." in said and "janvier 2026" not in said, said
    await user.send("fin mars")
    await user.send("Enquête de satisfaction")
    await user.send("Le responsable qualité")
    await user.send("mi-2026")  # the deadline: May to August 2026, gone
    said = user.reply_text()
    assert "Cette date est déjà passée." in said and "juin 2026" not in said, said
    await user.send("courant 2026")
    said = user.reply_text()
    assert (
        f"«{NBSP}courant 2026{NBSP}» ne précise pas le mois{NBSP}: tapez-le aussi, ex. décembre 2026." in said
    )
    await user.send("décembre 2026")  # the example, typed back: taken
    echo = user.replies[0]["text"]
    assert f"✅ Échéance{NBSP}: décembre 2026 (31 décembre 2026)" in echo, echo


async def test_a_decisions_part_of_a_year_asks_a_month_already_come(harness):
    _director, first, _second = await two_deciders(harness, "Coop Mi-Année")
    await first.press("✅ Déclarer recevable")
    await first.send("Recevable.")
    await first.send("mi-2027")
    said = first.reply_text()
    assert "ne peut pas être dans le futur" in said, said
    await first.send("courant 2026")
    said = first.reply_text()
    assert "ex. novembre 2026." in said and "décembre" not in said, said
    await first.send("novembre 2026")  # the example, typed back: the current month, today
    assert "lundi 23 novembre 2026" in first.last_text and "✅ Confirmer" in first.buttons(), first.last_text
