"""Shortened readings (a long bilan's « 📖 Lire » and « 📄 Point d’étape », the committee's « 📄 Relire »)
each message valid HTML, and within the few messages they promise.

A note under an action keeps the line breaks the coop typed, in italics (« <i>first line\nsecond line</i> »):
a shortened reading cut between those two lines ended a message inside <i> and began the next with </i>,
which Telegram refuses (« Can't parse entities »), and the reading stopped after its first message. The
fake Bot API refuses them as Telegram does; each message is checked balanced as well. A consultation's
question typed on two lines is bold on two lines in the committee's review the same way.

Nothing caps how many consultations a coop makes: the committee's shortened review lists the consultations
its shape lists (as /recap does), the others counted and said to be in the PDF, its button below (the
committee has no /pdf)."""

from __future__ import annotations

import re

from sqlmodel import select

from models.tables import Consultation, Dossier
from tests.conversations.test_bilan_reading_large import content, sent
from tests.conversations.test_bilan_reading_large import read as read_bilan
from tests.conversations.test_bilans import admissible_coop
from tests.conversations.test_committee_review_large import read, submitted
from tests.conversations.test_consultation_list_pages import add_consultations
from tests.conversations.test_review_large_dossier import text_of
from tests.dossier_steps import join
from tests.html_tags import balanced


def noted(indicators: int, actions: int) -> dict:
    """A bilan too long to be read whole, every action with a note of two lines (a drop's reason, a step)."""
    frozen = content(indicators, actions, 700)
    for n, item in enumerate(frozen["indicators"]):  # short titles and values: each action on its line
        item.update(title=f"Indicateur {n}", baseline="1", current="2", target="4")
        for m, action in enumerate(item["actions"]):
            action["owner"] = "Direction"
            action["note"] = f"Première ligne de la note {n}.{m}\nDeuxième ligne de la note {n}.{m}"
    return frozen


def sent_html(harness, first: int) -> list[str]:
    """The HTML of every message the bot sent since call ``first`` (refused or not)."""
    return [c.params["text"] for c in harness.fake.calls[first:] if c.method == "sendMessage"]


def assert_notes_whole(harness, first: int, replies: list[dict], indicators: int, actions: int) -> None:
    """Every message sent was taken and is balanced; each note in italics, its two lines together."""
    html = sent_html(harness, first)
    assert len(html) == len(replies), f"{len(html) - len(replies)} of {len(html)} messages refused"
    assert [n for n, message in enumerate(html) if not balanced(message)] == []
    text = "\n".join(m["text"] for m in replies)
    assert any(e["type"] == "italic" for m in replies for e in m.get("entities", []))
    for n in range(indicators):
        for m in range(actions):
            assert f"Première ligne de la note {n}.{m}\nDeuxième ligne de la note {n}.{m}" in text, (n, m)


async def test_the_coop_reads_a_long_bilan_with_notes_on_two_lines(world):
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Notes")
    report = await sent(harness, noted(20, 6))
    await director.send("/bilan")
    await director.press_data(director.last, "blo")
    first = len(harness.fake.calls)
    replies = await director.press("📖 1. Lire")
    assert_notes_whole(harness, first, replies, 20, 6)
    assert "✂️" in read_bilan(harness, first, replies, f"blp:{report}")


async def test_the_committee_reads_it_too(world):
    harness, _clock = world
    _director, _member, committee = await admissible_coop(harness, "Coop Notes")
    report = await sent(harness, noted(20, 6))
    await committee.send("/comite")
    await committee.press("Coop Notes")
    await committee.press("📝 Bilans d’étape")
    first = len(harness.fake.calls)
    replies = await committee.press("📄 Point d’étape")
    assert_notes_whole(harness, first, replies, 20, 6)
    assert "✂️" in read_bilan(harness, first, replies, f"cmbr:{report}:p")


async def test_a_question_on_two_lines_in_a_shortened_review(harness):
    """The committee's review of a dossier whose long answers make it shortened, its consultations' results
    read whole (each question in bold, on the two lines it was asked on): every message taken."""
    director = await join(harness, 8971, "fr", "Coop Questions")
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        for name in ("approach", "staff_information", "members_information", "members_consultation"):
            setattr(dossier, name, text_of(6000, name.upper()))
        session.add(dossier)
    await add_consultations(harness, director, 60)
    async with harness.database.transaction() as session:
        for consultation in (await session.exec(select(Consultation))).all():
            consultation.question = f"{consultation.question[:60]}\n{text_of(300, 'SUITE')}"
            session.add(consultation)
    committee, dossier_id = await submitted(harness, "Coop Questions")
    first = len(harness.fake.calls)
    replies = await committee.press("📄 Relire")
    html = sent_html(harness, first)
    assert len(html) == len(replies), f"{len(html) - len(replies)} of {len(html)} messages refused"
    assert [n for n, message in enumerate(html) if not balanced(message)] == []
    review = read(harness, first, replies, f"cmp:{dossier_id}")
    assert "✂️" in review and review.count(text_of(300, "SUITE")) == 40  # open and closed: not drafts


async def test_the_committee_reads_a_dossier_of_many_consultations_in_a_few_messages(harness):
    """400 consultations (nothing caps them; 267 not drafts) on a small dossier: its review lists the
    first, counts the others and points at the PDF, as the committee can open it; never /pdf, the coop's."""
    director = await join(harness, 8972, "fr", "Coop Sondages")
    await add_consultations(harness, director, 400)
    committee, dossier = await submitted(harness, "Coop Sondages")
    first = len(harness.fake.calls)
    review = read(harness, first, await committee.press("📄 Relire"), f"cmp:{dossier}")
    more = re.search(
        r"\n… et (\d+) consultations de plus\u00a0: avec leurs résultats dans le PDF "
        r"\(«\u00a0📄 PDF\u00a0», ci-dessous\)\.",
        review,
    )
    assert more and int(more[1]) >= 200, review[-600:]
    assert review.count("🗳 «\u00a0Q") + int(more[1]) == 267  # the drafts, one in three, are not evidence
    assert "/pdf" not in review and "/dossier" not in review
