"""Shared practices: only coops that agreed count, never a figure from fewer than 3 coops, no names."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from models.coops import create_coop
from models.dossier.current import current_dossier
from models.dossier.indicators import add_indicator, update_indicator
from models.dossier.practices import set_sharing
from models.dossier.writes import set_engagement
from models.tables import DossierStatus, Indicator, Member, MemberRole, User
from tests.conftest import ADMIN_ID, NOW
from tests.dossier_steps import join, open_home

OWN_TITLES = ("Taux de participation à l'AG", "taux de participation a l’AG ", "Taux de participation à l'AG")


async def coop_with_indicators(harness, name: str, n: int, share: bool, rationales: bool = False) -> None:
    """A coop whose current dossier chose engagement 5 with a suggested and an own indicator."""
    async with harness.database.transaction() as session:
        coop = await create_coop(session, name)
        session.add(User(id=9000 + n, first_name=f"Dir {n}"))
        await session.flush()
        member = Member(user_id=9000 + n, coop_id=coop.id, role=MemberRole.DIRECTION)
        session.add(member)
        dossier = await current_dossier(session, coop.id)
        await set_engagement(session, dossier, 5, True, actor_id=9000 + n, now=NOW)
        await add_indicator(
            session,
            dossier,
            5,
            title="Nombre d'associés",
            suggested_code="5a",
            value_kind="number",
            unit="people",
            actor_id=9000 + n,
            now=NOW,
        )
        own = await add_indicator(
            session,
            dossier,
            5,
            title=OWN_TITLES[n % 3],
            value_kind="number",
            unit="percent",
            actor_id=9000 + n,
            now=NOW,
        )
        await update_indicator(
            session,
            dossier,
            own,
            "rationale",
            f"Secret {name}: l’AG est le cœur.",
            actor_id=9000 + n,
            now=NOW,
        )
        for field, value in (("current_value", "20"), ("target_value", str(30 + n))):
            await update_indicator(session, dossier, own, field, value, actor_id=9000 + n, now=NOW)
        if share:
            await set_sharing(session, member, "rationales" if rationales else "indicators", True, NOW)


async def test_figures_appear_from_three_agreeing_coops_never_naming_them(harness):
    await coop_with_indicators(harness, "Coop Alpha", 1, share=True, rationales=True)
    await coop_with_indicators(harness, "Coop Beta", 2, share=True)
    await coop_with_indicators(harness, "Coop Gamma", 3, share=False)
    member = await join(harness, 6101, "fr", "Coop Lectrice", role="member")
    await member.send("/dossier")
    await member.press("Axe 2")
    await member.press("⬜ 5 · ")

    async def suggestion_screen(user) -> str:
        await open_home(user)
        await user.press("📊 Indicateurs")
        await user.press(" 5 · ")
        await user.press("➕ Ajouter un indicateur")
        return user.last_text

    text = await suggestion_screen(member)
    assert "Choisis par d’autres coopératives" not in text and "👥" not in text  # two agreeing coops only

    # Gamma's direction agrees, through the bot
    director = harness.user(9003, "Dir 3", "fr")
    await director.send("/partage")
    assert "⬜ Nos indicateurs" in director.last_text
    assert "✅" not in " ".join(director.buttons())  # ✅ says « done », not « to do »
    await director.press("📤 Partager nos indicateurs")
    assert "✅ Nos indicateurs" in director.last_text
    text = await suggestion_screen(member)
    assert "Choisis par d’autres coopératives" in text
    assert "1. Nombre d’associés — 👥 3" in text
    assert "• Taux de participation à l'AG — choisi par 3\u00a0coopératives" in text
    assert not any(name in text for name in ("Alpha", "Beta", "Gamma"))

    await member.press("👥 Taux de participation")
    detail = member.last_text
    assert "Cible habituelle\u00a0: 32\u00a0%" in detail
    assert "Secret Coop Alpha" in detail  # Alpha agreed to share its rationale…
    assert "Secret Coop Beta" not in detail and "Secret Coop Gamma" not in detail  # …the others did not
    await member.press("➕ Utiliser cet indicateur")
    async with harness.database.transaction() as session:
        dossier = await current_dossier(session, member.invitations.coop.id)
        mine = (await session.exec(select(Indicator).where(Indicator.dossier_id == dossier.id))).one()
    assert (mine.title, mine.value_kind, mine.unit, mine.rationale) == (
        "Taux de participation à l'AG",
        "number",
        "percent",
        None,
    )


async def test_only_the_direction_agrees_and_the_federation_sees_engagements(harness):
    for n, name in enumerate(("Coop Un", "Coop Deux", "Coop Trois", "Coop Quatre"), 1):
        await coop_with_indicators(harness, name, n, share=n != 4)
    sam = await join(harness, 6111, "en", "Coop Membre", role="member")
    await sam.send("/partage")
    assert "Only the direction can change this." in sam.last_text
    await sam.press_data(sam.last, "shs:i:1")
    assert sam.alerts == ["Your role does not allow this."]

    async with harness.database.transaction() as session:  # three sharing coops follow their progress
        for coop_name in ("Coop Un", "Coop Deux", "Coop Trois"):
            from models.federation.coop_references import find_coop

            dossier = await current_dossier(session, (await find_coop(session, coop_name)).id)
            dossier.status, dossier.admissible_on = DossierStatus.ADMISSIBLE, date(2026, 6, 1)
            session.add(dossier)
            for indicator in (
                await session.exec(select(Indicator).where(Indicator.dossier_id == dossier.id))
            ).all():
                indicator.baseline_value = "10"
                session.add(indicator)
    admin = harness.user(ADMIN_ID, "Fédé", "en")
    await admin.send("/tableau")
    await admin.press("🎯 By engagement")
    text = admin.last_text
    assert "5. Involve home buyers, tenants, employees and local authorities" in text
    assert "— 4 coops chose it" in text and "— 0 coops chose it" in text
    assert "• Number of cooperative members (chosen by 3 coops)" in text
    assert "• Taux de participation à l'AG (chosen by 3 coops)" in text
    assert "progress toward the targets: " in text and "of 3 coops" in text
    assert "Coop Un" not in text and "Coop Quatre" not in text


async def test_a_typical_target_stands_for_three_coops_not_three_indicators(harness):
    """Alpha follows the AG's turnout twice (two targets), Beta once, Gamma set no target: three coops
    chose it, but its targets come from two, so no « typical target » is given until Gamma sets one."""
    for n, name in enumerate(("Coop Alpha", "Coop Beta", "Coop Gamma"), 1):
        await coop_with_indicators(harness, name, n, share=True)
    async with harness.database.transaction() as session:
        own = (await session.exec(select(Indicator).where(Indicator.unit == "percent"))).all()
        alpha, gamma = own[0], own[2]
        session.add(Indicator(**alpha.model_dump(exclude={"id", "position"}), position=3))
        gamma.target_value = None
        session.add(gamma)
    member = await join(harness, 6121, "fr", "Coop Lectrice", role="member")
    await member.send("/dossier")
    await member.press("Axe 2")
    await member.press("⬜ 5 · ")

    async def detail() -> str:
        await open_home(member)
        await member.press("📊 Indicateurs")
        await member.press(" 5 · ")
        await member.press("➕ Ajouter un indicateur")
        listed = member.last_text
        await member.press("de participation")
        return listed, member.last_text

    listed, text = await detail()
    # its title as two coops spell it, not as Alpha does twice (« taux de participation a l’AG »)
    assert "• Taux de participation à l'AG — choisi par 3\u00a0coopératives" in listed, listed
    assert "choisi par 3\u00a0coopératives" in text and "Cible habituelle" not in text, text
    async with harness.database.transaction() as session:
        gamma = await session.get(Indicator, gamma.id)
        gamma.target_value = "40"
        session.add(gamma)
    # Alpha counts once, at the median of its two targets (31 %): the median of 31, 32 and 40 %
    assert "Cible habituelle\u00a0: 32\u00a0%" in (await detail())[1]
