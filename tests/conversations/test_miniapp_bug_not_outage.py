"""A database error while the database answers (a constraint violated, a serialization failure: a bug, or a
race the code does not handle) is the Mini App's bug, as the chat's error handler takes it (the same
``bot.errors.database_away``: an outage known, a connection cut, or a ``SELECT 1`` unanswered): a 500 and
its traceback in the log, not a 503 « the database does not answer » that the page sends again for ever."""

from __future__ import annotations

import logging
import sqlite3
from contextlib import contextmanager

import pytest
from sqlalchemy import event
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from tests.conversations.test_miniapp_api import auth, client, coop_with_indicator


def not_null_violation() -> sqlite3.IntegrityError:
    """What the driver raises for a row breaking a NOT NULL constraint."""
    connection = sqlite3.connect(":memory:")
    connection.execute("create table t (x not null)")
    try:
        connection.execute("insert into t values (null)")
    except sqlite3.IntegrityError as error:
        return error
    finally:
        connection.close()
    raise AssertionError("no violation")


class SerializationFailure(Exception):
    """PostgreSQL's « could not serialize access » (SQLSTATE 40001), as its driver carries it."""

    sqlstate = "40001"


@contextmanager
def failing_at(harness, start: str, error: DBAPIError):
    """``error`` raised for the statement starting with ``start``, the database answering all along."""
    engine = harness.database.engine.sync_engine

    def statement(connection, cursor, sql, parameters, context, executemany):
        if sql.lstrip().upper().startswith(start):
            raise error

    event.listen(engine, "before_cursor_execute", statement)
    try:
        yield
    finally:
        event.remove(engine, "before_cursor_execute", statement)


@pytest.mark.parametrize(
    "error",
    [
        IntegrityError("UPDATE indicator", {}, not_null_violation()),
        OperationalError("UPDATE indicator", {}, SerializationFailure("could not serialize access")),
    ],
    ids=["constraint", "serialization"],
)
async def test_a_database_error_while_it_answers_is_a_bug_not_an_outage(web_harness, caplog, error):
    director, dossier = await coop_with_indicator(web_harness, 9741101, "Coop Contrainte")
    indicator = dossier["engagements"][0]["indicators"][0]
    save = {
        "entity": "indicator",
        "id": indicator["id"],
        "field": "rationale",
        "value": "Parce que",
        "expected": None,
    }
    caplog.set_level(logging.INFO)
    async with client(web_harness) as http:
        with failing_at(web_harness, "UPDATE INDICATOR", error):
            answer = await http.post("/app/api/field", headers=auth(director, language="en"), json=save)
    assert answer.status_code == 500, answer.text
    assert "the database does not answer" not in caplog.text
    assert any(
        record.exc_info and isinstance(record.exc_info[1], type(error)) for record in caplog.records
    ), caplog.text[-800:]  # its traceback
