"""The dossier PDF: French typography, escaped user texts, metadata, and empty dossiers."""

from __future__ import annotations

import io
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from conversations.render.pdf import render_pdf
from conversations.render.report import (
    REPORT_LABELS,
    ActionView,
    AttachmentView,
    AxisView,
    DossierReport,
    EngagementView,
    IndicatorView,
)

COOP = "Coop’Habitat Œuvre « Solidaire »"
LABELS = {
    "title": "Dossier de candidature Quali’Coop",
    "cycle": "Cycle",
    "status": "Statut",
    "version": "Version",
    "generated": "Généré le",
    "region": "Région",
    "axes_heading": "Les engagements choisis, par axe de la Raison d’être",
    "axis": "Axe",
    "engagement": "Engagement",
    "indicators": "Indicateurs",
    "indicator": "Indicateur",
    "rationale": "En quoi il illustre la Raison d’être",
    "kind": "Type de valeur",
    "current": "Valeur actuelle",
    "target": "Valeur cible",
    "target_date": "Échéance",
    "actions": "Plan d’actions",
    "action": "Action",
    "who": "Qui la porte",
    "when": "Échéance",
    "no_indicator": "Pas encore d’indicateur.",
    "no_action": "Pas encore d’action.",
    "involvement": "Démarche et implication",
    "documents": "Pièces jointes",
    "no_documents": "Aucune pièce jointe pour l’instant.",
    "missing": "Il manque encore",
    "complete": "Toutes les règles du dossier sont respectées.",
    "provisional_note": "* intitulé provisoire, en attendant la formulation officielle de la fédération",
    "page": "Page",
    "chosen_count": "Engagements choisis",
}
ENGAGEMENT_TITLES = [
    "Améliorer la qualité énergétique des logements",
    "Favoriser l’accès à la propriété des ménages modestes",
    "Développer l’écoute des coopérateurs",
    "Être un employeur responsable",
]
RATIONALE = "Parce que <b>& les charges</b> pèsent lourd sur les budgets des ménages."
LONG_ANSWER = (
    "Notre démarche associe les coopérateurs, les salariés et les administrateurs à chaque étape. " * 12
    + "\n\n"
) * 3


def sample_report(engagements: int = 4, indicators: int = 2, actions: int = 1) -> DossierReport:
    """A French dossier spread over four axes, ``engagements`` × ``indicators`` × ``actions`` deep."""

    def indicator(e: int, i: int) -> IndicatorView:
        return IndicatorView(
            id=e * 10 + i,
            title=f"Part des logements rénovés n°{i + 1}",
            rationale=RATIONALE,
            kind="Un nombre (%)",
            current="12,5\u00a0%",
            target="1\u202f200\u00a0€",
            target_date="31 mai 2028",
            actions=tuple(
                ActionView(
                    f"Lancer l’étude thermique n°{a + 1} avec le bureau d’études",
                    "Mme Lefèvre, directrice",
                    "décembre 2027",
                )
                for a in range(actions)
            ),
        )

    chosen = [
        EngagementView(
            code=e + 1,
            title=ENGAGEMENT_TITLES[e % len(ENGAGEMENT_TITLES)] + ("" if e < 4 else f" ({e + 1})"),
            provisional=e % 4 == 3,
            indicators=tuple(indicator(e, i) for i in range(indicators)),
        )
        for e in range(engagements)
    ]
    axes = tuple(
        AxisView(
            code=a + 1,
            title=f"Axe de la Raison d’être n°{a + 1}",
            summary="La coopération au cœur de l’habitat.",
            chosen=len(chosen[a::4]),
            available=4,
            engagements=tuple(chosen[a::4]),
        )
        for a in range(4)
    )
    return DossierReport(
        language="fr",
        coop_name=COOP,
        region="Auvergne-Rhône-Alpes",
        cycle=2027,
        status="Brouillon",
        version=3,
        generated_on="lundi 23 novembre 2026 à 10\u202fh\u202f30",
        axes=axes,
        involvement=(
            ("Comment les coopérateurs sont-ils associés ?", LONG_ANSWER),
            ("Qui pilote la démarche ?", "Le conseil."),
        ),
        attachments=(
            AttachmentView(
                1, "Lettre d’engagement de la direction", "Lettre signée", "lettre.pdf", "1,2\u00a0Mo"
            ),
        ),
        gaps=("Il manque une pièce jointe « bilan ».",),
        labels=dict(LABELS),
    )


def pdf_text(data: bytes) -> str:
    """Every page's text, with no-break spaces read as plain spaces."""
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.fixture(scope="module")
def rendered() -> tuple[bytes, str]:
    """The sample dossier rendered once for the whole module (rendering is the slow part)."""
    data = render_pdf(sample_report())
    return data, pdf_text(data)


def test_labels_cover_every_report_heading():
    assert set(LABELS) == set(REPORT_LABELS)


def test_it_is_a_pdf_with_metadata(rendered):
    data, _ = rendered
    assert data.startswith(b"%PDF")
    metadata = PdfReader(io.BytesIO(data)).metadata
    assert metadata.title == f"{LABELS['title']} — {COOP}"
    assert metadata.author == COOP


def test_french_texts_survive(rendered):
    _, text = rendered
    assert COOP in text
    for title in ENGAGEMENT_TITLES:
        assert title in text
    assert "12,5 %" in text and "1 200 €" in text
    for character in "œŒ’€«»éèÉ":
        assert character in text


def test_user_markup_is_printed_literally(rendered):
    _, text = rendered
    assert "<b>& les charges</b>" in " ".join(text.split())


def test_long_answers_gaps_and_notes_are_printed(rendered):
    _, text = rendered
    flat = " ".join(text.split())
    assert flat.count("Notre démarche associe") == 36
    assert "Il manque une pièce jointe « bilan »." in flat
    assert "intitulé provisoire" in flat and "lettre.pdf" in flat
    assert "Engagements choisis : 1/4" in flat


def test_every_page_has_a_footer(rendered):
    data, _ = rendered
    pages = PdfReader(io.BytesIO(data)).pages
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Page {number}" in page.extract_text()


def test_an_empty_dossier_still_renders():
    report = replace(sample_report(engagements=0), involvement=(), attachments=(), gaps=())
    text = " ".join(pdf_text(render_pdf(report)).split())
    assert COOP in text and LABELS["no_documents"] in text and LABELS["complete"] in text
    assert "intitulé provisoire" not in text


def test_engagements_without_indicators_or_actions_say_so():
    text = " ".join(pdf_text(render_pdf(sample_report(engagements=1, indicators=0))).split())
    assert LABELS["no_indicator"] in text
    text = " ".join(pdf_text(render_pdf(sample_report(engagements=1, indicators=1, actions=0))).split())
    assert LABELS["no_action"] in text


def test_missing_labels_do_not_crash():
    assert render_pdf(replace(sample_report(engagements=1), labels={})).startswith(b"%PDF")


def test_the_renderer_does_not_import_telegram():
    root = Path(__file__).resolve().parents[2]
    code = "import sys, conversations.render.pdf; sys.exit('telegram' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=root).returncode == 0


def test_a_rationale_taller_than_a_page_splits_instead_of_failing():
    report = sample_report(engagements=1, indicators=1)
    engagement = report.axes[0].engagements[0]
    indicator = replace(engagement.indicators[0], rationale="Parce que " * 700 + "FIN")
    axis = replace(report.axes[0], engagements=(replace(engagement, indicators=(indicator,)),))
    text = " ".join(pdf_text(render_pdf(replace(report, axes=(axis, *report.axes[1:])))).split())
    assert text.count("Parce que") == 700 and "FIN" in text
