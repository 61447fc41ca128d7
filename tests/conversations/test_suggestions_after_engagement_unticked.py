"""The screen of suggested indicators, left open while its engagement is unticked (in the Mini App, or by
a colleague): a suggestion or « ✏️ Mon propre indicateur » pressed says the engagement was removed and
opens the indicators' overview, as an indicator's old buttons do once it is removed.

Before, a suggestion answered only the alert « Ce bouton ne concerne pas le dossier de votre
coopérative… », the old screen staying; « ✏️ Mon propre indicateur » asked « Nouvel indicateur · Étape
1/7 », a title it could never store, and only said « Ce à quoi vous répondiez a été supprimé » once it was
typed. « ➕ Ajouter un indicateur » (which already checked) says it too, instead of the home unsaid.
"""

from __future__ import annotations

from sqlmodel import select

from models.tables import Dossier, Indicator
from tests.conversations.test_editor_terms_changed import plain
from tests.conversations.test_miniapp_api import auth, client
from tests.dossier_steps import choose, join, open_home

GONE = "⚠️ Cet engagement a été retiré du dossier entre-temps, peut-être par un collègue."
OVERVIEW = "📊 Indicateurs et plans d’actions"


async def untick_engagement_1(harness, who) -> None:
    """``who`` unticks engagement 1 in the Mini App (it has no indicator: no confirmation)."""
    async with harness.database.transaction() as session:
        dossier_id = (await session.exec(select(Dossier))).one().id
    async with client(harness) as http:
        change = {"dossier": dossier_id, "code": 1, "chosen": False}
        done = await http.post("/app/api/engagement", headers=auth(who), json=change)
    assert done.status_code == 200, done.text


async def suggestions_then_unticked(harness, camille_id: int):
    """Camille at the suggestions of engagement 1; she unticks it in the Mini App."""
    camille = await join(harness, camille_id, "fr", f"Coop {camille_id}")
    await choose(camille, [1, 2])
    await open_home(camille)
    await camille.press("📊 Indicateurs")
    await camille.press(" 1 · ")
    engagement = camille.last
    await camille.press("➕ Ajouter un indicateur")
    suggestions = camille.last
    await untick_engagement_1(harness, camille)
    return camille, engagement, suggestions


async def indicators(harness) -> list[Indicator]:
    async with harness.database.transaction() as session:
        return list((await session.exec(select(Indicator))).all())


async def test_a_suggestion_pressed_after_the_untick_says_so_and_opens_the_overview(web_harness):
    camille, _engagement, suggestions = await suggestions_then_unticked(web_harness, 9946201)
    await camille.press("1 · ", suggestions)
    said = plain(camille.reply_text())
    assert said.startswith(GONE + "\n\n" + OVERVIEW), said
    assert not any("ne concerne pas" in alert for alert in camille.alerts), camille.alerts
    assert await indicators(web_harness) == []


async def test_my_own_indicator_pressed_after_the_untick_asks_no_title(web_harness):
    camille, _engagement, suggestions = await suggestions_then_unticked(web_harness, 9946211)
    await camille.press("✏️ Mon propre indicateur", suggestions)
    said = plain(camille.reply_text())
    assert said.startswith(GONE + "\n\n" + OVERVIEW), said
    assert "Nouvel indicateur" not in said, said


async def test_add_an_indicator_pressed_after_the_untick_says_so_too(web_harness):
    camille = await join(web_harness, 9946221, "fr", "Coop 9946221")
    await choose(camille, [1, 2])
    await open_home(camille)
    await camille.press("📊 Indicateurs")
    await camille.press(" 1 · ")
    engagement = camille.last
    await untick_engagement_1(web_harness, camille)
    await camille.press("➕ Ajouter un indicateur", engagement)
    said = plain(camille.reply_text())
    assert said.startswith(GONE + "\n\n" + OVERVIEW), said


async def test_a_suggestion_of_a_chosen_engagement_is_still_added(web_harness):
    camille = await join(web_harness, 9946231, "fr", "Coop 9946231")
    await choose(camille, [1])
    await open_home(camille)
    await camille.press("📊 Indicateurs")
    await camille.press(" 1 · ")
    await camille.press("➕ Ajouter un indicateur")
    await camille.press("1 · ")
    assert "✅ Indicateur ajouté" in plain(camille.reply_text()), camille.reply_text()
    assert len(await indicators(web_harness)) == 1
