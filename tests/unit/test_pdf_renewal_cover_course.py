"""The cover's « Parcours »: a refusal comment of 50 short lines (within the committee's 2,000 characters),
shorter than a page but taller than the room under « Admissible le », starts on the cover and flows on.
Only rows taller than a page were split within themselves: it moved whole to page 2, the cover two-thirds
blank and the « Sommaire » pushed to page 3 (a tester's finding)."""

from __future__ import annotations

import re

from conversations.committee.choices import COMMENT_MAX
from conversations.render.formatting import quoted
from tests.unit.test_pdf_renewal_figures import lines_of, renewal_pdf

COMMENT = "\n".join(f"{n}. Cible à préciser pour l’indicateur." for n in range(1, 51))


def test_a_refusal_comment_shorter_than_a_page_starts_on_the_cover():
    assert len(COMMENT) <= COMMENT_MAX
    said = "23 novembre 2028 : " + quoted("fr", COMMENT)
    course = (("Admissible le", "12 janvier 2027"), ("Candidature antérieure non retenue le", said))
    pages = [" ".join(lines) for lines in lines_of(renewal_pdf(course=course))]
    assert "1. Cible à préciser" in pages[0]
    assert "Sommaire" in pages[1]
    remarks = re.findall(r"(\d+)\. Cible à préciser", " ".join(pages))
    assert remarks == [str(n) for n in range(1, 51)]  # each once, in order
