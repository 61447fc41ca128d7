"""The Mini App's API when the database does not answer: a 503 the page takes as a lost connection (its text
kept, sent again), and one line in the log, without the statement and its parameters (a member's words), as
the webhook and /healthz say it; never uvicorn's « Exception in ASGI application » and its traceback."""

from __future__ import annotations

import logging
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.exc import DBAPIError

from tests.conversations.test_miniapp_api import auth, client, coop_with_indicator
from tests.databases import make_unreachable

WORDS = "Notre conseil a voté la baisse des loyers des familles Martin-Dupuis"
OFFLINE_EN = "Not saved: the connection was lost. Your text is still here: leave the field to try again."


@contextmanager
def cut_at(harness, start: str):
    """The connection cut while the statement starting with ``start`` runs (a failover, a server restart,
    pg_terminate_backend): what SQLAlchemy raises then, its statement and parameters in its text."""
    engine = harness.database.engine.sync_engine
    raised: list[DBAPIError] = []

    def statement(connection, cursor, sql, parameters, context, executemany):
        if sql.lstrip().upper().startswith(start):
            closed = ConnectionResetError(104, "connection was closed in the middle of operation")
            raised.append(DBAPIError(sql, parameters, closed, connection_invalidated=True))
            raise raised[-1]

    event.listen(engine, "before_cursor_execute", statement)
    try:
        yield raised
    finally:
        event.remove(engine, "before_cursor_execute", statement)


def rationale_of(dossier: dict) -> dict:
    """The Mini App's save of the first indicator's rationale: the member's words."""
    indicator = dossier["engagements"][0]["indicators"][0]
    return {
        "entity": "indicator",
        "id": indicator["id"],
        "field": "rationale",
        "value": WORDS,
        "expected": None,
    }


def web_lines(caplog) -> list[str]:
    return [
        r.getMessage() for r in caplog.records if r.name == "qualicoop.web" and "database" in r.getMessage()
    ]


async def test_a_save_cut_mid_statement_is_a_503_and_the_typed_words_stay_out_of_the_log(web_harness, caplog):
    director, dossier = await coop_with_indicator(web_harness, 9548101, "Coop Coupure Nette")
    save = rationale_of(dossier)
    caplog.set_level(logging.INFO)
    async with client(web_harness) as http:
        with cut_at(web_harness, "UPDATE INDICATOR") as raised:
            cut = await http.post("/app/api/field", headers=auth(director, language="en"), json=save)
        assert raised and WORDS in str(raised[0])  # what a traceback would have shown
        assert cut.status_code == 503, cut.text
        assert (
            cut.json()["error"] == OFFLINE_EN
        )  # the visit's language (none chosen in the chat: their app's)
        assert cut.headers["content-language"] == "en"
        again = await http.post("/app/api/field", headers=auth(director), json=save)  # the page's next try
    assert again.status_code == 200, again.text
    assert again.json()["field"]["value"] == WORDS
    assert WORDS not in caplog.text
    assert "Traceback" not in caplog.text and "Exception in ASGI application" not in caplog.text
    assert web_lines(caplog) == [
        f"Mini App request of {director.id} not served, the database does not answer: "
        "ConnectionResetError: [Errno 104] connection was closed in the middle of operation"
    ]


async def test_while_the_database_is_away_each_request_is_a_503_and_one_line(web_harness, caplog):
    director, dossier = await coop_with_indicator(web_harness, 9548102, "Coop Panne Longue")
    save = rationale_of(dossier)
    make_unreachable(web_harness.database_url)
    await web_harness.database.dispose()
    caplog.set_level(logging.INFO)
    headers = auth(director, language="en")  # the language chosen in the chat cannot be read: their app's
    async with client(web_harness) as http:  # one connection kept alive: none is dropped unanswered
        answers = [
            await http.get("/app/api/page", headers=headers),
            await http.get("/app/api/dossier", headers=headers),
            await http.post("/app/api/field", headers=headers, json=save),
            await http.post("/app/api/closed", headers=headers, json={"session": "abc", "pending": 0}),
        ]
    assert [a.status_code for a in answers] == [503] * 4, [a.text for a in answers]
    assert answers[2].json()["error"] == OFFLINE_EN
    assert answers[2].headers["content-language"] == "en"
    assert WORDS not in caplog.text
    assert "Traceback" not in caplog.text and "Exception in ASGI application" not in caplog.text
    said = web_lines(caplog)
    assert len(said) == 4 and all("the database does not answer: " in line for line in said), said
    assert not any("\n" in line or "[SQL" in line or "sqlalche.me" in line for line in said), said
