"""A request to the federation carries one file per message: an album's first photo goes with it, the
next are said not added by their own names (never replacing it); files and texts sent before a
request's subject is chosen are held or given back, never lost."""

from __future__ import annotations

from sqlmodel import select

from models.tables import RequestMessage
from tests.conversations.test_bilans import admissible_coop
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import LETTER_PDF, join, open_home, submit

HEIC = b"\x00\x00\x00\x18ftypheic" + b"0" * 100
NOT_ADDED = "n’a pas été ajoutée"


def jpeg(n: int) -> bytes:
    """A distinct small JPEG."""
    return b"\xff\xd8\xff\xe0" + bytes([n]) * 200 + b"\xff\xd9"


async def stored(harness) -> list[tuple[str, str | None]]:
    """Every request message: (text, file name)."""
    async with harness.database.transaction() as session:
        rows = await session.exec(select(RequestMessage).order_by(RequestMessage.id))
        return [(m.text, m.file_name) for m in rows.all()]


async def album(user, n: int, caption: str | None) -> list[str]:
    """n photos sent at once (one update each, one media_group_id), what each got, joined."""
    said = []
    for i in range(1, n + 1):
        update = user.harness.fake.user_photo(user.tg, jpeg(i), caption=caption if i == 1 else None)
        update["message"]["media_group_id"] = "album-1"
        user.replies = await user.harness.deliver(user.id, update)
        said.append(" ".join(m.get("text") or m.get("caption") or "" for m in user.replies))
    return said


async def at_step_2(harness, tg: int):
    """A member at a new request's step 2/2."""
    lou = await join(harness, tg, "fr", f"Coop {tg}", role="member")
    await lou.send("/federation")
    await lou.press("✍️ Nouvelle demande")
    await lou.press("📊 Indicateurs")
    return lou


async def test_album_at_step_2_keeps_the_first_and_names_the_others(harness):
    lou = await at_step_2(harness, 9775001)
    said = await album(lou, 3, "Nos trois affiches")
    assert await stored(harness) == [("Nos trois affiches", "photo-20261123-103000.jpg")]
    for n, words in ((2, said[1]), (3, said[2])):
        assert f"photo-20261123-103000-{n}.jpg" in words and "Il remplace" not in words, words
        assert "✍️ Écrire" in words, words
    assert "Votre demande, pas encore envoyée" in lou.last_text


async def test_album_on_a_draft_replaces_nothing(harness):
    lou = await at_step_2(harness, 9775002)
    await lou.send("Voici nos affiches")
    said = await album(lou, 3, None)
    assert "Fichier ajouté" in said[0] and "Il remplace" not in " ".join(said), said
    assert await stored(harness) == [("Voici nos affiches", "photo-20261123-103000.jpg")]
    assert NOT_ADDED in said[1] and NOT_ADDED in said[2], said


async def test_album_to_a_submitted_dossier(harness):
    lou = await join(harness, 9775003, "fr", "Coop Soumise Album")
    await complete_dossier(lou)
    await submit(lou)
    await open_home(lou)
    said = await album(lou, 3, "Photos de l’AG")
    assert "Voici ce que vous aviez écrit" in said[0] and "Photos de l’AG" in said[0], said
    assert NOT_ADDED in said[1] and "photo-20261123-103000-3.jpg" in said[2], said
    await lou.press("📍 Un point d’étape")
    await lou.send("Les photos de notre AG")
    assert await stored(harness) == [("Les photos de notre AG", "photo-20261123-103000.jpg")]


async def test_file_on_the_subject_screen_or_the_list_is_held(harness):
    lou = await join(harness, 9775004, "fr", "Coop Liste", role="member")
    await lou.send("/federation")
    await lou.send_document("liste.pdf", LETTER_PDF + b"l", "application/pdf")
    assert "liste.pdf" in lou.last_text and "accompagnera votre message" in lou.last_text
    await lou.send_document("budget.pdf", LETTER_PDF + b"b", "application/pdf")
    assert "📎 budget.pdf (1" in lou.last_text and "Il remplace liste.pdf" in lou.last_text, lou.last_text
    await lou.press("📊 Indicateurs")
    await lou.send("Notre budget")
    assert await stored(harness) == [("Notre budget", "budget.pdf")]


async def test_text_typed_at_the_subject_is_given_back(harness):
    director, _member, _c = await admissible_coop(harness)
    await open_home(director)
    await director.send_document("pv.pdf", LETTER_PDF + b"pv", "application/pdf")
    text = "Voici le PV de notre assemblée générale du 12 mars, avec les votes sur le plan d’actions."
    await director.send(text)
    said = [m.get("text") or "" for m in director.replies]
    assert text in said and "Étape 1/2" in said[-1], said


async def test_refused_file_at_step_2_asks_again_without_the_committee(harness):
    lou = await at_step_2(harness, 9775005)
    update = harness.fake.user_document(lou.tg, "IMG_0001.heic", HEIC, "image/heic", caption="Notre affiche")
    lou.replies = await harness.deliver(lou.id, update)
    said = [m.get("text") or "" for m in lou.replies]
    assert "comité" not in said[0] and "la personne qui la lira" in said[0], said
    assert "Notre affiche" in said and "Votre message à la fédération" in said[-1], said
