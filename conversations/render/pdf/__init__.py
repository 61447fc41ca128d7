"""The dossier's PDF: ``render_pdf(report)``; its parts are the modules of this package.

reportlab is imported on the first PDF, never with this package: the bot starts without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conversations.render.report import DossierReport


def render_pdf(report: DossierReport) -> bytes:
    """The dossier as the bytes of an A4 PDF (see ``document.render_pdf``), reportlab loaded on first use."""
    from conversations.render.pdf.document import render_pdf as render

    return render(report)


__all__ = ["render_pdf"]
