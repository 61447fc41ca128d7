"""Who may not open or change something in the Mini App is told why, in their language, as the chat
would tell them; who reads a dossier they cannot change reads it without the coop's instructions."""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.tables import Dossier, DossierStatus, EngagementChoice, FederationRoleName
from models.users import grant_federation_role
from tests.conftest import ADMIN_ID
from tests.conversations.test_miniapp_api import auth, client, coop_with_indicator
from tests.dossier_steps import join, upload_letter

NOT_A_MEMBER = {
    "en": "You are not part of a coop yet. Open the invitation link your coop or the federation sent you",
    "fr": "Vous ne faites pas encore partie d’une coopérative. Ouvrez le lien",
}
COMMITTEE = 9530001


def said(answer) -> str:
    """The refusal's words (no-break spaces as spaces), after checking it is a 403."""
    assert answer.status_code == 403, answer.text
    return answer.json()["error"].replace("\u00a0", " ")


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_a_stranger_is_told_how_to_get_in_as_the_chat_tells_them(web_harness, language):
    stranger = web_harness.user(9530002, language_code=language)
    await stranger.send("/dossier")
    async with client(web_harness) as http:
        answer = await http.get("/app/api/page", headers=auth(stranger, language=language))
    assert said(answer) == stranger.last_text.replace("\u00a0", " ")  # the chat's own words
    assert said(answer).startswith(NOT_A_MEMBER[language])


async def test_someone_who_never_wrote_to_the_bot_is_answered_in_their_telegrams_language(web_harness):
    async with client(web_harness) as http:
        english = await http.get("/app/api/page", headers=auth(9530003, language="en"))
        unknown = await http.get("/app/api/page", headers=auth(9530004, language="de"))  # not supported
    assert said(english).startswith(NOT_A_MEMBER["en"])
    assert said(unknown).startswith(NOT_A_MEMBER["fr"])  # the bot's default language


async def test_an_erased_member_reopening_an_old_page_is_told_how_to_get_in(web_harness):
    director, _dossier = await coop_with_indicator(web_harness, 9530005, "Coop Effacée")
    sam = web_harness.user(9530006, "Sam", "en")
    await sam.send(f"/start {director.invitations.member_token}")
    await sam.send("/erase")
    await sam.press("🗑 Yes, erase my data")
    async with client(web_harness) as http:
        answer = await http.get("/app/api/page", headers=auth(sam, language="en"))
    assert said(answer).startswith(NOT_A_MEMBER["en"])


async def test_a_member_opening_another_coops_dossier_is_told_it_is_not_theirs(web_harness):
    _alpha, dossier_a = await coop_with_indicator(web_harness, 9530007, "Coop Alpha")
    sam = await join(web_harness, 9530008, "en", "Coop Beta")
    await sam.send("/language")
    await sam.press("English")  # chosen in the chat: kept whatever language the Telegram app speaks
    other = f"/app/api/page?dossier={dossier_a['dossier']['id']}"
    async with client(web_harness) as http:
        english = await http.get(other, headers=auth(sam, language="en"))
        chosen = await http.get(other, headers=auth(sam, language="fr"))
    assert (
        said(english)
        == "This is not your coop’s current dossier: open the app again from the chat to see yours."
    )
    assert said(chosen) == said(english)


async def test_the_committee_opening_a_draft_is_told_it_is_not_submitted_yet(web_harness):
    _director, dossier = await coop_with_indicator(web_harness, 9530009, "Coop Brouillon")
    async with web_harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE, FederationRoleName.COMMITTEE)
    await web_harness.user(COMMITTEE, language_code="en").send("/start")
    await web_harness.user(ADMIN_ID, language_code="fr").send("/start")
    draft = f"/app/api/page?dossier={dossier['dossier']['id']}"
    async with client(web_harness) as http:
        committee = await http.get(draft, headers=auth(COMMITTEE, language="en"))
        admin = await http.get(draft, headers=auth(ADMIN_ID))
        nowhere = await http.get("/app/api/page?dossier=987654", headers=auth(COMMITTEE, language="en"))
    assert said(committee) == (
        "This dossier has not been submitted to the validation committee yet: it can be read here once submitted."
    )
    assert said(admin).startswith("Ce dossier n’a pas encore été soumis au comité de validation")
    assert said(nowhere) == "There is no such dossier."


async def test_a_malformed_request_is_refused_in_the_telegram_apps_language(web_harness):
    sam = await join(web_harness, 9530010, "en", "Coop Gamma")
    async with client(web_harness) as http:
        answer = await http.post("/app/api/field", headers=auth(sam, language="en"), content=b"[1, 2]")
    assert answer.status_code == 400  # was in the bot's default language, French
    assert (
        answer.json()["error"]
        == "This button is not for your coop’s dossier, or what it pointed to was removed."
    )


# ---- readers -------------------------------------------------------------------------------------


async def read_only_pages(web_harness, status: DossierStatus) -> dict[str, str]:
    """The dossier's page, in this status, as the committee (English), an admin and the coop read it."""
    director, dossier = await coop_with_indicator(web_harness, 9530011, "Coop Lue")
    await upload_letter(director)
    dossier_id = dossier["dossier"]["id"]
    async with web_harness.database.transaction() as session:
        row = await session.get(Dossier, dossier_id)
        row.status = status
        session.add(row)
        await grant_federation_role(session, COMMITTEE, FederationRoleName.COMMITTEE)
    await web_harness.user(COMMITTEE, language_code="en").send("/start")
    await web_harness.user(ADMIN_ID, language_code="fr").send("/start")
    async with client(web_harness) as http:
        read = f"/app/api/page?dossier={dossier_id}"
        return {
            "committee": (await http.get(read, headers=auth(COMMITTEE, language="en"))).json()["html"],
            "admin": (await http.get(read, headers=auth(ADMIN_ID))).json()["html"],
            "coop": (await http.get("/app/api/page", headers=auth(director))).json()["html"],
        }


@pytest.mark.parametrize("status", [DossierStatus.SUBMITTED, DossierStatus.LABELLED, DossierStatus.REFUSED])
async def test_readers_are_not_told_to_send_files_to_the_bot(web_harness, status):
    pages = await read_only_pages(web_harness, status)
    for who, html in pages.items():
        assert "send the file to the bot" not in html and "envoyez le fichier au bot" not in html, who
        assert "delete-note" not in html, who  # nothing to delete in a dossier read only
        assert "Lettre d’engagement" in html or "Commitment letter" in html, who  # the documents are listed


async def test_an_editable_dossier_still_says_where_documents_are_added(web_harness):
    director, _dossier = await coop_with_indicator(web_harness, 9530012, "Coop Active")
    async with client(web_harness) as http:
        html = (await http.get("/app/api/page", headers=auth(director))).json()["html"]
    assert "Les documents s’ajoutent dans le chat" in html or "envoyez le fichier au bot" in html
    # deleting a row is the chat's (its confirmation): the page says where, in the member's words
    note = "Pour supprimer un indicateur ou une action, passez par le chat\u00a0: /dossier, 📊 Indicateurs, "
    assert note + "puis le bouton 🗑 de l’indicateur ou de l’action." in html


async def test_only_the_coop_is_told_what_its_direction_may_do_with_a_refused_dossier(web_harness):
    pages = await read_only_pages(web_harness, DossierStatus.REFUSED)
    assert "Read-only: the committee did not retain this candidacy.</p>" in pages["committee"]
    assert "The direction may prepare a new one" not in pages["committee"]
    admin = pages["admin"].replace("\u00a0", " ")
    assert "Lecture seule : le comité n’a pas retenu cette candidature.</p>" in admin
    assert "La direction peut en préparer une nouvelle" in pages["coop"]  # the coop's own page says it


# ---- a forged tick --------------------------------------------------------------------------------


async def test_only_true_and_false_tick_or_untick_an_engagement(web_harness):
    """bool("false") is true: a forged « "false" » must not tick, nor confirm a drop."""
    director, dossier = await coop_with_indicator(web_harness, 9530013, "Coop Cases")
    dossier_id = dossier["dossier"]["id"]
    async with client(web_harness) as http:
        for forged in (
            {"code": 2, "chosen": "false"},
            {"code": 2, "chosen": "true"},
            {"code": 2, "chosen": 1},
            {"code": 2, "chosen": None},
            {"code": 1, "chosen": False, "confirmed": "false"},  # engagement 1 has an indicator
            {"code": 1, "chosen": False, "confirmed": 1},
            {"code": 1, "chosen": False, "confirmed": None},
        ):
            answer = await http.post(
                "/app/api/engagement", headers=auth(director), json={"dossier": dossier_id, **forged}
            )
            assert answer.status_code == 400, (forged, answer.text)
        asked = await http.post(
            "/app/api/engagement",
            headers=auth(director),
            json={"dossier": dossier_id, "code": 1, "chosen": False},
        )
        assert asked.status_code == 409 and "confirm" in asked.json()  # not confirmed: asked for it
    async with web_harness.database.transaction() as session:
        chosen = (await session.exec(select(EngagementChoice.engagement_code))).all()
    assert chosen == [1]
