"""The referential file as the federation's staff save it: its engagements numbered 1 to 12, its text
perhaps after a UTF-8 byte order mark.

Before: a file numbering an engagement 13 (12 renumbered, or 12 removed and a new one added) was loaded,
and every dossier that had chosen 12 silently lost it; a file saved with a BOM (Notepad before 2019,
Excel's « CSV UTF-8 » habit) was refused in Python's words (« Unexpected UTF-8 BOM (decode using
utf-8-sig) »). Now the first is refused with one line naming the engagement, the second loads; a
referential such a file put in force earlier is still read, so that the bot starts."""

from __future__ import annotations

import json
from typing import Any

import pytest

from models.bot_settings import REFERENTIAL, put_setting
from models.referential.checks import ReferentialError
from models.referential.parsing import default_referential, load_referential_file, parse_referential
from models.referential.store import active_referential


def renumbered(old: int, new: int) -> dict[str, Any]:
    """The packaged referential as decoded JSON, its engagement ``old`` numbered ``new``."""
    data = json.loads(default_referential().to_json())
    for engagement in data["engagements"]:
        if engagement["code"] == old:
            engagement["code"] = new
    return data


@pytest.mark.parametrize(("old", "new"), [(12, 13), (1, 99)])
def test_an_engagement_numbered_outside_1_to_12_is_refused(old: int, new: int) -> None:
    with pytest.raises(ReferentialError) as refused:
        parse_referential(renumbered(old, new))
    said = str(refused.value)
    assert (
        said == f"engagement {new}: engagement codes must be 1 to 12, as dossiers keep the number they chose"
    )


def test_engagements_may_still_move_between_axes() -> None:
    """domain.md puts 1–4 in axis 1…; the federation's official file may not, and a dossier keeps its
    numbers either way: only the numbers are checked."""
    data = json.loads(default_referential().to_json())
    moved = {5: 1, 1: 2}
    for engagement in data["engagements"]:
        engagement["axis"] = moved.get(engagement["code"], engagement["axis"])
    referential = parse_referential(data)
    assert [e.code for e in referential.engagements_of(1)] == [2, 3, 4, 5]


def test_a_file_saved_with_a_byte_order_mark_loads(tmp_path) -> None:
    path = tmp_path / "referential.json"
    path.write_text(default_referential().to_json(), encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert load_referential_file(path) == default_referential()


async def test_a_referential_stored_before_the_rule_is_still_read(db) -> None:
    async with db.transaction() as session:
        await put_setting(session, REFERENTIAL, json.dumps(renumbered(12, 13)))
    async with db.transaction() as session:
        referential = await active_referential(session)
    assert [e.code for e in referential.engagements][-2:] == [11, 13]
