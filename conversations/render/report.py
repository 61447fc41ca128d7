"""The dossier as a report: every text already translated and formatted, for the review and the PDF."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from conversations.render.changes import RevisionView, revision_view
from conversations.render.commitments.consultations import ConsultationView
from conversations.render.fields import STARTING_VALUE, field_label, kind_text, starting_value
from conversations.render.formatting import (
    format_day,
    format_due,
    format_moment,
    format_owner,
    format_size,
    format_value,
    stage_status,
)
from conversations.render.gaps import gap_texts
from conversations.render.pdf import pdf_file_name  # noqa: F401 (the PDF's name, where its callers find it)
from conversations.render.pdf.renewal.results import RenewalView
from locales import N_, Translator
from models.clock import paris_time
from models.dossier.files import DOC, DOCX, GIF, JPEG, ODP, ODS, ODT, PDF, PNG, PPT, PPTX, WEBP, XLS, XLSX
from models.dossier.reads import EDITABLE, DossierSnapshot
from models.dossier.record import DossierRecord
from models.dossier.rules import INVOLVEMENT_REQUIRED, dossier_gaps
from models.federation.regions import coop_region
from models.referential.model import Referential
from models.tables import Attachment, AttachmentKind

REPORT_LABELS = {
    "title": N_("Quali’Coop candidacy dossier"),
    "cycle": N_("Cycle"),
    "status": N_("Status"),
    "submitted_on": N_("Submitted on"),
    "submitted_by": N_("Submitted by"),
    "generated": N_("Document generated on"),
    "course": N_("Timeline"),
    "values_on": N_(
        "Values as of {date}: the dossier’s on that day, not necessarily those it was submitted with."
    ),
    "at_a_glance": N_("At a glance"),
    "contents": N_("Contents"),
    "axis": N_("Axis"),
    "engagement": N_("Engagement"),
    "indicator": N_("Indicator"),
    "rationale": N_("Why it illustrates the Raison d’être"),
    "kind": N_("Kind of value"),
    "start": STARTING_VALUE,
    "current": N_("Current value"),
    "target": N_("Target value"),
    "target_date": N_("Target date"),
    "actions": N_("Action plan"),
    "action_meta": N_("In charge: {owner} · due: {due}"),
    "not_set": N_("not set yet"),  # after « due: » or « Carried by: » when not given (no ⚠️ on paper)
    "no_indicator": N_("No indicator yet."),
    "no_action": N_("No action yet."),
    "no_answer": N_("No answer yet"),
    "involvement": N_("Approach and involvement"),
    "consultations": N_("Consultations of the staff and the coopérateurs"),
    "documents": N_("Attached documents"),
    "document": N_("Document"),
    "type": N_("Type"),
    "size": N_("Size"),
    "added_on": N_("Added on"),
    "no_documents": N_("No document attached yet."),
    "missing": N_("Still missing"),
    "complete": N_("Every rule of the dossier is met."),
    "provisional_note": N_("* provisional title, until the federation publishes the official wording"),
    "page": N_("Page {page} of {pages}"),
    "draft": N_("DRAFT"),
    "appendix": N_("Appendix"),
    "letter": N_("Commitment letter of the direction"),
    "letter_in_appendix": N_("The commitment letter of the direction is reproduced in the appendix."),
    "letter_elsewhere": N_(
        "The commitment letter ({file}) cannot be reproduced here: it is attached to the dossier."
    ),
    "letter_more_pages": N_("The letter has more pages: they are in the attached file."),
    "asked": N_(
        "The committee asked for more information: what changed since the version it read is listed in the "
        "appendix."
    ),
    "resubmitted": N_(
        "Submitted again after the committee asked for more information: what changed since the version it "
        "read is listed in the appendix."
    ),
}
ATTACHMENT_KINDS = {
    AttachmentKind.COMMITMENT_LETTER: N_("Commitment letter of the direction"),
    AttachmentKind.SUPPORTING: N_("Supporting document"),
}
ACCEPTED = (PDF, JPEG, PNG, GIF, WEBP, DOC, DOCX, XLS, XLSX, PPT, PPTX, ODT, ODS, ODP)  # files.py's, all
FILE_TYPES = {t.mime_type: t.label[:1].upper() + t.label[1:] for t in ACCEPTED}  # « Image », as « PDF »
LETTER_KINDS = {PDF.mime_type: "pdf"} | {t.mime_type: "image" for t in (JPEG, PNG, GIF, WEBP)}


@dataclass(frozen=True)
class ActionView:
    description: str
    owner: str  # the chat's words: « qui la porte à renseigner ⚠️ » when nobody is named
    due: str  # the chat's words: « échéance à renseigner ⚠️ » when none is set
    dated: bool  # a due date is set; the PDF says its absence after its own label
    carried: bool  # who carries it is set; the PDF too


@dataclass(frozen=True)
class IndicatorView:
    id: int
    title: str
    rationale: str
    kind: str
    current: str
    target: str
    target_date: str
    actions: tuple[ActionView, ...]
    start: str | None = None  # its value at admissibility (``fields.starting_value``), read beside current


@dataclass(frozen=True)
class EngagementView:
    code: int
    title: str
    provisional: bool
    indicators: tuple[IndicatorView, ...]


@dataclass(frozen=True)
class AxisView:
    code: int
    title: str
    summary: str
    chosen: int
    available: int
    engagements: tuple[EngagementView, ...]
    chosen_text: str = ""  # « 3 engagements sur 4 »


@dataclass(frozen=True)
class AttachmentView:
    id: int
    kind: str
    label: str
    file_name: str
    size: str
    added_on: str = ""
    type: str = ""  # « PDF », « image », « Word »…


@dataclass(frozen=True)
class LetterView:
    """The commitment letter itself, to be reproduced: a PDF's pages, or an image on a page."""

    kind: str  # "pdf", "image", or "other" (a Word file: listed, not reproduced)
    content: bytes
    file_name: str


@dataclass(frozen=True)
class DossierReport:
    """Everything a reader of the dossier sees, in one language."""

    language: str
    coop_name: str
    region: str
    cycle: int
    status: str
    generated_on: str
    axes: tuple[AxisView, ...]
    involvement: tuple[tuple[str, str], ...]  # (question, answer)
    attachments: tuple[AttachmentView, ...]
    gaps: tuple[str, ...]
    labels: dict[str, str] = field(default_factory=dict)
    draft: bool = True  # not submitted: the PDF says « BROUILLON » on every page
    submitted_on: str = ""
    submitted_by: str = ""
    summary: tuple[tuple[str, str], ...] = ()  # (what, how many), the cover's « at a glance »
    letter: LetterView | None = None
    revision: RevisionView | None = None
    consultations: tuple[ConsultationView, ...] = ()  # evidence of involvement, with their results
    course: tuple[tuple[str, str], ...] = ()  # (step, when): refusals, admissibility, checkpoints, label
    renewal: RenewalView | None = None  # a renewal's PDF: the earlier cycle's results (ui.reports)
    source: DossierSnapshot | None = field(default=None, repr=False, compare=False)  # what it was built from


def build_report(
    t: Translator, referential: Referential, record: DossierRecord, now: datetime, letter: bytes | None = None
) -> DossierReport:
    """The report of a dossier for a reader of ``t``'s language; ``letter``: the commitment letter's bytes."""
    snapshot, dossier, submitted = record.snapshot, record.snapshot.dossier, record.submitted
    axes = tuple(axis_view(t, referential, snapshot, axis) for axis in referential.axes)
    gaps = tuple(gap_texts(t, snapshot, dossier_gaps(referential, snapshot), referential, None))
    labels = {key: t.gettext(message) for key, message in REPORT_LABELS.items()}
    labels["generated_day"] = format_day(t, paris_time(now).date())  # on every page's footer
    labels["values_on"] = labels["values_on"].format(date=labels["generated_day"])
    return DossierReport(
        language=t.language,
        coop_name=record.coop.name,
        region=coop_region(record.coop),
        cycle=dossier.cycle,
        status=stage_status(t, dossier, paris_time(now).date()),  # a label over said so, as the coop's home
        generated_on=format_moment(t, now),
        axes=axes,
        involvement=tuple(
            (field_label(t, "dossier", name), getattr(dossier, name) or labels["no_answer"])
            for name in INVOLVEMENT_REQUIRED
        ),
        attachments=tuple(attachment_view(t, a) for a in record.attachments),
        gaps=gaps,
        labels=labels,
        draft=dossier.status in EDITABLE,
        submitted_on=format_moment(t, submitted.submitted_at) if submitted else "",
        submitted_by=record.submitter,
        summary=summary_rows(t, axes, record.attachments, len(gaps)),
        letter=letter_view(record.letter, letter),
        revision=revision_view(t, referential, record.revision) if record.revision else None,
        source=snapshot,
    )


def summary_rows(
    t: Translator, axes: tuple[AxisView, ...], attachments: list[Attachment], gaps: int
) -> tuple[tuple[str, str], ...]:
    """The dossier at a glance: engagements per axis, indicators, actions, documents, completeness."""
    rows = [(t.gettext("Axis") + f" {axis.code} — {axis.title}", axis.chosen_text) for axis in axes]
    indicators = [i for axis in axes for e in axis.engagements for i in e.indicators]
    supporting = sum(1 for a in attachments if a.kind == AttachmentKind.SUPPORTING)
    letter = any(a.kind == AttachmentKind.COMMITMENT_LETTER for a in attachments)
    documents = t.ngettext("{n} supporting document", "{n} supporting documents", supporting)
    documents = documents.format(n=supporting) if supporting else t.gettext("no supporting document")
    wording = N_("Commitment letter and {documents}") if letter else N_("No commitment letter; {documents}")
    documents = t.gettext(wording).format(documents=documents)
    # a dash, not a colon: on a screen it follows « Completeness: »
    complete = t.gettext("Complete — every rule of the dossier is met")
    incomplete = t.ngettext("Incomplete — {n} point to settle", "Incomplete — {n} points to settle", gaps)
    completeness = incomplete.format(n=gaps) if gaps else complete
    rows += [
        (t.gettext("Indicators"), t.format_number(len(indicators))),
        (t.gettext("Actions"), t.format_number(sum(len(i.actions) for i in indicators))),
        (t.gettext("Documents"), documents),
        (t.gettext("Completeness"), completeness),
    ]
    return tuple(rows)


def axis_view(t: Translator, referential: Referential, snapshot, axis) -> AxisView:
    """An axis with its chosen engagements, each with its indicators and their action plans."""
    lang, view = t.language, lambda i: indicator_view(t, referential, snapshot, i)
    engagements = tuple(
        EngagementView(
            engagement.code,
            engagement.title.get(lang),
            engagement.provisional,
            tuple(view(i) for i in snapshot.indicators_of(engagement.code)),
        )
        for engagement in referential.engagements_of(axis.code)
        if engagement.code in snapshot.chosen
    )
    chosen, available = len(engagements), len(referential.engagements_of(axis.code))
    count = t.ngettext("{n} engagement of {total}", "{n} engagements of {total}", chosen)
    count = count.format(n=chosen, total=available)
    title, summary = axis.title.get(lang), axis.summary.get(lang)
    return AxisView(axis.code, title, summary, chosen, available, engagements, count)


def indicator_view(t: Translator, referential: Referential, snapshot, indicator) -> IndicatorView:
    """An indicator's values for the reader (a suggested title in their language), and its actions."""
    i, due = indicator, lambda a: format_due(t, a.due_date, a.due_precision, action=True)
    return IndicatorView(
        id=i.id,
        title=referential.indicator_title(i, t.language),
        rationale=i.rationale or "—",
        kind=kind_text(t, i),
        current=format_value(t, i.current_value, i.value_kind, i.unit),
        target=format_value(t, i.target_value, i.value_kind, i.unit),
        target_date=format_due(t, i.target_date),
        actions=tuple(
            ActionView(a.description, format_owner(t, a.owner), due(a), a.due_date is not None, bool(a.owner))
            for a in snapshot.actions_of(i.id)
        ),
        start=starting_value(t, i),
    )


def attachment_view(t: Translator, attachment: Attachment) -> AttachmentView:
    """A document as the reader sees it listed: its kind, label, file name, size, date and type."""
    a = attachment
    kind = t.gettext(ATTACHMENT_KINDS[AttachmentKind(a.kind)])
    added = format_day(t, paris_time(a.uploaded_at).date()) if a.uploaded_at else ""
    file_type = FILE_TYPES.get(a.mime_type or "", "")
    return AttachmentView(a.id, kind, a.label, a.file_name, format_size(t, a.size), added, file_type)


def letter_view(attachment: Attachment | None, content: bytes | None) -> LetterView | None:
    """The letter to reproduce, when the caller read its bytes."""
    if attachment is None or content is None:
        return None
    return LetterView(LETTER_KINDS.get(attachment.mime_type or "", "other"), content, attachment.file_name)
