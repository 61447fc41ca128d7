"""Where the committee's PDF breaks its pages: a heading is never left alone at the bottom of a page, and
an action plan never starts a page away from its indicator."""

from __future__ import annotations

import re
from dataclasses import replace

from conversations.render.pdf import render_pdf
from tests.pdf_samples import sample_report
from tests.unit.test_pdf import pages_of

RATIONALE = (
    "Cet indicateur traduit directement notre Raison d’être : il mesure la part des ménages modestes qui "
    "accèdent à un logement de qualité grâce à la coopérative. "
) * 8  # one paragraph of 1,300 characters, as a coop writes it


def test_headings_stay_with_the_start_of_what_they_introduce():
    report = sample_report(indicators=2, actions=2, revision=False)
    axes = tuple(
        replace(
            axis,
            engagements=tuple(
                replace(e, indicators=tuple(replace(i, rationale=RATIONALE) for i in e.indicators))
                for e in axis.engagements
            ),
        )
        for axis in report.axes
    )
    pages = pages_of(render_pdf(replace(report, axes=axes)))
    for number, page in enumerate(pages[1:], start=2):
        for heading in re.finditer(r"(Axe \d|Engagement \d+) — ", page):
            assert "Indicateur 1 — " in page[heading.end() :], (number, heading.group(), page[-300:])
        for plan in re.finditer("Plan d’actions", page):
            assert "En quoi il illustre la Raison d’être" in page[: plan.start()], (number, page[:300])
            assert "1. " in page[plan.end() :], (number, page[-300:])
