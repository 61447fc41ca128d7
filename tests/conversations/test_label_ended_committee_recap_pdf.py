"""Once the label's three years are over (the renewal not opened yet), the coop's home, the Mini App and the
federation's table said « Label arrivé à échéance le … », but the committee's screen of the dossier, the
coop's /recap and the dossier's PDF cover still said « Labellisé 🏅 »: the committee member deciding whether
to open the renewal read a label still running. They now say it ended, by the home's one rule."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conversations.test_label_decision import visited_coop
from tests.conversations.test_label_journey import decide
from tests.conversations.test_renewal_pdf import committee_pdf

ENDED = "Label arrivé à échéance le 22 novembre 2029"


async def labelled_three_years_ago(harness, clock):
    """Labelled on 22 November 2026; on 3 December 2029 its three years are over, no renewal opened."""
    director, committee = await visited_coop(harness)
    await decide(committee, "Coop Horizon", "🏅", "Label accordé.", "22/11/2026")
    clock.now = datetime(2029, 12, 3, 9, 30, tzinfo=UTC)
    await director.send("/dossier")
    assert f"Cycle 1 · {ENDED}" in director.last_text  # the home, as before
    return director, committee


async def test_the_committee_s_dossier_screen_says_the_label_ended(world):
    harness, clock = world
    _director, committee = await labelled_three_years_ago(harness, clock)
    await committee.send("/comite")
    await committee.press("#1 Coop Ho")
    said = committee.last_text
    assert f"Cycle 1 · {ENDED}" in said, said
    assert "Labellisé 🏅" not in said, said
    assert "🔄 Ouvrir le renouvellement" in committee.buttons()


async def test_the_coop_s_recap_says_the_label_ended(world):
    harness, clock = world
    director, _committee = await labelled_three_years_ago(harness, clock)
    await director.send("/recap")
    said = director.reply_text()
    assert ENDED in said.splitlines()[1], said.splitlines()[:2]
    assert "Labellisé 🏅" not in said


async def test_the_pdf_cover_says_the_label_ended(world, tmp_path):
    harness, clock = world
    _director, committee = await labelled_three_years_ago(harness, clock)
    cover = (await committee_pdf(harness, committee, tmp_path))[0]
    assert ENDED in cover, cover
    assert "Labellisé" not in cover.replace("Labellisé le", ""), cover  # the course's day stays
