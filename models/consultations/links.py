"""A consultation's public link once withdrawn: 30 days after closing, retention empties its
``public_token`` (nobody answers any more); the link was real all the same, and whoever opens it then
is told the consultation is closed, not that the link is unknown.

The audit of the consultation's preparation keeps the token (``update`` of ``public_token``), so no hash
of it needs keeping; only unknown tokens come here, so the audit is read rarely.
"""

from __future__ import annotations

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.tables import AuditEntry, Consultation


def _token_entries():
    return select(AuditEntry).where(AuditEntry.entity == "consultation", AuditEntry.field == "public_token")


async def withdrawn_link(session: AsyncSession, token: str) -> Consultation | None:
    """The consultation opened with this public link and whose link was withdrawn since, if any."""
    found = await session.exec(_token_entries().where(AuditEntry.new_value == token))
    for entry in found.all():
        consultation = await session.get(Consultation, entry.entity_id)
        if consultation is None or consultation.public_token is not None or not consultation.via_link:
            continue  # gone, or its link was changed before it opened
        last = await session.exec(
            _token_entries().where(AuditEntry.entity_id == consultation.id).order_by(AuditEntry.id.desc())
        )
        if last.first().new_value == token:  # the link it opened with, not one taken off the draft
            return consultation
    return None
