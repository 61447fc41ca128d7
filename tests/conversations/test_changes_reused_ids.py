"""What changed since the committee's request, when a row was deleted and another created after it.

SQLite (the default database) gives the id of the newest row deleted to the next one created. Before,
the rows of the version the committee read were matched by id alone: a new indicator on another
engagement read as the deleted one edited (« Indicateur : Logements en BRS → Part des logements classés A
ou B au DPE », its unit and value « changed »), and the one deleted was never said removed; the same for
an action deleted then another added. Now a row is also told by when it was created: the committee reads
the new one as new, the deleted one as removed (PostgreSQL, which never gives an id twice, reads the same).
"""

from __future__ import annotations

import re

from tests.conversations.test_committee_changes import committee_pdf, submitted_by_dominique
from tests.conversations.test_label_journey import decide
from tests.dossier_steps import FR_ANSWERS, choose, fill_suggested_indicator, open_home, submit

OLD_TITLE = "Logements en BRS"  # engagement 12's first suggestion: the last indicator the dossier was given


async def asked_for_more(world, request: str):
    """A dossier submitted, the committee's request two days later; the director and the committee."""
    harness, clock = world
    director, committee = await submitted_by_dominique(harness, 701, "Coop Horizon")
    await harness.run_background()
    clock.advance(days=2)
    await decide(committee, "Coop Horizon", "📝 Demander des compléments", request)
    return director, committee


async def changes_read(world, director, committee) -> tuple[str, str]:
    """Submitted again a day later: the changes on the committee's screen and in the PDF's appendix."""
    harness, clock = world
    clock.advance(days=1)
    await submit(director)
    await harness.run_background()
    _caption, text = committee_pdf(harness)
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    return committee.last_text.split("🔄")[-1], text.split("Ce qui a changé depuis la version lue")[-1]


async def at_indicator_of_12(director) -> None:
    """The director at engagement 12's indicator."""
    await open_home(director)
    await director.press("📊 Indicateurs")
    await director.press(" 12 · ")
    await director.press("✅ 1 · ")


async def test_a_new_indicator_on_another_engagement_is_new_and_the_dropped_one_not_changed(world):
    director, committee = await asked_for_more(world, "Pourquoi l’engagement 12 ?")
    await open_home(director)
    await director.press("✅ Axe 3")
    await director.press("✅ 12 · ")
    await director.press("🗑 Oui")  # engagement 12 dropped with its indicator, the dossier's last
    await choose(director, [11])
    await fill_suggested_indicator(director, 11, FR_ANSWERS)  # given the id engagement 12's had
    for read in await changes_read(world, director, committee):
        assert "Engagement 11" in read and "Engagement ajouté" in read, read
        assert re.search(r"Nouvel indicateur «\s?Part des logements classés A ou B au DPE", read), read
        assert "Engagement 12" in read and "Engagement retiré, avec ses indicateurs" in read, read
        assert OLD_TITLE not in read and "Unité" not in read, read  # never « changed » into the new one


async def test_the_last_indicator_deleted_then_another_added_reads_removed_and_new(world):
    director, committee = await asked_for_more(world, "Un autre indicateur pour l’engagement 12 ?")
    await at_indicator_of_12(director)
    await director.press("🗑 Supprimer l’indicateur")
    await director.press("🗑 Oui")
    await open_home(director)
    await director.press("📊 Indicateurs")
    await director.press(" 12 · ")
    await director.press("➕ Ajouter un indicateur")
    await director.press("2 · ")  # « Copropriétés gérées en syndic solidaire »: counted in whole numbers
    for answer in ("Parce que nous gérons trois copropriétés.", "3", "5", "05/2028"):
        await director.send(answer)
    for answer in ("Proposer le syndic solidaire", "La directrice", "03/2027"):
        await director.send(answer)
    for read in await changes_read(world, director, committee):
        assert re.search(r"Indicateur «\s?Logements en BRS\s?» (retiré|supprimé)", read), read
        assert re.search(r"Nouvel indicateur «\s?Copropriétés gérées en syndic solidaire", read), read
        assert "→ Copropriétés" not in read, read  # not a title changed


async def test_the_last_action_deleted_then_another_added_reads_removed_and_new(world):
    director, committee = await asked_for_more(world, "Une autre action pour l’engagement 12 ?")
    await at_indicator_of_12(director)
    await director.press("📌 1 · ")
    await director.press("🗑 Supprimer l’action")
    await director.press("🗑 Oui")
    await director.press("➕ Ajouter une action")
    for answer in ("Ouvrir une permanence BRS", "Le chargé d’accession", "06/2027"):
        await director.send(answer)
    for read in await changes_read(world, director, committee):
        assert re.search(r"Action «\s?Former l’équipe\s?» (retirée|supprimée)", read), read
        assert re.search(r"Nouvelle action «\s?Ouvrir une permanence BRS", read), read
        assert "Former l’équipe → " not in read and "La directrice → " not in read, read
