"""A member of the validation committee (or an administrator) taken off a coop's team while at one of its
questions is told so, as a plain member is: which team, since when, and that their federation role stays,
with their commands; the text typed comes back whole. Before, the text got « Ce à quoi vous répondiez a été
supprimé entre-temps… » and « ⬅️ Retour » or /dossier « Ceci est réservé aux membres de l’équipe… », never
the reason. Their own questions (a committee's comment) still take their text."""

from __future__ import annotations

from models.tables import FederationRoleName
from models.users import grant_federation_role
from tests.conversations.test_team import open_team
from tests.conversations.test_team_rejoin import coop_with_old_links

TAKEN_OFF = "Vous ne faites plus partie de l’équipe de Coop Delta"
ROLE_KEPT = "Vous gardez votre rôle à la fédération"


async def test_a_committee_member_taken_off_at_a_question_is_told_why(harness):
    delta = await coop_with_old_links(harness, "Coop Delta")
    cam = harness.user(8940001, "Camille", "fr")
    await cam.send(f"/start {delta.direction_token}")
    colette = harness.user(8940002, "Colette", "fr")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, colette.id, FederationRoleName.COMMITTEE)
    await colette.send(f"/start {delta.member_token}")
    await colette.send("/dossier")
    await colette.press("Démarche")
    await colette.press("Répondre")
    question = colette.last
    await open_team(cam)
    await cam.press("➖ 2. Colette")
    await cam.press("🗑 Oui, retirer de l’équipe")
    typed = "Notre démarche : mesurer ce qui fait de nous une coopérative."
    await colette.send(typed)
    said = "\n".join(colette.texts()[-2:])
    assert TAKEN_OFF in said and "23 novembre 2026" in said and ROLE_KEPT in said, said
    assert "/comite" in said and "supprimé entre-temps" not in said
    assert colette.texts()[-1] == typed  # given back whole
    await colette.press("Retour", question)
    assert TAKEN_OFF in colette.reply_text() and ROLE_KEPT in colette.reply_text()
    await colette.send("/dossier")
    assert TAKEN_OFF in colette.reply_text() and "/comite" in colette.reply_text()
    assert "réservé aux membres" not in colette.reply_text()


async def test_staff_never_on_a_team_are_still_told_it_is_for_teams(harness):
    admin = harness.user(8940003, "Adèle", "fr")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, admin.id, FederationRoleName.ADMIN)
    await admin.send("/dossier")
    assert "réservé aux membres de l’équipe" in admin.reply_text() and "ne faites plus partie" not in (
        admin.reply_text()
    )
