"""An admin named in QUALICOOP_ADMIN_IDS stays admin whatever ``admin add/remove`` do to the database's
role: the command says so, never « is now admin » nor « is no longer admin »."""

from __future__ import annotations

from bot.cli import main
from tests.e2e.test_cli import workdir  # noqa: F401


def test_admin_add_and_remove_say_the_setting_keeps_them_admin(workdir, capsys, monkeypatch):  # noqa: F811
    monkeypatch.setenv("QUALICOOP_ADMIN_IDS", "555")
    assert main(["admin", "add", "555"]) == 0
    said = capsys.readouterr().out
    assert "555 is an admin through QUALICOOP_ADMIN_IDS" in said and "now admin" not in said, said
    assert main(["admin", "list"]) == 0  # the database holds the role too: kept once out of the setting
    assert [line.split()[:2] for line in capsys.readouterr().out.splitlines()] == [["555", "admin"]] * 2
    assert main(["admin", "remove", "555"]) == 2
    said = capsys.readouterr()
    assert "no longer admin" not in said.out + said.err
    assert said.err.strip().endswith("555 is an admin through QUALICOOP_ADMIN_IDS: remove it there"), said.err
    assert main(["admin", "list"]) == 0
    assert [line.split()[:2] for line in capsys.readouterr().out.splitlines()] == [["555", "admin"]]
    monkeypatch.setenv("QUALICOOP_ADMIN_IDS", "556")  # the setting's other admins change nothing
    assert main(["admin", "add", "555"]) == 0
    assert "555 is now admin" in capsys.readouterr().out
    assert main(["admin", "remove", "555"]) == 0
    assert "555 is no longer admin" in capsys.readouterr().out


def test_a_committee_member_of_the_setting_is_added_and_removed_as_any_other(workdir, capsys, monkeypatch):  # noqa: F811
    monkeypatch.setenv("QUALICOOP_ADMIN_IDS", "555")
    assert main(["admin", "add", "555", "--committee"]) == 0
    assert "555 is now committee" in capsys.readouterr().out
    assert main(["admin", "remove", "555", "--committee"]) == 0
    assert "555 is no longer committee" in capsys.readouterr().out
