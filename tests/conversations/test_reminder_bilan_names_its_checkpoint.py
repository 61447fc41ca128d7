"""The 6-month checkpoint's reminder « 📝 Préparer le bilan », pressed once that checkpoint no longer awaits a
bilan. Before, it opened the 12-month bilan without a word: a member preparing « the bilan the reminder
asked for » wrote the next one. Now the button names its checkpoint, as the bilan screen's own buttons do:
sent, it says who sent it; recorded by the committee, that no bilan is expected for it any more; both above
the bilan open now. Pressed while it is the one to prepare, it opens it, as before."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from bot.delivery.reminders import sweep_reminders
from models.clock import PARIS
from tests.conversations.test_bilan_cycles import send_bilan
from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_label_journey import decide


def plain(text: str) -> str:
    """A message as read, without its tags, its no-break spaces as spaces."""
    return re.sub(r"<[^>]+>", "", text).replace("\u00a0", " ")


async def reminded(harness, clock):
    """Coop Horizon admissible on 31 August 2026; Sam, a member, reminded on 29 January 2027 of the 6-month
    checkpoint (28 February 2027): the direction, the committee, Sam and the reminder."""
    director, committee = await submitted_coop(harness)
    sam = harness.user(702, "Sam", "fr")
    await sam.send(f"/start {director.invitations.member_token}")
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    clock.now = datetime.combine(date(2027, 1, 29), time(9, 5), tzinfo=PARIS)
    await sweep_reminders(harness.application)
    assert "Point d’étape à 6 mois" in sam.last_text
    return director, committee, sam, sam.last


async def test_pressed_while_it_is_the_one_to_prepare_it_opens_it(world):
    harness, clock = world
    _director, _committee, sam, reminder = await reminded(harness, clock)
    await sam.press("📝 Préparer le bilan", reminder)
    assert plain(sam.reply_text()).startswith("📝 Bilan d’étape — Point d’étape à 6 mois"), sam.reply_text()


async def test_pressed_after_the_bilan_was_sent_it_says_who_sent_it(world):
    harness, clock = world
    director, _committee, sam, reminder = await reminded(harness, clock)
    await send_bilan(director, "Peu de locataires aux réunions.")
    await sam.press("📝 Préparer le bilan", reminder)
    assert "Le bilan à 6 mois a été envoyé par Camille le" in plain(sam.reply_text()), sam.reply_text()


async def test_pressed_after_the_committee_recorded_the_checkpoint_it_says_none_is_expected(world):
    harness, clock = world
    _director, committee, sam, reminder = await reminded(harness, clock)
    await decide(committee, "Coop Horizon", "📍 Point à 6 mois tenu", "Bon avancement.")
    await sam.press("📝 Préparer le bilan", reminder)
    said = plain(sam.reply_text())
    assert "le point d’étape à 6 mois comme tenu le" in said and "aucun bilan n’est plus attendu" in said, (
        said
    )
    assert "📝 Bilan d’étape — Point d’étape à 12 mois" in said  # the bilan open now, below
