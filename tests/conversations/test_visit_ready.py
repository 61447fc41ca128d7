"""« 🚪 Prêts pour la visite » (domain.md step 4: the visit at A + 18 months, « or earlier if the coop says
it is ready »): the direction says it from /progres while the visit is awaited, once; every committee
member is told in their language; /comite shows it; a member, another coop, or a visit recorded since
are refused."""

from __future__ import annotations

from sqlmodel import select

from models.tables import AuditEntry, Dossier, FederationRoleName, Notification
from models.users import grant_federation_role
from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_label_journey import decide
from tests.dossier_steps import join

NBSP = "\u00a0"
SECOND_MEMBER = 8000002  # of the committee, in English


async def admissible_coop(harness):
    """Coop Horizon declared admissible on 31 August 2026 (the visit due by 29 February 2028), its direction,
    a plain member, two committee members (fr, en)."""
    director, committee = await submitted_coop(harness)
    member = harness.user(702, "Sam", "fr")
    await member.send(f"/start {director.invitations.member_token}")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, SECOND_MEMBER, FederationRoleName.COMMITTEE)
    english = harness.user(SECOND_MEMBER, "Alex", "en")
    await english.send("/start")
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    async with harness.database.transaction() as session:
        dossier_id = (await session.exec(select(Dossier.id))).one()
    return director, member, committee, english, dossier_id


async def said_ready(harness) -> list[AuditEntry]:
    async with harness.database.transaction() as session:
        return list((await session.exec(select(AuditEntry).where(AuditEntry.action == "visit_ready"))).all())


async def news_sent(harness) -> list[Notification]:
    async with harness.database.transaction() as session:
        return list(
            (await session.exec(select(Notification).where(Notification.kind == "visit_ready"))).all()
        )


async def test_the_direction_says_the_coop_is_ready_and_the_committee_is_told(world):
    harness, _clock = world
    director, member, committee, english, dossier_id = await admissible_coop(harness)

    await member.send("/progres")  # a plain member: no button
    assert not any("🚪" in b for b in member.buttons())

    await director.send("/progres")
    await director.press("🚪 Prêts pour la visite")
    confirmation = director.last_text
    assert "Chaque membre du comité de validation sera prévenu que Coop Horizon est prête" in confirmation
    assert "avant le 29 février 2028" in confirmation
    assert "Le comité vous proposera ensuite une date." in confirmation
    assert await said_ready(harness) == []  # nothing before the confirmation
    await director.press("✅ Oui, prévenir le comité")
    assert f"✅ C’est envoyé{NBSP}: chaque membre du comité de validation a été prévenu" in director.last_text
    assert (
        f"🚪 Vous avez dit être prêts pour la visite le 23 novembre 2026{NBSP}: le comité vous proposera une date."
        in director.last_text
    )
    assert not any("🚪" in b for b in director.buttons())

    await harness.run_background()  # the outbox
    news = next(text for text in reversed(committee.texts()) if text.startswith("🚪"))
    assert (
        "Camille, de la direction de Coop Horizon, indique que la coopérative est prête pour sa visite"
        in news
    )
    assert (
        f"Recevable depuis le 31 août 2026, elle doit être visitée au plus tard le 29 février 2028{NBSP}:"
        in news
    )
    assert "🏛 Ouvrir le dossier" in committee.buttons(committee.messages[-1])
    said = next(text for text in reversed(english.texts()) if text.startswith("🚪"))
    assert "Camille, of the direction of Coop Horizon, says the coop is ready for its visit" in said
    assert "Admissible since" in said and "propose a date to them" in said

    await member.send("/progres")  # the team reads it too
    assert "🚪 Vous avez dit être prêts pour la visite le 23 novembre 2026" in member.last_text

    # the confirmation pressed again (a double tap, a colleague of the direction): said once, and when
    await director.press_data(director.last, f"pgvy:{dossier_id}")
    assert "Vous avez déjà dit au comité de validation être prêts pour la visite, le 23 novembre 2026." in (
        director.reply_text() + " ".join(director.alerts)
    )
    assert len(await said_ready(harness)) == 1
    assert len(await news_sent(harness)) == 2  # one per committee member, not more

    await committee.send("/comite")
    assert "🚪 Prête pour la visite depuis le 23 novembre 2026" in committee.last_text
    await committee.press("Coop Horizon"[:10])
    assert "🚪 Prête pour la visite depuis le 23 novembre 2026" in committee.last_text


async def test_a_member_another_coop_and_a_visit_recorded_since_are_refused(world):
    harness, _clock = world
    director, member, committee, _english, dossier_id = await admissible_coop(harness)
    other = await join(harness, 703, "fr", "Coop Voisine")

    await member.send("/progres")
    for forged in (f"pgv:{dossier_id}", f"pgvy:{dossier_id}"):  # only the direction says it
        await member.press_data(member.last, forged)
        assert "Votre rôle ne le permet pas" in " ".join(member.alerts)
    await other.send("/dossier")
    await other.press_data(other.last, f"pgvy:{dossier_id}")  # another coop's dossier
    assert "ne concerne pas le dossier de votre coopérative" in " ".join(other.alerts)
    assert await said_ready(harness) == [] and await news_sent(harness) == []

    await director.send("/progres")
    await director.press("🚪 Prêts pour la visite")
    confirmation = director.last
    await decide(committee, "Coop Horizon", "🚪 Visite", "Visite faite.", "20/11/2026")
    await director.press("✅ Oui, prévenir le comité", confirmation)  # the visit recorded meanwhile
    assert "Ce menu n’est plus à jour" in director.reply_text() + " ".join(director.alerts)
    assert await said_ready(harness) == [] and await news_sent(harness) == []
    await director.send("/progres")
    assert not any("🚪" in b for b in director.buttons())
    assert "prêts pour la visite" not in director.last_text
