"""The coop's consultations a page at a time: nothing caps how many a coop makes (drafts pile up), and a
list of one button each ran past Telegram's 100 buttons (the whole message refused) and its 4,096
characters. Each page is one message Telegram takes; every consultation is reached, in the list's order."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

from models.dossier.current import current_dossier
from models.tables import Consultation
from tests.conftest import NOW
from tests.conversations.test_consultations import open_consultations
from tests.dossier_steps import join

TELEGRAM_MAX_BUTTONS = 100  # more, and Telegram refuses the message (« reply markup is too long »)
# long, and longer still as HTML (« & » is « &amp; »): the list cuts it, its line stays one line
QUESTION = "Que pensez-vous de « R&D <logements> » & de l’entretien des parties communes ? " * 4
STATUSES = ("open", "closed", "draft")


async def add_consultations(harness, director, count: int) -> list[int]:
    """``count`` consultations, open, closed and drafts in turn, the later opened earlier; their ids in
    the list's order: by opening, the oldest first, then the drafts as they were started."""
    coop = director.invitations.coop
    made = []
    async with harness.database.transaction() as session:
        dossier = await current_dossier(session, coop.id)
        for n in range(count):
            status = STATUSES[n % 3]
            consultation = Consultation(
                coop_id=coop.id, dossier_id=dossier.id, created_by=director.id, status=status,
                question=f"Q{n:03d} {QUESTION}", choices=json.dumps(["Oui", "Non"]),
                closes_on=date(2030, 3, 1), opened_at=None if status == "draft" else NOW - timedelta(hours=n),
                closed_at=NOW if status == "closed" else None,
            )  # fmt: skip
            session.add(consultation)
            await session.flush()
            made.append((status == "draft", -n if status != "draft" else n, consultation.id))
    return [consultation_id for *_order, consultation_id in sorted(made)]


def keyboard(message: dict) -> list[dict]:
    return [b for row in (message.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]


async def turn(user, arrow: str) -> None:
    """⬅️ or ➡️ of the list's pages (not « ⬅️ Retour »)."""
    (data,) = [b["callback_data"] for b in keyboard(user.last) if b["text"] == arrow]
    await user.press_data(user.last, data)


async def every_page(user) -> tuple[list[int], list[str]]:
    """The consultations' ids in the order of their numbers, turning ➡️ to the last page; each page
    checked to be one message (the list's own, edited in place) of at most 100 buttons."""
    listed, pages = {}, []
    while True:
        message = user.last
        buttons = keyboard(message)
        assert len(buttons) <= TELEGRAM_MAX_BUTTONS, f"{len(buttons)} buttons on one message"
        pages.append(message["text"])
        for button in buttons:
            if button["callback_data"].startswith("cso:"):
                number = int(re.match(r"\S+ (\d+) · ", button["text"]).group(1))
                listed[number] = int(button["callback_data"].split(":")[1])
        if not any(b["text"] == "➡️" for b in buttons):
            break
        count = len(user.messages)
        await turn(user, "➡️")
        assert len(user.messages) == count, "a page is the list's message, edited, not new messages"
    assert sorted(listed) == list(range(1, len(listed) + 1))  # numbered across pages, none twice
    return [listed[n] for n in sorted(listed)], pages


async def test_a_hundred_and_one_consultations_are_each_reached_a_page_at_a_time(world):
    harness, _clock = world
    director = await join(harness, 3901, "fr", "Coop « R&D » <Habitat> " * 6)
    expected = await add_consultations(harness, director, 101)
    await open_consultations(director, ("👥 Démarche", "🗳 Consultations"))
    count = len(director.messages)
    reached, pages = await every_page(director)
    assert reached == expected  # every one, in the order the list had: by opening, then the drafts
    assert len(director.messages) == count
    assert (
        len(pages) > 1
        and f"Page 1/{len(pages)}" in pages[0]
        and f"Page {len(pages)}/{len(pages)}" in pages[-1]
    )
    assert all("Consultations — Coop" in page for page in pages)  # each page says whose list it is
    assert "➕ Nouvelle consultation" in " ".join(director.buttons())

    while "Page 2/" not in director.last_text:
        await turn(director, "⬅️")
    number = int(re.search(r"^\S+ (\d+)\. ", director.last_text, re.M).group(1))  # the page's first
    await director.press(f" {number} · ")
    assert "⬅️ Retour" in " ".join(director.buttons()) and "Page" not in director.last_text
    await director.press("⬅️ Retour")  # back from a consultation: the page that listed it
    assert "Page 2/" in director.last_text and f" {number}. " in director.last_text


async def test_a_member_pages_through_the_consultations_without_the_drafts(world):
    harness, _clock = world
    director = await join(harness, 3911, "fr", "Coop Pages")
    expected = await add_consultations(harness, director, 101)
    member = harness.user(3912, "Sam", "fr")
    await member.send(f"/start {director.invitations.member_token}")
    await open_consultations(member, ("👥 Démarche", "🗳 Consultations"))
    reached, pages = await every_page(member)
    assert reached == expected[:68]  # the 33 drafts are the direction's, listed last: left out
    assert len(pages) > 1 and "Nouvelle consultation" not in " ".join(member.buttons())
