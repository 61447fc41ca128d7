"""Two instances at the same moment, made exact: each racer reads before any of them writes."""

from __future__ import annotations

import asyncio


def all_read_first(monkeypatch, racers: int, *reads: tuple[object, str]) -> None:
    """Patch each read (a module and a function's name) so that it returns only once ``racers`` tasks
    have each made one of them: what one writes next, the others have already read (5 s at most)."""
    barrier, waited = asyncio.Barrier(racers), set()

    async def once() -> None:
        task = asyncio.current_task()
        if task not in waited and len(waited) < racers:
            waited.add(task)
            await asyncio.wait_for(barrier.wait(), 5)

    def held(read):
        async def then_wait(*args, **kwargs):
            found = await read(*args, **kwargs)
            await once()
            return found

        return then_wait

    for module, name in reads:
        monkeypatch.setattr(module, name, held(getattr(module, name)))


def written_between(monkeypatch, read: tuple[object, str], other: tuple[object, str]) -> asyncio.Event:
    """Patch ``read`` so that its first call, once it has read, waits for the event returned (5 s at
    most), and ``other`` so that it starts only after that read: set the event when the other racer has
    committed, and its write lands exactly between the first racer's read and its write."""
    has_read, written = asyncio.Event(), asyncio.Event()

    async def read_then_wait(*args, **kwargs):
        found = await original_read(*args, **kwargs)
        if not has_read.is_set():
            has_read.set()
            await asyncio.wait_for(written.wait(), 5)
        return found

    async def after_the_read(*args, **kwargs):
        await asyncio.wait_for(has_read.wait(), 5)
        return await original_other(*args, **kwargs)

    original_read, original_other = getattr(*read), getattr(*other)
    monkeypatch.setattr(*read, read_then_wait)
    monkeypatch.setattr(*other, after_the_read)
    return written
