"""The dossier's PDF: ``render_pdf(report)`` and its file name; its parts are the modules of this package.

reportlab is imported on the first PDF, never with this package: the bot starts without it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conversations.render.report import DossierReport

COOP_IN_FILE_NAME = 60  # characters of the coop's name in the PDF's file name, at most
# a coop's legal form before its name (« Société coopérative d’HLM », « SCIC d’HLM », « Société anonyme
# coopérative de production d’habitations à loyer modéré »…): what every coop's name may start with,
# dropped when the name is too long (file name, footer), so that the words telling coops apart stay
LEGAL_FORM = re.compile(
    r"^(?:(?:société|sa|sas)\s+)?(?:anonyme\s+)?(?:coopérative|scp|scic|scop)\b"
    r"(?:\s+de\s+production|\s+d['’]\s*intérêt\s+collectif)?"
    r"(?:\s+d['’]\s*(?:hlm|habitations?\s+à\s+loyer\s+modéré)\b)?\s*",
    re.IGNORECASE,
)
# words that lead into the next one: a name cut after them reads as unfinished (« …Pays de Loire et des »)
LINKING_WORDS = re.compile(
    r"(?:\s+(?:de|des|du|d['’]|la|le|les|l['’]|et|en|à|au|aux|sur|pour|of|the|and|&|-))+$", re.IGNORECASE
)


def render_pdf(report: DossierReport) -> bytes:
    """The dossier as the bytes of an A4 PDF (see ``document.render_pdf``), reportlab loaded on first use."""
    from conversations.render.pdf.document import render_pdf as render

    return render(report)


def distinctive_name(coop: str) -> str:
    """A coop's name without the legal form it starts with (« Les Castors Angevins »), whole if that is
    all it is."""
    return LEGAL_FORM.sub("", coop) or coop


def pdf_file_name(report: DossierReport) -> str:
    """A readable file name: « Dossier Quali’Coop - Coop Habitat - cycle 1.pdf »."""
    coop = coop_in_file_name(report.coop_name)
    return f"{report.labels['title']} - {coop} - {report.labels['cycle'].lower()} {report.cycle}.pdf"


def coop_in_file_name(name: str) -> str:
    """A coop's name as a file name holds it (« Habitat 44/85 »: « Habitat 44 85 »): a long one without its
    legal form, cut between two words."""
    coop = " ".join("".join(c if c.isalnum() or c in "-_’'&" else " " for c in name).split())
    if len(coop) > COOP_IN_FILE_NAME:
        coop = distinctive_name(coop)
    if len(coop) > COOP_IN_FILE_NAME:
        words = coop[: COOP_IN_FILE_NAME + 1].rsplit(" ", 1)[0]  # the words that hold whole
        coop = words if " " in coop[: COOP_IN_FILE_NAME + 1] else coop[:COOP_IN_FILE_NAME]
        coop = LINKING_WORDS.sub("", coop) or coop
    return coop


__all__ = ["coop_in_file_name", "distinctive_name", "pdf_file_name", "render_pdf"]
