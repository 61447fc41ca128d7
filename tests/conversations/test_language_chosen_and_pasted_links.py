"""A language chosen in the bot, with /language or /settings alike: the chat's « / » menu speaks it, and a
question a command left stays within reach, its command named as it now reads. And an invitation link
pasted as text (or its code alone) by someone in no coop is taken as the link opened."""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.coops import FAILED_JOINS_ALLOWED
from models.tables import Member
from tests.dossier_steps import choose, join, start_own_indicator
from tests.harness import BotHarness, ChatUser

BOT = "qualicoop_test_bot"  # the fake Telegram's bot


def menu_for(harness: BotHarness, chat_id: int, language_code: str) -> list[str]:
    """The commands Telegram shows in a private chat (the fake looks them up as Telegram does)."""
    return harness.fake.menu_in_private(chat_id, language_code)


async def choose_english(person: ChatUser, way: str) -> None:
    """English chosen with /langue, or from /parametres' « 🌐 Langue »."""
    await person.send(way)
    if way == "/parametres":
        await person.press("🌐")
    await person.press("English")


@pytest.mark.parametrize("way", ["/langue", "/parametres"])
async def test_the_command_menu_speaks_the_language_chosen_in_the_bot(harness, way):
    sam = await join(harness, 9301, "fr", role="member")
    assert menu_for(harness, sam.id, "fr")[-5:] == ["langue", "aide", "annuler", "mesdonnees", "supprimer"]
    await choose_english(sam, way)
    menu = menu_for(harness, sam.id, "fr")  # the Telegram app still in French
    assert menu == menu_for(harness, 0, "en")  # a plain member's English menu, whole, from the same table
    assert "language" in menu and "langue" not in menu
    await sam.send("/langue")
    await sam.press("Français")
    assert menu_for(harness, sam.id, "en") == menu_for(harness, 0, "fr")


async def test_the_welcomes_language_buttons_set_the_menu_too(harness):
    dominique = harness.user(9302, language_code="fr")
    await dominique.send("/start")
    await dominique.press("English")
    assert "settings" in menu_for(harness, dominique.id, "fr")


async def test_a_menu_telegram_refuses_costs_the_choice_nothing(harness):
    sam = await join(harness, 9303, "fr")
    harness.fake.fail_next("setMyCommands", 400, "Bad Request: chat not found")
    replies = await sam.press("English", (await sam.send("/langue"))[-1])
    assert replies[0]["text"] == "✅ The assistant now speaks English."
    assert "Engagements" in sam.last_text  # the home follows, in English; no error said
    assert "langue" in menu_for(harness, sam.id, "fr")  # the app's language's menu stays


@pytest.mark.parametrize(("way", "named"), [("/langue", "/language"), ("/parametres", "/settings")])
async def test_the_question_left_for_a_language_stays_within_reach_named_as_it_now_reads(harness, way, named):
    """At step 2/7 of a new indicator, English chosen: the text typed next comes back with the command
    as an English speaker types it, and « ↩️ Reopen the question » (/langue dropped the question before)."""
    camille = await join(harness, 9304, "fr", f"Coop {named}")
    await choose(camille, [1])
    await start_own_indicator(camille, 1)
    await camille.send("Part des logements abordables")
    assert "Étape 2/7" in camille.last_text
    await choose_english(camille, way)
    answer = "It shows our homes stay affordable."
    replies = [reply.get("text", "") for reply in await camille.send(answer)]
    assert f"The question you were answering was closed by {named}: this text" in replies[0], replies
    assert replies[1] == answer
    assert camille.buttons() == ["↩️ Reopen the question"]
    await camille.press("↩️ Reopen the question")
    assert "Step 2/7" in camille.last_text


async def member_of(harness: BotHarness, user_id: int) -> Member | None:
    async with harness.database.transaction() as session:
        return (await session.exec(select(Member).where(Member.user_id == user_id))).first()


@pytest.mark.parametrize(
    "pasted",
    [
        f"https://t.me/{BOT}?start={{token}}",
        f"t.me/{BOT.upper()}?start={{token}}",
        f"http://telegram.me/{BOT}/?start={{token}}",
        "  {token}\n",
    ],
)
async def test_an_invitation_link_pasted_as_text_joins_the_coop(harness, pasted):
    coop = await harness.add_coop("Coop Collée")
    dominique = harness.user(9305, language_code="fr")
    replies = await dominique.send(pasted.format(token=coop.member_token))
    assert replies[0]["text"].startswith(
        "✅ Bienvenue\u00a0! Vous avez rejoint Coop Collée en tant que membre."
    )
    assert (await member_of(harness, dominique.id)).coop_id == coop.coop.id


async def test_a_pasted_link_gets_the_refusals_and_the_wait_of_the_link_opened(harness):
    dominique = harness.user(9306, language_code="fr")
    for _ in range(FAILED_JOINS_ALLOWED):
        await dominique.send(f"https://t.me/{BOT}?start=abcdefghijklmnopqrstuv")
        assert "Ce lien d’invitation n’est pas reconnu" in dominique.last_text
    coop = await harness.add_coop("Coop Patiente")
    await dominique.send(coop.member_token)  # the right code now: not even tried, as /start's
    assert dominique.last_text.startswith("⏳ Trop de liens d’invitation n’ont pas fonctionné.")
    assert await member_of(harness, dominique.id) is None


async def test_other_texts_and_members_texts_go_their_usual_ways(harness):
    coop = await harness.add_coop("Coop Voisine")
    dominique = harness.user(9307, language_code="fr")
    await dominique.send(f"https://t.me/another_bot?start={coop.member_token}")  # not this bot's link
    assert "Je n’ai pas compris" in dominique.last_text
    sam = await join(harness, 9308, "fr", "Coop Sam")
    await sam.send(coop.member_token)  # in a coop: as the link opened, which moves nobody to another coop
    assert "Ce lien concerne une autre coopérative\u00a0: rien n’a été modifié." in sam.last_text
    assert (await member_of(harness, sam.id)).coop_id != coop.coop.id


async def test_erasing_ones_data_takes_the_chats_menu_back_to_the_apps_language(harness):
    """The chat's own menu says the language a person chose: /supprimer takes it away with the rest, the
    menu a stranger's in the app's language (a Telegram refusing it costs the erasure nothing)."""
    sam = await join(harness, 9304, "fr")
    await choose_english(sam, "/langue")
    assert "language" in menu_for(harness, sam.id, "fr")
    await sam.send("/erase")
    await sam.press("🗑")
    assert "Your personal data is erased" in sam.last_text
    assert menu_for(harness, sam.id, "fr") == [
        "parametres",
        "langue",
        "aide",
        "annuler",
        "mesdonnees",
        "supprimer",
    ]
    alex = await join(harness, 9305, "fr", "Coop Voisine")
    await choose_english(alex, "/langue")
    harness.fake.fail_next("setMyCommands", 400, "Bad Request: chat not found")
    await alex.send("/erase")
    await alex.press("🗑")
    assert "Your personal data is erased" in alex.last_text
