"""Domain functions on a real SQLite database: coops, invitations, membership, migrations."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import text
from sqlalchemy.pool.base import ResetStyle
from sqlmodel import select

from models.clock import utcnow
from models.coops import (
    CoopError,
    JoinOutcome,
    create_coop,
    create_invitation,
    join_with_invitation,
    list_coops,
    revoke_invitation,
)
from models.db import Database, DatabaseUrlError, async_database_url
from models.dossier.current import current_dossier
from models.federation.coop_references import find_coop
from models.migrations import LATEST_VERSION
from models.tables import DossierStatus, FederationRoleName, Invitation, MemberRole, User
from models.users import federation_roles, grant_federation_role, touch_user
from tests.databases import database_url


async def test_upgrade_creates_then_is_idempotent_and_keeps_data(db):
    assert await db.schema_version() == LATEST_VERSION
    async with db.transaction() as session:
        await create_coop(session, "Coop Garde")
    assert await db.upgrade() == []
    async with db.transaction() as session:
        assert (await find_coop(session, "coop garde")).name == "Coop Garde"


async def test_starting_on_an_up_to_date_database_reads_its_version_once(db):
    """One locked transaction, not one per migration ever written: a start on PostgreSQL was some
    ninety round trips to find nothing to do."""
    from tests.unit.test_query_counts import counting

    with counting(db.engine) as counted:
        assert await db.upgrade() == []
    versions_read = [s for s in counted.statements if "MAX(version)" in s]
    assert len(versions_read) == 1, counted.said()
    assert len(counted.statements) <= 6, counted.said()


async def test_a_later_migration_runs_once_on_an_existing_database(tmp_path, monkeypatch):
    import models.db as dbmodule  # upgrade() reads the MIGRATIONS it imported
    from models.migrations import Migration

    database = Database(database_url(tmp_path, "m"))
    await database.upgrade()
    async with database.transaction() as session:
        await create_coop(session, "Coop Ancienne")

    async def add_column(connection):
        await connection.execute(text("ALTER TABLE coop ADD COLUMN website VARCHAR(200)"))

    later = (*dbmodule.MIGRATIONS, Migration(LATEST_VERSION + 1, "coop website", add_column))
    monkeypatch.setattr(dbmodule, "MIGRATIONS", later)
    applied = await database.upgrade()
    assert [m.description for m in applied] == ["coop website"]
    assert await database.upgrade() == []
    async with database.engine.connect() as connection:
        rows = (await connection.execute(text("SELECT name, website FROM coop"))).all()
    assert rows == [("Coop Ancienne", None)]
    await database.dispose()


async def test_a_sqlite_file_lends_its_warmest_connection_and_rolls_nothing_back_twice(tmp_path):
    in_loop = Database(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    threaded = Database(f"sqlite+aiosqlite:///{tmp_path / 'b.sqlite3'}")
    try:
        assert (
            in_loop.engine.pool._pool.use_lifo
            and in_loop.engine.pool._reset_on_return is ResetStyle.reset_none
        )
        assert not threaded.engine.pool._pool.use_lifo
        assert threaded.engine.pool._reset_on_return is ResetStyle.reset_rollback
    finally:
        await in_loop.dispose()
        await threaded.dispose()


def test_database_urls():
    assert async_database_url("sqlite:///x.db") == "sqlite+inline:///x.db"  # in the loop, no thread
    assert async_database_url("sqlite+aiosqlite:///x.db") == "sqlite+aiosqlite:///x.db"  # asked by name
    assert async_database_url("postgresql://u:p@h/db") == "postgresql+asyncpg://u:p@h/db"
    with pytest.raises(DatabaseUrlError, match="unsupported database 'mysql'"):
        async_database_url("mysql://h/db")
    with pytest.raises(DatabaseUrlError, match="not a database URL"):
        async_database_url("nonsense")


async def test_create_coop_makes_a_draft_dossier_and_refuses_duplicates(db):
    async with db.transaction() as session:
        coop = await create_coop(session, "  Coop   Rhône ", "Auvergne-Rhône-Alpes")
        dossier = await current_dossier(session, coop.id)
    assert coop.name == "Coop Rhône" and dossier.status == DossierStatus.DRAFT and dossier.cycle == 1
    with pytest.raises(CoopError, match="already exists"):
        async with db.transaction() as session:
            await create_coop(session, "coop rhône")
    with pytest.raises(CoopError, match="1 to 200 characters"):
        async with db.transaction() as session:
            await create_coop(session, "   ")


async def test_invitation_lifecycle(db):
    now = utcnow()
    async with db.transaction() as session:
        coop = await create_coop(session, "Coop A")
        other = await create_coop(session, "Coop B")
        invitation = await create_invitation(session, coop, MemberRole.MEMBER, now=now)
        short = await create_invitation(session, other, valid_for=timedelta(days=1), now=now)
        for user_id in (1, 2, 3):
            await touch_user(session, user_id, first_name="x")
    assert len(invitation.token) >= 20 and set(invitation.token) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
    )
    async with db.transaction() as session:
        assert (
            await join_with_invitation(session, 1, invitation.token, now=now)
        ).outcome is JoinOutcome.JOINED
        assert (
            await join_with_invitation(session, 2, invitation.token, now=now)
        ).outcome is JoinOutcome.JOINED
        assert (
            await join_with_invitation(session, 1, short.token, now=now)
        ).outcome is JoinOutcome.OTHER_COOP
        later = now + timedelta(days=2)
        assert (await join_with_invitation(session, 3, short.token, now=later)).outcome is JoinOutcome.EXPIRED
        await revoke_invitation(session, invitation.token)
        assert (
            await join_with_invitation(session, 3, invitation.token, now=now)
        ).outcome is JoinOutcome.REVOKED
        assert (await join_with_invitation(session, 3, "nope", now=now)).outcome is JoinOutcome.UNKNOWN
        summaries = await list_coops(session)
        used = (await session.exec(select(Invitation).where(Invitation.token == invitation.token))).one()
    assert [(s.coop.name, s.members) for s in summaries] == [("Coop A", 2), ("Coop B", 0)]
    assert used.uses == 2 and used.revoked_at is not None
    with pytest.raises(CoopError, match="no invitation"):
        async with db.transaction() as session:
            await revoke_invitation(session, "missing")


async def test_federation_roles_and_big_telegram_ids(db):
    big = 7_123_456_789  # Telegram ids exceed 32 bits
    async with db.transaction() as session:
        assert await grant_federation_role(session, big, FederationRoleName.COMMITTEE)
        assert not await grant_federation_role(session, big, FederationRoleName.COMMITTEE)
        await touch_user(session, big, first_name="Big")
    async with db.transaction() as session:
        assert await federation_roles(session, big) == {FederationRoleName.COMMITTEE}
        assert (await session.get(User, big)).first_name == "Big"
        assert (await session.exec(select(User))).one().created_at.tzinfo is not None


def test_tokens_never_start_with_a_dash_and_are_long():
    from models.coops import new_token

    tokens = {new_token() for _ in range(2000)}
    assert len(tokens) == 2000
    assert all(len(t) == 22 and t.isalnum() for t in tokens)


# migration 6, in the order they can be dropped (answers before their consultation)
ISSUE_14_TABLES = (
    "consultationanswer",
    "consultationaccess",
    "consultation",
    "requestmessage",
    "requestthread",
    "progressreport",
    "practicesharing",
    "formermember",
)


async def test_an_existing_version_2_database_is_upgraded_keeping_its_data(tmp_path):
    """A database made before the lifecycle (schema 2) gets its new columns and tables."""
    database = Database(database_url(tmp_path, "v2"))
    await database.upgrade()
    async with database.transaction() as session:
        await create_coop(session, "Coop Ancienne")
    async with database.engine.begin() as connection:  # back to what schema 2 looked like
        await connection.execute(text("DROP TABLE checkpoint"))
        await connection.execute(text("DROP TABLE sentreminder"))
        await connection.execute(text("ALTER TABLE dossier DROP COLUMN admissible_on"))
        await connection.execute(text("ALTER TABLE dossier DROP COLUMN labelled_on"))
        await connection.execute(text("ALTER TABLE indicator DROP COLUMN baseline_value"))
        for table in ("rsvp", "delivery", "announcement", "textpart", "appsession", *ISSUE_14_TABLES):
            await connection.execute(text(f"DROP TABLE {table}"))
        await connection.execute(text('ALTER TABLE "user" DROP COLUMN announcements'))
        for table in ("instance", "lease", "storedfile"):
            await connection.execute(text(f"DROP TABLE {table}"))
        await connection.execute(text("ALTER TABLE notification DROP COLUMN claimed_by"))
        await connection.execute(text("ALTER TABLE chatstate DROP COLUMN screen_message_id"))
        await connection.execute(text("DELETE FROM schema_version WHERE version > 2"))
    applied = await database.upgrade()
    assert [m.version for m in applied] == list(range(3, LATEST_VERSION + 1))
    async with database.transaction() as session:
        dossier = await current_dossier(session, (await find_coop(session, "Coop Ancienne")).id)
        assert dossier.admissible_on is None and dossier.status == DossierStatus.DRAFT
    async with database.engine.connect() as connection:
        tables = await connection.run_sync(lambda sync: sa_inspect(sync).get_table_names())
    assert {
        "checkpoint",
        "sentreminder",
        "announcement",
        "delivery",
        "rsvp",
        "textpart",
        "appsession",
        *ISSUE_14_TABLES,
        "instance",
        "storedfile",
    } <= set(tables)
    async with database.engine.connect() as connection:
        notification = await connection.run_sync(lambda sync: sa_inspect(sync).get_columns("notification"))
        chatstate = await connection.run_sync(lambda sync: sa_inspect(sync).get_columns("chatstate"))
    assert {"claimed_by", "claimed_at"} <= {column["name"] for column in notification}
    assert "screen_message_id" in {column["name"] for column in chatstate}
    await database.dispose()


MIGRATION_11_COLUMNS = ("status", "kind", "catch_up", "coop_id", "waiting", "claimed_by", "claimed_at")


async def test_a_version_10_database_keeps_its_reminders_as_sent(tmp_path):
    """Migration 11: the reminders recorded before it were sent; the sweep's new ones start pending."""
    from models.tables import DeliveryStatus, SentReminder

    database = Database(database_url(tmp_path, "v10"))
    await database.upgrade()
    async with database.engine.begin() as connection:  # back to what schema 10 looked like
        await connection.execute(text("DROP INDEX ix_sentreminder_status"))
        for column in MIGRATION_11_COLUMNS:
            await connection.execute(text(f"ALTER TABLE sentreminder DROP COLUMN {column}"))
        await connection.execute(text("DELETE FROM schema_version WHERE version > 10"))
        await connection.execute(
            text(
                "INSERT INTO sentreminder (user_id, event_key, lead_days, due_on, sent_at) "
                "VALUES (7, 'checkpoint:1', 30, '2027-03-31', '2027-03-01 08:00:00')"
            )
        )
    applied = await database.upgrade()
    assert [m.version for m in applied] == list(range(11, LATEST_VERSION + 1))
    async with database.transaction() as session:
        old = (await session.exec(select(SentReminder))).one()
        assert old.status == DeliveryStatus.SENT and old.claimed_by is None and not old.catch_up
        session.add(SentReminder(user_id=7, event_key="checkpoint:1", lead_days=7, due_on=old.due_on,
                                 status=DeliveryStatus.PENDING, kind="six_months", waiting=0))  # fmt: skip
    async with database.transaction() as session:
        pending = (await session.exec(select(SentReminder).where(SentReminder.lead_days == 7))).one()
        assert pending.status == DeliveryStatus.PENDING and pending.kind == "six_months"
    async with database.engine.connect() as connection:
        indexes = await connection.run_sync(lambda sync: sa_inspect(sync).get_indexes("sentreminder"))
    assert "ix_sentreminder_status" in {index["name"] for index in indexes}
    await database.dispose()


async def test_a_too_long_region_is_refused(db):
    with pytest.raises(CoopError, match="at most 100 characters"):
        async with db.transaction() as session:
            await create_coop(session, "Coop Longue", "r" * 101)


@pytest.mark.parametrize("driver", ["sqlite", "sqlite+aiosqlite"])
async def test_either_sqlite_driver_keeps_the_same_data(tmp_path, driver):
    """The default runs SQLite in the loop; aiosqlite, asked by name, reads and writes the same file."""
    database = Database(f"{driver}:///{tmp_path / 'coops.sqlite3'}")
    await database.upgrade()
    async with database.transaction() as session:
        await create_coop(session, "Coop du Lac", "Savoie")
    async with database.transaction() as session:
        assert [c.coop.name for c in await list_coops(session)] == ["Coop du Lac"]
    await database.dispose()


async def test_the_default_sqlite_driver_runs_every_statement_without_a_thread(tmp_path):
    """No thread per connection (aiosqlite's): a statement costs no hop to another thread and back."""
    database = Database(f"sqlite:///{tmp_path / 'coops.sqlite3'}")
    before = set(threading.enumerate())  # a thread an earlier test left may end meanwhile: not counted
    await database.upgrade()
    async with database.transaction() as session:
        await create_coop(session, "Coop du Lac", "Savoie")
    assert set(threading.enumerate()) - before == set()
    await database.dispose()


async def test_a_version_13_database_closes_the_checkpoints_an_early_visit_came_before(tmp_path):
    """Migration 14: visited before the visit closed them, the 6- and 12-month checkpoints were still
    due (reminded, listed); closed now as the visit closes them; a dossier not visited keeps its own."""
    from datetime import date

    from models.tables import AuditEntry, Checkpoint, Coop, DeliveryStatus, Dossier, SentReminder

    database = Database(database_url(tmp_path, "v13"))
    await database.upgrade()
    async with database.transaction() as session:
        for name in ("Coop Visitée", "Coop Suivie"):
            session.add(Coop(name=name, created_at=utcnow()))
        await session.flush()
        visited, followed = [
            Dossier(coop_id=i, cycle=1, created_at=utcnow(), updated_at=utcnow()) for i in (1, 2)
        ]
        session.add_all([visited, followed])
        await session.flush()
        rows = [
            Checkpoint(dossier_id=visited.id, kind="six_months", due_on=date(2027, 2, 28), held_on=date(2027, 3, 1)),
            Checkpoint(dossier_id=visited.id, kind="twelve_months", due_on=date(2027, 8, 31)),
            Checkpoint(dossier_id=visited.id, kind="visit", due_on=date(2028, 2, 29), held_on=date(2027, 5, 20)),
            Checkpoint(dossier_id=followed.id, kind="twelve_months", due_on=date(2027, 8, 31)),
        ]  # fmt: skip
        session.add_all(rows)
        await session.flush()
        for checkpoint in (rows[1], rows[3]):
            session.add(SentReminder(user_id=7, event_key=f"checkpoint:{checkpoint.id}", lead_days=30,
                                     due_on=checkpoint.due_on, status=DeliveryStatus.PENDING,
                                     kind="twelve_months", waiting=0))  # fmt: skip
    async with database.engine.begin() as connection:
        await connection.execute(text("DELETE FROM schema_version WHERE version > 13"))
    assert [m.version for m in await database.upgrade()] == list(range(14, LATEST_VERSION + 1))
    async with database.transaction() as session:
        left = {(c.dossier_id, c.kind) for c in (await session.exec(select(Checkpoint))).all()}
        reminders = [r.event_key for r in (await session.exec(select(SentReminder))).all()]
        audit = (
            await session.exec(select(AuditEntry).where(AuditEntry.action == "superseded_by_visit"))
        ).all()
    assert left == {(1, "six_months"), (1, "visit"), (2, "twelve_months")}  # the held one stays held
    assert reminders == [f"checkpoint:{rows[3].id}"]
    assert [(a.entity_id, a.old_value) for a in audit] == [(rows[1].id, "twelve_months: 2027-08-31")]
    await database.dispose()
