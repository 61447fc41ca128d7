"""The bilan's walk and texts: two members writing at once, a committee late to record a checkpoint,
the values resumed where they were left, the yes/no indicators charted in the PDF."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from conversations.render.commitments.bilans import bilan_view
from locales import translator
from models.label.bilans import reviewed_ids
from models.tables import Indicator, ProgressReport
from tests.conversations.test_bilans import admissible_coop
from tests.conversations.test_label_journey import decide


async def stored_report(harness, kind: str = "six_months") -> ProgressReport:
    async with harness.database.transaction() as session:
        rows = await session.exec(select(ProgressReport).where(ProgressReport.checkpoint_kind == kind))
        return rows.one()


async def test_a_colleague_s_text_written_meanwhile_is_not_overwritten_unseen(world):
    harness, _clock = world
    director, member, _committee = await admissible_coop(harness, "Coop Deux Voix")
    await director.send("/bilan")
    await member.send("/report")
    await director.press("⚠️ ")
    await member.press("⚠️ ")
    await director.send("Peu de locataires aux réunions de l’hiver.")
    assert "Enregistré" in " ".join(director.texts()[-2:])
    await member.send("The survey was late by two months.")
    text = member.last_text
    assert "A colleague changed" in text and "Which one do we keep?" in text
    assert (
        "Peu de locataires aux réunions de l’hiver." in text and "The survey was late by two months." in text
    )
    assert (await stored_report(harness)).difficulties == "Peu de locataires aux réunions de l’hiver."
    await member.press("Keep theirs")  # the member's own text comes back whole, stored nowhere
    assert member.texts()[-1] == "The survey was late by two months."
    assert (await stored_report(harness)).difficulties == "Peu de locataires aux réunions de l’hiver."

    await director.press("⚠️ ")  # the director opens the question, then Sam writes, having read hers
    await member.send("/report")
    await member.press("⚠️ ")
    await member.send("Both: few tenants, and the survey was late.")
    assert "Saved" in " ".join(member.texts()[-2:])
    await director.send("Texte de la directrice, écrit sans voir celui de Sam.")
    assert "Un collègue a modifié" in director.last_text
    assert "Both: few tenants, and the survey was late." in director.last_text
    await director.press("Garder ma réponse")  # chosen having read his: written over it
    assert "Enregistré" in " ".join(director.texts()[-2:])
    assert (
        await stored_report(harness)
    ).difficulties == "Texte de la directrice, écrit sans voir celui de Sam."


async def test_a_committee_late_to_record_does_not_block_the_next_report(world):
    harness, clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Retard")
    clock.now = datetime(2027, 5, 10, 8, 0, tzinfo=UTC)
    await director.send("/bilan")
    await director.press("⚠️ ")
    await director.send("Rien de particulier.")
    await director.press("🤝 ")
    await director.press("🙅 ")
    await director.press("📤 ")
    await director.press("📤 Oui")
    # the committee never records the 6-month checkpoint; 30 days before the 12-month one
    clock.now = datetime(2027, 10, 24, 8, 0, tzinfo=UTC)
    await director.send("/bilan")
    assert "Point d’étape à 12 mois" in director.last_text and "📈" in " ".join(director.buttons())
    await director.press("⚠️ ")
    await director.send("Le second semestre.")
    assert (await stored_report(harness, "twelve_months")).difficulties == "Le second semestre."
    assert (await stored_report(harness)).difficulties == "Rien de particulier."  # the sent one, as sent
    await director.press("📚")
    assert "Point d’étape à 6 mois" in director.last_text  # still readable in the history


async def test_the_values_resume_at_the_first_not_checked(world):
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Reprise")
    await director.send("/bilan")
    await director.press("📈")
    assert "Indicateur 1/8" in director.last_text
    await director.press("✅ ")
    await director.press("✅ ")
    await director.press("⬅️")
    assert "2/8" in director.last_text
    await director.press("📈")
    assert "Indicateur 3/8" in director.last_text


def test_the_pdf_chart_has_the_yes_no_indicators_as_progres_does():
    content = {
        "checkpoint": "six_months",
        "due_on": "2027-05-23",
        "indicators": [
            {
                "title": "Charte signée",
                "kind": "yes_no",
                "unit": None,
                "baseline": "no",
                "current": "yes",
                "current_on": None,
                "target": "yes",
                "target_date": None,
                "actions": [],
            },
            {
                "title": "Jalon",
                "kind": "text",
                "unit": None,
                "baseline": None,
                "current": "fait",
                "current_on": None,
                "target": "fait",
                "target_date": None,
                "actions": [],
            },
        ],
        "difficulties": "",
        "help_wanted": "",
    }
    view = bilan_view(translator("fr"), content, "Coop", "", None)
    assert [(row.label, row.baseline, row.current, row.target) for row in view.progress] == [
        ("Charte signée", 0.0, 1.0, 1.0)
    ]


async def test_the_report_confirmed_is_neither_sent_nor_swapped_once_its_checkpoint_was_recorded(world):
    """The committee recorded the 6-month checkpoint held without the report while the direction was on
    « Send? »: the report is not sent for a checkpoint closed without it (the coop was told its draft stays
    readable), nor is the 12-month one, started empty, sent in its place (test_bilan_closed_meanwhile)."""
    harness, clock = world
    director, _member, committee = await admissible_coop(harness, "Coop Confirmée")
    clock.now = datetime(2027, 5, 20, 8, 0, tzinfo=UTC)
    await director.send("/bilan")
    await director.press("⚠️ ")
    await director.send("Peu de locataires.")
    await director.press("🤝 ")
    await director.press("🙅 ")
    await director.press("📤 ")
    confirm = director.last
    assert "le bilan d’étape à 6 mois" in director.last_text
    await decide(committee, "Coop Confirmée", "📍 Point à 6 mois tenu", "Tenu sans bilan.")
    await director.press("📤 Oui", confirm)
    report = await stored_report(harness)
    assert (report.checkpoint_kind, report.status) == ("six_months", "draft")
    history = director.reply_text()  # the history, in the bilan's message (above the committee's news)
    assert "comme tenu" in history and "1. Point d’étape à 6 mois — brouillon jamais envoyé" in history, (
        history
    )


async def test_an_indicator_whose_value_is_not_known_yet_is_skipped_without_being_checked(world):
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Passe")
    await director.send("/bilan")
    await director.press("📈")
    assert "Indicateur 1/8" in director.last_text
    await director.press("⏭ Passer")
    assert "Indicateur 2/8" in director.last_text
    await director.press("✅ Garder")
    await director.press("⬅️")
    assert "1/8" in director.last_text  # only the second one is checked
    await director.press("📈")
    assert "Indicateur 1/8" in director.last_text  # the skipped one is asked again


async def test_a_yes_no_indicator_is_answered_with_buttons_as_if_typed(world):
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Oui")
    await director.send("/bilan")
    await director.press("📈")
    async with harness.database.transaction() as session:
        yes_no = (await session.exec(select(Indicator).where(Indicator.value_kind == "yes_no"))).all()
    while not any(i.title in director.last_text for i in yes_no):
        assert "Oui" not in director.buttons()  # the numbers and texts have no such buttons
        await director.press("✅ Garder")
    (indicator,) = [i for i in yes_no if i.title in director.last_text]
    assert indicator.current_value != "yes" and "Non" in director.buttons()
    await director.press("Oui")
    async with harness.database.transaction() as session:
        assert (await session.get(Indicator, indicator.id)).current_value == "yes"
    assert indicator.id in reviewed_ids(await stored_report(harness))
    assert f"{indicator.title}\xa0: oui" in " ".join(director.texts()[-2:])  # echoed as typed


async def test_a_typed_number_is_echoed_with_a_way_to_correct_it(world):
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Corrige")
    await director.send("/bilan")
    await director.press("📈")
    await director.send("51")  # meant 15
    assert "51\xa0%" in " ".join(director.texts()[-2:]) and "Indicateur 2/8" in director.last_text
    await director.press("✏️ Corriger")
    assert "Indicateur 1/8" in director.last_text and "51\xa0%" in director.last_text
    await director.send("15")
    assert "Indicateur 2/8" in director.last_text
    for _ in range(6):
        await director.press("⏭ Passer")
    await director.send("40")  # the last one: the bilan, with the echo and its « Corriger »
    assert "Point d’étape à 6 mois" in director.last_text
    await director.press("✏️ Corriger")
    assert "Indicateur 8/8" in director.last_text
    await director.send("14")
    await director.press("📈")
    assert "Indicateur 2/8" in director.last_text
    async with harness.database.transaction() as session:
        values = [
            i.current_value for i in (await session.exec(select(Indicator).order_by(Indicator.id))).all()
        ]
    assert values[0] == "15" and values[7] == "14"


async def test_a_draft_of_a_checkpoint_held_meanwhile_stays_readable_in_the_history(world):
    harness, clock = world
    director, member, committee = await admissible_coop(harness, "Coop Brouillon")
    clock.now = datetime(2027, 5, 10, 8, 0, tzinfo=UTC)
    await member.send("/report")
    await member.press("⚠️ ")
    await member.send("Our difficulties, typed carefully over an hour.")
    clock.now = datetime(2027, 5, 25, 8, 0, tzinfo=UTC)
    await decide(committee, "Coop Brouillon", "📍 Point à 6 mois tenu", "Tenu par téléphone.")
    await director.send("/bilan")
    assert "Point d’étape à 12 mois" in director.last_text  # the 6-month draft is no longer opened
    await director.press("📚")
    assert "Point d’étape à 6 mois — brouillon jamais envoyé" in director.last_text
    await director.press("📖 1.")
    assert "Our difficulties, typed carefully over an hour." in director.last_text
    assert "brouillon jamais envoyé" in director.last_text
