"""A Telegram first name holding a direction mark (U+202E turns what follows round) is stored without
it: the direction's notices, team list and removal confirmation read as written, naming whom they name."""

from __future__ import annotations

from sqlmodel import select

from models.parsing.text import person_name
from models.tables import User
from tests.dossier_steps import join, open_home

MARKS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


async def test_a_name_with_a_right_to_left_override_does_not_turn_the_directions_lines_round(harness):
    boss = await join(harness, 1501, "fr")
    mate = harness.user(1502, first_name="Zoé\u202eollo", language_code="fr")
    await mate.send(f"/start {boss.invitations.member_token}")
    await harness.run_background()
    await open_home(boss)
    await boss.press("🤝")
    await boss.press("➖")
    shown = [m.get("text", "") for m in boss.messages] + boss.buttons()
    assert not [text for text in shown if any(mark in text for mark in MARKS)], shown
    assert any("Zoéollo" in text for text in shown), shown
    async with harness.database.transaction() as session:
        assert (await session.exec(select(User.first_name).where(User.id == 1502))).one() == "Zoéollo"


def test_a_name_keeps_its_letters_emoji_and_joined_emoji():
    assert person_name("  Zoé\u202e  \u2067ollo\u2069 ") == "Zoé ollo"
    assert person_name("Ali\tBaba\n") == "Ali Baba"
    assert person_name("👩\u200d👩\u200d👧 Famille") == "👩\u200d👩\u200d👧 Famille"  # the joiner stays
    assert person_name("سارة") == "سارة" and person_name(None) == "" and len(person_name("x" * 300)) == 200
