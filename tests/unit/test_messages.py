"""Long texts are split at clean boundaries under Telegram's 4096-character limit; buttons are shared."""

from conversations.ui import messages
from conversations.ui.messages import inline_button, keyboard, split_text, units


def test_short_text_is_one_message():
    assert split_text("hello") == ["hello"]


def test_split_at_paragraphs_never_mid_word():
    paragraphs = [f"Paragraph {n}: " + "mot " * 300 for n in range(10)]
    text = "\n\n".join(paragraphs)
    parts = split_text(text)
    assert len(parts) > 1 and all(len(part) <= 4096 for part in parts)
    assert "".join(parts) == text  # the paragraph break ends the part before it
    assert all(part.startswith("Paragraph") for part in parts)
    assert all(part.endswith("\n\n") for part in parts[:-1])


def test_a_single_huge_paragraph_splits_on_lines_then_words():
    lines = "\n".join("ligne " * 50 for _ in range(40))
    parts = split_text(lines)
    assert all(len(p) <= 4096 for p in parts) and "".join(parts) == lines
    assert all(p.endswith(" \n") and p.startswith("ligne") for p in parts[:-1])
    words = "abcdefgh " * 1000
    parts = split_text(words.strip())
    assert all(len(p) <= 4096 for p in parts)
    assert all(p.startswith("abcdefgh") and p.endswith("abcdefgh ") for p in parts[:-1])
    assert "".join(parts) == words.strip()


def test_nothing_is_dropped_where_a_text_is_cut():
    """5,500 characters came back as 4,089 + 1,410: the space between was dropped, and two words glued
    when the parts were copied back. The space now ends the first part, within the limit."""
    text = " ".join(f"demarche{n}" for n in range(600))[:5499] + "."
    parts = split_text(text)
    assert "".join(parts) == text and len(parts) == 2
    assert parts[0].endswith(" ") and units(parts[0]) <= 4096
    assert set(" ".join(parts).split()) <= set(text.split())  # whole words only
    emoji = ("Nos locataires 👍🏽 et l’équipe 👨‍👩‍👧‍👦 ont voté.\n" * 400).strip()
    parts = split_text(emoji)
    assert "".join(parts) == emoji and all(units(p) <= 4096 for p in parts)
    assert all(p.endswith(".\n") for p in parts[:-1])


def test_blank_space_at_the_very_end_goes_with_the_last_part_or_is_left_out():
    parts = split_text("mot " * 1023 + "fin" + " " * 10)  # 4,095 characters and blank space
    assert all(p.strip() for p in parts) and all(units(p) <= 4096 for p in parts)
    assert "".join(parts).rstrip() == ("mot " * 1023 + "fin")


def test_a_word_longer_than_a_message_is_cut():
    parts = split_text("x" * 9000)
    assert [len(p) for p in parts] == [4096, 4096, 808]


def test_a_long_word_is_never_cut_inside_an_html_entity():
    word = "&amp;" * 3000
    parts = split_text(word)
    assert "".join(parts) == word
    assert all(len(p) <= 4096 and p.startswith("&amp;") and p.endswith("&amp;") for p in parts)


def test_a_button_is_built_once_and_the_kept_ones_stay_bounded():
    back = inline_button("⬅️ Retour", "ho")
    assert inline_button("⬅️ Retour", "ho") is back  # PTB's buttons are frozen: shared safely
    assert keyboard([("⬅️ Retour", "ho")]).inline_keyboard[0][0] is back
    assert inline_button("⬅️ Back", "ho") is not back and inline_button("⬅️ Retour", "ax:1") is not back
    for n in range(messages._BUTTONS_KEPT + 10):
        inline_button(f"Engagement {n}", f"en:{n}")
    assert len(messages._BUTTONS) <= messages._BUTTONS_KEPT
    assert inline_button("⬅️ Retour", "ho").callback_data == "ho"


def test_the_message_limit_is_telegrams():
    """The renderers may not import telegram: their limit is Telegram's own, checked here."""
    from telegram.constants import MessageLimit

    from conversations.render.html import MESSAGE_LIMIT

    assert MESSAGE_LIMIT == MessageLimit.MAX_TEXT_LENGTH
