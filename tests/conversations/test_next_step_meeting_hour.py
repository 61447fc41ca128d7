"""The dossier's home and /progres say the committee's meeting with its hour, as its reminders and
/calendrier do (« mardi 1er décembre 2026 à 14 h 00 », "Tuesday 1 December 2026 at 14:00"): a meeting is an
appointment; a checkpoint is still a day."""

from __future__ import annotations

from models.tables import DossierStatus
from tests.conversations.test_home_next_step import dossier_at
from tests.dossier_steps import join, open_home

NBSP = "\u00a0"
FR = f"Prochaine étape{NBSP}: Réunion du comité de validation, le mardi 1er décembre 2026 à 14 h 00"
EN = "Next: Validation committee meeting on Tuesday 1 December 2026 at 14:00"


async def test_the_home_and_progress_say_the_meetings_hour_in_either_language(harness):
    """Submitted on Monday 23 November 2026: read at the meeting of Tuesday 1 December 2026, 2 pm."""
    lea = await join(harness, 7401, "fr", coop_name="Coop Sud")
    await dossier_at(harness, lea, DossierStatus.SUBMITTED)
    await open_home(lea)
    assert FR in lea.last_text, lea.last_text
    await lea.send("/progres")
    assert FR in lea.reply_text(), lea.reply_text()
    await lea.send("/calendrier")  # the same day and hour
    assert "mardi 1er décembre 2026 à 14 h 00 — Réunion du comité de validation" in lea.last_text

    dana = await join(harness, 7402, "en")
    await dossier_at(harness, dana, DossierStatus.SUBMITTED)
    await open_home(dana)
    assert EN in dana.last_text, dana.last_text
    await dana.send("/progress")
    assert EN in dana.reply_text(), dana.reply_text()
