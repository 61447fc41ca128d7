"""What several journeys show of a dossier: its report, read once, in the visitor's language."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import date
from operator import itemgetter

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.render.commitments.bilans import BilanView, bilan_view
from conversations.render.commitments.consultations import LABELS as CONSULTATION_LABELS
from conversations.render.commitments.consultations import (
    ConsultationView,
    consultation_view,
    evidence_section,
)
from conversations.render.commitments.requests import FORMER_MEMBER
from conversations.render.formatting import checkpoint_state, colon, event_name, format_day, quoted
from conversations.render.pdf import coop_in_file_name
from conversations.render.pdf.renewal.results import renewal_view
from conversations.render.report import REPORT_LABELS, DossierReport, build_report
from conversations.ui.context import QualiContext
from locales import N_, Translator
from models.consultations.answers import results_of
from models.consultations.store import dossier_evidence
from models.dossier.current import current_dossier
from models.dossier.files import FileStore
from models.dossier.record import DossierRecord, read_record
from models.label.bilans import held_checkpoint
from models.label.committee import last_decision_comment, refusal_comment, refusals_before, refusals_of
from models.label.lifecycle import superseded_by_visit
from models.label.renewal.results import results_before
from models.label.transitions import checkpoints_of
from models.tables import CheckpointKind, Coop, Dossier, DossierStatus, ProgressReport, ReportStatus
from models.users import users_by_ids

log = logging.getLogger("qualicoop.reports")
NOT_BEFORE_THE_VISIT = N_("not recorded before the visit")  # an interim checkpoint the visit came before
# a bilan PDF's name, by its checkpoint (« Bilan d’étape à 6 mois - Habitat 44 85.pdf »)
BILAN_FILES = {
    "six_months": N_("6-month checkpoint report"),
    "twelve_months": N_("12-month checkpoint report"),
}


async def load_letter(store: FileStore, record: DossierRecord) -> bytes | None:
    """The commitment letter's bytes for a PDF; None when there is none or its file is missing."""
    if record.letter is None:
        return None
    try:
        return await store.read(record.letter.sha256)
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
    letter = await load_letter(context.bot_data.file_store, record) if with_letter else None
    report = build_report(context.t, context.referential, record, context.now(), letter)
    now = context.now()
    return await with_history(context.t, context.referential, session, dossier, report, now, pdf=with_letter)


async def with_history(
    t: Translator,
    referential,
    session: AsyncSession,
    dossier: Dossier,
    report: DossierReport,
    now,
    pdf: bool = True,
) -> DossierReport:
    """A built report with what only the database tells: the consultations' results, the dossier's course
    and, in a renewal's ``pdf``, the earlier cycle's results (any reader: the outbox renders the
    committee's PDF without a visitor). A first cycle's reads no more; a renewal's its earlier cycle."""
    evidence = await evidence_views(t, referential, session, dossier, now)
    course = await course_rows(t, session, dossier)
    results = await results_before(session, report.source) if pdf and report.source else None
    renewal = renewal_view(t, referential, results) if results else None
    return replace(report, consultations=tuple(evidence), course=course, renewal=renewal)


async def course_rows(t: Translator, session: AsyncSession, dossier: Dossier) -> tuple[tuple[str, str], ...]:
    """The dossier's course, in date order, as the committee's screen reads it: admissible on, each
    checkpoint held or planned (the label's mid-term and end among them; an interim one the visit came
    before, said so), the label granted on; and every candidacy of it the committee did not retain, with
    what it said (a new candidacy after a refusal is the same dossier, applied for again)."""
    dated = await refusal_rows(t, session, dossier)
    if dossier.admissible_on:
        dated.append(
            (dossier.admissible_on, 1, t.gettext("Admissible on"), format_day(t, dossier.admissible_on))
        )
    checkpoints = await checkpoints_of(session, dossier.id)
    visit = next((c.held_on for c in checkpoints if c.kind == CheckpointKind.VISIT and c.held_on), None)
    for kind, due_on in superseded_by_visit(dossier, checkpoints):  # due after the visit: just before it
        dated.append((min(due_on, visit or due_on), 2, event_name(t, kind), t.gettext(NOT_BEFORE_THE_VISIT)))
    for checkpoint in checkpoints:
        when = checkpoint_state(t, checkpoint, dossier.status)  # as the committee's screen says it
        dated.append((checkpoint.held_on or checkpoint.due_on, 2, event_name(t, checkpoint.kind), when))
    if dossier.labelled_on:
        dated.append(
            (dossier.labelled_on, 3, t.gettext("Label granted on"), format_day(t, dossier.labelled_on))
        )
    ordered = sorted(dated, key=itemgetter(0, 1))  # the same day and kind of step: in the order listed
    return tuple((what, when) for _day, _order, what, when in ordered)


async def refusal_rows(
    t: Translator, session: AsyncSession, dossier: Dossier
) -> list[tuple[date, int, str, str]]:
    """Each refusal of the dossier: the day, and the committee's comment; the last one is the dossier's
    own while it is refused, the others (all of them once applied for again) earlier candidacies'."""
    earlier = await refusals_before(session, dossier)  # a new cycle after a label refused
    refusals = earlier + await refusals_of(session, dossier.id)
    rows = []
    for number, (day, comment) in enumerate(refusals, start=1):  # the day the committee gave it
        if dossier.status == DossierStatus.REFUSED and number == len(refusals):
            what = t.gettext("Candidacy not retained on")
        else:
            what = t.gettext("Earlier candidacy not retained on")
        said = f"{colon(t)} {quoted(t.language, comment)}" if comment else ""
        rows.append((day, 4, what, format_day(t, day) + said))  # after what the same day held
    return rows


async def consultation_views(
    context: QualiContext, session: AsyncSession, dossier: Dossier
) -> list[ConsultationView]:
    """The consultations opened for a dossier, with their results: its evidence of involvement."""
    return await evidence_views(context.t, context.referential, session, dossier, context.now())


async def evidence_views(
    t: Translator, referential, session: AsyncSession, dossier: Dossier, now
) -> list[ConsultationView]:
    """The same for any reader (the outbox renders the committee's PDF without a visitor)."""
    return [
        consultation_view(t, referential, consultation, await results_of(session, consultation), now)
        for consultation in await dossier_evidence(session, dossier.id)
    ]


async def evidence_sections(
    context: QualiContext, session: AsyncSession, coop: Coop, dossier: Dossier | None = None
) -> list[str]:
    """The review's sections of evidence (HTML): the consultations of a dossier (the coop's current
    one by default; the committee reads the one it opened, an earlier candidacy's too)."""
    views = await consultation_views(context, session, dossier or await current_dossier(session, coop.id))
    heading = context._(CONSULTATION_LABELS["heading"])
    return [evidence_section(views, heading)] if views else []


async def sent_line(t: Translator, session: AsyncSession, report: ProgressReport) -> str:
    """« Sent on … by … », or « Draft, not sent yet »."""
    if report.status != ReportStatus.SENT:
        return t.gettext("Draft, not sent yet")
    users = await users_by_ids(session, [report.sent_by] if report.sent_by and report.sent_by > 0 else [])
    name = users[report.sent_by].first_name if report.sent_by in users else t.gettext(FORMER_MEMBER)
    return t.gettext("Sent on {date} by {name}").format(date=t.format_datetime(report.sent_at), name=name)


async def sent_view(
    t: Translator, session: AsyncSession, report: ProgressReport, coop_name: str
) -> BilanView:
    """A sent bilan with the committee's comment, once the checkpoint was held."""
    held = await held_checkpoint(session, report)
    return bilan_view(t, json.loads(report.content), coop_name, await sent_line(t, session, report), held)


def bilan_file_name(t: Translator, report: ProgressReport, cycle: int, coop_name: str) -> str:
    """A bilan PDF's name, its own: « Bilan d’étape à 6 mois - Habitat 44 85.pdf », the cycle after the
    first (« … - cycle 2.pdf »), the coop's name as the dossier PDF's holds it."""
    name = t.gettext(BILAN_FILES.get(report.checkpoint_kind, BILAN_FILES["six_months"]))
    later = f" - {t.gettext(REPORT_LABELS['cycle']).lower()} {cycle}" if cycle > 1 else ""
    return f"{name} - {coop_in_file_name(coop_name)}{later}.pdf"


# what the committee said that the coop reads above its dossier (the chat's home, the Mini App)
INFO_REQUESTED = N_("The validation committee asks for more information:")
PREVIOUS_REFUSAL = N_("The committee did not retain the previous candidacy:")


async def committee_asks(session: AsyncSession, dossier: Dossier) -> tuple[str, str, str] | None:
    """What the committee said that the coop reads now, as (mark, heading to translate, comment): its
    request while it waits for more information, the last refusal's comment on a candidacy prepared
    again; None otherwise (a refused dossier says its comment in its own words)."""
    if dossier.status == DossierStatus.INFO_REQUESTED:
        return "📝", INFO_REQUESTED, await last_decision_comment(session, dossier.id, "request_info") or ""
    if dossier.submitted_at is not None and dossier.status in (DossierStatus.DRAFT, DossierStatus.READY):
        comment = await refusal_comment(session, dossier.id)
        if comment is not None:
            return "⛔", PREVIOUS_REFUSAL, comment
    return None
