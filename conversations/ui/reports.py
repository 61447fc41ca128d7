"""What several journeys show of a dossier: its report, read once, in the visitor's language."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.render.commitments.consultations import (
    LABELS as CONSULTATION_LABELS,
)
from conversations.render.commitments.consultations import (
    ConsultationView,
    consultation_view,
    evidence_section,
)
from conversations.render.formatting import status_label
from conversations.render.report import DossierReport, build_report
from conversations.ui.context import QualiContext
from models.consultations.answers import results_of
from models.consultations.store import dossier_evidence
from models.coops import current_dossier
from models.dossier.attachments import attachments_of
from models.dossier.reads import read_snapshot
from models.tables import Coop, Dossier


async def dossier_report(context: QualiContext, session: AsyncSession, coop: Coop) -> DossierReport:
    """The current dossier of a coop as a report in the visitor's language."""
    dossier = await current_dossier(session, coop.id)
    snapshot = await read_snapshot(session, dossier)
    attachments = await attachments_of(session, dossier.id)
    status = status_label(context.t, dossier.status)
    return build_report(context.t, context.referential, coop, snapshot, attachments, status, context.now())


async def consultation_views(
    context: QualiContext, session: AsyncSession, dossier: Dossier
) -> list[ConsultationView]:
    """The consultations opened for a dossier, with their results: its evidence of involvement."""
    return [
        consultation_view(
            context.t,
            context.referential,
            consultation,
            await results_of(session, consultation),
            context.now(),
        )
        for consultation in await dossier_evidence(session, dossier.id)
    ]


async def evidence_sections(context: QualiContext, session: AsyncSession, coop: Coop) -> list[str]:
    """The review's sections of evidence (HTML): the consultations of the coop's current dossier."""
    views = await consultation_views(context, session, await current_dossier(session, coop.id))
    heading = context._(CONSULTATION_LABELS["heading"])
    return [evidence_section(views, heading)] if views else []
