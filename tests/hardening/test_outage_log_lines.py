"""A database that stops answering is one line when it goes and one when it is back (README, Logs): not a
line at every heartbeat, at every getUpdates, at every beat retrying a mark, nor a traceback at the stop.
An error that is not the database away (a bug) keeps its traceback."""

from __future__ import annotations

import logging

from telegram import Update

from bot.application import on_shutdown
from bot.delivery.lease import SendingLease
from bot.outages import database_watch
from bot.updates import inbox
from bot.updates.polling import PolledUpdates
from models.db import Database
from models.operations.instances import InstanceId
from tests.conversations.test_inbox import kept, replay, still_kept
from tests.dossier_steps import join


def gone(tmp_path) -> Database:
    """A database that does not answer: its file cannot be opened."""
    return Database(f"sqlite:///{tmp_path / 'no-such-folder' / 'gone.sqlite3'}")


def said(caplog, logger: str) -> list[tuple[str, str, bool]]:
    """Each line logged by ``logger``: its level, its text and whether it carries a traceback."""
    return [(r.levelname, r.getMessage(), bool(r.exc_info)) for r in caplog.records if r.name == logger]


async def test_a_heartbeat_failing_beat_after_beat_is_one_line_when_it_goes_and_one_when_it_is_back(
    db, tmp_path, caplog
):
    lease, away = SendingLease(InstanceId(), 20), gone(tmp_path)
    caplog.set_level(logging.INFO, logger="qualicoop.instances")
    try:
        assert await lease.renew(db)  # it sends
        caplog.clear()
        for _ in range(5):
            await lease.renew(away)
        assert lease.beat_failed
        await lease.renew(db)
        await lease.renew(db)
        for _ in range(3):  # a second outage: its own line
            await lease.renew(away)
    finally:
        await away.dispose()
    lines = said(caplog, "qualicoop.instances")
    failed = f"heartbeat of instance {lease.me.id} failed: OperationalError: unable to open database file"
    assert [(level, text) for level, text, _ in lines if "failed" in text] == [("WARNING", failed)] * 2
    [back] = [line for line in lines if "again" in line[1]]
    assert back[0] == "WARNING" and back[1].startswith(f"instance {lease.me.id} writes its heartbeat again, ")
    assert len(lines) == 3 and not any(traceback for *_, traceback in lines)


async def test_updates_not_taken_while_the_database_is_away_are_one_line_and_one_when_it_is_back(
    db, tmp_path, monkeypatch, caplog
):
    """Before the first update since the start (the numbers handled before a kill read), every
    getUpdates asks the database: a second apart while it is away."""
    monkeypatch.setattr("bot.updates.polling.DATABASE_AWAY_SECONDS", 0)
    caplog.set_level(logging.INFO, logger="qualicoop")
    polled = PolledUpdates(gone(tmp_path))
    try:
        for _ in range(4):
            assert await polled.taken([Update(30)]) == []
    finally:
        await polled.database.dispose()
    polled.database = db
    assert [update.update_id for update in await polled.taken([Update(30), Update(31)])] == [30, 31]
    assert [update.update_id for update in await polled.taken([Update(32)])] == [32]
    lines = said(caplog, "qualicoop")
    assert lines[0][:2] == (
        "WARNING",
        "updates not taken yet, the database does not answer: unable to open database file",
    )
    assert lines[1][0] == "WARNING" and lines[1][1].startswith(
        "updates taken again, the database answers, after "
    )
    assert len(lines) == 2 and not any(traceback for *_, traceback in lines)


async def test_a_mark_that_fails_in_a_known_outage_is_one_line_without_traceback(
    harness, monkeypatch, caplog
):
    """Webhook: the update was handled while the database went away (the error handler knows it); its
    mark « handled » is tried again at each beat of the replay job until the database is back."""
    camille = await join(harness, 1313, "fr")
    update = await kept(harness, camille.fake.user_text(camille.tg, "/help"))
    services = harness.application.bot_data
    original, failures = inbox.forget_handled, [OSError(111, "Connect call failed")] * 4

    async def fails(*args, **kwargs):
        if failures:
            raise failures.pop()
        return await original(*args, **kwargs)

    monkeypatch.setattr(inbox, "forget_handled", fails)
    caplog.set_level(logging.INFO, logger="qualicoop.web")
    database_watch(services).failed()  # as the error handler marks it at the outage's first failure
    await harness.deliver(camille.id, update)
    for _ in range(3):  # the next beats, the database still away
        assert await replay(harness) == []
    database_watch(services).answered()
    assert await replay(harness) == []  # back: marked
    assert await still_kept(harness) == [] and not services.unforgotten
    number = update["update_id"]
    assert said(caplog, "qualicoop.web") == [
        (
            "WARNING",
            f"update {number} handled, but could not be marked so yet, the database does not answer: "
            "ConnectionRefusedError: [Errno 111] Connect call failed",
            False,
        ),
        ("INFO", f"update {number} marked handled at last", False),
    ]


async def test_a_mark_that_fails_for_another_reason_keeps_its_traceback(harness, monkeypatch, caplog):
    camille = await join(harness, 1314, "fr")
    update = await kept(harness, camille.fake.user_text(camille.tg, "/help"))

    async def fails(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(inbox, "forget_handled", fails)
    caplog.set_level(logging.INFO, logger="qualicoop.web")
    await harness.deliver(camille.id, update)
    assert said(caplog, "qualicoop.web") == [
        ("ERROR", f"update {update['update_id']} handled, but could not be marked so yet", True)
    ]


async def test_a_stop_while_the_database_is_away_is_one_line(harness, tmp_path, caplog):
    """SIGTERM during an outage: this instance cannot leave; its lease expires instead."""
    services = harness.application.bot_data
    working, services.database = services.database, gone(tmp_path)
    caplog.set_level(logging.INFO, logger="qualicoop")
    try:
        await on_shutdown(harness.application)
    finally:
        services.database = working
    lines = [line for line in said(caplog, "qualicoop") if "instances" in line[1]]
    assert lines == [
        (
            "WARNING",
            "could not leave the instances, the database does not answer "
            "(OperationalError: unable to open database file): this instance's lease expires instead",
            False,
        )
    ]


async def test_a_stop_that_fails_for_another_reason_keeps_its_traceback(harness, monkeypatch, caplog):
    services = harness.application.bot_data

    async def fails(database) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(services.sending, "stop", fails)
    caplog.set_level(logging.INFO, logger="qualicoop")
    await on_shutdown(harness.application)
    assert [line for line in said(caplog, "qualicoop") if "instances" in line[1]] == [
        ("ERROR", "could not leave the instances cleanly", True)
    ]
