"""Coops found by their name as a person writes it, the same on SQLite and PostgreSQL (whose lower()
leaves « É » as it is, SQLite's always, PostgreSQL's under a C locale), and no same-name twin."""

from __future__ import annotations

import asyncio

import pytest

from bot.cli import main
from bot.maintenance import with_database
from bot.settings import load_settings
from models.coops import CoopError, create_coop
from models.federation.coop_references import find_coop
from models.parsing.names import name_key, names_matching
from models.tables import Coop
from tests.databases import database_url


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A working directory with its own migrated database and no inherited settings."""
    monkeypatch.chdir(tmp_path)
    for name in ("TELEGRAM_BOT_TOKEN", "DATABASE_URL", "QUALICOOP_ADMIN_IDS", "TELEGRAM_API_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", database_url(tmp_path, "names"))
    assert main(["db", "upgrade"]) == 0
    return tmp_path


def test_a_name_is_compared_as_a_person_reads_it():
    composed = "Île-de-France Habitat"
    for typed in ("île-de-france habitat", "ÎLE-DE-FRANCE  HABITAT", "I\u0302le-de-France\u00a0Habitat"):
        assert name_key(typed) == name_key(composed)
    assert name_key("Coop d’Armor") == name_key("coop d'armor") == name_key("Coop d´Armor")
    assert name_key("Île\u2011de\u2011France") == name_key("Île-de-France")  # a non-breaking hyphen
    assert name_key("Straße Coop") == name_key("STRASSE COOP")
    assert name_key("Élan Habitat") != name_key("Elan Habitat")  # the exact spelling wins…
    named = [(1, "Élan Habitat"), (2, "Cœur de Ville"), (3, "Elan")]
    assert names_matching("ELAN HABITAT", named) == [1]  # …else one without accents finds it
    assert names_matching("Coeur de ville", named) == [2]
    assert names_matching("élan", named) == [3]  # « Elan » itself, not an accent-free guess


async def test_the_exact_name_finds_the_coop_and_a_twin_is_refused(db):
    async with db.transaction() as session:
        coop = await create_coop(session, "Île-de-France Habitat")
        for typed in ("Île-de-France Habitat", "île-de-france habitat", "Ile-de-France Habitat", "#1", "1"):
            assert await find_coop(session, typed) == coop, typed
        for twin in ("île-de-france habitat", "ILE-DE-FRANCE HABITAT", "I\u0302le-de-France Habitat"):
            with pytest.raises(CoopError, match="already exists: #1 Île-de-France Habitat"):
                await create_coop(session, twin)
        await create_coop(session, "Coop d’Armor")
        with pytest.raises(CoopError, match="already exists: #2 Coop d’Armor"):
            await create_coop(session, "coop d'armor")
        typed_apart = await create_coop(session, "E\u0301lan Habitat")  # the accent typed after its letter
        assert typed_apart.name == "Élan Habitat"  # stored composed, as shown and printed


def test_cli_invites_the_coop_named_and_refuses_its_twin(workdir, capsys):
    assert main(["coop", "add", "Élan Habitat"]) == 0
    assert "coop #1 Élan Habitat added" in capsys.readouterr().out
    assert main(["coop", "invite", "Élan Habitat", "--role", "direction"]) == 0
    assert "new invitation for Élan Habitat (#1), valid 90 days" in capsys.readouterr().out
    assert main(["coop", "add", "élan habitat"]) == 2
    assert capsys.readouterr().err == "qualicoop: a coop with this name already exists: #1 Élan Habitat\n"
    assert main(["coop", "list"]) == 0
    assert "élan habitat" not in capsys.readouterr().out


def test_cli_refuses_a_name_two_coops_share_with_both_choices(workdir, capsys):
    """Twins added before names were compared this way: neither is picked behind the federation's back."""
    assert main(["coop", "add", "Élan Habitat"]) == 0

    async def add_twin(database):
        async with database.transaction() as session:
            session.add(Coop(name="élan habitat"))

    asyncio.run(with_database(load_settings(), add_twin))
    capsys.readouterr()
    assert main(["coop", "invite", "Élan Habitat", "--role", "direction"]) == 2
    assert capsys.readouterr().err == (
        "qualicoop: 'Élan Habitat' may be #1 'Élan Habitat' or #2 'élan habitat': give its number with #, "
        "as 'qualicoop coop list' shows\n"
    )
    assert main(["coop", "invite", "#2", "--role", "direction"]) == 0
    assert "new invitation for élan habitat (#2)" in capsys.readouterr().out


def test_cli_asks_which_when_a_number_is_also_a_coop_name(workdir, capsys):
    assert main(["coop", "add", "Coop Une"]) == 0
    assert main(["coop", "add", "1"]) == 0  # a name when adding: coop #2
    capsys.readouterr()
    assert main(["coop", "invite", "1"]) == 2
    assert capsys.readouterr().err == (
        "qualicoop: did you mean #1 (Coop Une) or the coop named '1' (#2)? Give its number with #\n"
    )
    assert main(["coop", "invite", "#1"]) == 0
    assert "new invitation for Coop Une (#1)" in capsys.readouterr().out
    assert main(["coop", "invite", "2"]) == 0  # no coop is named « 2 »: coop #2, said so
    assert "new invitation for 1 (#2)" in capsys.readouterr().out


def test_cli_offers_the_coops_a_part_of_a_name_may_be(workdir, capsys):
    for name in ("Élan Habitat", "Saint-Étienne Habitat", "Coop du Lac"):
        assert main(["coop", "add", name]) == 0
    capsys.readouterr()
    assert main(["coop", "invite", "habitat"]) == 2
    said = "qualicoop: no coop 'habitat': did you mean #1 'Élan Habitat' or #2 'Saint-Étienne Habitat'? "
    assert capsys.readouterr().err == said + "Give its number with #\n"
    assert main(["coop", "invite", "Grenoble"]) == 2
    assert capsys.readouterr().err == "qualicoop: no coop 'Grenoble': see 'qualicoop coop list'\n"
    assert main(["coop", "invite", "#1"]) == 0


async def test_a_name_is_stored_without_what_cannot_be_seen(db):
    """« coop add » took a terminal's escape sequence (« \\x1b[2J », clearing the screen at each « coop
    list »), a bell, names of an invisible character only, and twins differing by a zero-width space or a
    soft hyphen. Stored names hold what can be read; a name of nothing visible is refused."""
    async with db.transaction() as session:
        assert (await create_coop(session, "\x1b[2J\x1b[31mRouge\x07")).name == "[2J[31mRouge"
        await create_coop(session, "Habitat Léa")
        for twin in ("Habitat L\u200béa", "Habitat Lé\u00ada", "Habitat \u202eLéa"):
            with pytest.raises(CoopError, match="already exists: #2 Habitat Léa"):
                await create_coop(session, twin)
        for nothing in ("\u200b", "\u00ad", " \u2060 "):
            with pytest.raises(CoopError, match="1 to"):
                await create_coop(session, nothing)
        region = await create_coop(session, "Coop Rance", "Bre\u200btagne\x07")  # a region as a name
        assert region.region == "Bretagne"
        family = await create_coop(session, "Coop 👨\u200d👩\u200d👧")  # the emoji's joiners kept
        assert family.name == "Coop 👨\u200d👩\u200d👧"
