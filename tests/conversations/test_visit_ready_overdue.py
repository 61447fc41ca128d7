"""« 🚪 Prêts pour la visite » once the visit's deadline (A + 18 months) has passed unrecorded: the direction's
confirmation and the committee's news say the visit is overdue, never « before 29 February 2028 » on
15 March 2028; /progres names the overdue visit beside the earliest checkpoint overdue. A news queued
before the words knew of it (no « late » in its payload) still reads as it did. A committee member on the
coop's team is not asked to propose a date to their own coop."""

from __future__ import annotations

from sqlmodel import select

from models.outbox import enqueue
from models.tables import FederationRoleName, Notification
from models.users import grant_federation_role
from tests.conversations.test_visit_ready import admissible_coop

NBSP = "\u00a0"


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


def ready_news(user) -> list[str]:
    return [plain(text) for text in user.texts() if text.startswith("🚪")]


async def test_ready_after_the_deadline_says_the_visit_is_overdue(world):
    harness, clock = world
    director, _member, committee, english, _dossier_id = await admissible_coop(harness)
    clock.advance(days=478)  # 15 March 2028: the visit was due by 29 February 2028, not recorded

    await director.send("/progres")
    progress = plain(director.last_text)
    assert "⏳ Point d’étape à 6 mois" in progress, progress  # the earliest overdue, as before
    assert (
        "⏳ Visite du comité (18 mois) : à effectuer au plus tard le 29 février 2028, "
        "en attente d’enregistrement par le comité" in progress
    ), progress
    assert "Point d’étape à 12 mois" not in progress  # the earliest overdue and the visit, not every one

    await director.press("🚪 Prêts pour la visite")
    confirmation = plain(director.last_text)
    assert "avant le 29 février 2028" not in confirmation, confirmation
    assert (
        "Chaque membre du comité de validation sera prévenu que Coop Horizon est prête à recevoir sa "
        "visite : la date prévue pour la visite, le 29 février 2028, est passée." in confirmation
    ), confirmation
    assert "Le comité vous proposera ensuite une date." in confirmation
    await director.press("✅ Oui, prévenir le comité")
    await harness.run_background()

    (news,) = ready_news(committee)
    assert "au plus tard le 29 février 2028 : proposez-lui" not in news, news
    assert (
        "Recevable depuis le 31 août 2026, elle attend sa visite : la date prévue pour la visite, "
        "le 29 février 2028, est passée. Proposez-lui une date." in news
    ), news
    (said,) = ready_news(english)
    assert "the date planned for the visit, 29 February 2028, has passed. Propose a date to them." in said


async def test_a_news_queued_before_the_overdue_words_reads_as_it_did(world):
    harness, clock = world
    director, _member, committee, _english, dossier_id = await admissible_coop(harness)
    clock.advance(days=478)
    async with harness.database.transaction() as session:  # a row queued by the former code: no « late »
        news = {"dossier_id": dossier_id, "name": "Camille", "by": director.id}
        await enqueue(session, [committee.id], "visit_ready", news)
    await harness.run_background()
    (said,) = ready_news(committee)
    assert "elle doit être visitée au plus tard le 29 février 2028 : proposez-lui une date." in said, said


async def test_a_committee_member_of_the_coop_is_not_asked_to_propose_it_a_date(world):
    harness, _clock = world
    director, member, committee, english, _dossier_id = await admissible_coop(harness)
    async with harness.database.transaction() as session:  # Sam, of Coop Horizon, sits on the committee
        await grant_federation_role(session, member.id, FederationRoleName.COMMITTEE)

    await director.send("/progres")
    await director.press("🚪 Prêts pour la visite")
    await director.press("✅ Oui, prévenir le comité")
    await harness.run_background()

    assert ready_news(member) == []
    assert len(ready_news(committee)) == 1 and len(ready_news(english)) == 1
    async with harness.database.transaction() as session:
        told = (
            await session.exec(select(Notification.user_id).where(Notification.kind == "visit_ready"))
        ).all()
    assert sorted(told) == sorted([committee.id, english.id])
