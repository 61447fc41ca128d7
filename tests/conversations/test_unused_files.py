"""The bytes of a file nothing refers to any more are not kept for ever (README, « Personal data »).

A file is stored before what refers to it is written: a letter held for « Replace? », a file held at
a request's step 2/2. Once nothing refers to it (the letter kept out, the file left, a document taken
out of the dossier), the hourly upkeep deletes its bytes a day after they were stored; what a saved
position still holds stays, whatever its age; a person's erasure takes at once what their own position
held. Before, nothing ever deleted a stored file."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select, update

from models.clock import utcnow
from models.dossier.files import FileStore, forget_unused_files
from models.privacy.retention import expire
from models.tables import StoredFile
from tests.conversations.test_documents_more import at_documents
from tests.conversations.test_letter_replaced import (
    DANA_PDF,
    SAM_PDF,
    letters,
    open_letter_question,
    two_directors,
)
from tests.conversations.test_request_held_files import stored
from tests.dossier_steps import LETTER_PDF, join, upload_letter


async def contents(harness) -> list[bytes]:
    """The bytes of every stored file."""
    async with harness.database.transaction() as session:
        return [bytes(c) for c in (await session.exec(select(StoredFile.content))).all()]


async def upkeep(harness, later: timedelta) -> dict[str, int]:
    """The upkeep as it runs ``later`` than now (files are stored at the real time)."""
    async with harness.database.transaction() as session:
        return await expire(session, utcnow() + later)


async def dana_holds_her_letter(harness, base: int):
    """Sam's letter came while Dana's question was open: her file waits for « Replace? »."""
    sam, dana = await two_directors(harness, base)
    await open_letter_question(dana)
    await upload_letter(sam, SAM_PDF, "lettre-sam.pdf")
    await dana.send_document("lettre-dana.pdf", DANA_PDF, "application/pdf")
    assert "Remplacer" in dana.reply_text()
    return sam, dana


async def test_a_letter_held_for_replace_goes_at_once_with_its_sender_erased(harness):
    _sam, dana = await dana_holds_her_letter(harness, 9740010)
    assert DANA_PDF in await contents(harness)
    await dana.send("/supprimer")
    await dana.press("🗑 Oui, effacer mes données")
    assert await contents(harness) == [SAM_PDF]  # Sam's letter, in the dossier, stays


async def test_a_letter_still_waiting_stays_whatever_its_age_and_the_one_it_replaced_goes(harness):
    _sam, dana = await dana_holds_her_letter(harness, 9740020)
    await upkeep(harness, timedelta(days=200))  # waiting for « Replace? »: held, whatever its age
    await dana.press("🔁 Oui, remplacer")
    assert await letters(harness) == ["lettre-dana.pdf"]
    assert (await upkeep(harness, timedelta(days=2)))["unused files"] == 1  # Sam's, replaced
    assert await contents(harness) == [DANA_PDF]


async def test_a_letter_kept_out_goes_a_day_after_it_came(harness):
    _sam, dana = await dana_holds_her_letter(harness, 9740030)
    await dana.press("✋ Non, la garder")
    assert "unused files" not in await upkeep(harness, timedelta(hours=2))  # a day's grace
    assert DANA_PDF in await contents(harness)
    assert (await upkeep(harness, timedelta(days=2)))["unused files"] == 1
    assert await contents(harness) == [SAM_PDF]  # the dossier's letter


async def test_a_document_taken_out_goes_once_no_other_dossier_has_it(harness):
    first = await join(harness, 9740051, "fr", "Coop Une")
    second = await join(harness, 9740052, "fr", "Coop Deux")
    statutes = LETTER_PDF + b"statuts"
    for director in (first, second):
        await at_documents(director)
        await director.send_document("statuts.pdf", statutes, "application/pdf")
        await director.send("Statuts")
    for director, left in ((first, [statutes]), (second, [])):
        await at_documents(director)
        await director.press("📄 1 · ", director.last)
        await director.press("🗑 Retirer")
        await director.press("🗑 Oui")
        await upkeep(harness, timedelta(days=2))
        assert await contents(harness) == left


async def test_a_file_left_at_a_request_goes_and_a_sent_one_stays(harness):
    sam = await join(harness, 9740041, "en", "Coop Requests", role="member")
    for name, content in (("table.pdf", LETTER_PDF + b"left"), ("sent.pdf", LETTER_PDF + b"sent")):
        await sam.send("/federation")
        await sam.press("✍️ New request")
        await sam.press("📊 Indicators")
        await sam.send_document(name, content, "application/pdf")
        await upkeep(harness, timedelta(days=2))  # held at step 2/2: stays
        assert content in await contents(harness)
    await sam.send("Our table.")  # the second goes with the request
    await sam.press("🏠 My dossier")
    assert [file for _text, file in await stored(harness)] == ["sent.pdf"]
    await upkeep(harness, timedelta(days=2))
    assert await contents(harness) == [LETTER_PDF + b"sent"]


async def test_bytes_stored_again_are_not_deleted_by_the_upkeep_of_that_moment(db):
    """Bytes left unused long ago, sent again: stored anew, the upkeep (maybe another instance's, at
    that very moment) no longer finds them due, and what refers to them now finds them."""
    store = FileStore(db)
    digest = await store.save(LETTER_PDF)
    async with db.transaction() as session:
        long_ago = utcnow() - timedelta(days=30)
        await session.exec(update(StoredFile).where(StoredFile.sha256 == digest).values(stored_at=long_ago))
    async with db.transaction() as session:
        await store.keep(session, LETTER_PDF)  # an upload, its attachment written in this transaction
        assert await forget_unused_files(session, utcnow() - timedelta(days=1)) == 0
    assert await store.read(digest) == LETTER_PDF
