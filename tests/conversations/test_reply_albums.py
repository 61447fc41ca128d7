"""An admin's reply to a coop's request carries one file: of an album, the first photo goes with the reply
and the next are said not added, by their own names (« photo-…-2.jpg »), as on the coop's side.

Before: each next photo of the album replaced the one held (« Il remplace photo-…-103000.jpg », three
files named alike), or, the first one's caption having sent the reply, started a new reply with it; and
files of the same name in a thread (photos of the same second) showed as identical « 📎 » buttons."""

from __future__ import annotations

from collections import Counter

from sqlmodel import select

from models.tables import RequestMessage
from tests.conftest import ADMIN_ID
from tests.dossier_steps import join

NOT_ADDED = "n’a pas été ajoutée"


def jpeg(n: int) -> bytes:
    """A distinct small JPEG."""
    return b"\xff\xd8\xff\xe0" + bytes([n]) * 200 + b"\xff\xd9"


async def stored(harness) -> list[tuple[str, str | None]]:
    """Every request message: (text, file name)."""
    async with harness.database.transaction() as session:
        rows = await session.exec(select(RequestMessage).order_by(RequestMessage.id))
        return [(m.text, m.file_name) for m in rows.all()]


async def album(user, n: int, caption: str | None, group: str) -> list[str]:
    """n photos sent at once (one update each, one media_group_id), what each got, joined."""
    said = []
    for i in range(1, n + 1):
        update = user.harness.fake.user_photo(user.tg, jpeg(i), caption=caption if i == 1 else None)
        update["message"]["media_group_id"] = group
        user.replies = await user.harness.deliver(user.id, update)
        said.append(" ".join(m.get("text") or m.get("caption") or "" for m in user.replies))
    return said


async def request_open(harness, tg: int):
    """A coop's request, opened by the admin from its notice."""
    sam = await join(harness, tg, "fr", f"Coop {tg}", role="member")
    admin = harness.user(ADMIN_ID, "Dominique", "fr")
    await admin.send("/start")
    await sam.send("/federation")
    await sam.press("✍️")
    await sam.press("💬")
    await sam.send("Avez-vous des exemples d’affiches ?")
    await sam.press("📤")
    await harness.run_background()
    await admin.press("📨")
    return admin


async def test_an_album_at_the_reply_keeps_the_first_photo_and_names_the_others(harness):
    admin = await request_open(harness, 9776001)
    await admin.press("✍️")
    said = await album(admin, 3, None, "g1")
    assert "Fichier prêt" in said[0], said
    for n, words in ((2, said[1]), (3, said[2])):
        assert f"photo-20261123-103000-{n}.jpg" in words and NOT_ADDED in words, words
        assert "Il remplace" not in words, words
    assert "photo-20261123-103000.jpg (1\u00a0ko) accompagnera votre réponse" in admin.last_text
    await admin.send("Voici trois exemples d’affiches.")
    assert (await stored(harness))[1:] == [("Voici trois exemples d’affiches.", "photo-20261123-103000.jpg")]


async def test_an_album_with_a_caption_sends_one_reply(harness):
    admin = await request_open(harness, 9776002)
    said = await album(admin, 3, "Voici nos affiches.", "g2")  # on the thread, without « ✍️ Répondre »
    assert "Réponse envoyée" in said[0], said
    assert NOT_ADDED in said[1] and "photo-20261123-103000-3.jpg" in said[2], said
    assert "Fichier prêt" not in " ".join(said), said  # no new reply begun with a next photo
    assert (await stored(harness))[1:] == [("Voici nos affiches.", "photo-20261123-103000.jpg")]


async def test_files_of_the_same_name_in_a_thread_have_distinct_buttons(harness):
    admin = await request_open(harness, 9776003)
    for text in ("Première affiche.", "Deuxième affiche.", "Troisième affiche."):
        update = harness.fake.user_photo(admin.tg, jpeg(len(text)), caption=text)  # the same second
        admin.replies = await harness.deliver(admin.id, update)
    labels = [label for label in admin.buttons() if label.startswith("📎")]
    assert len(labels) == 3 and not [x for x, n in Counter(labels).items() if n > 1], labels
    names = [name for _text, name in await stored(harness) if name]
    assert len(set(names)) == 3, names
