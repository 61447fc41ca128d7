"""A coop whose only direction erased its data during the 18 months: its members still prepare the bilan
d'étape, but only a direction sends it or tells the committee the coop is ready for the visit.

Before, the members read « Votre direction l’envoie au comité » on /bilan and on the checkpoint's reminder,
nothing on /progres, and a home warning about submitting the dossier and the commitment letter (done long
ago). Now each says that nobody can do it until a direction joins and points to /federation, as the refused
home says it of a new candidacy."""

from __future__ import annotations

import re
from datetime import datetime

from bot.delivery.reminders import sweep_reminders
from models.clock import PARIS
from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_label_journey import decide

NOBODY_SENDS = (
    "Seule la direction peut envoyer le bilan, et plus personne de votre direction n’est dans l’assistant"
)


def plain(text: str) -> str:
    """The message without its HTML tags, its no-break spaces as spaces."""
    return re.sub(r"<[^>]+>", "", text).replace("\u00a0", " ")


async def admissible_without_direction(harness):
    """Coop Horizon declared admissible on 31 August 2026, then its director erases their data: Sam is left."""
    director, committee = await submitted_coop(harness)
    sam = harness.user(702, "Sam", "fr")
    await sam.send(f"/start {director.invitations.member_token}")
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    await director.send("/supprimer")
    await director.press("🗑 Oui")
    await harness.run_background()
    return sam


async def test_the_bilan_screen_says_nobody_can_send_it_and_whom_to_ask(world):
    harness, _clock = world
    sam = await admissible_without_direction(harness)
    await sam.send("/bilan")
    screen = plain(sam.last_text)
    assert "Bilan d’étape — Point d’étape à 6 mois" in screen
    assert "La direction l’envoie au comité." not in screen, screen
    assert NOBODY_SENDS in screen and "/federation" in screen, screen
    assert "⚠️ Difficultés" in sam.buttons()  # preparing it is still of use: what is written is kept
    assert not [label for label in sam.buttons() if label.startswith("📤")]


async def test_the_checkpoint_reminder_does_not_promise_a_direction_that_sends_it(world):
    harness, clock = world
    sam = await admissible_without_direction(harness)
    clock.now = datetime(2027, 1, 29, 9, 5, tzinfo=PARIS)  # 30 days before the 6-month checkpoint
    await sweep_reminders(harness.application)
    reminder = plain(sam.last_text)
    assert "Point d’étape à 6 mois — dans 30 jours" in reminder
    assert "Votre direction l’envoie au comité" not in reminder, reminder
    assert "Préparez votre bilan d’étape" in reminder and NOBODY_SENDS in reminder, reminder
    assert "📝 Préparer le bilan" in sam.buttons()  # preparing it is still of use: it is kept


async def test_the_home_warning_speaks_of_the_bilans_and_the_visit(world):
    harness, _clock = world
    sam = await admissible_without_direction(harness)
    await sam.send("/dossier")
    home = plain(sam.last_text)
    assert "soumettre le dossier ni fournir la lettre" not in home, home
    assert (
        "Votre coopérative n’a plus de direction dans l’assistant : tant qu’aucune ne la rejoint, personne ne "
        "peut envoyer les bilans d’étape ni dire au comité que la coopérative est prête pour la visite."
    ) in home, home
    assert "/federation" in home


async def test_progress_says_nobody_can_tell_the_committee_the_coop_is_ready(world):
    harness, _clock = world
    sam = await admissible_without_direction(harness)
    sent = await sam.send("/progres")
    said = "\n".join(plain(m.get("text") or m.get("caption") or "") for m in sent)
    assert "Seule la direction peut dire au comité de validation que la coopérative est prête" in said, said
    assert "🚪 Prêts pour la visite" not in sam.buttons()
