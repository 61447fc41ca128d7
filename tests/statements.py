"""Which SQL statements each conversation and hardening test runs, and the tests that run every one.

The tests run on SQLite and on PostgreSQL. What differs between the two is the SQL: its dialect, types,
ordering, locks. On PostgreSQL, ``.ci/run`` therefore runs the conversation and hardening tests that
together run every statement the product runs in them (``--postgres-subset``), plus every file made for
PostgreSQL (a race, a claim, a lock: ``ALWAYS_ON_POSTGRESQL``) and every file of random values (which
PostgreSQL may refuse where SQLite takes them: a NUL character, a text longer than its column); the
others run on SQLite only. The real processes' tests (tests/e2e) are not chosen here: their statements
are made in other processes (.ci/run names those that run once).

The list of those others, ``tests/sqlite_only.txt``, is made by recording the statements on SQLite:

    python -m pytest -p tests.statements --record-statements=/tmp/statements.json tests/conversations
    python -m pytest -p tests.statements --record-statements=/tmp/hardening.json tests/hardening \
        --ignore=tests/hardening/test_kills.py
    python -m tests.statements /tmp/statements.json /tmp/hardening.json

A test missing from the list (a new one) runs on both. The kill tests of tests/hardening run real
processes killed and started again, on SQLite only (.ci/run says why): they are left out of the
recording, so that the list is made of the tests PostgreSQL runs. A statement is told apart by its SQL
text, its lists of parameters counted as one (``IN (?, ?, ?)`` is ``IN (?)``).
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

import greenlet
import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

SQLITE_ONLY = Path(__file__).with_name("sqlite_only.txt")
_TESTS = str(Path(__file__).parent) + "/"
_ROOT = str(Path(__file__).parent.parent) + "/"
_VENV = _ROOT + ".venv/"
# files whose subject is what only PostgreSQL does for real (two transactions at once, claims, locks) or
# random values (PostgreSQL refuses some that SQLite takes)
ALWAYS_ON_POSTGRESQL = re.compile(
    r"needs_postgres|\brac(e|es|ing)\b|\bclaim|\blocks?\b|concurren|two_instances|fuzz|hypothesis"
)
_PLACEHOLDERS = re.compile(r"\?(?:, \?)+")
_ROWS = re.compile(r"\(\?\)(?:, \(\?\))+")
LONGEST = 10.0  # seconds on SQLite: a longer test is run on PostgreSQL only if its file is made for it
_NOT_COUNTED = ("PRAGMA", "CREATE", "ALTER", "DROP")  # the schema is made alike in every run
_NUMBERS = re.compile(r"\b(sa_savepoint_|anon_|param_)\d+")


def normalized(sql: str) -> str:
    """A statement's text with its lists of parameters, and of rows, counted as one."""
    text = " ".join(sql.split())
    text = _ROWS.sub("(?)", _PLACEHOLDERS.sub("?", text))
    return _NUMBERS.sub(r"\1", text)


class Recorder:
    """The statements run during each test, with the test's duration."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.current: str | None = None
        self.statements: dict[str, set[str]] = defaultdict(set)
        self.seconds: dict[str, float] = defaultdict(float)

    def heard(self, conn, cursor, statement, parameters, context, executemany) -> None:
        if self.current is None or statement.lstrip().upper().startswith(_NOT_COUNTED):
            return
        if _asked_by_the_product(sys._getframe(1)):
            self.statements[self.current].add(normalized(statement))

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        self.current, started = item.nodeid, time.perf_counter()
        yield
        self.seconds[item.nodeid] += time.perf_counter() - started
        self.current = None

    def pytest_sessionfinish(self, session) -> None:
        tests = {
            node: {"seconds": round(self.seconds[node], 3), "statements": sorted(self.statements[node])}
            for node in self.seconds
        }
        self.path.write_text(json.dumps(tests, ensure_ascii=False, indent=0))


def _asked_by_the_product(frame) -> bool:
    """Whether the nearest of our files on the stack is the product's (a test's own reads and writes, its
    arrangements and checks, are not what PostgreSQL must run)."""
    runner = greenlet.getcurrent()
    while frame is not None:
        file = frame.f_code.co_filename
        if file.startswith(_ROOT) and not file.startswith(_VENV):
            return not file.startswith(_TESTS)
        frame = frame.f_back
        if frame is None and runner.parent is not None:  # SQLAlchemy's asyncio runs the ORM in a greenlet
            runner = runner.parent
            frame = runner.gr_frame
    return True


def pytest_addoption(parser) -> None:
    parser.addoption("--record-statements", metavar="FILE", help="write each test's SQL statements (JSON)")


def pytest_configure(config) -> None:
    path = config.getoption("--record-statements")
    if path:
        recorder = Recorder(Path(path))
        event.listen(Engine, "before_cursor_execute", recorder.heard)
        config.pluginmanager.register(recorder, "statements-recorder")


def covering(tests: dict[str, dict], sources: dict[str, str] | None = None) -> tuple[set[str], set[str]]:
    """The tests to run on PostgreSQL: those of the files made for it, then, greedily, the one running
    the most statements not run yet per second, until every statement runs, except those only a test
    longer than LONGEST runs (returned second: the list says which). ``sources``: the files' texts,
    read from the disk unless given."""
    sources = {} if sources is None else sources
    for file in {node.split("::")[0] for node in tests} - set(sources):
        sources[file] = (Path(_ROOT) / file).read_text(encoding="utf-8")
    chosen = {node for node in tests if ALWAYS_ON_POSTGRESQL.search(sources[node.split("::")[0]])}
    covered = set().union(*(tests[node]["statements"] for node in chosen)) if chosen else set()
    left = {node: set(t["statements"]) - covered for node, t in tests.items() if node not in chosen}
    while True:
        gain = {
            node: len(new) / (tests[node]["seconds"] + 0.05)
            for node, new in left.items()
            if new and tests[node]["seconds"] <= LONGEST
        }
        if not gain:
            return chosen, set().union(*left.values()) if left else set()
        best = max(sorted(gain), key=gain.get)
        chosen.add(best)
        covered |= left.pop(best)
        left = {node: new - covered for node, new in left.items()}


def main(*recorded: str) -> None:
    """Write ``tests/sqlite_only.txt``: the recorded tests that need not run on PostgreSQL."""
    tests = {
        node: test for file in recorded for node, test in json.loads(Path(file).read_text("utf-8")).items()
    }
    chosen, uncovered = covering(tests)
    others = sorted(set(tests) - chosen)
    header = "# Run on SQLite only: `python -m tests.statements` (see tests/statements.py).\n"
    header += f"# Statements only tests over {LONGEST:.0f} s run (those tests run on SQLite only):\n"
    header += "".join(f"#   {statement}\n" for statement in sorted(uncovered))
    SQLITE_ONLY.write_text(header + "".join(node + "\n" for node in others), encoding="utf-8")
    seconds = sum(tests[node]["seconds"] for node in chosen)
    total = sum(t["seconds"] for t in tests.values())
    print(f"{len(chosen)} of {len(tests)} tests on PostgreSQL ({seconds:.0f} of {total:.0f} s on SQLite)")


if __name__ == "__main__":
    main(*sys.argv[1:])
