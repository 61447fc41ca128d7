"""The PDF's metadata (title, author, subject) are Unicode strings a reader shows whole: a coop named in
Arabic keeps its name there; the « [texte non imprimable] » marker is for the page's font only."""

from __future__ import annotations

import io

from pypdf import PdfReader

from conversations.render.pdf import render_pdf
from conversations.render.report import build_report
from locales import translator
from models.referential.parsing import default_referential
from tests.pdf_samples import NOW, sample_record

ARABIC = "تعاونية السكن"


def metadata_of(name: str, language: str = "fr"):
    """The metadata of a small dossier's PDF, its coop named ``name``."""
    record = sample_record(engagements=1, indicators=1, actions=1, revision=False)
    record.coop.name = name
    report = build_report(translator(language), default_referential(), record, NOW, None)
    data = render_pdf(report)
    return PdfReader(io.BytesIO(data)).metadata, data


def test_a_coop_named_in_arabic_keeps_its_name_in_the_metadata():
    metadata, data = metadata_of(f"Coop {ARABIC}")
    assert metadata.title == f"Dossier de candidature Quali’Coop — Coop {ARABIC}"
    assert metadata.author == f"Coop {ARABIC}"
    assert metadata.subject == "Dossier de candidature Quali’Coop"
    assert "non imprimable" not in f"{metadata.title} {metadata.author} {metadata.subject}"
    # the page itself still prints the marker: its font has no Arabic letters
    page = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "non imprimable" in page.replace("\u00a0", " ")


def test_a_coop_named_in_chinese_keeps_its_name_for_an_english_reader():
    metadata, _ = metadata_of("合作社 Habitat", "en")
    assert metadata.author == "合作社 Habitat"
    assert metadata.title.endswith("— 合作社 Habitat") and "not printable" not in metadata.title
