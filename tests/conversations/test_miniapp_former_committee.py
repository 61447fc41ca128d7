"""A committee member taken off the committee (``qualicoop admin remove ID --committee``) while the Mini
App's committee page is open (a dossier it follows, or its list): the next read is refused in the chat's
words for the same thing (/comite: « Ceci est réservé au comité de validation. »), never in a newcomer's
(« Vous ne faites pas encore partie d’une coopérative. Ouvrez le lien d’invitation… »)."""

from __future__ import annotations

from models.tables import DossierStatus, FederationRoleName
from models.users import grant_federation_role, revoke_federation_role
from tests.conversations.test_miniapp_api import auth, client, coop_with_indicator
from tests.conversations.test_miniapp_visitors import with_status

NEWCOMER = "Vous ne faites pas encore partie d’une coopérative"
COMMITTEE_ONLY = "Ceci est réservé au comité de validation."


async def test_a_former_committee_member_s_open_page_is_refused_as_the_chat_refuses_them(web_harness):
    _director, dossier = await coop_with_indicator(web_harness, 9551102, "Coop Suivie")
    followed = dossier["dossier"]["id"]
    await with_status(web_harness, followed, DossierStatus.SUBMITTED)
    claire = web_harness.user(9551101, "Claire", "fr")
    async with web_harness.database.transaction() as session:
        await grant_federation_role(session, claire.id, FederationRoleName.COMMITTEE)
    await claire.send("/comite")
    async with client(web_harness) as http:
        for url in (f"/app/api/page?dossier={followed}", "/app/api/page?list=1"):
            assert (await http.get(url, headers=auth(claire))).status_code == 200, url
        async with web_harness.database.transaction() as session:
            await revoke_federation_role(session, claire.id, FederationRoleName.COMMITTEE)
        await claire.send("/comite")
        chat_says = claire.last_text  # the chat's refusal, with where to go
        assert chat_says.startswith(COMMITTEE_ONLY)
        for url in (f"/app/api/page?dossier={followed}", "/app/api/page?list=1"):
            refused = await http.get(url, headers=auth(claire))
            assert refused.status_code == 403, url
            said = refused.json()["error"]
            assert NEWCOMER not in said, (url, said)
            assert said == chat_says, url
        # their own page, never a committee one: still the words for someone in no coop
        own = await http.get("/app/api/page", headers=auth(claire))
        assert own.status_code == 403 and own.json()["error"].startswith(NEWCOMER)
