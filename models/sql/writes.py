"""Whole rows written by prepared statements: a row inserted unless it is there, some columns updated.

For the writes made at many updates (a first contact, a setting, a choice, a field of a dossier):
no unit of work to build, nothing left for the ORM to flush (``models.sql.prepared``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Update, bindparam, exists, insert, select, update
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


_UPDATES: dict[tuple, Prepared] = {}  # per table, columns set, field compared and row held


async def update_row(
    session: AsyncSession,
    instance: Any,
    *,
    unless_changed: tuple[str, object] | None = None,
    holding: Any = None,
    **values: Any,
) -> int:
    """Write some columns of a row now (one UPDATE by primary key); the object says the same once written.
    The number of rows written: 0 for a row deleted since it was read (by another instance).

    ``unless_changed=(field, seen)``: written only while the field still holds ``seen`` (0 if not).
    ``holding``: another row locked first, in the same statement (FOR UPDATE on PostgreSQL), so that
    this write takes its locks in the order the others do; on PostgreSQL a change committed while it
    waited for that row is then seen by the comparison, not overwritten.
    For the hot writes (a field of a dossier's row): no unit of work to build, nothing left for the
    ORM to flush.
    """
    model, names = type(instance), tuple(sorted(values))
    compared = unless_changed[0] if unless_changed else None
    held = type(holding) if holding is not None else None
    prepared = _UPDATES.get((model, names, compared, held))
    if prepared is None:
        prepared = _UPDATES[(model, names, compared, held)] = Prepared(_update(model, names, compared, held))
    params = {
        "where_key": getattr(instance, column_names(model)[0]),
        **{f"p_{n}": v for n, v in values.items()},
    }
    if unless_changed:
        params["where_seen"] = unless_changed[1]
    if holding is not None:
        params["where_held"] = getattr(holding, column_names(held)[0])
    written = await write(session, prepared, params)
    if written:
        for name, value in values.items():
            set_committed_value(instance, name, value)
    return written


def _update(model: type, names: tuple[str, ...], compared: str | None, held: type | None) -> Update:
    """``update_row``'s statement: by primary key, maybe while a field holds what was seen, maybe
    holding another row first."""
    table = model.__table__
    where = [primary_key_first(model)[0] == bindparam("where_key")]
    if compared is not None:
        where.append(table.c[compared].is_not_distinct_from(bindparam("where_seen")))
    if held is not None:  # an alias: the row held may be of the same table (never correlated)
        other = held.__table__.alias("held")
        key = other.c[column_names(held)[0]]
        where.append(exists(select(key).where(key == bindparam("where_held")).with_for_update()))
    return update(table).where(*where).values({n: bindparam(f"p_{n}") for n in names})
