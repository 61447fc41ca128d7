"""The federation's board by engagement, too long for one message, is cut between engagements.

Before: no blank line separated the engagements, so ``split_text`` cut at a line break inside one (an
engagement's indicators in one message, its progress in the next).
"""

from __future__ import annotations

from collections import Counter

from conversations.render.commitments.practices import board_text
from conversations.render.html import split_text
from locales import Translator
from models.dossier.practices import EngagementFigures, SharedChoice
from models.referential.parsing import default_referential


def choice(code: int, k: int) -> SharedChoice:
    title = f"Un indicateur assez long pour l'engagement {code}, variante {k}, avec des mots en plus"
    return SharedChoice(f"t:{code}-{k}", None, titles=Counter({title: 4}), coops={1, 2, 3, 4})


def test_each_part_starts_at_an_engagement_and_holds_it_whole():
    referential = default_referential()
    board = [
        EngagementFigures(e.code, 4, tuple(choice(e.code, k) for k in range(3)), 0.72, 4, 12, 0)
        for e in referential.engagements
    ]
    for language in ("fr", "en"):
        parts = split_text(board_text(Translator(language), referential, board), 1500)
        assert len(parts) > 1
        for part in parts[1:]:  # an engagement's number and title (or the closing note)
            assert part.lstrip().startswith(("<b>", "<i>")), part[:80]
        for part in parts[:-1]:  # its progress, the last line of an engagement
            assert "📈" in part.rstrip().splitlines()[-1], part[-120:]
