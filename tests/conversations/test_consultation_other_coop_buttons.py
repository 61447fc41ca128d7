"""A consultation's preparation and closing buttons, pressed with another coop's real consultation: the
coop is checked before the role, so a plain member of coop B is told, as coop B's direction is, that
the button is not for their coop — not « your role does not allow this », which speaks of their own
coop. A plain member of coop A is still told their role does not allow it. Nothing changes."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Consultation, ConsultationStatus
from tests.conversations.test_consultations import prepare_default
from tests.dossier_steps import join
from tests.hardening.world import dump

NOT_YOURS = "This button is not for your coop’s dossier, or what it pointed to was removed."
ROLE = "Your role does not allow this."


def presses(draft: int, opened: int) -> list[str]:
    """Every preparation button on the draft, and closing the open one."""
    on_draft = ("cse", "csd", "csf", "csc", "csk", "csp", "csy", "csz")
    return [f"{prefix}:{draft}" for prefix in on_draft] + [
        f"csa:{draft}:l:0",
        f"csx:{opened}",
        f"csxy:{opened}",
    ]


async def test_another_coops_consultation_buttons_are_not_for_their_coop_whatever_their_role(world):
    harness, _clock = world
    direction_a = await join(harness, 8801, "en", "Coop A")
    member_a = harness.user(8802, "Sam", "en")
    await member_a.send(f"/start {direction_a.invitations.member_token}")
    direction_b = await join(harness, 8811, "en", "Coop B")
    member_b = harness.user(8812, "Eve", "en")
    await member_b.send(f"/start {direction_b.invitations.member_token}")
    await prepare_default(direction_a, "15/12/2026")
    await direction_a.press("⬅️ Back")
    await direction_a.press("➕ New consultation")  # a draft left as it is
    async with harness.database.transaction() as session:
        rows = (await session.exec(select(Consultation).order_by(Consultation.id))).all()
    opened = next(c.id for c in rows if c.status == ConsultationStatus.OPEN)
    draft = next(c.id for c in rows if c.status == ConsultationStatus.DRAFT)
    for user in (member_b, direction_b, member_a):
        await user.send("/dossier")
    before = await dump(harness)
    for user, said in ((member_b, NOT_YOURS), (direction_b, NOT_YOURS), (member_a, ROLE)):
        for data in presses(draft, opened):
            await user.press_data(user.last, data)
            assert user.alerts == [said], (user.id, data, user.alerts)
    assert await dump(harness) == before
