"""Kind and unit buttons' data forged or garbled (« ik:<id>:nZ », « ik:<id>: », « iu:<id>:zz »). A kind's
data is two letters, the kind chosen and the kind its screen showed, each a listed code (the second « - »
when it showed none, or absent on an older button); a unit's, a listed code. Anything else is
out-of-date data: « this menu is out of date » and the screen on display again, nothing stored, no
error, and no action's slip in the log (a warning with its traceback, which reads as a bug to find)."""

from __future__ import annotations

import logging

import pytest
from sqlmodel import select

from models.tables import Indicator
from tests.conversations.test_editor_stale_choices import KIND, UNIT, new_indicator
from tests.conversations.test_editor_terms_changed import plain

OUT_OF_DATE = "Ce menu n’est plus à jour"


async def the_indicator(harness) -> Indicator:
    async with harness.database.transaction() as session:
        return (await session.exec(select(Indicator))).one()


def slips(caplog) -> list[str]:
    """What the log holds as an action's slip: a warning (or worse) with a traceback."""
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and r.exc_info]


@pytest.mark.parametrize("code", ["nZ", "", "Zn", "Z", "n--", "yn-", "-n"])
async def test_a_forged_kind_code_is_out_of_date_data(web_harness, caplog, code):
    camille, _bob = await new_indicator(web_harness, 9934101, "Coop Forgée")
    indicator = await the_indicator(web_harness)
    caplog.set_level(logging.INFO)
    await camille.press_data(camille.last, f"ik:{indicator.id}:{code}")
    assert not web_harness.errors, web_harness.errors
    said = plain(camille.reply_text())
    assert OUT_OF_DATE in said or any(OUT_OF_DATE in alert for alert in camille.alerts), (
        said,
        camille.alerts,
    )
    assert KIND in plain(camille.last_text), camille.last_text  # the question on display, asked again
    assert (await the_indicator(web_harness)).value_kind is None  # nothing stored
    assert not slips(caplog), slips(caplog)


async def test_a_forged_unit_code_is_out_of_date_data(web_harness, caplog):
    camille, _bob = await new_indicator(web_harness, 9934301, "Coop Unité")
    await camille.press("🔢 Un nombre")
    assert UNIT in plain(camille.last_text), camille.last_text
    indicator = await the_indicator(web_harness)
    caplog.set_level(logging.INFO)
    await camille.press_data(camille.last, f"iu:{indicator.id}:zz")
    assert not web_harness.errors, web_harness.errors
    said = plain(camille.reply_text())
    assert OUT_OF_DATE in said or any(OUT_OF_DATE in alert for alert in camille.alerts), (
        said,
        camille.alerts,
    )
    assert UNIT in plain(camille.last_text), camille.last_text
    assert (await the_indicator(web_harness)).unit is None
    assert not slips(caplog), slips(caplog)


@pytest.mark.parametrize(("code", "kind"), [("y-", "yes_no"), ("t", "text")])
async def test_the_kind_buttons_still_act(web_harness, code, kind):
    """A button of this version (the kind shown: « - », none) and an older one's (one letter) alike."""
    camille, _bob = await new_indicator(web_harness, 9934201, "Coop Vraie")
    indicator = await the_indicator(web_harness)
    await camille.press_data(camille.last, f"ik:{indicator.id}:{code}")
    assert not web_harness.errors
    assert (await the_indicator(web_harness)).value_kind == kind
