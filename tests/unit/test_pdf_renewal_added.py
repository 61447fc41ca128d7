"""« Résultats du cycle 1 »: the engagements the cycle under review added are announced in the singular
for one (« Engagement ajouté au cycle 2 : »), as « Nouvel indicateur » beside it; it said « Engagements
ajoutés au cycle 2 : » above a single bullet (a tester's finding; the committee's « 📜 Cycle 1 » shares the
words)."""

from __future__ import annotations

import pytest

from tests.unit.test_pdf_renewal_figures import lines_of, renewal_pdf


@pytest.mark.parametrize(
    ("language", "now", "said"),
    [
        ("fr", (1, 2, 3), "Engagement ajouté au cycle 2 :"),
        ("en", (1, 2, 3), "Engagement added in cycle 2:"),
        ("fr", (1, 2, 3, 4), "Engagements ajoutés au cycle 2 :"),
        ("en", (1, 2, 3, 4), "Engagements added in cycle 2:"),
    ],
)
def test_the_engagements_added_are_announced_in_their_number(language, now, said):
    lines = [
        line for page in lines_of(renewal_pdf(before=(1, 2), now=now, language=language)) for line in page
    ]
    assert said in lines
