"""A federation administrator who is also on a coop's team writes to the federation from their coop.

Before, the outbox told every admin of the new request, its writer included: Alix got « 📨 Nouvelle
demande de Coop Habitat · 👤 Alix » about the message she had just sent. Now the writer is left out, as
the coop's other news leave out whoever caused them; the other admins are still told."""

from models.tables import FederationRoleName
from models.users import grant_federation_role
from tests.conftest import ADMIN_ID

OTHER_ADMIN = 7000002


async def test_the_writer_is_not_told_of_their_own_request_the_other_admins_are(harness):
    coop = await harness.add_coop("Coop Habitat")
    dominique = harness.user(OTHER_ADMIN, "Dominique", "fr")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, OTHER_ADMIN, FederationRoleName.ADMIN)
    await dominique.send("/start")
    alix = harness.user(ADMIN_ID, "Alix", "fr")
    await alix.send(f"/start {coop.member_token}")
    await alix.send("/federation")
    await alix.press("✍️ Nouvelle demande")
    await alix.press("📊 Indicateurs")
    await alix.send("Comment choisir un indicateur pour l’engagement 5 ?")
    await alix.press("📤 Envoyer à la fédération")
    mine, theirs = len(alix.messages), len(dominique.messages)
    await harness.run_background()
    assert not [text for text in alix.texts()[mine:] if text.startswith("📨")], alix.texts()[mine:]
    told = [text for text in dominique.texts()[theirs:] if text.startswith("📨 Nouvelle demande")]
    assert told and "Coop Habitat" in told[0] and "Alix" in told[0], dominique.texts()[theirs:]
