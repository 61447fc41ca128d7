"""The dossier as a report: every text already translated and formatted, for the review and the PDF."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from conversations.render.fields import field_label
from conversations.render.formatting import (
    KIND_LABELS,
    UNIT_LABELS,
    format_due,
    format_value,
)
from conversations.render.gaps import gap_text
from locales import N_, Translator
from models.dossier.rules import INVOLVEMENT_REQUIRED, dossier_gaps
from models.referential.model import Referential
from models.tables import Attachment, AttachmentKind, Coop
from models.values import Unit, ValueKind

REPORT_LABELS = {
    "title": N_("Quali’Coop candidacy dossier"),
    "cycle": N_("Cycle"),
    "status": N_("Status"),
    "version": N_("Version"),
    "generated": N_("Generated on"),
    "region": N_("Region"),
    "axes_heading": N_("The engagements chosen, by axis of the Raison d’être"),
    "axis": N_("Axis"),
    "engagement": N_("Engagement"),
    "indicators": N_("Indicators"),
    "indicator": N_("Indicator"),
    "rationale": N_("Why it illustrates the Raison d’être"),
    "kind": N_("Kind of value"),
    "current": N_("Current value"),
    "target": N_("Target value"),
    "target_date": N_("Target date"),
    "actions": N_("Action plan"),
    "action": N_("Action"),
    "who": N_("Who carries it"),
    "when": N_("Due date"),
    "no_indicator": N_("No indicator yet."),
    "no_action": N_("No action yet."),
    "involvement": N_("Approach and involvement"),
    "documents": N_("Attached documents"),
    "no_documents": N_("No document attached yet."),
    "missing": N_("Still missing"),
    "complete": N_("Every rule of the dossier is met."),
    "provisional_note": N_("* provisional title, until the federation publishes the official wording"),
    "page": N_("Page"),
    "chosen_count": N_("Engagements chosen"),
}
ATTACHMENT_KINDS = {
    AttachmentKind.COMMITMENT_LETTER: N_("Commitment letter of the direction"),
    AttachmentKind.SUPPORTING: N_("Supporting document"),
}


@dataclass(frozen=True)
class ActionView:
    description: str
    owner: str
    due: str


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


@dataclass(frozen=True)
class AttachmentView:
    id: int
    kind: str
    label: str
    file_name: str
    size: str


@dataclass(frozen=True)
class DossierReport:
    """Everything a reader of the dossier sees, in one language."""

    language: str
    coop_name: str
    region: str
    cycle: int
    status: str
    version: int
    generated_on: str
    axes: tuple[AxisView, ...]
    involvement: tuple[tuple[str, str], ...]  # (question, answer)
    attachments: tuple[AttachmentView, ...]
    gaps: tuple[str, ...]
    labels: dict[str, str] = field(default_factory=dict)


def format_size(t: Translator, size: int) -> str:
    """1,2 Mo / 350 ko, the user's way."""
    if size >= 1024 * 1024:
        return t.gettext("{n} MB").format(n=t.format_number(round(size / 1024 / 1024, 1)))
    return t.gettext("{n} kB").format(n=t.format_number(max(1, round(size / 1024))))


def kind_text(t: Translator, indicator) -> str:
    """« Un nombre (%) », « Oui / non »…, without the emoji of the buttons."""
    if not indicator.value_kind:
        return "—"
    text = t.gettext(KIND_LABELS[ValueKind(indicator.value_kind)]).split(" ", 1)[-1]
    if indicator.value_kind == ValueKind.NUMBER and indicator.unit:
        text += f" ({t.gettext(UNIT_LABELS[Unit(indicator.unit)])})"
    return text


def build_report(
    t: Translator,
    referential: Referential,
    coop: Coop,
    snapshot,
    attachments: list[Attachment],
    status: str,
    now: datetime,
) -> DossierReport:
    """The report of a dossier for a reader of ``t``'s language."""
    dossier = snapshot.dossier
    return DossierReport(
        language=t.language,
        coop_name=coop.name,
        region=coop.region or "",
        cycle=dossier.cycle,
        status=status,
        version=dossier.version,
        generated_on=t.format_datetime(now),
        axes=tuple(axis_view(t, referential, snapshot, axis) for axis in referential.axes),
        involvement=tuple(
            (field_label(t, "dossier", name), getattr(dossier, name) or "—") for name in INVOLVEMENT_REQUIRED
        ),
        attachments=tuple(attachment_view(t, a) for a in attachments),
        gaps=tuple(gap_text(t, snapshot, gap) for gap in dossier_gaps(referential, snapshot)),
        labels={key: t.gettext(message) for key, message in REPORT_LABELS.items()},
    )


def axis_view(t: Translator, referential: Referential, snapshot, axis) -> AxisView:
    """An axis with its chosen engagements, each with its indicators and their action plans."""
    lang = t.language
    engagements = tuple(
        EngagementView(
            engagement.code,
            engagement.title.get(lang),
            engagement.provisional,
            tuple(indicator_view(t, snapshot, i) for i in snapshot.indicators_of(engagement.code)),
        )
        for engagement in referential.engagements_of(axis.code)
        if engagement.code in snapshot.chosen
    )
    return AxisView(
        axis.code,
        axis.title.get(lang),
        axis.summary.get(lang),
        len(engagements),
        len(referential.engagements_of(axis.code)),
        engagements,
    )


def indicator_view(t: Translator, snapshot, indicator) -> IndicatorView:
    """An indicator's values formatted for the reader, and its actions."""
    i = indicator
    return IndicatorView(
        id=i.id,
        title=i.title,
        rationale=i.rationale or "—",
        kind=kind_text(t, i),
        current=format_value(t, i.current_value, i.value_kind, i.unit),
        target=format_value(t, i.target_value, i.value_kind, i.unit),
        target_date=format_due(t, i.target_date),
        actions=tuple(
            ActionView(a.description, a.owner or "—", format_due(t, a.due_date, a.due_precision))
            for a in snapshot.actions_of(i.id)
        ),
    )


def attachment_view(t: Translator, attachment: Attachment) -> AttachmentView:
    """A document as the reader sees it listed: its kind, label, file name and size."""
    a = attachment
    kind = t.gettext(ATTACHMENT_KINDS[AttachmentKind(a.kind)])
    return AttachmentView(a.id, kind, a.label, a.file_name, format_size(t, a.size))


def pdf_file_name(report: DossierReport) -> str:
    """A readable file name: « Dossier Quali’Coop - Coop Habitat - cycle 1.pdf »."""
    coop = "".join(c for c in report.coop_name if c.isalnum() or c in " -_’'")[:60].strip()
    return f"{report.labels['title']} - {coop} - {report.labels['cycle'].lower()} {report.cycle}.pdf"
