"""« Documents joints »: a letter whose label is its file's name read « lettre-engagement », then « Lettre
d’engagement de la direction », then « lettre-engagement.pdf »: the same thing three times. A label that is
the file's name (or its kind) stands alone; a label of its own keeps the kind and the file's name under it."""

from __future__ import annotations

from conversations.render.pdf.closing import document_cell
from conversations.render.pdf.style import ensure_ready
from conversations.render.report import AttachmentView

KIND = "Lettre d’engagement de la direction"


def said(label: str, file_name: str, kind: str = KIND) -> str:
    view = AttachmentView(1, kind, label, file_name, "239 ko", "2 novembre 2026", "PDF")
    return document_cell(view, ensure_ready()).text


def test_a_label_that_is_the_file_s_name_is_said_once():
    text = said("lettre-engagement", "lettre-engagement.pdf")
    assert text.count("lettre") == 1 and "engagement de la direction" in text, text


def test_a_label_that_is_the_kind_is_said_once():
    text = said(KIND, "scan_0042.pdf")
    assert text.count("engagement de la direction") == 1 and "scan" in text, text


def test_a_label_of_its_own_keeps_the_kind_and_the_file_s_name():
    text = said("Statuts de la coopérative", "statuts-2025.pdf", "Pièce justificative")
    assert "Statuts de la coop" in text and "Pièce justificative" in text and "statuts" in text, text
