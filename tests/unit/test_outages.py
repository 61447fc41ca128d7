"""What the bot needs and loses for a while — Telegram's getUpdates, the database — is one state: a
line when it goes, an ERROR and an alert to the admins when it matters, a line when it is back;
never a traceback and an alert at each failure."""

from __future__ import annotations

import asyncio
import logging
import re

from sqlalchemy.exc import OperationalError
from telegram import Update
from telegram.error import BadRequest, Conflict, NetworkError, RetryAfter, TimedOut

from bot import errors
from bot.runner import LASTING_SECONDS, TelegramWatch, retried_by_ptb
from locales import translator
from models.db import Database
from tests.conftest import ADMIN_ID


def test_what_python_telegram_bot_asks_again_by_itself_is_told_apart():
    assert all(retried_by_ptb(e) for e in (NetworkError("Bad Gateway"), TimedOut(), RetryAfter(3)))
    assert not any(retried_by_ptb(e) for e in (BadRequest("Bad Request: x"), Conflict("Conflict: y")))


def test_a_blip_is_one_warning_a_lasting_outage_one_error_and_one_alert_and_its_end_one_line(caplog):
    clock, alerts, marks = [0.0], [], []
    watch = TelegramWatch(lambda said, mark="⚠️": alerts.append(said) or marks.append(mark), lambda: clock[0])
    caplog.set_level(logging.DEBUG, logger="qualicoop")

    def said() -> list[tuple[str, str]]:
        found = [(r.levelname, r.getMessage()) for r in caplog.records if r.levelno >= logging.WARNING]
        caplog.clear()
        return found

    watch.failed(NetworkError("Bad Gateway"))  # a blip: said once, the admins left alone
    watch.answered(asked_at=1.0)
    assert said() == [
        ("WARNING", "Telegram did not answer getUpdates (NetworkError: Bad Gateway): asking again"),
        ("WARNING", "Telegram answers getUpdates again, after 1 s"),
    ]
    assert alerts == []

    for clock[0] in (100.0, 101.0, 102.5, 130.0, 100.0 + LASTING_SECONDS - 1):  # PTB asks again and again
        watch.failed(NetworkError("Bad Gateway"))
    assert len(said()) == 1 and alerts == []
    clock[0] = 100.0 + LASTING_SECONDS + 5
    watch.failed(NetworkError("Bad Gateway"))
    watch.failed(NetworkError("Bad Gateway"))
    assert said() == [
        (
            "ERROR",
            "Telegram has not answered getUpdates for 65 s (NetworkError: Bad Gateway): no update comes in",
        )
    ]
    french, english = translator("fr"), translator("en")  # each admin in their language, no cause
    assert [alerts[0](french)] == [
        "Telegram ne répond plus au bot depuis 65\xa0s\xa0: les messages envoyés à Quali’Coop ne lui "
        "parviennent pas tant que Telegram ne répond pas. La cause technique est dans le journal du bot."
    ]
    assert alerts[0](english).startswith("Telegram has not answered the bot for 65 s: messages sent")
    watch.answered(asked_at=200.0)
    assert said() == [("WARNING", "Telegram answers getUpdates again, after 100 s")]
    assert [alert(english) for alert in alerts[1:]] == [  # they were told it went
        "Telegram answers again, after 100 s: Quali’Coop receives messages normally."
    ]
    watch.answered(asked_at=210.0)  # an ordinary poll says nothing
    assert said() == [] and len(alerts) == 2 and marks == ["⚠️", "✅"]  # the end marked as the database's


async def test_a_database_that_goes_away_is_one_line_and_one_alert_then_one_of_each_when_back(
    harness, tmp_path, caplog, monkeypatch
):
    """The admins are told if it lasts (a minute; here 0.3 s), in their language, without the cause."""
    monkeypatch.setattr(errors, "PROBE_SECONDS", 0.05)
    monkeypatch.setattr(errors, "DATABASE_ALERT_SECONDS", 0.3)
    application, services = harness.application, harness.application.bot_data
    working = services.database
    services.database = Database(f"sqlite:///{tmp_path / 'no-such-folder' / 'gone.sqlite3'}")  # cannot open
    caplog.set_level(logging.INFO, logger="qualicoop.errors")
    camille = harness.user(31, language_code="fr")
    await application.start()  # the jobs run too, and fail as the database is away
    try:
        for _ in range(5):  # what the jobs raise, again and again
            refused = ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 5432)")
            await application.process_error(update=None, error=refused)
        update = Update.de_json(harness.fake.user_text(camille.tg, "/dossier"), application.bot)
        await application.process_error(update=update, error=OperationalError("SELECT 1", {}, refused))
        assert camille.messages[-1]["text"].startswith(
            "Désolé, un problème est survenu"
        )  # their language, read from Telegram
        assert harness.fake.messages.get(ADMIN_ID, []) == []  # a restart takes seconds: not yet
        for _ in range(100):
            if harness.fake.messages.get(ADMIN_ID):
                break
            await asyncio.sleep(0.05)
        alerts = [m["text"] for m in harness.fake.messages.get(ADMIN_ID, [])]
        assert len(alerts) == 1 and re.fullmatch(  # the seconds: those the probe took, more if loaded
            "⚠️ Quali’Coop — La base de données ne répond plus depuis \\d+\xa0s\xa0: Quali’Coop ne peut plus "
            "répondre à personne ni rien envoyer jusqu’à son retour. La cause technique est dans le journal du bot.",
            alerts[0],
        ), alerts
        services.database = working  # back
        for _ in range(100):
            if len(harness.fake.messages.get(ADMIN_ID, [])) == 2:
                break
            await asyncio.sleep(0.05)
    finally:
        await application.stop()
    records = [r for r in caplog.records if r.name == "qualicoop.errors"]
    said = [(r.levelname, r.getMessage()) for r in records]
    assert said[0] == (
        "ERROR",
        "the database does not answer (ConnectionRefusedError: [Errno 111] Connect call failed "
        "('127.0.0.1', 5432)): updates and jobs fail until it is back",
    )
    assert [s for s in said[1:] if s[0] == "ERROR"] == [] and not any(r.exc_info for r in records)
    assert ("WARNING", f"update {update.update_id} failed: the database does not answer") in said
    assert said[-1][1].startswith("the database answers again, after ")
    assert harness.fake.messages[ADMIN_ID][-1]["text"].startswith(
        "✅ Quali’Coop — La base de données répond de nouveau, après "
    )


async def test_outside_a_running_bot_an_outage_is_not_kept_and_hides_no_later_failure(harness, tmp_path):
    """Nothing asks the database again while the bot is not running (starting, stopping): the outage
    is logged and forgotten, so that the next failure, of whatever kind, is reported as usual."""
    services = harness.application.bot_data
    working = services.database
    services.database = Database(f"sqlite:///{tmp_path / 'no-such-folder' / 'gone.sqlite3'}")
    await harness.application.process_error(update=None, error=ConnectionRefusedError(111, "refused"))
    services.database = working
    await harness.application.process_error(update=None, error=ConnectionResetError(104, "reset by a peer"))
    alerts = [m["text"] for m in harness.fake.messages.get(ADMIN_ID, [])]
    assert alerts == ["⚠️ Quali’Coop — a background run — ConnectionResetError"]  # its kind, never raised


async def test_a_message_while_the_database_is_away_gets_one_apology_and_one_error(harness, tmp_path):
    """Who is asking cannot be read: the error handler says so once, and no later handler runs on a
    visitor unknown (it failed again, a second error and a second apology)."""
    services = harness.application.bot_data
    working = services.database
    services.database = Database(f"sqlite:///{tmp_path / 'no-such-folder' / 'gone.sqlite3'}")  # cannot open
    camille = harness.user(32, language_code="fr")
    try:
        replies = await camille.send("Notre démarche", expect_error=True)
    finally:
        services.database = working
    assert [type(error).__name__ for error in harness.errors] == ["OperationalError"]
    said = [reply["text"] for reply in replies]  # the apology, and what was typed, given back once
    assert len(said) == 2 and said[0].startswith("Désolé, un problème est survenu"), said
    assert said[1] == "Notre démarche"


async def test_a_delivery_run_that_fails_is_told_like_any_failure(harness, monkeypatch):
    """A background delivery run failing goes through the error handler: once to the admins, with its
    traceback in the log (and, the database away, as the outage's one line instead)."""
    from types import SimpleNamespace

    from bot import jobs

    async def broken(application, pipeline=None):
        raise RuntimeError("the outbox is corrupt")

    monkeypatch.setattr(jobs, "deliver_notifications", broken)
    application = harness.application
    assert application.bot_data.sending.held()
    await jobs.broadcast_job(SimpleNamespace(application=application))
    for _ in range(100):  # the run goes on in the background
        if not application.bot_data.broadcast_running:
            break
        await asyncio.sleep(0.02)
    assert [str(error) for error in harness.errors] == ["the outbox is corrupt"]
    alerts = [m["text"] for m in harness.fake.messages.get(ADMIN_ID, [])]
    assert len(alerts) == 1 and "RuntimeError at tests/unit/test_outages.py:" in alerts[0], alerts


def test_a_long_outage_is_told_in_hours_and_minutes():
    """« 10 heures » for a night, not « 600 minutes »; numbers the reader's way."""
    from bot.outages import duration

    fr, en = translator("fr"), translator("en")
    assert [duration(s, fr) for s in (75, 60 * 119, 60 * 120, 60 * 600, 60 * 605 + 30, 60 * 61)] == [
        "75\u00a0s",
        "119 minutes",
        "2 heures",
        "10 heures",
        "10 heures et 5 minutes",
        "61 minutes",
    ]
    assert duration(60 * 121, fr) == "2 heures et 1 minute"
    assert duration(3600 * 1234, fr) == "1\u202f234 heures"
    assert [duration(60 * 600, en), duration(60 * 61 * 60 + 60, en), duration(3600 * 1234, en)] == [
        "10 hours",
        "61 hours and 1 minute",
        "1,234 hours",
    ]
