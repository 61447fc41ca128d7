"""/export of a coop whose dossier was refused on reading and which prepares a new candidacy (the same
dossier, a draft again): it did submit, so neither /export COOP nor /export alone says it has « not
submitted yet »; both say it prepares a new candidacy after the committee's refusal, its bundle to come
once it is submitted again. A coop that never submitted is still counted apart, as before; an earlier
cycle bundled while the next one, refused on reading, is prepared again is not said « the latest
submitted »."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Dossier, DossierStatus
from tests.conftest import NOW
from tests.conversations.test_committee_next_cycle import refused_and_applying_again, statuses
from tests.conversations.test_label_journey import decide
from tests.conversations.test_refused import refused_coop
from tests.dossier_steps import join
from tests.submitted_rows import complete_content

NBSP = "\u00a0"


async def test_a_coop_applying_again_after_a_refusal_is_said_so_on_export(harness):
    director, _colleague, committee, _dossier_id = await refused_coop(harness)
    await join(harness, 731, "fr", "Coop Nouvelle")  # never submitted
    await director.send("/dossier")
    await director.press("📝 Préparer une nouvelle candidature")
    await director.press("✅ Confirmer")
    assert "brouillon" in director.last_text

    await committee.send("/export Coop Horizon")
    said = committee.last_text.replace(NBSP, " ")
    assert "pas encore soumis" not in said, said
    assert (
        "Coop Horizon prépare une nouvelle candidature après le refus de son dossier par le comité : son "
        "dossier complet pourra être exporté une fois soumis à nouveau." in said
    ), said
    assert committee.messages[-1].get("document") is None  # its draft is no bundle of what was refused

    await committee.send("/export")
    said = committee.last_text.replace(NBSP, " ")
    assert (
        "1 coopérative n’a pas encore soumis son dossier : elle n’est pas dans la liste, son dossier complet "
        "viendra une fois soumis." in said
    ), said
    assert (
        "1 coopérative prépare une nouvelle candidature après un refus du comité : elle n’est pas dans la "
        "liste, son dossier complet viendra une fois soumis à nouveau." in said
    ), said


async def test_an_earlier_cycle_bundled_while_the_next_is_prepared_again_after_a_refusal(world):
    harness, _clock = world
    director, committee = await refused_and_applying_again(harness)  # cycle 2, a draft
    async with harness.database.transaction() as session:  # cycle 2 submitted
        dossier = (await session.exec(select(Dossier).where(Dossier.cycle == 2))).one()
        dossier.status, dossier.submitted_at = DossierStatus.SUBMITTED, NOW
        await complete_content(session, dossier)
    await decide(committee, "Coop Horizon", "⛔ Refuser", "Le cycle 2 ne convient pas.")
    await director.send("/dossier")
    await director.press("📝 Préparer une nouvelle candidature")
    await director.press("✅ Confirmer")
    assert await statuses(harness) == [(1, DossierStatus.REFUSED), (2, DossierStatus.DRAFT)]

    await committee.send("/export Coop Horizon")
    bundle = committee.last
    assert bundle["document"]["file_name"].endswith(".zip")  # cycle 1's, still the committee's to read
    caption = bundle["caption"].replace(NBSP, " ")
    assert "le dernier soumis au comité" not in caption, caption  # cycle 2 was submitted, not retained
    assert (
        "Cycle 1 : Coop Horizon prépare à nouveau son cycle 2, que le comité n’a pas retenu ; il pourra être "
        "exporté une fois soumis à nouveau." in caption
    ), caption
    await committee.send("/export")  # listed at cycle 1, as before: not counted apart
    said = committee.last_text.replace(NBSP, " ")
    assert "Coop Horizon — cycle 2 en préparation ; cycle 1 à relire" in said
    assert "nouvelle candidature" not in said and "pas encore soumis" not in said, said
