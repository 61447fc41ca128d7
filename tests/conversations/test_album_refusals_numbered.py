"""Photos of an album that are refused are each named by their place in the album (« La photo 3 de l’album
n’a pas été ajoutée »), never by the name of a photo saved before them. Before, a refused photo was named
after the second it arrived (« photo-20261123-103000 n’a pas été ajouté »), the very name of the album's first
photo, saved: past the limit, at the dossier's screens or at a written question alike."""

from __future__ import annotations

from models.dossier.attachments import MAX_ATTACHMENTS, add_attachment
from models.dossier.current import current_dossier
from models.users import load_visit
from tests.conversations.test_documents_more import jpeg, send
from tests.dossier_steps import join, open_home


def said(replies: list[dict]) -> str:
    return "\n".join(m.get("text") or m.get("caption") or "" for m in replies)


async def fill(harness, user, count: int) -> None:
    """The dossier holding ``count`` supporting documents already."""
    async with harness.database.transaction() as session:
        visit = await load_visit(session, user.id)
        dossier = await current_dossier(session, visit.coop.id)
        for n in range(count):
            await add_attachment(
                session, dossier, "supporting", label=f"Pièce {n}", file_name=f"piece-{n}.pdf",
                mime_type="application/pdf", size=10, sha256=f"{n:064x}", telegram_file_id=None,
                actor_id=user.id, by_direction=True, now=harness.clock(),
            )  # fmt: skip


async def album(user, count: int, first: int = 1) -> list[str]:
    """``count`` captioned photos sent at once: what each was answered."""
    replies = []
    for n in range(first, first + count):
        update = user.harness.fake.user_photo(user.tg, jpeg(n), caption=f"Visite {n}")
        replies.append(said(await send(user, update, album="visite")))
    return replies


async def test_photos_refused_past_the_limit_are_named_by_their_place_in_the_album(harness):
    director = await join(harness, 9451201, "fr", "Coop Album Plein")
    await fill(harness, director, MAX_ATTACHMENTS - 2)
    await open_home(director)
    await director.press("📎 Documents")
    await director.press("📎 Ajouter une pièce")
    replies = await album(director, 4)
    assert "Document enregistré\u00a0: photo-20261123-103000.jpg" in replies[0], replies[0]
    assert "Document enregistré" in replies[1], replies[1]
    for n in (3, 4):
        text = replies[n - 1]
        assert f"La photo {n} de l’album n’a pas été ajoutée." in text, text
        assert "photo-20261123-103000 n’a pas été ajouté" not in text, text  # the saved first's name
        assert f"Visite {n}" in text  # its caption given back


async def test_an_album_refused_whole_at_the_documents_screen_names_each_photo(harness):
    director = await join(harness, 9451202, "fr", "Coop Album Refusé")
    await fill(harness, director, MAX_ATTACHMENTS)
    await open_home(director)
    await director.press("📎 Documents")
    replies = await album(director, 3)
    for n, text in enumerate(replies, start=1):
        assert f"La photo {n} de l’album n’a pas été ajoutée." in text, text
        assert "30 pièces justificatives au plus" in text, text


async def test_photos_of_an_album_at_a_written_question_are_numbered(harness):
    director = await join(harness, 9451203, "en", "Coop Album Question")
    await open_home(director)
    await director.press("👥 Approach")
    await director.press("✍️ Answer")
    replies = await album(director, 3)
    assert "I need a written answer to this question." in replies[0], replies[0]
    assert "Photo 2 of the album was not added to the dossier either." in replies[1], replies[1]
    assert "Photo 3 of the album was not added to the dossier either." in replies[2], replies[2]
    assert all("photo-2026" not in text for text in replies), replies
