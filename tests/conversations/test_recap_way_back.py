"""A screen opened from /recap's ✏️ leads back to the recap (« ⬅️ Récapitulatif »), also
after a change made on it; the same screen opened from the dossier's home has no such button."""

from __future__ import annotations

import pytest

from tests.dossier_steps import EN_ANSWERS, LETTER_PDF, choose, fill_suggested_indicator, join

BACK_FR = "⬅️ Récapitulatif"
BACK_EN = "⬅️ Recap"


async def back_to_the_recap(user, label: str, title: str) -> None:
    """Press the way back: the recap is drawn again, whole, its ✏️ menu last."""
    await user.press(label, user.last)
    assert title in user.reply_text()
    assert any(button.startswith("✏️") for button in user.buttons())


async def press_back(user) -> None:
    """« ⬅️ Back » itself (pressed by its whole label, among others beginning with « ⬅️ »)."""
    rows = user.last["reply_markup"]["inline_keyboard"]
    data = next(button["callback_data"] for row in rows for button in row if button["text"] == "⬅️ Back")
    await user.press_data(user.last, data)


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
    assert {"⬅️ Axe 1", "Axe 3 ➡️"} <= set(camille.buttons())  # each arrow points the way
    await camille.press("⬅️ Axe 1", camille.last)
    assert "✅ 1 · " in " ".join(camille.buttons()) and BACK_FR in camille.buttons()
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


async def test_after_an_approach_text_is_written_the_way_back_to_the_recap_is_still_there(harness):
    camille = await join(harness, 803, "fr", "Coop Démarche")
    await camille.send("/recap")
    await camille.press("✏️ Démarche", camille.last)
    await camille.press("✏️ Info salariés", camille.last)  # the question, a message of its own
    await camille.send("Réunion d’équipe le 12 mai.")
    assert "Réunion d’équipe le 12 mai." in camille.last_text  # the involvement screen again
    assert BACK_FR in camille.buttons()
    await camille.press("✏️ Démarche", camille.last)  # « ⬅️ Retour » from a question keeps it too
    await camille.press("⬅️ Retour", camille.last)
    assert BACK_FR in camille.buttons()
    await camille.press("✍️ Répondre", camille.last)  # the wizard, to its end
    await camille.send("Mesurer ce qui fait de nous une coopérative.")
    await camille.press("✅ Garder", camille.last)  # the staff's text, written above
    for answer in ("Lettre aux habitants.", "Pas encore."):
        await camille.send(answer)
    assert BACK_FR in camille.buttons()
    await back_to_the_recap(camille, BACK_FR, "Coop Démarche")

    await camille.send("/dossier")  # from the home: no recap to go back to, after an edit either
    await camille.press("👥 Démarche", camille.last)
    await camille.press("✏️ Info salariés", camille.last)
    await camille.send("Note interne.")
    assert BACK_FR not in camille.buttons()


async def test_after_a_file_is_added_renamed_or_removed_the_way_back_to_the_recap_is_still_there(harness):
    sam = await join(harness, 804, "en", "Coop Files")
    await sam.send("/recap")
    await sam.press("✏️ Documents", sam.last)
    await sam.press("📎 Add a document", sam.last)
    await sam.send_document("minutes.pdf", LETTER_PDF, "application/pdf")  # then its label
    await sam.send("Minutes of June")
    assert "Minutes of June" in sam.last_text and BACK_EN in sam.buttons()
    await sam.press("📄 1 · ", sam.last)
    await sam.press("✏️ Rename", sam.last)
    await sam.send("Minutes of the AGM")
    assert "Minutes of the AGM" in sam.last_text and BACK_EN in sam.buttons()
    await sam.press("📄 1 · ", sam.last)
    await sam.press("🗑 Remove", sam.last)
    await sam.press("🗑 Yes, remove it", sam.last)
    assert BACK_EN in sam.buttons()
    await back_to_the_recap(sam, BACK_EN, "Coop Files")


async def test_after_an_indicator_is_edited_the_way_back_to_the_recap_is_still_there(harness):
    sam = await join(harness, 805, "en", "Coop Measures")
    await choose(sam, [1])
    await fill_suggested_indicator(sam, 1, EN_ANSWERS)
    await sam.send("/recap")
    await sam.press("✏️ Indicators", sam.last)
    await sam.press(" 1 · ", sam.last)  # the engagement
    await sam.press(" 1 · ", sam.last)  # its indicator
    await sam.press("✏️ Why", sam.last)
    await sam.send("It shows we house modest households, still.")
    assert "still." in sam.last_text and BACK_EN in sam.buttons()  # the indicator's screen again
    await press_back(sam)  # the engagement, then the indicators: still on the way
    assert BACK_EN in sam.buttons()
    await press_back(sam)
    assert "Indicators" in sam.last_text and BACK_EN in sam.buttons()
    await back_to_the_recap(sam, BACK_EN, "Coop Measures")


async def test_another_journey_opened_on_the_way_from_the_recap_keeps_the_way_back(harness):
    camille = await join(harness, 806, "fr", "Coop Consultée")
    await camille.send("/recap")
    await camille.press("✏️ Démarche", camille.last)
    await camille.press("🗳 Consultations", camille.last)
    await camille.press("➕ Nouvelle consultation", camille.last)  # a step deeper, then back twice
    await camille.press("⬅️ Retour", camille.last)
    await camille.press("⬅️ Retour", camille.last)
    assert "Démarche et implication" in camille.last_text and BACK_FR in camille.buttons()
    await back_to_the_recap(camille, BACK_FR, "Coop Consultée")

    await camille.press("✏️ Démarche", camille.last)  # 🏠 ends the way: the home's screens have none
    await camille.press("🏠 Mon dossier", camille.last)
    await camille.press("👥 Démarche", camille.last)
    assert BACK_FR not in camille.buttons()


async def test_network_sharing_opened_on_the_way_from_the_recap_keeps_the_way_back(harness):
    sam = await join(harness, 807, "en", "Coop Shares")
    await choose(sam, [1])
    await sam.send("/recap")
    await sam.press("✏️ Indicators", sam.last)
    await sam.press("🤝 Sharing", sam.last)
    await sam.press("📤 Share our indicators", sam.last)  # a change made there: still on the way
    await press_back(sam)
    assert "Indicators" in sam.last_text and BACK_EN in sam.buttons()
    await back_to_the_recap(sam, BACK_EN, "Coop Shares")


async def test_a_command_starts_a_new_way_even_from_a_screen_opened_from_the_recap(harness):
    sam = await join(harness, 808, "en", "Coop Command")
    await choose(sam, [1])
    await sam.send("/recap")
    await sam.press("✏️ Indicators", sam.last)
    await sam.send("/sharing")  # the command's screen, then back: the indicators as from the home
    await press_back(sam)
    assert "Indicators" in sam.last_text and BACK_EN not in sam.buttons()


async def test_after_a_restart_a_way_left_by_the_home_gives_no_way_back_to_the_recap(harness):
    camille = await join(harness, 809, "fr", "Coop Redémarrée")
    await camille.send("/recap")
    await camille.press("✏️ Démarche", camille.last)
    await camille.press("✏️ Info salariés", camille.last)
    await camille.send("Réunion d’équipe le 12 mai.")  # the involvement screen, saved on the way
    assert BACK_FR in camille.buttons()
    await camille.press("🏠 Mon dossier", camille.last)  # the way ends; menus in that message: unsaved
    await camille.press("Axe 1", camille.last)
    assert BACK_FR not in camille.buttons()
    await harness.restart()  # the process forgets the menus it drew: the saved one is on the way
    await camille.press("⬜ 1 · ", camille.last)  # an engagement chosen on the home's axis
    assert "✅ 1 · " in " ".join(camille.buttons()) and BACK_FR not in camille.buttons()
    await camille.press("Axe 2 ➡️", camille.last)
    assert BACK_FR not in camille.buttons()


async def test_after_a_restart_the_buttons_of_a_screen_on_the_way_still_lead_back_to_the_recap(harness):
    camille = await join(harness, 810, "fr", "Coop Relancée")
    await camille.send("/recap")
    await camille.press("✏️ Axe 1", camille.last)
    await camille.press("⬜ 1 · ", camille.last)
    await harness.restart()  # the saved menu is no longer known on display: the buttons carry the way
    await camille.press("Axe 2 ➡️", camille.last)
    assert BACK_FR in camille.buttons()
