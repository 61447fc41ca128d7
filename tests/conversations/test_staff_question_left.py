"""A command sent at a federation admin's or a committee member's question leaves it within reach, as it
does for a coop's member: the text typed next comes back whole, saying which command closed the question,
with « ↩️ Reprendre la question », whatever the place the command led to (the inbox, the committee's list)."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Announcement
from tests.conftest import ADMIN_ID
from tests.conversations.test_early_visit import submitted_coop
from tests.harness import BotHarness, ChatUser

CLOSED_BY_HELP = "La question à laquelle vous répondiez a été fermée par /aide"
REOPEN = "↩️ Reprendre la question"
MEETING = "mercredi 9 décembre 9h"
COMMENT = "Le dossier est recevable, bravo à toute l’équipe."


async def at_meeting_date(harness: BotHarness) -> ChatUser:
    """An admin at « Date et heure de la réunion ? » of a new announcement."""
    admin = harness.user(ADMIN_ID, "Alix", "fr")
    await admin.send("/annonce")
    await admin.send("VisioCoop : la Raison d’être")
    assert "Date et heure de la réunion" in admin.last_text
    return admin


async def at_decision_comment(harness: BotHarness) -> ChatUser:
    """A committee member at « Votre commentaire pour la coopérative ? » of a decision."""
    _director, committee = await submitted_coop(harness)
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    await committee.press("✅ Déclarer recevable")
    assert "Votre commentaire" in committee.last_text
    return committee


async def test_the_announcement_question_left_for_a_command_is_within_reach(harness):
    admin = await at_meeting_date(harness)
    await admin.send("/aide")
    replies = [reply.get("text", "") for reply in await admin.send(MEETING)]
    assert CLOSED_BY_HELP in replies[0], replies
    assert "aucune coopérative" not in "\n".join(replies)  # it was no reply to a coop
    assert replies[1] == MEETING  # whole, alone in its message, to copy
    assert admin.buttons() == [REOPEN]
    await admin.press(REOPEN)
    assert "Date et heure de la réunion" in admin.last_text
    await admin.send(MEETING)
    assert "Lien de la visioconférence" in admin.last_text
    async with harness.database.transaction() as session:
        draft = (await session.exec(select(Announcement))).one()
    assert draft.title == "VisioCoop : la Raison d’être" and draft.starts_at is not None


async def test_the_decision_comment_left_for_a_command_is_within_reach(harness):
    committee = await at_decision_comment(harness)
    await committee.send("/aide")
    replies = [reply.get("text", "") for reply in await committee.send(COMMENT)]
    assert CLOSED_BY_HELP in replies[0], replies
    assert "Je n’ai pas compris" not in "\n".join(replies)
    assert replies[1] == COMMENT
    assert committee.buttons() == [REOPEN]
    await committee.press(REOPEN)
    assert "Votre commentaire" in committee.last_text
    await committee.send(COMMENT)
    assert "À quelle date" in committee.last_text  # the comment taken: the decision's date asked next


async def test_the_staffs_question_left_is_forgotten_once_they_move_on(harness):
    """The trace goes with the next screen drawn anew: the inbox's and the committee's own answers again."""
    admin = await at_meeting_date(harness)
    await admin.send("/aide")
    await admin.send("/demandes")
    await admin.send(MEETING)
    assert "n’a été envoyé à aucune coopérative" in admin.reply_text()
    assert REOPEN not in admin.buttons()

    committee = await at_decision_comment(harness)
    await committee.send("/aide")
    await committee.send("/comite")
    await committee.send(COMMENT)
    said = committee.reply_text()  # a screen of buttons: pointed at them, the words given back whole
    assert "Choisissez avec les boutons de cet écran" in said and COMMENT in said, said
    assert REOPEN not in committee.buttons()
