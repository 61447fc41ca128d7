"""A sent bilan read as text — the coop's « 📖 1. Lire » and the committee's « 📄 Point d’étape à 6 mois » —
of the largest dossier the product allows (120 indicators, each with 10 actions of 1,000 characters,
values of 300, 3,000 characters of difficulties and of help wanted): a few messages (at most 12, the
buttons on the last), not hundreds — the bot answers one update at a time and Telegram about one message a
second in a chat — « typing… » first; its long texts shortened with « … » and a line saying everything is
whole in its PDF, whose button is beside « ⬅️ Retour »; every indicator still named, its actions counted by
state. A bilan of a few messages is read whole, as before."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from sqlmodel import select

from models.tables import Dossier, ProgressReport, ReportStatus
from tests.conversations.test_bilans import admissible_coop
from tests.conversations.test_review_large_dossier import MOST, text_of, units

STATES = ("done", "in_progress", "not_started", "dropped")
DIRECTOR = 5101  # admissible_coop's direction


def content(indicators: int, actions: int, length: int) -> dict:
    """A bilan's frozen content: ``indicators`` indicators with text values of 300 characters, each with
    ``actions`` actions of ``length`` characters, their states in turn (a dropped one with its reason)."""
    return {
        "checkpoint": "six_months",
        "due_on": "2027-05-23",
        "indicators": [
            {
                "title": text_of(200, f"I{n}"), "kind": "text", "unit": None,
                "baseline": text_of(300, "B"), "current": text_of(300, "C"), "current_on": "2027-04-20",
                "target": text_of(300, "T"), "target_date": "2028-05-31",
                "actions": [
                    {
                        "description": text_of(length, f"A{n}.{m}"), "owner": text_of(200, "O"),
                        "status": STATES[m % 4], "note": text_of(500, "N") if m % 4 == 3 else None,
                    }
                    for m in range(actions)
                ],
            }
            for n in range(indicators)
        ],
        "difficulties": text_of(3000, "DIFFICULTES"),
        "help_wanted": text_of(3000, "AIDE"),
    }  # fmt: skip


async def sent(harness, frozen: dict) -> int:
    """The bilan sent (written as sending freezes it); its id."""
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        report = ProgressReport(
            dossier_id=dossier.id, checkpoint_kind="six_months", status=ReportStatus.SENT,
            difficulties=frozen["difficulties"], help_wanted=frozen["help_wanted"], created_by=DIRECTOR,
            sent_by=DIRECTOR, sent_at=datetime(2027, 4, 23, 8, tzinfo=UTC),
            content=json.dumps(frozen, ensure_ascii=False),
        )  # fmt: skip
        session.add(report)
        await session.flush()
        return report.id


def read(harness, first: int, replies: list[dict], pdf: str) -> str:
    """The bilan's messages, checked: « typing… » first, at most MOST, each within Telegram's limit,
    ⬅️ and 📄 PDF (``pdf``: its data) on the last only; their text end to end."""
    assert len(replies) <= MOST, len(replies)
    calls = [c for c in harness.fake.calls[first:] if c.method != "answerCallbackQuery"]
    assert calls[0].method == "sendChatAction" and calls[0].params["action"] == "typing"
    assert all(units(m["text"]) <= 4096 for m in replies), [units(m["text"]) for m in replies]
    assert all("reply_markup" not in m for m in replies[:-1])
    buttons = [b for row in replies[-1]["reply_markup"]["inline_keyboard"] for b in row]
    assert [b["text"] for b in buttons] == ["⬅️ Retour", "📄 PDF"] and buttons[1]["callback_data"] == pdf
    return "\n".join(m["text"] for m in replies)


def assert_every_indicator(text: str, indicators: int) -> None:
    """Every indicator by its title (whole, or its first words and « … »), its actions counted by state;
    the texts shortened, and where they are whole."""
    for n in range(indicators):
        title = text_of(200, f"I{n}")
        shown = re.search(rf"\n({re.escape(title[:40])}[^\n]*)\n", text)
        assert shown and (shown[1] == title or shown[1].endswith("…")), n
    counted = "• 10 actions — ⬜ Pas commencée\u00a0: 2 · ⏳ En cours\u00a0: 3 · ✅ Terminée\u00a0: 3 · 🚫 Abandonnée\u00a0: 2"
    assert text.count(counted) == indicators
    note = "✂️ Bilan très long\u00a0: pour tenir en quelques messages, ses textes longs sont abrégés ici (…)"
    assert note in text and "Tout est en entier dans son PDF («\u00a0📄 PDF\u00a0», ci-dessous)." in text
    assert "DIFFICULTES d’habitat & <solidaire>" in text and "AIDE d’habitat" in text  # their beginnings
    assert text_of(3000, "DIFFICULTES") not in text and "…\n" in text


async def test_the_coop_reads_the_largest_bilan_in_a_few_messages(world):
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Immense")
    report = await sent(harness, content(120, 10, 1000))
    await director.send("/bilan")
    await director.press_data(director.last, "blo")
    first = len(harness.fake.calls)
    replies = await director.press("📖 1. Lire")
    assert_every_indicator(read(harness, first, replies, f"blp:{report}"), 120)


async def test_the_committee_reads_it_the_same_way(world):
    harness, _clock = world
    _director, _member, committee = await admissible_coop(harness, "Coop Immense")
    report = await sent(harness, content(120, 10, 1000))
    await committee.send("/comite")
    await committee.press("Coop Immense")
    await committee.press("📝 Bilans d’étape")
    first = len(harness.fake.calls)
    replies = await committee.press("📄 Point d’étape")
    assert_every_indicator(read(harness, first, replies, f"cmbr:{report}:p"), 120)


async def test_a_long_bilan_names_every_action_its_long_texts_shortened(world):
    """24 indicators with 3 actions of 1,000 characters: some thirty messages whole; shortened, each
    action still named by its first words, with its state and who carries it."""
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Bavarde")
    report = await sent(harness, content(24, 3, 1000))
    await director.send("/bilan")
    await director.press_data(director.last, "blo")
    first = len(harness.fake.calls)
    text = read(harness, first, await director.press("📖 1. Lire"), f"blp:{report}")
    assert (
        "✂️ Bilan long\u00a0: pour tenir en quelques messages, ses textes longs sont abrégés ici (…)." in text
    )
    for n in range(24):
        for m, state in enumerate(("Terminée", "En cours", "Pas commencée")):
            action = re.search(rf"{state}\u00a0: (A{n}\.{m} [^\n]*) — O ", text)
            assert action and action[1].endswith("…") and len(action[1]) <= 200, (n, m)


async def test_a_bilan_of_a_few_messages_is_read_whole_after_typing(world):
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Longue")
    frozen = content(2, 1, 100)
    frozen["difficulties"] = text_of(3000, "DIFFICULTES") + " FIN"
    frozen["help_wanted"] = text_of(3000, "AIDE") + " FIN"
    await sent(harness, frozen)
    await director.send("/bilan")
    await director.press_data(director.last, "blo")
    first = len(harness.fake.calls)
    replies = await director.press("📖 1. Lire")
    methods = [c.method for c in harness.fake.calls[first:] if c.method != "answerCallbackQuery"]
    assert methods[:2] == ["sendChatAction", "sendMessage"] and 1 < len(replies) <= 3
    text = "".join(m["text"] for m in replies)
    assert "✂️" not in text and text.count(" FIN") == 2 and text_of(3000, "AIDE") in text
    assert director.buttons(replies[-1]) == ["⬅️ Retour"]


async def test_a_short_bilan_is_one_message_without_typing(world):
    harness, _clock = world
    _director, _member, committee = await admissible_coop(harness, "Coop Courte")
    frozen = content(1, 1, 100)
    frozen["difficulties"], frozen["help_wanted"] = "Peu de monde.", ""
    await sent(harness, frozen)
    await committee.send("/comite")
    await committee.press("Coop Courte")
    await committee.press("📝 Bilans d’étape")
    first = len(harness.fake.calls)
    replies = await committee.press("📄 Point d’étape")
    assert len(replies) == 1 and "✂️" not in replies[0]["text"] and "Peu de monde." in replies[0]["text"]
    assert "sendChatAction" not in [c.method for c in harness.fake.calls[first:]]
    assert committee.buttons(replies[0]) == ["⬅️ Retour"]


async def test_the_largest_bilan_typed_in_emoji_still_fits(world):
    """Two UTF-16 units a character, every title, value and text as long as allowed: the barest shape."""
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Émoji")
    frozen = content(120, 10, 10)
    for item in frozen["indicators"]:
        item["title"], item["baseline"], item["current"], item["target"] = ("🏠" * 200, *["🏠" * 300] * 3)
        for action in item["actions"]:
            action.update(description="🏠 " * 500, owner="🏠" * 200, note="🏠 " * 1500)
    frozen["difficulties"] = frozen["help_wanted"] = "🏠 " * 1500
    report = await sent(harness, frozen)
    await director.send("/bilan")
    await director.press_data(director.last, "blo")
    first = len(harness.fake.calls)
    text = read(harness, first, await director.press("📖 1. Lire"), f"blp:{report}")
    assert text.count("10 actions — ") == 120
