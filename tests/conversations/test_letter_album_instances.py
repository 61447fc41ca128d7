"""A letter's album split across two instances (webhook mode): two of its files handled at the same moment.

Both read the album's position (the letter so far) and join their file to it before either writes. The
one written second is joined to a letter that is no longer the dossier's: written as it is, it would
replace the other's page (the sender's own letter: no question asked), a page lost while both are told
« saved ». Compared under the dossier's lock, it is joined again on top of the letter really there, as
the next page; a file after them joins all of them, whichever position was saved last."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from conversations.dossier.letter import replacement
from tests.conversations.test_letter_album_pages import at_the_letter, attachments, letter_pages, said, scan
from tests.dossier_steps import join
from tests.harness import BotHarness
from tests.races import all_read_first

GROUP = "letter-album"


def page(harness, user, name: str, word: str) -> dict:
    """A PDF of one page (its word written on it), a file of the album, as Telegram delivers it."""
    update = harness.fake.user_document(user.tg, name, scan(word), "application/pdf")
    update["message"]["media_group_id"] = GROUP
    return update


async def the_letter(harness) -> list[str]:
    """The words of the letter's pages, in order; and nothing kept apart."""
    files = await attachments(harness)
    assert [f.kind for f in files] == ["commitment_letter"], [(f.kind, f.label) for f in files]
    return await letter_pages(harness, files[0])


@asynccontextmanager
async def past_page_one(harness, tmp_path, user_id: int) -> AsyncIterator[tuple]:
    """A director whose album's page 1 was taken, and a second instance on the same database with the same
    person on it: (director, other, twin)."""
    director = await join(harness, user_id, "fr")
    await at_the_letter(director)
    await harness.deliver(director.id, page(harness, director, "page-1.pdf", "one"))
    (tmp_path / "other").mkdir()
    other = BotHarness(tmp_path / "other", clock=harness.clock, database_url=harness.database_url)
    await other.start()
    try:
        yield director, other, other.user(director.id, director.tg["first_name"])
    finally:
        await other.stop()


async def test_two_pages_of_an_album_handled_at_once_by_two_instances_are_both_in_the_letter(
    harness, tmp_path, monkeypatch
):
    async with past_page_one(harness, tmp_path, 9741001) as (director, other, twin):
        all_read_first(monkeypatch, 2, (replacement, "letter_page"))  # both joined to page 1 before writing
        replies = await asyncio.gather(
            harness.deliver(director.id, page(harness, director, "page-2.pdf", "two")),
            other.deliver(twin.id, page(other, twin, "page-3.pdf", "three")),
        )
        monkeypatch.undo()
        for reply in replies:
            assert "Document enregistré" in said(reply), said(reply)
        pages = await the_letter(harness)
        assert len(pages) == 3 and pages[0] == "one" and sorted(pages[1:]) == ["three", "two"], pages
        assert "Lettre d’engagement (3 pages).pdf" in said(replies[0]) + said(replies[1])
        # the next file, sequentially, on either instance: on top of both, whichever position was saved last
        await harness.deliver(director.id, page(harness, director, "page-4.pdf", "four"))
        pages = await the_letter(harness)
        assert len(pages) == 4 and pages[-1] == "four", pages
        assert "Lettre d’engagement (4 pages).pdf" in director.harness.fake.messages[director.id][-1]["text"]


async def test_a_page_written_while_another_s_position_is_not_saved_yet_joins_and_so_does_the_next(
    harness, tmp_path, monkeypatch
):
    """Page 2 is written; before its position is saved, page 3 is handled whole on the other instance (it
    reads page 1's position); page 2's position, saved last, is behind the letter: page 4 still joins."""
    async with past_page_one(harness, tmp_path, 9741002) as (director, other, twin):
        original, meanwhile = replacement.open_position, []

        async def open_position(update, context, *args, **kwargs):
            if not meanwhile:  # page 2's, written: page 3 comes on the other instance now
                meanwhile.append([])
                meanwhile[0] += await other.deliver(twin.id, page(other, twin, "page-3.pdf", "three"))
            await original(update, context, *args, **kwargs)

        monkeypatch.setattr(replacement, "open_position", open_position)
        second = await harness.deliver(director.id, page(harness, director, "page-2.pdf", "two"))
        monkeypatch.undo()
        assert meanwhile and "Document enregistré" in said(meanwhile[0]), meanwhile
        assert "Lettre d’engagement (3 pages).pdf" in said(meanwhile[0])
        assert "Lettre d’engagement (2 pages).pdf" in said(second)
        assert await the_letter(harness) == ["one", "two", "three"]
        await harness.deliver(director.id, page(harness, director, "page-4.pdf", "four"))
        assert await the_letter(harness) == ["one", "two", "three", "four"]
