"""Erased people: what stands for them where their contributions remain."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from models.tables.base import Table
from models.tables.columns import instant


class FormerMember(Table, table=True):
    """An erased person: their contributions point to ``-id`` (never a Telegram id, which is positive).

    Nothing here says who they were; their coop only, so that a screen can say « ancien membre ».
    """

    id: int | None = Field(default=None, primary_key=True)
    coop_id: int | None = Field(default=None, foreign_key="coop.id")
    erased_at: datetime = instant()
