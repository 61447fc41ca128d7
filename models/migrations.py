"""The schema's versions: how an existing database is brought to the shape of ``models/tables/``.

A schema change means: edit ``models/tables/`` *and* append a migration to ``MIGRATIONS`` that brings an
existing database to the same shape (``models.db.Database.upgrade`` runs them in order, under a lock).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import SQLModel

import models.tables  # noqa: F401  (registers every table in the metadata)
from models.operations import data_steps
from models.tables.messages import INVITATION_INDEX


@dataclass(frozen=True)
class SchemaVersion:
    """A version of the schema, as recorded in ``schema_version``."""

    version: int
    description: str


@dataclass(frozen=True)
class Migration(SchemaVersion):
    """A version reached by a step that brings a database from the version before to this one."""

    apply: Callable[[AsyncConnection], Awaitable[None]]


def _tables_created(*names: str) -> Callable[[AsyncConnection], Awaitable[None]]:
    """A migration that adds new tables, as the models define them."""

    async def apply(connection: AsyncConnection) -> None:
        tables = [SQLModel.metadata.tables[name] for name in names]
        await connection.run_sync(lambda sync: SQLModel.metadata.create_all(sync, tables=tables))

    return apply


def _columns_added(table: str, columns: dict[str, str]) -> Callable[[AsyncConnection], Awaitable[None]]:
    """A migration that adds nullable columns (name -> SQL type) to an existing table."""

    async def apply(connection: AsyncConnection) -> None:
        existing = await connection.run_sync(
            lambda sync: {c["name"] for c in sa_inspect(sync).get_columns(table)}
        )
        quote = connection.dialect.identifier_preparer.quote  # « user » is reserved in PostgreSQL
        for name, sql_type in columns.items():
            if name not in existing:
                await connection.execute(
                    text(f"ALTER TABLE {quote(table)} ADD COLUMN {quote(name)} {sql_type}")
                )

    return apply


def _enum_values_added(
    type_name: str, values: tuple[str, ...]
) -> Callable[[AsyncConnection], Awaitable[None]]:
    """PostgreSQL keeps enums as types: new values must be added (SQLite stores plain text)."""

    async def apply(connection: AsyncConnection) -> None:
        if connection.dialect.name == "postgresql":
            for value in values:
                await connection.execute(text(f"ALTER TYPE {type_name} ADD VALUE IF NOT EXISTS '{value}'"))

    return apply


def _indexes_created(*names: str) -> Callable[[AsyncConnection], Awaitable[None]]:
    """A migration that adds indexes the models declare (``Field(index=True)``), by their names."""

    async def apply(connection: AsyncConnection) -> None:
        indexes = [index for table in SQLModel.metadata.tables.values() for index in table.indexes]
        for index in indexes:
            if index.name in names:
                await connection.run_sync(lambda sync, index=index: index.create(sync, checkfirst=True))

    return apply


def _steps(
    *steps: Callable[[AsyncConnection], Awaitable[None]],
) -> Callable[[AsyncConnection], Awaitable[None]]:
    async def apply(connection: AsyncConnection) -> None:
        for step in steps:
            await step(connection)

    return apply


async def _reminder_status(connection: AsyncConnection) -> None:
    """Every reminder recorded before migration 11 was sent (or being sent): its status says so."""
    # PostgreSQL keeps the status in the enum type deliveries already use; SQLite as the names' text
    status = "deliverystatus" if connection.dialect.name == "postgresql" else "VARCHAR(9)"
    await _columns_added("sentreminder", {"status": f"{status} NOT NULL DEFAULT 'SENT'"})(connection)


def _numbered(table: str, parent: str) -> Callable[[AsyncConnection], Awaitable[None]]:
    """Rows numbered 1, 2… within their ``parent``, by number then id (UPDATE … FROM: SQLite 3.33+)."""
    ranks = f"SELECT id, ROW_NUMBER() OVER (PARTITION BY {parent} ORDER BY position, id) AS n FROM {table}"
    where = f"{table}.id = r.id AND {table}.position <> r.n"  # the window read whole before any change
    update = text(f"UPDATE {table} SET position = r.n FROM ({ranks}) AS r WHERE {where}")
    return lambda connection: connection.execute(update)


REMINDER_COLUMNS = {
    "kind": "VARCHAR(40)", "catch_up": "BOOLEAN NOT NULL DEFAULT FALSE", "coop_id": "INTEGER",
    "waiting": "INTEGER NOT NULL DEFAULT 0", "claimed_by": "VARCHAR(40)", "claimed_at": "TIMESTAMP",
}  # fmt: skip


# Where every database starts. It has no step: a new database is created from the current tables and
# stamped with every version, so no database is ever migrated to version 1.
INITIAL_SCHEMA = SchemaVersion(1, "initial schema")
# Append only.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(2, "submitted dossier versions", _tables_created("dossierversion")),
    Migration(
        3,
        "label lifecycle, checkpoints and reminders",
        _steps(
            _enum_values_added(
                "dossierstatus", ("INFO_REQUESTED", "REFUSED", "ADMISSIBLE", "VISITED", "LABELLED", "RENEWED")
            ),
            _columns_added("dossier", {"admissible_on": "DATE", "labelled_on": "DATE"}),
            _columns_added("indicator", {"baseline_value": "VARCHAR(300)"}),
            _tables_created("checkpoint", "sentreminder"),
        ),
    ),
    Migration(
        4,
        "announcements, deliveries and answers",
        _steps(
            _columns_added("user", {"announcements": "BOOLEAN NOT NULL DEFAULT TRUE"}),
            _tables_created("announcement", "delivery", "rsvp"),
        ),
    ),
    Migration(
        5,
        "delivery claims and the notification outbox",
        _steps(
            _enum_values_added("deliverystatus", ("SENDING", "UNCERTAIN")), _tables_created("notification")
        ),
    ),
    Migration(
        6,
        "typed parts waiting to be joined, and Mini App sessions",
        _tables_created("textpart", "appsession"),
    ),
    # ---- issue 14: the federation's commitments (consultations, requests, bilans, sharing, erasure) ----
    Migration(
        7,
        "consultations, requests to the federation, bilans d'étape, shared practices, former members",
        _tables_created(
            "consultation",
            "consultationanswer",
            "consultationaccess",
            "requestthread",
            "requestmessage",
            "progressreport",
            "practicesharing",
            "formermember",
        ),
    ),
    # ---- issue 11: several instances ----
    Migration(
        8,
        "several instances: claims by instance, heartbeats, the sending lease, files in the database",
        _steps(
            _columns_added("delivery", {"claimed_by": "VARCHAR(40)", "claimed_at": "TIMESTAMP"}),
            _columns_added("notification", {"claimed_by": "VARCHAR(40)", "claimed_at": "TIMESTAMP"}),
            _tables_created("instance", "lease", "storedfile"),
        ),
    ),
    Migration(
        9,
        "the message of each user's current screen",
        _columns_added("chatstate", {"screen_message_id": "BIGINT"}),
    ),
    # ---- issue 12: speed ----
    Migration(
        10,
        "indexes for the reminder sweep: sent reminders by event, checkpoints by due date",
        _indexes_created("ix_sentreminder_event_key", "ix_checkpoint_due_on"),
    ),
    Migration(
        11,
        "reminders handed over as pending rows, then claimed and sent like deliveries",
        _steps(
            _reminder_status,
            _columns_added("sentreminder", REMINDER_COLUMNS),
            _indexes_created("ix_sentreminder_status"),
        ),
    ),
    Migration(
        12,
        "updates received through the webhook, so that a second delivery is ignored",
        _tables_created("receivedupdate"),
    ),
    Migration(
        13,
        "updates received through the webhook kept until handled, so that a killed instance loses none",
        _steps(_columns_added("receivedupdate", {"sender": "BIGINT"}), _tables_created("unhandledupdate")),
    ),
    Migration(
        14,
        "the 6- and 12-month checkpoints an early visit came before, closed as the visit now closes them",
        data_steps.interim_checkpoints_after_visit,
    ),
    Migration(
        15,
        "each instance's recent answers per second, kept back by the sending instance's pace",
        _columns_added("instance", {"answer_rate": "INTEGER"}),
    ),
    Migration(
        16,
        "who a consultation asked kept when its public link is withdrawn, 30 days after closing",
        _steps(
            _columns_added("consultation", {"via_link": "BOOLEAN NOT NULL DEFAULT FALSE"}),
            data_steps.consultation_links,
        ),
    ),
    Migration(
        17,
        "the instance judging a paste's parts, so that the parts of one that stopped are judged at once",
        _columns_added("textpart", {"claimed_by": "VARCHAR(40)"}),
    ),
    Migration(
        18,
        "a consultation's invitation once per person, so that two instances' sweeps never send it twice",
        _steps(data_steps.one_invitation_each, lambda connection: connection.execute(text(INVITATION_INDEX))),
    ),
    Migration(
        19,
        "people's first names without the direction marks that turned a director's lines round",
        data_steps.names_without_direction_marks,
    ),
    Migration(
        20,
        "the dossier status READY in PostgreSQL databases the first release made, which lacked it",
        _enum_values_added("dossierstatus", ("READY",)),  # skipped where it is; nothing on SQLite
    ),
    Migration(
        21,
        "indicators and actions numbered 1, 2… again, where a deletion then an addition left a number twice",
        _steps(_numbered("indicator", "dossier_id, engagement_code"), _numbered("action", "indicator_id")),
    ),
    Migration(
        22,
        "a VisioCoop meeting's length, kept from the slot typed for it (« de 14h à 16h »)",
        _columns_added("announcement", {"duration_minutes": "INTEGER"}),
    ),
)
LATEST_VERSION = MIGRATIONS[-1].version

# A step's description reworded after databases were stamped with it: its earlier words, by version,
# so that those databases are not taken for another build's (``unknown_schema``). Differences of
# case, spaces, punctuation and accents need no entry. None so far (main's history, of this file and
# of models/db.py before it, holds every description as above; tests/unit/test_upgrade_steps.py lists them).
FORMER_WORDINGS: dict[int, tuple[str, ...]] = {}


def _words(description: str) -> str:
    """A description without what a proofreading changes: case, accents, punctuation, spaces."""
    letters = unicodedata.normalize("NFKD", description.casefold())
    bare = "".join(letter for letter in letters if not unicodedata.combining(letter))
    return " ".join(re.sub(r"[\W_]+", " ", bare).split())


def unknown_schema(steps: dict[int, str], migrations: tuple[Migration, ...]) -> str | None:
    """Why this release must not touch a database whose ``schema_version`` holds ``steps``, or None: a
    newer release upgraded it (a rollback), or another build stamped steps this release numbers
    otherwise (unmerged branches did): its tables may mean something else, a step may be missing."""
    latest = migrations[-1].version
    if steps and max(steps) > latest:
        return (
            f"the database is at schema version {max(steps)}, newer than this release knows "
            f"({latest}): run the newer release, or restore a backup made before it"
        )
    ours = {step.version: step.description for step in (INITIAL_SCHEMA, *migrations)}
    for version, description in sorted(steps.items()):
        known = (ours.get(version, ""), *FORMER_WORDINGS.get(version, ()))
        if _words(description) not in {_words(words) for words in known}:
            return (
                f"the database's schema step {version} is « {description} », where this release's is "
                f"« {ours.get(version, 'none')} »: another build of the bot made it; nothing was "
                "changed: upgrade it with that build, or restore a backup made by a release"
            )
    return None
