"""The label's end reminder (« Fin du label et renouvellement — dans 30 jours ») carries « 📈 Mon avancement ».
Pressed once the committee opened the renewal, it answered with a pop-up alone naming « 🏠 Mon dossier », a
button the reminder does not have: nothing drawn, no way on but guessing /dossier. Now the same words
stand above the dossier's home, where the new cycle is prepared."""

from __future__ import annotations

from datetime import date, datetime, time

from bot.delivery.reminders import sweep_reminders
from models.clock import PARIS
from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_label_journey import decide


def at(clock, day: date) -> None:
    """The fake clock at 9:05 in Paris on ``day``."""
    clock.now = datetime.combine(day, time(9, 5), tzinfo=PARIS)


async def test_the_end_of_label_reminders_progress_button_after_the_renewal_leads_to_the_dossier(world):
    harness, clock = world
    director, committee = await submitted_coop(harness)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    at(clock, date(2026, 12, 1))
    await decide(committee, "Coop Horizon", "🚪 Visite", "Visite faite.")
    await decide(committee, "Coop Horizon", "🏅", "Label accordé.")
    at(clock, date(2029, 11, 1))  # 30 days before the label's end (1 December 2029)
    await sweep_reminders(harness.application)
    reminder = director.last
    assert "Fin du label et renouvellement — dans 30 jours" in reminder["text"]
    at(clock, date(2029, 12, 2))
    await decide(committee, "Coop Horizon", "🔄 Ouvrir le renouvellement", "Place au cycle 2.")
    await director.press("📈 Mon avancement", reminder)
    said = director.reply_text()
    assert "🏠 Mon dossier" in said and "Cycle 2" in said, said  # the renewal's words above its home
    assert not any(director.alerts), director.alerts  # no pop-up: the words are on the screen
