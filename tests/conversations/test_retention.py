"""How long things are kept: drafts, old consultation links and unfinished answers, strangers,
reminders that will never go, the Mini App's openings."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from models.chat_state import count_app_change, open_app_session, take_unreported
from models.consultations.answers import results_of, toggle_choice
from models.consultations.store import grant_access, new_consultation, open_consultation
from models.dossier.current import current_dossier
from models.federation.requests import new_draft
from models.operations.inbox import receive
from models.operations.instances import InstanceId
from models.privacy.retention import expire
from models.tables import (
    AppSession,
    Consultation,
    ConsultationAccess,
    ConsultationAnswer,
    DeliveryStatus,
    RequestSubject,
    RequestThread,
    SentReminder,
    UnhandledUpdate,
    User,
)
from tests.harness import BotHarness, FakeClock

START = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


@pytest.fixture
async def world(tmp_path):
    clock = FakeClock(START)
    bot = BotHarness(tmp_path, admin_ids=(7777,), clock=clock)
    await bot.start()
    yield bot, clock
    await bot.stop()


async def test_drafts_links_and_strangers_expire_and_results_stay(world):
    harness, clock = world
    invitations = await harness.add_coop("Coop Temps")
    director = harness.user(6201, "Dom", "fr")
    await director.send(f"/start {invitations.direction_token}")
    stranger, admin, guest = (
        harness.user(6202, "Passant"),
        harness.user(7777, "Admin"),
        harness.user(6203, "Invité"),
    )
    for user in (stranger, admin, guest):
        await user.send("/start")
    async with harness.database.transaction() as session:
        dossier = await current_dossier(session, invitations.coop.id)
        await new_consultation(session, invitations.coop.id, dossier.id, 6201, START)  # a draft
        await new_draft(session, invitations.coop.id, 6201, RequestSubject.OTHER, "brouillon", START)
        held = await new_consultation(session, invitations.coop.id, dossier.id, 6201, START)
        held.closes_on, held.public_token = date(2026, 12, 20), "tok"
        await open_consultation(session, held, 6201, START)
        await grant_access(session, held, 6203, START)
        await toggle_choice(session, held, 6203, 0, True, START)  # ticked, never sent
        reached = (await results_of(session, held)).reached

    async with harness.database.transaction() as session:  # updates received through the webhook
        me = InstanceId()
        assert await receive(session, 1, 6201, "{}", me, START)
        assert await receive(session, 2, 6201, "{}", me, START + timedelta(days=39))
        assert not await receive(session, 1, 6201, "{}", me, START)  # a second delivery of the same update
    clock.now = START + timedelta(days=20)
    async with harness.database.transaction() as session:
        assert await expire(session, clock.now, frozenset({7777})) == {
            "drafts": 0,
            "links": 0,
            "strangers": 0,
            "received updates": 1,  # kept two days: Telegram posts an update again within one
            "reminders never sent": 0,
            "Mini App openings": 0,
        }
        # an update never handled in two days goes with its number (no answer to anything any more)
        assert (await session.exec(select(UnhandledUpdate.update_id))).all() == [2]
    clock.now = START + timedelta(days=40)  # drafts over a month old; the consultation closed 13 days ago
    async with harness.database.transaction() as session:
        assert await expire(session, clock.now, frozenset({7777})) == {
            "drafts": 2,
            "links": 0,
            "strangers": 0,
            "received updates": 0,  # the one received yesterday stays
            "reminders never sent": 0,
            "Mini App openings": 0,
        }
    clock.now = datetime(2027, 1, 21, 9, 0, tzinfo=UTC)  # 31 days after the closing day
    async with harness.database.transaction() as session:
        assert (await expire(session, clock.now, frozenset({7777})))["links"] == 1
        consultation = (await session.exec(select(Consultation))).one()
        assert (consultation.public_token, consultation.reached) == (None, reached)
        assert (await results_of(session, consultation)).reached == reached == 2
        assert (await session.exec(select(ConsultationAccess))).all() == []
        assert (await session.exec(select(ConsultationAnswer))).all() == []
        assert (await session.exec(select(RequestThread))).all() == []
    await guest.send("/start c_tok")
    assert "Ce lien de consultation n’est pas reconnu" in guest.last_text

    clock.now = START + timedelta(days=400)  # nobody wrote since
    async with harness.database.transaction() as session:
        assert (await expire(session, clock.now, frozenset({7777})))[
            "strangers"
        ] == 2  # the passer-by, the guest
        remaining = {u.id for u in (await session.exec(select(User))).all()}
    assert remaining == {6201, 7777}


async def test_reminders_that_will_never_go_are_forgotten_the_others_kept(world):
    harness, clock = world
    today = START.date()  # the upkeep's day in Paris too (10:30 there)

    def row(user_id: int, event: str, lead: int, due_on: date, status: DeliveryStatus) -> SentReminder:
        return SentReminder(
            user_id=user_id, event_key=event, lead_days=lead, due_on=due_on, sent_at=START, status=status
        )

    async with harness.database.transaction() as session:
        session.add_all(
            [
                row(
                    1, "committee:2026-11-22", 7, today - timedelta(days=1), DeliveryStatus.PENDING
                ),  # its event is past
                row(
                    1, "committee:2026-11-29", 30, today + timedelta(days=6), DeliveryStatus.PENDING
                ),  # superseded…
                row(
                    1, "committee:2026-11-29", 7, today + timedelta(days=6), DeliveryStatus.SENT
                ),  # …by this one
                row(
                    2, "committee:2026-11-29", 30, today + timedelta(days=6), DeliveryStatus.PENDING
                ),  # still to go
                row(
                    1, "committee:2026-10-24", 7, today - timedelta(days=30), DeliveryStatus.SENT
                ),  # what was sent stays
                row(
                    2, "checkpoint:99", 7, today + timedelta(days=6), DeliveryStatus.PENDING
                ),  # no longer anyone's: its checkpoint is gone
            ]
        )
    async with harness.database.transaction() as session:
        assert (await expire(session, clock.now))["reminders never sent"] == 3
    async with harness.database.transaction() as session:
        left = (await session.exec(select(SentReminder).order_by(SentReminder.id))).all()
    assert [(r.user_id, r.event_key, r.lead_days, r.status) for r in left] == [
        (1, "committee:2026-11-29", 7, DeliveryStatus.SENT),
        (2, "committee:2026-11-29", 30, DeliveryStatus.PENDING),
        (1, "committee:2026-10-24", 7, DeliveryStatus.SENT),
    ]


async def test_the_mini_app_s_openings_go_a_week_after_they_were_opened(world):
    """Before, an opening of the Mini App (who, when, the fields changed) was kept until the person was
    erased: now a week, long after its page stops taking changes (a day)."""
    harness, clock = world
    async with harness.database.transaction() as session:
        old = await open_app_session(session, 6301, START - timedelta(days=8))
        recent = await open_app_session(session, 6301, START - timedelta(days=6))
        await count_app_change(session, recent, 6301, "dossier:1:approach")
    async with harness.database.transaction() as session:
        assert (await expire(session, clock.now))["Mini App openings"] == 1
        assert [row.token for row in (await session.exec(select(AppSession))).all()] == [recent]
        assert await take_unreported(session, old, 6301) == 0
        assert await take_unreported(session, recent, 6301) == 1  # a page still open tells its change
