"""Texts people wrote, listed so that their order tells neither who nor when. Before, by code points: a
closed consultation's comments read « Zéro souci », « bien », then « à revoir », « écouter… » after Z,
and a shared indicator's « Why they chose it » showed the first three so, « Zèle… » first. Now in the
alphabet, accents and case ignored, as every list of names in the product reads (``name_order``)."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Indicator
from tests.conversations.test_consultation_few_long_comments import closed_with
from tests.conversations.test_consultations import open_consultations
from tests.conversations.test_shared_practices import coop_with_indicators
from tests.dossier_steps import join, open_home

REASONS = ["Zèle des locataires", "assemblée vivante", "Élan collectif", "écoute de chacun"]


async def test_a_closed_consultation_s_comments_read_in_alphabetical_order(harness):
    director = await join(harness, 5101, "fr", "Coop Ordre")
    await closed_with(harness, director, ["écouter plus les locataires", "Zéro souci", "bien", "à revoir"])
    await open_consultations(director, ("👥 Démarche", "🗳 Consultations"))
    await director.press("⏹ 1 · ")
    text = director.last_text
    places = [text.index(comment) for comment in ("à revoir", "bien", "écouter plus", "Zéro souci")]
    assert places == sorted(places), text


async def test_the_reasons_of_a_shared_indicator_are_the_first_three_in_alphabetical_order(harness):
    for n, name in enumerate(("Coop Un", "Coop Deux", "Coop Trois", "Coop Quatre"), 1):
        await coop_with_indicators(harness, name, n, share=True, rationales=True)
    async with harness.database.transaction() as session:
        own = (await session.exec(select(Indicator).where(Indicator.rationale.is_not(None)))).all()
        for indicator, reason in zip(sorted(own, key=lambda row: row.id), REASONS, strict=True):
            indicator.rationale = reason
    member = await join(harness, 5102, "fr", "Coop Lectrice", role="member")
    await member.send("/dossier")
    await member.press("Axe 2")
    await member.press("⬜ 5 · ")
    await open_home(member)
    for label in ("📊 Indicateurs", " 5 · ", "➕ Ajouter un indicateur", "aux de participation"):
        await member.press(label)
    text = member.last_text
    shown = [reason for reason in REASONS if reason in text]
    assert sorted(shown, key=text.index) == ["assemblée vivante", "écoute de chacun", "Élan collectif"], text
