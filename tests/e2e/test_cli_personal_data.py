"""qualicoop user erase: what /supprimer does, from the command line of the installed script."""

from __future__ import annotations

import asyncio

from sqlmodel import select

from models.coops import create_coop
from models.db import Database
from models.tables import AuditEntry, Member, MemberRole, Notification, User
from tests.e2e.test_cli import run_cli, workdir  # noqa: F401  (the fixture)


async def seed(url: str) -> None:
    """A coop whose only direction member is 4242, with one change of theirs in the audit trail."""
    database = Database(url)
    await database.upgrade()
    async with database.transaction() as session:
        coop = await create_coop(session, "Coop Ligne")
        session.add(User(id=4242, first_name="Octave"))
        await session.flush()
        session.add(Member(user_id=4242, coop_id=coop.id, role=MemberRole.DIRECTION))
        session.add(AuditEntry(actor_id=4242, coop_id=coop.id, entity="dossier", action="update"))
    await database.dispose()


async def remaining(url: str) -> tuple[list, list, list]:
    database = Database(url)
    async with database.transaction() as session:
        users = (await session.exec(select(User))).all()
        actors = (await session.exec(select(AuditEntry.actor_id))).all()
        told = (await session.exec(select(Notification.user_id, Notification.kind))).all()
    await database.dispose()
    return users, actors, told


def test_user_erase_from_the_command_line(workdir):  # noqa: F811
    url = f"sqlite:///{workdir / 'cli.sqlite3'}"
    asyncio.run(seed(url))
    invite = "qualicoop coop invite '#1' --role direction"
    # the coop's last direction member: warned first, nothing erased without --force
    refused = run_cli("user", "erase", "4242", cwd=workdir, env={"DATABASE_URL": url})
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.strip().splitlines() == [
        "qualicoop: 4242 is the last direction member of Coop Ligne (#1), which would have none left: "
        f"erase anyway with --force, then invite a new direction with: {invite}"
    ]
    assert [user.id for user in asyncio.run(remaining(url))[0]] == [4242]
    admins = {
        "DATABASE_URL": url,
        "QUALICOOP_ADMIN_IDS": "777",
    }  # the settings' admin is told, as by /supprimer
    result = run_cli("user", "erase", "4242", "--force", cwd=workdir, env=admins)
    assert result.returncode == 0, result.stderr
    assert "4242 erased: 2 row(s) deleted, 1 anonymised" in result.stdout
    assert f"Coop Ligne (#1) has no direction member left; invite one with: {invite}" in result.stdout
    users, actors, told = asyncio.run(remaining(url))
    assert users == [] and 4242 not in actors and all(a is None or a < 0 for a in actors)
    assert told == [(777, "coop_without_direction")]
    again = run_cli("user", "erase", "4242", cwd=workdir, env={"DATABASE_URL": url})
    assert again.returncode == 2 and "nothing is stored about 4242" in again.stderr
