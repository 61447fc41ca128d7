"""The choice of the conversation and hardening tests PostgreSQL runs: every statement the product runs."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import select

from models.tables import Coop, FederationRoleName
from models.users import grant_federation_role
from tests.statements import ALWAYS_ON_POSTGRESQL, LONGEST, SQLITE_ONLY, Recorder, covering, normalized

ROOT = Path(__file__).parent.parent.parent


def test_lists_of_parameters_and_rows_count_as_one():
    assert normalized("SELECT a FROM t\n  WHERE id IN (?, ?, ?)") == "SELECT a FROM t WHERE id IN (?)"
    assert normalized("INSERT INTO t (a, b) VALUES (?, ?), (?, ?)") == "INSERT INTO t (a, b) VALUES (?)"
    assert normalized("SAVEPOINT sa_savepoint_12") == "SAVEPOINT sa_savepoint_"
    assert normalized("SELECT a FROM t WHERE id = ?") != normalized("SELECT a FROM t WHERE id IS NULL")


def test_every_statement_is_run_by_a_chosen_test_the_cheaper_first():
    tests = {
        "tests/conversations/test_b.py::test_slow": {"seconds": 9.0, "statements": ["A", "B", "C"]},
        "tests/conversations/test_b.py::test_quick": {"seconds": 0.1, "statements": ["A", "B"]},
        "tests/conversations/test_b.py::test_other": {"seconds": 0.2, "statements": ["C"]},
        "tests/conversations/test_b.py::test_nothing_new": {"seconds": 0.1, "statements": ["A"]},
    }
    chosen, uncovered = covering(tests, sources={"tests/conversations/test_b.py": "a plain conversation"})
    assert chosen == {
        "tests/conversations/test_b.py::test_quick",
        "tests/conversations/test_b.py::test_other",
    }
    assert uncovered == set()
    forced, _ = covering(tests, sources={"tests/conversations/test_b.py": "@needs_postgres"})
    assert forced == set(tests)  # a file made for PostgreSQL runs there whole


def test_a_statement_only_a_long_test_runs_is_said_not_chosen():
    tests = {
        "tests/conversations/test_c.py::test_months": {"seconds": LONGEST + 1, "statements": ["A", "Z"]},
        "tests/conversations/test_c.py::test_day": {"seconds": 0.3, "statements": ["A"]},
    }
    chosen, uncovered = covering(tests, sources={"tests/conversations/test_c.py": "a plain conversation"})
    assert chosen == {"tests/conversations/test_c.py::test_day"} and uncovered == {"Z"}


async def test_the_recorder_tells_the_products_statements_from_the_tests(db):
    """What the test arranges or checks itself is left out; what the product runs for it is counted."""
    recorder = Recorder(Path("unused.json"))
    recorder.current = "a test"
    event.listen(Engine, "before_cursor_execute", recorder.heard)
    try:
        async with db.transaction() as session:
            await grant_federation_role(session, 4242, FederationRoleName.COMMITTEE)  # the product's
        async with db.transaction() as session:
            (await session.exec(select(Coop))).all()  # the test's own
    finally:
        event.remove(Engine, "before_cursor_execute", recorder.heard)
    heard = recorder.statements["a test"]
    assert any("federationrole" in statement.lower() for statement in heard)
    assert not any(statement.startswith("SELECT coop.") for statement in heard)


def test_the_list_names_existing_files_none_made_for_postgresql():
    lines = [
        line for line in SQLITE_ONLY.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ]
    files = {line.split("::")[0] for line in lines}
    assert files and all((ROOT / file).is_file() for file in files)
    assert not [
        file for file in files if ALWAYS_ON_POSTGRESQL.search((ROOT / file).read_text(encoding="utf-8"))
    ]
