"""A director at a figure's question of cycle 1's follow-up (/progres, « ✏️ Mettre à jour ») while the
committee opens the renewal (cycle 2, a new draft) types the figure: they are told that the renewal has
opened and cycle 1's follow-up is closed (its bilans with the committee), the figure given back whole and
stored nowhere, then the new cycle's home; no longer « Le suivi de l’avancement commence quand le comité
de validation a déclaré le dossier recevable », the words for a dossier never declared admissible (found
by an exploratory tester). A button of cycle 1's progress pressed then says the same."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Indicator
from tests.conversations.test_label_decision import visited_coop
from tests.conversations.test_label_journey import decide

RENEWAL_OPENED = (
    "Le renouvellement de votre label est ouvert\u00a0: le suivi du cycle précédent est clos, ses bilans "
    "restent auprès du comité. Le dossier du nouveau cycle se prépare depuis 🏠 Mon dossier."
)
NEVER_ADMISSIBLE = "commence quand le comité de validation a déclaré le dossier recevable"


async def labelled_at_the_renewal(harness, clock):
    """Labelled on 22 November 2026, three years on: the label's end, cycle 1 still followed."""
    director, committee = await visited_coop(harness)
    await decide(committee, "Coop Horizon", "🏅", "Label accordé.", "22/11/2026")
    clock.advance(days=365 * 3 + 5)
    return director, committee


async def test_a_figure_typed_once_the_renewal_opened_is_given_back_with_the_renewal_s_words(world):
    harness, clock = world
    director, committee = await labelled_at_the_renewal(harness, clock)
    await director.send("/progres")
    await director.press("✏️ Mettre à jour")
    assert "Quelle est sa valeur aujourd’hui" in director.last_text, director.last_text
    await decide(committee, "Coop Horizon", "🔄", "Place au cycle 2.")

    await director.send("25")
    said = director.reply_text()
    assert RENEWAL_OPENED in said, said
    assert NEVER_ADMISSIBLE not in said, said
    assert "25" in [m.get("text") for m in director.replies]  # given back whole, a message of its own
    assert "Cycle 2 · Brouillon" in director.last_text, director.last_text  # the way forward: its home
    async with harness.database.transaction() as session:
        values = [i.current_value for i in (await session.exec(select(Indicator))).all()]
    assert "25" not in values, values  # written nowhere, cycle 1's nor cycle 2's


async def test_a_button_of_cycle_1_s_progress_pressed_once_the_renewal_opened_says_so(world):
    harness, clock = world
    director, committee = await labelled_at_the_renewal(harness, clock)
    await director.send("/progres")
    progress = director.last
    await decide(committee, "Coop Horizon", "🔄", "Place au cycle 2.")

    await director.press("✏️ Mettre à jour", progress)
    assert director.alerts == [RENEWAL_OPENED], director.alerts
