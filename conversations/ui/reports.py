"""What several journeys show of a dossier: its report, read once, in the visitor's language."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.render.formatting import status_label
from conversations.render.report import DossierReport, build_report
from conversations.ui.context import QualiContext
from models.coops import current_dossier
from models.dossier.attachments import attachments_of
from models.dossier.reads import read_snapshot
from models.tables import Coop


async def dossier_report(context: QualiContext, session: AsyncSession, coop: Coop) -> DossierReport:
    """The current dossier of a coop as a report in the visitor's language."""
    dossier = await current_dossier(session, coop.id)
    snapshot = await read_snapshot(session, dossier)
    attachments = await attachments_of(session, dossier.id)
    status = status_label(context.t, dossier.status)
    return build_report(context.t, context.referential, coop, snapshot, attachments, status, context.now())
