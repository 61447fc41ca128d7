"""The commitments' PDF pieces (a bilan's PDF, the consultations in the dossier's PDF): a heading never ends
a page alone, its text on the next one (« Difficultés rencontrées », « Aide souhaitée de la fédération »,
a consultation's question); and the consultations the dossier's PDF prints are in its cover's contents."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from conversations.render.commitments.bilan_pdf import bilan_pdf
from conversations.render.commitments.bilans import bilan_view
from conversations.render.commitments.consultations import consultation_view
from conversations.render.pdf import render_pdf
from conversations.render.report import build_report
from locales import Translator, translator
from models.consultations.answers import Results
from models.referential.parsing import default_referential
from models.tables import Consultation
from tests.pdf_samples import NOW, sample_record
from tests.unit.test_pdf import pages_of
from tests.unit.test_pdf_long_dossier import lines_of, words

BILAN_HEADINGS = ("Difficultés rencontrées", "Aide souhaitée de la fédération", "Plan d’actions")


def bilan(actions: int) -> dict:
    """A bilan's content: one indicator, ``actions`` actions, a few lines of difficulties and of help."""
    return {
        "checkpoint": "six_months",
        "due_on": "2027-05-23",
        "indicators": [
            {
                "title": "Part de logements BRS",
                "kind": "number",
                "unit": "percent",
                "baseline": "12.5",
                "current": "18.5",
                "current_on": "2027-04-23",
                "target": "30",
                "target_date": "2028-05-31",
                "actions": [
                    {
                        "description": f"Former l’équipe n°{n}",
                        "owner": "La directrice",
                        "status": "in_progress",
                    }
                    for n in range(actions)
                ],
            }
        ],
        "difficulties": "Peu de locataires aux réunions d’hiver. " * 8,
        "help_wanted": "Un accompagnement. " * 8,
    }


def last_lines(data: bytes, tmp_path) -> list[str]:
    """Each page's last line of text above its footer, the last page's aside."""
    return [(lines_of(page) or [""])[-1] for page in words(data, tmp_path)[:-1]]


@pytest.mark.parametrize("actions", [13, 16, 38])  # each moves a heading down to a page's foot
def test_no_heading_ends_a_page_of_a_bilan_alone(tmp_path, actions):
    view = bilan_view(Translator("fr"), bilan(actions), "Coop Bilan", "Envoyé le 1er juin 2027", None)
    assert [line for line in last_lines(bilan_pdf(view), tmp_path) if line in BILAN_HEADINGS] == []


def consultation(question: str, comments: int):
    """A closed consultation's results with ``comments`` comments."""
    asked = Consultation(
        coop_id=1,
        dossier_id=1,
        created_by=1,
        status="closed",
        closes_on=date(2026, 11, 15),
        public_token="x",
        question=question,
    )
    results = Results(
        reached=30,
        answered=12,
        votes=(3, 0, 0, 0, 7) + (0,) * 7,
        comments=tuple(f"Avis {n} sur la démarche." for n in range(comments)),
    )
    return consultation_view(
        Translator("fr"), default_referential(), asked, results, datetime(2026, 11, 20, tzinfo=UTC)
    )


def dossier_with(*views) -> bytes:
    """A small dossier's PDF with these consultations."""
    record = sample_record(engagements=2, indicators=1, actions=1, revision=False)
    report = build_report(translator("fr"), default_referential(), record, NOW, None)
    return render_pdf(replace(report, consultations=views))


def test_the_cover_lists_the_consultations_where_they_start():
    pages = pages_of(dossier_with(consultation("Faut-il une charte ?", 2)))
    title = "Consultations des salariés et des coopérateurs"
    start = next(number for number, page in enumerate(pages, start=1) if title in page and number > 1)
    assert f"{title} {start}" in pages[0]  # « Sommaire »: the part and its page


@pytest.mark.parametrize("comments", [0, 21])  # the second's question, then the first's comments' heading
def test_a_consultation_s_headings_never_end_a_page_alone(tmp_path, comments):
    """The first consultation's comments push the second one down the page."""
    data = dossier_with(consultation("Faut-il une charte ?", comments), consultation("Quel calendrier ?", 0))
    headings = ("Question", "Commentaires")
    assert [line for line in last_lines(data, tmp_path) if line.startswith(headings)] == []
