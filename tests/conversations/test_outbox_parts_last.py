"""A backlog of /export parts (50 MB each, one sent a run) never holds other news behind it: the outbox
reads the parts after every other pending news, whatever their age."""

from __future__ import annotations

from models.outbox import BUNDLE_PART, enqueue, pending_notifications
from tests.conftest import NOW


async def test_news_written_after_a_hundred_parts_is_read_in_the_first_batch(harness):
    async with harness.database.transaction() as session:
        for number in range(120):  # more than one read (100) of parts, older than the news
            await enqueue(session, [9001], BUNDLE_PART, {"part": number}, now=NOW)
        await enqueue(session, [9002], "submitted", {"name": "Ann", "coop": "Coop"}, now=NOW)
    async with harness.database.transaction() as session:
        batch = await pending_notifications(session)
    assert batch[0][0].kind == "submitted"
    assert [row[0].kind for row in batch[1:]] == [BUNDLE_PART] * 99  # the parts, oldest first
    ids = [row[0].id for row in batch[1:]]
    assert ids == sorted(ids)
