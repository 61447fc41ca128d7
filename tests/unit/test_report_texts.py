"""The dossier's report in words, as the PDF prints it: documents named by their type, what is still
missing told in full, unanswered questions and an empty list said as such, in the reader's language.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from conversations.render.gaps import gap_text
from conversations.render.pdf import render_pdf
from conversations.render.report import attachment_view, build_report
from locales import translator
from models.dossier.reads import DossierSnapshot
from models.dossier.rules import Gap
from models.referential.parsing import default_referential
from models.tables import Attachment, AttachmentKind
from tests.pdf_samples import NOW, sample_record
from tests.unit.test_pdf import pages_of

LONG_TITLE = (
    "Part des logements livrés en bail réel solidaire parmi les logements produits dans l’année (hors VEFA)"
)


def unfinished_record():
    """The sample dossier half done: indicators without actions (the first with a long title of its own),
    the last involvement question unanswered, the letter but no supporting document."""
    record = sample_record(engagements=12, indicators=1, actions=0, revision=False)
    snapshot = record.snapshot
    snapshot.indicators[0].title = LONG_TITLE
    dossier = snapshot.dossier.model_copy(update={"members_consultation": None})
    letter = [a for a in record.attachments if a.kind == AttachmentKind.COMMITMENT_LETTER]
    snapshot = DossierSnapshot(dossier, snapshot.chosen, snapshot.indicators, snapshot.actions, letter)
    return replace(record, snapshot=snapshot, attachments=letter)


@pytest.mark.parametrize(
    ("mime", "named"),
    [
        ("application/vnd.oasis.opendocument.spreadsheet", "OpenDocument"),
        ("application/vnd.oasis.opendocument.presentation", "OpenDocument"),
        ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint"),
    ],
)
def test_every_accepted_document_type_is_named(mime, named):
    document = Attachment(
        id=9,
        dossier_id=1,
        kind="supporting",
        label="x",
        file_name="x",
        mime_type=mime,
        size=10,
        sha256="b" * 64,
    )
    assert attachment_view(translator("fr"), document).type == named


@pytest.mark.parametrize("language", ["fr", "en"])
def test_what_is_missing_names_each_indicator_in_full_with_its_engagement(language):
    t, referential, record = translator(language), default_referential(), unfinished_record()
    report = build_report(t, referential, record, NOW)
    quoted = f"« {LONG_TITLE} »" if language == "fr" else f"“{LONG_TITLE}”"
    no_action = {
        "fr": f"L’indicateur {quoted} (engagement 1) n’a pas encore d’action",
        "en": f"Indicator {quoted} (engagement 1) has no action yet",
    }[language]
    assert no_action.replace(" ", "\u00a0") in [gap.replace(" ", "\u00a0") for gap in report.gaps]
    # the chat keeps its short titles: its lines are read on a phone
    chat = gap_text(
        t, record.snapshot, Gap("no_action", engagement=1, indicator_id=record.snapshot.indicators[0].id)
    )
    assert "…" in chat and "(engagement 1)" in chat


def test_the_pdf_lists_what_is_missing_in_full():
    report = build_report(translator("fr"), default_referential(), unfinished_record(), NOW)
    text = " ".join(pages_of(render_pdf(report)))
    assert f"L’indicateur « {LONG_TITLE} » (engagement 1) n’a pas encore d’action" in text


def test_an_unanswered_question_and_no_supporting_document_are_said_in_words():
    for language, unanswered, documents in (
        ("fr", "Pas encore de réponse", "Lettre d’engagement et aucune pièce justificative"),
        ("en", "No answer yet", "Commitment letter and no supporting document"),
    ):
        report = build_report(translator(language), default_referential(), unfinished_record(), NOW)
        assert report.involvement[-1][1] == unanswered
        assert dict(report.summary)[{"fr": "Documents", "en": "Documents"}[language]] == documents


def test_the_fields_still_to_fill_read_as_french():
    """« valeur cible à renseigner », not « il manque valeur cible » (no article before the names)."""
    t, record = translator("fr"), unfinished_record()
    indicator = record.snapshot.indicators[0].id
    gap = Gap("indicator_incomplete", engagement=1, indicator_id=indicator, fields=("target_value",))
    said = gap_text(t, record.snapshot, gap).replace("\u00a0", " ")
    assert said.endswith(") : valeur cible à renseigner"), said
    involvement = gap_text(t, record.snapshot, Gap("involvement_missing", fields=("members_consultation",)))
    assert involvement.replace("\u00a0", " ").startswith("Démarche et implication : ")
    assert involvement.endswith(" à renseigner") and "il manque" not in involvement
