"""The parts of a paste: every part is the answer's, and the answer goes to the question it was typed at."""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.tables import Dossier, TextPart
from tests.conversations.test_long_texts import telegram_parts, words
from tests.dossier_steps import join, open_home
from tests.harness import BotHarness, ChatUser


async def at_approach(harness: BotHarness, user_id: int) -> ChatUser:
    """A direction at « ✏️ Démarche »."""
    camille = await join(harness, user_id, "fr", f"Coop {user_id}")
    await open_home(camille)
    await camille.press("👥 Démarche")
    await camille.press("✏️ Démarche")
    return camille


async def stored_dossier(harness: BotHarness) -> Dossier:
    async with harness.database.transaction() as session:
        return (await session.exec(select(Dossier))).one()


async def waiting(harness: BotHarness) -> list[TextPart]:
    async with harness.database.transaction() as session:
        return list((await session.exec(select(TextPart))).all())


async def test_a_part_that_telegram_takes_for_a_command_is_part_of_the_answer(harness):
    """Telegram's cut falls just before « /statuts_2024 »: its second part is tagged as a command."""
    camille = await at_approach(harness, 7101)
    head = words(4096 - 29, "texte") + " Voir le dossier partagé sur "
    text = head + "/statuts_2024 et la suite du texte qui compte. Mise à jour /dossier"
    first, second = telegram_parts(text)
    assert second.startswith("/statuts_2024")
    assert await camille.send(first) == []
    assert await camille.send(second) == []  # no « Je n’ai pas compris »: a part, kept with the first
    replies = await harness.settle(camille.id)
    assert not any("pas compris" in m.get("text", "") for m in replies)
    assert (await stored_dossier(harness)).approach == text
    assert await waiting(harness) == []


async def test_a_part_beginning_with_a_real_command_word_is_part_of_the_answer(harness):
    camille = await at_approach(harness, 7102)
    text = words(4096, "texte") + "/dossier complet est en ligne, à relire avant la réunion."
    first, second = telegram_parts(text)
    assert await camille.send(first) == []
    assert await camille.send(second) == []  # not the /dossier command: the paste goes on
    await harness.settle(camille.id)
    assert (await stored_dossier(harness)).approach == text


async def test_a_command_like_part_after_a_restart_is_part_of_the_answer(harness):
    """The waiting parts are in the database: a part arriving after a restart still joins them."""
    camille = await at_approach(harness, 7105)
    text = words(4096, "texte") + "/statuts_2024 et la suite."
    first, second = telegram_parts(text)
    await camille.send(first)
    await harness.restart()
    assert await camille.send(second) == []
    await harness.settle(camille.id)
    assert (await stored_dossier(harness)).approach == text


async def test_a_known_command_alone_after_a_paste_is_still_a_command(harness):
    """« /cancel » typed seconds after a paste still stops the question; the paste comes back whole,
    at once (as when moving to another question), before what the command answers."""
    camille = await at_approach(harness, 7103)
    first = telegram_parts(words(5000, "texte"))[0]
    await camille.send(first)
    replies = await camille.send("/cancel")
    assert "Cette question n’est plus ouverte." in replies[0]["text"]
    assert replies[1]["text"] == first
    assert "C’est arrêté" in replies[2]["text"]
    assert await harness.settle(camille.id) == []  # nothing left to judge
    assert (await stored_dossier(harness)).approach is None


@pytest.mark.parametrize(
    ("command", "answered"),
    [
        ("/annuler", "C’est arrêté"),
        ("/aide", "Ce que fait cet assistant"),
        ("/langue", "Quelle langue préférez-vous"),
    ],
)
async def test_a_command_word_alone_after_a_whole_paste_is_a_command(harness, command, answered):
    """Both parts of a paste waiting, then a command word typed before the bot answers: it is never
    the paste's last part (it was, for the French names, saved at the end of the answer), the paste
    comes back whole and the command is answered."""
    camille = await at_approach(harness, 7106)
    text = words(5000, "mot")
    for part in telegram_parts(text):
        assert await camille.send(part) == []
    replies = [reply.get("text", "") for reply in await camille.send(command)]
    assert "Cette question n’est plus ouverte." in replies[0]
    answer = next(i for i, reply in enumerate(replies) if answered in reply)  # the command's, after
    assert " ".join(replies[1:answer]) == text  # whole, cut between words only
    assert await harness.settle(camille.id) == []  # nothing left to judge
    assert (await stored_dossier(harness)).approach is None


async def test_an_unknown_command_word_after_a_paste_leaves_it_to_its_question(harness):
    """A command the bot does not know (a typo) did nothing: never the paste's last part, nor does it
    leave the question; said so, and the paste is judged as the answer it was."""
    camille = await at_approach(harness, 7107)
    text = words(5000, "mot")
    for part in telegram_parts(text):
        assert await camille.send(part) == []
    await camille.send("/recapitulatif")
    said = camille.reply_text()
    assert "Je ne connais pas la commande /recapitulatif" in said and "toujours ouverte" in said, said
    assert "n’est plus ouverte" not in said
    await harness.settle(camille.id)
    assert (await stored_dossier(harness)).approach == text


async def test_an_unknown_command_alone_with_nothing_waiting_is_not_understood(harness):
    camille = await at_approach(harness, 7104)
    await camille.send("/statuts_2024")
    assert "Je ne connais pas la commande /statuts_2024" in camille.last_text
    assert await waiting(harness) == []


async def at_answers(harness: BotHarness, user_id: int) -> ChatUser:
    """A direction at step 3 of « ✍️ Répondre aux questions », steps 1 and 2 answered."""
    camille = await join(harness, user_id, "fr", f"Coop {user_id}")
    await open_home(camille)
    await camille.press("👥 Démarche")
    await camille.press("✍️ Répondre")
    await camille.send("Démarche courte.")
    await camille.send("Salariés informés en réunion.")
    assert "Étape 3/4" in camille.last_text
    return camille


async def test_back_pressed_before_a_paste_is_judged_gives_it_back_and_keeps_the_answer_before(harness):
    """« ⬅️ Retour » just after a paste: the text replaced step 2's answer. Now it comes back whole."""
    camille = await at_answers(harness, 7201)
    text = words(5000, "coopinfo")
    for part in telegram_parts(text):
        await camille.send(part)
    replies = await camille.press("⬅️ Retour")
    texts = [m.get("text", "") for m in replies]
    given = next(n for n, t in enumerate(texts) if "Cette question n’est plus ouverte." in t)
    assert " ".join(texts[given + 1 : given + 3]) == text  # whole, cut between two words
    assert "Étape 2/4" in camille.last_text and "⬅️ Retour" in camille.buttons()  # below, to answer
    assert await harness.settle(camille.id) == []  # nothing left to judge
    dossier = await stored_dossier(harness)
    assert dossier.staff_information == "Salariés informés en réunion."  # step 2's answer kept
    assert dossier.members_information is None
    assert await waiting(harness) == []
    await camille.send("Salariés informés par note.")  # step 2 answered as usual afterwards
    assert (await stored_dossier(harness)).staff_information == "Salariés informés par note."


async def test_a_paste_left_for_a_menu_then_another_question_is_not_its_answer(harness):
    """Left for a menu, the parts stay (the judging gives them back there); opening another question
    before the judging gives them back: they never answer a question they were not typed at."""
    camille = await at_answers(harness, 7202)
    text = words(5000, "coopinfo")
    for part in telegram_parts(text):
        await camille.send(part)
    await camille.press("🏠 Mon dossier")
    await camille.press("👥 Démarche")
    replies = await camille.press("✏️ Démarche")
    assert any("Cette question n’est plus ouverte." in m.get("text", "") for m in replies)
    assert "Expliquez votre démarche" in camille.last_text
    assert await harness.settle(camille.id) == []
    dossier = await stored_dossier(harness)
    assert dossier.approach == "Démarche courte." and dossier.members_information is None


async def test_a_paste_judged_at_its_own_question_is_stored_there(harness):
    camille = await at_answers(harness, 7203)
    text = words(5000, "coopinfo")
    await camille.paste(*telegram_parts(text))
    dossier = await stored_dossier(harness)
    assert (
        dossier.members_information == text and dossier.staff_information == "Salariés informés en réunion."
    )


def sent_plain(harness: BotHarness, chat_id: int, since: int) -> list[str]:
    """The texts sent plain (a user's own text, to copy) to a chat, as the bot passed them to Telegram."""
    return [
        call.params["text"]
        for call in harness.fake.calls[since:]
        if call.method == "sendMessage" and call.chat_id == chat_id and call.params.get("parse_mode") is None
    ]


async def test_a_long_text_shown_back_to_copy_is_sent_whole_with_nothing_dropped_at_the_cuts(harness):
    """Refused, or shown as the current text, a long text is sent in parts that put end to end are
    the text: the space or line break at a cut ends the part before it (split_text)."""
    camille = await at_approach(harness, 7301)
    paragraph = words(2999, "refus") + "\n"
    too_long = paragraph * 3  # 9,000 characters: over the limit, refused and given back
    since = len(harness.fake.calls)
    await camille.paste(*telegram_parts(too_long))
    assert "".join(sent_plain(harness, camille.id, since)) == too_long
    text = words(5500, "demarche")
    await camille.paste(*telegram_parts(text))
    assert (await stored_dossier(harness)).approach == text
    since = len(harness.fake.calls)
    await camille.press("✏️ Démarche")
    assert "Le texte actuel complet suit" in camille.replies[0]["text"]
    shown = sent_plain(harness, camille.id, since)
    assert "".join(shown) == text and len(shown) == 2 and shown[0].endswith(" ")
