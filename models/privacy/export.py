"""Everything the database holds about one person (/mesdonnees): every row that points to them."""

from __future__ import annotations

import json

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.privacy.registry import PERSON_COLUMNS


async def personal_rows(session: AsyncSession, telegram_id: int) -> dict[str, list[dict]]:
    """Per table, the rows about the person (as plain JSON-ready data), tables without any left out."""
    found: dict[str, dict[object, dict]] = {}
    for column in PERSON_COLUMNS:
        rows = await session.exec(
            select(column.table).where(getattr(column.table, column.column) == telegram_id)
        )
        for row in rows.all():
            key = tuple(getattr(row, key.name) for key in column.table.__table__.primary_key.columns)
            found.setdefault(column.table_name, {})[key] = without_others(row.model_dump(mode="json"))
    return {table: list(rows.values()) for table, rows in found.items()}


def without_others(row: dict) -> dict:
    """A row as the person reads it: a news's payload without the id of the colleague it names ("by",
    kept for erasure) — another person's Telegram id is not this person's data."""
    payload = row.get("payload")
    if not isinstance(payload, str) or '"by"' not in payload:
        return row
    data = json.loads(payload)
    if isinstance(data, dict):
        data.pop("by", None)
    return {**row, "payload": json.dumps(data, ensure_ascii=False)}
