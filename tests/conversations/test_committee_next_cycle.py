"""A coop preparing its next cycle (renewed, or its label refused after the visit, the new dossier a
draft) stays within the committee's reach: /comite lists it with its earlier cycle to read, /export
bundles that cycle, the Mini App lists it; both cases alike, and once the new cycle is submitted, the
coop is listed once, at it."""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.tables import Dossier, DossierStatus
from tests.conftest import NOW
from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_label_decision import visited_coop
from tests.conversations.test_label_journey import decide
from tests.harness import BotHarness, FakeClock
from tests.miniapp import local_client, signed_init_data, tma
from tests.submitted_rows import complete_content

NBSP = "\u00a0"
COMMITTEE_ID = 8000001


@pytest.fixture
async def web_world(tmp_path):
    """A bot serving the Mini App too, its clock moved by hand."""
    clock = FakeClock(NOW)
    bot = BotHarness(tmp_path, clock=clock, web=True)
    await bot.start()
    yield bot, clock
    await bot.stop()


async def renewed_coop(harness, clock):
    """Labelled on 22 November 2026; the renewal opened three years later (cycle 2, a draft)."""
    director, committee = await visited_coop(harness)
    await decide(committee, "Coop Horizon", "🏅", "Label accordé.", "22/11/2026")
    clock.advance(days=365 * 3 + 5)
    await decide(committee, "Coop Horizon", "🔄", "Place au cycle 2.")
    return director, committee


async def refused_and_applying_again(harness):
    """The label refused after the visit; the direction prepares a new candidacy (cycle 2, a draft)."""
    director, committee = await visited_coop(harness)
    await decide(committee, "Coop Horizon", "⛔ Ne pas attribuer le label", "Pas encore.", "21/11/2026")
    await director.send("/dossier")
    await director.press("📝 Préparer une nouvelle candidature")
    await director.press("✅ Confirmer")
    return director, committee


async def statuses(harness) -> list[tuple[int, str]]:
    async with harness.database.transaction() as session:
        return [
            (d.cycle, d.status) for d in (await session.exec(select(Dossier).order_by(Dossier.cycle))).all()
        ]


async def test_a_renewed_coop_is_listed_with_its_earlier_cycle_to_read(web_world):
    harness, clock = web_world
    _director, committee = await renewed_coop(harness, clock)
    assert await statuses(harness) == [(1, DossierStatus.RENEWED), (2, DossierStatus.DRAFT)]

    await committee.send("/comite")
    listed = committee.last_text
    assert f"Cycle suivant en préparation{NBSP}: 1" in listed and f"Labellisés{NBSP}: 0" in listed
    assert "#1 Coop Horizon — cycle 2 en préparation ; cycle 1 à relire" in listed.replace(NBSP, " ")
    await committee.press("#1 Coop Horizon")
    assert "Cycle 1 · Clos" in committee.last_text  # read-only: no decision left on it
    assert not any(b.startswith(("🏅", "🔄", "⛔", "✅")) for b in committee.buttons())

    # /export: listed, not « not submitted yet », in /comite's words; the bundle is cycle 1's, said so
    await committee.send("/export")
    export_list = committee.last_text
    assert "Coop Horizon — cycle 2 en préparation ; cycle 1 à relire" in export_list.replace(NBSP, " ")
    assert "pas encore soumis" not in export_list
    await committee.send("/export Coop Horizon")
    bundle = committee.last
    assert bundle["document"]["file_name"].endswith(".zip")
    assert "Cycle 1, le dernier soumis au comité" in bundle["caption"]
    assert "Coop Horizon prépare son cycle 2" in bundle["caption"]

    # the Mini App's list reads the same rule and says it in the same words: the coop, opening cycle 1
    headers = tma(signed_init_data(COMMITTEE_ID, auth_date=clock.now))
    async with local_client(harness.web_url) as http:
        dossiers = (await http.get("/app/api/dossier", headers=headers)).json()["dossiers"]
        html = (await http.get("/app/api/page", headers=headers)).json()["html"]
    async with harness.database.transaction() as session:
        first = (await session.exec(select(Dossier).where(Dossier.cycle == 1))).one()
    assert dossiers == [
        {
            "id": first.id,
            "coop": "Coop Horizon",
            "status": "renewed",
            "group": "Cycle suivant en préparation",
            "cycle": f"cycle 2 en préparation{NBSP}; cycle 1 à relire",
            "opens": True,
        }
    ]
    assert "<h2>Cycle suivant en préparation</h2>" in html and f'data-open="{first.id}"' in html


async def test_a_label_refused_then_applied_for_again_is_listed_alike(world):
    """Not under « Non retenus » (a current refusal) while cycle 2 is a draft: with the coops
    preparing their next cycle, the refused cycle to read; once cycle 2 is submitted, only it."""
    harness, _clock = world
    _director, committee = await refused_and_applying_again(harness)
    assert await statuses(harness) == [(1, DossierStatus.REFUSED), (2, DossierStatus.DRAFT)]
    await committee.send("/comite")
    listed = committee.last_text
    assert f"Non retenus{NBSP}: 0" in listed and f"Cycle suivant en préparation{NBSP}: 1" in listed
    assert "Coop Horizon — cycle 2 en préparation ; cycle 1 à relire" in listed.replace(NBSP, " ")
    await committee.press("#1 Coop Horizon")
    assert "Cycle 1 · Non retenu" in committee.last_text and "Pas encore." in committee.last_text

    async with harness.database.transaction() as session:  # submitted (as submitted_coop does)
        second = (await session.exec(select(Dossier).where(Dossier.cycle == 2))).one()
        second.status = DossierStatus.SUBMITTED
        session.add(second)
        await complete_content(session, second)
    await committee.send("/comite")
    listed = committee.last_text
    assert f"Soumis{NBSP}: 1" in listed and f"Non retenus{NBSP}: 0" in listed
    assert f"Cycle suivant en préparation{NBSP}: 0" in listed
    assert listed.count("Coop Horizon") == 1 and "Coop Horizon — cycle 2" in listed


async def test_a_coop_never_submitted_is_still_not_listed(world):
    """A first draft (cycle 1) is not the committee's: not in the new group, not exported."""
    harness, _clock = world
    _director, committee = await submitted_coop(harness)
    draft = await harness.add_coop("Coop Brouillon")
    await committee.send("/comite")
    assert "Coop Brouillon" not in committee.last_text
    assert f"Cycle suivant en préparation{NBSP}: 0" in committee.last_text
    await committee.send(f"/export {draft.coop.id}")
    assert "Coop Brouillon n’a pas encore soumis son dossier au comité" in committee.last_text
