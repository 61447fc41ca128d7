"""The Mini App for a committee member who is on a coop's team too, and for the committee reading a
dossier's documents; the language of a page too old and of a refusal.

Ines is on the committee and on Coop Maison's team: the menu button opens her coop's dossier (« 📋
Dossiers suivis par le comité » leads to the list), and « ⬅️ Retour à la liste » of a dossier opened
from the list leads back to the list (it led to her own coop's draft: the page asked for no dossier,
which is her own). The committee reading a dossier is told how to get its files (/export N, in the
chat). Launch data too old is Telegram's, signed: the 401 says it in the language chosen in the chat,
and every refusal says its language (``Content-Language``) for the frame's « Close ».
"""

from __future__ import annotations

import re
from datetime import timedelta

from bot.web.miniapp import saves
from models.dossier.indicators import update_indicator
from models.dossier.reads import indicator_of_member
from models.tables import DossierStatus, FederationRoleName
from models.users import grant_federation_role
from tests.conftest import ADMIN_ID, NOW
from tests.conversations.test_miniapp_api import auth, client, coop_with_indicator
from tests.conversations.test_miniapp_visitors import LIST, with_status
from tests.dossier_steps import join
from tests.miniapp import signed_init_data, tma

INES = 9541101
TO_LIST = '<a href="app?list=1" id="to-list"'
TO_COMMITTEE = '<a href="app?list=1" id="to-committee"'
TO_OWN = '<a href="app" id="to-own"'


def words(html: str) -> str:
    """The page's text, without its tags (a link's words are in a span of their own, not its emoji)."""
    return re.sub(r"<[^>]*>", "", html)


async def committee_member_in_a_coop(harness) -> tuple[object, int, int]:
    """Ines (committee, and direction of Coop Maison, a draft), Coop Suivie's submitted dossier and its coop."""
    director, dossier = await coop_with_indicator(harness, 9541102, "Coop Suivie")
    await with_status(harness, dossier["dossier"]["id"], DossierStatus.SUBMITTED)
    ines = await join(harness, INES, "fr", "Coop Maison")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, INES, FederationRoleName.COMMITTEE)
    return ines, dossier["dossier"]["id"], director.invitations.coop.id


async def test_back_to_the_list_leads_a_committee_member_on_a_coops_team_to_the_list(web_harness):
    ines, followed, _coop = await committee_member_in_a_coop(web_harness)
    async with client(web_harness) as http:
        read = (await http.get(f"/app/api/page?dossier={followed}", headers=auth(ines))).json()
        back = await http.get("/app/api/page?list=1", headers=auth(ines))  # « ⬅️ Retour à la liste »
        menu = (await http.get("/app/api/page", headers=auth(ines))).json()  # the menu button
        listed = (await http.get("/app/api/dossier?list=1", headers=auth(ines))).json()
    assert "Coop Suivie" in read["html"] and TO_LIST in read["html"]
    assert back.status_code == 200, back.text
    html = back.json()["html"]
    assert LIST["fr"] in html and "Coop Suivie" in html and 'id="dossier"' not in html
    assert TO_OWN in html and "⬅️ Le dossier de votre coopérative" in words(html)  # and back to her coop's
    # the menu button still opens her own coop's dossier, editable, with the way to the list
    assert "Coop Maison" in menu["html"] and menu["session"] is not None
    assert TO_COMMITTEE in menu["html"] and "📋 Dossiers suivis par le comité" in words(menu["html"])
    assert TO_LIST not in menu["html"]
    assert [row["coop"] for row in listed["dossiers"]] == ["Coop Suivie"]


async def test_the_list_is_asked_for_by_the_committee_only(web_harness):
    """A plain member asking for the list gets their coop's dossier, as from the menu button; the
    committee without a coop gets the list either way, with no way to a coop of its own."""
    _ines, _followed, _coop = await committee_member_in_a_coop(web_harness)
    sam = await join(web_harness, 9541103, "fr", "Coop Simple")
    async with client(web_harness) as http:
        member = (await http.get("/app/api/page?list=1", headers=auth(sam))).json()["html"]
        async with web_harness.database.transaction() as session:
            await grant_federation_role(session, 9541104, FederationRoleName.COMMITTEE)
        committee = (await http.get("/app/api/page?list=1", headers=auth(9541104))).json()["html"]
    assert "Coop Simple" in member and LIST["fr"] not in member and 'id="to-committee"' not in member
    assert LIST["fr"] in committee and "Coop Suivie" in committee and 'id="to-own"' not in committee


async def test_the_committee_reading_a_dossier_is_told_how_to_get_its_files(web_harness):
    ines, followed, coop_id = await committee_member_in_a_coop(web_harness)
    async with client(web_harness) as http:
        read = (await http.get(f"/app/api/page?dossier={followed}", headers=auth(ines))).json()["html"]
        own = (await http.get("/app/api/page", headers=auth(ines))).json()["html"]
        admin = await http.get(f"/app/api/page?dossier={followed}", headers=auth(ADMIN_ID, language="en"))
    files = (
        f"📦 Les fichiers\u00a0: envoyez /export {coop_id} dans le chat (un ZIP avec le PDF du dossier et "
        "tous les fichiers)."
    )
    assert f'<p class="hint" id="files">{files}</p>' in read.replace("&#39;", "'")
    assert 'id="files"' not in own  # her coop's own draft: its documents are sent in the chat
    english = f"/export {coop_id} in the chat (a ZIP with the dossier’s PDF and every file)."
    assert admin.status_code == 200 and english in admin.json()["html"]


async def test_a_page_too_old_speaks_the_language_chosen_in_the_chat(web_harness):
    """Telegram in French, English chosen with /langue: the 401 of launch data too old is English, and
    says so (the frame's « Close » follows); data Telegram did not sign says no language."""
    cam = await join(web_harness, 9541105, "fr", "Coop Bilingue")
    await cam.send("/langue")
    await cam.press("English")
    stale = signed_init_data(cam.id, language="fr", auth_date=NOW - timedelta(days=2))
    tampered = stale.replace(f"%22id%22%3A{cam.id}", "%22id%22%3A9541199")
    async with client(web_harness) as http:
        old = await http.get("/app/api/page", headers=tma(stale))
        forged = await http.get("/app/api/page", headers=tma(tampered))
    assert old.status_code == 401
    assert old.json() == {"error": "This page has expired: close it and open it again from the chat."}
    assert old.headers["content-language"] == "en"
    assert forged.status_code == 401 and "content-language" not in forged.headers


async def test_a_refusal_says_its_language(web_harness):
    """French chosen, Telegram in English: another coop's dossier is refused in French, said so."""
    _director, other = await coop_with_indicator(web_harness, 9541106, "Coop Autre")
    cam = await join(web_harness, 9541107, "en", "Coop Soleil")
    await cam.send("/langue")
    await cam.press("Français")
    async with client(web_harness) as http:
        refused = await http.get(f"/app/api/page?dossier={other['dossier']['id']}", headers=auth(cam))
    assert refused.status_code == 403
    assert refused.json()["error"].startswith("Ce dossier n’est pas le dossier en cours")
    assert refused.headers["content-language"] == "fr"


async def test_the_same_number_a_colleague_typed_in_another_unit_meanwhile_is_a_conflict(
    web_harness, monkeypatch
):
    """The page shows 40 %; while its 12,5 is being saved, Bob changes the unit to € and types 12,5:
    the same text in another unit is Bob's value, not the page's answer (it was taken as the same)."""
    director, dossier = await coop_with_indicator(web_harness, 9541108, "Coop Unités")
    bob = web_harness.user(9541109, "Bob", "fr")
    await bob.send(f"/start {director.invitations.member_token}")
    coop_id = director.invitations.coop.id
    indicator_id = dossier["engagements"][0]["indicators"][0]["id"]
    row = {"entity": "indicator", "id": indicator_id}
    async with client(web_harness) as http:
        for field, value in (("value_kind", "number"), ("unit", "percent"), ("current_value", "40")):
            change = {**row, "field": field, "value": value, "expected": None}
            assert (await http.post("/app/api/field", headers=auth(director), json=change)).status_code == 200
        checked = saves.check_terms

        async def bob_meanwhile(*args) -> None:
            """The terms the page showed still hold; Bob's two saves land before the page's write."""
            await checked(*args)
            for name, value in (("unit", "euro"), ("current_value", "12.5")):
                async with web_harness.database.transaction() as colleague:
                    theirs, held = await indicator_of_member(colleague, indicator_id, coop_id)
                    await update_indicator(colleague, held, theirs, name, value, actor_id=bob.id, now=NOW)

        monkeypatch.setattr(saves, "check_terms", bob_meanwhile)
        typed = {
            **row,
            "field": "current_value",
            "value": "12,5",
            "expected": "40",
            "terms": ["number", "percent"],
        }
        mine = await http.post("/app/api/field", headers=auth(director), json=typed)
    assert mine.status_code == 409, mine.text
    assert mine.json()["conflict"]["value"] == "12.5" and "€" in mine.json()["conflict"]["shown"]
    assert mine.json()["conflict"]["elsewhere"] is False  # Bob's, not her own
