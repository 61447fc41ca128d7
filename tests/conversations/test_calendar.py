"""/calendrier lists the dates ahead and gives them as an .ics file a calendar can import."""

from __future__ import annotations

from datetime import UTC, date, datetime

from icalendar import Calendar

from models.clock import PARIS
from models.dossier.current import current_dossier
from models.label.lifecycle import Role, Transition
from models.label.transitions import apply_transition
from models.tables import DossierStatus, FederationRoleName
from models.users import grant_federation_role
from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_label_journey import decide
from tests.dossier_steps import join
from tests.submitted_rows import complete_content


def active(calendar: Calendar) -> list:
    """The events a calendar shows: those not cancelled."""
    return [e for e in calendar.walk("VEVENT") if str(e.get("STATUS", "")) != "CANCELLED"]


async def ics_of(user) -> Calendar:
    """The file of /calendrier's button, parsed."""
    await user.send("/calendrier")
    await user.press("📅 Ajouter à mon agenda")
    fake = user.harness.fake
    document = user.last["document"]
    return Calendar.from_ical(
        fake.file_content(fake.handle("getFile", {"file_id": document["file_id"]})["file_path"])
    )


async def test_calendar_and_ics(harness):
    camille = await join(harness, 901, "fr", "Coop Agenda")
    async with harness.database.transaction() as session:
        dossier = await current_dossier(session, camille.invitations.coop.id)
        dossier.status = DossierStatus.SUBMITTED
        await complete_content(session, dossier)
        await apply_transition(
            session,
            dossier,
            Transition.DECLARE_ADMISSIBLE,
            role=Role.COMMITTEE,
            actor_id=1,
            comment="",
            on_date=date(2026, 11, 20),
            now=harness.clock(),
        )
    await camille.send("/calendrier")
    text = camille.last_text
    assert "Prochaines dates" in text
    assert "Réunion du comité" not in text  # admissible, nothing due by 1 December: it waits for no meeting
    assert "jeudi 20 mai 2027 — Point d’étape à 6 mois" in text
    assert "samedi 20 novembre 2027 — Point d’étape à 12 mois" in text
    # the visit is a deadline, as its reminders and the committee say, not an appointment that day
    assert "• au plus tard le samedi 20 mai 2028 — Visite du comité (18 mois)" in text
    assert camille.buttons() == ["📅 Ajouter à mon agenda", "🏠 Mon dossier"]  # ux: a way home
    await camille.press("📅 Ajouter à mon agenda")
    document = camille.last["document"]
    assert document["file_name"] == "qualicoop.ics"
    content = harness.fake.file_content(
        harness.fake.handle("getFile", {"file_id": document["file_id"]})["file_path"]
    )
    calendar = Calendar.from_ical(content)
    events = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in active(calendar)}
    assert events["Quali’Coop — Point d’étape à 6 mois"] == date(2027, 5, 20)
    assert events["Quali’Coop — Visite du comité (18 mois)\u00a0: date limite"] == date(2028, 5, 20)
    assert "Quali’Coop — Visite du comité (18 mois)" not in events
    assert "Quali’Coop — Réunion du comité de validation" not in events
    await camille.send("/calendrier")
    await camille.press("🏠 Mon dossier")
    assert "Dossier Quali’Coop" in camille.last_text


async def test_calendar_needs_a_coop(harness):
    stranger = harness.user(902)
    await stranger.send("/calendrier")
    assert "Vous ne faites pas encore partie d’une coopérative" in stranger.last_text


async def test_a_file_imported_again_moves_and_cancels_what_no_longer_applies(world):
    """UIDs name a milestone (kind, cycle, coop), not its date; a later file has a higher SEQUENCE and
    sends again, cancelled, the milestones the early visit made moot or that were held."""
    harness, clock = world
    director, committee = await submitted_coop(harness)
    clock.now = datetime(2027, 1, 10, 10, tzinfo=UTC)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    first = {str(e["UID"]): e for e in (await ics_of(director)).walk("VEVENT")}
    shown = {uid for uid, e in first.items() if str(e.get("STATUS", "")) != "CANCELLED"}
    assert {"twelve_months-cycle1-coop1@qualicoop", "visit-cycle1-coop1@qualicoop"} <= shown
    assert not any(
        "2027" in uid or "2028" in uid for uid in shown - {"committee_meeting-2027-03-02-1@qualicoop"}
    )
    clock.now = datetime(2028, 2, 29, 15, tzinfo=UTC)
    await decide(committee, "Coop Horizon", "📍 Point à 6 mois tenu", "ok", "01/03/2027")
    await decide(
        committee, "Coop Horizon", "🚪 Visite", "Visite faite.", "20/02/2028"
    )  # before A + 18 months
    await decide(committee, "Coop Horizon", "🏅", "Label accordé.", "29/02/2028")
    second = {str(e["UID"]): e for e in (await ics_of(director)).walk("VEVENT")}
    for uid in ("twelve_months-cycle1-coop1@qualicoop", "visit-cycle1-coop1@qualicoop"):
        assert str(second[uid]["STATUS"]) == "CANCELLED"  # the same UID, withdrawn
        assert int(second[uid]["SEQUENCE"]) > int(first[uid]["SEQUENCE"])
    # the files made before UIDs were stable named them by date: a file of the following half year
    # withdraws those copies too; a later one no longer carries that noise
    assert str(first["visit-2028-02-29-1@qualicoop"]["STATUS"]) == "CANCELLED"
    assert str(first["twelve_months-2027-08-31-1@qualicoop"]["STATUS"]) == "CANCELLED"
    assert not [uid for uid in second if uid.startswith(("visit-20", "twelve_months-20", "mid_term-20"))]
    assert "STATUS" not in second["mid_term-cycle1-coop1@qualicoop"]
    assert second["mid_term-cycle1-coop1@qualicoop"].decoded("DTSTART") == date(2029, 8, 29)


async def test_the_meeting_is_timed_and_only_in_the_calendar_of_a_coop_waiting_for_it(world):
    """A submitted dossier waits for the next meeting: 2 pm Paris, two hours. Labelled, with nothing due
    by the meeting, the coop's calendar leaves it out (the committee's keeps it)."""
    harness, clock = world
    director, committee = await submitted_coop(harness)
    clock.now = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    meeting = next(e for e in active(await ics_of(director)) if "Réunion du comité" in str(e["SUMMARY"]))
    assert meeting.decoded("DTSTART") == datetime(2026, 12, 1, 14, tzinfo=PARIS)
    assert meeting.decoded("DTEND") == datetime(2026, 12, 1, 16, tzinfo=PARIS)
    assert "examine les dossiers" in str(meeting["DESCRIPTION"])
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    await decide(committee, "Coop Horizon", "🚪 Visite", "Visite faite.", "20/11/2026")
    await decide(committee, "Coop Horizon", "🏅", "Label accordé.", "22/11/2026")
    await director.send("/calendrier")
    assert "Réunion du comité" not in director.last_text
    assert not [e for e in active(await ics_of(director)) if "Réunion du comité" in str(e["SUMMARY"])]
    await committee.send("/calendrier")
    assert "mardi 1er décembre 2026 à 14 h 00 — Réunion du comité de validation" in committee.last_text


async def test_the_committee_calendar_holds_the_coops_steps_it_records(world):
    """The committee visits each coop and records its checkpoints: its /calendrier lists them per coop
    (the late ones first), its file holds them under UIDs of its own and withdraws a step once held."""
    harness, clock = world
    director, committee = await submitted_coop(harness)
    clock.now = datetime(2027, 1, 10, 10, tzinfo=UTC)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    clock.now = datetime(2027, 3, 5, 10, tzinfo=UTC)
    await committee.send("/calendrier")
    text = committee.last_text
    assert "Étapes des coopératives à enregistrer" in text
    late = "⏳ Coop Horizon — Point d’étape à 6 mois\u00a0: échéance le 28 février 2027, en attente d’enregistrement"
    assert late in text
    assert "Coop Horizon" not in director.last_text
    first = {str(e["UID"]): e for e in (await ics_of(committee)).walk("VEVENT")}
    visit = first["visit-cycle1-coop1-committee@qualicoop"]
    assert "Coop Horizon" in str(visit["SUMMARY"]) and visit.decoded("DTSTART") == date(2028, 2, 29)
    await decide(committee, "Coop Horizon", "📍 Point à 6 mois tenu", "ok", "01/03/2027")
    second = {str(e["UID"]): e for e in (await ics_of(committee)).walk("VEVENT")}
    assert str(second["six_months-cycle1-coop1-committee@qualicoop"]["STATUS"]) == "CANCELLED"
    assert "STATUS" not in second["twelve_months-cycle1-coop1-committee@qualicoop"]
    await committee.send("/calendrier")
    assert "⏳" not in committee.last_text
    # an early visit makes the 12-month checkpoint moot (its row goes): the committee's copy is withdrawn
    await decide(committee, "Coop Horizon", "🚪 Visite", "Visite faite.", "04/03/2027")
    third = {str(e["UID"]): e for e in (await ics_of(committee)).walk("VEVENT")}
    for uid in ("twelve_months-cycle1-coop1-committee@qualicoop", "visit-cycle1-coop1-committee@qualicoop"):
        assert str(third[uid]["STATUS"]) == "CANCELLED", uid
    await committee.send("/calendrier")
    assert "Coop Horizon" not in committee.last_text  # nothing left to record until the label
    # the coop's own file has no step of the committee's agenda
    assert not [
        uid for uid in (str(e["UID"]) for e in (await ics_of(director)).walk("VEVENT")) if "committee@" in uid
    ]


async def test_the_committees_calendar_says_when_nothing_is_due_for_three_months(world):
    """Every step beyond the next three months: not a heading over « … and 2 later dates » alone, but
    that nothing is due until then, and the next step."""
    harness, _clock = world
    _director, committee = await submitted_coop(harness)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.")  # today: 23 November 2026
    await committee.send("/calendrier")
    text = committee.last_text
    after = text.split("🗂 Étapes des coopératives à enregistrer", 1)[1].strip().splitlines()
    assert after == [
        "Rien à enregistrer dans les trois prochains mois. La prochaine étape\u00a0:",
        "• dimanche 23 mai 2027 — Point d’étape à 6 mois — Coop Horizon",
        "… et 2 dates plus lointaines, dans le fichier d’agenda.",
    ], after


async def test_the_english_committee_file_names_the_english_command(world):
    harness, _clock = world
    _director, committee = await submitted_coop(harness)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, 8100001, FederationRoleName.COMMITTEE)
    ellen = harness.user(8100001, "Ellen", "en")
    await ellen.send("/calendar")
    await ellen.press("📅 Add to my calendar")
    fake = harness.fake
    document = ellen.last["document"]
    notes = [
        str(event["DESCRIPTION"])
        for event in Calendar.from_ical(
            fake.file_content(fake.handle("getFile", {"file_id": document["file_id"]})["file_path"])
        ).walk("VEVENT")
        if "-cycle" in str(event["UID"])  # the coops' steps, not the meeting
    ]
    assert notes and all(
        n == "A step the validation committee records for this coop, in /committee." for n in notes
    )
    french = [
        str(e["DESCRIPTION"]) for e in (await ics_of(committee)).walk("VEVENT") if "-cycle" in str(e["UID"])
    ]
    assert french and all(n.endswith(", dans /comite.") for n in french)
