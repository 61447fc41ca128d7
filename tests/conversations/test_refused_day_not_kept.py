"""A visit's date refused at « ✅ Confirmer » because a colleague recorded a later step meanwhile (the 6-month
checkpoint held on 20 November, the visit dated 15 November). Before, the date question came back showing
« Date actuelle : dimanche 15 novembre 2026 » with « ✅ Garder », which led back to a confirmation dated
15 November, refused again: a loop. Now the refused day is neither shown as the current one nor offered to
keep; a day typed from the earliest one on is recorded, the comment kept."""

from __future__ import annotations

from models.tables import DossierStatus, FederationRoleName
from models.users import grant_federation_role
from tests.conversations.test_decision_dates import status_of
from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_label_journey import decide

COLLEAGUE = 8000002
REFUSED = "ne peut pas être datée plus tôt"


async def visit_overtaken(harness):
    """The visit dated 15 November waits for its ✅ while a colleague records the checkpoint of 20 November."""
    _director, committee = await submitted_coop(harness)
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COLLEAGUE, FederationRoleName.COMMITTEE)
    colleague = harness.user(COLLEAGUE, "Kim", "fr")
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    await committee.press("🚪 Visite")
    await committee.send("Visite faite.")
    await committee.send("15/11/2026")
    assert "dimanche 15 novembre 2026" in committee.last_text
    await decide(colleague, "Coop Horizon", "📍 Point à 6 mois tenu", "Point tenu.", "20/11/2026")
    await committee.press("✅ Confirmer")
    return committee


async def test_the_refused_day_is_neither_shown_nor_offered_to_keep(world):
    harness, _clock = world
    committee = await visit_overtaken(harness)
    screen = committee.last_text
    assert REFUSED in screen
    assert "Date actuelle" not in screen
    assert "15 novembre" not in screen.split(REFUSED)[1]
    assert "✅ Garder" not in committee.buttons()


async def test_back_to_the_comment_and_on_the_refused_day_is_still_not_kept(world):
    harness, _clock = world
    committee = await visit_overtaken(harness)
    await committee.press("⬅️ Retour")  # to the comment, kept
    await committee.press("✅ Garder")  # the comment kept: on to the date, asked afresh
    assert "À quelle date\u00a0?" in committee.last_text
    assert "Date actuelle" not in committee.last_text
    assert "✅ Garder" not in committee.buttons()


async def test_a_day_from_the_earliest_on_records_the_visit_with_its_comment(world):
    harness, _clock = world
    committee = await visit_overtaken(harness)
    await committee.send("21/11/2026")
    assert "samedi 21 novembre 2026" in committee.last_text
    assert "Visite faite." in committee.last_text  # the comment kept, not typed again
    await committee.press("✅ Confirmer")
    assert "Décision enregistrée et envoyée" in committee.last_text
    assert await status_of(harness) == DossierStatus.VISITED
