"""After the visit: the label is decided at the committee's next meeting, and the home, /progress and
/calendrier all say that day (the configured one, QUALICOOP_COMMITTEE_DATES). Once the label is refused,
/calendrier says nothing is planned and how a new candidacy is prepared, and its file button says that
it only withdraws the dates imported before."""

from __future__ import annotations

from datetime import date

from icalendar import Calendar

from models.dossier.current import current_dossier
from models.tables import DossierStatus
from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_label_journey import decide
from tests.dossier_steps import join

NBSP = "\u00a0"


async def visited_coop(harness):
    """Coop Horizon, admissible on 1 September 2026, visited on 20 November 2026 (today: the 23rd), with
    an English plain member; the committee meets on 8 December 2026 (configured, not the default rule's
    1 December)."""
    harness.application.bot_data.committee_dates = (date(2026, 12, 8), date(2027, 3, 9))
    director, committee = await submitted_coop(harness)
    member = harness.user(702, "Sam", "en")
    await member.send(f"/start {director.invitations.member_token}")
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "01/09/2026")
    await decide(committee, "Coop Horizon", "🚪 Visite", "Visite faite.", "20/11/2026")
    return director, member, committee


async def test_a_visited_dossier_waits_for_the_configured_committee_meeting_on_every_screen(world):
    """The home and /progress say the meeting the label is decided at, the day /calendrier gives."""
    harness, _clock = world
    director, member, _committee = await visited_coop(harness)
    await director.send("/dossier")
    home = director.last_text
    assert "Cycle 1 · Visité" in home
    meeting = f"Prochaine étape{NBSP}: Réunion du comité de validation, le mardi 8 décembre 2026 à 14 h 00"
    assert meeting in home, home
    await director.send("/progres")
    assert meeting in director.reply_text(), director.reply_text()
    await member.send("/progress")
    assert "Next: Validation committee meeting on Tuesday 8 December 2026 at 14:00" in member.reply_text()
    await member.send("/calendar")
    assert "Tuesday 8 December 2026 at 14:00 — Validation committee meeting" in member.last_text


async def test_a_refused_coop_s_calendar_says_nothing_is_planned_and_how_to_apply_again(world):
    """Refused after the visit: no empty list under « Dates ahead », but why, and the way forward by role;
    the file button says it withdraws the dates (its events are all cancelled)."""
    harness, _clock = world
    director, member, committee = await visited_coop(harness)
    await decide(
        committee, "Coop Horizon", "⛔ Ne pas attribuer le label", "Moyens insuffisants.", "21/11/2026"
    )
    await director.send("/calendrier")
    text = director.last_text
    assert f"⛔ Aucune date prévue{NBSP}: le comité de validation n’a pas retenu votre candidature." in text
    how = f"«{NBSP}📝 Préparer une nouvelle candidature{NBSP}» sur l’accueil de votre dossier (/dossier)"
    assert how in text, text
    assert "Si vous aviez ajouté les dates de Quali’Coop à votre agenda, le bouton ci-dessous" in text
    assert director.buttons() == ["📅 Retirer les dates de mon agenda", "🏠 Mon dossier"]
    await director.press("📅 Retirer les dates de mon agenda")
    fake = harness.fake
    document = director.last["document"]
    calendar = Calendar.from_ical(
        fake.file_content(fake.handle("getFile", {"file_id": document["file_id"]})["file_path"])
    )
    events = calendar.walk("VEVENT")
    assert events and all(str(e["STATUS"]) == "CANCELLED" for e in events)

    await member.send("/calendar")
    assert "No date is planned: the validation committee did not retain your candidacy." in member.last_text
    assert (
        "Your direction may prepare a new candidacy, from the dossier’s home (/dossier)." in member.last_text
    )
    assert "📅 Add to my calendar" not in member.buttons()

    # the way the calendar gives: the home's button, then a new cycle whose meeting is ahead again
    await director.send("/dossier")
    await director.press("📝 Préparer une nouvelle candidature")
    await director.press("✅ Confirmer")
    await director.send("/calendrier")
    assert "mardi 8 décembre 2026 à 14 h 00 — Réunion du comité de validation" in director.last_text
    assert director.buttons() == ["📅 Ajouter à mon agenda", "🏠 Mon dossier"]


async def test_a_coop_with_nothing_ahead_but_not_refused_reads_a_neutral_sentence(harness):
    """A labelled coop whose steps are all held (a state no journey leaves, but the screen must not be
    an empty list): « No date is planned for now. »."""
    dana = await join(harness, 7301, "en")
    async with harness.database.transaction() as session:
        dossier = await current_dossier(session, dana.invitations.coop.id)
        dossier.status = DossierStatus.LABELLED
        session.add(dossier)
    await dana.send("/calendar")
    assert "No date is planned for now." in dana.last_text
    assert "did not retain" not in dana.last_text
    # nothing to withdraw either: no step recorded, no date a file could have held, so no file offered
    assert "withdraws those no longer current" not in dana.last_text
    assert dana.buttons() == ["🏠 My dossier"]
