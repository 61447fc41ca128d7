"""What ``schema_version`` records is checked against this release's steps before anything is changed.

Builds of unmerged branches numbered their steps otherwise (one stamped « the message of each user's
current screen » as step 8, which is 9 here): upgrading such a database ran 6 steps, then failed at
every start with NoSuchTableError. It is now refused in one line naming the first step that differs,
nothing changed. A step reworded on main later is the same step: databases stamped with the earlier
words still upgrade.
"""

from __future__ import annotations

from contextlib import asynccontextmanager

import pytest
from sqlalchemy import text

import models.migrations
from bot.maintenance import upgrade_if_behind
from models.coops import create_coop
from models.db import Database, DatabaseUnavailable
from models.migrations import INITIAL_SCHEMA, LATEST_VERSION, MIGRATIONS
from models.operations.transfer import copy_database
from models.tables import DossierStatus
from tests.databases import database_url
from tests.harness import BotHarness

OTHER_BUILD_STEP_8 = "the message of each user's current screen"

# Every description a database was ever stamped with on main (checked over the history of
# models/migrations.py and of models/db.py, where the steps were first). Never edit a line here: a step
# reworded in MIGRATIONS keeps its earlier words in models.migrations.FORMER_WORDINGS instead.
STAMPED_ON_MAIN = {
    1: "initial schema",
    2: "submitted dossier versions",
    3: "label lifecycle, checkpoints and reminders",
    4: "announcements, deliveries and answers",
    5: "delivery claims and the notification outbox",
    6: "typed parts waiting to be joined, and Mini App sessions",
    7: "consultations, requests to the federation, bilans d'étape, shared practices, former members",
    8: "several instances: claims by instance, heartbeats, the sending lease, files in the database",
    9: "the message of each user's current screen",
    10: "indexes for the reminder sweep: sent reminders by event, checkpoints by due date",
    11: "reminders handed over as pending rows, then claimed and sent like deliveries",
    12: "updates received through the webhook, so that a second delivery is ignored",
    13: "updates received through the webhook kept until handled, so that a killed instance loses none",
    14: "the 6- and 12-month checkpoints an early visit came before, closed as the visit now closes them",
    15: "each instance's recent answers per second, kept back by the sending instance's pace",
    16: "who a consultation asked kept when its public link is withdrawn, 30 days after closing",
    17: "the instance judging a paste's parts, so that the parts of one that stopped are judged at once",
    18: "a consultation's invitation once per person, so that two instances' sweeps never send it twice",
    19: "people's first names without the direction marks that turned a director's lines round",
    20: "the dossier status READY in PostgreSQL databases the first release made, which lacked it",
    21: "indicators and actions numbered 1, 2… again, where a deletion then an addition left a number twice",
    22: "a VisioCoop meeting's length, kept from the slot typed for it (« de 14h à 16h »)",
}


async def stamped(tmp_path, name: str, steps: dict[int, str]) -> Database:
    """A database whose schema_version holds ``steps`` exactly (its tables today's)."""
    database = Database(database_url(tmp_path, name))
    async with database.engine.begin() as connection:
        await connection.execute(text("DELETE FROM schema_version"))
        await connection.execute(
            text("INSERT INTO schema_version (version, description) VALUES (:v, :d)"),
            [{"v": version, "d": description} for version, description in steps.items()],
        )
    return database


async def recorded(database: Database) -> dict[int, str]:
    async with database.engine.connect() as connection:
        return dict((await connection.execute(text("SELECT version, description FROM schema_version"))).all())


async def test_a_database_another_build_stamped_is_refused_before_anything_changes(tmp_path):
    steps = {**{v: STAMPED_ON_MAIN[v] for v in range(1, 8)}, 8: OTHER_BUILD_STEP_8}
    database = await stamped(tmp_path, "other", steps)
    try:
        for upgrade in (database.upgrade, lambda: upgrade_if_behind(database)):
            with pytest.raises(DatabaseUnavailable) as refused:
                await upgrade()
            said = str(refused.value)
            assert "\n" not in said
            assert f"step 8 is « {OTHER_BUILD_STEP_8} »" in said, said
            assert f"this release's is « {STAMPED_ON_MAIN[8]} »" in said, said
            assert "nothing was changed" in said
            assert await recorded(database) == steps
    finally:
        await database.dispose()


OURS = {m.version: m.description for m in (INITIAL_SCHEMA, *MIGRATIONS)}
AT_THE_LATEST = {**OURS, 9: "coops' websites"}  # another build's steps, up to this release's latest too


async def test_a_database_at_the_latest_version_with_another_build_s_steps_is_refused_at_the_start(tmp_path):
    database = await stamped(tmp_path, "latest", AT_THE_LATEST)
    try:  # qualicoop run's and the db commands' check, and Database.upgrade's (a bot's own start, db copy)
        for upgrade in (lambda: upgrade_if_behind(database), database.upgrade):
            with pytest.raises(DatabaseUnavailable, match="step 9 is « coops' websites »"):
                await upgrade()
            assert await recorded(database) == AT_THE_LATEST
    finally:
        await database.dispose()


async def test_a_bot_started_on_it_without_qualicoop_run_refuses_it(tmp_path):
    database = await stamped(tmp_path, "latest", AT_THE_LATEST)
    await database.dispose()
    bot = BotHarness(tmp_path, database_url=database.url)  # on_startup upgrades (upgrade=True)
    try:
        with pytest.raises(DatabaseUnavailable, match="step 9 is « coops' websites »"):
            await bot.start()
    finally:
        await bot.stop()
    async with readable(database.url) as again:
        assert await recorded(again) == AT_THE_LATEST
        assert await again.schema_steps() == AT_THE_LATEST


async def test_db_copy_refuses_it_as_its_source_before_the_target_is_touched(tmp_path):
    other = await stamped(tmp_path, "latest", AT_THE_LATEST)
    async with other.transaction() as session:
        await create_coop(session, "Coop d'une autre version")
    await other.dispose()
    target = database_url(tmp_path, "target", empty=True)
    with pytest.raises(DatabaseUnavailable, match="step 9 is « coops' websites »"):
        await copy_database(other.url, target)
    async with readable(other.url) as source, readable(target) as copy:
        assert await recorded(source) == AT_THE_LATEST
        assert await copy.schema_steps() == {}  # not even created


async def test_db_copy_refuses_it_as_its_target_and_copies_nothing_into_it(tmp_path):
    other = await stamped(tmp_path, "latest", AT_THE_LATEST)
    await other.dispose()
    ours = database_url(tmp_path, "ours")
    async with readable(ours) as database, database.transaction() as session:
        await create_coop(session, "Coop Copiée")
    with pytest.raises(DatabaseUnavailable, match="step 9 is « coops' websites »"):
        await copy_database(ours, other.url)
    async with readable(other.url) as target, target.engine.connect() as connection:
        assert await recorded(target) == AT_THE_LATEST
        assert (await connection.execute(text("SELECT COUNT(*) FROM coop"))).scalar() == 0


@asynccontextmanager
async def readable(url: str):
    """The database at ``url``, opened to read it and closed after."""
    database = Database(url)
    try:
        yield database
    finally:
        await database.dispose()


async def test_every_description_main_ever_stamped_still_upgrades(tmp_path):
    database = await stamped(tmp_path, "main", {v: d for v, d in STAMPED_ON_MAIN.items() if v <= 18})
    try:
        assert [m.version for m in await database.upgrade()] == list(range(19, LATEST_VERSION + 1))
    finally:
        await database.dispose()


async def test_a_step_reworded_on_main_is_the_same_step(tmp_path, monkeypatch):
    reworded = "Consultations, requests to the federation, bilans d’étape, shared practices,  former members."
    steps = {**{v: STAMPED_ON_MAIN[v] for v in range(1, 7)}, 7: reworded, 8: "several instances"}
    monkeypatch.setitem(models.migrations.FORMER_WORDINGS, 8, ("several instances",))
    database = await stamped(tmp_path, "reworded", steps)
    try:  # typography, case and spaces are no other step; an earlier wording listed is the same step
        assert [m.version for m in await database.upgrade()] == list(range(9, LATEST_VERSION + 1))
    finally:
        await database.dispose()


async def test_the_status_ready_is_added_where_the_first_release_s_database_lacks_it(tmp_path):
    """00b3105 made the enum with DRAFT and SUBMITTED; READY came to the model (3b03a82) without a
    migration, and migration 3 added the other values only: on PostgreSQL no dossier could be READY."""
    database = Database(database_url(tmp_path, "first"))
    try:
        async with database.engine.begin() as connection:
            await connection.execute(text("DELETE FROM schema_version WHERE version >= 20"))
            if connection.dialect.name == "postgresql":
                await _enum_without_ready(connection)
        assert [m.version for m in await database.upgrade()][:1] == [20]
        async with database.transaction() as session:
            await create_coop(session, "Coop Prête")  # with its draft dossier
        async with database.engine.begin() as connection:  # the status a dossier every rule holds for has
            await connection.execute(text("UPDATE dossier SET status = 'READY'"))
            status = (await connection.execute(text("SELECT status FROM dossier"))).scalar()
        assert status == DossierStatus.READY.name
    finally:
        await database.dispose()


async def _enum_without_ready(connection) -> None:
    """PostgreSQL's dossierstatus as 00b3105 then migration 3 left it: every value but READY."""
    columns = await connection.execute(
        text(
            "SELECT table_name, column_name FROM information_schema.columns WHERE udt_name = 'dossierstatus'"
        )
    )
    columns = columns.all()
    values = ", ".join(f"'{s.name}'" for s in DossierStatus if s is not DossierStatus.READY)
    await connection.execute(text("ALTER TYPE dossierstatus RENAME TO dossierstatus_old"))
    await connection.execute(text(f"CREATE TYPE dossierstatus AS ENUM ({values})"))
    for table, column in columns:
        await connection.execute(
            text(
                f'ALTER TABLE "{table}" ALTER COLUMN {column} TYPE dossierstatus USING {column}::text::dossierstatus'
            )
        )
    await connection.execute(text("DROP TYPE dossierstatus_old"))
