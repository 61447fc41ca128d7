"""The federation's staff in no coop opening a dead invitation link.

Before, an admin or a committee member opening an expired or unknown link of a coop read « Vous n’avez
pas besoin d’invitation : /aide liste vos commandes », yet that coop's live link does put them on its
team: they meant to join it, and were left without a way in. Now they read what anyone in no coop
reads (the link is dead, ask the direction or the federation for a new one), then where their own
commands are."""

from datetime import timedelta

from models.coops import create_coop, create_invitation, membership
from models.tables import FederationRoleName, MemberRole
from models.users import grant_federation_role
from tests.conftest import ADMIN_ID, NOW

COMMITTEE_ID = 8000001


async def test_an_admin_with_an_expired_link_is_told_to_ask_for_a_new_one(harness):
    async with harness.database.transaction() as session:
        coop = await create_coop(session, "Coop Gamma", now=NOW - timedelta(days=200))
        dead = await create_invitation(session, coop, MemberRole.DIRECTION, now=NOW - timedelta(days=200))
        live = await create_invitation(session, coop, MemberRole.DIRECTION, now=NOW - timedelta(days=1))
    admin = harness.user(ADMIN_ID, "Alex", "fr")
    await admin.send(f"/start {dead.token}")
    said = admin.last_text
    assert "Ce lien d’invitation a expiré" in said
    assert "Demandez-en un nouveau à la direction de votre coopérative ou à la fédération" in said
    assert "pas besoin d’invitation" not in said
    assert "/aide liste vos commandes de la fédération" in said
    await admin.send(f"/start {live.token}")  # the live one lets them in: a link was needed after all
    async with harness.database.transaction() as session:
        assert (await membership(session, ADMIN_ID)) is not None


async def test_a_committee_member_with_an_unknown_link_reads_it_in_english(harness):
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    member = harness.user(COMMITTEE_ID, "Sam", "en")
    await member.send("/start Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9")
    said = member.last_text
    assert "This invitation link is not recognised." in said
    assert "ask your coop for a new one" in said
    assert "You do not need an invitation" not in said
    assert said.endswith("/help lists your federation commands.")
