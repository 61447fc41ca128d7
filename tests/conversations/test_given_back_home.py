"""Someone's words sent where « not understood » is the answer come back too: a paste typed on the dossier's
home, or by someone in no coop, got « Je n’ai pas compris » for its first part and nothing for the others,
all of it lost; a video's or a voice note's caption sent on a menu, or by someone in no coop, got « Je n’ai
pas compris » alone. Each is given back whole, in messages of its own, as on any other screen of buttons, « not
understood » below the last part; a short text (a button's label typed) is only « not understood », as
before."""

from __future__ import annotations

from tests.conversations.test_committee_followed import committee_member
from tests.conversations.test_letter_typed_given_back import LETTER
from tests.conversations.test_long_texts import telegram_parts
from tests.conversations.test_media_captions_given_back import VIDEO, VOICE, send_media
from tests.dossier_steps import join, open_home

NOT_UNDERSTOOD = "Je n’ai pas compris"
KEPT = "Voici ce que vous aviez écrit"
CHOOSE = "👇 Choisissez avec les boutons de cet écran."


def texts(replies: list[dict]) -> list[str]:
    return [m.get("text", "") for m in replies]


def given_back_then_pointed_once(replies: list[dict], parts: list[str]) -> None:
    """Every part of the paste whole, in order, in messages of its own, under one line saying so; « not
    understood » once, below the last part, as a screen is."""
    said = texts(replies)
    assert sum(NOT_UNDERSTOOD in t for t in said) == 1 and NOT_UNDERSTOOD in said[-1], [t[:50] for t in said]
    assert sum(KEPT in t for t in said) == 1 and KEPT in said[0], [t[:50] for t in said]
    given = [said.index(part.strip()) for part in parts]  # as Telegram shows them, each whole
    assert given == sorted(given) and given[-1] == len(said) - 2, [t[:50] for t in said]


async def test_a_paste_on_the_home_comes_back_part_by_part(harness):
    director = await join(harness, 9760301, "fr", "Coop 9760301")
    await open_home(director)
    parts = telegram_parts(LETTER * 2)
    assert len(parts) == 3
    given_back_then_pointed_once(await director.paste(*parts), parts)


async def test_a_paste_from_someone_in_no_coop_comes_back_part_by_part(harness):
    lou = harness.user(9760302, "Lou", "fr")
    await lou.send("/start")
    parts = telegram_parts(LETTER)
    replies = await lou.paste(*parts)
    given_back_then_pointed_once(replies, parts)
    way_in = replies[-1]
    assert "lien d’invitation" in way_in["text"] and way_in.get("reply_markup")  # with the languages, last


async def test_words_typed_on_the_home_come_back_a_short_text_does_not(harness):
    director = await join(harness, 9760303, "fr", "Coop 9760303")
    await open_home(director)
    await director.send("axe 2")  # a button's label, typed: the way forward alone
    assert len(director.replies) == 1 and NOT_UNDERSTOOD in director.reply_text(), director.replies
    words = "Nous avons réuni les locataires hier soir pour parler du projet."
    await director.send(words)
    said = texts(director.replies)
    assert said == [said[0], words, said[-1]] and KEPT in said[0] and NOT_UNDERSTOOD in said[-1], said


async def test_a_caption_sent_on_a_menu_or_from_no_coop_comes_back(harness):
    director = await join(harness, 9760304, "fr", "Coop 9760304")
    await open_home(director)
    await director.press("👥 Démarche")  # a menu: buttons only
    words = "La vidéo de notre réunion avec les locataires"
    said = texts(await send_media(director, "video", VIDEO, words))
    assert len(said) == 3 and KEPT in said[0] and said[1] == words and NOT_UNDERSTOOD in said[2], said
    lou = harness.user(9760305, "Lou", "fr")
    await lou.send("/start")
    said = texts(await send_media(lou, "voice", VOICE, words))
    assert said[1] == words and "lien d’invitation" in said[-1], said
    await send_media(lou, "voice", VOICE)  # no caption: nothing to give back
    assert len(lou.replies) == 1 and KEPT not in lou.reply_text(), lou.replies


async def test_a_caption_from_a_committee_member_comes_back_with_their_way(harness):
    member = await committee_member(harness)
    words = "Mon avis enregistré sur la Coop des Tilleuls, à écouter avant la séance."
    said = texts(await send_media(member, "voice", VOICE, words))
    assert said[1] == words and NOT_UNDERSTOOD in said[-1] and "/comite" in said[-1], said
    parts = telegram_parts(LETTER)
    said = texts(await member.paste(*parts))
    # the committee's list is a screen of buttons, as a coop's menu: pointed at them once, above the words
    # given back whole, the list again below the last part
    assert sum(CHOOSE in t for t in said) == 1 and CHOOSE in said[0] and KEPT in said[0], [
        t[:50] for t in said
    ]
    given = [said.index(part.strip()) for part in parts]
    assert given == sorted(given) and said[-1].startswith("🏛 Comité de validation"), [t[:50] for t in said]
