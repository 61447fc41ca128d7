"""Once the committee opened the renewal (cycle 2, a draft), /progres and « 📊 Graphique » on cycle 1's progress
said « Le suivi de l’avancement commence quand le comité de validation a déclaré le dossier recevable », the
words for a dossier never declared admissible, to a coop followed for three years, while « ✏️ Mettre à jour »
on the same message said the renewal opened. Both now say the renewal opened, as that button does."""

from __future__ import annotations

from tests.conversations.test_label_journey import decide
from tests.conversations.test_progress_across_renewal import (
    NEVER_ADMISSIBLE,
    RENEWAL_OPENED,
    labelled_at_the_renewal,
)


async def test_progres_typed_once_the_renewal_opened_says_it_opened(world):
    harness, clock = world
    director, committee = await labelled_at_the_renewal(harness, clock)
    await decide(committee, "Coop Horizon", "🔄", "Place au cycle 2.")

    await director.send("/progres")
    said = director.reply_text()
    assert RENEWAL_OPENED in said, said
    assert NEVER_ADMISSIBLE not in said, said


async def test_the_chart_button_of_cycle_1_s_progress_says_what_the_update_button_says(world):
    harness, clock = world
    director, committee = await labelled_at_the_renewal(harness, clock)
    await director.send("/progres")
    progress = director.last
    await decide(committee, "Coop Horizon", "🔄", "Place au cycle 2.")
    await director.press("✏️ Mettre à jour", progress)
    assert director.alerts == [RENEWAL_OPENED], director.alerts

    await director.press("📊 Graphique", progress)
    said = director.reply_text()
    assert RENEWAL_OPENED in said, said
    assert NEVER_ADMISSIBLE not in said, said
