"""/mesdonnees' readable file reads a sent bilan as the committee reads it (its checkpoint, each
indicator's figures and each action's state in words, never the stored JSON), a file sent to the
federation by its size as people write it (« 72 octets », not a count of bytes), and names the coop of
a message to the federation and of its request. The JSON file keeps every value as stored."""

from __future__ import annotations

import json

from models.tables import User
from tests.conversations.test_bilan_cycles import send_bilan
from tests.conversations.test_bilans import admissible_coop
from tests.conversations.test_my_data_says_what_rows_are_about import files, section
from tests.conversations.test_request_files_and_threads import PNG, draft
from tests.dossier_steps import join

BILANS = "Bilans d’étape que vous avez commencés ou envoyés (1)"


async def test_a_sent_bilan_reads_as_its_checkpoint_figures_and_actions_in_words(world):
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Bilan Lu")
    await send_bilan(director, "Peu de locataires aux réunions.")
    tables, text = await files(harness, director)
    bilan = section(text, BILANS)
    assert "• Coopérative\u00a0: Coop Bilan Lu\n" in bilan, bilan
    assert "Point d’étape à 6 mois — " in bilan and "Envoyé le\u00a0: " in bilan, bilan
    assert "Part de logements PSLA/BRS dans la production" in bilan, bilan
    assert "12,5\u00a0%" in bilan and "12.5" not in bilan, bilan  # the value reached, the French way
    assert "Pas commencée\u00a0: " in bilan, bilan  # an action's state in words
    assert "Peu de locataires aux réunions." in bilan, bilan
    for raw in ('"', "{", "six_months", "not_started", "yes_no", "due_on"):
        assert raw not in bilan, (raw, bilan)
    assert max(map(len, bilan.splitlines())) < 200, bilan
    stored = tables["progressreport"][0]  # the JSON file: the content as stored
    assert json.loads(stored["content"])["checkpoint"] == "six_months" and stored["status"] == "sent"


async def test_a_sent_bilan_reads_in_english(world):
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Bilan Read")
    await send_bilan(director, "Few tenants.")
    async with harness.database.transaction() as session:
        (await session.get(User, 5101)).language = "en"
    _, text = await files(harness, director)
    bilan = section(text, "Checkpoint reports you started or sent (1)")
    assert "• Coop: Coop Bilan Read\n" in bilan and "6-month checkpoint — " in bilan, bilan
    assert "Share of PSLA/BRS homes in new production" in bilan and "12.5%" in bilan, bilan
    assert "{" not in bilan and "not_started" not in bilan, bilan


async def test_a_file_sent_to_the_federation_says_its_size_and_its_coop(harness):
    lou = await join(harness, 8231, "fr", "Coop Photo", role="member")
    await draft(lou, "Comment compter les associés ?")
    await lou.send_document("budget.png", PNG, "image/png")
    tables, text = await files(harness, lou)
    messages = section(text, "Vos messages à la fédération (1)")
    assert "• Coopérative\u00a0: Coop Photo\n" in messages, messages
    assert "Taille\u00a0: 72\u00a0octets\n" in messages and "Taille en octets" not in messages, messages
    requests = section(text, "Demandes à la fédération que vous avez ouvertes ou closes (1)")
    assert "• Coopérative\u00a0: Coop Photo\n" in requests, requests
    assert tables["requestmessage"][0]["size"] == 72 and "coop_id" not in tables["requestmessage"][0]


async def test_a_large_file_reads_in_megabytes_in_english(harness):
    from sqlmodel import select

    from models.tables import RequestMessage

    sam = await join(harness, 8232, "en", "Coop Big", role="member")
    await sam.send("/federation")
    await sam.press("✍️ New request")
    await sam.press("📊 Indicators")
    await sam.send("How do we count?")
    await sam.send_document("budget.png", PNG, "image/png")
    async with harness.database.transaction() as session:
        (await session.exec(select(RequestMessage))).one().size = 1_258_291
    tables, text = await files(harness, sam)
    messages = section(text, "Your messages to the federation (1)")
    assert "Size: 1.2 MB\n" in messages and "• Coop: Coop Big\n" in messages, messages
    assert tables["requestmessage"][0]["size"] == 1_258_291
