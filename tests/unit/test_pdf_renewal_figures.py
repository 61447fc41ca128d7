"""« Résultats du cycle 1 » in a renewal's PDF: each figure of an indicator's row (its start, targets,
values) stays whole on its line. The « Départ » column, 24 mm, cut even « 12 logements » into « 12 logement »
/ « s », and « 1 234 567,50 € » into « 1 234 567,5 » / « 0 € », read as two figures (a tester's finding)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime

from pypdf import PdfReader

from conversations.render.pdf import render_pdf
from conversations.render.pdf.renewal.results import renewal_view
from conversations.render.report import build_report
from locales import translator
from models.dossier.reads import DossierSnapshot
from models.dossier.record import DossierRecord
from models.label.renewal.results import compared
from models.referential.parsing import default_referential
from models.tables import Action, Coop, Dossier, DossierStatus, DossierVersion, Indicator

NOW = datetime(2029, 12, 1, 8, 30, tzinfo=UTC)


def snapshot(dossier_id: int, cycle: int, codes, per: int, figures) -> DossierSnapshot:
    """A dossier of ``per`` indicators in each engagement of ``codes``; ``figures(cycle, code, position)``
    changes an indicator's fields."""
    rows, plans = [], {}
    for code in codes:
        for position in range(per):
            ident = dossier_id * 10000 + code * 100 + position
            fields = {
                "title": f"Indicateur {code}.{position}",
                "value_kind": "number",
                "unit": "percent",
                "baseline_value": "10",
                "current_value": "12.5",
                "target_value": "25",
                "rationale": "Raison.",
                "target_date": date(2025 + cycle * 3, 5, 31),
            }
            fields.update(figures(cycle, code, position))
            rows.append(
                Indicator(id=ident, dossier_id=dossier_id, engagement_code=code, position=position, **fields)
            )
            plans[ident] = [
                Action(id=ident * 10, indicator_id=ident, position=0, description="Former l’équipe.")
            ]
    dossier = Dossier(
        id=dossier_id,
        coop_id=1,
        cycle=cycle,
        status=DossierStatus.LABELLED if cycle == 1 else DossierStatus.SUBMITTED,
        version=3,
        labelled_on=date(2026, 11, 22) if cycle == 1 else None,
        approach="Démarche.",
        staff_information="Oui.",
        members_information="Oui.",
        members_consultation="Oui.",
    )
    return DossierSnapshot(dossier, set(codes), rows, plans, [])


def renewal_pdf(
    before=(1,), now=(1,), per=1, figures=lambda cycle, code, position: {}, language="fr", course=None
) -> bytes:
    """A renewal's PDF, cycle 2 under review, with its « Résultats du cycle 1 » (and ``course`` for the
    cover's « Parcours » when given)."""
    earlier, current = snapshot(1, 1, before, per, figures), snapshot(2, 2, now, per, figures)
    reached = {indicator.id: date(2028, 3, 3) for indicator in earlier.indicators}
    t, referential = translator(language), default_referential()
    version = DossierVersion(dossier_id=2, version=3, submitted_by=7, submitted_at=NOW)
    record = DossierRecord(
        Coop(id=1, name="Coop Ho", region="Bretagne"), current, [], version, "Dominique", None
    )
    report = build_report(t, referential, record, NOW, None)
    view = renewal_view(t, referential, compared(earlier, current, reached))
    report = replace(report, renewal=view, course=report.course if course is None else course)
    return render_pdf(report)


def lines_of(data: bytes) -> list[list[str]]:
    """Each page's lines, spaces made plain."""
    pages = PdfReader(io.BytesIO(data)).pages
    return [
        [line.replace("\xa0", " ").replace("\u202f", " ").strip() for line in page.extract_text().split("\n")]
        for page in pages
    ]


FIGURES = [  # (unit, stored start, as the PDF prints it)
    ("homes", "12", "12 logements"),
    ("people", "12", "12 personnes"),
    ("homes", "1250", "1 250 logements"),
    ("people", "1250", "1 250 personnes"),
    ("euro", "1234567.5", "1 234 567,50 €"),
]


def test_a_coop_s_usual_figures_each_hold_on_a_line():
    def figures(cycle, code, position):
        unit, stored, _printed = FIGURES[position]
        return {"unit": unit, "baseline_value": stored, "target_value": "4", "current_value": "3"}

    lines = [line for page in lines_of(renewal_pdf(per=len(FIGURES), figures=figures)) for line in page]
    for _unit, _stored, printed in FIGURES:
        assert printed in lines  # in « Départ », its narrowest column


def test_a_larger_figure_breaks_between_its_number_and_its_unit():
    def figures(cycle, code, position):
        return {"unit": "people", "baseline_value": "1234567", "target_value": "4"}

    lines = [line for page in lines_of(renewal_pdf(figures=figures)) for line in page]
    assert "1 234 567" in lines and "personnes" in lines  # never « 1 234 567 perso » / « nnes »
