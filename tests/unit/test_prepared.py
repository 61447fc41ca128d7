"""Prepared statements (models.sql.prepared) behave as the ORM and SQLAlchemy's execution would.

They skip SQLAlchemy's machinery on the in-loop SQLite; these tests hold them to what it gives: the
same values (dates, enums, booleans, nulls), the session's objects, autoflush, the transaction's
commit and rollback, SQLAlchemy's exception types and its statement listeners. On PostgreSQL (the
second run of the suite) the same tests check the Core path.
"""

from __future__ import annotations

import asyncio
import gc
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import bindparam, event
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from models.audit import record_change
from models.chat_state import Position, Where, store_position
from models.coops import create_coop
from models.db import Database
from models.dossier.current import current_dossier
from models.sql.prepared import Prepared, by_key, rows
from models.sql.writes import insert_or_ignore, insert_row, update_row
from models.tables import AuditEntry, ChatState, Coop, Dossier, DossierStatus, Member, MemberRole, User
from models.users import load_visit

NOW = datetime(2026, 12, 2, 9, 30, 15, 123456, tzinfo=UTC)


async def _seed(db: Database) -> tuple[int, int]:
    """A user member of a coop with a position; a user with nothing. Their ids."""
    async with db.transaction() as session:
        coop = await create_coop(session, "Coop du Rhône", "Auvergne-Rhône-Alpes", now=NOW)
        session.add(
            User(
                id=501,
                first_name="Camille",
                username="camille",
                language="fr",
                created_at=NOW,
                last_seen_at=NOW,
            )
        )
        session.add(User(id=502, first_name="Alex", is_active=False, created_at=NOW, last_seen_at=NOW))
        await session.flush()
        session.add(Member(user_id=501, coop_id=coop.id, role=MemberRole.DIRECTION, joined_at=NOW))
        await store_position(session, 501, Where(), Position("axis", {"a": 2}), now=NOW, message_id=77)
    return 501, 502


def _columns(row) -> dict:
    """An entity's column values, dates made aware (SQLite gives back naive UTC)."""
    values = {column.key: getattr(row, column.key) for column in type(row).__table__.columns}
    return {
        k: v.replace(tzinfo=UTC) if isinstance(v, datetime) and v.tzinfo is None else v
        for k, v in values.items()
    }


async def test_the_visit_reads_what_the_orm_reads(db):
    member_id, stranger_id = await _seed(db)
    async with db.transaction() as session:
        visit = await load_visit(session, member_id)
        bare = await load_visit(session, stranger_id)
    async with db.transaction() as session:  # the ORM's own reading, in a session of its own
        user, state = await session.get(User, member_id), await session.get(ChatState, member_id)
        member = (await session.exec(select(Member).where(Member.user_id == member_id))).one()
        coop = await session.get(Coop, member.coop_id)
    assert _columns(visit.user) == _columns(user) and visit.where == Where.of(state)
    assert _columns(visit.member) == _columns(member) and _columns(visit.coop) == _columns(coop)
    assert visit.member.role == MemberRole.DIRECTION and isinstance(visit.member.role, MemberRole)
    assert visit.where.position == Position("axis", {"a": 2}) and visit.where.screen_message_id == 77
    assert visit.user.last_seen_at == NOW and visit.user.is_active is True
    assert (bare.member, bare.coop, bare.where.stored) == (None, None, False)
    assert bare.user.is_active is False and bare.user.username is None and visit.user.username == "camille"


async def test_a_row_read_by_key_is_the_sessions_object_and_its_changes_are_flushed(db):
    await _seed(db)
    async with db.transaction() as session:
        dossier = await current_dossier(session, 1)
        assert await by_key(session, Dossier, dossier.id) is dossier  # no second object for one row
        assert await session.get(Dossier, dossier.id) is dossier
        dossier.approach = "Une démarche partagée"  # changed as any ORM object is
    async with db.transaction() as session:
        again = await by_key(session, Dossier, dossier.id)
        assert again.approach == "Une démarche partagée"
        assert await by_key(session, Dossier, 999_999) is None


async def test_a_prepared_read_sees_what_the_session_has_not_flushed_yet(db):
    await _seed(db)
    async with db.transaction() as session:
        dossier = await current_dossier(session, 1)
        await update_row(session, dossier, status=DossierStatus.READY)
        session.add(AuditEntry(at=NOW, entity="dossier", entity_id=dossier.id, action="pending"))
        pending = Prepared(select(AuditEntry.action).where(AuditEntry.entity_id == bindparam("id")))
        assert ("pending",) in await rows(session, pending, {"id": dossier.id})  # autoflushed first
        assert dossier.status == DossierStatus.READY  # the object says what the row says


async def test_prepared_writes_commit_and_roll_back_with_their_transaction(db):
    await _seed(db)
    with pytest.raises(RuntimeError):
        async with db.transaction() as session:
            dossier = await current_dossier(session, 1)
            await update_row(session, dossier, approach="perdu")
            await record_change(session, actor_id=501, coop_id=1, entity="dossier", entity_id=1, action="x")
            raise RuntimeError("the action failed after writing")
    async with db.transaction() as session:
        assert (await current_dossier(session, 1)).approach is None
        assert not (await session.exec(select(AuditEntry).where(AuditEntry.action == "x"))).all()
        dossier = await current_dossier(session, 1)
        await update_row(session, dossier, approach="gardé", updated_at=NOW + timedelta(hours=1))
    async with db.transaction() as session:  # only prepared writes: the transaction still commits
        kept = await current_dossier(session, 1)
        assert kept.approach == "gardé" and _columns(kept)["updated_at"] == NOW + timedelta(hours=1)


async def test_a_write_unless_changed_writes_only_what_was_seen_and_leaves_the_object_else(db):
    await _seed(db)
    async with db.transaction() as session:
        dossier = await current_dossier(session, 1)
        assert await update_row(session, dossier, unless_changed=("approach", "autre"), approach="non") == 0
        assert dossier.approach is None  # refused: the object still says what the row holds
        written = await update_row(
            session, dossier, unless_changed=("approach", None), holding=dossier, approach="oui"
        )
        assert written == 1 and dossier.approach == "oui"
    async with db.transaction() as session:
        assert (await current_dossier(session, 1)).approach == "oui"


async def test_a_refused_write_raises_sqlalchemys_exception_and_is_counted(db):
    await _seed(db)
    seen: list[str] = []

    def listener(_conn, _cursor, sql, *_rest) -> None:
        seen.append(sql)

    event.listen(db.engine.sync_engine, "before_cursor_execute", listener)
    try:
        with pytest.raises(IntegrityError):
            async with db.transaction() as session:
                dossier = await current_dossier(session, 1)
                await update_row(session, dossier, coop_id=424242)  # no such coop: a foreign key
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", listener)
    assert any(sql.startswith("SELECT dossier.id") for sql in seen)
    assert any(sql.startswith("UPDATE dossier SET coop_id") for sql in seen)


async def test_a_row_read_once_in_a_transaction_is_not_read_again(db):
    await _seed(db)
    seen: list[str] = []

    def listener(_conn, _cursor, sql, *_rest) -> None:
        seen.append(sql)

    async with db.transaction() as session:
        dossier_id = (await current_dossier(session, 1)).id  # no reference kept: the ORM would forget it
        gc.collect()
        event.listen(db.engine.sync_engine, "before_cursor_execute", listener)
        try:
            assert (await by_key(session, Dossier, dossier_id)).id == dossier_id
        finally:
            event.remove(db.engine.sync_engine, "before_cursor_execute", listener)
    assert seen == []  # the screen drawn after an action finds the rows the action read


async def test_a_read_waits_for_a_connection_when_the_pool_has_none_to_lend(db):
    if not db.in_loop:
        pytest.skip("the in-loop SQLite's own way to its connection")
    member_id, _ = await _seed(db)
    pool = db.engine.sync_engine.pool
    held = [await db.engine.connect() for _ in range(pool.size() + pool._max_overflow)]

    async def visit():
        async with db.transaction() as session:
            return await load_visit(session, member_id)

    waiting = asyncio.create_task(visit())
    await asyncio.sleep(0.05)
    assert not waiting.done()  # every connection is out: it waits for one, it does not fail
    await held.pop().close()
    assert (await waiting).user.id == member_id
    for connection in held:
        await connection.close()


async def test_a_new_engines_first_statement_may_be_a_prepared_one(db):
    """The bot's start may write its first row (a setting) without the ORM: the pool's first
    connection, whose first-connect events wait on SQLAlchemy's greenlet, is opened through it."""
    fresh = Database(db.url)  # a new engine on the migrated database: its pool has never connected
    try:
        async with fresh.transaction() as session:
            assert await insert_or_ignore(session, Coop, ("id",), id=9001, name="Coop neuve", created_at=NOW)
        async with fresh.transaction() as session:  # the second goes straight to the pool's connection
            assert not await insert_or_ignore(
                session, Coop, ("id",), id=9001, name="Coop neuve", created_at=NOW
            )
    finally:
        await fresh.dispose()


async def test_a_row_inserted_unless_there_gets_the_columns_defaults_as_the_orm_gives_them(db):
    async with db.transaction() as session:
        assert await insert_or_ignore(session, User, ("id",), id=601, created_at=NOW, last_seen_at=NOW)
        session.add(User(id=602, created_at=NOW, last_seen_at=NOW))
    async with db.transaction() as session:
        prepared, orm = [await session.get(User, user_id) for user_id in (601, 602)]
        assert {**_columns(prepared), "id": 0} == {**_columns(orm), "id": 0}
        assert (prepared.first_name, prepared.is_active, prepared.announcements) == ("", True, True)


async def test_a_row_inserted_with_its_key_returned_is_the_orms_row_and_the_sessions_object(db):
    seen: list[str] = []
    async with db.transaction() as session:
        created = await insert_row(session, Coop, name="Coop des Alpes", created_at=NOW)
        session.add(Coop(name="Coop du Jura", created_at=NOW))
        key = created.id
        del created
        gc.collect()  # the session keeps it till the transaction ends: the screen drawn next finds it

        def listener(_conn, _cursor, sql, *_rest) -> None:
            seen.append(sql)

        event.listen(db.engine.sync_engine, "before_cursor_execute", listener)
        try:
            assert (await by_key(session, Coop, key)).name == "Coop des Alpes"
        finally:
            event.remove(db.engine.sync_engine, "before_cursor_execute", listener)
    assert not [s for s in seen if s.startswith("SELECT")]
    async with db.transaction() as session:
        prepared, orm = (await session.exec(select(Coop).order_by(Coop.id))).all()
        assert {**_columns(prepared), "id": 0, "name": ""} == {**_columns(orm), "id": 0, "name": ""}
