"""The 12-month checkpoint's reminder while the 6-month bilan is still expected (never sent, and the
committee has not recorded that checkpoint): /bilan prepares the earliest bilan still expected.

Before, the reminder said « Préparez votre bilan d’étape » under « Point d’étape à 12 mois », and its
« 📝 Préparer le bilan » opened the 6-month bilan without a word why. Now the reminder says the 6-month
report comes first and that the button opens it; once that one is sent, the 12-month reminder invites to
prepare its own, which the button opens."""

from __future__ import annotations

import re
from datetime import datetime

from bot.delivery.reminders import sweep_reminders
from models.clock import PARIS
from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_label_journey import decide

SIX_FIRST = "Votre bilan d’étape à 6 mois n’a pas encore été envoyé : il vient d’abord"


def plain(text: str) -> str:
    """The message without its HTML tags, its no-break spaces as spaces."""
    return re.sub(r"<[^>]+>", "", text).replace("\u00a0", " ")


async def admissible(harness):
    """Coop Horizon declared admissible on 31 August 2026: checkpoints on 28 February and 31 August 2027."""
    director, committee = await submitted_coop(harness)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    return director


async def test_the_twelve_month_reminder_says_the_six_month_report_comes_first(world):
    harness, clock = world
    director = await admissible(harness)
    clock.now = datetime(2027, 8, 1, 9, 5, tzinfo=PARIS)  # 30 days before the 12-month checkpoint
    await sweep_reminders(harness.application)
    reminder = plain(director.last_text)
    assert reminder.startswith("⏰ Point d’étape à 12 mois — dans 30 jours"), reminder
    assert SIX_FIRST in reminder and "Celui à 12 mois suivra." in reminder, reminder
    assert "Préparez votre bilan d’étape avec votre équipe" not in reminder, reminder
    await director.press("📝 Préparer le bilan")
    opened = plain(director.last_text)
    assert opened.startswith("📝 Bilan d’étape — Point d’étape à 6 mois"), opened


async def test_once_the_six_month_report_is_sent_the_twelve_month_reminder_invites_to_its_own(world):
    harness, clock = world
    director = await admissible(harness)
    clock.now = datetime(2027, 3, 10, 10, tzinfo=PARIS)  # the 6-month bilan sent late, not recorded yet
    await director.send("/bilan")
    await director.press("⚠️ Difficultés")
    await director.send("Aucune difficulté majeure.")
    await director.press("🤝 Aide")
    await director.send("Pas d’aide pour l’instant.")
    await director.press("📤 Envoyer au comité")
    await director.press("📤 Oui, envoyer")
    clock.now = datetime(2027, 8, 1, 9, 5, tzinfo=PARIS)
    await sweep_reminders(harness.application)
    reminder = plain(director.last_text)
    assert reminder.startswith("⏰ Point d’étape à 12 mois — dans 30 jours"), reminder
    assert SIX_FIRST not in reminder and "Préparez votre bilan d’étape avec votre équipe" in reminder, (
        reminder
    )
    await director.press("📝 Préparer le bilan")
    assert plain(director.last_text).startswith("📝 Bilan d’étape — Point d’étape à 12 mois")
