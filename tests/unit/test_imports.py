"""What the bot loads when it starts: the heavy libraries wait for their first use (issue 12).

matplotlib alone costs about a second and 65 MB at import, reportlab and pypdf a few hundred
milliseconds; a bot that never draws a chart or prints a dossier must not pay for them. Each check
runs in a fresh interpreter: ``sys.modules`` of this one is full of whatever other tests imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.unit.test_architecture import PRODUCT, ROOT

# what draws and prints: loaded by the first chart or PDF, through these modules alone
DRAWING = ("matplotlib", "reportlab", "pypdf", "PIL", "numpy")
RENDERERS = (
    "conversations.render.pdf.",
    "conversations.render.commitments.bilan_pdf",
    "conversations.render.commitments.consultation_pdf",
    "conversations.render.commitments.pdf_pieces",
)
# what only the web server needs (Mini App, webhook, health check), and the calendar files
WEB = ("starlette", "uvicorn", "jinja2", "icalendar")
START = ("bot.cli", "bot.runner", "bot.application", "bot.jobs")
# babel's catalog tools (read_po, write_mo, Catalog): the catalogs compile through locales.po
CATALOG_TOOLS = ("babel.messages",)

LOADED = (
    "import importlib, json, pkgutil, sys\n"
    "names, skipped, heavy, warm, packages = json.loads(sys.argv[1])\n"
    "if names == ['*']:\n"
    "    names = [m.name for p in packages\n"
    "             for m in pkgutil.walk_packages(importlib.import_module(p).__path__, p + '.')\n"
    "             if not m.name.startswith(tuple(skipped)) and not m.name.endswith('__main__')]\n"
    "for name in names:\n"
    "    importlib.import_module(name)\n"
    "exec(warm)\n"
    "print(json.dumps(sorted(h for h in heavy if any(m == h or m.startswith(h + '.') for m in sys.modules))))\n"
)


def fresh(script: str, *args: str) -> object:
    """What ``script`` prints last (JSON), run in a fresh interpreter."""
    run = subprocess.run(
        [sys.executable, "-c", script, *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


def loaded(
    names: list[str], heavy: tuple[str, ...], skipped: tuple[str, ...] = (), warm: str = ""
) -> list[str]:
    """Which of ``heavy`` (packages) a fresh interpreter holds after importing ``names`` (``['*']``:
    every module) and running ``warm`` (what start-up does with them)."""
    return fresh(LOADED, json.dumps([names, skipped, heavy, warm, PRODUCT]))


def test_starting_the_bot_loads_no_drawing_nor_web_library() -> None:
    assert loaded(list(START), DRAWING + WEB) == []


def test_starting_the_bot_and_reading_both_catalogs_loads_no_catalog_tool() -> None:
    # translator() at start (the command menus) compiles each catalog: with babel's Catalog objects
    # it took 100 ms and left two megabytes of garbage behind
    warm = "import locales; [locales.translator(language) for language in ('fr', 'en')]"
    assert loaded(list(START), CATALOG_TOOLS, warm=warm) == []


def test_no_module_but_the_renderers_loads_matplotlib_reportlab_or_pypdf() -> None:
    # every journey, job and web module imported at once: a chart or a PDF is drawn inside a function
    assert loaded(["*"], DRAWING, skipped=RENDERERS) == []


def test_the_first_chart_loads_matplotlib_with_the_agg_backend() -> None:
    script = (
        "import sys, matplotlib\n"
        "from conversations.render.charts import ProgressRow, progress_chart\n"
        "row = ProgressRow('Logements', 10, 15, 20, '15', '20')\n"
        "png = progress_chart([row], 'Progression', {'start': 'départ', 'target': 'cible', 'progress': '%'})\n"
        "assert png.startswith(b'\\x89PNG'), png[:8]\n"
        "print(matplotlib.get_backend().lower())\n"
    )
    # a backend chosen by the environment (a desktop's, a notebook's) must not be the one used
    env = {**os.environ, "MPLBACKEND": "svg"}
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1] == "agg"


def test_a_bot_on_sqlite_loads_neither_postgresql_nor_aiosqlite() -> None:
    # SQLite runs in the loop (models.sql.sqlite_inline); PostgreSQL's dialect is 2 MB and 40 ms
    warm = (
        "import asyncio, tempfile\n"
        "from models.db import Database\n"
        "from models.chat_state import Position, Where, store_position\n"
        "from models.clock import utcnow\n"
        "async def start():\n"
        "    database = Database(f'sqlite:///{tempfile.mkdtemp()}/bot.sqlite3')\n"
        "    await database.upgrade()\n"
        "    async with database.transaction() as session:\n"
        "        await store_position(session, 1, Where.of(None), Position('home'), now=utcnow())\n"
        "    await database.dispose()\n"
        "asyncio.run(start())\n"
    )
    assert loaded(list(START), ("sqlalchemy.dialects.postgresql", "aiosqlite", "asyncpg"), warm=warm) == []


# a start's ORM work: rows built, written, loaded back and changed (sqlmodel builds table rows
# without pydantic's validator, SQLAlchemy loads them without __init__)
ORM_AT_WORK = (
    "import asyncio, json, sys, tempfile\n"
    "from sqlmodel import select\n"
    "import bot.application, bot.runner\n"
    "from models.db import Database\n"
    "from models import tables\n"
    "async def start():\n"
    "    database = Database(f'sqlite:///{tempfile.mkdtemp()}/bot.sqlite3')\n"
    "    await database.upgrade()\n"
    "    async with database.transaction() as session:\n"
    "        session.add(tables.User(id=7, first_name='Anne'))\n"
    "        session.add(tables.Coop(name='Les Toits'))\n"
    "    async with database.transaction() as session:\n"
    "        coop = (await session.exec(select(tables.Coop))).one()\n"
    "        coop.region = 'Bretagne'\n"
    "        session.add(tables.Member(user_id=7, coop_id=coop.id))\n"
    "    await database.dispose()\n"
    "asyncio.run(start())\n"
    "built = [n for n in tables.__all__ if hasattr(getattr(tables, n), '__table__')\n"
    "         and getattr(tables, n).__pydantic_complete__]\n"
    "print(json.dumps(built))\n"
)


def test_starting_the_bot_builds_no_table_validator() -> None:
    # pydantic's schema, validator and serializer of the 34 tables (0.7 MB, 6 % of their import's
    # instructions) wait for a model_dump: models/tables/base.py
    assert fresh(ORM_AT_WORK) == []


def test_a_table_dumped_is_the_same_after_its_deferred_build() -> None:
    script = (
        "import json\n"
        "from datetime import UTC, datetime\n"
        "from models.tables import Coop, MemberRole, Member\n"
        "at = datetime(2026, 12, 2, 8, 30, tzinfo=UTC)\n"
        "member = Member(user_id=7, coop_id=3, role=MemberRole.DIRECTION, joined_at=at)\n"
        "print(json.dumps([member.model_dump(mode='json'), Coop(name='Les Toits', created_at=at).model_dump()],\n"
        "                 default=str))\n"
    )
    assert fresh(script) == [
        {"id": None, "user_id": 7, "coop_id": 3, "role": "direction", "invitation_id": None,
         "joined_at": "2026-12-02T08:30:00Z"},
        {"id": None, "name": "Les Toits", "region": None, "created_at": "2026-12-02 08:30:00+00:00"},
    ]  # fmt: skip


# httpcore asks which event loop runs at every request (``current_async_library``) by importing
# sniffio; uninstalled, that import searched sys.path each time: ~0.7 ms of CPU per update
SEARCHES_AT_A_REQUEST = (
    "import asyncio, json, sys\n"
    "from httpcore._synchronization import current_async_library\n"
    "async def requests():\n"
    "    return [current_async_library() for _ in range(3)]\n"
    "asyncio.run(requests())  # the first request may import what it needs\n"
    "searched = []\n"
    "class Watch:\n"
    "    def find_spec(self, name, path=None, target=None):\n"
    "        searched.append(name)\n"
    "sys.meta_path.insert(0, Watch())\n"
    "print(json.dumps([asyncio.run(requests()), searched]))\n"
)


def test_a_bot_api_request_searches_no_module() -> None:
    libraries, searched = fresh(SEARCHES_AT_A_REQUEST)
    assert libraries == ["asyncio"] * 3 and searched == []
