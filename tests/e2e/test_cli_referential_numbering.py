"""``qualicoop referential load`` with the files the federation's staff save.

Before: a file numbering engagement 12 as 13 was loaded (« loaded: 3 axes, 12 engagements »), and every
dossier that had chosen 12 lost it; a file saved with a UTF-8 BOM was refused with « Unexpected UTF-8 BOM
(decode using utf-8-sig) ». Now the first is refused with exit code 2 and one line, the referential in
force unchanged; the second loads."""

from __future__ import annotations

import json

from bot.cli import main
from models.referential.parsing import default_referential
from tests.e2e.test_cli import workdir  # noqa: F401 (the fixture: its own migrated database)


def official(version: str) -> dict:
    """The packaged referential as the federation's file, under another version."""
    data = json.loads(default_referential().to_json())
    data["version"] = version
    return data


def test_a_file_renumbering_an_engagement_is_refused_in_one_line(workdir, capsys):  # noqa: F811
    data = official("2027-renumbered")
    next(e for e in data["engagements"] if e["code"] == 12)["code"] = 13
    path = workdir / "renumbered.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["referential", "load", str(path)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"qualicoop: referential file {path}: engagement 13: engagement codes must be 1 to 12, "
        "as dossiers keep the number they chose\n"
    )
    assert main(["referential", "show"]) == 0
    assert "2027-renumbered" not in capsys.readouterr().out  # the referential in force stays


def test_a_file_saved_with_a_byte_order_mark_loads(workdir, capsys):  # noqa: F811
    path = workdir / "official.json"
    path.write_text(json.dumps(official("2027-official"), ensure_ascii=False), encoding="utf-8-sig")
    assert main(["referential", "load", str(path)]) == 0
    assert "referential 2027-official loaded: 3 axes, 12 engagements" in capsys.readouterr().out
