"""``review.packed``: sections put end to end in full messages, never cut inside a tag.

A note typed on several lines is written « <i>first\nsecond</i> » (a bilan's action note), a question
asked on two lines « <b>« first\nsecond »</b> » (a consultation's results): a message that ended between
those lines left its tag open and the next began with its end tag, both refused by Telegram."""

from __future__ import annotations

import re

import pytest

from conversations.render.html import TAG, shown_length
from conversations.render.review import blocks, packed
from tests.html_tags import balanced


def words(html: str) -> list[str]:
    return TAG.sub("", html).split()


def indicator(n: int, note_lines: int) -> str:
    """An indicator's block: its title, its figures, actions each with a note of ``note_lines`` lines."""
    lines = [f"<b>Indicateur {n}</b>", "   départ 1 → cible 4"]
    for m in range(3):
        lines.append(f"   ⏳ En cours : action {n}.{m} " + "mot " * 40)
        note = "\n".join(f"ligne {k} de la note {n}.{m}" for k in range(note_lines))
        lines.append(f"      <i>{note}</i>")
    return "\n".join(lines)


@pytest.mark.parametrize("limit", [300, 500, 777, 1200, 4096])
def test_no_message_ends_inside_a_note_on_several_lines(limit):
    sections = [
        "📝 <b>Bilan</b>\nPoint d’étape",
        "\n".join(indicator(n, 3) for n in range(30)),
        "⚠️ <b>Fin</b>",
    ]
    messages = packed(sections, limit)
    assert len(messages) > 3
    assert [n for n, message in enumerate(messages) if not balanced(message)] == []
    assert all(shown_length(message) <= limit for message in messages)
    assert words(" ".join(messages)) == words(" ".join(sections))  # nothing lost, nothing added
    for n in range(30):  # a note stays whole in one message
        for m in range(3):
            note = "\n".join(f"ligne {k} de la note {n}.{m}" for k in range(3))
            assert sum(f"<i>{note}</i>" in message for message in messages) == 1, (n, m)


def test_a_bold_question_on_two_lines_is_never_cut_between_them():
    section = "\n".join(
        f"\n<b>« Question {n} posée\nsur deux lignes " + "longue " * 30 + "»</b>\nRésultats"
        for n in range(40)
    )
    messages = packed(["🗳 <b>Consultations</b>", section], 700)
    assert all(balanced(message) for message in messages)
    assert all(shown_length(message) <= 700 for message in messages)
    assert sum(message.count("<b>« Question") for message in messages) == 40


def test_a_tagged_text_longer_than_a_message_is_cut_its_tags_closed_and_opened_again():
    note = "\n".join("ligne " + "mot " * 30 for _ in range(20))  # some 3,000 characters in italics
    messages = packed(
        ["<b>Titre</b>", f"<b>Indicateur</b>\n   action\n      <i>{note}</i>\n<b>Suite</b>"], 1000
    )
    assert len(messages) >= 3 and all(balanced(message) for message in messages)
    assert all(shown_length(message) <= 1000 for message in messages)
    assert words(" ".join(messages)) == words(f"Titre Indicateur action {note} Suite")
    italic = [message for message in messages if "<i>" in message]
    assert len(italic) >= 3 and all(re.search(r"<i>[^<]+</i>", message) for message in italic)


def test_blocks_keep_a_tag_open_over_lines_with_its_line():
    text = "<b>Indicateur</b>\n   action\n      <i>un\ndeux\ntrois</i>\nAutre ligne\n<b>Titre\nsuite</b>"
    assert blocks(text) == [
        "<b>Indicateur</b>\n   action\n      <i>un\ndeux\ntrois</i>",
        "Autre ligne",
        "<b>Titre\nsuite</b>",
    ]
