"""The chat's « which one do we keep? » box shows the value stored now, and « keep theirs » says the value
it keeps when that changed after the box was drawn.

Before, the box showed the value found when it opened, while the words (whose change) were read again
from the audit: redrawn after the person's own save in the Mini App it said « Réponse enregistrée : Texte
de Bob » though « Texte de l’app » was stored, and « Garder la réponse enregistrée » kept a text the box
never showed. And « Garder la sienne » after the colleague changed the value again said only « La valeur
de votre collègue est conservée. », keeping a text never seen (the question's « ✅ Garder » says who
changed it and what it is now: the same words here). The person's own answer is still handed back.
« Garder ma réponse » on a value changed since the box opened never writes over it unseen: said the same
way, the box asked again with it (before, redrawn without a word: the same box, once it shows what is
stored, seemed to do nothing), then a second press keeps the answer.
"""

from __future__ import annotations

from sqlmodel import select

from models.tables import Dossier
from tests.conversations.test_editor_terms_changed import plain
from tests.conversations.test_miniapp_api import auth, client
from tests.dossier_steps import join, open_home


async def approach_stored(harness) -> str | None:
    async with harness.database.transaction() as session:
        return (await session.exec(select(Dossier))).one().approach


async def save_approach(harness, who, value: str, expected, session: str | None = None) -> None:
    """``who`` saves the dossier's approach in the Mini App (within a page's ``session`` if given)."""
    async with harness.database.transaction() as db:
        dossier_id = (await db.exec(select(Dossier))).one().id
    change = {
        "entity": "dossier",
        "id": dossier_id,
        "field": "approach",
        "value": value,
        "expected": expected,
    }
    async with client(harness) as http:
        saved = await http.post(
            "/app/api/field", headers=auth(who), json={**change, **({"session": session} if session else {})}
        )
    assert saved.status_code == 200, saved.text


async def box_against_bob(harness, camille_id: int):
    """Bob saves the approach while Camille types hers in the chat: the box."""
    camille = await join(harness, camille_id, "fr", f"Coop {camille_id}")
    bob = harness.user(camille_id + 1, first_name="Bob", language_code="fr")
    await bob.send(f"/start {camille.invitations.member_token}")
    await open_home(camille)
    await camille.press("👥 Démarche")
    await camille.press("✍️ Répondre")
    await save_approach(harness, bob, "Texte de Bob", None)
    await camille.send("Texte de Camille")
    said = plain(camille.last_text)
    assert "Valeur de votre collègue : Texte de Bob" in said, said
    return camille, bob, camille.last


async def test_the_box_redrawn_after_my_own_app_save_shows_what_is_stored(web_harness):
    camille, _bob, _box = await box_against_bob(web_harness, 9946101)
    async with client(web_harness) as http:
        page = (await http.get("/app/api/page", headers=auth(camille))).json()
    await save_approach(web_harness, camille, "Texte de l’app", "Texte de Bob", page["session"])
    async with client(web_harness) as http:
        await http.post("/app/api/closed", headers=auth(camille), json={"session": page["session"]})
    box = camille.last
    said = plain(box["text"])
    assert "Réponse enregistrée : Texte de l’app" in said and "Texte de Bob" not in said, said
    assert "Votre réponse : Texte de Camille" in said, said
    await camille.press("Garder la réponse enregistrée", box)
    said = plain(camille.reply_text())
    assert "Texte de l’app" in said and "collègue" not in said, said
    assert "Texte de Camille" in said, said  # her answer, stored nowhere, handed back
    assert await approach_stored(web_harness) == "Texte de l’app"


async def test_keep_theirs_after_they_changed_it_again_names_what_is_kept(web_harness):
    camille, bob, box = await box_against_bob(web_harness, 9946111)
    await save_approach(web_harness, bob, "Bob a encore changé", "Texte de Bob")
    await camille.press("Garder la sienne", box)
    said = plain(camille.reply_text())
    assert said.startswith(
        "ℹ️ Bob a modifié « Démarche et objectifs » entre-temps : c’est désormais « Bob a encore changé »."
    ), said
    assert "La valeur de votre collègue est conservée." not in said, said
    assert "Texte de Camille" in said, said  # handed back, as before
    assert await approach_stored(web_harness) == "Bob a encore changé"


async def test_keep_theirs_unchanged_since_is_said_as_before(web_harness):
    camille, _bob, box = await box_against_bob(web_harness, 9946121)
    await camille.press("Garder la sienne", box)
    said = plain(camille.reply_text())
    assert said.startswith("✅ La valeur de votre collègue est conservée."), said
    assert await approach_stored(web_harness) == "Texte de Bob"


async def test_keep_mine_after_they_changed_it_again_says_so_and_asks_again(web_harness):
    camille, bob, box = await box_against_bob(web_harness, 9946131)
    await save_approach(web_harness, bob, "Bob a encore changé", "Texte de Bob")
    await camille.press("Garder ma réponse", box)
    said = plain(camille.reply_text())
    assert said.startswith(
        "ℹ️ Bob a modifié « Démarche et objectifs » entre-temps : c’est désormais « Bob a encore changé »."
    ), said
    assert "Valeur de votre collègue : Bob a encore changé\nVotre réponse : Texte de Camille" in said, said
    assert await approach_stored(web_harness) == "Bob a encore changé"
    await camille.press("Garder ma réponse")
    assert await approach_stored(web_harness) == "Texte de Camille"
