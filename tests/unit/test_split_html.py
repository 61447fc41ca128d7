"""A long HTML text is cut into messages that are each valid HTML: a tag open where a cut falls is
closed at the end of the part and opened again at the start of the next, every character keeps its
formatting, and each part stays within what Telegram takes (as Telegram's own parser counts)."""

from __future__ import annotations

import pytest

from conversations.render.html import bold, e, italic, shown_length, units
from conversations.render.review import in_messages
from conversations.ui.messages import split_text
from tests.fakes.entities import parse_html, utf16_len

LIMIT = 4096


def words(length: int, seed: str) -> str:
    """« seed0 seed1 … » up to ``length`` characters, ending with a full stop."""
    text, n = "", 0
    while len(text) < length:
        text += f"{seed}{n} "
        n += 1
    return text[: length - 1] + "."


def formatting(parts: list[str]) -> tuple[str, set[tuple]]:
    """The text Telegram shows for the parts put end to end, and each of its characters' formatting
    (type, link, position): what a reader sees, whatever the cuts. Fails if a part is not valid HTML."""
    shown, marks = "", set()
    for part in parts:
        text, entities = parse_html(part)  # raises « can't parse entities », as Telegram would
        for entity in entities:
            start = utf16_len(shown) + entity["offset"]
            marks |= {
                (entity["type"], entity.get("url"), at) for at in range(start, start + entity["length"])
            }
        shown += text
    return shown, marks


def assert_cut_well(text: str, parts: list[str], limit: int = LIMIT) -> None:
    """Several parts, each within the limit in the HTML sent, showing the text as it was formatted."""
    assert len(parts) > 1 and all(units(part) <= limit for part in parts), [units(p) for p in parts]
    assert formatting(parts) == formatting([text])


def test_an_italic_note_of_paragraphs_is_closed_and_opened_again_at_the_cut():
    """The bilan's reasons: « A\\n\\nB » in italics, eight of them; the cut fell at the last paragraph
    break, inside <i>…</i>, and Telegram refused the message."""
    notes = [italic(words(480, f"raison{k}a") + "\n\n" + words(480, f"suite{k}b")) for k in range(8)]
    text = "📝 " + bold("Bilan") + "\n\n" + "\n".join(f"• Action {k}\n{note}" for k, note in enumerate(notes))
    parts = split_text(text)
    assert_cut_well(text, parts)
    assert parts[0].endswith("\n\n</i>") and parts[1].startswith("<i>suite")  # at the paragraph break


def test_nested_tags_and_a_link_over_the_cut():
    link = '<a href="https://coop.example.org/rapport?annee=2025&amp;page=2">'
    text = "<b>Titre <i>" + words(3000, "mot") + "</i> " + link + words(3000, "lien") + "</a> fin</b>"
    parts = split_text(text)
    assert_cut_well(text, parts)
    assert parts[0].endswith("</a></b>") and parts[1].startswith("<b>" + link)  # the same link goes on


def test_a_space_inside_a_tag_is_never_a_cut():
    spoiler = '<span class="tg-spoiler">'
    text = ("mot " * 10 + spoiler + "caché" + "</span> ") * 200
    parts = split_text(text, 300)
    assert_cut_well(text, parts, 300)


def test_an_entity_at_the_cut_stays_whole():
    text = bold(("Tom & Jerry " * 400) + "R&D" * 2000)  # « &amp; » over every cut, then one long word
    parts = split_text(text)
    assert_cut_well(text, parts)
    assert all("&" not in part.replace("&amp;", "") for part in parts)


def test_a_word_longer_than_a_message_is_cut_inside_its_bold():
    text = "Début " + bold("x" * 5000) + " fin"
    parts = split_text(text)
    assert_cut_well(text, parts)
    # the word from its own message on (a word is cut only where no break would do), as full as fits
    assert parts[0] == "Début " and [units(part) for part in parts[1:]] == [4096, 3 + 911 + 4 + 4]
    assert parts[1] == "<b>" + "x" * 4089 + "</b>" and parts[2] == "<b>" + "x" * 911 + "</b> fin"


@pytest.mark.parametrize("title", ["Part de BRS", "Part de BRS\n\ndans la production annuelle"])
def test_a_heading_is_never_left_alone_before_a_long_answer(title):
    """A bold title (of two paragraphs, as the chat once kept them) then a long rationale: the first
    message is not the title alone, and the title's bold is never left open."""
    text = "📈 " + bold(title) + "\n   Pourquoi : " + e(words(5500, "raison"))
    parts = split_text(text)
    assert_cut_well(text, parts)
    assert units(parts[0]) > LIMIT / 2 and parts[0].index("</b>") < parts[0].index("raison")


def test_a_plain_text_keeps_what_was_typed():
    """Sent back without parse mode, « <b> » typed is text: no tag is closed or added at a cut."""
    typed = "<b>gras " + words(6000, "mot")
    parts = split_text(typed, plain=True)
    assert len(parts) == 2 and "".join(parts) == typed and "</b>" not in "".join(parts)


def test_counted_as_telegram_counts_the_parsed_text():
    """The recap fills its messages by the text shown: « &amp; » counts one, a tag nothing."""
    text = bold(("Tom & Jerry < " * 500).strip())  # 7,000 characters shown, 9,500 as HTML
    parts = split_text(text, shown=True)
    assert len(parts) == 2 and shown_length(parts[0]) > 4000
    assert all(utf16_len(parse_html(part)[0]) <= LIMIT for part in parts)
    assert formatting(parts) == formatting([text])


def test_the_recap_cuts_a_long_section_as_every_message_is_cut():
    """/recap's messages: a section too long for one is cut by ``split_text`` (tags closed at the cut),
    the sections around it kept whole."""
    long = "📈 " + bold("Part de BRS\n\ndans la production annuelle") + "\n" + e(words(6000, "raison"))
    messages = in_messages(["📄 " + bold("Dossier"), long, "✅ Complet"])
    assert len(messages) == 3 and all(shown_length(message) <= LIMIT for message in messages)
    assert formatting(messages[1:]) == formatting([long + "\n\n✅ Complet"])
