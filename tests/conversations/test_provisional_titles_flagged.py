"""domain.md: « the product must say which titles are provisional ». The axis screen, /recap, the PDF and
the Mini App put « * » after such a title, with the note saying what it means.

Before: the indicators' overview, an engagement's screen and the confirmation of its removal showed the
title bare, and the overview cut long titles at 70 characters wherever that fell (« parties prenan… »).
Now each marks a provisional title « * » with the note (the recap's own words), and the overview cuts a
title between two words."""

from __future__ import annotations

import re

from models.referential.parsing import default_referential
from tests.dossier_fill import CODES, complete_dossier
from tests.dossier_steps import join, open_home

NOTE = "* titre provisoire, en attendant la formulation officielle de la fédération"


async def test_the_overview_marks_provisional_titles_and_cuts_them_between_words(harness):
    director = await join(harness, 701, "fr", "Coop Horizon")
    await complete_dossier(director)
    await open_home(director)
    await director.press("📊 Indicateurs")
    overview = director.last_text
    assert NOTE in overview, overview
    titles = {e.code: e.title.fr for e in default_referential().engagements}
    for code in CODES:
        shown = re.search(rf"^✅ {code}\. (.+?)(\*?) — 1 indicateur$", overview, re.MULTILINE)
        assert shown is not None, (code, overview)
        title, star = shown.groups()
        assert star == ("" if code == 1 else "*"), title  # 1 is the only official title
        if title.endswith("…"):  # cut after a whole word of the title (« (BRS, … » loses its comma)
            kept = title[:-1]
            assert titles[code].startswith(kept), (title, titles[code])
            assert not titles[code][len(kept)].isalnum(), (title, titles[code])
        else:
            assert title == titles[code]
    assert "parties prenan…" not in overview, overview


async def test_an_engagement_screen_marks_its_provisional_title(harness):
    director = await join(harness, 701, "fr", "Coop Horizon")
    await complete_dossier(director)
    await open_home(director)
    await director.press("📊 Indicateurs")
    await director.press(" 2 · ")
    screen = director.last_text
    assert "2. Garantir la qualité des logements et du cadre de vie*" in screen, screen
    assert NOTE in screen, screen
    await director.press("⬅️ Retour")
    await director.press(" 1 · ")  # the official title: neither star nor note
    assert "1. Permettre l’accès à un logement abordable au plus grand nombre\n" in director.last_text
    assert NOTE not in director.last_text, director.last_text


async def test_the_removal_confirmation_marks_a_provisional_title(harness):
    director = await join(harness, 701, "fr", "Coop Horizon")
    await complete_dossier(director)
    await open_home(director)
    await director.press("✅ Axe 1")
    await director.press("✅ 2 · ")  # it has an indicator: the removal asks first
    screen = director.last_text
    assert "🗑 Oui, le retirer" in director.buttons(), director.buttons()
    assert "2. Garantir la qualité des logements et du cadre de vie*" in screen, screen
    assert screen.endswith(NOTE), screen
