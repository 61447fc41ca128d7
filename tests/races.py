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
