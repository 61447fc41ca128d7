"""Long texts are split at clean boundaries under Telegram's 4096-character limit; buttons are shared."""

from conversations.ui import messages
from conversations.ui.messages import inline_button, keyboard, split_text


def test_short_text_is_one_message():
    assert split_text("hello") == ["hello"]


def test_split_at_paragraphs_never_mid_word():
    paragraphs = [f"Paragraph {n}: " + "mot " * 300 for n in range(10)]
    text = "\n\n".join(paragraphs)
    parts = split_text(text)
    assert len(parts) > 1 and all(len(part) <= 4096 for part in parts)
    assert "\n\n".join(parts) == text
    assert all(part.startswith("Paragraph") for part in parts)


def test_a_single_huge_paragraph_splits_on_lines_then_words():
    lines = "\n".join("ligne " * 50 for _ in range(40))
    parts = split_text(lines)
    assert all(len(p) <= 4096 for p in parts) and "\n".join(parts) == lines
    words = "abcdefgh " * 1000
    parts = split_text(words.strip())
    assert all(len(p) <= 4096 for p in parts)
    assert all(not p.startswith(" ") and not p.endswith(" ") for p in parts)
    assert " ".join(parts) == words.strip()


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
