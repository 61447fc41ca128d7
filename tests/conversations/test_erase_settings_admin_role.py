"""/supprimer tells an administrator named in the bot's settings (QUALICOOP_ADMIN_IDS) that this role stays:
the settings give it back at once, only whoever runs the bot can change them. Their other federation
role still goes, and is said to go. Before, the confirmation promised the administrator role went too."""

from __future__ import annotations

from models.tables import FederationRoleName
from models.users import grant_federation_role
from tests.conftest import ADMIN_ID


async def test_an_administrator_of_the_settings_is_told_that_role_stays(harness):
    admin = harness.user(ADMIN_ID, "Adèle", "fr")
    await admin.send("/supprimer")
    said = admin.last_text
    assert "part aussi" not in said and "partent aussi" not in said, said
    assert "paramètres de l’assistant" in said and "reste" in said, said
    async with harness.database.transaction() as session:
        await grant_federation_role(session, ADMIN_ID, FederationRoleName.COMMITTEE)
    await admin.send("/supprimer")
    said = admin.last_text
    assert "Votre rôle à la fédération (membre du comité de validation) part aussi" in said, said
    assert "paramètres de l’assistant" in said


async def test_an_administrator_named_in_the_database_only_is_told_the_role_goes(harness):
    async with harness.database.transaction() as session:
        await grant_federation_role(session, 8960001, FederationRoleName.ADMIN)
    admin = harness.user(8960001, "Bruno", "en")
    await admin.send("/erase")
    assert "Your role at the federation (administrator of the federation) goes too" in admin.last_text
    assert "assistant’s settings" not in admin.last_text
