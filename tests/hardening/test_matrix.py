"""The authorization matrix: every command, button prefix and Mini App route × every kind of visitor.

Each cell either acts, or is refused politely (an answer in the visitor's chat, a 4xx for the Mini
App) with NO side effect: every table is dumped before and after and compared (the visitor's own
« last seen » and menu message aside), and nothing is sent to anyone else. Refused cells run first,
on the untouched world; acting cells then run in turn (each must answer, without an error).
A command, prefix or route added without a row fails ``test_every_handler_has_a_row``.
"""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot.web.miniapp import routes as miniapp_routes
from conversations.ui.callbacks import REGISTRY
from tests.hardening.matrix_rows import CALLBACKS, COMMANDS, ROUTES, fill
from tests.hardening.world import USER_IDS, Kind, build_world, dump
from tests.miniapp import local_client, signed_init_data, tma


def registered_commands(application) -> set[str]:
    """Every command a handler of the real Application answers."""
    return {
        command
        for handlers in application.handlers.values()
        for handler in handlers
        if isinstance(handler, CommandHandler)
        for command in handler.commands
    }


async def test_every_handler_has_a_row(web_harness):
    commands = registered_commands(web_harness.application)
    assert commands - COMMANDS.keys() == set(), "commands without a row in the matrix"
    assert COMMANDS.keys() - commands == set(), "rows for commands that no longer exist"
    prefixes = {data.split(":")[0] for data in CALLBACKS}
    assert REGISTRY.keys() - prefixes == set(), "button prefixes without a row in the matrix"
    assert prefixes - REGISTRY.keys() == set()
    paths = {route.path for route in miniapp_routes(web_harness.application)}
    assert paths ^ ROUTES.keys() == set(), "Mini App routes without a row (or rows without a route)"


def cells(world) -> list[tuple[str, str, Kind, bool]]:
    """(kind of row, row, visitor, allowed): the refused cells first."""
    rows = [("command", f"/{c}", allowed) for c, allowed in COMMANDS.items()]
    rows += [("button", fill(data, world.ids), allowed) for data, allowed in CALLBACKS.items()]
    rows += [("route", path, allowed) for path, (*_, allowed) in ROUTES.items()]
    every = [(what, row, kind, kind in allowed) for what, row, allowed in rows for kind in Kind]
    return sorted(every, key=lambda cell: cell[3])


async def try_cell(harness, world, api, what: str, row: str, kind: Kind, allowed: bool) -> tuple[bool, str]:
    """Run one cell: (answered politely, what happened); a refused Mini App request is a 4xx."""
    user = world.users[kind]
    first_call = len(harness.fake.calls)
    if what == "route":
        method, path, body, _ = ROUTES[row]
        headers = tma(signed_init_data(user.id, language="en"))
        body = fill(body, world.ids) if body is not None else None
        answer = await api.request(method, fill(path, world.ids), headers=headers, json=body)
        polite = answer.status_code < 500 if allowed else 400 <= answer.status_code < 500
        return polite, f"HTTP {answer.status_code}"
    errors_before = len(harness.errors)
    if what == "command":
        await user.send(row, expect_error=True)
    else:
        await user.press_data(user.last, row, expect_error=True)
    if len(harness.errors) > errors_before:
        return False, f"error {harness.errors[-1]!r}"
    answered = [
        c for c in harness.fake.calls[first_call:] if c.chat_id == user.id or "callback" in c.method.lower()
    ]
    others = {c.chat_id for c in harness.fake.calls[first_call:] if c.chat_id not in (None, user.id)}
    return bool(answered), f"answered {len(answered)}, sent to others {sorted(others)}"


async def test_every_cell_acts_or_is_refused_without_side_effect(web_harness):
    harness = web_harness
    async with local_client(harness.web_url) as api:
        world = await build_world(harness, api)
        failures, refused_cells, world_before = [], 0, None
        for what, row, kind, allowed in cells(world):
            # a refused cell changes nothing: the dump after the previous one is the dump before this one
            before = None if allowed else world_before or await dump(harness)
            calls_before = len(harness.fake.calls)
            answered, how = await try_cell(harness, world, api, what, row, kind, allowed)
            if not answered:
                failures.append(f"{row} × {kind}: no answer ({how})")
            if allowed:
                continue
            refused_cells += 1
            sent_to_others = [
                c for c in harness.fake.calls[calls_before:] if c.chat_id not in (None, USER_IDS[kind])
            ]
            after = await dump(harness)
            changed = sorted(t for t in before if before[t] != after[t])
            world_before = after if not changed else None
            if changed or sent_to_others:
                failures.append(f"{row} × {kind}: refused cell changed {changed} / {how}")
    assert not failures, f"{len(failures)} cell(s) failed:\n" + "\n".join(failures)
    assert refused_cells > 1000  # README, « Hardening », says how many (tests/unit/test_readme_figures.py)
