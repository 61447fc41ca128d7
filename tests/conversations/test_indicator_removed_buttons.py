"""The buttons of a question whose indicator a colleague removed (or of an action a colleague deleted): told
so, in words of a button (not « ce à quoi vous répondiez »), and led to the indicators' overview; a button
naming another coop's indicator is still refused."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Indicator
from tests.dossier_steps import (
    FR_ANSWERS,
    choose,
    fill_suggested_indicator,
    join,
    open_home,
    start_own_indicator,
)

# a button pressed answered nothing: told the indicator was removed
REMOVED = "Cet indicateur a été retiré du dossier entre-temps, peut-être par un collègue."
NOT_YOURS = "Ce bouton ne concerne pas le dossier de votre coopérative"
KIND = "Quel type de valeur prend-il"


async def asked_the_kind(harness, first_id: int, name: str):
    """Sam at the kind question of a new indicator of engagement 1; Bob, a colleague, in the same coop."""
    sam = await join(harness, first_id, "fr", name)
    bob = harness.user(first_id + 1, first_name="Bob", language_code="fr")
    await bob.send(f"/start {sam.invitations.member_token}")
    await choose(sam, [1, 2])
    await start_own_indicator(sam, 1)
    await sam.send("Indicateur de Sam")
    await sam.send("Une raison.")
    assert KIND in sam.last_text
    return sam, bob


async def bob_deletes_it(bob) -> None:
    """Bob deletes Sam's indicator from its own screen."""
    await open_home(bob)
    await bob.press("📊 Indicateurs")
    await bob.press(" 1 · ")
    await bob.press("⚠️ 1 · ")
    await bob.press("🗑 Supprimer")
    await bob.press("🗑 Oui, supprimer")


def led_on(user) -> None:
    """Told the indicator was removed, on the overview of the indicators, no refusal."""
    assert not any(NOT_YOURS in alert for alert in user.alerts), user.alerts
    assert REMOVED in user.reply_text(), user.reply_text()
    assert "📊 Indicateurs et plans d’action" in user.last_text and KIND not in user.last_text


async def test_the_kind_buttons_of_a_removed_indicator_say_so_and_lead_on(harness):
    sam, bob = await asked_the_kind(harness, 9730001, "Coop Boutons")
    question = sam.last
    await bob_deletes_it(bob)
    await sam.press("🔢 Un nombre", question)
    led_on(sam)


async def test_back_from_the_question_of_a_removed_indicator_leads_on(harness):
    sam, bob = await asked_the_kind(harness, 9730011, "Coop Retour")
    question = sam.last
    await bob_deletes_it(bob)
    await sam.press("⬅️ Retour", question)
    led_on(sam)


async def test_a_ready_answer_of_a_removed_indicators_question_leads_on(harness):
    sam, bob = await asked_the_kind(harness, 9730021, "Coop Oui")
    await sam.press("👍 Oui / non")
    assert "Quelle est sa valeur actuelle" in sam.last_text
    question = sam.last
    await bob_deletes_it(bob)
    await sam.press("Oui", question)
    led_on(sam)


async def test_another_coops_indicator_is_still_refused(harness):
    sam, _bob = await asked_the_kind(harness, 9730031, "Coop Ici")
    other = await join(harness, 9730035, "fr", "Coop Ailleurs")
    await choose(other, [1])
    await fill_suggested_indicator(other, 1, FR_ANSWERS)
    async with harness.database.transaction() as session:
        theirs = (await session.exec(select(Indicator).where(Indicator.title != "Indicateur de Sam"))).one()
    await open_home(other)  # deleted: still a row the coop of Sam never had
    await other.press("📊 Indicateurs")
    await other.press(" 1 · ")
    await other.press("✅ 1 · ")
    await other.press("🗑 Supprimer")
    await other.press("🗑 Oui, supprimer")
    for data in (f"ik:{theirs.id}:n", "ik:987654:n", f"fw:i:{theirs.id}:r", f"in:{theirs.id}"):
        await sam.press_data(sam.last, data)
        assert any(NOT_YOURS in alert for alert in sam.alerts), (data, sam.alerts)
        assert REMOVED not in sam.reply_text()


async def test_a_button_of_an_action_a_colleague_deleted_says_the_action_was_deleted(harness):
    camille = await join(harness, 9932301, "fr", "Coop Supprimée")
    lea = harness.user(9932302, "Léa", "fr")
    await lea.send(f"/start {camille.invitations.member_token}")
    await choose(camille, [1])
    await fill_suggested_indicator(camille, 1, FR_ANSWERS)
    for user in (camille, lea):
        await open_home(user)
        await user.press("📊 Indicateurs")
        await user.press(" 1 · ")
        await user.press("1 · Part")
        await user.press("📌 1 · ")
    action = lea.last
    await camille.press("🗑 Supprimer l’action")
    await camille.press("🗑 Oui")
    await lea.press("✏️ Qui", action)
    said = lea.reply_text()
    assert "Cette action a été supprimée entre-temps, peut-être par un collègue." in said, said
    assert "Ce à quoi vous répondiez" not in said
    assert "📊 Indicateurs et plans d’action" in lea.last_text
