"""An indicator's default target date is the end of the 18 months if the next committee meeting declares
the dossier admissible: the earliest the months can end, as the offer says. It counts from the bot's
clock and the configured meetings, as the question's example does, in the chat and the Mini App alike.

It was counted from today, which was always too early by the weeks until the next meeting, while it
said « la fin de la période de 18 mois »; the examples were once fixed text and would have aged.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from models.tables import Indicator
from tests.conversations.test_chat_menus import own_indicator, text
from tests.conversations.test_miniapp_api import auth, client, coop_with_indicator, field
from tests.dossier_steps import choose, join, open_home

OFFER = "Par défaut, la fin des 18 mois si le comité du {meeting} déclare votre dossier recevable : {date}."


async def _target_date_question(user) -> None:
    """A yes/no indicator of the coop's own answered up to its target date's question."""
    await choose(user, [1])
    await own_indicator(user)
    await user.press("👍 Oui / non")
    await user.press("Non")
    await user.press("Oui")


async def test_the_default_target_date_counts_from_the_next_meeting(harness):
    camille = await join(harness, 1331, "fr")  # the bot's today: Monday 23 November 2026
    await _target_date_question(camille)
    # the default rule's next meeting: Tuesday 1 December 2026
    assert OFFER.format(meeting="1er décembre 2026", date="1er juin 2028") in text(camille)
    assert "ex. 30/06/2028 ou juin 2028" in text(camille)
    await camille.press("📅 1er juin 2028")
    async with harness.database.transaction() as session:
        assert (await session.get(Indicator, 1)).target_date == date(2028, 6, 1)


async def test_a_meeting_under_way_is_no_longer_the_next(world):
    harness, clock = world
    clock.now = datetime(2026, 12, 1, 13, 5, tzinfo=UTC)  # 14:05 in Paris: the meeting has started
    camille = await join(harness, 1332, "fr")
    await _target_date_question(camille)
    assert OFFER.format(meeting="2 mars 2027", date="2 septembre 2028") in text(camille)
    assert "ex. 30/09/2028 ou septembre 2028" in text(camille)
    assert "📅 2 septembre 2028" in camille.buttons()


async def test_the_configured_meetings_count_in_the_chat_and_the_mini_app(web_harness):
    web_harness.application.bot_data.committee_dates = (date(2027, 1, 12), date(2027, 4, 13))
    director, dossier = await coop_with_indicator(web_harness, 91151, "Coop Calendrier")
    indicator = dossier["engagements"][0]["indicators"][0]
    assert field(indicator, "target_date")["example"] == "ex. 31/07/2028 ou juillet 2028"
    change = {"entity": "indicator", "id": indicator["id"], "field": "target_date", "expected": None}
    async with client(web_harness) as http:
        saved = await http.post(
            "/app/api/field", headers=auth(director), json={**change, "value": "juillet 2028"}
        )
    assert saved.status_code == 200, saved.text

    await open_home(director)
    await director.press("📊 Indicateurs")
    await director.press(" 1 · ")
    await director.press("1 · Part de BRS")
    await director.press("✏️ Date")
    assert OFFER.format(meeting="12 janvier 2027", date="12 juillet 2028") in text(director)
    await director.press("📅 12 juillet 2028")
    async with web_harness.database.transaction() as session:
        assert (await session.get(Indicator, indicator["id"])).target_date == date(2028, 7, 12)
