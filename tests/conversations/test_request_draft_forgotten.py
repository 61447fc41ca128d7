"""A request to the federation written and never sent leaves no text behind.

Before: every version of a draft was copied into the audit trail (« demande à la fédération commencée :
… », « … modifiée : … ») and stayed there for ever: after « 🗑 Supprimer le brouillon » the person's own
/mesdonnees still showed it, and neither the 30-day upkeep nor /supprimer took it away (erasure even
kept the draft itself, under « ancien membre »). Now a draft's audit says it was started and changed,
not its words; the draft goes with its author, as an answer never sent does; the words earlier releases
audited go with the draft. A sent request is the federation's record: its text stays, and the audit
keeps the words that went with « send »."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text
from sqlmodel import SQLModel, select

from models.federation.requests import audit_request, new_draft
from models.privacy.retention import DRAFT_DAYS, expire
from models.tables import AuditEntry, RequestSubject, RequestThread
from tests.conftest import NOW
from tests.conversations.test_news_of_who_erased import erase
from tests.conversations.test_personal_data import document_content
from tests.dossier_steps import join

PRIVATE = "Mon voisin Jules Martin ne paie plus son loyer depuis mars"
NAMED = "Jules Martin"


async def tables_holding(harness, words: str) -> list[str]:
    """The tables with a text column holding ``words``, anywhere in the database."""
    found = []
    async with harness.database.engine.connect() as connection:
        for name in SQLModel.metadata.tables:
            for row in (await connection.execute(text(f'SELECT * FROM "{name}"'))).all():
                if any(isinstance(value, str) and words in value for value in row):
                    found.append(name)
    return found


async def write_a_draft(user) -> None:
    """A request about indicators, typed and left as a draft."""
    await user.send("/federation")
    await user.press("✍️ Nouvelle demande")
    await user.press("📊 Indicateurs")
    await user.send(PRIVATE)
    assert "🗑 Supprimer le brouillon" in user.buttons()


async def my_data_in_words(harness, user) -> str:
    """The readable file of /mesdonnees."""
    await user.send("/mesdonnees")
    return document_content(harness, [m for m in user.replies if "document" in m][1]).decode()


async def test_a_deleted_draft_leaves_its_text_nowhere(harness):
    sam = await join(harness, 8731, "fr", "Coop Brouillon", role="member")
    await write_a_draft(sam)
    await sam.press("🗑 Supprimer le brouillon")
    assert await tables_holding(harness, NAMED) == []
    readable = await my_data_in_words(harness, sam)
    assert "demande à la fédération commencée" in readable  # that it was written stays
    assert NAMED not in readable


async def test_an_erased_persons_draft_goes_with_them(harness):
    sam = await join(harness, 8732, "fr", "Coop Brouillon", role="member")
    await write_a_draft(sam)
    await erase(sam)
    assert await tables_holding(harness, NAMED) == []
    async with harness.database.transaction() as session:
        assert (await session.exec(select(RequestThread))).all() == []


async def test_a_draft_expired_takes_the_words_an_earlier_release_audited(harness):
    sam = await join(harness, 8733, "fr", "Coop Brouillon", role="member")
    async with harness.database.transaction() as session:
        thread = await new_draft(session, sam.invitations.coop.id, sam.id, RequestSubject.OTHER, PRIVATE, NOW)
        await audit_request(session, thread, sam.id, "update", NOW, PRIVATE)  # as releases before did
    async with harness.database.transaction() as session:
        assert (await expire(session, NOW + timedelta(days=DRAFT_DAYS + 1)))["drafts"] == 1
    assert await tables_holding(harness, NAMED) == []


async def test_a_sent_requests_text_stays_in_its_message_and_audit(harness):
    sam = await join(harness, 8734, "fr", "Coop Brouillon", role="member")
    await write_a_draft(sam)
    await sam.press("📤 Envoyer à la fédération")
    assert sorted(await tables_holding(harness, NAMED)) == ["auditentry", "requestmessage"]
    async with harness.database.transaction() as session:
        sent = await session.exec(select(AuditEntry.new_value).where(AuditEntry.action == "send"))
        assert sent.all() == [PRIVATE]
