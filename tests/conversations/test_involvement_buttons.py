"""The approach and involvement screen's ✏️ buttons read whole, in French and in English."""

from __future__ import annotations

import pytest

from conversations.ui.messages import BUTTON_WIDTH, label_width
from tests.dossier_steps import join

EDITS = {
    "fr": ["✏️ Démarche", "✏️ Info salariés", "✏️ Info coopérateurs", "✏️ Consultation"],
    "en": ["✏️ Approach", "✏️ Staff info", "✏️ Coopérateurs info", "✏️ Consultation"],
}


@pytest.mark.parametrize("language", ["fr", "en"])
async def test_each_text_has_a_short_whole_button_two_to_a_row(harness, language):
    """« ✏️ How the coopérateurs were inf… » was cut mid-word: each label fits a phone's half width
    (the harness checks every row of two), none is cut, and each opens its own question."""
    user = await join(harness, 806 + (language == "en"), language, "Coop Mots")
    await user.send("/dossier")
    await user.press("👥 ", user.last)
    rows = user.last["reply_markup"]["inline_keyboard"]
    edits = [button["text"] for row in rows for button in row if button["text"].startswith("✏️")]
    assert edits == EDITS[language]
    assert all(label_width(label) <= BUTTON_WIDTH and "…" not in label for label in edits)
    assert [len(row) for row in rows if row[0]["text"].startswith("✏️")] == [2, 2]
    await user.press(EDITS[language][2], user.last)
    assert "coopérateurs" in user.last_text
