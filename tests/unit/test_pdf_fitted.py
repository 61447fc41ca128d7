"""A PDF's line cut to its room (a footer's coop name, a contents' title) ends on a whole word when that
keeps most of what holds, and closes a « it cut open: « « Les Bâtisseurs Solidaires de l’Île-de-France… » »,
not « « Les Bâtisseurs Solidaires de l’Île-de-Fran… » with its quote left open."""

from __future__ import annotations

from conversations.render.commitments.pdf_pieces import ensure_fonts
from conversations.render.pdf.contents import fitted
from conversations.render.pdf.pages import PageMarks, footer_left
from conversations.render.pdf.style import FONT

NAME = "« Les Bâtisseurs Solidaires de l’Île-de-France et des Hauts-de-Seine » — Habitat Participatif"


def test_a_cut_ends_on_a_whole_word_and_closes_its_quote():
    ensure_fonts()
    assert fitted(NAME, 200, FONT, 8) == "« Les Bâtisseurs Solidaires de l’Île-de-France…\u00a0»"
    assert fitted("Part de logements BRS dans la production annuelle", 150, FONT, 8) == (
        "Part de logements BRS dans la…"
    )
    assert fitted("Anticonstitutionnellement", 40, FONT, 8) == "Anticon…"  # one word: cut within it
    assert fitted(NAME, 5, FONT, 8) == ""  # not even « … » holds
    assert fitted("Coop Habitat", 200, FONT, 8) == "Coop Habitat"


def test_the_footer_closes_a_long_coop_name_s_quote():
    ensure_fonts()
    footer = footer_left(PageMarks(NAME, "Page {page} sur {pages}", document=" · Bilan d’étape"), 250)
    assert footer.endswith("…\u00a0» · Bilan d’étape") and footer.count("«") == footer.count("»"), footer
