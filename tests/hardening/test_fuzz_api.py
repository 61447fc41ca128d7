"""The Mini App API fuzzer: random requests from every kind of visitor, with bodies half right, half odd.

The chat's fuzzer (``test_fuzz.py``) sends updates; this one sends what a page, an old page or a
forger could post to ``/app/api/…``: the world's own ids and the other coops', fields of every entity,
values a person types (French numbers, dates, long texts) and values no page sends (floats, booleans,
lists, ``Infinity``, 10³⁰⁰, digits of other scripts, missing keys). After every request:
- the answer is one of the API's statuses (200, 400, 401, 403, 409, 422), never a 500, and JSON;
- nothing reached the error handler, and the chat fuzzer's database invariants hold;
- a visitor who may not change coop A's dossier did not change it (its rows are compared).

CI runs CI_REQUESTS with a fixed seed; ``QUALICOOP_FUZZ_SEED`` and ``QUALICOOP_FUZZ_REQUESTS`` as for
the chat's fuzzer.
"""

from __future__ import annotations

import json
import os
import random
from urllib.parse import quote

import httpx
from sqlalchemy import text

from conversations.dossier.editor.entities import ENTITIES
from tests.hardening.test_fuzz import violations
from tests.hardening.world import Kind, build_world
from tests.miniapp import local_client, signed_init_data, tma

CI_REQUESTS = 300
STATUSES = {200, 400, 401, 403, 409, 422}
# who may change coop A's dossier: its members (the matrix checks each route; here, odd bodies)
COOP_A = {Kind.DIRECTION_A, Kind.MEMBER_A}
# coop A's dossier and what hangs from it, in one statement: any write to it changes one of these
COOP_A_ROWS = """SELECT
    (SELECT version FROM dossier WHERE id = :d), (SELECT status FROM dossier WHERE id = :d),
    (SELECT count(*) FROM engagementchoice c WHERE c.dossier_id = :d),
    (SELECT sum(c.engagement_code) FROM engagementchoice c WHERE c.dossier_id = :d),
    (SELECT count(*) FROM indicator i WHERE i.dossier_id = :d),
    (SELECT count(*) FROM action a JOIN indicator i ON a.indicator_id = i.id WHERE i.dossier_id = :d),
    (SELECT count(*) FROM auditentry e WHERE e.coop_id = (SELECT coop_id FROM dossier WHERE id = :d))"""
ODD = [None, True, False, 0, -1, 1.5, 1e300, float("inf"), float("nan"), "Infinity", "NaN", "", " ", "abc", "²", "١٢", "１２",
       "-0", "9" * 30, [], [1], {}, {"a": 1}, "12,5 %", "1 234,5", "31/03/2027", "mars 2027",
       "<b>x</b> & y", "x" * 5000, "\u0000", "🏠"]  # fmt: skip
TYPED = ["12", "12,5", "25 %", "1 200 €", "31/03/2027", "2027-03-31", "oui", "non", "Former l’équipe",
         "percent", "number", "euros", "count", "Part de BRS",
         # what a paste or a keyboard may bring: a NUL (PostgreSQL refuses it), zero-width characters, decomposed
         # accents (« é » as « e » and its mark)
         "Notre\u0000démarche", "\u200b", "\ufeff \u200b", "Coope\u0301rative", "e\u0301" * 3001]  # fmt: skip
# a tick is JSON's true or false: anything else is forged (bool("false") is true) and changes nothing
TICKS = [True, False, "x", None, "false", "true", 1, 0]


def some_id(rng: random.Random, ids: dict[str, int]) -> object:
    """An id of the world (coop A's, B's, C's rows), near one, or an odd value."""
    pick = rng.random()
    if pick < 0.6:
        return rng.choice(list(ids.values()))
    if pick < 0.75:
        return rng.choice(list(ids.values())) + rng.choice([-1, 1, 1000])
    return rng.choice(ODD)


def some_value(rng: random.Random) -> object:
    """What a person types, or what no page sends."""
    return rng.choice(TYPED) if rng.random() < 0.6 else rng.choice(ODD)


# which of the world's ids each entity's rows have (the dossier's own fields: its involvement part)
ROW_OF = {
    "indicator": "indicator_a",
    "action": "action_a",
    "dossier": "dossier_a",
    "attachment": "attachment_a",
}


def field_body(rng: random.Random, ids: dict[str, int], shown: dict) -> dict:
    """A field change: most of the time a real field of a row of coop A, with the value last shown."""
    entity = rng.choice([*ENTITIES, "user", "coop", ""])
    names = [spec.name for spec in ENTITIES[entity].fields] if entity in ENTITIES else ["name"]
    row = ids[ROW_OF[entity]] if entity in ROW_OF and rng.random() < 0.7 else some_id(rng, ids)
    name = rng.choice(names) if rng.random() < 0.9 else rng.choice(["id", "dossier_id", "version"])
    expected = shown.get(repr((entity, row, name))) if rng.random() < 0.8 else some_value(rng)
    body = {"entity": entity, "id": row, "field": name, "value": some_value(rng), "expected": expected,
            "session": session_token(rng, shown)}  # fmt: skip
    return drop_a_key(rng, body)


def session_token(rng: random.Random, shown: dict) -> object:
    """The token of a page opened before (it counts the fields changed from it), or an odd one."""
    return rng.choice([shown.get("session"), shown.get("session"), None, "s", 12, some_value(rng)])


def remember_shown(body: dict | None, answer: httpx.Response, shown: dict) -> None:
    """The value the page would now show for a field (saved, or a colleague's in a conflict); the
    session token of a page opened."""
    found = answer.json()
    if answer.status_code == 200 and found.get("session"):
        shown["session"] = found["session"]
    if not isinstance(body, dict) or "field" not in body or answer.status_code not in (200, 409):
        return
    value = found.get("field", found.get("conflict", {})).get("value")
    shown[repr((body.get("entity"), body.get("id"), body.get("field")))] = value


def drop_a_key(rng: random.Random, body: dict) -> dict:
    """Now and then a key missing, as an old page would post."""
    if rng.random() < 0.1:
        body.pop(rng.choice(list(body)))
    return body


def one_request(rng: random.Random, ids: dict[str, int], shown: dict) -> tuple[str, str, object]:
    """(method, path, JSON body or None) of one random request."""
    routes = ["page", "dossier", "field", "field", "field", "engagement", "indicator", "action", "closed"]
    route = rng.choice(routes)
    if route in ("page", "dossier"):
        query = rng.choice(["", f"?dossier={quote(str(some_id(rng, ids)))}", "?dossier=", "?dossier=1e3"])
        return "GET", f"/app/api/{route}{query}", None
    if route == "field":
        return "POST", "/app/api/field", field_body(rng, ids, shown)
    if route == "closed":  # the page left: the token a page got, or an odd one
        return "POST", "/app/api/closed", drop_a_key(rng, {"session": session_token(rng, shown)})
    code = rng.choice([1, 2, 3, 12, 13, 0, -1, some_value(rng)])
    bodies = {
        "engagement": {"dossier": some_id(rng, ids), "code": code, "chosen": rng.choice(TICKS),
                       "confirmed": rng.choice(TICKS), "seen": rng.choice([None, 1, 2, some_value(rng)])},
        "indicator": {"dossier": some_id(rng, ids), "code": code, "value": some_value(rng)},
        "action": {"indicator": some_id(rng, ids), "value": some_value(rng)},
    }  # fmt: skip
    return "POST", f"/app/api/{route}", drop_a_key(rng, bodies[route])


def forged_tick(body: object) -> bool:
    """Whether a request ticks or confirms with something else than JSON's true or false."""
    if not isinstance(body, dict) or "code" not in body or "value" in body:
        return False  # not an engagement's tick
    return any(key in body and not isinstance(body[key], bool) for key in ("chosen", "confirmed"))


async def coop_a_rows(harness, dossier_a: int) -> tuple:
    """Coop A's dossier: its version, status, choices, rows and audit entries, to see who changed it."""
    async with harness.database.transaction() as session:
        connection = await session.connection()
        return tuple((await connection.execute(text(COOP_A_ROWS), {"d": dossier_a})).one())


async def test_random_api_requests_break_nothing(web_harness):
    harness = web_harness
    seed = int(os.environ.get("QUALICOOP_FUZZ_SEED", "20261202"))
    count = int(os.environ.get("QUALICOOP_FUZZ_REQUESTS", CI_REQUESTS))
    rng = random.Random(seed)
    async with local_client(harness.web_url) as api:
        world = await build_world(harness, api)
        ids, shown = dict(world.ids), {}
        before = await coop_a_rows(harness, ids["dossier_a"])
        for step in range(count):
            # coop A's members half the time: their requests reach the parsers and the writes
            kind = rng.choice(sorted(COOP_A) if rng.random() < 0.5 else list(Kind))
            method, path, body = one_request(rng, ids, shown)
            headers = tma(signed_init_data(world.users[kind].id, language=rng.choice(["fr", "en"])))
            errors_before = len(harness.errors)
            content = None if body is None else json.dumps(body, allow_nan=True)
            answer = await api.request(
                method, path, headers={**headers, "Content-Type": "application/json"}, content=content
            )
            what = f"fuzz seed {seed}, request {step} as {kind}: {method} {path} {content!r:.300}"
            assert answer.status_code in STATUSES, f"{what} → HTTP {answer.status_code}"
            answer.json()  # every answer of the API is JSON, a refusal too
            remember_shown(body, answer, shown)
            assert len(harness.errors) == errors_before, f"{what} → {harness.errors[-1]!r}"
            assert not await violations(harness), what
            after = await coop_a_rows(harness, ids["dossier_a"])
            assert kind in COOP_A or after == before, f"{what} → an outsider changed coop A's dossier"
            assert not forged_tick(body) or after == before, f"{what} → a forged tick changed the dossier"
            before = after
