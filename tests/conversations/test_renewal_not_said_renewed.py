"""Cycle 1 of a coop whose renewal opened read « Clos : renouvelé dans le cycle suivant »: a label renewed,
while cycle 2 was only a draft, and still after the committee refused that very renewal. It now reads
« Clos : renouvellement ouvert au cycle suivant », which claims no outcome."""

from __future__ import annotations

from conversations.render.formatting import status_label
from locales import translator
from tests.conversations.test_committee_earlier_cycle import submit
from tests.conversations.test_committee_next_cycle import renewed_coop
from tests.conversations.test_label_journey import decide

RENEWAL_OPENED = "Cycle 1 · Clos\u00a0: renouvellement ouvert au cycle suivant"


async def test_cycle_1_is_not_said_renewed_while_the_renewal_is_a_draft(world):
    harness, clock = world
    _director, committee = await renewed_coop(harness, clock)
    await committee.send("/comite")
    await committee.press("Coop Ho")
    assert RENEWAL_OPENED in committee.last_text, committee.last_text
    assert "renouvelé" not in committee.last_text


async def test_cycle_1_of_a_refused_renewal_is_not_said_renewed(world):
    harness, clock = world
    _director, committee = await renewed_coop(harness, clock)
    await submit(harness)  # cycle 2 completed and submitted
    await decide(committee, "Coop Horizon", "⛔", "Les résultats du cycle 1 ne sont pas maintenus.")
    await committee.send("/comite")
    await committee.press("#1 Coop Ho")
    assert "Cycle 2 · Non retenu" in committee.last_text, committee.last_text

    await committee.press("📜 Cycle 1")
    head = committee.reply_text().splitlines()
    assert "Résultats du cycle 1" in head[0], head[:3]
    assert head[1] == RENEWAL_OPENED, head[:3]


def test_the_english_words_claim_no_renewal_either():
    assert "renewed" not in status_label(translator("en"), "renewed")
