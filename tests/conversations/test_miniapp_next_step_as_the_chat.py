"""Once nothing is missing, the Mini App says the next step the chat's home says, for the same person.

Asked more by the committee and complete again, the chat told the direction « Tout est complet : vous
pouvez soumettre à nouveau le dossier au comité de validation » (with « 📤 Soumettre au comité ») while
the Mini App told it to mark the dossier ready, a step that changes nothing on such a dossier; it now
says the chat's sentence (one source, ``render.gaps.complete_step``) and where in the chat, and a plain
member reads that marking it ready tells the direction. A coop whose direction left: its member's page
promised « C’est la direction qui soumet le dossier » on a ready dossier, and to ask the direction for a
missing letter; it now says, as the chat does when asked, that nobody of the direction is in the
assistant and to ask the federation for a direction invitation."""

from __future__ import annotations

from tests.conversations.test_decision_words_by_role import headless
from tests.conversations.test_label_journey import decide
from tests.conversations.test_miniapp_standing import page_of, part, plain, submitted
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import choose, join, open_home

NBSP = "\u00a0"
NO_DIRECTION = (
    "Personne de votre direction n’est dans l’assistant : demandez à la fédération une invitation pour la "
    "direction avec /federation."
)


async def summary_of(harness, user) -> str:
    """The page's standing part, in plain words."""
    return plain(part(await page_of(harness, user), 'id="summary"', "</section>"))


async def test_asked_more_and_complete_the_page_says_the_chats_step_for_each_role(web_harness):
    director, committee = await submitted(web_harness, 8301, "Coop Reprise")
    member = web_harness.user(8302, "Lou", "fr")
    await member.send(f"/start {director.invitations.member_token}")
    await decide(committee, "Coop Reprise", "📝 Demander des compléments", "Précisez la cible.")

    submit_again = "Tout est complet : vous pouvez soumettre à nouveau le dossier au comité de validation."
    await open_home(director)
    assert submit_again in director.last_text.replace(NBSP, " ")
    assert "📤 Soumettre au comité" in director.buttons()
    page = await summary_of(web_harness, director)
    assert f"✅ {submit_again} Depuis l’accueil du dossier dans le chat : « 📤 Soumettre au comité »." in page
    assert "marquer le dossier comme prêt" not in page, page

    for_direction = "Tout est complet : marquez le dossier comme prêt pour le dire à la direction, qui le soumet à nouveau."
    await open_home(member)
    assert for_direction in member.last_text.replace(NBSP, " ")
    page = await summary_of(web_harness, member)
    assert f"✅ {for_direction} Depuis l’accueil du dossier dans le chat : « ✅ Marquer comme prêt »." in page
    assert "Soumettre" not in page, page


async def test_a_ready_dossier_of_a_coop_whose_direction_left_promises_no_direction(web_harness):
    director = await join(web_harness, 9161, "fr", "Coop Sans Tête")
    member = web_harness.user(9162, "Lou", "fr")
    await member.send(f"/start {director.invitations.member_token}")
    await complete_dossier(director)
    await headless(web_harness, director)
    await open_home(member)
    await member.press("✅ Marquer")
    assert NO_DIRECTION in member.last_text.replace(NBSP, " ")  # the chat, on marking it ready
    await open_home(member)
    assert "Votre coopérative n’a plus de direction" in member.last_text

    page = await summary_of(web_harness, member)
    assert f"⚠️ {NO_DIRECTION}" in page, page
    assert "C’est la direction qui soumet le dossier" not in page, page


async def test_a_missing_letter_of_a_coop_whose_direction_left_sends_its_member_to_the_federation(
    web_harness,
):
    director = await join(web_harness, 9163, "fr", "Coop Sans Lettre")
    member = web_harness.user(9164, "Lou", "fr")
    await member.send(f"/start {director.invitations.member_token}")
    await choose(director, [1])
    await headless(web_harness, director)

    await open_home(member)
    await member.press("📎 Documents")
    await member.press("📨 Demander la lettre à la direction")
    assert NO_DIRECTION in member.last_text.replace(NBSP, " "), member.last_text  # the chat's answer
    note = plain(part(await page_of(web_harness, member), 'id="letter">', "</p>"))
    assert note == f"📎 La lettre d’engagement est fournie par la direction. {NO_DIRECTION}", note
