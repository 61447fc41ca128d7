"""A bilan screen left open while a colleague sends that bilan: its buttons name the bilan they were drawn
for. Pressed after it was sent, they say who sent it and when, above the bilan open now (the next one's,
not started by the press), and change nothing. Before, they carried no checkpoint: « 📤 Envoyer au
comité », « 📈 Valeurs », « ✅ Actions », « ⚠️ Difficultés » silently opened the 12-month bilan (and
started its draft), « 📤 » asking for its texts as if they were the 6-month one's; a question's buttons
only gave a pop-up. Buttons drawn before this (no checkpoint) are said out of date.

« 📤 Envoyer au comité » pressed again on the « ⚠️ Avant l'envoi… » screen did nothing (Telegram refuses
the identical edit, the pop-up was empty): the press now answers with what is missing."""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.tables import ProgressReport
from tests.conversations.test_bilan_same_text import two_directors

SENT_BY_CAMILLE = "Le bilan à 6 mois a été envoyé par Camille le "
DIFFICULTIES = "Peu de locataires aux réunions de l’hiver."


async def the_kinds(harness) -> dict[str, str]:
    """Each stored bilan's checkpoint and state."""
    async with harness.database.transaction() as session:
        return {r.checkpoint_kind: r.status for r in (await session.exec(select(ProgressReport))).all()}


async def camille_sends(camille) -> None:
    """The second director answers the help wanted and sends the 6-month bilan."""
    await camille.send("/bilan")
    await camille.press("🤝 ")
    await camille.press("🙅 ")
    await camille.press("📤 ")
    await camille.press("📤 Oui")
    assert "envoyé au comité" in camille.texts()[-1] or "envoyé" in camille.last_text


@pytest.mark.parametrize("label", ["📤 Envoyer au comité", "📈 Valeurs", "✅ Actions", "⚠️ Difficultés"])
async def test_a_button_of_a_bilan_sent_meanwhile_says_so_and_opens_no_other_bilan(world, label):
    harness, _clock = world
    dominique, camille = await two_directors(harness, "Coop Envoyée")
    await dominique.press("⚠️ Difficultés")
    await dominique.send(DIFFICULTIES)
    screen = dominique.last  # Dominique's 6-month bilan, left open
    assert "6 mois" in screen["text"]
    await camille_sends(camille)
    assert (await the_kinds(harness)) == {"six_months": "sent"}

    await dominique.press(label, screen)
    said = dominique.last_text
    assert SENT_BY_CAMILLE in said, said
    assert "Avant l’envoi" not in said and "Indicateur 1/" not in said and "Action 1/" not in said, said
    assert "Point d’étape à 12 mois" in said  # the bilan open now, below
    assert (await the_kinds(harness)) == {"six_months": "sent"}  # no 12-month draft started by the press
    assert harness.errors == []


async def test_a_question_of_a_bilan_sent_meanwhile_says_so_and_gives_the_text_back(world):
    harness, _clock = world
    dominique, camille = await two_directors(harness, "Coop Question")
    await dominique.press("⚠️ Difficultés")
    await dominique.send(DIFFICULTIES)
    await dominique.press("📈 Valeurs")
    assert "Indicateur 1/8" in dominique.last_text
    await camille_sends(camille)
    await dominique.press("✅ Garder")  # a walk's button: told, not only a pop-up
    assert SENT_BY_CAMILLE in dominique.last_text, (dominique.alerts, dominique.last_text)
    assert "Point d’étape à 12 mois" in dominique.last_text

    await dominique.send("/bilan")
    await dominique.press("⚠️ Difficultés")  # the 12-month bilan's question: Camille sends it too
    assert "12 mois" in dominique.last_text
    async with harness.database.transaction() as session:
        twelve = (
            await session.exec(
                select(ProgressReport).where(ProgressReport.checkpoint_kind == "twelve_months")
            )
        ).one()
        twelve.help_wanted, twelve.difficulties = "", ""
        session.add(twelve)
    await camille.send("/bilan")
    await camille.press("📤 ")
    await camille.press("📤 Oui")
    await dominique.send(DIFFICULTIES)  # typed at the question of a bilan sent meanwhile
    said = dominique.reply_text()
    assert "Le bilan à 12 mois a été envoyé par Camille le " in said, said
    assert DIFFICULTIES in [m.get("text") for m in dominique.replies]  # given back whole
    assert harness.errors == []


async def test_a_bilan_button_drawn_before_it_named_its_bilan_is_out_of_date(world):
    harness, _clock = world
    dominique, _camille = await two_directors(harness, "Coop Ancienne")
    for old in ("blv", "bla", "blx:d", "bly"):
        await dominique.press_data(dominique.last, old)
        assert len(dominique.alerts) == 1 and "Ce menu n’est plus à jour" in dominique.alerts[0], old
    assert (await the_kinds(harness)) == {}


async def test_send_pressed_again_with_texts_missing_says_what_is_missing(world):
    harness, _clock = world
    dominique, _camille = await two_directors(harness, "Coop Deux Fois")
    await dominique.press("📤 Envoyer au comité")
    missing = "Avant l’envoi, indiquez les difficultés rencontrées et l’aide souhaitée."
    assert missing in dominique.last_text
    await dominique.press("📤 Envoyer au comité")  # the same screen: Telegram refuses the identical edit
    assert dominique.alerts == [missing], dominique.alerts
    assert harness.errors == []


async def test_yes_send_once_sent_says_who_sent_it_and_starts_no_other_bilan(world):
    harness, _clock = world
    dominique, camille = await two_directors(harness, "Coop Confirmée")
    await dominique.press("⚠️ Difficultés")
    await dominique.send(DIFFICULTIES)
    await dominique.press("🤝 ")
    await dominique.press("🙅 ")
    await dominique.press("📤 Envoyer au comité")
    confirmation, data = dominique.find_button("📤 Oui")
    await camille_sends(camille)  # while Dominique reads the confirmation
    await dominique.press_data(confirmation, data)
    assert SENT_BY_CAMILLE in dominique.last_text, (dominique.alerts, dominique.last_text)

    await dominique.send("/bilan")  # the 12-month bilan, sent by Dominique; « 📤 Oui » pressed twice
    await dominique.press("⚠️ Difficultés")
    await dominique.press("🙅 ")
    await dominique.press("🤝 ")
    await dominique.press("🙅 ")
    await dominique.press("📤 Envoyer au comité")
    confirmation, data = dominique.find_button("📤 Oui")
    await dominique.press_data(confirmation, data)
    assert (await the_kinds(harness)) == {"six_months": "sent", "twelve_months": "sent"}
    await dominique.press_data(confirmation, data)  # a double tap: said sent, nothing else opened
    assert "Vous avez envoyé le bilan à 12 mois le " in dominique.last_text, dominique.last_text
    assert harness.errors == []
