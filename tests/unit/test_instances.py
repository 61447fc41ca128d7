"""What several instances share, on SQLite and (in the second run) PostgreSQL: the schema made under
a lock, first contacts that never collide, the sending lease, files every instance reads, and a
database that does not answer said in one line."""

from __future__ import annotations

import asyncio
import hashlib
import sys
from datetime import timedelta

import pytest
from sqlmodel import func, select

from models.clock import utcnow
from models.coops import JoinOutcome, create_coop, create_invitation, join_with_invitation
from models.db import Database, DatabaseUnavailable
from models.dossier.files import FileRefused, FileStore, import_folder
from models.migrations import LATEST_VERSION
from models.operations.instances import SENDING, InstanceId, acquire_lease, lease_holder, leave, register
from models.tables import Member, MemberRole, User
from models.users import touch_user
from tests.databases import POSTGRES_URL, database_url


async def test_instances_starting_at_once_on_an_empty_database_all_come_up(tmp_path):
    url = database_url(tmp_path, "empty", empty=True)
    databases = [Database(url) for _ in range(4)]
    try:
        results = await asyncio.gather(*(database.upgrade() for database in databases))
        assert sorted(len(applied) for applied in results) == [0, 0, 0, 1]  # one created, three found it done
        assert await databases[0].schema_version() == LATEST_VERSION
    finally:
        for database in databases:
            await database.dispose()


async def test_two_first_contacts_of_one_person_at_once_make_one_user_and_one_member(tmp_path):
    url = database_url(tmp_path)
    one, other = Database(url), Database(url)
    await one.upgrade()  # a copy of the migrated template already: finds nothing to do
    try:
        async with one.transaction() as session:
            coop = await create_coop(session, "Coop Double")
            token = (await create_invitation(session, coop, MemberRole.MEMBER)).token

        async def first_contact(database: Database):
            async with database.transaction() as session:
                await touch_user(session, 555, first_name="Dom", telegram_language="fr")
                return (await join_with_invitation(session, 555, token)).outcome

        outcomes = await asyncio.gather(first_contact(one), first_contact(other))
        assert sorted(outcomes) == sorted([JoinOutcome.JOINED, JoinOutcome.ALREADY_MEMBER])
        async with one.transaction() as session:
            assert (await session.exec(select(func.count()).select_from(User))).one() == 1
            assert (await session.exec(select(func.count()).select_from(Member))).one() == 1
    finally:
        await one.dispose()
        await other.dispose()


async def test_the_sending_lease_has_one_holder_until_it_expires_or_is_handed_over(tmp_path):
    database = Database(database_url(tmp_path))
    first, second, now = InstanceId(), InstanceId(), utcnow()
    lease = timedelta(seconds=20)
    await database.upgrade()
    try:
        async with database.transaction() as session:
            await register(session, first, now)
            assert await acquire_lease(session, SENDING, first, now, lease)
            assert not await acquire_lease(session, SENDING, second, now, lease)
            assert await acquire_lease(session, SENDING, first, now + timedelta(seconds=5), lease)  # renewed
            assert not await acquire_lease(session, SENDING, second, now + timedelta(seconds=20), lease)
            later = now + timedelta(seconds=26)  # the first stopped renewing (killed): it expires
            assert await acquire_lease(session, SENDING, second, later, lease)
            assert await lease_holder(session, SENDING, later) == second.id
            assert not await acquire_lease(session, SENDING, first, later, lease)
            await leave(session, second, later)  # a clean stop hands it over at once
            assert await lease_holder(session, SENDING, later) is None
            assert await acquire_lease(session, SENDING, first, later, lease)
    finally:
        await database.dispose()


async def test_a_file_saved_by_one_instance_is_read_by_another(tmp_path):
    url = database_url(tmp_path)
    one, other = Database(url), Database(url)
    await one.upgrade()
    try:
        content = b"%PDF-1.4\n% lettre\n%%EOF\n"
        digest = await FileStore(one).save(content)
        assert await FileStore(one).save(content) == digest  # kept once
        assert await FileStore(other).read(digest) == content
        with pytest.raises(FileNotFoundError):
            await FileStore(other).read("0" * 64)
        with pytest.raises(FileRefused):
            await FileStore(one).save(b"x" * (20 * 1024 * 1024 + 1))
    finally:
        await one.dispose()
        await other.dispose()


async def test_files_an_older_version_kept_on_disk_are_imported_once(tmp_path):
    database = Database(database_url(tmp_path))
    folder = tmp_path / "files"
    good, damaged = b"%PDF-1.4 ancien", b"%PDF-1.4 abime"
    for content, name in ((good, None), (damaged, hashlib.sha256(b"autre").hexdigest())):
        name = name or hashlib.sha256(content).hexdigest()
        (folder / name[:2]).mkdir(parents=True, exist_ok=True)
        (folder / name[:2] / name).write_bytes(content)
    await database.upgrade()
    try:
        store = FileStore(database)
        assert await import_folder(store, folder) == 1  # the damaged one is left out
        assert await import_folder(store, folder) == 0
        assert await store.read(hashlib.sha256(good).hexdigest()) == good
        assert await import_folder(store, tmp_path / "nowhere") == 0
    finally:
        await database.dispose()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://qualicoop:secret-word@127.0.0.1:1/qualicoop", "cannot reach the database"),
        ("postgresql://qualicoop:secret-word@no-such-host.invalid/qualicoop", "cannot reach the database"),
    ],
)
async def test_a_database_that_does_not_answer_is_one_line_without_the_password(url, expected):
    database = Database(url)
    with pytest.raises(DatabaseUnavailable) as refusal:
        await database.upgrade()
    await database.dispose()
    assert str(refusal.value).startswith(expected) and "\n" not in str(refusal.value)
    assert "secret-word" not in str(refusal.value) and "***" in str(refusal.value)


@pytest.mark.skipif(POSTGRES_URL is None, reason="needs PostgreSQL: set QUALICOOP_TEST_DATABASE_URL")
@pytest.mark.parametrize(
    ("change", "words"), [({"password": "wrong"}, "password"), ({"database": "none"}, "none")]
)
async def test_a_wrong_password_or_database_is_one_line(change, words):
    from sqlalchemy.engine import make_url

    url = make_url(POSTGRES_URL).set(**change).render_as_string(hide_password=False)
    database = Database(url)
    try:
        await database.check_connection()
    except DatabaseUnavailable as refusal:
        assert words in str(refusal) and "\n" not in str(refusal)
    else:  # .ci/postgres.sh asks for passwords (scram); a developer's cluster may trust everyone
        pytest.skip("this PostgreSQL server accepts any password on 127.0.0.1 (trust)")
    finally:
        await database.dispose()


def test_a_missing_driver_says_which_extra_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "asyncpg", None)  # as if it were not installed
    with pytest.raises(DatabaseUnavailable, match=r"\.venv/bin/pip install -e '\.\[postgres\]'"):
        Database("postgresql://u:p@127.0.0.1/db")
