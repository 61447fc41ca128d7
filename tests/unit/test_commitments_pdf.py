"""The PDF pieces of the commitments: a consultation's results (the dossier's evidence) and a bilan."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime

from pypdf import PdfReader

from conversations.render.commitments.bilan_pdf import bilan_pdf
from conversations.render.commitments.bilans import bilan_view
from conversations.render.commitments.consultation_pdf import evidence_pdf
from conversations.render.commitments.consultations import consultation_view
from locales import Translator
from models.consultations.answers import Results
from models.referential.parsing import default_referential
from models.tables import Checkpoint, Consultation

NOW = datetime(2026, 12, 20, 9, 0, tzinfo=UTC)


def text_of(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_consultation_results_as_pdf_evidence_in_french():
    consultation = Consultation(
        coop_id=1, dossier_id=1, created_by=1, status="open", closes_on=date(2026, 12, 15), public_token="x"
    )
    results = Results(
        reached=30, answered=12, votes=(3, 0, 0, 0, 7) + (0,) * 7, comments=("Plus de réunions « AG » & co",)
    )
    view = consultation_view(Translator("fr"), default_referential(), consultation, results, NOW)
    text = text_of(evidence_pdf([view], "Consultations des équipes et des coopérateurs", "fr"))
    assert "Quels engagements comptent le plus pour vous" in text
    assert "12 réponses sur 30 personnes consultées (40 %)" in text.replace("\u00a0", " ")
    assert "Clôturée le 15 décembre 2026" in text
    assert "5. Associer accédants" in text and "58 %" in text.replace("\u00a0", " ")
    assert "Plus de réunions « AG » & co" in text.replace("\u00a0", " ")
    assert "1. Permettre l’accès à un logement" in text and "'" not in text  # the dossier PDF's typography
    # the provisional titles starred, and the star said under the table, as the dossier's PDF does
    assert "Associer accédants" in text and "* titre provisoire" in text.replace("\u00a0", " "), text


def test_a_bilan_as_pdf_with_its_chart_in_english():
    content = {
        "checkpoint": "six_months",
        "due_on": "2027-06-03",
        "indicators": [
            {
                "title": "Share of BRS homes",
                "kind": "number",
                "unit": "percent",
                "baseline": "12.5",
                "current": "18.5",
                "current_on": "2027-04-23",
                "target": "30",
                "target_date": "2028-05-31",
                "actions": [
                    {
                        "description": "Train the team",
                        "owner": "HR",
                        "status": "dropped",
                        "note": "The trainer left",
                    }
                ],
            },
        ],
        "difficulties": "Few tenants <came>.",
        "help_wanted": "",
    }
    held = Checkpoint(
        dossier_id=1, kind="six_months", due_on=date(2027, 6, 3), held_on=date(2027, 6, 5), notes="Good."
    )
    view = bilan_view(Translator("en"), content, "Coop Horizon", "Sent on …", held)
    text = text_of(bilan_pdf(view))
    assert "Checkpoint report — Coop Horizon" in text and "6-month checkpoint — 3 June 2027" in text
    assert "18.5%" in text and "23 April 2027" in text and "Few tenants <came>." in text
    assert "Dropped: The trainer left" in text and "None." in text
    assert "Checkpoint held on 5 June 2027. “Good.”" in text
    reader = PdfReader(io.BytesIO(bilan_pdf(view)))
    assert any("/XObject" in page["/Resources"] for page in reader.pages)  # the progress chart is there


def test_every_page_of_a_bilan_says_whose_it_is_and_its_number():
    content = {
        "checkpoint": "six_months",
        "due_on": "2027-05-23",
        "indicators": [
            {
                "title": f"Passages de locataire à propriétaire dans l'année n°{n}",
                "kind": "number",
                "unit": "percent",
                "baseline": "12.5",
                "current": "18.5",
                "current_on": "2027-04-23",
                "target": "30",
                "target_date": "2028-05-31",
                "actions": [
                    {"description": "Former l'équipe", "owner": "La directrice", "status": "in_progress"}
                ],
            }
            for n in range(12)
        ],
        "difficulties": "Peu de locataires aux réunions d’hiver. " * 60,
        "help_wanted": "",
    }
    view = bilan_view(Translator("fr"), content, "Coop Bilan", "Envoyé le …", None)
    pages = [
        page.extract_text().replace("\u00a0", " ") for page in PdfReader(io.BytesIO(bilan_pdf(view))).pages
    ]
    assert len(pages) >= 2
    assert "dans l’année" in pages[0] and "Former l’équipe" in "".join(pages) and "'" not in "".join(pages)
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} sur {len(pages)}" in text
        assert "Coop Bilan · Bilan d’étape · Point d’étape à 6 mois — 23 mai 2027" in text


def test_choices_told_apart_by_their_emoji_alone_are_numbered_where_emoji_do_not_print():
    """« Réunion 🌞 » and « Réunion 🌙 » are two choices; the PDF and the chart print no emoji, so they
    are numbered as on the ballot (« 1. Réunion », « 2. Réunion »), there and in the chat alike."""
    alike = Consultation(
        coop_id=1, dossier_id=1, created_by=1, status="closed", closes_on=date(2026, 12, 15), public_token="y",
        question="Quand ?", choices=json.dumps(["Réunion 🌞", "Réunion 🌙", "Visio"]),
    )  # fmt: skip
    results = Results(reached=5, answered=4, votes=(3, 1, 0), comments=())
    view = consultation_view(Translator("fr"), default_referential(), alike, results, NOW)
    assert [label for label, _votes, _share in view.choices] == ["1. Réunion 🌞", "2. Réunion 🌙", "3. Visio"]
    text = text_of(evidence_pdf([view], "Consultations", "fr"))
    assert "1. Réunion" in text and "2. Réunion" in text, text
    apart = Consultation(**{**alike.model_dump(), "choices": json.dumps(["Mardi", "Jeudi"])})
    view = consultation_view(Translator("fr"), default_referential(), apart, results, NOW)
    assert [label for label, _votes, _share in view.choices] == ["Mardi", "Jeudi"]  # as typed
