"""« ❌ Annuler la réunion » and « 🕘 Changer l’horaire » pressed once the meeting can no longer change say
why, on the meeting's screen, as the confirmations' « Oui » do.

The broadcast's report keeps both buttons. Before: pressed after a colleague cancelled the meeting, or
once it had begun, they gave a bare « Ce menu n’est plus à jour : voici où vous en êtes » and the
federation's inbox (« 📨 Demandes des coopératives »), not a word of the meeting. Now: « annulée
entre-temps » or « a commencé », « rien n’a été changé », and the meeting's screen, with no button that
cannot work. The same from « 📅 Réunions à venir »' meeting screen.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conversations.test_meeting_confirmation_overtaken import (
    MEETING,
    no_dead_yes,
    open_from_list,
    sent_meeting,
    status,
)

CANCEL, MOVE = "❌ Annuler la réunion", "🕘 Changer l’horaire"
NOT_CHANGED = "rien n’a été changé"


async def cancelled_by_the_colleague(colleague) -> None:
    """The colleague cancels the meeting from « 📅 Réunions à venir »."""
    await open_from_list(colleague)
    await colleague.press(CANCEL)
    await colleague.press("Oui, annuler")


def said_on_the_meeting(admin, words: str) -> None:
    """What happened said on the meeting's own screen, nothing of the inbox, no change left to try."""
    said = admin.reply_text()
    assert words in said and NOT_CHANGED in said, said
    assert "VisioCoop" in said and "Demandes des coopératives" not in said, said
    assert CANCEL not in admin.buttons() and MOVE not in admin.buttons(), admin.buttons()
    no_dead_yes(admin)


@pytest.mark.parametrize("label", [CANCEL, MOVE], ids=["cancel", "move"])
async def test_a_report_button_after_a_colleague_cancelled_says_it_was_cancelled(tmp_path, label):
    bot, _clock, admin, colleague = await sent_meeting(tmp_path)
    try:
        report, _data = admin.find_button(label)
        await cancelled_by_the_colleague(colleague)
        await admin.press(label, report)
        said_on_the_meeting(admin, "annulée entre-temps")
        assert "❌ Annulée" in admin.reply_text()
        assert (await status(bot)) == ("cancelled", MEETING)
    finally:
        await bot.stop()


@pytest.mark.parametrize("label", [CANCEL, MOVE], ids=["cancel", "move"])
async def test_a_report_button_once_the_meeting_began_says_it_began(tmp_path, label):
    bot, clock, admin, _colleague = await sent_meeting(tmp_path)
    try:
        report, _data = admin.find_button(label)
        clock.now = MEETING + timedelta(minutes=5)
        await admin.press(label, report)
        said_on_the_meeting(admin, "a commencé")
        assert (await status(bot)) == ("done", MEETING)
    finally:
        await bot.stop()


async def test_the_upcoming_lists_meeting_after_a_colleague_cancelled_says_so(tmp_path):
    bot, _clock, admin, colleague = await sent_meeting(tmp_path)
    try:
        await open_from_list(admin)
        await cancelled_by_the_colleague(colleague)
        await admin.press(MOVE)
        said_on_the_meeting(admin, "annulée entre-temps")
        assert admin.buttons() == ["⬅️ Retour"], admin.buttons()  # the list's meeting: back to its page
        assert (await status(bot)) == ("cancelled", MEETING)
    finally:
        await bot.stop()
