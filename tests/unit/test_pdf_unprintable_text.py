"""What the PDF's font cannot print: letters of another script (Arabic, Chinese…) show as a short visible
marker, never as nothing, and the cover says once where to read them; every emoji is dropped, whether the
font has a glyph for it (😀) or not (👍), while the typographic symbols the PDF needs stay.
"""

from __future__ import annotations

import io

from pypdf import PdfReader

from conversations.render.pdf import render_pdf
from conversations.render.pdf.style import ensure_ready, glyphs
from conversations.render.pdf.typography import typeset
from conversations.render.report import build_report
from locales import translator
from models.referential.parsing import default_referential
from tests.pdf_samples import NOW, sample_record

NBSP = "\u00a0"
MARKER = "[texte non imprimable]"
HELD = MARKER.replace(" ", NBSP)  # on one line


def text_of(data: bytes) -> str:
    """The PDF's text, its no-break spaces plain and its runs of spaces one."""
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(page.extract_text().replace(NBSP, " ").split()) for page in pages)


def chinese_dossier(language: str) -> bytes:
    """A small dossier whose indicator is titled in Chinese, its action written and carried in Chinese, a
    document named in Arabic and Chinese: what the bot accepts (they are words)."""
    record = sample_record(engagements=1, indicators=1, actions=1, revision=False)
    indicator = record.snapshot.indicators[0]
    indicator.title = "谢谢 报告"
    action = record.snapshot.actions[indicator.id][0]
    action.description, action.owner = "培训团队", "张伟"
    record.attachments[-1].label, record.attachments[-1].file_name = "تقرير 报告", "تقرير_报告.pdf"
    return render_pdf(build_report(translator(language), default_referential(), record, NOW, None))


def test_a_run_of_letters_the_font_lacks_becomes_one_visible_marker():
    ensure_ready()
    assert typeset("Porteur : 张伟") == f"Porteur{NBSP}: {HELD}"
    assert typeset("Mme 张伟, M. Martin") == f"Mme {HELD}, M. Martin"
    assert (
        typeset("« شكرا جزيلا على السكن » et « 谢谢你们的帮助。 »")
        == f"«{NBSP}{HELD}{NBSP}» et «{NBSP}{HELD}{NBSP}»"
    )
    assert typeset("תודה רבה") == HELD  # Hebrew, which the font has, would print backwards
    assert typeset("تقرير_报告.pdf") == f"{HELD}.pdf"  # a name in another script, not « _.pdf »


def test_a_dossier_written_in_chinese_prints_markers_and_says_where_to_read_it():
    text = text_of(chinese_dossier("fr"))
    assert f"Indicateur 1 — {MARKER}" in text
    assert f"1. {MARKER}" in text and f"Porteur : {MARKER} ·" in text
    assert f"{MARKER}.pdf" in text and "_.pdf" not in text
    notice = "Certains textes contiennent des caractères que ce PDF ne peut pas afficher"
    assert text.count(notice) == 1
    assert "dans l’assistant Quali’Coop sur Telegram" in text


def test_an_english_reader_gets_the_marker_and_the_notice_in_english():
    text = text_of(chinese_dossier("en"))
    assert "[text not printable]" in text and MARKER not in text
    assert text.count("Some texts contain characters this PDF cannot show") == 1


def test_a_dossier_the_font_prints_whole_has_no_notice():
    text = text_of(
        render_pdf(build_report(translator("fr"), default_referential(), sample_record(), NOW, None))
    )
    assert "non imprimable" not in text and "ne peut pas afficher" not in text


def test_every_emoji_is_dropped_whether_the_font_draws_it_or_not():
    ensure_ready()
    assert ord("😀") in glyphs()  # DejaVu draws this one: still an emoji, never printed (it read back « ὠ »)
    assert typeset("Très content 😀👍 de mon logement") == "Très content de mon logement"
    assert typeset("Attention ⚠️ au délai ✏️, ℹ️ voir ❤️ ⭐ ✅") == "Attention au délai, voir"
    assert typeset("Étape 1️⃣ puis 🇫🇷 et 👩🏽‍💼 fin") == "Étape 1 puis et fin"


def test_the_typographic_symbols_stay():
    ensure_ready()
    text = "1 200 € → 3 % · № 5 ✓ fait ★ noté ↔ © ™ … ±"
    assert typeset(text).replace(NBSP, " ") == text
