"""A step of a bilan d'étape taken from a saved position after the committee closed its checkpoint: recorded as
held without it, or closed by the visit (which removes the interim checkpoints not held). Only « 📤 Oui,
envoyer » checked it (test_bilan_closed_meanwhile): a value typed, « ✅ Garder » pressed, a text typed went
on into the draft of the closed checkpoint, and a question reopened offered to go on with it. Now nothing is
written to that bilan: the member is told why, led to the bilan open now or to the history where the draft
stays readable, and what they typed is given back whole."""

from __future__ import annotations

from sqlmodel import select

from models.label.bilans import reviewed_ids
from models.tables import Indicator, ProgressReport
from tests.conversations.test_bilans import admissible_coop
from tests.conversations.test_label_journey import decide

NBSP = "\u00a0"
HELD = (
    "Le comité de validation a enregistré le point d’étape à 6 mois comme tenu le 23 novembre 2026, "
    f"sans ce bilan{NBSP}: il ne peut plus être modifié."
)
CLOSED = (  # the English member's words
    "The validation committee recorded the visit, which closed the 12-month checkpoint: no report is "
    "expected for it any more, and this one can no longer be changed."
)
KEPT = f"Son brouillon est conservé{NBSP}: vous pouvez le relire ci-dessous."
NEXT = f"Prochain bilan à préparer{NBSP}: celui du point d’étape à 12 mois, avec /bilan."
DIFFICULTIES = "Peu de locataires aux réunions."
HELP = "We would like:\n- an example of a tenant survey <used by another coop> & its results;\n" + " ".join(
    ["- a day of training for the board, on the label's engagements."] * 20
)  # several lines, HTML's characters, long (a paste): given back as typed


async def the_reports(harness) -> dict[str, ProgressReport]:
    async with harness.database.transaction() as session:
        return {r.checkpoint_kind: r for r in (await session.exec(select(ProgressReport))).all()}


async def the_values(harness) -> list[str | None]:
    async with harness.database.transaction() as session:
        return [i.current_value for i in (await session.exec(select(Indicator).order_by(Indicator.id))).all()]


async def at_the_first_value(director, difficulties: str | None = None) -> dict:
    """The direction opens the 6-month bilan (writes its difficulties first, if given), then « 📈 »."""
    await director.send("/bilan")
    if difficulties is not None:
        await director.press("⚠️ ")
        await director.send(difficulties)
    await director.press("📈")
    assert "Indicateur 1/8" in director.last_text, director.last_text
    return director.last


async def test_a_value_typed_once_the_checkpoint_was_held_is_given_back_and_written_nowhere(world):
    harness, _clock = world
    director, _member, committee = await admissible_coop(harness)
    await at_the_first_value(director, DIFFICULTIES)
    values = await the_values(harness)
    await decide(committee, "Coop Bilan", "📍 Point à 6 mois tenu", "Tenu sans bilan.")

    await director.send("18,5")
    said = director.reply_text()
    assert HELD in said and KEPT in said and NEXT in said and "erreur" not in said.lower(), said
    assert "Point d’étape à 6 mois — brouillon jamais envoyé" in said, said  # the history, the draft listed
    assert "18,5" in [m.get("text") for m in director.replies], said  # given back, a message of its own
    assert await the_values(harness) == values  # the indicator's value unchanged
    assert reviewed_ids((await the_reports(harness))["six_months"]) == set()


async def test_a_text_typed_once_the_visit_closed_the_checkpoint_is_given_back_whole(world):
    """The member (in English) at the help wanted of the 12-month bilan; the visit closes it. No text was
    written in it: the bilan screen follows, with no checkpoint ahead any more."""
    harness, _clock = world
    _director, member, committee = await admissible_coop(harness)
    await decide(committee, "Coop Bilan", "📍 Point à 6 mois tenu", "Tenu.")  # next: the 12-month one
    await member.send("/bilan")
    assert "12-month checkpoint" in member.last_text, member.last_text
    await member.press("🤝 ")
    await decide(committee, "Coop Bilan", "🚪 Visite", "Visite anticipée.")

    await member.paste(HELP)  # longer than a text judged at once: waits for the paste's next part
    said = member.reply_text()
    assert CLOSED in said and "No checkpoint ahead needs a report." in said, said
    assert HELP in [m.get("text") for m in member.replies], said  # whole, as typed, to copy
    assert (await the_reports(harness))["twelve_months"].help_wanted is None


async def test_keep_pressed_on_the_walk_once_the_checkpoint_was_held_checks_nothing(world):
    """« ✅ Garder » on the value's screen shown before the decision: nothing is checked; no text was
    written in that draft, so the bilan open now (the 12-month one) follows."""
    harness, _clock = world
    director, _member, committee = await admissible_coop(harness)
    walk = await at_the_first_value(director)
    await decide(committee, "Coop Bilan", "📍 Point à 6 mois tenu", "Tenu sans bilan.")

    await director.press("✅ Garder", walk)
    said = " ".join([*director.alerts, director.reply_text(), director.last_text])
    assert HELD in said and KEPT not in said and "erreur" not in said.lower(), said
    assert "Bilan d’étape — Point d’étape à 12 mois" in said, said
    assert "Indicateur 2/8" not in said, said
    reports = await the_reports(harness)
    assert reviewed_ids(reports["six_months"]) == set() and "twelve_months" not in reports


async def test_a_question_reopened_once_the_checkpoint_was_held_says_so_instead_of_asking(world):
    """The direction left the difficulties' question for /recap; the committee held the checkpoint; the
    text typed then comes back with « ↩️ Reprendre la question »: pressed, it no longer asks the closed
    bilan's question but says why, and the text typed there again is given back, written nowhere."""
    harness, _clock = world
    director, _member, committee = await admissible_coop(harness)
    await director.send("/bilan")
    await director.press("⚠️ ")
    await director.send("/recap")
    await decide(committee, "Coop Bilan", "📍 Point à 6 mois tenu", "Tenu sans bilan.")
    await director.send(DIFFICULTIES)
    assert director.buttons() == ["↩️ Reprendre la question"], director.reply_text()

    await director.press("↩️ Reprendre la question")
    said = director.reply_text() or director.last_text
    assert HELD in said and "Quelles difficultés" not in said, said
    await director.send(DIFFICULTIES)
    said = director.reply_text()
    assert HELD in said and DIFFICULTIES in [m.get("text") for m in director.replies], said
    assert (await the_reports(harness))["six_months"].difficulties is None
