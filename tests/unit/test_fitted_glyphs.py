"""A button's label cut to fit is cut between what a phone draws as one character: never inside an emoji
sequence (« 👩‍💼 », a flag, a keycap, a skin tone) nor between a letter and its accent."""

from __future__ import annotations

from conversations.ui.messages import BUTTON_WIDTH, fitted, label_width

JOINER, SELECTOR = "\u200d", "\ufe0f"


def test_a_name_ending_in_an_emoji_sequence_is_cut_before_it_or_after_it_whole():
    for name in (
        "Jean-Marc Dupont-Lefebvre 👩‍💼",
        "Jean-Marc Dupont 👩‍💼 de la coop",
        "Jean-Marc Dupon 👨‍👩‍👧‍👦 et famille",
        "Marie-Claire Dup 🇫🇷🇧🇪 équipe",
        "Marie-Claire Dupo 👍🏽 équipe",
        "Marie-Claire D 1️⃣ 2️⃣ 3️⃣ ❤️ 🏳️‍🌈 x",
        "Marie-Claire Dup e\u0301e\u0301e\u0301 équipe",  # letters and their accents, decomposed
    ):
        for prefix in ("➖ 3. ", "➖ 12. ", "📄 2 · ", ""):
            for width in range(8, BUTTON_WIDTH + 12):
                label = fitted(prefix, name, width)
                kept = label[len(prefix) :].removesuffix("…")
                assert label_width(label) <= width, (label, width)
                assert not kept.endswith(JOINER), (label, width)
                flags = sum(1 for c in kept if 0x1F1E6 <= ord(c) <= 0x1F1FF)
                assert flags % 2 == 0, (label, width)  # a flag is two letters: never one alone
                assert name.startswith(kept), (label, width)
                rest = name[len(kept) :]  # what follows was not half of what ``kept`` ends with
                assert not rest.startswith((JOINER, SELECTOR, "\u0301", "\u20e3", "\U0001f3fd")), (
                    label,
                    width,
                )


def test_a_plain_label_is_cut_as_before():
    assert fitted("📄 2 · ", "Bilan annuel de la gérance locative") == "📄 2 · Bilan annuel…"
    assert fitted("📄 1 · ", "Statuts") == "📄 1 · Statuts"
    assert fitted("➖ 3. ", "Jean-Marc 👩‍💼") == "➖ 3. Jean-Marc 👩‍💼"
