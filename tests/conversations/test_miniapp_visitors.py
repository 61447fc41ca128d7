"""Who opens the Mini App is met as the chat meets them: in the language their Telegram app speaks now
(unless they chose one with /langue), the federation's staff with the committee's list even before
their first message to the bot, and the committee with every dossier its chat opens (an earlier cycle
too, read-only)."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Dossier, DossierStatus, FederationRoleName, User
from models.users import grant_federation_role
from tests.conftest import ADMIN_ID
from tests.conversations.test_long_texts import web_app_urls
from tests.conversations.test_miniapp_api import auth, client, coop_with_indicator
from tests.dossier_steps import join
from tests.harness import PUBLIC_URL

COMMITTEE = 9540001
LIST = {"en": "Dossiers followed by the committee", "fr": "Dossiers suivis par le comité"}


async def stored_user(harness, user_id: int) -> User | None:
    """The user's row as stored now."""
    async with harness.database.transaction() as session:
        return await session.get(User, user_id)


async def with_status(harness, dossier_id: int, status: DossierStatus) -> None:
    """Put a dossier in a status directly (the committee's decisions are tested elsewhere)."""
    async with harness.database.transaction() as session:
        row = await session.get(Dossier, dossier_id)
        row.status = status
        session.add(row)


# ---- the language -------------------------------------------------------------------------------


async def test_the_page_speaks_the_language_the_telegram_app_opens_it_in(web_harness):
    """Sam started the bot with a French Telegram, then switched the app to English: the page is English
    and stored as the chat stores it, so the chat's next answer is English too."""
    sam = await join(web_harness, 9540002, "fr", "Coop Lune")
    async with client(web_harness) as http:
        answer = (await http.get("/app/api/page", headers=auth(sam, language="en"))).json()
    assert answer["language"] == "en"
    assert "Engagements: 0/8 minimum" in answer["html"]
    assert (await stored_user(web_harness, sam.id)).telegram_language == "en"
    sam.tg["language_code"] = "en"
    await sam.send("/dossier")
    assert "Engagements: 0/8 minimum" in sam.last_text


async def test_a_language_chosen_in_the_chat_is_kept_whatever_the_app_speaks(web_harness):
    camille = await join(web_harness, 9540003, "en", "Coop Soleil")
    await camille.send("/langue")
    await camille.press("Français")
    async with client(web_harness) as http:
        answer = (await http.get("/app/api/page", headers=auth(camille, language="en"))).json()
    assert answer["language"] == "fr"
    await camille.send("/dossier")
    assert "Engagements : 0/8 minimum" in camille.last_text.replace("\u00a0", " ")


# ---- the federation's staff ---------------------------------------------------------------------


async def test_an_admin_who_never_wrote_to_the_bot_gets_the_committees_list(web_harness):
    _director, dossier = await coop_with_indicator(web_harness, 9540004, "Coop Suivie")
    dossier_id = dossier["dossier"]["id"]
    await with_status(web_harness, dossier_id, DossierStatus.SUBMITTED)
    assert await stored_user(web_harness, ADMIN_ID) is None
    alex = auth(ADMIN_ID, language="en", first_name="Alex")
    async with client(web_harness) as http:
        page = await http.get("/app/api/page", headers=alex)
        read = await http.get(f"/app/api/page?dossier={dossier_id}", headers=alex)
    assert page.status_code == 200, page.text
    assert LIST["en"] in page.json()["html"] and "Coop Suivie" in page.json()["html"]
    assert "not part of a coop" not in page.json()["html"]
    assert read.status_code == 200 and "Coop Suivie" in read.json()["html"]
    admin = await stored_user(web_harness, ADMIN_ID)  # registered as the chat registers a first contact
    assert (admin.first_name, admin.telegram_language, admin.language) == ("Alex", "en", None)


async def test_a_committee_member_who_never_wrote_to_the_bot_gets_the_list_too(web_harness):
    async with web_harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE, FederationRoleName.COMMITTEE)
    async with client(web_harness) as http:
        page = await http.get("/app/api/page", headers=auth(COMMITTEE, language="fr"))
    assert page.status_code == 200, page.text
    assert LIST["fr"] in page.json()["html"]
    assert await stored_user(web_harness, COMMITTEE) is not None


async def test_a_stranger_is_refused_and_nothing_of_them_is_kept(web_harness):
    async with client(web_harness) as http:
        answer = await http.get("/app/api/page", headers=auth(9540005, language="en"))
    assert answer.status_code == 403
    assert answer.json()["error"].startswith("You are not part of a coop yet.")
    assert await stored_user(web_harness, 9540005) is None


# ---- an earlier cycle ---------------------------------------------------------------------------


async def test_the_committee_reads_an_earlier_cycle_its_chat_opens_but_not_the_next_draft(web_harness):
    """Cycle 1 submitted and closed since (renewed): the chat's committee screen offers the page, which
    reads it read-only as « 📄 Relire » does; cycle 2, a draft, stays the coop's."""
    _director, dossier = await coop_with_indicator(web_harness, 9540006, "Coop Cycle")
    earlier = dossier["dossier"]["id"]
    await with_status(web_harness, earlier, DossierStatus.RENEWED)
    async with web_harness.database.transaction() as session:
        session.add(Dossier(coop_id=(await session.get(Dossier, earlier)).coop_id, cycle=2))
        await grant_federation_role(session, COMMITTEE, FederationRoleName.COMMITTEE)
    async with web_harness.database.transaction() as session:
        renewal = (await session.exec(select(Dossier).where(Dossier.cycle == 2))).one()
    committee = web_harness.user(COMMITTEE, "Claude", "en")
    await committee.send("/comite")
    await committee.press_data(committee.last, f"cmd:{earlier}")
    assert f"{PUBLIC_URL}/app?dossier={earlier}" in web_app_urls(committee.last)
    async with client(web_harness) as http:
        read = await http.get(f"/app/api/page?dossier={earlier}", headers=auth(committee))
        draft = await http.get(f"/app/api/page?dossier={renewal.id}", headers=auth(committee))
    assert read.status_code == 200, read.text
    html = read.json()["html"]
    assert (
        "Coop Cycle" in html
        and "Read-only: this cycle is closed; the next cycle’s dossier carries on." in html
    )
    assert "<textarea" not in html and "<input" not in html.replace('type="checkbox" disabled', "")
    assert draft.status_code == 403
    assert draft.json()["error"].startswith("This dossier has not been submitted to the validation committee")


# ---- words --------------------------------------------------------------------------------------


async def test_the_pages_english_apostrophes_are_typographic(web_harness):
    sam = await join(web_harness, 9540007, "en", "Coop Mots")
    async with client(web_harness) as http:
        editable = (await http.get("/app/api/page", headers=auth(sam))).json()["html"]
        dossier_id = (await http.get("/app/api/dossier", headers=auth(sam))).json()["dossier"]["id"]
        await with_status(web_harness, dossier_id, DossierStatus.REFUSED)
        refused = (await http.get("/app/api/page", headers=auth(sam))).json()["html"]
    assert "e.g. Article in the residents’ letter" in editable
    assert "may prepare a new one from the dossier’s home, in the chat." in refused
    for html in (editable, refused):
        assert "residents&#39;" not in html and "dossier&#39;s home" not in html
