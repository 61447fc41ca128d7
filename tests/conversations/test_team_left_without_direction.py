"""A coop whose last member of the direction erased their data: the colleagues left are told once each, in
their language (nobody can submit nor provide the letter; the federation is told and is who they write to),
and their dossier's home says it as long as no direction is back."""

from __future__ import annotations

from tests.conftest import ADMIN_ID
from tests.conversations.test_team_rejoin import coop_with_old_links
from tests.dossier_steps import open_home

GONE_FR = "⚠️ Coop Alpha n’a plus de direction dans l’assistant"
HOME_FR = "Votre coopérative n’a plus de direction dans l’assistant"


async def a_coop_whose_direction_erased(harness):
    alpha = await coop_with_old_links(harness, "Coop Alpha")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await admin.send("/start")
    zoe = harness.user(6300001, "Zoé", "fr")
    await zoe.send(f"/start {alpha.direction_token}")
    carol = harness.user(6300002, "Carol", "fr")
    await carol.send(f"/start {alpha.member_token}")
    bob = harness.user(6300003, "Bob", "en")
    await bob.send(f"/start {alpha.member_token}")
    await harness.run_background()  # the arrivals' news out of the way
    await zoe.send("/supprimer")
    await zoe.press("🗑 Oui, effacer mes données")
    return alpha, admin, carol, bob


def told(user, head: str) -> list[str]:
    return [text for text in user.texts() if text.startswith(head)]


async def test_the_colleagues_left_are_told_once_each_in_their_language(harness):
    _alpha, admin, carol, bob = await a_coop_whose_direction_erased(harness)
    await harness.run_background()
    await harness.run_background()  # a second run (another instance's) sends nothing again
    (to_carol,) = told(carol, GONE_FR)
    assert "personne ne peut soumettre le dossier ni fournir la lettre d’engagement" in to_carol
    assert "La fédération en est informée" in to_carol and "/federation" in to_carol
    assert carol.buttons(carol.messages[-1]) == ["💬 Solliciter la fédération"]
    (to_bob,) = told(bob, "⚠️ Coop Alpha has no direction in the assistant any more")
    assert "The federation has been told" in to_bob and "/federation" in to_bob
    assert not told(admin, "⚠️")  # the admins have their own news (🏛), with what they do
    assert len(told(admin, "🏛 Coop Alpha")) == 1


async def test_the_home_says_it_while_no_direction_is_back(harness):
    alpha, _admin, carol, _bob = await a_coop_whose_direction_erased(harness)
    await open_home(carol)
    assert HOME_FR in carol.last_text and "/federation" in carol.last_text
    dana = harness.user(6300004, "Dana", "fr")
    await dana.send(f"/start {alpha.direction_token}")  # the federation's link: a direction again
    await harness.run_background()
    assert not told(carol, GONE_FR)  # news of a direction gone, once one is back: not sent
    await open_home(carol)
    assert HOME_FR not in carol.last_text


async def test_a_coop_whose_direction_never_came_is_not_said_to_have_lost_it(harness):
    alpha = await coop_with_old_links(harness, "Coop Alpha")
    carol = harness.user(6300005, "Carol", "fr")
    await carol.send(f"/start {alpha.member_token}")
    await open_home(carol)
    assert HOME_FR not in carol.last_text
