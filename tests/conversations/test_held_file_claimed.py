"""A file waiting with a question (a letter at « Replace? », a file at a request's step 2/2 or for a
reply) keeps its bytes when it becomes the dossier's letter or a message while the upkeep deletes
unused bytes (models.dossier.files).

The upkeep listed the unused bytes, then read what saved positions hold, then deleted, three
statements: on PostgreSQL (READ COMMITTED) each sees what was committed before it, so a « 🔁 Oui,
remplacer » committed between the first two took the file out of the position after the list was made
and the delete, which re-checked only the age, deleted the bytes the new letter pointed to. Now the
delete itself checks that nothing refers to them (dossier, request, position: one snapshot, where the
file is held or is the row, never neither), and a held file made a row marks its bytes stored now
(``claim_file``), so an upkeep deleting at that moment waits for it and finds them fresh. Bytes gone
all the same (deleted earlier) are asked again, never pointed to. The interleaving is made exact (the
press runs right after the upkeep's list: SQLite and PostgreSQL alike); the row locks are PostgreSQL's."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta

from sqlmodel import delete, select, update

from conversations.ui import states
from models.clock import as_utc, utcnow
from models.dossier.files import FileStore, claim_file, forget_files_held_by, forget_unused_files, sha256_of
from models.tables import Attachment, ChatState, RequestMessage, StoredFile
from tests.conftest import ADMIN_ID
from tests.conversations.test_letter_replaced import DANA_PDF, SAM_PDF, letters
from tests.conversations.test_request_held_files import stored
from tests.conversations.test_unused_files import contents, dana_holds_her_letter
from tests.databases import needs_postgres
from tests.dossier_steps import LETTER_PDF, join

TABLE = LETTER_PDF + b"table"


async def aged(harness, days: int = 30) -> None:
    """Every stored file stored ``days`` ago (held that long at its question)."""
    async with harness.database.transaction() as session:
        await session.exec(update(StoredFile).values(stored_at=utcnow() - timedelta(days=days)))


async def upkeep_while(harness, before, act) -> int:
    """The upkeep's deletion of unused bytes, ``act`` committed right after its first statement (the
    list of unused bytes), as another instance's would."""
    async with harness.database.transaction() as session:
        real, done = session.exec, []

        async def then_act(statement, *args, **kwargs):
            result = await real(statement, *args, **kwargs)
            if not done:
                done.append(True)
                await act()
            return result

        session.exec = then_act
        return await forget_unused_files(session, before)


async def referred(harness) -> list[str]:
    """The digests every dossier's file and request's message points to."""
    async with harness.database.transaction() as session:
        files = (await session.exec(select(Attachment.sha256))).all()
        messages = await session.exec(select(RequestMessage.sha256).where(RequestMessage.sha256.is_not(None)))
        return [*files, *messages.all()]


async def gone(harness, content: bytes) -> None:
    """Bytes deleted (by an upkeep before this version, by hand)."""
    async with harness.database.transaction() as session:
        await session.exec(delete(StoredFile).where(StoredFile.sha256 == sha256_of(content)))


async def test_a_letter_replaced_while_the_upkeep_deletes_keeps_its_bytes(harness):
    _sam, dana = await dana_holds_her_letter(harness, 9760010)
    await aged(harness)  # she answered days later
    # the upkeep's limit after the press itself: only the delete's own check can keep them
    deleted = await upkeep_while(
        harness, utcnow() + timedelta(days=1), lambda: dana.press("🔁 Oui, remplacer")
    )
    assert await letters(harness) == ["lettre-dana.pdf"]
    assert deleted == 0 and DANA_PDF in await contents(harness)  # Sam's, still his when listed, stays too


async def test_a_request_file_sent_while_the_upkeep_deletes_keeps_its_bytes(harness):
    sam = await join(harness, 9760021, "en", "Coop Claimed", role="member")
    await sam.send("/federation")
    await sam.press("✍️ New request")
    await sam.press("📊 Indicators")
    await sam.send_document("table.pdf", TABLE, "application/pdf")  # held at step 2/2
    await aged(harness)
    await upkeep_while(harness, utcnow() + timedelta(days=1), lambda: sam.send("Our table."))
    assert await stored(harness) == [("Our table.", "table.pdf")]
    assert await contents(harness) == [TABLE]


async def test_a_held_file_made_a_row_is_marked_stored_now(harness):
    """As bytes stored again are (``FileStore.keep``): an upkeep deleting at that moment waits for the
    row on PostgreSQL, then finds them fresh (the last test)."""
    _sam, dana = await dana_holds_her_letter(harness, 9760030)
    await aged(harness)
    await dana.press("🔁 Oui, remplacer")
    async with harness.database.transaction() as session:
        row = await session.get(StoredFile, sha256_of(DANA_PDF))
        assert utcnow() - as_utc(row.stored_at) < timedelta(minutes=5)


async def test_a_letter_whose_bytes_are_gone_is_asked_again_and_then_replaces(harness):
    _sam, dana = await dana_holds_her_letter(harness, 9760040)
    await gone(harness, DANA_PDF)
    await dana.press("🔁 Oui, remplacer")
    said = dana.reply_text()
    assert (
        "⚠️ Votre fichier «\u00a0lettre-dana.pdf\u00a0» n’est plus conservé\u00a0: il n’a pas été ajouté."
        in said
    ), said
    assert "Veuillez l’envoyer à nouveau." in said and "Envoyez maintenant le fichier" in dana.last_text, said
    assert await letters(harness) == ["lettre-sam.pdf"] and sha256_of(DANA_PDF) not in await referred(harness)
    await dana.send_document(
        "lettre-dana.pdf", DANA_PDF, "application/pdf"
    )  # the replace agreed: no question
    assert "Remplacer" not in dana.reply_text() and await letters(harness) == ["lettre-dana.pdf"]
    assert sorted(await contents(harness)) == sorted([SAM_PDF, DANA_PDF])


async def test_request_files_whose_bytes_are_gone_are_asked_again(harness):
    sam = await join(harness, 9760051, "en", "Coop Gone", role="member")
    admin = harness.user(ADMIN_ID, "Fed", "en")
    await sam.send("/federation")
    await sam.press("✍️ New request")
    await sam.press("📊 Indicators")
    await sam.send_document("table.pdf", TABLE, "application/pdf")
    await gone(harness, TABLE)
    await sam.send("Our table.")  # the draft is written, without the file; sent again, it joins it
    assert (
        "Your file “table.pdf” is no longer kept: it was not added. Please send it again." in sam.reply_text()
    )
    await sam.send_document("table.pdf", TABLE, "application/pdf")
    assert "File added: table.pdf" in sam.reply_text(), sam.reply_text()
    await sam.press("📤 Send to the federation")
    await sam.send_document("plan.pdf", TABLE + b"plan", "application/pdf")  # a follow-up's
    await gone(harness, TABLE + b"plan")
    await sam.send("And the plan.")
    said = sam.reply_text()
    assert "Sent to the federation." in said and "Your file “plan.pdf” is no longer kept" in said, said
    await admin.send("/requests")
    await admin.press("Coop Gone")
    await admin.send_document("model.pdf", TABLE + b"model", "application/pdf")  # a reply's
    await gone(harness, TABLE + b"model")
    await admin.send("Here it is.")
    said = admin.reply_text()
    assert "Reply sent to 1 person." in said and "Your file “model.pdf” is no longer kept" in said, said
    assert await stored(harness) == [
        ("Our table.", "table.pdf"),
        ("And the plan.", None),
        ("Here it is.", None),
    ]


async def test_an_erasure_keeps_bytes_someone_else_came_to_hold_after_its_check(harness):
    """A person's erasure deletes the bytes their position held unless something else refers to them:
    checked by the delete itself, a colleague holding the same file since is seen (before, the other
    positions were read by a statement of their own, before the delete)."""
    sam, dana = await dana_holds_her_letter(harness, 9760060)
    digest = sha256_of(DANA_PDF)

    async def sam_holds_them_too() -> None:  # the same file sent by Sam, held at his question, committed
        async with harness.database.transaction() as session:
            held = json.dumps({states.FILE_KEY: {"sha256": digest}})
            await session.exec(update(ChatState).where(ChatState.user_id == sam.id).values(data=held))

    async with harness.database.transaction() as session:
        real = session.exec

        async def before_the_delete(statement, *args, **kwargs):
            if getattr(statement, "is_delete", False):
                await sam_holds_them_too()
            return await real(statement, *args, **kwargs)

        session.exec = before_the_delete
        assert await forget_files_held_by(session, dana.id) == 0
    assert DANA_PDF in await contents(harness)


async def age_all(db) -> None:
    """Every stored file stored a month ago."""
    async with db.transaction() as session:
        await session.exec(update(StoredFile).values(stored_at=utcnow() - timedelta(days=30)))


async def upkeep_now(db) -> int:
    """The upkeep's deletion of unused bytes, in a transaction of its own."""
    async with db.transaction() as session:
        return await forget_unused_files(session, utcnow() - timedelta(days=1))


async def claimed(db, digest: str) -> bool:
    """Held bytes claimed by a row's transaction of its own."""
    async with db.transaction() as session:
        return await claim_file(session, digest)


@needs_postgres
async def test_an_upkeep_deleting_claimed_bytes_waits_and_finds_them_fresh(db):
    """Claimed in a transaction still open: the upkeep's delete waits for it, then leaves them; and
    bytes an upkeep is deleting are claimed once it is done, and found gone (the file asked again)."""
    store = FileStore(db)
    digest = await store.save(LETTER_PDF)
    await store.save(LETTER_PDF + b"other")
    await age_all(db)
    async with db.transaction() as session:
        assert await claim_file(session, digest)
        upkeep = asyncio.create_task(upkeep_now(db))
        await asyncio.sleep(0.5)
        assert not upkeep.done()  # waits for the claim's row
    assert await upkeep == 1  # the other bytes, unclaimed
    assert await store.read(digest) == LETTER_PDF

    await age_all(db)
    async with db.transaction() as session:  # an upkeep deleting, not committed yet
        assert await forget_unused_files(session, utcnow() - timedelta(days=1)) == 1
        claim = asyncio.create_task(claimed(db, digest))
        await asyncio.sleep(0.5)
        assert not claim.done()  # waits for the upkeep's delete
    assert await claim is False
