"""The coop's team: members see who joined; the direction hands out and replaces the colleagues' link."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlmodel import select

from models.coops import membership
from models.dossier.reads import NotAllowed
from models.tables import AuditEntry, Invitation, MemberRole
from models.team import colleagues_link, remove_teammate
from tests.conftest import NOW
from tests.conversations.test_personal_data import all_rows
from tests.conversations.test_stage_races import while_held
from tests.databases import needs_postgres
from tests.dossier_steps import join, open_home

LINK = re.compile(r"https://t\.me/qualicoop_test_bot\?start=([A-Za-z0-9]+)")


def shown_token(text: str) -> str:
    """The token of the link a screen shows."""
    found = LINK.findall(text)
    assert len(found) == 1, text
    return found[0]


async def open_team(user) -> str:
    await open_home(user)
    await user.press("🤝 Mon équipe")
    return user.last_text


async def test_the_direction_hands_out_the_federations_link_and_a_colleague_joins_with_it(harness):
    camille = await join(harness, 4100001, "fr")
    text = await open_team(camille)
    assert "Équipe — Coop Habitat" in text and "1 personne a rejoint" in text
    assert "1. Camille — membre de la direction" in text
    token = shown_token(text)
    assert token == camille.invitations.member_token  # the federation's link, not a second one
    assert "comme membre, jusqu’au" in text
    bob = harness.user(4100002, "Bob", "fr")
    await bob.send(f"/start {token}")
    member, _coop = await member_of(harness, bob.id)
    assert member.role == MemberRole.MEMBER
    text = await open_team(camille)
    assert "2 personnes ont rejoint" in text and text.index(
        "1. Camille — membre de la direction"
    ) < text.index("2. Bob")


async def test_a_replaced_link_stops_working_at_once_and_who_joined_stays(harness):
    camille = await join(harness, 4100003, "fr")
    old = shown_token(await open_team(camille))
    bob = harness.user(4100004, "Bob", "fr")
    await bob.send(f"/start {old}")
    await camille.press("🔄 Remplacer le lien")
    assert "Voici un nouveau lien\u00a0: le précédent ne fonctionne plus." in camille.last_text
    new = shown_token(camille.last_text)
    assert new != old
    late = harness.user(4100005, "Léa", "fr")
    await late.send(f"/start {old}")
    assert (
        "Ce lien d’invitation a été désactivé" in late.last_text and await member_of(harness, late.id) is None
    )
    await late.send(f"/start {new}")
    assert await member_of(harness, late.id) is not None and await member_of(harness, bob.id) is not None
    async with harness.database.transaction() as session:
        actions = (
            await session.exec(select(AuditEntry.action).where(AuditEntry.actor_id == camille.id))
        ).all()
    assert {"revoke", "create"} <= set(actions)  # the audit says who replaced it


async def test_a_member_sees_the_team_and_is_told_to_ask_the_direction(harness):
    camille = await join(harness, 4100006, "fr")
    bob = harness.user(4100007, "Bob", "fr")
    await bob.send(f"/start {camille.invitations.member_token}")
    text = await open_team(bob)
    assert "1. Camille — membre de la direction" in text and "2. Bob" in text
    assert not LINK.search(text) and "demandez le lien de la coopérative à votre direction" in text
    assert "🔄 Remplacer le lien" not in " ".join(bob.buttons())
    before = await invitations(harness)
    await bob.press_data(bob.last, "tmn")  # a forged press
    assert bob.alerts[-1] == "Votre rôle ne le permet pas."
    assert await invitations(harness) == before


async def test_a_link_about_to_expire_is_replaced_when_shown(harness):
    camille = await join(harness, 4100008, "fr")
    async with harness.database.transaction() as session:
        coop = camille.invitations.coop
        later = NOW + timedelta(days=365)  # the federation's link has long expired
        fresh = await colleagues_link(session, coop, camille.id, valid_for=timedelta(days=90), now=later)
    assert fresh.token != camille.invitations.member_token and fresh.expires_at == later + timedelta(days=90)


async def member_of(harness, user_id: int):
    async with harness.database.transaction() as session:
        return await membership(session, user_id)


async def invitations(harness) -> list[tuple]:
    async with harness.database.transaction() as session:
        found = await session.exec(select(Invitation.token, Invitation.revoked_at).order_by(Invitation.id))
        return list(found.all())


async def test_the_direction_takes_a_colleague_who_left_off_the_team(harness):
    camille = await join(harness, 4100009, "fr")
    bob = harness.user(4100010, "Bob", "fr")
    await bob.send(f"/start {camille.invitations.member_token}")
    await open_home(bob)
    bob_home = bob.last
    await bob.send("/dossier")  # a newer menu: the first is out of date
    text = await open_team(camille)
    assert "Un collègue a quitté la coopérative\u00a0? Retirez-le de l’équipe\u00a0:" in text
    assert "Camille" not in " ".join(camille.buttons())  # nobody takes themselves off
    await camille.press("➖ 2. Bob")
    assert "Retirer Bob de l’équipe de Coop Habitat\u00a0?" in camille.last_text
    await camille.press("🗑 Oui, retirer de l’équipe")
    assert (
        "✅ Bob ne voit plus le dossier." in camille.last_text
        and "Bob" not in camille.last_text.split("ne voit plus")[1]
    )
    assert await member_of(harness, bob.id) is None
    # a button anyone may press (a consultation's), on a menu older than their screen: out of date,
    # it would draw the dossier home they no longer have — refused politely instead, no error
    await bob.press_data(bob_home, "cb:1")
    assert bob.alerts[-1].startswith("Ce bouton ne concerne pas")
    await bob.send("/dossier")  # not « not yet »: no longer, since when
    assert (
        "Vous ne faites plus partie de l’équipe de Coop Habitat depuis le 23 novembre 2026, sur décision de "
        "sa direction." in bob.last_text
    )
    await harness.run_background()  # the outbox tells them
    assert "Vous ne faites plus partie de l’équipe de Coop Habitat" in bob.last_text
    async with harness.database.transaction() as session:
        removals = (await session.exec(select(AuditEntry).where(AuditEntry.action == "remove"))).all()
        joined = (await session.exec(select(AuditEntry).where(AuditEntry.actor_id == bob.id))).all()
    membership = next(j.entity_id for j in joined if j.entity == "member")  # the join's entry
    assert [(r.actor_id, r.entity, r.entity_id) for r in removals] == [(camille.id, "member", membership)]
    # Bob erases his data: nothing in the database points to him any more, the removal's entry neither
    await bob.send("/supprimer")
    await bob.press("🗑 Oui, effacer mes données")
    assert "Vos données personnelles sont effacées" in bob.last_text
    left = [
        f"{table}: {row}"
        for table, rows in (await all_rows(harness)).items()
        for row in rows
        if bob.id in row
    ]
    assert left == []


async def test_only_the_direction_of_the_same_coop_takes_someone_off(harness):
    camille = await join(harness, 4100011, "fr")
    bob = harness.user(4100012, "Bob", "fr")
    await bob.send(f"/start {camille.invitations.member_token}")
    dana = harness.user(4100013, "Dana", "fr")
    await dana.send(f"/start {camille.invitations.member_token}")
    other = await join(harness, 4100014, "fr", "Coop Voisine")  # another coop's direction
    for visitor, refusal in (
        (dana, "Votre rôle ne le permet pas."),  # a colleague, not the direction
        (other, "Ce bouton ne concerne pas"),  # the other coop's direction: not one of theirs
        (camille, "Votre rôle ne le permet pas."),  # oneself
    ):
        await open_home(visitor)
        target = camille.id if visitor is camille else bob.id
        for data in (f"tmr:{target}", f"tmry:{target}"):
            await visitor.press_data(visitor.last, data)
            assert visitor.alerts[-1].startswith(refusal), (visitor.id, data, visitor.alerts)
    assert await member_of(harness, bob.id) is not None and await member_of(harness, camille.id) is not None


async def test_two_colleagues_of_one_name_stay_two_on_the_screen(harness):
    camille = await join(harness, 4100015, "fr")
    for user_id in (4100016, 4100017):
        await harness.user(user_id, "Marie", "fr").send(f"/start {camille.invitations.member_token}")
    text = await open_team(camille)  # the harness checks that no two buttons share a label
    assert "2. Marie" in text and "3. Marie" in text
    assert {"➖ 2. Marie", "➖ 3. Marie"} <= set(camille.buttons())


async def test_a_colleague_taken_off_while_writing_to_the_federation_gets_the_text_back(harness):
    camille = await join(harness, 4100018, "fr")
    bob = harness.user(4100019, "Bob", "en")
    await bob.send(f"/start {camille.invitations.member_token}")
    await bob.send("/federation")
    await bob.press("✍️ New request")
    await bob.press("📊 Indicators")  # now asked for the request's text
    await open_team(camille)
    await camille.press("➖ 2. Bob")
    await camille.press("🗑 Oui, retirer de l’équipe")
    typed = "How do we count user-members and staff for engagement 5?"
    await bob.send(typed)  # no error: refused politely, the text comes back
    assert (
        "You are no longer part of the team of Coop Habitat" in bob.texts()[-2] and bob.texts()[-1] == typed
    )


@needs_postgres
async def test_two_directions_taking_each_other_off_at_once_leave_one(harness):
    camille = await join(harness, 4100022, "fr")
    dana = harness.user(4100023, "Dana", "fr")
    await dana.send(f"/start {camille.invitations.direction_token}")
    coop = camille.invitations.coop

    async def camille_removes_dana(session) -> None:
        await remove_teammate(session, coop, dana.id, camille.id, NOW)

    async def dana_removes_camille(session) -> None:
        await remove_teammate(session, coop, camille.id, dana.id, NOW)

    with pytest.raises(NotAllowed):  # Dana waited for Camille's commit, then found herself gone
        await while_held(harness, camille_removes_dana, dana_removes_camille)
    assert await member_of(harness, camille.id) is not None and await member_of(harness, dana.id) is None


async def test_a_removal_written_before_it_named_the_membership_is_forgotten_with_the_person(harness):
    """Removals written on 2 December 2026 held the removed person's Telegram id: their erasure clears it."""
    from datetime import UTC, datetime

    from models.privacy.erase import erase_person

    async with harness.database.transaction() as session:
        for at, entity_id in (
            (datetime(2026, 12, 2, 15, tzinfo=UTC), 4100040),
            (datetime(2026, 12, 4, tzinfo=UTC), 4100040),
        ):
            session.add(AuditEntry(at=at, actor_id=4100041, coop_id=1, entity="member", entity_id=entity_id,
                                   action="remove", old_value="member"))  # fmt: skip
    async with harness.database.transaction() as session:
        await erase_person(session, 4100040, NOW)
    async with harness.database.transaction() as session:
        removals = (await session.exec(select(AuditEntry).where(AuditEntry.action == "remove"))).all()
    # the old one named the person: cleared; a later one names a membership that happens to share the number
    assert sorted((r.entity_id is None) for r in removals) == [False, True]
