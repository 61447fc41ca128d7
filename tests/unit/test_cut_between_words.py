"""A preview or a label cut to its room: between two words, never inside one. Before, ``shorten`` cut at the
character (« Part des logeme… », « 📍 Un point d’… » on a button); the labels' rule (``fit_label``) already
cut between words: one rule now for both."""

from __future__ import annotations

from conversations.render.formatting import shorten
from models.dossier.attachments import fit_label

TITLE = "Part des logements classés A ou B au DPE dans le parc de la coopérative"


def test_a_preview_ends_on_a_whole_word():
    assert shorten(TITLE, 30) == "Part des logements classés A…"
    assert shorten(TITLE, 30) == fit_label(TITLE, 30)


def test_a_no_break_space_holds_a_figure_to_its_unit():
    assert shorten("Taux de 12,5\u00a0% des ménages accompagnés", 16) == "Taux de 12,5\u00a0%…"


def test_a_single_long_word_is_cut_where_the_room_ends():
    assert shorten("https://example.org/un-tres-long-chemin-sans-espace", 20) == "https://example.org…"


def test_a_text_that_fits_is_whole_on_one_line():
    assert shorten("Un point\nd’étape", 20) == "Un point d’étape"
    assert shorten(None) == ""
