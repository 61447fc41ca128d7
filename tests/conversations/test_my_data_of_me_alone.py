"""/mesdonnees says what is about the person, in words that fit them.

Before: the JSON file gave another person's Telegram id with one's own rows: the administrator who
closed one's request (``requestthread.closed_by``), the colleague who sent the bilan one started
(``progressreport.sent_by``), the member whose request an administrator closed (``opened_by``, in the
administrator's file). Now every column naming someone else says « someone else » (one's own id stays).
And the readable file said « Arrivé le : … » of every reader, a woman too; now « Dans l’équipe depuis
le : … »."""

from __future__ import annotations

import json
from datetime import timedelta

from models.dossier.current import current_dossier
from models.federation.drafts import send_draft
from models.federation.requests import new_draft, set_closed
from models.tables import ProgressReport, RequestSubject
from tests.conftest import ADMIN_ID, NOW
from tests.conversations.test_personal_data import document_content
from tests.dossier_steps import join

COLLEAGUE = 8752
SOMEONE_ELSE = "someone else"  # what the JSON file says instead of another person's id


async def my_data(harness, user) -> tuple[dict, str]:
    """/mesdonnees' two files: the JSON one's tables, the readable one's text."""
    await user.send("/mesdonnees")
    documents = [document_content(harness, m) for m in user.replies if "document" in m]
    return json.loads(documents[0])["tables"], documents[1].decode()


async def test_my_data_names_nobody_else_by_their_telegram_id(harness):
    sam = await join(harness, 8751, "fr", "Coop Ids", role="direction")
    bob = harness.user(COLLEAGUE, "Bob", "fr")
    await bob.send(f"/start {sam.invitations.direction_token}")
    admin = harness.user(ADMIN_ID, "Admin", "fr")
    coop = sam.invitations.coop.id
    async with harness.database.transaction() as session:
        thread = await new_draft(session, coop, sam.id, RequestSubject.OTHER, "Bonjour", NOW)
        await send_draft(session, thread, NOW)
        await set_closed(session, thread, True, ADMIN_ID, NOW + timedelta(hours=1))
        dossier = await current_dossier(session, coop)
        bilan = ProgressReport(dossier_id=dossier.id, checkpoint_kind="six_months", created_by=sam.id)
        session.add(bilan)
        bilan.sent_by = COLLEAGUE
    tables, _text = await my_data(harness, sam)
    assert str(ADMIN_ID) not in json.dumps(tables) and str(COLLEAGUE) not in json.dumps(tables)
    [request] = tables["requestthread"]
    assert (request["opened_by"], request["closed_by"]) == (sam.id, SOMEONE_ELSE)
    [report] = tables["progressreport"]
    assert (report["created_by"], report["sent_by"]) == (sam.id, SOMEONE_ELSE)
    tables, _text = await my_data(harness, admin)
    [closed] = tables["requestthread"]
    assert (closed["opened_by"], closed["closed_by"]) == (SOMEONE_ELSE, ADMIN_ID)


async def test_the_day_one_joined_is_said_the_same_to_everyone(harness):
    zoe = await join(harness, 8761, "fr", "Coop Zoé", role="member")
    _tables, readable = await my_data(harness, zoe)
    assert "Coopérative\u00a0: Coop Zoé" in readable
    assert "Dans l’équipe depuis le\u00a0: " in readable, readable
    assert "Arrivé le" not in readable
