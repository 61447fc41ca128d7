"""A visit typed with a day before the dossier's admissibility, itself recorded today (23 November) and
dated 31 August. Before, the committee read « La dernière étape du dossier (sa recevabilité ou un point
d’étape) a été enregistrée le 31 août 2026. »: but it was recorded today. The day given is the step's own
date, and is now said so: « … date du 31 août 2026. »"""

from __future__ import annotations

from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_label_journey import decide


async def test_the_earliest_day_is_the_last_step_s_own_date(world):
    harness, _clock = world
    _director, committee = await submitted_coop(harness)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")  # today
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    await committee.press("🚪 Visite")
    await committee.send("Visite faite.")
    await committee.send("15/08/2026")
    said = committee.last_text
    assert "enregistrée le" not in said
    assert (
        "La dernière étape du dossier (sa recevabilité ou un point d’étape) date du 31 août 2026."
    ) in said
