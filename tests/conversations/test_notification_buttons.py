"""A button on a reminder or on the committee's news opens its screen below it: the news stays as sent
(its date, what to do, the committee's comment), and the chat keeps one live menu, the new one."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.delivery.reminders import sweep_reminders
from models.dossier.current import current_dossier
from models.label.lifecycle import Role, Transition
from models.label.transitions import apply_transition
from tests.conversations.test_chat_menus import live_menus
from tests.conversations.test_committee_changes import submitted_by_dominique
from tests.conversations.test_label_journey import decide

PARIS = ZoneInfo("Europe/Paris")
ADMISSIBLE = date(2026, 11, 30)
SIX_MONTHS = date(2027, 5, 30)


async def admissible(harness, clock, coop_id: int) -> None:
    """The committee declares the coop's submitted dossier admissible on 30 November 2026."""
    clock.now = datetime.combine(ADMISSIBLE, time(10), tzinfo=PARIS)
    async with harness.database.transaction() as session:
        dossier = await current_dossier(session, coop_id)
        await apply_transition(
            session, dossier, Transition.DECLARE_ADMISSIBLE, role=Role.COMMITTEE, actor_id=8000001,
            comment="", on_date=ADMISSIBLE, now=clock(),
        )  # fmt: skip


async def test_preparing_the_bilan_from_a_reminder_keeps_the_reminder(world):
    harness, clock = world
    director, _committee = await submitted_by_dominique(harness, 740, "Coop Bouton")
    await admissible(harness, clock, director.invitations.coop.id)
    clock.now = datetime.combine(SIX_MONTHS - timedelta(days=30), time(9, 5), tzinfo=PARIS)
    await sweep_reminders(harness.application)
    reminder = director.last
    sent_as = reminder["text"]
    assert "Point d’étape à 6 mois — dans 30 jours" in sent_as
    assert director.buttons(reminder) == ["📝 Préparer le bilan", "📈 Mon avancement", "📅 Calendrier"]

    await director.press("📝 Préparer le bilan", reminder)
    assert director.last["message_id"] > reminder["message_id"]  # the bilan below, as a new message
    assert "Bilan d’étape" in director.last_text
    kept = next(m for m in director.messages if m["message_id"] == reminder["message_id"])
    assert kept["text"] == sent_as and director.buttons(kept) == director.buttons(reminder)
    # the menu before the reminder lost its buttons: the reminder's and the new screen's are live
    assert live_menus(director) == [kept, director.last]

    # from the new screen, buttons edit it in place as always
    bilan = director.last
    await director.press("🏠")
    assert director.last["message_id"] == bilan["message_id"] and "Bilan d’étape" not in director.last_text

    # the reminder's buttons keep working once newer screens came: they only open a screen
    for label, title in [("📝 Préparer le bilan", "Bilan d’étape"), ("📅 Calendrier", "Prochaines dates")]:
        await director.press(label, kept)
        assert title in director.last_text and "plus à jour" not in director.last_text, label


async def test_the_dossier_button_of_the_committees_request_keeps_its_comment(world):
    harness, _clock = world
    director, committee = await submitted_by_dominique(harness, 742, "Coop Horizon")
    await decide(
        committee, "Coop Horizon", "📝 Demander des compléments", "Précisez la cible de l’engagement 1."
    )
    news = director.last
    assert "Précisez la cible de l’engagement 1." in news["text"]
    await director.press("🏠 Mon dossier", news)
    kept = next(m for m in director.messages if m["message_id"] == news["message_id"])
    assert kept["text"] == news["text"]
    assert director.last["message_id"] > news["message_id"] and "✅ Marquer comme prêt" in director.buttons()
