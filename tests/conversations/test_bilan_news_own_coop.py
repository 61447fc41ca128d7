"""A committee member who is also on a coop's team, not its sender. Before, when the direction sent the
coop's bilan d'étape, they got two messages for the one event: the team's « 📤 Dominique a envoyé le bilan
à 6 mois au comité de validation. » and the committee's « 📝 Coop Nouvelles a envoyé son bilan d’étape… ».
Now, as with the submission and « ready for the visit », the coop's own team is left out of the committee's
news (told as colleagues, they decide nothing on their own coop): one message. The committee's other
members still get the committee's news."""

from __future__ import annotations

from models.tables import FederationRoleName
from models.users import grant_federation_role
from tests.conversations.test_bilans import admissible_coop

ON_BOTH = 8000009


async def test_a_committee_member_on_the_team_is_told_of_the_bilan_once(world):
    harness, _clock = world
    director, _member, committee = await admissible_coop(harness, "Coop Nouvelles")
    alix = harness.user(ON_BOTH, "Alix", "fr")
    await alix.send(f"/start {director.invitations.member_token}")  # on the coop's team
    async with harness.database.transaction() as session:
        await grant_federation_role(session, ON_BOTH, FederationRoleName.COMMITTEE)  # and on the committee
    await harness.run_background()
    await director.send("/bilan")
    await director.press("⚠️ Difficultés")
    await director.send("Peu de locataires aux réunions de l’hiver.")
    await director.press("🤝 ")
    await director.press("🙅 ")
    await director.press("📤 ")
    seen = {user.id: len(user.messages) for user in (alix, committee)}
    await director.press("📤 Oui")
    await harness.run_background()
    told = [m.get("text", "") for m in alix.messages[seen[alix.id] :]]
    assert len(told) == 1, told
    assert "Dominique a envoyé le bilan à 6 mois au comité de validation" in told[0]
    committee_news = [m.get("text", "") for m in committee.messages[seen[committee.id] :]]
    assert any("Coop Nouvelles" in text and "bilan" in text for text in committee_news), committee_news
