"""The committee's PDF, read back with pypdf: a full sample dossier (12 × 3 × 3, long texts, a PDF
letter or a photographed one), its cover, its pages, its letter, its typography, drafts and appendix.
"""

from __future__ import annotations

import io
import itertools
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import stringWidth

from conversations.render.pdf import render_pdf
from conversations.render.pdf.closing import DOCUMENT_COLUMNS, file_name_markup
from conversations.render.pdf.style import WATERMARK, ensure_ready, glyphs
from conversations.render.pdf.typography import typeset
from conversations.render.report import LetterView
from models.tables import DossierStatus
from tests.pdf_samples import COOP, LETTER_MARKS, LONG_END, LONG_START, sample_report

NBSP = "\u00a0"
RED = fp_str(*WATERMARK.rgb()).encode() + b" rg"  # the draft watermark's fill, as reportlab writes it


def pages_of(data: bytes) -> list[str]:
    """Each page's text, spaces made plain and runs of them one."""
    reader = PdfReader(io.BytesIO(data))
    return [
        " ".join(page.extract_text().replace(NBSP, " ").replace("\u202f", " ").split())
        for page in reader.pages
    ]


def watermarked(data: bytes) -> list[bool]:
    """Whether each page carries the draft's watermark (drawn as outlines: no text to read)."""
    return [RED in page.get_contents().get_data() for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def submitted() -> tuple[bytes, list[str]]:
    """The full sample dossier, submitted, its letter a two-page PDF (rendered once: it is the slow part)."""
    data = render_pdf(sample_report())
    return data, pages_of(data)


@pytest.fixture(scope="module")
def draft() -> tuple[bytes, list[str]]:
    """The same dossier still being written, its letter a photo."""
    data = render_pdf(sample_report(letter="image", status=DossierStatus.DRAFT, revision=False))
    return data, pages_of(data)


def test_every_page_says_page_x_of_y(submitted):
    _, pages = submitted
    assert 15 <= len(pages) <= 40
    for number, text in enumerate(pages, start=1):
        assert text.count(f"Page {number} sur {len(pages)}") == 1, text[-80:]
        assert len(re.findall(r"Page \d+ sur \d+", text)) == 1


def test_the_cover_tells_who_what_when_and_the_dossier_at_a_glance(submitted):
    cover = submitted[1][0]
    for expected in (
        "Dossier de candidature Quali’Coop",
        COOP,
        "Auvergne-Rhône-Alpes",
        "Cycle 1",
        "Statut Soumis au comité",
        "Soumis le mardi 1er décembre 2026 à 9 h 30",
        "Soumis par Dominique",
        "Document généré le mardi 1er décembre 2026 à 9 h 30",
        "Axe 1 — Mission d’intérêt général 4 engagements sur 4",
        "Indicateurs 36",
        "Actions 108",
        "Documents Lettre d’engagement et 3 pièces justificatives",
        "Complétude Complet — toutes les règles du dossier sont respectées",
        "Soumis à nouveau après la demande de compléments du comité",
    ):
        assert expected in cover, expected
    assert "Édité" not in cover


def test_no_internal_number_no_emoji_no_missing_glyph(submitted):
    data, pages = submitted
    text = "\n".join(pages)
    assert "Version" not in text and not re.search(r"\b89\b", text)
    ensure_ready()
    printable = glyphs()
    reader = PdfReader(io.BytesIO(data))
    unprintable = {
        c for page in reader.pages for c in page.extract_text() if c not in "\n\t" and ord(c) not in printable
    }
    assert not unprintable  # an emoji or any character the font lacks would print as a box
    assert "\ufffd" not in text


def test_the_pdf_letter_s_pages_are_in_the_appendix(submitted):
    _, pages = submitted
    assert LETTER_MARKS[0] in pages[-2] and LETTER_MARKS[1] in pages[-1]
    assert "Annexe — Lettre d’engagement de la direction" in pages[-2]
    assert not any(mark in page for page in pages[:-2] for mark in LETTER_MARKS)
    assert "La lettre d’engagement de la direction est reproduite en annexe." in "\n".join(pages)


def test_a_photographed_letter_has_a_page_of_its_own(draft):
    data = render_pdf(sample_report(letter="image"))
    reader = PdfReader(io.BytesIO(data))
    last = reader.pages[-1]
    assert len(last.images) == 1 and "Annexe — Lettre d’engagement de la direction" in last.extract_text()
    assert not reader.pages[-2].images


def test_only_a_draft_carries_brouillon(submitted, draft):
    assert all(watermarked(draft[0])) and not any(watermarked(submitted[0]))
    assert "Complétude Complet" in draft[1][0] and "Statut Brouillon" in draft[1][0]
    assert "Soumis le" in draft[1][0]  # its last submission is still told


def test_a_3000_character_rationale_stays_on_one_page(submitted):
    _, pages = submitted
    start = [n for n, page in enumerate(pages) if LONG_START in page]
    end = [n for n, page in enumerate(pages) if LONG_END in page]
    assert len(start) == 1 and start == end


def test_long_texts_flow_under_their_headings(submitted):
    text = "\n".join(submitted[1])
    heading = "Indicateur 1 — Part des marchés comportant une clause d’insertion sociale"
    assert heading in text
    after = text[text.index(heading) :]
    # the figures, then the rationale under its label, then the action plan under its own
    assert re.match(
        rf"{heading} Type de valeur Valeur actuelle Valeur cible Date cible .* En quoi il illustre la "
        r"Raison d’être .* Plan d’actions 1\. Action 1",
        after,
    )
    assert "Porteur : Mme Lefèvre, directrice · échéance : 1er mars 2027" in text


def test_french_typography(submitted):
    data, _ = submitted
    raw = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages[:-2])
    assert "1er juin 2028" in raw and "1er décembre 2026" in raw and "échéance : mai 2027" in raw
    assert "'" not in raw  # the referential's « l'accès » printed with a true apostrophe
    assert "Permettre l’accès à un logement abordable" in raw
    # no-break spaces: a line never starts with what they hold to the word before
    assert not [line for line in raw.splitlines() if line.startswith((":", ";", "%", "€", "»", "?", "!"))]
    assert typeset("Taux : 12 % « enfin » l'accès") == "Taux\u00a0: 12\u00a0% «\u00a0enfin\u00a0» l’accès"


def test_english_in_english():
    pages = pages_of(render_pdf(sample_report("en")))
    cover = pages[0]
    assert "Submitted on Tuesday 1 December 2026 at 09:30" in cover
    assert "Completeness Complete — every rule of the dossier is met" in cover
    assert pages[1].endswith(f"Page 2 of {len(pages)}")
    assert "What changed since the version the committee read" in "\n".join(pages)


def test_what_changed_is_in_the_appendix(submitted):
    text = "\n".join(submitted[1])
    appendix = text[text.index("Annexe — Ce qui a changé depuis la version lue par") :]
    assert "Précisez la cible de l’engagement 1" in appendix
    assert "Valeur cible Avant : 20 % Désormais : 25 %" in appendix
    assert (
        "Engagement 12 — Développer les dispositifs solidaires" in appendix
        and "Engagement ajouté" in appendix
    )
    assert "Ajout : pièce justificative « Photo de la résidence rénovée »" in appendix


def test_file_names_wrap_only_after_a_separator():
    style = ensure_ready().cell_small
    for name in ("lettre_engagement_de_la_direction_signee.pdf", "PhotoResidenceLesTilleulsFacade.jpg"):
        lines = file_name_markup(name, 60, style.fontName, style.fontSize).split("<br/>")
        assert len(lines) > 2 and "".join(lines) == name
        for line, following in itertools.pairwise(lines):
            assert line[-1] in "_-." or (line[-1].islower() and following[0].isupper()), (line, following)


def test_a_damaged_letter_is_named_not_fatal():
    report = sample_report(engagements=1, revision=False)
    damaged = replace(report, letter=LetterView("pdf", b"%PDF-1.4 torn", "lettre.pdf"))
    text = "\n".join(pages_of(render_pdf(damaged)))
    assert (
        "La lettre d’engagement (lettre.pdf) ne peut pas être reproduite ici : elle est jointe au dossier."
        in text
    )


def letter_with_fonts_images_and_turns() -> bytes:
    """A letter as an office suite writes one: its own embedded font, a picture, pages turned by /Rotate."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    from conversations.render.fonts import dejavu_folder
    from tests.pdf_samples import letter_photo

    pdfmetrics.registerFont(TTFont("LetterSerif", str(dejavu_folder() / "DejaVuSerif.ttf")))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for number in (1, 2, 3):
        canvas.setFont("LetterSerif", 20)
        canvas.drawString(72, 500, f"Signée-page-{number} « œuvre » 12 €")
        canvas.drawImage(ImageReader(io.BytesIO(letter_photo())), 72, 100, 200, 280)
        canvas.showPage()
    canvas.save()
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buffer.getvalue())))
    for page, turn in zip(writer.pages, (0, 90, 180), strict=True):
        page.rotate(turn)
    turned = io.BytesIO()
    writer.write(turned)
    return turned.getvalue()


def test_a_letter_s_own_fonts_pictures_and_turned_pages_are_reproduced():
    report = sample_report(engagements=1, revision=False)
    letter = LetterView("pdf", letter_with_fonts_images_and_turns(), "lettre.pdf")
    reader = PdfReader(io.BytesIO(render_pdf(replace(report, letter=letter))))
    last = reader.pages[-3:]
    for number, page in enumerate(last, start=1):
        assert f"Signée-page-{number} « œuvre » 12 €" in page.extract_text().replace(NBSP, " ")
        assert f"lettre.pdf · {number}/3" in page.extract_text()
    # the letter's page is drawn by reference: its font and picture travel with it
    forms = [page["/Resources"]["/XObject"] for page in last]
    assert all(len(form) == 1 for form in forms)
    drawn = [next(iter(form.values())).get_object() for form in forms]
    assert all("/Font" in d["/Resources"] and "/XObject" in d["/Resources"] for d in drawn)


def test_user_markup_is_printed_literally():
    report = sample_report(engagements=1, revision=False)
    axis = report.axes[0]
    engagement = axis.engagements[0]
    indicator = replace(engagement.indicators[0], rationale="Parce que <b>& les charges</b> pèsent 😀 lourd.")
    engagement = replace(engagement, indicators=(indicator,))
    report = replace(report, axes=(replace(axis, engagements=(engagement,)), *report.axes[1:]))
    text = "\n".join(pages_of(render_pdf(report)))
    assert "Parce que <b>& les charges</b> pèsent lourd." in text  # the emoji dropped, not a box


def test_an_emoji_or_an_invisible_character_leaves_no_space_behind():
    ensure_ready()
    assert typeset("Réponse sous 5 jours ouvrés ✅.") == "Réponse sous 5 jours ouvrés."
    assert typeset("Délai ⏱️. Bonjour 👋 à tous 🙏") == "Délai. Bonjour à tous"
    assert typeset("Résultat ✅ !") == "Résultat\u00a0!"
    assert typeset("Coop\u200bHabitat, zéro\u200b largeur\ufeff.") == "CoopHabitat, zéro largeur."


def test_an_empty_dossier_still_renders():
    report = sample_report(engagements=0, revision=False)
    report = replace(report, attachments=(), letter=None, involvement=(), summary=())
    text = "\n".join(pages_of(render_pdf(report)))
    assert COOP in text and "Aucun document joint pour l’instant." in text


def test_missing_labels_do_not_crash():
    assert render_pdf(replace(sample_report(engagements=1, revision=False), labels={})).startswith(b"%PDF")


def test_a_rationale_taller_than_a_page_splits_instead_of_failing():
    report = sample_report(engagements=1, revision=False)
    axis, engagement = report.axes[0], report.axes[0].engagements[0]
    indicator = replace(engagement.indicators[0], rationale="Parce que.\n\n" * 400 + "FIN")
    engagement = replace(engagement, indicators=(indicator,))
    report = replace(report, axes=(replace(axis, engagements=(engagement,)), *report.axes[1:]))
    text = "\n".join(pages_of(render_pdf(report)))
    assert text.count("Parce que.") == 400 and "FIN" in text


def test_the_renderer_does_not_import_telegram():
    root = Path(__file__).resolve().parents[2]
    code = "import sys, conversations.render.pdf; sys.exit('telegram' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=root).returncode == 0


def test_while_the_coop_completes_its_dossier_the_changes_so_far_are_a_draft_s():
    data = render_pdf(sample_report(status=DossierStatus.INFO_REQUESTED))
    pages = pages_of(data)
    assert "Le comité a demandé des compléments : ce qui a changé depuis la version" in pages[0]
    assert "Soumis à nouveau" not in pages[0] and all(watermarked(data))


def test_the_cover_s_contents_give_each_part_s_page(submitted):
    _, pages = submitted
    contents = pages[0][pages[0].index("Sommaire") :]
    found = re.findall(r"((?:Axe \d — |Démarche|Documents joints|Annexe — )[^\d]*?) (\d+)(?= |$)", contents)
    titles = [title for title, _ in found]
    assert titles[:3] == [
        "Axe 1 — Mission d’intérêt général",
        "Axe 2 — Gouvernance coopérative",
        "Axe 3 — Modèle responsable",
    ]
    assert titles[3:] == [
        "Démarche et implication",
        "Documents joints",
        "Annexe — Ce qui a changé depuis la version lue par le comité",
        "Annexe — Lettre d’engagement de la direction",
    ]
    for title, page in found:
        assert title in pages[int(page) - 1], (title, page)
        assert not any(title in text for text in pages[1 : int(page) - 1]), (title, page)


def test_a_photo_that_cannot_be_drawn_is_named_not_fatal():
    report = sample_report(engagements=1, letter="image", revision=False)
    broken = replace(report, letter=LetterView("image", b"\xff\xd8\xff\xe0 not really a photo", "photo.jpg"))
    text = "\n".join(pages_of(render_pdf(broken)))
    assert "La lettre d’engagement (photo.jpg) ne peut pas être reproduite ici" in text


def test_file_names_in_the_documents_list_break_at_a_separator(submitted):
    data, pages = submitted
    number = next(n for n, page in enumerate(pages) if n and "Documents joints" in page)  # not the cover
    lines = PdfReader(io.BytesIO(data)).pages[number].extract_text().splitlines()
    names = [line for line in lines if " " not in line and ("_" in line or "-" in line)]
    assert "compte_rendu_assemblee_generale_juin_2026_version_" in names  # the long one wraps…
    for line in names:  # …and every piece ends at a separator or with the name's extension
        assert line.endswith(("_", "-")) or re.search(r"\.\w{3,4}$", line), line


def test_the_file_name_keeps_the_coop_s_words_and_no_double_space():
    from dataclasses import replace

    from conversations.render.report import pdf_file_name

    report = replace(sample_report(), coop_name="Coop’Habitat Val-de-Loire & Océan (44)")
    assert (
        pdf_file_name(report)
        == "Dossier de candidature Quali’Coop - Coop’Habitat Val-de-Loire & Océan 44 - cycle 1.pdf"
    )


def test_a_number_typed_with_spaces_holds_on_one_line():
    ensure_ready()
    assert typeset("budget 1 200 € pour 12 500 000 logements") == (
        f"budget 1{NBSP}200{NBSP}€ pour 12{NBSP}500{NBSP}000 logements"
    )
    # years side by side, a decimal part, a count before a year: left as typed
    for text in ("en 2022 2023", "1,5 200 fois", "les 12 2027"):
        assert typeset(text) == text


def test_a_long_file_name_keeps_its_extension_with_its_end():
    style = ensure_ready().cell_small
    name = "Tableaudebordindicateursqualicoopcooperativehabitatsolidaire2026finalv3.ods"
    width = DOCUMENT_COLUMNS[0] - 8
    lines = file_name_markup(name, width, style.fontName, style.fontSize).split("<br/>")
    assert "".join(lines) == name and len(lines) == 2, lines
    assert lines[-1].endswith("v3.ods") and len(lines[-1]) >= 8, lines
    assert all(stringWidth(line, style.fontName, style.fontSize) <= width for line in lines)


def test_a_long_coop_name_is_cut_between_two_words_without_its_legal_form():
    from conversations.render.report import pdf_file_name

    name = "Société coopérative d’HLM « L’Habitat Solidaire des Pays de Saône-et-Loire et de l’Ain » — Coop’Écureuil"
    report = replace(sample_report(engagements=1, revision=False), coop_name=name)
    assert pdf_file_name(report) == (
        "Dossier de candidature Quali’Coop - L’Habitat Solidaire des Pays de Saône-et-Loire et de l’Ain - cycle 1.pdf"
    )
    # a cut that would end on a word leading into the next one ends before it
    report = replace(
        report, coop_name="Habitat Coopératif et Solidaire des Pays de la Loire et des Marches de Bretagne"
    )
    assert pdf_file_name(report) == (
        "Dossier de candidature Quali’Coop - Habitat Coopératif et Solidaire des Pays de la Loire - cycle 1.pdf"
    )
    report = replace(report, coop_name="SCIC d’HLM Habitat Solidaire")  # short: kept as written
    assert (
        pdf_file_name(report)
        == "Dossier de candidature Quali’Coop - SCIC d’HLM Habitat Solidaire - cycle 1.pdf"
    )
