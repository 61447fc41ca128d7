"""« 👥 Approach » lists the consultations opened for the dossier a page at a time (nothing caps how many a
coop opens): 40 made it three messages sent whole at every visit. Each page is one message, the worst
texts included, and ⬅️ ➡️ turn them, every consultation on one page; from /recap, its way back kept."""

from __future__ import annotations

import json
from datetime import date, timedelta

from sqlmodel import select

from conversations.render.html import MESSAGE_LIMIT, shown_length
from models.dossier.current import current_dossier
from models.tables import Consultation, Dossier
from tests.conftest import NOW
from tests.conversations.test_consultations import open_consultations
from tests.dossier_steps import join

COUNT = 40
LONG = "Une réponse longue & précise sur la démarche, " * 20  # 920 characters, & is five as HTML


async def many_consultations(harness, director, count: int = COUNT, *, submitted: bool = False) -> None:
    coop = director.invitations.coop
    async with harness.database.transaction() as session:
        dossier = await session.get(Dossier, (await current_dossier(session, coop.id)).id)
        for name in ("approach", "staff_information", "members_information", "members_consultation"):
            setattr(dossier, name, LONG)
        if submitted:  # each consultation then says « opened after the dossier was submitted (…) »
            dossier.submitted_at = NOW - timedelta(days=90)
        session.add(dossier)
        for n in range(count):
            session.add(
                Consultation(
                    coop_id=coop.id, dossier_id=dossier.id, created_by=director.id, status="open",
                    question=f"Question n°{n:02d} : " + "quel soir vous convient & pour l’assemblée ? " * 3,
                    choices=json.dumps(["Oui", "Non"]), closes_on=date(2026, 12, 30), for_members=True,
                    opened_at=NOW - timedelta(days=60 - n),
                )
            )  # fmt: skip


async def test_forty_consultations_are_read_a_page_at_a_time_each_one_message(world):
    harness, _clock = world
    director = await join(harness, 4071, "fr", "Coop Nombreuse")
    await many_consultations(harness, director, submitted=True)
    await open_consultations(director, ("👥 Démarche",))
    seen, pages = [], 0
    while True:
        pages += 1
        assert len(director.replies) <= 1 and shown_length(director.last_text) <= MESSAGE_LIMIT
        seen += [n for n in range(COUNT) if f"Question n°{n:02d}" in director.last_text]
        if "➡️" not in director.buttons():
            break
        await director.press("➡️")
    assert seen == list(range(COUNT)) and pages > 1, (seen, pages)
    assert f"Page {pages}/{pages}" in director.last_text
    await director.press("⬅️")
    assert f"Page {pages - 1}/{pages}" in director.last_text
    assert "🗳 Consultations" in director.buttons()


async def test_a_few_consultations_are_one_page_without_turns(world):
    harness, _clock = world
    director = await join(harness, 4081, "fr", "Coop Peu")
    await many_consultations(harness, director, 3)
    await open_consultations(director, ("👥 Démarche",))
    assert all(f"Question n°{n:02d}" in director.last_text for n in range(3))
    assert "Page " not in director.last_text and "➡️" not in director.buttons()


async def test_pages_from_the_recap_keep_its_way_back(world):
    harness, _clock = world
    director = await join(harness, 4091, "fr", "Coop Récap")
    await many_consultations(harness, director)
    async with harness.database.transaction() as session:
        assert len((await session.exec(select(Dossier))).all()) == 1
    await director.send("/recap")
    await director.press("✏️ Démarche")
    await director.press("➡️")
    assert "Page 2/" in director.last_text and "⬅️ Récap" in " ".join(director.buttons())
