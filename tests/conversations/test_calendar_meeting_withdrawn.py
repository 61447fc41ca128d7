"""The committee's next meeting in a coop's .ics: active while its dossier waits for it; cancelled only
when a file made since the previous meeting began could have held it active (the committee recorded a
step on the dossier since then), so that a calendar which imported it removes its copy; else left out,
not a struck-through « Annulé : … » in calendars that never had it."""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar

from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_label_journey import decide
from tests.dossier_steps import join

DECEMBER = "committee_meeting-2026-12-01-1@qualicoop"  # the default rule's 1 December 2026, coop 1
MARCH = "committee_meeting-2027-03-02-1@qualicoop"


async def meetings(user) -> dict[str, tuple[str, int]]:
    """The meeting events of the file /calendrier's button gives (to add dates, or only to withdraw some):
    UID → (its status, « active » when not cancelled; its SEQUENCE)."""
    await user.send("/calendrier")
    await user.press("📅 ")
    fake = user.harness.fake
    content = fake.file_content(
        fake.handle("getFile", {"file_id": user.last["document"]["file_id"]})["file_path"]
    )
    events = Calendar.from_ical(content).walk("VEVENT")
    return {
        str(e["UID"]): (str(e.get("STATUS", "active")), int(e["SEQUENCE"]))
        for e in events
        if str(e["UID"]).startswith("committee_meeting-")
    }


def statuses(events: dict[str, tuple[str, int]]) -> dict[str, str]:
    return {uid: status for uid, (status, _sequence) in events.items()}


async def test_a_labelled_coop_with_nothing_due_gets_no_meeting_event_a_draft_the_next_one(world):
    """Labelled on 22 November 2026 (its mid-term in 2028): once the meeting after its label began, its
    file holds no meeting at all, neither 2 March's nor another; a coop preparing its dossier has it."""
    harness, clock = world
    director, committee = await submitted_coop(harness)
    newcomer = await join(harness, 702, "fr", "Coop Neuve")  # coop 2, its dossier a draft
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    await decide(committee, "Coop Horizon", "🚪 Visite", "Visite faite.", "20/11/2026")
    await decide(committee, "Coop Horizon", "🏅", "Label accordé.", "22/11/2026")
    clock.now = datetime(2026, 12, 10, 9, tzinfo=UTC)
    assert await meetings(director) == {}
    assert statuses(await meetings(newcomer)) == {"committee_meeting-2027-03-02-2@qualicoop": "active"}


async def test_a_coop_decided_since_the_previous_meeting_gets_it_cancelled_until_the_next_one_begins(world):
    """Submitted on 1 August, its file holds 1 December's meeting; declared admissible on 23 November, it
    waits for no meeting: its next file cancels that copy. Once that meeting began, 2 March's is next,
    which none of its files held: left out."""
    harness, clock = world
    director, committee = await submitted_coop(harness)
    before = await meetings(director)
    assert statuses(before) == {DECEMBER: "active"}
    clock.advance(hours=1)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.")  # today, 23 November
    after = await meetings(director)
    assert statuses(after) == {DECEMBER: "CANCELLED"}
    assert after[DECEMBER][1] > before[DECEMBER][1]  # a later revision of the same UID: it wins
    clock.now = datetime(2026, 12, 1, 13, 1, tzinfo=UTC)  # 14:01 Paris: the meeting began
    assert await meetings(director) == {}


async def test_a_dossier_decided_at_the_meeting_that_reads_it_gets_no_next_meeting(world):
    """Waiting since before 1 December's meeting began, its files held that one until a decision: declared
    admissible there, its file holds no 2 March meeting (none of its files had it); 1 December's copy
    stays as imported, its dossier was read there."""
    harness, clock = world
    director, committee = await submitted_coop(harness)
    clock.now = datetime(2026, 12, 1, 14, 30, tzinfo=UTC)  # 15:30 Paris
    assert statuses(await meetings(director)) == {DECEMBER: "active"}
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.")
    assert await meetings(director) == {}


async def test_a_dossier_decided_the_day_after_the_meeting_gets_the_next_one_cancelled(world):
    """Not decided on the meeting's day, it waited for 2 March from midnight: a file of then held it."""
    harness, clock = world
    director, committee = await submitted_coop(harness)
    clock.now = datetime(2026, 12, 1, 23, 10, tzinfo=UTC)  # 00:10 Paris, 2 December
    assert statuses(await meetings(director)) == {MARCH: "active"}
    clock.now = datetime(2026, 12, 2, 9, tzinfo=UTC)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.")
    assert statuses(await meetings(director)) == {MARCH: "CANCELLED"}


async def test_a_coop_refused_on_reading_gets_no_empty_file_and_its_new_candidacy_the_meeting(world):
    """Refused on reading on 23 November: its file cancels 1 December's meeting. Once that meeting
    began it has nothing to add nor to withdraw: no file is offered, an older button says so instead of
    giving an empty one. Its new candidacy, a draft, waits for 2 March's meeting."""
    harness, clock = world
    director, committee = await submitted_coop(harness)
    await decide(committee, "Coop Horizon", "⛔ Refuser", "Pas retenu.")
    await director.send("/calendrier")
    screen = director.last
    assert director.buttons() == ["📅 Retirer les dates de mon agenda", "🏠 Mon dossier"]
    assert statuses(await meetings(director)) == {DECEMBER: "CANCELLED"}

    clock.now = datetime(2026, 12, 10, 9, tzinfo=UTC)
    await director.send("/calendrier")
    assert "le comité de validation n’a pas retenu votre candidature" in director.last_text
    assert "Si vous aviez ajouté les dates" not in director.last_text
    assert director.buttons() == ["🏠 Mon dossier"]
    await director.press("📅 Retirer les dates de mon agenda", screen)
    assert "document" not in director.last
    assert director.last_text == (
        "Votre agenda n’a besoin d’aucun fichier Quali’Coop\u00a0: aucune date à y ajouter, aucune à en retirer."
    )
    assert director.buttons() == ["🏠 Mon dossier"]

    await director.send("/dossier")
    await director.press("📝 Préparer une nouvelle candidature")
    await director.press("✅ Confirmer")
    assert statuses(await meetings(director)) == {MARCH: "active"}
