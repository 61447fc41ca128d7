"""A screen opened from /recap's ✏️ leads back to the recap (« ⬅️ Retour au récapitulatif »), also
after a change made on it; the same screen opened from the dossier's home has no such button."""

from __future__ import annotations

import pytest

from tests.dossier_steps import join

BACK_FR = "⬅️ Retour au récapitulatif"
BACK_EN = "⬅️ Back to the recap"


async def back_to_the_recap(user, label: str, title: str) -> None:
    """Press the way back: the recap is drawn again, whole, its ✏️ menu last."""
    await user.press(label, user.last)
    assert title in user.reply_text()
    assert any(button.startswith("✏️") for button in user.buttons())


async def test_an_axis_opened_from_the_recap_leads_back_to_it_after_a_change(harness):
    camille = await join(harness, 801, "fr", "Coop Retour")
    await camille.send("/recap")
    await camille.press("✏️ Axe 1", camille.last)
    assert BACK_FR in camille.buttons()
    await camille.press("⬜ 1 · ", camille.last)  # an engagement chosen: the axis screen again
    assert "✅ 1 · " in " ".join(camille.buttons())
    assert BACK_FR in camille.buttons()
    await camille.press("Axe 2 ➡️", camille.last)  # another axis, still on the way from the recap
    assert BACK_FR in camille.buttons()
    await back_to_the_recap(camille, BACK_FR, "Coop Retour")
    assert "✅ 1" not in camille.last_text  # the recap's menu, not the axis screen

    await camille.send("/dossier")  # the home's axis: no recap to go back to
    await camille.press("Axe 1", camille.last)
    assert BACK_FR not in camille.buttons()


@pytest.mark.parametrize("edit", ["✏️ Indicators", "✏️ Approach", "✏️ Documents"])
async def test_the_other_parts_opened_from_the_recap_lead_back_to_it(harness, edit):
    sam = await join(harness, 802, "en", "Coop Back")
    await sam.send("/recap")
    await sam.press(edit, sam.last)
    assert BACK_EN in sam.buttons()
    await back_to_the_recap(sam, BACK_EN, "Coop Back")
