"""Whole rows written by prepared statements: a row inserted unless it is there, some columns updated.

For the writes made at many updates (a first contact, a setting, a choice, a field of a dossier):
no unit of work to build, nothing left for the ORM to flush (``models.sql.prepared``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, insert, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel.ext.asyncio.session import AsyncSession

from models.db import dialect_insert
from models.sql.prepared import Prepared, attached, column_names, primary_key_first, write, written_rows

_INSERTS: dict[tuple[type, tuple[str, ...], tuple[str, ...]], Prepared] = {}  # per table, keys and columns


async def insert_or_ignore(session: AsyncSession, model: type, keys: tuple[str, ...], **values: Any) -> bool:
    """Insert a row unless one with the same keys exists (maybe written by another instance meanwhile).

    One statement (INSERT … ON CONFLICT DO NOTHING), so two first contacts at once never collide;
    built once per table, keys and columns. True if this call inserted it. The columns not given get
    their defaults, as SQLAlchemy's execution gives them.
    """
    values = {**_defaults(model), **values}
    names = tuple(sorted(values))
    prepared = _INSERTS.get((model, keys, names))
    if prepared is None:
        table = model.__table__
        prepared = _INSERTS[(model, keys, names)] = Prepared(
            lambda dialect: (
                dialect_insert(dialect)(table)
                .values({n: bindparam(f"p_{n}") for n in names})
                .on_conflict_do_nothing(index_elements=list(keys))
            )
        )
    return await write(session, prepared, {f"p_{n}": v for n, v in values.items()}) == 1


_NEW_ROWS: dict[tuple[type, tuple[str, ...]], Prepared] = {}  # per table and columns given


async def insert_row(session: AsyncSession, model: type, **values: Any) -> Any:
    """A new row by one INSERT … RETURNING its key; the session's object for it, kept for the transaction.

    For the rows created from a typed answer (an indicator, an action): no unit of work to build, and
    the screen drawn next finds the object without reading it. The columns not given get their
    defaults (or NULL), as SQLAlchemy's execution gives them.
    """
    values = {**_defaults(model), **values}
    names = tuple(sorted(values))
    prepared = _NEW_ROWS.get((model, names))
    if prepared is None:
        table = model.__table__
        statement = insert(table).values({n: bindparam(f"p_{n}") for n in names})
        prepared = _NEW_ROWS[(model, names)] = Prepared(statement.returning(primary_key_first(model)[0]))
    found = await written_rows(session, prepared, {f"p_{n}": v for n, v in values.items()})
    _key, *others = column_names(model)
    return attached(session, model, (found[0][0], *(values.get(name) for name in others)))


_DEFAULTS: dict[type, dict[str, Any]] = {}  # per table: its columns' defaults


def _defaults(model: type) -> dict[str, Any]:
    """The columns' defaults, which an INSERT run by SQLAlchemy would add (all constants here)."""
    found = _DEFAULTS.get(model)
    if found is None:
        found = {}
        for column in model.__table__.columns:
            if column.default is None:
                continue
            if not column.default.is_scalar:  # a function: SQLAlchemy's execution context would call it
                raise TypeError(f"{model.__name__}.{column.key}: only constant defaults in a prepared insert")
            found[column.key] = column.default.arg
        _DEFAULTS[model] = found
    return found


_UPDATES: dict[tuple[type, tuple[str, ...]], Prepared] = {}  # per table and columns set


async def update_row(session: AsyncSession, instance: Any, **values: Any) -> int:
    """Write some columns of a row now (one UPDATE by primary key); the object says the same after.
    The number of rows written: 0 for a row deleted since it was read (by another instance).

    For the hot writes (a field of a dossier's row): no unit of work to build, nothing left for the
    ORM to flush.
    """
    model = type(instance)
    names = tuple(sorted(values))
    prepared = _UPDATES.get((model, names))
    if prepared is None:
        table = model.__table__
        key = primary_key_first(model)[0]
        statement = (
            update(table).where(key == bindparam("p_key")).values({n: bindparam(f"p_{n}") for n in names})
        )
        prepared = _UPDATES[(model, names)] = Prepared(statement)
    key_name = column_names(model)[0]
    written = await write(
        session, prepared, {"p_key": getattr(instance, key_name), **{f"p_{n}": v for n, v in values.items()}}
    )
    for name, value in values.items():
        set_committed_value(instance, name, value)
    return written
