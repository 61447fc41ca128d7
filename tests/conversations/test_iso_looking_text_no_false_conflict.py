"""A text milestone whose value was typed the ISO way (« 2025-12-01 », the day a charter was adopted):
the question saved with it used to read that text back as a date, whatever the field, so the next answer
(or « ✅ Garder ») compared a date with the stored text and showed « ⚠️ Vous avez modifié « Valeur
actuelle » ailleurs pendant votre saisie… » though nobody had changed anything. Such a text now stays a
text, as in the Mini App (which reads a value back by its field): the answer is saved, « Garder » keeps
it unsaid; and in the conflict box over a colleague's such text (before: « changed meanwhile », the box
again at each « Garder ma réponse »), either button does what it says.
"""

from __future__ import annotations

from sqlmodel import select

from models.tables import Indicator
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import join, open_home

NBSP = "\u00a0"
ISO_LOOKING = "2025-12-01"


async def stored(harness) -> Indicator:
    """The dossier's first indicator, as stored now."""
    async with harness.database.transaction() as session:
        return (await session.exec(select(Indicator).order_by(Indicator.id))).first()


async def a_text_milestone(harness, user_id: int):
    """A member whose dossier's first indicator is a short text (« Pas encore » → « Fait »), at its home."""
    member = await join(harness, user_id, "fr")
    await complete_dossier(member)
    async with harness.database.transaction() as session:
        indicator = (await session.exec(select(Indicator).order_by(Indicator.id))).first()
        indicator.value_kind, indicator.unit, indicator.target_value = "text", None, "Fait"
        indicator.current_value = "Pas encore"
        session.add(indicator)
    return member


async def at_its_current_value(user) -> None:
    """From the home to the question « ✏️ Actuelle » of the first indicator."""
    await open_home(user)
    await user.press("📊 Indicateurs")
    await user.press(" 1 · ")
    await user.press("✅ 1 · Part")
    await user.press("✏️ Actuelle")


async def asked_again_after_an_iso_looking_answer(harness, user_id: int):
    """« 2025-12-01 » saved as the current value, then the same question asked again."""
    member = await a_text_milestone(harness, user_id)
    await at_its_current_value(member)
    await member.send(ISO_LOOKING)
    assert ISO_LOOKING in member.reply_text()
    await member.press("✏️ Actuelle")
    assert "Actuellement" in member.last_text and ISO_LOOKING in member.last_text, member.last_text
    return member


def no_conflict_in(said: str) -> None:
    """Nothing said of a change elsewhere, nor a box to choose from."""
    said = said.replace(NBSP, " ")
    assert "pendant votre saisie" not in said, said
    assert "Laquelle garder" not in said, said


async def test_a_new_answer_after_an_iso_looking_text_is_saved_without_a_conflict_box(harness):
    member = await asked_again_after_an_iso_looking_answer(harness, 4791101)
    await member.send("Atteint en décembre")
    no_conflict_in(member.reply_text())
    assert (await stored(harness)).current_value == "Atteint en décembre"


async def test_keep_on_an_iso_looking_text_says_nothing_changed_meanwhile(harness):
    member = await asked_again_after_an_iso_looking_answer(harness, 4791102)
    await member.press("✅ Garder")
    said = member.reply_text().replace(NBSP, " ")
    assert "modifié" not in said and "ℹ️" not in said, said
    assert (await stored(harness)).current_value == ISO_LOOKING


async def a_box_against_an_iso_looking_text(harness, paul_id: int):
    """Paul saves « 2025-12-01 » while Marie types « Fait »: Marie's conflict box."""
    paul = await a_text_milestone(harness, paul_id)
    marie = harness.user(paul_id + 1, "Marie", "fr")
    await marie.send(f"/start {paul.invitations.member_token}")
    for user in (paul, marie):
        await at_its_current_value(user)
    await paul.send(ISO_LOOKING)
    await marie.send("Fait")
    said = marie.last_text.replace(NBSP, " ")
    assert "Laquelle garder" in said and f"Valeur de votre collègue : {ISO_LOOKING}" in said, said
    return marie


async def test_keep_mine_over_an_iso_looking_text_is_saved_at_once(harness):
    marie = await a_box_against_an_iso_looking_text(harness, 4791111)
    await marie.press("Garder ma réponse")
    no_conflict_in(marie.reply_text())  # before: « changed meanwhile », the box again, for ever
    assert (await stored(harness)).current_value == "Fait"


async def test_keep_theirs_iso_looking_text_is_said_kept_unchanged(harness):
    marie = await a_box_against_an_iso_looking_text(harness, 4791121)
    await marie.press("Garder la sienne")
    said = marie.reply_text().replace(NBSP, " ")
    assert "La valeur de votre collègue est conservée." in said and "ℹ️" not in said, said
    assert (await stored(harness)).current_value == ISO_LOOKING
