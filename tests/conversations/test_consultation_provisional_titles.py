"""The default question lists the engagements by title, and titles 2–12 are provisional (domain.md: the
product says which). Before: the ballot, its buttons, the results and the chart listed them with no « * »
nor note, while every dossier screen, the review and the PDF mark them. Now a provisional title carries its
« * » there too (in a button's label, never its data), with the review's note under the ballot, the
results and the chart; one's own question, which lists no engagement, has neither."""

from tests.conversations.test_consultations import LABELS, open_consultations, prepare_default
from tests.dossier_steps import join

FR = LABELS["fr"]
NOTE = "* titre provisoire, en attendant la formulation officielle de la fédération"


async def test_the_default_ballot_and_its_results_mark_the_provisional_titles(world):
    harness, _clock = world
    director = await join(harness, 5601, "fr", "Coop Titres")
    link = await prepare_default(director, "15/12/2026", lang="fr")
    await director.press(FR["answer"])
    ballot = director.last_text
    assert "Garantir la qualité des logements et du cadre de vie*" in ballot, ballot
    assert "1. Permettre" in ballot and "logement abordable*" not in ballot, ballot  # title 1 is official
    assert NOTE in ballot, ballot
    buttons = director.buttons()
    assert any(b.startswith("⬜ 2 · ") and b.endswith("*") for b in buttons), buttons
    assert any(b.startswith("⬜ 1 · ") and not b.endswith("*") for b in buttons), buttons

    for n in range(3):  # enough answers for the results to show once closed
        guest = harness.user(5602 + n, f"Invité {n}", "fr")
        await guest.send("/start " + link.rsplit("start=", 1)[1])
        await guest.press("⬜ 2 · ")
        await guest.press(FR["send"])
    await open_consultations(director, FR["open"])
    await director.press("🟢 1 · ")
    await director.press("⏹ Clore maintenant")
    await director.press("⏹ Oui, clore")
    results = director.last_text
    assert "• 2. Garantir la qualité des logements et du cadre de vie* — " in results, results
    assert NOTE in results, results
    await director.press("📊 Graphique")
    assert NOTE in director.last["caption"], director.last


async def test_ones_own_question_has_no_note(world):
    harness, _clock = world
    director = await join(harness, 5611, "fr", "Coop Sienne")
    await open_consultations(director, FR["open"])
    await director.press(FR["new"])
    await director.press(FR["own"])
    await director.send("Quel jour pour l’AG ?")
    await director.send("Mardi\nJeudi")
    await director.press(FR["continue"])
    await director.send("15/12/2026")
    assert "provisoire" not in director.last_text, director.last_text
    await director.press(FR["open_it"])
    await director.press(FR["answer"])
    assert "provisoire" not in director.last_text, director.last_text
