"""The readable /mesdonnees: in the person's words and language, without the database's numbers."""

from __future__ import annotations

from conversations.render.commitments.personal_words import INTERNAL, LABELS
from models.privacy.registry import PERSON_COLUMNS
from tests.conversations.test_personal_data import ZEPH, a_bit_of_everything, document_content
from tests.dossier_steps import EN_ANSWERS, FR_ANSWERS, choose, fill_suggested_indicator, join


def test_every_column_about_people_is_either_named_or_left_out_on_purpose():
    columns = {stored.name for column in PERSON_COLUMNS for stored in column.table.__table__.columns}
    assert columns - set(LABELS) - INTERNAL == set()
    assert set(LABELS) & INTERNAL == set()


async def test_the_readable_export_speaks_french_and_leaves_the_numbers_out(harness):
    zeph, _colleague = await a_bit_of_everything(harness)
    await zeph.send("/mesdonnees")
    readable = document_content(harness, [m for m in zeph.replies if "document" in m][1]).decode()
    assert "Prénom\u00a0: Zéphyrine" in readable
    assert "Langue de votre application Telegram\u00a0: français" in readable
    assert "Créé le\u00a0: lundi 23 novembre 2026 à 10 h 30" in readable  # Paris time, in words
    assert "Pourquoi\u00a0: pour que la coopérative et le comité sachent qui a modifié quoi" in readable
    # the audit: one line an entry, the coop it was about named
    assert "lundi 23 novembre 2026 à 10 h 30 — Coop Données — engagement 5 choisi\n" in readable
    joined = "lundi 23 novembre 2026 à 10 h 30 — Coop Données — arrivée dans l’équipe\u00a0: membre de la direction"
    assert f"{joined}\n" in readable
    # news kept so each is sent once: what it said in words, not its JSON nor its codes
    assert "Type\u00a0: décision du comité\n" in readable and "Statut\u00a0: envoi en attente\n" in readable
    assert "Ce que disait la nouvelle\u00a0: Non retenu par le comité · 23 novembre 2026\n" in readable
    columns = {stored.name for column in PERSON_COLUMNS for stored in column.table.__table__.columns}
    assert [name for name in columns if f"{name}:" in readable or f"{name}\u00a0:" in readable] == []
    assert "2026-11-23T" not in readable and "{" not in readable
    body = readable.split("\n", 2)[2]  # the header names the person's Telegram id, nothing below it
    assert str(ZEPH) not in body


async def readable_of(harness, user) -> str:
    """The readable file of /mesdonnees (the second document sent)."""
    await user.send("/mesdonnees")
    return document_content(harness, [m for m in user.replies if "document" in m][1]).decode()


async def test_a_dossiers_changes_read_in_french_with_no_internal_value(harness):
    director = await join(harness, 8901, "fr", "Coop Mots")
    member = harness.user(8902, language_code="fr")
    await member.send(f"/start {director.invitations.member_token}")
    await choose(director, [1])
    await fill_suggested_indicator(director, 1, FR_ANSWERS)
    text = await readable_of(harness, director)
    assert "indicateur modifié (Valeur actuelle)\u00a0: 12,5\n" in text
    assert "indicateur modifié (Date cible)\u00a0: 31 mai 2028\n" in text
    assert "action du plan modifiée (Échéance)\u00a0: mars 2027\n" in text  # typed as a month: one line
    assert "Type\u00a0: arrivée dans l’équipe\n" in text and "Statut\u00a0: envoi en attente\n" in text
    assert "Ce que disait la nouvelle\u00a0: Camille · Coop Mots · membre\n" in text
    for raw in ("due_precision", "month", "12.5", "2028-05-31", "Écran", "team_joined", "pending", "False"):
        assert raw not in text, raw
    text = await readable_of(harness, member)
    assert "Rôle\u00a0: membre\n" in text and "arrivée dans l’équipe\u00a0: membre\n" in text


async def test_an_english_reader_gets_words_not_codes(harness):
    director = await join(harness, 8903, "en", "Coop Words")
    await choose(director, [1])
    await fill_suggested_indicator(director, 1, EN_ANSWERS)
    text = await readable_of(harness, director)
    assert "joined the team: direction\n" in text and "(Due date): March 2027\n" in text
    assert "Language of your Telegram app: English" in text
    for raw in ("due_precision", "month", "2028-05-31", "Screen", "team_joined", "pending"):
        assert raw not in text, raw
