"""Leaving the Mini App after a change: « ✅ 1 champ mis à jour depuis l’application » above the screen the
chat was at, drawn again with the current data, so that a question or the conflict box stays usable below
the notice; the home only for a chat that was at home (or nowhere). A screen that no longer applies (its
row removed) falls back as the router's do: the home, and a text typed next told what was removed."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Dossier, Indicator
from tests.conversations.test_editor_terms_changed import plain
from tests.conversations.test_miniapp_api import auth, client
from tests.dossier_steps import choose, join, open_home

NOTICE = "✅ 1 champ mis à jour depuis l’application"
STAFF_INFORMATION = {
    "entity": "dossier",
    "field": "staff_information",
    "value": "Réunion d’équipe",
    "expected": None,
}


async def dossier_row(harness) -> Dossier:
    async with harness.database.transaction() as session:
        return (await session.exec(select(Dossier))).one()


async def change_in_app_then_close(harness, user, change: dict, path: str = "/app/api/field") -> None:
    """The Mini App opened, one change saved there, the page closed: the chat is told once."""
    async with client(harness) as http:
        page = (await http.get("/app/api/page", headers=auth(user))).json()
        saved = await http.post(path, headers=auth(user), json={**change, "session": page["session"]})
        assert saved.status_code == 200, saved.text
        left = await http.post("/app/api/closed", headers=auth(user), json={"session": page["session"]})
        assert left.json() == {"told": 1}, left.text


async def test_the_conflict_box_comes_back_under_the_notice_and_keeps_her_answer(web_harness):
    camille = await join(web_harness, 9931501, "fr", "Coop Boîte")
    bob = web_harness.user(9931502, first_name="Bob", language_code="fr")
    await bob.send(f"/start {camille.invitations.member_token}")
    await open_home(camille)
    await camille.press("👥 Démarche")
    await camille.press("✍️ Répondre")
    dossier_id = (await dossier_row(web_harness)).id
    async with client(web_harness) as http:
        saved = await http.post("/app/api/field", headers=auth(bob), json={
            "entity": "dossier", "id": dossier_id, "field": "approach", "value": "Texte de Bob", "expected": None})  # fmt: skip
        assert saved.status_code == 200, saved.text
    mine = "Ma démarche, écrite avec soin dans le chat."
    await camille.send(mine)
    box = camille.last
    assert "pendant votre saisie" in plain(box["text"]), box["text"]
    before = len(camille.messages)
    await change_in_app_then_close(web_harness, camille, {**STAFF_INFORMATION, "id": dossier_id})
    told = camille.messages[before:]
    assert len(told) == 1 and told[0]["text"].startswith(NOTICE), told
    assert "pendant votre saisie" in plain(told[0]["text"]) and mine in told[0]["text"], told[0]["text"]
    assert "Garder ma réponse" in camille.buttons(told[0]) and camille.buttons(box) == []  # one live box
    await camille.press("Garder ma réponse", told[0])
    stored = await dossier_row(web_harness)
    assert (stored.approach, stored.staff_information) == (mine, "Réunion d’équipe")


async def test_the_question_comes_back_under_the_notice_and_the_answer_typed_is_stored(web_harness):
    camille = await join(web_harness, 9931511, "fr", "Coop Question")
    await open_home(camille)
    await camille.press("👥 Démarche")
    await camille.press("✍️ Répondre")
    asked = camille.last_text.split("\n")[0]
    dossier_id = (await dossier_row(web_harness)).id
    before = len(camille.messages)
    await change_in_app_then_close(web_harness, camille, {**STAFF_INFORMATION, "id": dossier_id})
    told = camille.messages[before:]
    assert len(told) == 1 and told[0]["text"].startswith(NOTICE), told
    assert asked in told[0]["text"] and "🏠 Dossier Quali’Coop" not in told[0]["text"], told[0]["text"]
    answer = "Nous voulons mesurer ce qui fait de nous une coopérative, avec les locataires."
    await camille.send(answer)
    stored = await dossier_row(web_harness)
    assert (stored.approach, stored.staff_information) == (answer, "Réunion d’équipe"), camille.reply_text()


async def test_the_question_whose_field_the_app_changed_shows_it_and_never_drops_the_answer(web_harness):
    camille = await join(web_harness, 9931521, "fr", "Coop Même Champ")
    await open_home(camille)
    await camille.press("👥 Démarche")
    await camille.press("✍️ Répondre")
    dossier_id = (await dossier_row(web_harness)).id
    change = {
        "entity": "dossier",
        "id": dossier_id,
        "field": "approach",
        "value": "Écrit dans l’app",
        "expected": None,
    }
    await change_in_app_then_close(web_harness, camille, change)
    assert camille.last_text.startswith(NOTICE) and "Actuellement : Écrit dans l’app" in plain(
        camille.last_text
    )
    answer = "Finalement, notre démarche telle que je l’écris dans le chat."
    await camille.send(answer)  # not written silently over what she saved in the app: both shown, she chooses
    assert answer in camille.last_text and "Écrit dans l’app" in camille.last_text, camille.last_text
    assert "Garder ma réponse" in camille.buttons()
    await camille.press("Garder ma réponse")
    assert (await dossier_row(web_harness)).approach == answer


async def test_a_menu_comes_back_under_the_notice_and_the_home_at_home(web_harness):
    camille = await join(web_harness, 9931531, "fr", "Coop Menu")
    await open_home(camille)
    await camille.press("👥 Démarche")  # a menu, drawn in the same message: nothing saved
    menu = camille.last_text.split("\n")[0]
    assert not menu.startswith("🏠"), menu
    dossier_id = (await dossier_row(web_harness)).id
    await change_in_app_then_close(web_harness, camille, {**STAFF_INFORMATION, "id": dossier_id})
    assert camille.last_text.startswith(NOTICE) and menu in camille.last_text, camille.last_text
    assert "✍️ Répondre" in " ".join(camille.buttons())
    await camille.press("🏠")
    change = {
        **STAFF_INFORMATION,
        "id": dossier_id,
        "value": "Réunion mensuelle",
        "expected": "Réunion d’équipe",
    }
    await change_in_app_then_close(web_harness, camille, change)
    assert camille.last_text.startswith(NOTICE + "\n\n🏠 Dossier Quali’Coop — Coop Menu"), camille.last_text


async def test_a_question_about_a_row_the_app_removed_falls_back_to_the_home(web_harness):
    sam = await join(web_harness, 9931541, "fr", "Coop Retrait")
    await choose(sam, [1])
    await open_home(sam)
    await sam.press("📊")
    await sam.press(" 1 · ")
    await sam.press("➕")
    await sam.press("1 · ")
    await sam.send("Parce que.")
    await sam.press("⬅️")  # the indicator's rationale asked again
    asked = sam.last_text
    dossier_id = (await dossier_row(web_harness)).id
    async with client(web_harness) as http:  # engagement 1 dropped in the app, and its indicator with it
        page = (await http.get("/app/api/page", headers=auth(sam))).json()
        drop = {"dossier": dossier_id, "code": 1, "chosen": False, "session": page["session"]}
        asked_drop = await http.post("/app/api/engagement", headers=auth(sam), json=drop)
        assert asked_drop.status_code == 409, asked_drop.text
        confirmed = {**drop, "confirmed": True, "seen": asked_drop.json()["seen"]}
        assert (await http.post("/app/api/engagement", headers=auth(sam), json=confirmed)).status_code == 200
        left = await http.post("/app/api/closed", headers=auth(sam), json={"session": page["session"]})
        assert left.json() == {"told": 1}, left.text
    async with web_harness.database.transaction() as session:
        assert (await session.exec(select(Indicator))).all() == []
    assert sam.last_text.startswith(NOTICE + "\n\n🏠 Dossier Quali’Coop — Coop Retrait"), (
        asked,
        sam.last_text,
    )
    typed = "Une raison tapée après coup, sous la question d’avant."
    await sam.send(typed)
    said = plain(sam.reply_text())
    assert "a été supprimé entre-temps" in said and typed in said, said


async def test_the_home_a_command_left_a_question_for_still_leads_back_to_it(web_harness):
    """At the home /recap left the question for, the notice comes above that home, which still knows the
    question: a text typed next is given back with the way to reopen it, not « not understood »."""
    camille = await join(web_harness, 9931551, "fr", "Coop Trace")
    await open_home(camille)
    await camille.press("👥 Démarche")
    await camille.press("✍️ Répondre")
    await camille.send("/recap")
    dossier_id = (await dossier_row(web_harness)).id
    await change_in_app_then_close(web_harness, camille, {**STAFF_INFORMATION, "id": dossier_id})
    assert camille.last_text.startswith(NOTICE + "\n\n🏠 Dossier Quali’Coop — Coop Trace"), camille.last_text
    typed = "Notre démarche, tapée après avoir relu le récapitulatif."
    await camille.send(typed)
    assert typed in camille.reply_text() and "↩️ Reprendre la question" in " ".join(camille.buttons())
    await camille.press("↩️ Reprendre la question")
    await camille.send(typed)
    assert (await dossier_row(web_harness)).approach == typed
