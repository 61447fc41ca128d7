"""A consultation's invitation exists once per person, held so by the database: two instances sweeping
at once (the sending lease is checked before, not fenced in the database) write it once, and migration
18 keeps one of the copies written before, the one that reached the person."""

from __future__ import annotations

import asyncio
import json

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

import models.consultations.reach as reach
from models.consultations.store import new_consultation, open_consultation
from models.coops import create_coop
from models.db import Database
from models.dossier.current import current_dossier
from models.migrations import LATEST_VERSION
from models.tables import DeliveryStatus, Member, MemberRole, Notification, User
from tests.conftest import NOW
from tests.databases import database_url, needs_postgres

DIRECTOR, ANN, NEWCOMER = 7101, 7102, 7103


async def running_consultation(database: Database) -> int:
    """A coop whose director opened a consultation for its members, Ann invited; a newcomer joined since."""
    async with database.transaction() as session:
        coop = await create_coop(session, "Coop Twice", now=NOW)
        dossier = await current_dossier(session, coop.id)
        for user_id, role in ((DIRECTOR, MemberRole.DIRECTION), (ANN, MemberRole.MEMBER)):
            session.add(User(id=user_id, first_name=str(user_id), created_at=NOW, last_seen_at=NOW))
            await session.flush()
            session.add(Member(user_id=user_id, coop_id=coop.id, role=role, joined_at=NOW))
        consultation = await new_consultation(session, coop.id, dossier.id, DIRECTOR, NOW)
        await open_consultation(session, consultation, DIRECTOR, NOW)
        assert await reach.invite(session, consultation, {ANN}, NOW) == [ANN]
        session.add(User(id=NEWCOMER, first_name="New", created_at=NOW, last_seen_at=NOW))
        await session.flush()
        session.add(Member(user_id=NEWCOMER, coop_id=coop.id, role=MemberRole.MEMBER, joined_at=NOW))
        return consultation.id


async def invitations_of(database: Database, user_id: int) -> int:
    """How many invitation rows the person has."""
    async with database.transaction() as session:
        query = select(func.count()).where(
            Notification.user_id == user_id, Notification.kind == reach.INVITATION
        )
        return (await session.exec(query)).one()[0]


async def test_two_instances_sweeping_at_once_invite_a_newcomer_once(db, monkeypatch):
    """This instance's sweep reads that the newcomer was not asked; before it writes, another instance's
    sweep (which read the same) writes the invitation and commits: the newcomer has one, not two."""
    await running_consultation(db)
    invite, counted = reach.invite, []

    async def other_instance_first(session, consultation, people, now):
        """The other instance's whole sweep runs between this one's reading and its writing."""
        monkeypatch.setattr(reach, "invite", invite)
        async with db.transaction() as other:
            counted.append(await reach.invite_newcomers(other, now))
        return await invite(session, consultation, people, now)

    monkeypatch.setattr(reach, "invite", other_instance_first)
    async with db.transaction() as session:
        counted.append(await reach.invite_newcomers(session, NOW))
    assert await invitations_of(db, NEWCOMER) == 1
    assert counted == [1, 0]  # the other instance invited them; this one found them invited, counts none
    assert await invitations_of(db, ANN) == 1


@needs_postgres
async def test_two_writers_at_the_same_moment_write_one_row(db):
    """Two transactions insert the same invitation at once: the second waits for the first's commit,
    then writes nothing (PostgreSQL: really concurrent connections)."""
    consultation_id = await running_consultation(db)
    first_wrote, release = asyncio.Event(), asyncio.Event()

    async def first() -> list[int]:
        async with db.transaction() as session:
            consultation = await session.get(reach.Consultation, consultation_id)
            written = await reach.invite(session, consultation, {NEWCOMER}, NOW)
            first_wrote.set()
            await release.wait()  # holds its uncommitted row while the second writes
            return written

    async def second() -> list[int]:
        await first_wrote.wait()
        async with db.transaction() as session:
            consultation = await session.get(reach.Consultation, consultation_id)
            writing = asyncio.ensure_future(reach.invite(session, consultation, {NEWCOMER}, NOW))
            await asyncio.sleep(0.3)
            waited = not writing.done()  # for the first's transaction
            release.set()
            return [waited, *await writing]

    assert await asyncio.gather(first(), second()) == [[NEWCOMER], [True]]
    assert await invitations_of(db, NEWCOMER) == 1


async def test_a_version_17_database_with_invitations_written_twice_keeps_one_each(tmp_path):
    """Copies written before the index: the one that reached the person stays (a pending copy never
    outlives a sent one: it would be sent again), else the oldest; other kinds of news are untouched."""
    database = Database(database_url(tmp_path, "v17"))
    await database.upgrade()
    notification = SQLModel.metadata.tables["notification"]
    pending, sent, failed, blocked, uncertain = (
        DeliveryStatus.PENDING, DeliveryStatus.SENT, DeliveryStatus.FAILED, DeliveryStatus.BLOCKED,
        DeliveryStatus.UNCERTAIN,
    )  # fmt: skip
    first, second = json.dumps({"consultation_id": 1}), json.dumps({"consultation_id": 2})
    rows = [  # (id, person, kind, payload, status), in the order they were written
        (1, 11, reach.INVITATION, first, pending), (2, 11, reach.INVITATION, first, pending),
        (3, 12, reach.INVITATION, first, pending), (4, 12, reach.INVITATION, first, sent),
        (5, 13, reach.INVITATION, first, failed), (6, 13, reach.INVITATION, first, uncertain),
        (7, 13, reach.INVITATION, first, pending), (8, 14, reach.INVITATION, first, pending),
        (9, 14, reach.INVITATION, first, blocked), (10, 11, reach.INVITATION, second, pending),
        (11, 15, "dossier_submitted", first, pending), (12, 15, "dossier_submitted", first, pending),
    ]  # fmt: skip
    async with database.engine.begin() as connection:  # back to what schema 17 looked like
        await connection.execute(text("DROP INDEX ux_notification_invitation"))
        await connection.execute(text("DELETE FROM schema_version WHERE version > 17"))
        await connection.execute(
            notification.insert(),
            [
                {
                    "id": i,
                    "user_id": u,
                    "kind": k,
                    "payload": p,
                    "status": s,
                    "attempts": 0,
                    "created_at": NOW,
                }
                for i, u, k, p, s in rows
            ],
        )
    applied = await database.upgrade()
    assert [m.version for m in applied] == list(range(18, LATEST_VERSION + 1))
    async with database.engine.connect() as connection:
        kept = (await connection.execute(select(notification.c.id).order_by(notification.c.id))).scalars()
        assert list(kept) == [1, 4, 6, 9, 10, 11, 12]
    with pytest.raises(IntegrityError):  # the index is there: a copy can no longer be written
        async with database.engine.begin() as connection:
            await connection.execute(
                notification.insert().values(
                    id=100,
                    user_id=11,
                    kind=reach.INVITATION,
                    payload=first,
                    status=pending,
                    attempts=0,
                    created_at=NOW,
                )
            )
    await database.dispose()


async def test_a_new_database_has_the_index(db):
    """A database created from the tables (not migrated) holds the invitations unique too."""
    payload = json.dumps({"consultation_id": await running_consultation(db)})
    with pytest.raises(IntegrityError):
        async with db.transaction() as session:
            session.add(Notification(user_id=ANN, kind=reach.INVITATION, payload=payload, created_at=NOW))
            await session.flush()
