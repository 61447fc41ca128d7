"""Everything the database holds about one person (/mesdonnees): every row that points to them, and
what those rows point to (a dossier's or a request's coop, a consultation's question, an announcement's
title) for the readable text to name it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from sqlmodel import SQLModel, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.privacy.erase import REMOVALS_NAME_MEMBERSHIPS
from models.privacy.registry import PERSON_COLUMNS, tables_about_people
from models.referential.model import Referential
from models.referential.store import active_referential
from models.tables import Announcement, AuditEntry, Checkpoint, Consultation, Dossier, RequestThread

DOSSIER_ROWS = ("engagementchoice", "attachment", "dossierversion", "checkpoint", "progressreport")
SOMEONE_ELSE = "someone else"  # in the JSON file, instead of another person's id
# per table, its columns holding a person
PEOPLE = {name: [c.column for c in PERSON_COLUMNS if c.table_name == name] for name in tables_about_people()}


@dataclass
class Related:
    """What the person's rows point to, by id: read with them, never in the JSON file (not theirs)."""

    dossier_coops: dict[int, int] = field(default_factory=dict)  # a dossier's coop
    checkpoints: dict[int, tuple[str, int]] = field(default_factory=dict)  # a reminder's: kind, dossier
    # a consultation's coop, question (None: the default one) and a free question's choices
    consultations: dict[int, tuple[int, str | None, str]] = field(default_factory=dict)
    announcements: dict[int, str] = field(default_factory=dict)  # a title
    thread_coops: dict[int, int] = field(default_factory=dict)  # a request to the federation's coop
    referential: Referential | None = None  # the engagements' titles


class PersonalRows(dict[str, list[dict]]):
    """Per table, the person's rows as stored (what the JSON file holds); ``related``: what they point to."""

    related: Related = Related()


async def personal_rows(session: AsyncSession, telegram_id: int) -> PersonalRows:
    """Per table, the rows about the person (as plain JSON-ready data), tables without any left out."""
    found: dict[str, dict[object, dict]] = {}
    for column in PERSON_COLUMNS:
        rows = await session.exec(
            select(column.table).where(getattr(column.table, column.column) == telegram_id)
        )
        for row in rows.all():
            key = tuple(getattr(row, key.name) for key in column.table.__table__.primary_key.columns)
            found.setdefault(column.table_name, {})[key] = without_others(row, telegram_id)
    personal = PersonalRows({table: list(by_key.values()) for table, by_key in found.items()})
    personal.related = await _related(session, personal)
    return personal


def _ids(rows: dict[str, list[dict]], tables: tuple[str, ...], key: str) -> set[int]:
    """The ids the rows of ``tables`` hold in ``key``."""
    return {row[key] for table in tables for row in rows.get(table, ()) if row.get(key) is not None}


async def _related(session: AsyncSession, rows: dict[str, list[dict]]) -> Related:
    """What the rows point to: a statement per kind of thing, none when no row points to one."""
    titled = rows.keys() & {"engagementchoice", "dossierversion", "consultationanswer", "consultationaccess"}
    related = Related(referential=await active_referential(session) if titled else None)
    keys = [row["event_key"] for row in rows.get("sentreminder", ())]
    reminded = _keyed(keys, "checkpoint")
    if reminded:
        found = await session.exec(
            select(Checkpoint.id, Checkpoint.kind, Checkpoint.dossier_id).where(Checkpoint.id.in_(reminded))
        )
        related.checkpoints = {id_: (kind, dossier) for id_, kind, dossier in found.all()}
    if dossiers := _ids(rows, DOSSIER_ROWS, "dossier_id") | {d for _, d in related.checkpoints.values()}:
        found = await session.exec(select(Dossier.id, Dossier.coop_id).where(Dossier.id.in_(dossiers)))
        related.dossier_coops = dict(found.all())
    if asked := _ids(rows, ("consultationanswer", "consultationaccess"), "consultation_id") | _keyed(
        keys, "consultation"
    ):
        query = select(Consultation.id, Consultation.coop_id, Consultation.question, Consultation.choices)
        found = await session.exec(query.where(Consultation.id.in_(asked)))
        related.consultations = {
            id_: (coop, question, choices) for id_, coop, question, choices in found.all()
        }
    if announced := _ids(rows, ("delivery", "rsvp"), "announcement_id") | _keyed(keys, "announcement"):
        found = await session.exec(
            select(Announcement.id, Announcement.title).where(Announcement.id.in_(announced))
        )
        related.announcements = dict(found.all())
    if threads := _ids(rows, ("requestmessage",), "thread_id"):
        found = await session.exec(
            select(RequestThread.id, RequestThread.coop_id).where(RequestThread.id.in_(threads))
        )
        related.thread_coops = dict(found.all())
    return related


def _keyed(keys: list[str], kind: str) -> set[int]:
    """The ids of the things of one kind the reminders' keys name (« checkpoint:12 », « announcement:3 »)."""
    return {int(key.split(":")[1]) for key in keys if re.fullmatch(rf"{kind}:\d+", key)}


def without_others(row: SQLModel, telegram_id: int) -> dict:
    """A row as the person reads it (plain JSON-ready data): another person's Telegram id is not this
    person's data. Every column holding someone (``PERSON_COLUMNS``: who closed one's request, who sent
    the bilan one started) says « someone else » when it is not them; so does a removal's entity written
    before 3 December 2026, a colleague's id; a news's payload loses the id of the colleague it names
    ("by", kept for erasure)."""
    data = row.model_dump(mode="json")
    others = [name for name in PEOPLE.get(row.__tablename__, ()) if data.get(name) not in (None, telegram_id)]
    if isinstance(row, AuditEntry) and _names_removed(row) and row.entity_id != telegram_id:
        others.append("entity_id")
    data |= dict.fromkeys(others, SOMEONE_ELSE)
    payload = data.get("payload")
    if not isinstance(payload, str) or '"by"' not in payload:
        return data
    news = json.loads(payload)
    if isinstance(news, dict):
        news.pop("by", None)
    return {**data, "payload": json.dumps(news, ensure_ascii=False)}


def _names_removed(entry: AuditEntry) -> bool:
    """Whether an audit entry is a removal from a team that named the person removed by their id."""
    return entry.entity == "member" and entry.action == "remove" and entry.at < REMOVALS_NAME_MEMBERSHIPS
