"""The committee's PDF of a dossier written at the limits: a long coop name, rationales of 6,000
characters, its course and the changes since the committee read it. Read back with poppler's
pdftotext, word by word with their places on the page: what a reader sees, not only what it says.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, replace
from functools import cache
from xml.etree import ElementTree

import pytest

from conversations.render.changes import ChangeView
from conversations.render.pdf import render_pdf
from conversations.render.report import LetterView
from tests.pdf_samples import prose, sample_report
from tests.unit.test_pdf import pages_of

A4_WIDTH, A4_HEIGHT, MM = 595.27, 841.89, 72 / 25.4
MARGIN = 18 * MM
BODY_BOTTOM = A4_HEIGHT - 14 * MM  # the footer lives below, its rule 13 mm above the sheet's edge
LONG_COOP = (
    "Société coopérative d’HLM « L’Habitat Solidaire des Pays de Saône-et-Loire et de l’Ain » — Coop’Écureuil"
)
COURSE = (
    (
        "Candidature précédente non retenue le",
        "3 novembre 2026 : « Dossier incomplet : la lettre d’engagement n’est pas signée. »",
    ),
)


@dataclass(frozen=True)
class Word:
    left: float
    top: float
    right: float
    bottom: float
    text: str


def words(data: bytes, tmp_path) -> list[list[Word]]:
    """Each page's words with their boxes (points from the page's top left), as poppler reads them."""
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext is missing: install the Debian package poppler-utils")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "dossier.pdf"
    path.write_bytes(data)
    xml = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True).stdout
    xml = re.sub(rb"<!DOCTYPE[^>]*>", b"", xml).replace(b' xmlns="http://www.w3.org/1999/xhtml"', b"")
    return [
        [
            Word(*(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")), w.text or "")
            for w in page.iter("word")
        ]
        for page in ElementTree.fromstring(xml).iter("page")
    ]


def lines_of(page: list[Word]) -> list[str]:
    """The body's lines (the footer aside), top to bottom."""
    rows: dict[int, list[Word]] = {}
    for word in page:
        if word.top < BODY_BOTTOM:
            rows.setdefault(round(word.top), []).append(word)
    return [" ".join(w.text for w in sorted(row, key=lambda w: w.left)) for _, row in sorted(rows.items())]


def with_rationales(report, first: int, others: int):
    """The report, each engagement's first indicator's rationale ``first`` characters long, the others'
    ``others``."""
    axes = tuple(
        replace(
            axis,
            engagements=tuple(
                replace(
                    engagement,
                    indicators=tuple(
                        replace(indicator, rationale=prose(first if number == 0 else others))
                        for number, indicator in enumerate(engagement.indicators)
                    ),
                )
                for engagement in axis.engagements
            ),
        )
        for axis in report.axes
    )
    return replace(report, axes=axes)


@pytest.fixture(scope="module")
def long_dossier(tmp_path_factory) -> list[list[Word]]:
    """The sample dossier of a coop with a long name, its first rationales at the limit, past a refusal."""
    report = replace(with_rationales(sample_report(), 6000, 900), coop_name=LONG_COOP, course=COURSE)
    return words(render_pdf(report), tmp_path_factory.mktemp("long"))


def test_the_footer_holds_on_the_sheet_and_never_covers_the_page_number(long_dossier):
    for number, page in enumerate(long_dossier, start=1):
        footer = sorted((w for w in page if w.top > A4_HEIGHT - 15 * MM), key=lambda w: w.left)
        assert footer[-1].right <= A4_WIDTH - MARGIN + 1, number
        assert all(b.left >= a.right for a, b in itertools.pairwise(footer)), number
        text = " ".join(w.text for w in footer)
        # the coop's name without its legal form, shortened, then the document and the day it was made: two
        # coops of the same legal form, and two printings, told apart
        assert text.startswith("« L’Habitat Solidaire des Pays de") and "…" in text, text
        assert text.endswith(f"1er décembre 2026 · Page {number} sur {len(long_dossier)}"), text


def test_a_long_rationale_flows_instead_of_leaving_a_page_almost_empty(long_dossier):
    involvement = next(
        n for n, p in enumerate(long_dossier) if n and "Démarche et implication" in lines_of(p)
    )
    for number, page in enumerate(long_dossier[1:involvement], start=2):  # the engagements' pages
        lowest = max(w.bottom for w in page if w.top < BODY_BOTTOM)
        assert lowest > 0.5 * A4_HEIGHT, f"page {number} ends at {lowest / A4_HEIGHT:.0%} of its height"


def test_an_indicator_s_title_and_figures_stay_with_its_rationale_s_first_lines(long_dossier):
    for number, page in enumerate(long_dossier[1:-2], start=2):
        lines = lines_of(page)
        for at, line in enumerate(lines):
            if re.match(r"Indicateur \d+ — ", line):
                after = lines[at + 1 :]
                assert "En quoi il illustre la Raison d’être" in after, (number, line)
                rationale = after.index("En quoi il illustre la Raison d’être")
                assert len(after) - rationale > 3, (number, after[rationale:])


def test_the_cover_holds_its_contents_whatever_the_coop_s_name(long_dossier):
    cover = lines_of(long_dossier[0])
    assert "Sommaire" in cover and cover[-1].startswith("Annexe — Lettre d’engagement de la direction")
    english = replace(sample_report("en"), coop_name=LONG_COOP, course=COURSE)
    cover = pages_of(render_pdf(english))[0]
    assert "Contents" in cover and "Appendix — Commitment letter of the direction" in cover


def test_a_number_typed_with_spaces_is_never_split_across_two_lines(long_dossier):
    split = [
        (number, a[-12:], b[:8])
        for number, page in enumerate(long_dossier, start=1)
        for a, b in zip(lines_of(page), lines_of(page)[1:], strict=False)
        if re.search(r"(?<![\d,])\d{1,3}$", a) and re.match(r"\d{3}\b", b)
    ]
    assert split == []


def test_the_note_on_provisional_titles_is_where_the_first_asterisk_is(long_dossier):
    note = "* titre provisoire, en attendant la formulation officielle de la fédération"
    pages = [list(lines_of(page)) for page in long_dossier]
    starred = next(n for n, lines in enumerate(pages) if any(line.endswith(" *") for line in lines))
    assert note in pages[starred]
    assert sum(lines.count(note) for lines in pages) == 1


FILLERS_FROM = 20


@cache
def small_revised(language: str = "fr"):
    """A dossier of one engagement, with the sample's appendix of changes (its texts) and no letter."""
    revision = sample_report(language, indicators=1, actions=1).revision
    return replace(sample_report(language, engagements=1, revision=False), revision=revision, letter=None)


def appendix_with(fillers: int):
    """A small dossier whose appendix lists ``fillers`` changes of its involvement before a document's."""
    report = small_revised()
    where = "Démarche et implication"
    changes = [ChangeView(where, f"Question {n} précisée") for n in range(fillers)]  # a line each
    changes.append(ChangeView("Documents", "Ajout : pièce justificative « Photo »"))
    return replace(report, revision=replace(report.revision, changes=tuple(changes)))


def test_a_heading_of_the_appendix_stays_with_its_first_change(tmp_path):
    """« Documents » moved down the page a line at a time, until it has passed onto the next page: it is
    never the last line of a page (its change on the next one)."""
    alone, first_count = [], None
    for fillers in range(FILLERS_FROM, FILLERS_FROM + 60):
        pages = words(render_pdf(appendix_with(fillers)), tmp_path)
        for number, page in enumerate(pages, start=1):
            lines = lines_of(page)
            if lines and lines[-1] in ("Documents", "Démarche et implication"):
                alone.append((fillers, number, lines[-1]))
        first_count = first_count or len(pages)
        if len(pages) > first_count:
            break
    assert fillers < FILLERS_FROM + 59 and alone == []


def test_a_rewritten_rationale_flows_under_its_heading_in_the_appendix(tmp_path):
    report = small_revised()
    rewritten = ChangeView(
        "Engagement 1 — Permettre l’accès", "En quoi il illustre", "Parce que.", prose(6000)
    )
    report = replace(report, revision=replace(report.revision, changes=(rewritten,)))
    pages = words(render_pdf(report), tmp_path)
    appendix = next(
        n for n, p in enumerate(pages) if any(line.startswith("Annexe — ") for line in lines_of(p)[:1])
    )
    lines = lines_of(pages[appendix])
    assert lines[-1] != "Engagement 1 — Permettre l’accès" and len(lines) > 20  # not moved to the next page


def test_a_letter_that_cannot_be_drawn_is_not_said_to_be_in_the_appendix():
    report = sample_report(engagements=1, revision=False)
    for letter in (
        LetterView("pdf", b"%PDF-1.4 torn", "lettre.pdf"),
        LetterView("image", b"\xff\xd8 no", "l.jpg"),
    ):
        text = "\n".join(pages_of(render_pdf(replace(report, letter=letter))))
        assert "ne peut pas être reproduite ici" in text
        assert "reproduite en annexe" not in text
    text = "\n".join(pages_of(render_pdf(report)))
    assert "La lettre d’engagement de la direction est reproduite en annexe." in text


def test_the_english_appendix_quotes_the_committee_the_english_way():
    text = "\n".join(pages_of(render_pdf(small_revised("en"))))
    assert "“Précisez la cible de l’engagement 1" in text and "« Précisez" not in text
