"""Everything the database holds about one person (/mesdonnees): every row that points to them."""

from __future__ import annotations

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
            found.setdefault(column.table_name, {})[key] = row.model_dump(mode="json")
    return {table: list(rows.values()) for table, rows in found.items()}
