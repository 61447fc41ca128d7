"""A letter's album split across two instances (webhook mode): two of its files handled at the same moment.

Both read the album's position (the letter so far) and join their file to it before either writes. The
one written second is joined to a letter that is no longer the dossier's: written as it is, it would
replace the other's page (the sender's own letter: no question asked), a page lost while both are told
« saved ». Compared under the dossier's lock, it is joined again on top of the letter really there, as
the next page; a file after them joins all of them, whichever position was saved last. Pages 1 and 2 read
no album at all (page 1's position not saved yet): each takes itself for the first file; the one written
second finds its album's position, written with the letter, under the lock, and joins the letter in order."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest

from conversations.dossier.letter import recording, replacement
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
async def past_page_one(harness, tmp_path, user_id: int, first: bool = True) -> AsyncIterator[tuple]:
    """A director whose album's page 1 was taken (``first``; else at the letter's question, nothing sent), and
    a second instance on the same database with the same person on it: (director, other, twin)."""
    director = await join(harness, user_id, "fr")
    await at_the_letter(director)
    if first:
        await harness.deliver(director.id, page(harness, director, "page-1.pdf", "one"))
    (tmp_path / "other").mkdir()
    other = BotHarness(tmp_path / "other", clock=harness.clock, database_url=harness.database_url)
    await other.start()
    # one chat numbers its messages in order whichever instance gets them (an album's order is read from
    # them): the other fake counts on from past this one's
    other.fake._message_ids[director.id] = harness.fake._message_ids.get(director.id, 0) + 1000
    try:
        yield director, other, other.user(director.id, director.tg["first_name"])
    finally:
        await other.stop()


async def test_two_pages_of_an_album_handled_at_once_by_two_instances_are_both_in_the_letter(
    harness, tmp_path, monkeypatch
):
    async with past_page_one(harness, tmp_path, 9741001) as (director, other, twin):
        all_read_first(monkeypatch, 2, (recording, "letter_page"))  # both joined to page 1 before writing
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
    """Page 2 is written (its position with it); before its screen is drawn (its position saved again), page
    3 is handled whole on the other instance; page 2's position, saved last, is behind the letter: page 4
    still joins."""
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


@pytest.mark.parametrize("written_first", ["page-1.pdf", "page-2.pdf"])
async def test_pages_1_and_2_handled_at_once_by_two_instances_are_both_in_the_letter_in_order(
    harness, tmp_path, monkeypatch, written_first
):
    """Neither reads an album in the position (page 1's is not saved yet): each takes itself for the first
    file. The one written second finds the letter of its own album under the dossier's lock and joins it,
    before it when it was sent before, instead of replacing it (the sender's own letter: no question)."""
    async with past_page_one(harness, tmp_path, 9741003 + (written_first == "page-2.pdf"), False) as (
        director, other, twin,
    ):  # fmt: skip
        one, two = page(harness, director, "page-1.pdf", "one"), page(other, twin, "page-2.pdf", "two")
        done, original = asyncio.Event(), recording.letter_page
        all_read_first(monkeypatch, 2, (recording, "letter_page"))  # both made a first page, nothing written
        joined = recording.letter_page

        async def second_waits(context, album, received):  # the other written (committed, told) first
            made = await joined(context, album, received)
            if received.file_name != written_first and not done.is_set():
                await asyncio.wait_for(done.wait(), 5)
            return made

        async def deliver(harness_, user, update):
            replies = await harness_.deliver(user.id, update)
            if update["message"]["document"]["file_name"] == written_first:
                done.set()
            return replies

        monkeypatch.setattr(recording, "letter_page", second_waits)
        replies = await asyncio.gather(deliver(harness, director, one), deliver(other, twin, two))
        monkeypatch.setattr(recording, "letter_page", original)
        for reply in replies:
            assert "Document enregistré" in said(reply), said(reply)
        assert await the_letter(harness) == ["one", "two"]
        assert "Lettre d’engagement (2 pages).pdf" in said(replies[0]) + said(replies[1])
        monkeypatch.undo()
        # the next file, on either instance, whichever position was saved last: on top of both
        await other.deliver(twin.id, page(other, twin, "page-3.pdf", "three"))
        assert await the_letter(harness) == ["one", "two", "three"]
