"""« retour » typed at a question whose « ⬅️ Retour » has a guard presses it as the button does: the
router hands every guard what it judges, pressed or typed (no callback query for a typed word). The
composer's guard (its author's draft only) read the callback query and crashed on the typed word."""

from __future__ import annotations

from models.tables import Announcement, ChatState
from tests.conftest import ADMIN_ID
from tests.conversations.test_announcement_authors import COLLEAGUES, SECOND_ADMIN, TITLE, admin_draft
from tests.conversations.test_committee_changes import submitted_by_dominique

NBSP = "\u00a0"
TAKEN_AS_BACK = f"«{NBSP}retour{NBSP}»{NBSP}: je l’ai pris pour le bouton «{NBSP}⬅️ Retour{NBSP}»."


async def test_retour_typed_at_the_composers_second_question_goes_back_to_the_title(harness):
    admin = harness.user(ADMIN_ID, "Alix", "fr")
    for answer in ("/annonce", "VisioCoop Raison d’être"):
        await admin.send(answer)
    assert "⬅️ Retour" in admin.buttons()  # the date's question
    await admin.send("retour")
    said = admin.reply_text()
    assert said.startswith(TAKEN_AS_BACK), said
    assert "Désolé" not in said and "Étape 1/" in said, said  # back at the title's question


async def test_retour_typed_at_a_colleagues_draft_is_refused_in_a_reply(harness):
    """A question of admin 1's draft saved for admin 2 (before buttons were refused): the typed word is
    refused as the button is, with the same words, and nothing moves."""
    _admin, second, draft_id = await admin_draft(harness)
    async with harness.database.transaction() as session:
        state = await session.get(ChatState, SECOND_ADMIN) or ChatState(user_id=SECOND_ADMIN)
        state.screen, state.data = "an_when", f'{{"id": {draft_id}}}'
        session.add(state)
    await second.send("retour")
    said = second.reply_text()
    assert COLLEAGUES in said and "Désolé" not in said, said
    async with harness.database.transaction() as session:
        assert (await session.get(ChatState, SECOND_ADMIN)).screen == "an_when"
        assert (await session.get(Announcement, draft_id)).title == TITLE


async def test_retour_typed_at_the_committees_confirmation_goes_back_to_the_comment(world):
    harness, _clock = world
    _director, committee = await submitted_by_dominique(harness, 8621, "Coop Retour")
    await committee.send("/comite")
    await committee.press("Coop Retour")
    await committee.press("📝 Demander des compléments")
    await committee.send("Précisez la cible de l’engagement 1.")
    assert "sera prévenu" in committee.last_text and "⬅️ Retour" in committee.buttons()  # to confirm
    await committee.send("retour")
    said = committee.reply_text()
    assert said.startswith(TAKEN_AS_BACK), said
    assert f"Votre commentaire actuel{NBSP}:" in said and "Précisez la cible" in said, said
