"""The dossier's PDF: ``render_pdf(report)``; its parts are the modules of this package."""

from conversations.render.pdf.document import render_pdf

__all__ = ["render_pdf"]
