"""A decision's confirmation keeps what the committee typed and leads back: a text typed there becomes the
comment (too long, given back whole), « ⬅️ Retour » goes to the date (or to the comment, undated), the date
and the comment kept; and the committee's lists read the coops' names as a person does."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlmodel import select

from conversations.committee.choices import COMMENT_MAX
from models.label.committee import committee_agenda, dossiers_by_status
from models.tables import Coop, Dossier, DossierStatus, FederationRoleName
from models.users import grant_federation_role
from tests.conftest import ADMIN_ID
from tests.conversations.test_early_visit import COMMITTEE_ID, submitted_coop

NBSP = "\u00a0"


async def confirmation_of(committee, decision: str, comment: str, day: str | None = None) -> dict:
    """/comite, Coop Horizon, a decision, its comment, its date (typed, or « ✅ Aujourd’hui »)."""
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    await committee.press(decision)
    await committee.send(comment)
    if day is not None:
        await committee.send(day)
    elif "Aujourd’hui" in " ".join(committee.buttons()):
        await committee.press("✅ Aujourd’hui")
    assert "✅ Confirmer" in committee.buttons(), committee.last_text
    return committee.last


async def test_a_text_typed_on_the_confirmation_replaces_the_comment(world):
    """Typed on the confirmation, the corrected comment is the one shown, confirmed and sent; before, the
    text was « Je n’ai pas compris » and lost."""
    harness, _clock = world
    director, committee = await submitted_coop(harness)
    await confirmation_of(committee, "✅ Déclarer recevable", "Dossier complet, bravo.")
    await committee.send("Dossier complet, félicitations.")
    text = committee.last_text
    assert text.startswith("✅ Commentaire remplacé.\n\n🏛 Coop Horizon\n✅ Déclarer recevable\n"), text
    assert f"«{NBSP}Dossier complet, félicitations.{NBSP}»" in text
    assert "bravo" not in text
    assert committee.buttons() == ["✅ Confirmer", "⬅️ Retour", "Annuler"]
    await committee.press("✅ Confirmer")
    assert "Décision enregistrée et envoyée à Coop Horizon" in committee.last_text
    await harness.run_background()
    assert "Dossier complet, félicitations." in director.last_text
    assert not harness.errors, harness.errors


async def test_a_comment_too_long_on_the_confirmation_is_given_back_whole(world):
    """Too long, the text comes back whole after the confirmation, which keeps the comment it had."""
    harness, _clock = world
    _director, committee = await submitted_coop(harness)
    await confirmation_of(committee, "⛔ Refuser", "Pas encore.")
    too_long = "Pas encore : " + "a" * COMMENT_MAX
    await committee.paste(too_long)
    confirmation = committee.replies[-2]["text"]
    assert "Votre commentaire dépasse les 2\u202f000 caractères d’un commentaire de décision" in confirmation
    assert f"«{NBSP}Pas encore.{NBSP}»" in confirmation
    assert committee.last_text == too_long  # given back whole, to shorten
    await committee.send("Pas encore : il manque la lettre.")
    assert "Votre commentaire est trop long" not in committee.last_text
    assert "il manque la lettre" in committee.last_text


async def test_back_from_a_dated_confirmation_keeps_the_date_and_the_comment(world):
    """« ⬅️ Retour » edits the confirmation into the date question, the date chosen shown with « ✅ Garder »;
    back again, the comment kept; « ✅ Garder » twice leads to the same confirmation."""
    harness, _clock = world
    _director, committee = await submitted_coop(harness)
    confirmation = await confirmation_of(committee, "✅ Déclarer recevable", "Recevable.", "20/08/2026")
    assert "jeudi 20 août 2026" in confirmation["text"]
    assert committee.buttons() == ["✅ Confirmer", "⬅️ Retour", "Annuler"]
    await committee.press("⬅️ Retour")
    assert committee.last["message_id"] == confirmation["message_id"]  # edited in place
    date_question = committee.last_text
    assert date_question.startswith("🏛 Coop Horizon · ✅ Déclarer recevable\n")
    assert f"Date actuelle{NBSP}:\njeudi 20 août 2026" in date_question
    assert f"À quelle date{NBSP}?" in date_question
    assert committee.buttons()[0] == "✅ Garder" and committee.buttons()[-2:] == ["⬅️ Retour", "Annuler"]

    await committee.press("⬅️ Retour")
    assert f"Votre commentaire actuel{NBSP}:\n«{NBSP}Recevable.{NBSP}»" in committee.last_text
    await committee.press("✅ Garder")  # the comment, then the date, kept
    assert f"Date actuelle{NBSP}:\njeudi 20 août 2026" in committee.last_text
    await committee.press("✅ Garder")
    assert committee.last["message_id"] == confirmation["message_id"]
    assert committee.last_text == confirmation["text"]


async def test_back_from_an_undated_confirmation_goes_to_the_comment(world):
    """« 📝 Demander des compléments » has no date: « ⬅️ Retour » is the comment, kept."""
    harness, _clock = world
    _director, committee = await submitted_coop(harness)
    await confirmation_of(committee, "📝 Demander des compléments", "Il manque la lettre.")
    await committee.press("⬅️ Retour")
    assert f"Votre commentaire actuel{NBSP}:\n«{NBSP}Il manque la lettre.{NBSP}»" in committee.last_text
    assert committee.buttons() == ["✅ Garder", "Annuler"]
    await committee.press("✅ Garder")
    assert f"«{NBSP}Il manque la lettre.{NBSP}»" in committee.last_text
    assert "✅ Confirmer" in committee.buttons()


NAMES = ["Zéphyr", "L’Abri", "élan habitat", "Coop A", "Élan Habitat", "Abri", "Zèbre", "Elan", "Chênes"]
# the twins (named alike before 4ad2713 refused it) in their numbers' order
READ = ["Abri", "Chênes", "Coop A", "Elan", "élan habitat", "Élan Habitat", "L’Abri", "Zèbre", "Zéphyr"]


async def named_coops(harness, status: DossierStatus) -> None:
    """The NAMES, each with a dossier in that status (admissible ones: declared so)."""
    async with harness.database.transaction() as session:
        for name in NAMES:
            coop = Coop(name=name, created_at=datetime(2026, 1, 1, tzinfo=UTC))
            session.add(coop)
            await session.flush()
            admissible = date(2026, 6, 1) if status == DossierStatus.ADMISSIBLE else None
            session.add(
                Dossier(coop_id=coop.id, status=status, submitted_at=datetime(2026, 5, 1, tzinfo=UTC),
                        admissible_on=admissible)
            )  # fmt: skip


async def test_the_committee_lists_read_names_as_a_person_does(harness):
    """Accents and case ignored (« Élan Habitat », « élan habitat » among the E, not after « Zéphyr »),
    in /export's list, /comite's and the calendar's agenda alike."""
    await named_coops(harness, DossierStatus.SUBMITTED)
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await admin.send("/export")
    group = admin.last_text.split("Soumis\n", 1)[1].split("\n\n", 1)[0]
    assert [line.split(" ", 1)[1] for line in group.splitlines()] == READ
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    committee = harness.user(COMMITTEE_ID, "Claude", "fr")
    await committee.send("/comite")
    assert [label.split(" ", 1)[1] for label in committee.buttons() if label.startswith("#")] == READ
    async with harness.database.transaction() as session:
        by_status = await dossiers_by_status(session)
    assert [coop.name for _dossier, coop, _due in by_status[DossierStatus.SUBMITTED]] == READ


async def test_the_agenda_reads_names_as_a_person_does(harness):
    """The calendar's agenda of admissible dossiers, in the same order."""
    await named_coops(harness, DossierStatus.ADMISSIBLE)
    async with harness.database.transaction() as session:
        agenda = await committee_agenda(session)
    assert [entry.coop.name for entry in agenda] == READ


async def test_a_yes_typed_on_the_confirmation_keeps_the_comment_and_points_at_the_button(world):
    """« oui » typed to confirm is no comment for the coop to read: the comment stays, the button is named."""
    harness, _clock = world
    _director, committee = await submitted_coop(harness)
    await confirmation_of(committee, "✅ Déclarer recevable", "Dossier complet, bravo.")
    await committee.send("Oui !")
    text = committee.last_text
    assert text.startswith(
        f"👇 Votre commentaire reste tel quel{NBSP}: appuyez sur «{NBSP}✅ Confirmer{NBSP}» pour enregistrer "
    ), text
    assert f"«{NBSP}Dossier complet, bravo.{NBSP}»" in text and "Commentaire remplacé" not in text


@pytest.mark.parametrize("restart", [False, True])
async def test_confirm_tapped_again_says_the_decision_is_recorded_already(world, restart):
    """A double tap, or a tap again after a restart while the first answer was slow: the decision is
    recorded once and the coop told once; the second tap says so instead of silently drawing the list."""
    harness, _clock = world
    director, committee = await submitted_coop(harness)
    confirm = dict(await confirmation_of(committee, "✅ Déclarer recevable", "Dossier complet, bravo."))
    data = committee.find_button("✅ Confirmer", confirm)[1]
    await committee.press_data(confirm, data)
    assert "Décision enregistrée et envoyée" in committee.reply_text()
    if restart:
        await harness.restart()
    await committee.press_data(confirm, data)
    assert f"ℹ️ Cette décision est déjà enregistrée{NBSP}: rien de plus à confirmer." in committee.reply_text()
    assert "Coop Horizon" in committee.reply_text()  # its dossier, as after the first tap
    await harness.run_background()
    assert sum("recevable" in text for text in director.texts()) == 1
    async with harness.database.transaction() as session:
        assert (await session.exec(select(Dossier))).one().status == DossierStatus.ADMISSIBLE
