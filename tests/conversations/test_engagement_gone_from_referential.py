"""A referential stored by an earlier release numbered an engagement 13 in place of 12 (no release loads
such a file any more: ``test_referential_numbering``). A coop had chosen 12 and filled its indicator.

Before: « 📊 Indicateurs et plans d’actions » failed (KeyError: 12) for a draft and for an admissible
dossier alike, and the home read « Engagements : 7/8 minimum » above « Engagements aux indicateurs
complets : 8/8 ». Now the bot still starts with that referential, the overview leaves 12 out as the gaps,
the completion and the Mini App do, and the home counts complete engagements among the same 7."""

from __future__ import annotations

import json

from models.bot_settings import REFERENTIAL, put_setting
from models.referential.parsing import default_referential
from tests.conversations.test_committee_changes import submitted_by_dominique
from tests.conversations.test_label_journey import decide
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import join, open_home

NBSP = "\u00a0"


async def twelve_stored_as_thirteen(harness) -> None:
    """The referential in force numbers engagement 12 as 13, as an earlier release stored it; a restart."""
    data = json.loads(default_referential().to_json())
    data["version"] = "2027-renumbered"
    for engagement in data["engagements"]:
        if engagement["code"] == 12:
            engagement["code"] = 13
            for suggestion in engagement["suggested_indicators"]:
                suggestion["code"] = suggestion["code"].replace("12", "13")
    async with harness.database.transaction() as session:
        await put_setting(session, REFERENTIAL, json.dumps(data))
    await harness.restart()
    assert 12 not in {e.code for e in harness.application.bot_data.referential.engagements}


async def test_the_bot_starts_and_the_overview_leaves_out_the_engagement_gone(world):
    harness, _clock = world
    director = await join(harness, 701, "fr", "Coop Horizon")
    await complete_dossier(director)  # engagements 1, 2, 3, 5, 6, 9, 10, 12
    await twelve_stored_as_thirteen(harness)
    await open_home(director)
    await director.press("📊 Indicateurs")
    overview = director.last_text
    assert "Indicateurs et plans d’actions" in overview, overview
    assert "10. " in overview and "12. " not in overview, overview
    assert not any(" 12 · " in label for label in director.buttons()), director.buttons()


async def test_the_overview_of_an_admissible_dossier_opens_too(world):
    harness, clock = world
    director, committee = await submitted_by_dominique(harness, 701, "Coop Horizon")
    clock.advance(days=10)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Dossier recevable, bravo.")
    await twelve_stored_as_thirteen(harness)
    await open_home(director)
    await director.press("📊 Indicateurs")
    assert "Indicateurs et plans d’actions" in director.last_text, director.last_text


async def test_the_home_counts_complete_engagements_among_the_engagements_it_counts(world):
    harness, _clock = world
    director = await join(harness, 701, "fr", "Coop Horizon")
    await complete_dossier(director)
    await twelve_stored_as_thirteen(harness)
    await open_home(director)
    home = director.last_text
    assert f"Engagements{NBSP}: 7/8 minimum" in home, home
    assert f"Engagements aux indicateurs complets{NBSP}: 7/7" in home, home
