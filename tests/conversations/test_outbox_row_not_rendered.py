"""One notification that cannot be rendered never blocks the outbox: the news of a request whose message
is gone (a draft dropped as another device sent it) no longer concerns anyone and is dropped; a rendering
that fails is dropped and reported once. The rows after them go out, and the broadcasts and one-hour
reminders after the outbox run again (before, the run raised on that row, every run)."""

from __future__ import annotations

import contextlib
import sqlite3

from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlmodel import select

import bot.delivery.notifications as outbox_run
from models.outbox import enqueue
from models.tables import DeliveryStatus, Notification
from tests.conftest import ADMIN_ID, NOW
from tests.dossier_steps import join

ANN = {"name": "Ann", "coop": "Coop Poison"}


async def statuses(harness) -> list[tuple[str, DeliveryStatus, str | None]]:
    """Every notification's kind, status and reason, in their order."""
    async with harness.database.transaction() as session:
        rows = (await session.exec(select(Notification).order_by(Notification.id))).all()
    return [(row.kind, row.status, row.error) for row in rows]


async def test_the_news_of_a_request_message_gone_is_dropped_and_the_rest_goes(harness):
    sam = await join(harness, 8701, "en", "Coop Poison", role="member")
    async with harness.database.transaction() as session:
        await enqueue(session, [ADMIN_ID], "request_to_federation", {"message_id": 987654}, now=NOW)
        await enqueue(session, [ADMIN_ID], "request_file", {"message_id": 987654}, now=NOW)
        await enqueue(session, [8701], "submitted", ANN, now=NOW)
    await harness.run_background()
    assert "Ann submitted" in sam.last_text, sam.last_text
    news = await statuses(harness)
    gone = [(kind, status) for kind, status, why in news if why and "no longer exists" in why]
    assert gone == [("request_to_federation", DeliveryStatus.FAILED), ("request_file", DeliveryStatus.FAILED)]
    assert news[-1][1] == DeliveryStatus.SENT and harness.errors == []  # no longer concerns: no failure


async def test_a_rendering_that_fails_is_dropped_reported_once_and_the_rest_goes(harness, monkeypatch):
    sam = await join(harness, 8702, "en", "Coop Poison", role="member")

    async def broken(t, session, data, services):
        raise RuntimeError("a renderer's bug")

    monkeypatch.setitem(outbox_run.JOURNEY_NOTICES, "request_to_federation", broken)
    async with harness.database.transaction() as session:
        await enqueue(session, [ADMIN_ID], "request_to_federation", {"message_id": 1}, now=NOW)
        await enqueue(session, [8702], "submitted", ANN, now=NOW)
    await harness.run_background()
    await harness.run_background()
    assert "Ann submitted" in sam.last_text, sam.last_text
    news = await statuses(harness)
    assert news[0] == (
        "request_to_federation",
        DeliveryStatus.FAILED,
        "not sent: its rendering failed (RuntimeError)",
    ), news
    assert [type(error) for error in harness.errors] == [RuntimeError], harness.errors  # once, not per run


async def test_a_renderer_whose_sql_fails_while_the_database_answers_is_dropped_too(harness, monkeypatch):
    sam = await join(harness, 8703, "en", "Coop Poison", role="member")

    async def wrong_sql(t, session, data, services):
        await session.exec(text("SELECT no_such_column FROM notification"))  # a renderer's SQL bug

    monkeypatch.setitem(outbox_run.JOURNEY_NOTICES, "request_to_federation", wrong_sql)
    async with harness.database.transaction() as session:
        await enqueue(session, [ADMIN_ID], "request_to_federation", {"message_id": 1}, now=NOW)
        await enqueue(session, [8703], "submitted", ANN, now=NOW)
    await harness.run_background()
    await harness.run_background()
    assert "Ann submitted" in sam.last_text, sam.last_text  # before: held behind it, run after run
    kind, status, why = (await statuses(harness))[0]
    assert (kind, status) == ("request_to_federation", DeliveryStatus.FAILED), why
    assert why.startswith("not sent: its rendering failed ("), why
    assert len(harness.errors) == 1, harness.errors  # reported once, not per run


async def test_a_database_that_does_not_answer_keeps_the_row_for_later(harness, monkeypatch):
    await join(harness, 8704, "en", "Coop Poison", role="member")

    async def database_away(t, session, data, services):
        raise OperationalError("SELECT 1", {}, ConnectionError("server closed the connection"))

    async def no_answer():
        raise ConnectionError("server closed the connection")

    monkeypatch.setitem(outbox_run.JOURNEY_NOTICES, "request_to_federation", database_away)
    monkeypatch.setattr(harness.database, "ping", no_answer)
    async with harness.database.transaction() as session:
        await enqueue(session, [ADMIN_ID], "request_to_federation", {"message_id": 1}, now=NOW)
    with contextlib.suppress(OperationalError):
        await harness.run_background()
    assert [(kind, status) for kind, status, _why in await statuses(harness)] == [
        ("request_to_federation", DeliveryStatus.PENDING)
    ]  # not dropped: it goes once the database answers


async def test_a_database_busy_a_moment_keeps_the_row_though_it_answers(harness, monkeypatch):
    """« database is locked » (or a deadlock, a timeout) is the moment's, not the renderer's: the row waits."""
    await join(harness, 8705, "en", "Coop Poison", role="member")

    async def locked(t, session, data, services):
        raise OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked"))

    monkeypatch.setitem(outbox_run.JOURNEY_NOTICES, "request_to_federation", locked)
    async with harness.database.transaction() as session:
        await enqueue(session, [ADMIN_ID], "request_to_federation", {"message_id": 1}, now=NOW)
    with contextlib.suppress(OperationalError):
        await harness.run_background()
    assert [(kind, status) for kind, status, _why in await statuses(harness)] == [
        ("request_to_federation", DeliveryStatus.PENDING)
    ]
