"""The command line's words: a command it prints works when pasted, a marker is in the language of the
notice naming it, one day is « 1 day »."""

from __future__ import annotations

import asyncio
import os
import shlex

from bot.cli import main
from models.coops import create_coop
from models.db import Database
from models.tables import Member, MemberRole, User
from tests.e2e.test_cli import workdir  # noqa: F401  (the fixture)


async def seed(url: str, names: list[str], directed: str) -> None:
    """Coops so named, in that order (#1, #2…); 4242 the only direction member of the one named ``directed``."""
    database = Database(url)
    async with database.transaction() as session:
        coops = {name: await create_coop(session, name) for name in names}
        session.add(User(id=4242, first_name="Octave"))
        await session.flush()
        session.add(Member(user_id=4242, coop_id=coops[directed].id, role=MemberRole.DIRECTION))
    await database.dispose()


def pasted(line: str) -> list[str]:
    """The arguments a shell gives ``qualicoop`` for a line pasted as printed (« # » starts a comment)."""
    program, *args = shlex.split(line, comments=True)
    assert program == "qualicoop"
    return args


def test_the_invitation_printed_after_an_erasure_works_when_pasted(workdir, capsys):  # noqa: F811
    # a coop named « 1 » while coop #1 exists: its name alone means #1 first, and is refused as ambiguous
    asyncio.run(seed(os.environ["DATABASE_URL"], ["Coop Alpha", "1", "-Tirets-"], directed="1"))
    assert main(["user", "erase", "4242"]) == 2
    refusal = capsys.readouterr().err
    assert refusal.strip().endswith(
        "invite a new direction with: qualicoop coop invite '#2' --role direction"
    )
    assert main(["user", "erase", "4242", "--force"]) == 0
    hint = capsys.readouterr().out.split("invite one with: ")[1].splitlines()[0]
    assert main(pasted(hint)) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "new invitation for 1 (#2)" in out and "  direction " in out


def test_a_coop_named_with_a_leading_dash_is_invited_by_its_number(workdir, capsys):  # noqa: F811
    asyncio.run(seed(os.environ["DATABASE_URL"], ["Coop Alpha", "-Tirets-"], directed="-Tirets-"))
    assert main(["user", "erase", "4242", "--force"]) == 0
    hint = capsys.readouterr().out.split("invite one with: ")[1].splitlines()[0]
    assert hint == "qualicoop coop invite '#2' --role direction"
    assert main(pasted(hint)) == 0
    assert "new invitation for -Tirets- (#2)" in capsys.readouterr().out


def test_provisional_titles_are_marked_with_the_word_their_notice_names(workdir, capsys):  # noqa: F811
    assert main(["referential", "show"]) == 0
    out = capsys.readouterr().out
    assert "Les intitulés marqués « provisoire »" in out
    assert out.count(" (provisoire)\n") == 11 and "provisional)" not in out
    assert main(["referential", "show", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Titles marked “provisional”" in out
    assert out.count(" (provisional)\n") == 11 and "provisoire" not in out


def test_one_day_is_one_day(workdir, capsys, monkeypatch):  # noqa: F811
    monkeypatch.setenv("QUALICOOP_INVITATION_DAYS", "1")
    assert main(["coop", "add", "Coop Jour"]) == 0
    assert "added. Invitation links (valid 1 day):\n" in capsys.readouterr().out
    assert main(["coop", "invite", "Coop Jour"]) == 0
    assert "new invitation for Coop Jour (#1), valid 1 day:\n" in capsys.readouterr().out
    assert main(["coop", "invite", "Coop Jour", "--days", "2"]) == 0
    assert "valid 2 days:\n" in capsys.readouterr().out
    monkeypatch.setenv("QUALICOOP_INVITATION_DAYS", "3")
    assert main(["coop", "add", "Coop Jours"]) == 0
    assert "(valid 3 days):\n" in capsys.readouterr().out
