"""/tableau engagements' progress line: each count takes its own plural, written the reader's way."""

from __future__ import annotations

from conversations.render.commitments.practices import progress_text
from locales import Translator
from models.dossier.practices import EngagementFigures


def figures(measured: int, coops: int, reached: int, progress: float = 0.5) -> EngagementFigures:
    """An engagement's figures across the network, with these counts."""
    return EngagementFigures(
        code=1,
        coops=coops,
        top=(),
        progress=progress,
        progress_coops=coops,
        measured=measured,
        reached=reached,
    )


def test_one_of_each_reads_in_the_singular():
    """One indicator, one coop, one reached: no plural anywhere (the figure is never shown below 3 coops,
    but the words agree with whatever they count)."""
    assert progress_text(Translator("fr"), figures(1, 1, 1, 1.0)) == (
        "progression vers les cibles\u00a0: 100\u00a0% en moyenne (1 indicateur de 1 coopérative, 1 atteint)"
    )
    assert progress_text(Translator("en"), figures(1, 1, 1, 1.0)) == (
        "progress toward the targets: 100% on average (1 indicator of 1 coop, 1 reached)"
    )


def test_several_read_in_the_plural_each_by_its_own_number():
    """9 indicators of 4 coops, 1 reached: one count in the plural does not make the others so."""
    assert progress_text(Translator("fr"), figures(9, 4, 1)) == (
        "progression vers les cibles\u00a0: 50\u00a0% en moyenne (9 indicateurs de 4 coopératives, 1 atteint)"
    )
    assert progress_text(Translator("fr"), figures(9, 4, 2)) == (
        "progression vers les cibles\u00a0: 50\u00a0% en moyenne (9 indicateurs de 4 coopératives, 2 atteints)"
    )
    assert progress_text(Translator("en"), figures(9, 4, 2)) == (
        "progress toward the targets: 50% on average (9 indicators of 4 coops, 2 reached)"
    )


def test_large_counts_are_written_the_french_way():
    """« 1 200 coopératives »: a no-break space groups the thousands, as every count on /tableau."""
    text = progress_text(Translator("fr"), figures(2_400, 1_200, 1_000))
    assert "(2\u202f400 indicateurs de 1\u202f200 coopératives, 1\u202f000 atteints)" in text, text
    text = progress_text(Translator("en"), figures(2_400, 1_200, 1_000))
    assert "(2,400 indicators of 1,200 coops, 1,000 reached)" in text, text
