"""The chat's conflict box after the visitor's OWN change elsewhere (the Mini App on another device): said as
theirs, as the Mini App's 409 (``elsewhere``) and the chat's « ✅ Garder » say it, never « a colleague »;
a colleague's change is still said as a colleague's."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Dossier
from tests.conversations.test_miniapp_api import auth, client
from tests.dossier_steps import join, open_home


async def approach_in_app(harness, who, value: str, expected) -> None:
    """``who`` saves the dossier's approach in the Mini App."""
    async with harness.database.transaction() as session:
        dossier_id = (await session.exec(select(Dossier))).one().id
    async with client(harness) as http:
        saved = await http.post(
            "/app/api/field",
            headers=auth(who),
            json={
                "entity": "dossier",
                "id": dossier_id,
                "field": "approach",
                "value": value,
                "expected": expected,
            },
        )
    assert saved.status_code == 200, saved.text


async def approach_stored(harness) -> str | None:
    async with harness.database.transaction() as session:
        return (await session.exec(select(Dossier))).one().approach


async def test_my_own_mini_app_change_is_not_called_a_colleagues(web_harness):
    camille = await join(web_harness, 7801, "fr", "Coop Own")
    await open_home(camille)
    await camille.press("👥 Démarche")
    await camille.press("✍️ Répondre")  # the chat asks the approach (empty, as shown)
    await approach_in_app(web_harness, camille, "Texte écrit dans l’app", None)  # the same person, elsewhere
    await camille.send("Texte écrit dans le chat")  # back on the phone, the question still open
    said = camille.last_text.replace("\xa0", " ")
    assert "Vous avez modifié « Démarche et objectifs » ailleurs pendant votre saisie." in said, said
    assert "Réponse enregistrée : Texte écrit dans l’app" in said, said
    assert "Votre réponse : Texte écrit dans le chat" in said, said
    assert "collègue" not in said, said
    assert "Garder la sienne" not in camille.buttons(), camille.buttons()
    await camille.press("Garder la réponse enregistrée")
    said = "\n".join(m.get("text", "") for m in camille.replies)
    assert "La réponse enregistrée est conservée." in said and "collègue" not in said, said
    assert await approach_stored(web_harness) == "Texte écrit dans l’app"


async def test_my_own_change_can_be_written_over_from_the_chat(web_harness):
    camille = await join(web_harness, 7803, "fr", "Coop Own Mine")
    await open_home(camille)
    await camille.press("👥 Démarche")
    await camille.press("✍️ Répondre")
    await approach_in_app(web_harness, camille, "Texte de l’app", None)
    await camille.send("Texte du chat")
    await camille.press("Garder ma réponse")
    assert await approach_stored(web_harness) == "Texte du chat"


async def test_a_colleagues_change_is_still_said_as_a_colleagues(web_harness):
    camille = await join(web_harness, 7805, "fr", "Coop Colleague")
    bob = web_harness.user(7806, "Bob", "fr")
    await bob.send(f"/start {camille.invitations.member_token}")
    await open_home(camille)
    await camille.press("👥 Démarche")
    await camille.press("✍️ Répondre")
    await approach_in_app(web_harness, bob, "Texte de Bob", None)
    await camille.send("Texte de Camille")
    said = camille.last_text
    assert "Un collègue a modifié « Démarche et objectifs » pendant votre saisie." in said.replace(
        "\xa0", " "
    ), said
    assert "Valeur de votre collègue" in said and "ailleurs" not in said, said
    await camille.press("Garder la sienne")
    assert "La valeur de votre collègue est conservée." in "\n".join(
        m.get("text", "") for m in camille.replies
    )
    assert await approach_stored(web_harness) == "Texte de Bob"
