"""The readable /mesdonnees: in the person's words and language, without the database's numbers."""

from __future__ import annotations

from conversations.render.commitments.personal_words import INTERNAL, LABELS
from models.privacy.registry import PERSON_COLUMNS
from tests.conversations.test_personal_data import ZEPH, a_bit_of_everything, document_content


def test_every_column_about_people_is_either_named_or_left_out_on_purpose():
    columns = {stored.name for column in PERSON_COLUMNS for stored in column.table.__table__.columns}
    assert columns - set(LABELS) - INTERNAL == set()
    assert set(LABELS) & INTERNAL == set()


async def test_the_readable_export_speaks_french_and_leaves_the_numbers_out(harness):
    zeph, _colleague = await a_bit_of_everything(harness)
    await zeph.send("/mesdonnees")
    readable = document_content(harness, [m for m in zeph.replies if "document" in m][1]).decode()
    assert "Prénom\u00a0: Zéphyrine" in readable
    assert "Langue de votre application Telegram\u00a0: fr" in readable
    assert "Créé le\u00a0: lundi 23 novembre 2026 à 10 h 30" in readable  # Paris time, in words
    assert "Pourquoi\u00a0: pour que la coopérative et le comité sachent qui a modifié quoi" in readable
    # the audit: one line an entry
    assert "lundi 23 novembre 2026 à 10 h 30 — engagement 5 choisi\n" in readable
    assert "lundi 23 novembre 2026 à 10 h 30 — arrivée dans l’équipe\u00a0: direction\n" in readable
    # news kept so each is sent once: what it said, not its JSON
    assert "Ce que disait la nouvelle\u00a0: refuse · 2026-11-23" in readable
    columns = {stored.name for column in PERSON_COLUMNS for stored in column.table.__table__.columns}
    assert [name for name in columns if f"{name}:" in readable or f"{name}\u00a0:" in readable] == []
    assert "2026-11-23T" not in readable and "{" not in readable
    body = readable.split("\n", 2)[2]  # the header names the person's Telegram id, nothing below it
    assert str(ZEPH) not in body
