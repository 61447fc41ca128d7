"""What several journeys show of a dossier: its report, read once, in the visitor's language."""

from __future__ import annotations

import logging

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.render.report import DossierReport, build_report
from conversations.ui.context import QualiContext
from models.coops import current_dossier
from models.dossier.record import DossierRecord, read_record
from models.tables import Coop, Dossier

log = logging.getLogger("qualicoop.reports")


def load_letter(context: QualiContext, record: DossierRecord) -> bytes | None:
    """The commitment letter's bytes for the PDF; None when there is none or its file is missing."""
    if record.letter is None:
        return None
    try:
        return context.bot_data.file_store.read(record.letter.sha256)
    except OSError:  # the PDF still goes out, saying the letter is in the dossier's files
        log.warning(
            "commitment letter %s of dossier %s not found", record.letter.id, record.letter.dossier_id
        )
        return None


async def dossier_report(
    context: QualiContext,
    session: AsyncSession,
    coop: Coop,
    *,
    dossier: Dossier | None = None,
    with_letter: bool = False,
) -> DossierReport:
    """A dossier of a coop (its current one by default) as a report in the visitor's language.

    ``with_letter``: for a PDF, which reproduces the commitment letter.
    """
    dossier = dossier or await current_dossier(session, coop.id)
    record = await read_record(session, dossier, coop)
    letter = load_letter(context, record) if with_letter else None
    return build_report(context.t, context.referential, record, context.now(), letter)
