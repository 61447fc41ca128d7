"""A command's word typed alone at a question (« annuler », « retour », « aide », « menu », without the
slash the bot's own refusals show) is never stored as the answer: it does what the word says, through
the command's own handlers (« retour »: the screen's « ⬅️ Retour », or /annuler when it has none), said
in one line first. Both languages' words are read whatever the person's language; a word inside a
longer text is an answer as before."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Announcement, Indicator, RequestMessage
from tests.conftest import ADMIN_ID
from tests.conversations.test_long_texts import telegram_parts, words
from tests.conversations.test_request_sent_once import draft
from tests.dossier_steps import choose, join, start_own_indicator

NBSP = "\u00a0"
STOPPED = "C’est arrêté. Tout ce que vous avez enregistré est conservé."


async def at_indicators_name(harness, user_id: int, language: str = "fr"):
    """A member at « Quel est le nom de l’indicateur ? », the first question of a new indicator."""
    sam = await join(harness, user_id, language, f"Coop {user_id}")
    await choose(sam, [1])
    await start_own_indicator(sam, 1)
    return sam


async def indicators(harness) -> list[Indicator]:
    async with harness.database.transaction() as session:
        return list((await session.exec(select(Indicator))).all())


async def test_annuler_at_a_question_is_the_cancel_command_not_the_answer(harness):
    camille = await at_indicators_name(harness, 9301)
    await camille.send("annuler")
    texts = [m["text"] for m in camille.replies]
    assert texts[0] == f"«{NBSP}annuler{NBSP}»{NBSP}: je l’ai pris pour /annuler.", texts
    assert texts[1] == STOPPED, texts  # /annuler's own answer, then the home
    assert "Quel est le nom" not in texts[-1], texts
    assert await indicators(harness) == []


async def test_retour_presses_the_screens_back_button(harness):
    camille = await at_indicators_name(harness, 9302)
    await camille.send("Part de BRS")
    await camille.send(" Retour ! ")  # case, spaces and a final « ! » do not matter
    said = camille.reply_text()
    assert said.startswith(
        f"«{NBSP}Retour !{NBSP}»{NBSP}: je l’ai pris pour le bouton «{NBSP}⬅️ Retour{NBSP}»."
    ), said
    assert "Quel est le nom de l’indicateur" in said and "Étape 1/7" in said, said  # the question before
    (indicator,) = await indicators(harness)
    assert (indicator.title, indicator.rationale) == ("Part de BRS", None)


async def test_back_where_the_screen_has_no_back_button_is_cancel(harness):
    sam = await join(harness, 9303, "en", "Coop Rewrite", role="member")
    await draft(sam, "Our question?")
    await sam.press("✏️ Rewrite")  # « ⬅️ Keep as is » and home: no « ⬅️ Back »
    await sam.send("back")
    texts = [m["text"] for m in sam.replies]
    assert texts[:2] == ["“back”: I took it as /cancel.", "Stopped. Everything you saved is kept."], texts
    async with harness.database.transaction() as session:
        assert [m.text for m in (await session.exec(select(RequestMessage))).all()] == ["Our question?"]


async def test_aide_is_the_help_and_leaves_the_question_as_help_does(harness):
    camille = await at_indicators_name(harness, 9304)
    await camille.send("AIDE.")
    texts = [m["text"] for m in camille.replies]
    assert texts[0] == f"«{NBSP}AIDE.{NBSP}»{NBSP}: je l’ai pris pour /aide.", texts
    assert texts[1].startswith("ℹ️ Ce que fait cet assistant"), texts
    await camille.send("Part de BRS")  # the question was left, as after /aide typed: given back, with the way
    assert "fermée par /aide" in camille.reply_text(), camille.reply_text()
    assert await indicators(harness) == []


async def test_menu_and_accueil_open_the_home(harness):
    camille = await at_indicators_name(harness, 9305)
    await camille.send("Accuéil")  # accents do not matter either
    texts = [m["text"] for m in camille.replies]
    assert texts[0] == f"«{NBSP}Accuéil{NBSP}»{NBSP}: je l’ai pris pour /dossier.", texts
    assert texts[1].startswith("🏠 Dossier Quali’Coop — Coop 9305"), texts  # /dossier's home
    assert await indicators(harness) == []


async def test_either_languages_words_are_read_and_named_in_the_readers_language(harness):
    camille = await at_indicators_name(harness, 9306, "fr")
    await camille.send("cancel")
    assert camille.replies[0]["text"] == f"«{NBSP}cancel{NBSP}»{NBSP}: je l’ai pris pour /annuler."
    alex = await at_indicators_name(harness, 9307, "en")
    await alex.send("annuler")
    assert alex.replies[0]["text"] == "“annuler”: I took it as /cancel."
    assert alex.replies[1]["text"] == "Stopped. Everything you saved is kept."
    assert await indicators(harness) == []


async def test_a_word_inside_a_longer_text_is_an_answer(harness):
    camille = await at_indicators_name(harness, 9308)
    await camille.send("Annuler les impayés")
    assert [i.title for i in await indicators(harness)] == ["Annuler les impayés"]
    await camille.send("Retour à l’emploi des sociétaires")
    assert (await indicators(harness))[0].rationale == "Retour à l’emploi des sociétaires"


async def test_menu_for_federation_staff_is_their_way_out_as_cancel(harness):
    """An admin (no coop, so no dossier's home) at an announcement's question: « menu » is /annuler, which
    brings them back to their own screen, not /dossier's « reserved to a coop's team »."""
    admin = harness.user(ADMIN_ID, "Alix", "fr")
    await admin.send("/annonce")
    await admin.send("menu")
    texts = [m["text"] for m in admin.replies]
    assert texts[:2] == [f"«{NBSP}menu{NBSP}»{NBSP}: je l’ai pris pour /annuler.", STOPPED], texts
    assert texts[2].startswith("📨 Demandes des coopératives"), texts  # the admin's own screen
    async with harness.database.transaction() as session:
        assert [a.title for a in (await session.exec(select(Announcement))).all()] in ([], [None])


async def test_annuler_while_a_paste_is_still_read_gives_the_paste_back_as_annuler_does(harness):
    """A paste's parts wait to be judged; « annuler » typed meanwhile is no part of it: /annuler, which
    gives the paste back whole."""
    camille = await at_indicators_name(harness, 9309)
    await camille.send("Part de BRS")
    pasted = words(5000, "raison")
    await camille.send(telegram_parts(pasted)[0])  # the first part, more to come: nothing judged yet
    await camille.send("annuler")
    texts = [m["text"] for m in camille.replies]
    assert texts[0] == f"«{NBSP}annuler{NBSP}»{NBSP}: je l’ai pris pour /annuler.", texts
    assert telegram_parts(pasted)[0] in texts, texts  # the part waiting, back whole
    assert STOPPED in texts, texts
    await harness.settle(camille.id)
    assert (await indicators(harness))[0].rationale is None
