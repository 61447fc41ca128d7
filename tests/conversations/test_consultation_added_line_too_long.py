"""A line typed on the ballot joins the comment already there on a new line, within 1,000 characters:
a short line refused because the comment is long says so (the comment's length, what is left), not
« Your text has 1,016 characters » about a text of 25; the line is given back whole, the comment kept."""

from __future__ import annotations

from sqlmodel import select

from models.tables import ConsultationAnswer
from tests.conversations.test_consultations import prepare_default
from tests.dossier_steps import join

COMMENT = "Un avis détaillé. " * 55  # 990 characters, its last space dropped: 989


async def test_a_short_line_too_long_for_the_comment_it_joins_says_how_much_room_is_left(world):
    harness, _clock = world
    director = await join(harness, 3971, "fr", "Coop Ajout")
    link = await prepare_default(director, "15/12/2026", lang="fr")
    guest = harness.user(3972, "Léa", "fr")
    await guest.send("/start " + link.rsplit("start=", 1)[1])
    await guest.paste(COMMENT)
    line = "Et le samedi aussi, merci."
    await guest.send(line)
    said = guest.reply_text()
    assert "Votre texte compte" not in said, said
    assert "Votre commentaire compte déjà 989\u00a0caractères" in said, said
    assert "il reste 10\u00a0caractères" in said and "1\u202f000" in said, said
    assert guest.replies[-1]["text"] == line and not guest.replies[-1].get("entities")  # whole, plain
    async with harness.database.transaction() as session:
        answer = (await session.exec(select(ConsultationAnswer))).one()
    assert answer.comment == COMMENT.strip()
    await guest.send("Merci.")  # 6 characters and the line break: they fit
    async with harness.database.transaction() as session:
        answer = (await session.exec(select(ConsultationAnswer))).one()
    assert answer.comment == COMMENT.strip() + "\nMerci."
