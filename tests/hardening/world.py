"""The world the matrix and the fuzzer act in: two coops and every kind of visitor, and a dump of it.

Coop A's draft dossier has engagement 1, an indicator, an action and the direction's letter; coop B
has its own draft; coop C's dossier is submitted, so the committee and the admins have one to read.
A user who left (their membership removed) and one who was erased (/supprimer) still have a chat
that points at coop A's screens: a stale position must not let them in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import LargeBinary, delete
from sqlmodel import SQLModel, select

from models.privacy.erase import erase_person
from models.tables import Dossier, DossierStatus, FederationRoleName, Member
from models.users import grant_federation_role
from tests.conftest import ADMIN_ID, NOW
from tests.dossier_steps import join, upload_letter
from tests.harness import BotHarness, ChatUser


class Kind(StrEnum):
    """Every kind of visitor a cell of the matrix is tried with."""

    STRANGER = "stranger"
    MEMBER_A = "member A"
    MEMBER_B = "member B"
    DIRECTION_A = "direction A"
    DIRECTION_B = "direction B"
    COMMITTEE = "committee"
    ADMIN = "federation admin"
    LEFT = "left coop A"
    ERASED = "erased"


USER_IDS = {
    Kind.STRANGER: 9100001,
    Kind.MEMBER_A: 9100002,
    Kind.MEMBER_B: 9100003,
    Kind.DIRECTION_A: 9100004,
    Kind.DIRECTION_B: 9100005,
    Kind.COMMITTEE: 9100006,
    Kind.ADMIN: ADMIN_ID,
    Kind.LEFT: 9100008,
    Kind.ERASED: 9100009,
}
DIRECTION_C = 9100010


@dataclass
class World:
    """The ids a row's arguments are made of, and a chat user for every kind of visitor."""

    users: dict[Kind, ChatUser] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)


async def build_world(harness: BotHarness, api) -> World:
    """Coops A, B, C and the nine visitors; ``api`` is an HTTP client of the Mini App (for A's rows)."""
    world = World()
    direction_a = await join(harness, USER_IDS[Kind.DIRECTION_A], "en", "Coop A")
    direction_b = await join(harness, USER_IDS[Kind.DIRECTION_B], "en", "Coop B")
    direction_c = await join(harness, DIRECTION_C, "en", "Coop C")
    world.users[Kind.DIRECTION_A], world.users[Kind.DIRECTION_B] = direction_a, direction_b
    for kind, director in ((Kind.MEMBER_A, direction_a), (Kind.MEMBER_B, direction_b)):
        world.users[kind] = await joined(harness, kind, director.invitations.member_token)
    for kind in (Kind.LEFT, Kind.ERASED):
        world.users[kind] = await joined(harness, kind, direction_a.invitations.member_token)
    for kind in (Kind.STRANGER, Kind.COMMITTEE, Kind.ADMIN):
        world.users[kind] = harness.user(USER_IDS[kind], language_code="en")
        await world.users[kind].send("/start")
    await upload_letter(direction_a)
    await fill_dossier_a(world, api, direction_a)
    for kind in (Kind.LEFT, Kind.ERASED):  # they were on coop A's screens when they went
        await world.users[kind].send("/dossier")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, USER_IDS[Kind.COMMITTEE], FederationRoleName.COMMITTEE)
        await session.exec(delete(Member).where(Member.user_id == USER_IDS[Kind.LEFT]))
        await erase_person(session, USER_IDS[Kind.ERASED], NOW)
        dossiers = {d.coop_id: d for d in (await session.exec(select(Dossier))).all()}
        submitted = dossiers[direction_c.invitations.coop.id]
        submitted.status = DossierStatus.SUBMITTED
        session.add(submitted)
    await world.users[Kind.ERASED].send("/help")  # an erased person who writes again is known anew
    world.ids["dossier_b"] = dossiers[direction_b.invitations.coop.id].id
    world.ids["dossier_c"] = submitted.id
    return world


async def joined(harness: BotHarness, kind: Kind, token: str) -> ChatUser:
    """A user who opened an invitation link."""
    user = harness.user(USER_IDS[kind], language_code="en")
    await user.send(f"/start {token}")
    return user


async def fill_dossier_a(world: World, api, director: ChatUser) -> None:
    """Engagement 1, an indicator and its action, through the Mini App as a coop would."""
    from tests.miniapp import signed_init_data, tma

    headers = tma(signed_init_data(director.id, language="en"))
    dossier = (await api.get("/app/api/dossier", headers=headers)).json()
    dossier_id = dossier["dossier"]["id"]
    await api.post(
        "/app/api/engagement", headers=headers, json={"dossier": dossier_id, "code": 1, "chosen": True}
    )
    await api.post(
        "/app/api/indicator", headers=headers, json={"dossier": dossier_id, "code": 1, "value": "BRS"}
    )
    dossier = (await api.get("/app/api/dossier", headers=headers)).json()
    indicator = dossier["engagements"][0]["indicators"][0]["id"]
    await api.post(
        "/app/api/action", headers=headers, json={"indicator": indicator, "value": "Train the team"}
    )
    dossier = (await api.get("/app/api/dossier", headers=headers)).json()
    world.ids.update(
        dossier_a=dossier_id,
        indicator_a=indicator,
        action_a=dossier["engagements"][0]["indicators"][0]["actions"][0]["id"],
        attachment_a=dossier["attachments"][0]["id"] if dossier.get("attachments") else 1,
    )


# what any update refreshes without it being a side effect: what Telegram tells of the sender (names,
# language, last seen, not blocked) and which message holds a chat's menu; and what the instance's
# heartbeat writes on its own beat (a slow machine's matrix lasts several beats)
BOOKKEEPING = {
    "user": {"first_name", "username", "telegram_language", "last_seen_at", "is_active"},
    "chatstate": {"updated_at", "screen_message_id"},
    "instance": {"heartbeat_at", "answer_rate"},
    "lease": {"expires_at"},
}


async def dump(harness: BotHarness) -> dict[str, list]:
    """Every row of every table, as comparable tuples, bookkeeping columns left out.

    One statement for the whole database (a JSON array per table): the matrix dumps it a thousand times.
    """
    tables = sorted(SQLModel.metadata.tables.items())
    async with harness.database.transaction() as session:
        connection = await session.connection()
        postgres = connection.dialect.name == "postgresql"
        statement = "SELECT " + ", ".join(table_as_json(table, postgres) for _, table in tables)
        found = (await connection.exec_driver_sql(statement)).one()
    return {
        name: sorted((tuple(row) for row in json.loads(value or "[]")), key=repr)
        for (name, _), value in zip(tables, found, strict=True)
    }


def table_as_json(table, postgres: bool) -> str:
    """A sub-select giving a table's rows as one JSON array of arrays (bookkeeping columns left out)."""
    skipped = BOOKKEEPING.get(table.name, set())
    columns = ", ".join(column_as_json(c, postgres) for c in table.columns if c.name not in skipped)
    if postgres:
        return f'(SELECT json_agg(json_build_array({columns}))::text FROM "{table.name}")'
    return f'(SELECT json_group_array(json_array({columns})) FROM "{table.name}")'


def column_as_json(column, postgres: bool) -> str:
    """A column as JSON can hold it: bytes (a stored file) as hexadecimal."""
    if not isinstance(column.type, LargeBinary):
        return f'"{column.name}"'
    return f"encode(\"{column.name}\", 'hex')" if postgres else f'hex("{column.name}")'
