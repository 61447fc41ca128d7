"""A member builds the dossier; the direction signs the letter and submits. They reach each other:
a member asks the direction for its letter (once a day), the coop hears when the letter arrives, and
« mark as ready » tells the direction, through the outbox, each in their language."""

from __future__ import annotations

import json
import re

from sqlmodel import select

from models.tables import FederationRoleName, Notification
from models.users import grant_federation_role
from tests.conversations.test_label_journey import COMMITTEE_ID, decide
from tests.dossier_steps import EN_ANSWERS, choose, fill_suggested_indicator, open_home, upload_letter

CODES = [1, 2, 5, 6, 9, 10, 3, 7]
ASK = "📨 Ask the direction for the letter"


async def all_but_the_letter(user) -> None:
    """Every part of the dossier filled in through the chat, in English, but the direction's letter."""
    await choose(user, CODES)
    for code in CODES:
        await fill_suggested_indicator(user, code, EN_ANSWERS)
    await open_home(user)
    await user.press("👥 Approach")
    await user.press("✍️ Answer")
    for text in ("Our approach.", "Staff meeting.", "A letter to residents.", "Not yet."):
        await user.send(text)


async def outbox(harness, kind: str) -> list[Notification]:
    async with harness.database.transaction() as session:
        return list((await session.exec(select(Notification).where(Notification.kind == kind))).all())


async def test_a_member_asks_for_the_letter_hears_of_it_and_the_direction_hears_the_dossier_is_ready(world):
    harness, clock = world
    coop = await harness.add_coop("Coop Les Tilleuls")
    dominique = harness.user(600, first_name="Dominique", language_code="fr")
    await dominique.send("/start " + coop.direction_token)
    alex = harness.user(602, first_name="Alex", language_code="en")
    await alex.send("/start " + coop.direction_token)
    sam = harness.user(601, first_name="Sam", language_code="en")
    await sam.send("/start " + coop.member_token)
    lou = harness.user(603, first_name="Lou", language_code="fr")
    await lou.send("/start " + coop.member_token)
    await all_but_the_letter(sam)
    await harness.run_background()

    # Sam asks the direction from the documents screen: both its members, by name
    await open_home(sam)
    await sam.press("📎 Documents", sam.last)
    assert ASK in sam.buttons()
    await sam.press(ASK, sam.last)
    assert "Your request was sent to Dominique and Alex, of the direction." in sam.last_text
    assert "You will be told when the letter is added." in sam.last_text
    assert len(await outbox(harness, "letter_asked")) == 2  # queued with the request, not later
    await harness.run_background()
    asked = dominique.last_text
    assert "Sam vous demande la lettre d’engagement de la direction, pour le dossier Quali’Coop" in asked
    assert "C’est la dernière chose qui manque au dossier." in asked
    assert "Sam asks you for the commitment letter of the direction" in alex.last_text
    assert alex.buttons() == ["📎 Add the commitment letter"]

    # once a day per dossier: the same day (Paris) it is said when, the next day it goes again
    clock.advance(hours=12)  # 22:30 in Paris
    await sam.press(ASK, sam.last)
    assert (
        "The direction was already asked for the letter today at 10:30: once a day at most." in sam.last_text
    )
    await lou.send("/dossier")
    await lou.press("📎 Documents", lou.last)
    await lou.press("📨 Demander la lettre à la direction", lou.last)
    assert re.search("déjà été demandée à la direction aujourd’hui à 10\\s?h\\s?30", lou.last_text)
    assert len(await outbox(harness, "letter_asked")) == 2
    clock.advance(hours=2)  # 00:30 the next day
    await sam.press(ASK, sam.last)
    assert "Your request was sent to" in sam.last_text
    assert len(await outbox(harness, "letter_asked")) == 4
    await harness.run_background()

    # the direction's own button opens the letter's upload, from the request's message
    await dominique.press("📎 Ajouter la lettre d’engagement", dominique.last)
    assert "Envoyez maintenant le fichier" in dominique.last_text
    await dominique.send_document(
        "lettre.pdf",
        b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
        "application/pdf",
    )
    await dominique.press("✅ Garder")
    await harness.run_background()
    added = "Dominique added the commitment letter of the direction to the Quali’Coop dossier of Coop Les Tilleuls."
    assert (
        added in sam.last_text and "Everything is complete: the dossier can be marked ready." in sam.last_text
    )
    assert "Dominique a ajouté la lettre d’engagement de la direction" in lou.last_text
    assert added in alex.last_text
    assert "Dominique" not in dominique.last_text  # not told of their own letter

    # a request pressed after the letter came: nothing sent, the letter is there
    await alex.press("📎 Add the commitment letter", alex.messages[-2])
    assert "The commitment letter is already in the dossier." in alex.replies[-1]["text"]

    # Sam marks the dossier ready: the direction is told, each in their language, with the next meeting
    await open_home(sam)
    await sam.press("✅ Mark as ready", sam.last)
    assert "The dossier is marked ready to submit." in sam.last_text
    assert "The direction was told: Dominique and Alex." in sam.last_text
    assert len(await outbox(harness, "dossier_ready")) == 2
    await harness.run_background()
    ready = dominique.last_text
    assert "Sam a marqué le dossier Quali’Coop de Coop Les Tilleuls comme prêt à soumettre." in ready
    assert "mardi 1er décembre 2026" in ready
    assert "Sam marked the Quali’Coop dossier of Coop Les Tilleuls as ready to submit." in alex.last_text
    assert "Tuesday 1 December 2026" in alex.last_text
    await dominique.press("🏠 Mon dossier", dominique.last)
    assert "📤 Soumettre au comité" in dominique.buttons()
    # pressed again (an old menu): the direction is not told twice
    dossier_id = json.loads((await outbox(harness, "dossier_ready"))[0].payload)["dossier_id"]
    await sam.press_data(sam.last, f"rd:{dossier_id}")
    assert len(await outbox(harness, "dossier_ready")) == 2


async def test_without_a_direction_the_member_is_sent_to_the_federation(harness):
    coop = await harness.add_coop("Coop Sans Direction")
    sam = harness.user(611, first_name="Sam", language_code="en")
    await sam.send("/start " + coop.member_token)
    await open_home(sam)
    await sam.press("📎 Documents", sam.last)
    await sam.press(ASK, sam.last)
    assert "Nobody from your direction is in the assistant: ask the federation" in sam.last_text
    assert "/federation" in sam.last_text
    assert await outbox(harness, "letter_asked") == []


async def correct_the_approach(user) -> None:
    """Any edit puts a dossier marked ready back to a draft (English)."""
    await open_home(user)
    await user.press("👥 Approach")
    await user.press("✏️ Approach")
    await user.send("Our approach, corrected.")
    await open_home(user)
    assert "Cycle 1 · Draft" in user.last_text


async def test_marked_ready_again_the_direction_is_told_once_a_day_and_again_after_the_committee_asks(world):
    harness, clock = world
    coop = await harness.add_coop("Coop Les Tilleuls")
    dominique = harness.user(620, first_name="Dominique", language_code="fr")
    await dominique.send("/start " + coop.direction_token)
    sam = harness.user(621, first_name="Sam", language_code="en")
    await sam.send("/start " + coop.member_token)
    await all_but_the_letter(sam)
    await upload_letter(dominique)
    await open_home(sam)
    await sam.press("✅ Mark as ready", sam.last)
    assert "The direction was told: Dominique." in sam.last_text
    # a word corrected, marked ready again the same day: the direction is not told the same news twice
    clock.advance(hours=1)
    await correct_the_approach(sam)
    await sam.press("✅ Mark as ready", sam.last)
    assert "The dossier is marked ready to submit." in sam.last_text
    assert (
        "ℹ️ The direction was already told today at 10:30 that the dossier is ready: once a day at most."
        in sam.last_text
    )
    assert len(await outbox(harness, "dossier_ready")) == 1
    # the direction marking it ready again itself hears nothing about being told
    await open_home(dominique)
    await dominique.press("👥 Démarche")
    await dominique.press("✏️ Démarche")
    await dominique.send("Notre démarche.")
    await open_home(dominique)
    await dominique.press("✅ Marquer comme prêt", dominique.last)
    assert dominique.last_text.startswith("✅ Le dossier est marqué comme prêt à soumettre.\n\n🏠")
    # the next day (Paris), it is news again
    clock.advance(hours=13)  # 00:30 the next day in Paris
    await correct_the_approach(sam)
    await sam.press("✅ Mark as ready", sam.last)
    assert "The direction was told: Dominique." in sam.last_text
    assert len(await outbox(harness, "dossier_ready")) == 2
    # submitted, the committee asks for more the same day: ready again after that is news again
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    clock.advance(minutes=10)
    await open_home(dominique)
    await dominique.press("📤 Soumettre")
    await dominique.press("✅ Oui, soumettre")
    clock.advance(minutes=10)
    committee = harness.user(COMMITTEE_ID, "Claude", "fr")
    await decide(committee, "Coop Les Tilleuls", "📝 Demander des compléments", "Précisez la démarche.")
    clock.advance(minutes=10)  # 01:00, the same day
    await correct_the_approach_again(sam)
    await sam.press("✅ Mark as ready", sam.last)
    assert "The direction was told: Dominique." in sam.last_text
    assert len(await outbox(harness, "dossier_ready")) == 3


async def correct_the_approach_again(user) -> None:
    """After the committee's request, the dossier is open again: an edit, then home."""
    await open_home(user)
    await user.press("👥 Approach")
    await user.press("✏️ Approach")
    await user.send("Our approach, made precise.")
    await open_home(user)
