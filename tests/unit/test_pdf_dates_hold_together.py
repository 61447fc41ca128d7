"""A date is never cut at a line's end in the PDF (« échéance : 1er » / « février 2027 »): its day, month
and year hold together by no-break spaces, in French and in English, as a number's digit groups do, and
« n° 33 » as one (« (n° » ending a line, « 33) » on the next, in the bilan's table).
"""

from __future__ import annotations

from conversations.render.pdf.style import ensure_ready
from conversations.render.pdf.typography import para, typeset

NBSP = "\u00a0"


def test_a_date_s_day_month_and_year_hold_together():
    ensure_ready()
    assert typeset("échéance : 1er février 2027") == f"échéance{NBSP}: 1er{NBSP}février{NBSP}2027"
    assert typeset("le 12 mars 2027 et le 3 août") == f"le 12{NBSP}mars{NBSP}2027 et le 3{NBSP}août"
    assert typeset("due: 1 May 2027, then 28 February") == f"due: 1{NBSP}May{NBSP}2027, then 28{NBSP}February"


def test_what_only_looks_like_a_date_is_left_as_typed():
    ensure_ready()
    for text in ("les 12 logements de mars", "en 2027 mai revient", "45 marsupiaux", "1,5 mai"):
        assert typeset(text) == text


def test_an_action_s_due_date_never_ends_a_line_alone():
    style = ensure_ready().action_meta
    text = "Porteur : Mme Hélène Lefèvre-Dujardin, directrice générale · échéance : 1er février 2027"
    for width in range(120, 420, 3):
        paragraph = para(text, style)
        paragraph.wrap(width, 1000)
        lines = [" ".join(words) for _room, words in paragraph.blPara.lines]
        assert not any(line.endswith(("1er", "février")) for line in lines[:-1]), (width, lines)


def test_a_number_sign_holds_to_its_number():
    ensure_ready()
    assert typeset("Enquête publiée (n° 33) et N° 4") == f"Enquête publiée (n°{NBSP}33) et N°{NBSP}4"
    assert typeset("le n° de lot et sn° 3") == "le n° de lot et sn° 3"
