"""The steps of the schema's migrations that change data rather than shape (``models.migrations``)."""

from __future__ import annotations

from sqlalchemy import case, func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import SQLModel

import models.tables  # noqa: F401  (registers every table in the metadata)
from models.clock import utcnow
from models.parsing.text import person_name
from models.tables import DeliveryStatus
from models.tables.messages import INVITATION_KIND


async def interim_checkpoints_after_visit(connection: AsyncConnection) -> None:
    """Dossiers visited before the visit closed the interim checkpoints still had them due (reminded,
    listed, flagged): closed as ``models.label.transitions`` now does it — their pending reminders
    go, the audit keeps each one's planned date, a checkpoint held stays."""
    tables = SQLModel.metadata.tables
    checkpoint, dossier, audit, reminder = (
        tables[name] for name in ("checkpoint", "dossier", "auditentry", "sentreminder")
    )
    visit = checkpoint.alias("visit")
    visited = (
        select(visit.c.id)
        .where(visit.c.dossier_id == checkpoint.c.dossier_id, visit.c.kind == "visit")
        .where(visit.c.held_on.is_not(None))
        .exists()
    )
    found = await connection.execute(
        select(checkpoint.c.id, checkpoint.c.kind, checkpoint.c.due_on, dossier.c.coop_id)
        .join(dossier, dossier.c.id == checkpoint.c.dossier_id)
        .where(checkpoint.c.kind.in_(("six_months", "twelve_months")), checkpoint.c.held_on.is_(None))
        .where(visited)
    )
    now = utcnow()
    for row in found.all():
        key = f"checkpoint:{row.id}"
        await connection.execute(
            reminder.delete().where(reminder.c.event_key == key, reminder.c.status == DeliveryStatus.PENDING)
        )
        planned = f"{row.kind}: {row.due_on.isoformat()}"
        await connection.execute(
            audit.insert().values(
                at=now, actor_id=None, coop_id=row.coop_id, entity="checkpoint", entity_id=row.id,
                action="superseded_by_visit", field="due_on", old_value=planned,
            )
        )  # fmt: skip
        await connection.execute(checkpoint.delete().where(checkpoint.c.id == row.id))


async def consultation_links(connection: AsyncConnection) -> None:
    """Who a consultation asked, kept apart from its link: a link still there, or the last one the
    direction set (the audit), when 30 days after closing the link itself was withdrawn."""
    await connection.execute(
        text(
            "UPDATE consultation SET via_link = TRUE WHERE public_token IS NOT NULL OR id IN ("
            "SELECT a.entity_id FROM auditentry a"
            " WHERE a.entity = 'consultation' AND a.field = 'public_token' AND a.new_value IS NOT NULL"
            " AND a.id = (SELECT MAX(b.id) FROM auditentry b"
            " WHERE b.entity = 'consultation' AND b.field = 'public_token' AND b.entity_id = a.entity_id))"
        )
    )


async def one_invitation_each(connection: AsyncConnection) -> None:
    """Invitations written twice before the unique index (two sweeps at once): the one kept reached the
    person (sent, or maybe), else was tried, else is the oldest; a pending copy never outlives a sent one."""
    notification = SQLModel.metadata.tables["notification"]
    status, tried = notification.c.status, (DeliveryStatus.BLOCKED, DeliveryStatus.FAILED)
    rank = case((status == DeliveryStatus.PENDING, 2), (status.in_(tried), 1), else_=0)
    person = (notification.c.user_id, notification.c.payload)
    nth = func.row_number().over(partition_by=person, order_by=(rank, notification.c.id)).label("nth")
    copies = select(notification.c.id, nth).where(notification.c.kind == INVITATION_KIND).subquery()
    others = select(copies.c.id).where(copies.c.nth > 1)
    await connection.execute(notification.delete().where(notification.c.id.in_(others)))


async def names_without_direction_marks(connection: AsyncConnection) -> None:
    """People's first names stored before they were cleaned on arrival (``models.parsing.text.person_name``):
    a direction mark kept turned the rest of a director's line round until its person wrote again."""
    user = SQLModel.metadata.tables["user"]
    named = select(user.c.id, user.c.first_name).where(user.c.first_name.is_not(None))
    found = await connection.execute(named)
    for id_, name in found.all():
        if (clean := person_name(name)) != name:
            await connection.execute(user.update().where(user.c.id == id_).values(first_name=clean))
