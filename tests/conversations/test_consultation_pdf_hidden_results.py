"""While a consultation's results are hidden (still open, or closed with fewer than 3 answers) the
dossier's PDF says its participation and why, as the chat does: no « Choice / Votes / Share of answers »
table with no row, no chart without a bar, no « Comments » heading. With 3 answers, once closed, they
are all there."""

from __future__ import annotations

from tests.conversations.test_bilans import pdf_text
from tests.conversations.test_consultations import open_consultations, prepare_default
from tests.dossier_steps import join

QUESTION = "Which engagements matter most to you?"


async def dossier_pdf(harness, director) -> str:
    """The dossier's PDF as one line of text."""
    await director.send("/pdf")
    return " ".join(pdf_text(harness, director.last).split())


async def guests_answer(harness, link: str, first_id: int, count: int) -> None:
    """People in no coop answer through the public link (engagement 4)."""
    for n in range(count):
        guest = harness.user(first_id + n, f"Guest {n}", "en")
        await guest.send("/start " + link.rsplit("start=", 1)[1])
        await guest.press("⬜ 4 · ")
        await guest.press("📨 Send my answer")


async def close_it(director) -> None:
    await open_consultations(director)
    await director.press("🟢 1 · ")
    await director.press("⏹ Close now")
    await director.press("⏹ Yes, close it")


async def test_an_open_consultation_prints_its_participation_only(world):
    harness, _clock = world
    director = await join(harness, 7901, "en", "Coop Vide")
    link = await prepare_default(director, "15/12/2026")
    await guests_answer(harness, link, 7902, 3)
    pdf = await dossier_pdf(harness, director)
    assert "3 answers out of 4 people reached (75%) · results at closing" in pdf, pdf
    assert "Share of answers" not in pdf and "Votes" not in pdf
    assert "Comments" not in pdf
    assert pdf.count(QUESTION) == 1, pdf.count(QUESTION)


async def test_a_consultation_closed_with_two_answers_prints_why_nothing_more(world):
    harness, _clock = world
    director = await join(harness, 7911, "en", "Coop Seuil Bas")
    link = await prepare_default(director, "15/12/2026")
    await guests_answer(harness, link, 7912, 2)
    await close_it(director)
    pdf = await dossier_pdf(harness, director)
    assert "2 answers out of 3 people reached (67%) · results visible from 3 answers" in pdf, pdf
    assert "Share of answers" not in pdf and "Comments" not in pdf


async def test_a_consultation_closed_with_three_answers_prints_its_table(world):
    harness, _clock = world
    director = await join(harness, 7921, "en", "Coop Seuil Haut")
    link = await prepare_default(director, "15/12/2026")
    await guests_answer(harness, link, 7922, 3)
    await close_it(director)
    pdf = await dossier_pdf(harness, director)
    assert "Choice Votes Share of answers" in pdf, pdf
    assert "4. " in pdf and "100%" in pdf and "Comments No comment." in pdf
