"""The bilan's PDF as a printed page reads: a date in the indicators' table on one line (« 28 septembre
202 » with « 7 » below it, before), an action's row never cut at a page's foot with the rest overleaf,
and which bilan a page is of in every footer, a coop's long name shortened instead."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from conversations.render.commitments.bilan_pdf import bilan_pdf
from conversations.render.commitments.bilans import bilan_view
from locales import Translator

LONG_NAME = (
    "Société coopérative d’HLM « Les Bâtisseurs Solidaires de l’Île-de-France et des Hauts-de-Seine » — "
    "Habitat Participatif & Accession Sociale Sécurisée"
)
# title, kind, unit, start, target, latest: rows of the indicators' table of two to five lines
KINDS = (
    ("Part de logements PSLA/BRS dans la production annuelle", "number", "percent", "12.5", "25", "18.5"),
    ("Délai moyen de traitement des réclamations techniques", "number", "jours ouvrés", "14.5", "7", "10"),
    ("Enquête de satisfaction triennale publiée", "yes_no", None, "no", "yes", "yes"),
    (
        "Charte de la gouvernance partagée adoptée en assemblée générale", "text", None,
        "Projet de charte rédigé par un groupe de 8 coopérateurs",
        "Charte adoptée en AG et affichée dans chaque résidence", "Charte votée par le conseil, AG prévue en juin",
    ),
    ("Montant moyen des aides versées aux ménages en difficulté", "number", "euro", "1200", "1500.5", "1350"),
)  # fmt: skip
DESCRIPTION = (
    "Former l’équipe d’accession au BRS et présenter le dispositif aux locataires lors des réunions."
)
OWNER = "Mme Anne-Sophie Lefèvre-Dubœuf, directrice de l’accession sociale"
NOTE = "Le formateur est parti en cours d’année ; reprise prévue au 1er trimestre 2028."
STATES = ("not_started", "in_progress", "done", "dropped")


def _indicator(n: int) -> dict:
    """The ``n``-th indicator, its value dated in September, two actions (one in four dropped, said why)."""
    title, kind, unit, start, target, latest = KINDS[n % len(KINDS)]
    actions = [
        {
            "description": DESCRIPTION,
            "owner": OWNER,
            "status": STATES[n % 4],
            "note": NOTE if n % 4 == 3 else None,
        },
        {"description": "Tableau de bord trimestriel.", "owner": None, "status": STATES[(n + 1) % 4]},
    ]
    return {
        "title": f"{title} (n° {n})", "kind": kind, "unit": unit, "baseline": start, "current": latest,
        "current_on": "2027-09-28", "target": target, "target_date": "2028-06-30", "actions": actions,
    }  # fmt: skip


def _content(indicators: int) -> dict:
    """A bilan of ``indicators`` indicators."""
    return {
        "checkpoint": "six_months",
        "due_on": "2027-09-30",
        "indicators": [_indicator(n) for n in range(indicators)],
        "difficulties": "Peu de locataires aux réunions.",
        "help_wanted": "",
    }


def _pages(language: str, indicators: int, coop: str = LONG_NAME) -> list[str]:
    view = bilan_view(Translator(language), _content(indicators), coop, "Envoyé", None)
    reader = PdfReader(io.BytesIO(bilan_pdf(view)))
    return [page.extract_text().replace("\u00a0", " ") for page in reader.pages]


def test_a_date_in_the_indicators_table_is_never_cut():
    for language, day in (("fr", "28 septembre 2027"), ("en", "28 September 2027")):
        first = _pages(language, 3)[0]
        assert first.count(day) == 3, first


def test_an_action_s_row_is_never_cut_between_two_pages():
    for indicators in (8, 18, 28):  # each cut a row in two, the rest overleaf, before
        pages = [" ".join(page.split()) for page in _pages("fr", indicators)]
        for n in range(indicators):
            row = f"{KINDS[n % len(KINDS)][0]} (n° {n}) — {DESCRIPTION}"
            assert sum(row in page for page in pages) == 1, (indicators, row, [p[-300:] for p in pages])


def test_every_page_says_which_bilan_it_is_of_whatever_the_coop_s_name():
    pages = _pages("fr", 20)
    footer = "Bilan d’étape · Point d’étape à 6 mois — 30 septembre 2027"
    assert len(pages) > 1 and all(footer in re.sub(r"\s+", " ", page) for page in pages), pages[0][-300:]
