"""A command leaves the question open behind it: the next text or file is no answer to a question the
user no longer sees. And a screen waiting for a file says what to send when something else comes."""

from __future__ import annotations

import pytest
from sqlmodel import select

from conversations.ui import states
from models.chat_state import load_position
from models.tables import (
    Attachment,
    AttachmentKind,
    Dossier,
    DossierStatus,
    FederationRoleName,
    RequestMessage,
)
from models.users import grant_federation_role
from tests.conftest import ADMIN_ID
from tests.conversations.test_bilans import admissible_coop
from tests.conversations.test_early_visit import COMMITTEE_ID, submitted_coop
from tests.conversations.test_federation_requests import ask
from tests.conversations.test_long_texts import telegram_parts, words
from tests.dossier_steps import LETTER_PDF, choose, join, open_home, start_own_indicator
from tests.harness import BotHarness, ChatUser
from tests.unit.test_query_counts import counting

APPROACH = "Notre démarche longue et précieuse, écrite en réunion."


async def stored_approach(harness: BotHarness) -> str:
    async with harness.database.transaction() as session:
        return (await session.exec(select(Dossier))).one().approach


async def editing_approach(harness: BotHarness, user_id: int) -> ChatUser:
    """A direction whose approach is saved, at « ✏️ Démarche » (its text and « Garder »)."""
    camille = await join(harness, user_id, "fr", f"Coop {user_id}")
    await open_home(camille)
    await camille.press("👥 Démarche")
    await camille.press("✍️ Répondre")
    await camille.send(APPROACH)
    await open_home(camille)
    await camille.press("👥 Démarche")
    await camille.press("✏️ Démarche")
    assert "✅ Garder" in camille.buttons()
    return camille


@pytest.mark.parametrize(
    "command",
    ["/recap", "/pdf", "/mesdonnees", "/help", "/parametres", "/language", "/export"],
)
async def test_a_text_typed_after_a_command_does_not_replace_the_saved_answer(harness, command):
    camille = await editing_approach(harness, 7401)
    question = camille.last
    await camille.send(command)
    assert "✅ Garder" not in camille.buttons(camille.messages[camille.messages.index(question)])
    await camille.send("merci")
    assert "Démarche et objectifs" not in camille.reply_text()  # neither stored nor asked again
    assert await stored_approach(harness) == APPROACH


async def test_a_language_chosen_in_the_settings_leaves_no_hidden_question(harness):
    camille = await editing_approach(harness, 7402)
    await camille.send("/parametres")
    await camille.press("🌐")
    await camille.press("English")
    await camille.send("thanks")  # the question left by /parametres: said so, as English names it
    assert "was closed by /settings: this text was not taken" in camille.reply_text()
    assert await stored_approach(harness) == APPROACH


async def test_a_file_sent_after_a_command_is_not_taken_as_the_letter(harness):
    camille = await join(harness, 7403, "fr", "Coop Lettre")
    await open_home(camille)
    await camille.press("📎 Documents")
    await camille.press("📎 Lettre")
    await camille.send("/recap")
    await camille.send_document("compte-rendu.pdf", LETTER_PDF, "application/pdf")
    async with harness.database.transaction() as session:
        kinds = [a.kind for a in (await session.exec(select(Attachment))).all()]
    assert kinds == [AttachmentKind.SUPPORTING]  # where a file sent from the home goes


async def test_a_command_costs_a_commit_only_when_it_leaves_a_question(harness):
    camille = await editing_approach(harness, 7404)
    with counting(harness.database.engine) as counted:
        await camille.send("/help")  # leaves the question
    assert counted.commits == 1, counted.said()
    with counting(harness.database.engine) as counted:
        await camille.send("/help")  # at the home now: nothing to leave, nothing written
    assert counted.commits == 0, counted.said()


async def test_the_question_left_answers_again_once_reopened(harness):
    camille = await editing_approach(harness, 7405)
    await camille.send("/help")
    await open_home(camille)
    await camille.press("👥 Démarche")
    await camille.press("✏️ Démarche")
    await camille.send("Une démarche revue.")
    assert await stored_approach(harness) == "Une démarche revue."


async def test_a_paste_waiting_comes_back_at_the_command_before_its_answer(harness):
    camille = await editing_approach(harness, 7408)
    first = telegram_parts(words(5000, "texte"))[0]
    await camille.send(first)
    replies = await camille.send("/recap")
    assert "Cette question n’est plus ouverte." in replies[0]["text"] and replies[1]["text"] == first
    recap = camille.last
    assert await harness.settle(camille.id) == []  # nothing left for the judging to answer later
    assert camille.buttons(recap)  # so the recap stays the live menu
    assert await stored_approach(harness) == APPROACH


async def test_the_committees_comment_left_for_a_command_takes_no_text(world):
    harness, _clock = world
    _director, committee = await submitted_coop(harness)
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    await committee.press("✅ Déclarer recevable")
    assert "Votre commentaire" in committee.last_text
    await committee.send("/help")
    await committee.send("Une question sans rapport")
    assert "À quelle date" not in committee.reply_text()  # not taken as the decision's comment


async def at_upload(harness: BotHarness, user_id: int, button: str) -> ChatUser:
    camille = await join(harness, user_id, "fr", f"Coop {user_id}")
    await open_home(camille)
    await camille.press("📎 Documents")
    await camille.press(button)
    assert "Envoyez maintenant le fichier" in camille.last_text
    return camille


def other_message(camille: ChatUser, **content) -> dict:
    """A voice note, a sticker, a location… sent by the user."""
    fake = camille.fake
    return fake._push_update(camille.id, {"message": fake._user_message(camille.tg, **content)})


VOICE = {"voice": {"file_id": "VC1", "file_unique_id": "v1", "duration": 3}}
LOCATION = {"location": {"latitude": 48.85, "longitude": 2.35}}


async def test_the_letter_upload_asks_for_the_letter_as_a_file_whatever_comes(harness):
    camille = await at_upload(harness, 7406, "📎 Lettre")
    await camille.send("la voici")
    assert "Envoyez la lettre d’engagement comme fichier (PDF, image…)." in camille.reply_text()
    assert "boutons" not in camille.reply_text()
    assert "Envoyez maintenant le fichier" in camille.last_text  # the screen again, below
    for content in (VOICE, LOCATION):
        camille.replies = await harness.deliver(camille.id, other_message(camille, **content))
        assert "Envoyez la lettre d’engagement comme fichier" in camille.reply_text()
        assert "pas compris" not in camille.reply_text()
        assert "Envoyez maintenant le fichier" in camille.last_text


async def test_a_document_upload_asks_for_the_document_as_a_file(harness):
    camille = await at_upload(harness, 7407, "📎 Ajouter une pièce")
    camille.replies = await harness.deliver(camille.id, other_message(camille, **VOICE))
    assert "Envoyez le document comme fichier (PDF, image…)." in camille.reply_text()


# ---- what the position itself holds: a comment, a reply held, a file; staff go back to their work ----

COMMENT = "Dossier complet <et> clair & bravo à toute l’équipe."


async def stored_position(harness: BotHarness, user_id: int):
    async with harness.database.transaction() as session:
        return await load_position(session, user_id)


async def test_the_committees_comment_comes_back_when_a_command_leaves_the_date(world):
    harness, _clock = world
    _director, committee = await submitted_coop(harness)
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    await committee.press("✅ Déclarer recevable")
    await committee.send(COMMENT)
    assert "À quelle date" in committee.last_text
    replies = await committee.send("/calendrier")  # to check a date
    said = [reply.get("text", "") for reply in replies]
    assert "Cette question n’est plus ouverte\u00a0: ce que vous y aviez écrit n’a été ni envoyé" in said[0]
    assert said[1] == COMMENT  # whole, alone in its message, to copy
    assert (await stored_position(harness, committee.id)).screen == states.COMMITTEE  # their list
    await committee.send("31/08/2026")  # the date typed next: no answer to the question left, within reach
    answer = committee.reply_text()
    assert "/dossier" not in answer and "fermée par /calendrier" in answer, answer
    assert committee.buttons() == ["↩️ Reprendre la question"]
    async with harness.database.transaction() as session:
        assert (await session.exec(select(Dossier))).one().status == DossierStatus.SUBMITTED


async def replying_with_a_file(harness: BotHarness) -> ChatUser:
    """An admin (no coop, English) at a coop's request, « ✍️ Reply » pressed and a file sent alone."""
    sam = await join(harness, 7411, "en", "Coop Question", role="member")
    await ask(sam, "How do we count the associés?")
    admin = harness.user(ADMIN_ID, "Fed", "en")
    await admin.send("/requests")
    await admin.press("Coop Question")
    await admin.press("✍️ Reply")
    await admin.send_document("model.pdf", LETTER_PDF, "application/pdf")
    assert "File ready: model.pdf" in admin.reply_text()
    return admin


@pytest.mark.parametrize("command", ["/help", "/demandes"])
async def test_a_file_waiting_with_a_reply_is_said_not_sent_when_a_command_leaves_it(harness, command):
    admin = await replying_with_a_file(harness)
    await admin.send(command)
    said = admin.reply_text()
    assert "model.pdf was not sent" in said and "send the file again" in said, said
    assert (await stored_position(harness, admin.id)).screen == states.INBOX
    await admin.send("Here is the model.")  # given back whole, with the way to reply
    said = admin.reply_text()
    assert "/dossier" not in said and "Here is the model." in said
    if command == "/demandes":  # the inbox drawn anew: a message to a coop, sent to none
        assert "Your text was sent to no coop" in said, said
    else:  # the reply's question left, within reach again
        assert "was closed by /help" in said and admin.buttons() == ["↩️ Reopen the question"], said
    async with harness.database.transaction() as session:
        assert len((await session.exec(select(RequestMessage))).all()) == 1  # the coop's only


async def test_a_reply_held_for_a_colleagues_comes_back_when_a_command_leaves_it(harness):
    sam = await join(harness, 7412, "en", "Coop Deux", role="member")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, 7413, FederationRoleName.ADMIN)
    alex, fede = harness.user(7413, "Alex", "en"), harness.user(ADMIN_ID, "Fed", "en")
    await ask(sam, "How do we count user-members?")
    for admin in (alex, fede):
        await admin.send("/requests")
        await admin.press("Coop Deux")
        await admin.press("✍️ Reply")
    await alex.send("Count all associés.")
    await fede.send_document("model.pdf", LETTER_PDF, "application/pdf")
    await fede.send("Count only the user associés.")  # held: Alex replied meanwhile
    assert "Your reply was not sent" in fede.messages[-2]["text"]
    replies = await fede.send("/tableau")
    said = [reply.get("text", "") for reply in replies]
    assert "This question is no longer open: what you had typed there was neither sent" in said[0]
    assert said[1] == "Count only the user associés."
    assert any("model.pdf was not sent" in text for text in said), said


async def test_federation_staff_not_understood_are_shown_their_own_commands(world):
    harness, _clock = world
    _director, committee = await submitted_coop(harness)
    await committee.send("bonjour")
    said = committee.reply_text()
    assert "/comite" in said and "/tableau" in said and "/dossier" not in said, said
    async with harness.database.transaction() as session:
        await grant_federation_role(session, 7414, FederationRoleName.ADMIN)
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.ADMIN)
    admin = harness.user(7414, "Fed", "en")
    await admin.send("hello")
    said = admin.reply_text()
    assert "/requests" in said and "/announce" in said and "/dossier" not in said, said
    assert "/committee" not in said
    await committee.send("bonjour")  # both roles: both ways
    said = committee.reply_text()
    assert "/comite" in said and "/demandes" in said and "/annonce" in said, said


async def test_ones_own_text_beside_a_colleagues_comes_back_when_a_command_leaves_the_choice(world):
    harness, _clock = world
    director, member, _committee = await admissible_coop(harness, "Coop Deux Voix")
    await director.send("/bilan")
    await member.send("/report")
    await director.press("⚠️ ")
    await member.press("⚠️ ")
    await director.send("Peu de locataires aux réunions de l’hiver.")
    await member.send("The survey was late by two months.")
    assert "Which one do we keep?" in member.last_text
    replies = await member.send("/help")
    said = [reply.get("text", "") for reply in replies]
    assert "what you had typed there was neither sent nor saved" in said[0], said
    assert said[1] == "The survey was late by two months."


async def test_a_coop_command_tells_federation_staff_theirs_not_an_invitation_link(world):
    """/recap or /pdf by the committee (in no coop): no « open the invitation link », their commands."""
    harness, _clock = world
    _director, committee = await submitted_coop(harness)
    for command in ("/recap", "/pdf"):
        await committee.send(command)
        said = committee.reply_text()
        assert "réservé aux membres de l’équipe d’une coopérative" in said and "/comite" in said, said
        assert "invitation" not in said, said


async def test_the_answer_typed_after_a_command_comes_back_with_the_way_to_its_question(harness):
    """At step 2/7 of a new indicator, /recap to reread, then the answer: not « I did not understand »
    but which command closed the question, the text whole, and « ↩️ Reprendre la question », which
    opens step 2/7 again, where the same text is then taken."""
    camille = await join(harness, 7420, "fr", "Coop Reprise")
    await choose(camille, [1])
    await start_own_indicator(camille, 1)
    await camille.send("Part des logements abordables")
    assert "Étape 2/7" in camille.last_text
    await camille.send("/recap")
    answer = "Il montre que nos logements restent accessibles <à tous> & durablement."
    replies = [reply.get("text", "") for reply in await camille.send(answer)]
    assert "La question à laquelle vous répondiez a été fermée par /recap" in replies[0], replies
    assert "pas compris" not in "\n".join(replies)
    assert replies[1] == answer  # whole, alone in its message, to copy
    assert camille.buttons() == ["↩️ Reprendre la question"]  # below it
    await camille.press("↩️ Reprendre la question")
    assert "Étape 2/7" in camille.last_text
    await camille.send(answer)
    assert "Étape 3/7" in camille.last_text


async def test_the_question_left_is_forgotten_once_the_person_moves_on(harness):
    """The trace of the question left goes with the next screen drawn anew (/dossier): a text typed
    there is then « not understood », as anywhere on the home."""
    camille = await join(harness, 7421, "fr", "Coop Oubli")
    await choose(camille, [1])
    await start_own_indicator(camille, 1)
    await camille.send("/pdf")
    await camille.send("/dossier")
    await camille.send("Un texte de plus.")
    assert "Je n’ai pas compris" in camille.reply_text()
    assert "Reprendre" not in " ".join(camille.buttons())
