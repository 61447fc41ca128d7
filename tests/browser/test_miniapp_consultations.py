"""The consultations read in the Mini App, in a real Chromium at a phone's size: in the involvement part,
under the review's heading, each with its question, dates, audience, participation, then its votes and
comments (a comment's line breaks kept, what was typed shown as text), nothing to edit; in English for an
English reader; for the committee reading a submitted dossier too.

Real headless Chromium, as in test_miniapp_browser.py (its Chromium, bot and Telegram stand-in).
"""

from __future__ import annotations

from datetime import timedelta

from models.tables import Dossier, DossierStatus, FederationRoleName
from models.users import grant_federation_role
from tests.browser.test_miniapp_browser import bot, open_app, pytestmark, shot  # noqa: F401
from tests.conftest import NOW
from tests.conversations.test_miniapp_consultations import COMMENT, a_coop_consulted

COMMITTEE_ID = 8100071


def plain(texts: list[str]) -> list[str]:
    return [text.replace("\u00a0", " ") for text in texts]


async def consultations_of(page) -> list[dict]:
    """Each consultation as the page shows it: its lines, votes and comments, as read."""
    return await page.eval_on_selector_all(
        "#involvement #consultations article.consultation",
        """cards => cards.map(card => ({
            title: card.querySelector("h4").innerText,
            lines: [...card.querySelectorAll(":scope > p")].map(p => p.innerText),
            votes: [...card.querySelectorAll("ul.votes li")].map(li => li.innerText),
            comments: [...card.querySelectorAll("ul.comments li")].map(li => li.innerText),
        }))""",
    )


async def test_the_coop_reads_its_consultations_where_its_involvement_is(browser, bot):  # noqa: F811
    director, _dossier_id = await a_coop_consulted(bot, 8701)
    page = await open_app(browser, bot, director.id)
    heading = page.locator("#involvement #consultations h3")
    assert (await heading.inner_text()) == "🗳 Consultations des salariés et des coopérateurs"
    await heading.scroll_into_view_if_needed()
    past, running = await consultations_of(page)
    assert plain([past["title"]]) == ["« Quel soir pour l’assemblée générale ? »"]
    assert plain(past["lines"]) == [
        "Ouverte le 13 novembre 2026, clôturée le 21 novembre 2026 · tous les membres de la coopérative "
        "dans l’assistant",
        "3 réponses sur 4 personnes consultées (75 %)",
        "💬 Commentaires",
    ]
    assert plain(past["votes"]) == ["Mardi soir — 2 (67 %)", "Jeudi soir — 1 (33 %)"]
    assert past["comments"] == ["Jeudi, plutôt.", COMMENT]  # its line break kept, « <enfin> » as typed
    assert (
        plain(running["lines"])[1] == "1 réponse sur 4 personnes consultées (25 %) · résultats à la clôture"
    )
    assert running["votes"] == [] and running["comments"] == []
    editable = "#consultations input, #consultations textarea, #consultations button, #consultations select"
    assert await page.locator(editable).count() == 0  # read-only: prepared and answered in the chat
    assert await page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    await shot(page, "consultations")
    await page.context.close()


async def test_an_english_reader_and_the_committee_read_them_too(browser, bot):  # noqa: F811
    director, dossier_id = await a_coop_consulted(bot, 8711, "Coop Read", language="en")
    page = await open_app(browser, bot, director.id, language="en")
    assert (
        await page.locator("#consultations h3").inner_text()
        == "🗳 Consultations of the staff and the coopérateurs"
    )
    past, _running = await consultations_of(page)
    assert past["title"] == "“Quel soir pour l’assemblée générale ?”"
    assert past["lines"][:2] == [
        "Opened on 13 November 2026, closed on 21 November 2026 · all the members of the coop in the assistant",
        "3 answers out of 4 people reached (75%)",
    ]
    assert past["votes"] == ["Mardi soir — 2 (67%)", "Jeudi soir — 1 (33%)"]
    await page.context.close()

    async with bot.database.transaction() as session:
        row = await session.get(Dossier, dossier_id)
        row.status, row.submitted_at = DossierStatus.SUBMITTED, NOW - timedelta(days=5)
        session.add(row)
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    await bot.user(COMMITTEE_ID).send("/start")
    page = await open_app(browser, bot, COMMITTEE_ID, query=f"?dossier={dossier_id}")
    past, running = await consultations_of(page)
    assert past["comments"] == ["Jeudi, plutôt.", COMMENT] and len(past["votes"]) == 2
    assert "ouverte après la soumission du dossier" in running["lines"][0]
    await page.context.close()
