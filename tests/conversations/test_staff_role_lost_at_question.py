"""Federation staff taken off their role (``qualicoop admin remove ID [--committee]``) while at one of
their questions (an announcement's date, a decision's comment or date), and in no coop: the first text
typed there is refused in the words of the lost role, given back whole, with where to go (/aide); a
command (/annuler, /start, /aide) leaves that question, giving back what it held, and the text typed next
is an ordinary message of someone in no coop, never an answer to the question left. A committee member
who is on a coop's team too is refused the same way, then their dossier's home."""

from __future__ import annotations

import pytest

from models.tables import FederationRoleName
from models.users import revoke_federation_role
from tests.conversations.test_announcement_drafts import admin_role
from tests.conversations.test_early_visit import COMMITTEE_ID, submitted_coop
from tests.conversations.test_staff_question_left import at_decision_comment
from tests.dossier_steps import join
from tests.harness import BotHarness, ChatUser

ROLE_REFUSED = "Votre rôle ne le permet pas."
COMMITTEE_ONLY = "Ceci est réservé au comité de validation."
WAY_FORWARD = "Toutes les commandes à votre disposition\u00a0: /aide."
REMOVED = "a été supprimé entre-temps"
GIVEN_BACK = "Voici ce que vous aviez écrit, pour ne pas le perdre"
HELD_GIVEN_BACK = (
    "Cette question n’est plus ouverte\u00a0: ce que vous y aviez écrit n’a été ni envoyé ni enregistré."
)
# what someone in no coop is told of a text that answers nothing
NOT_UNDERSTOOD = "Je n’ai pas compris. Pour commencer, ouvrez le lien d’invitation"
COMMENT = "Dossier complet, bravo."


async def off_committee(harness: BotHarness) -> None:
    """`qualicoop admin remove COMMITTEE_ID --committee`."""
    async with harness.database.transaction() as session:
        assert await revoke_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)


at_comment = at_decision_comment  # a committee member in no coop, at a decision's comment


async def former_admin_at_meeting_date(harness: BotHarness) -> ChatUser:
    """An admin in no coop at the meeting's date of a new announcement, then taken off."""
    former = harness.user(555, "Ex", "fr")
    await admin_role(harness, 555, True)
    await former.send("/annonce")
    await former.send("VisioCoop")
    await admin_role(harness, 555, False)  # qualicoop admin remove 555
    return former


def said_since(user: ChatUser, before: int) -> str:
    return "\n".join(user.texts()[before:])


async def test_a_former_admin_s_first_text_at_the_question_says_where_to_go(harness):
    former = await former_admin_at_meeting_date(harness)
    before = len(former.messages)
    await former.send("9 décembre 9h")
    assert harness.errors == []
    # given back whole, to copy
    assert former.texts()[before:] == [
        f"⚠️ {ROLE_REFUSED} {WAY_FORWARD}\n{GIVEN_BACK}\u00a0:",
        "9 décembre 9h",
    ]


@pytest.mark.parametrize("command", ["/annuler", "/start", "/aide"])
async def test_a_former_admin_s_command_leaves_the_announcement_question(harness, command):
    former = await former_admin_at_meeting_date(harness)
    await former.send(command)
    before = len(former.messages)
    await former.send("bonjour")
    said = said_since(former, before)
    assert ROLE_REFUSED not in said and GIVEN_BACK not in said, said
    assert said.startswith(NOT_UNDERSTOOD), said  # what anyone in no coop is told
    assert harness.errors == []


@pytest.mark.parametrize("command", ["/annuler", "/start", "/aide"])
async def test_a_former_committee_member_s_command_leaves_the_comment_question(world, command):
    harness, _clock = world
    committee = await at_comment(harness)
    await off_committee(harness)
    await committee.send(command)
    before = len(committee.messages)
    await committee.send("bonjour")
    said = said_since(committee, before)
    assert REMOVED not in said and COMMITTEE_ONLY not in said and GIVEN_BACK not in said, said
    assert said.startswith(NOT_UNDERSTOOD), said


async def test_cancel_at_the_date_question_gives_the_comment_back_and_leaves_it(world):
    harness, _clock = world
    committee = await at_comment(harness)
    await committee.send(COMMENT)
    assert "À quelle date" in committee.last_text
    await off_committee(harness)
    before = len(committee.messages)
    await committee.send("/annuler")
    said = committee.texts()[before:]
    assert f"⚠️ {HELD_GIVEN_BACK}\n{GIVEN_BACK}\u00a0:" in said and COMMENT in said  # never lost
    before = len(committee.messages)
    await committee.send("20/11/2026")
    assert said_since(committee, before).startswith(NOT_UNDERSTOOD)


async def test_a_comment_typed_after_losing_the_committee_role_is_refused_as_such(world):
    harness, _clock = world
    committee = await at_comment(harness)
    await off_committee(harness)
    before = len(committee.messages)
    await committee.send(COMMENT)
    said = said_since(committee, before)
    assert REMOVED not in said, said  # nothing was deleted: the role was taken back
    refused = f"⚠️ {COMMITTEE_ONLY} {WAY_FORWARD}\n{GIVEN_BACK}\u00a0:"
    assert committee.texts()[before:] == [refused, COMMENT]  # given back whole


async def test_a_date_typed_after_losing_the_committee_role_is_refused_as_such(world):
    harness, _clock = world
    committee = await at_comment(harness)
    await committee.send(COMMENT)
    await off_committee(harness)
    before = len(committee.messages)
    await committee.send("20/11/2026")
    said = said_since(committee, before)
    assert REMOVED not in said, said
    refused = f"⚠️ {COMMITTEE_ONLY} {WAY_FORWARD}\n{GIVEN_BACK}\u00a0:"
    assert committee.texts()[before:] == [refused, "20/11/2026"]


async def test_a_committee_member_on_a_coop_s_team_is_refused_so_then_goes_home(world):
    harness, _clock = world
    _director, committee = await submitted_coop(harness)
    await join(harness, COMMITTEE_ID, "fr", "Coop Voisine")
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    await committee.press("✅ Déclarer recevable")
    await off_committee(harness)
    before = len(committee.messages)
    await committee.send(COMMENT)
    said = committee.texts()[before:]
    assert REMOVED not in "\n".join(said)
    assert said[0] == f"⚠️ {COMMITTEE_ONLY}\n{GIVEN_BACK}\u00a0:" and said[1] == COMMENT
    assert said[-1].startswith("🏠")  # their dossier's home: the way on
