"""A file stored in the dossier (``uploads.record``'s own transaction) before the update failed — Telegram
refusing the answer, or the database gone before the next screen was stored — is said saved, by name, not
« not saved, send it again » (sent again, it would be refused as a duplicate)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlmodel import select

from models.db import Database
from models.tables import Attachment
from tests.dossier_steps import LETTER_PDF, join
from tests.harness import BotHarness
from tests.pdf_samples import letter_photo


async def stored_names(harness: BotHarness) -> list[str]:
    async with harness.database.transaction() as session:
        return [a.file_name for a in (await session.exec(select(Attachment))).all()]


@contextmanager
def gone_after_the_file(harness: BotHarness, tmp_path) -> Iterator[None]:
    """The database stops answering (a file that cannot be opened in its place) once the transaction that
    stored an attachment commits: the next one, the screen's, fails."""
    services, engine = harness.application.bot_data, harness.database.engine.sync_engine
    working, seen = services.database, []

    def statement(connection, cursor, sql, parameters, context, executemany):
        if sql.lstrip().upper().startswith("INSERT INTO ATTACHMENT"):
            seen.append(connection)

    def committed(connection):
        if connection in seen:
            services.database = Database(f"sqlite:///{tmp_path / 'no-such-folder' / 'gone.sqlite3'}")

    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine, "commit", committed)
    try:
        yield
    finally:
        event.remove(engine, "before_cursor_execute", statement)
        event.remove(engine, "commit", committed)
        services.database = working


async def test_a_file_stored_then_its_answer_refused_is_said_saved(harness):
    camille = await join(harness, 9741001, "en")
    update = harness.fake.user_document(camille.tg, "plan.pdf", LETTER_PDF, "application/pdf", caption="Plan")
    harness.fake.fail_next("sendMessage", 502, "Bad Gateway", chat_id=camille.id)
    replies = await harness.deliver(camille.id, update, expect_error=True)
    assert await stored_names(harness) == ["plan.pdf"]
    said = [reply.get("text", "") for reply in replies]
    assert said[0].startswith(
        "⚠️ Sorry, something went wrong on our side as I answered, but the file “plan.pdf” was saved: no need "
        "to send it again."
    ), said  # above the screen where they now are
    assert not any("not saved" in text or text == "Plan" for text in said), said  # nor the caption back


async def test_a_file_stored_then_the_database_gone_is_said_saved(harness, tmp_path):
    camille = await join(harness, 9741002, "fr")
    update = harness.fake.user_document(camille.tg, "plan.pdf", LETTER_PDF, "application/pdf", caption="Plan")
    with gone_after_the_file(harness, tmp_path):
        replies = await harness.deliver(camille.id, update, expect_error=True)
    assert await stored_names(harness) == ["plan.pdf"]
    assert [reply.get("text", "") for reply in replies] == [
        "Désolé, un problème est survenu de notre côté pendant ma réponse, mais le fichier «\u00a0plan.pdf\u00a0» "
        "a bien été enregistré\u00a0: inutile de le renvoyer."
    ]


async def test_a_photo_stored_then_its_answer_refused_is_said_saved(harness):
    camille = await join(harness, 9741003, "en")
    update = harness.fake.user_photo(camille.tg, letter_photo())
    harness.fake.fail_next("sendMessage", 502, "Bad Gateway", chat_id=camille.id)
    replies = await harness.deliver(camille.id, update, expect_error=True)
    said = " ".join(reply.get("text", "") for reply in replies)
    assert "but the photo was saved: no need to send it again." in said, said
