"""« ✏️ Title » of a suggested indicator says its current title in the reader's language, as the indicator's
screen does: a title the coop kept from the referential is the referential's words in the reader's language,
a title the coop changed is its own, shown as typed; « Keep » leaves the stored title as it was.

Before, the question's « Currently: » line showed the stored title as typed: the French words of the
direction who chose the suggestion to an English member who had just read its English title above."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Indicator
from tests.conversations.test_indicator_titles import EN, FR, colleagues, plain
from tests.harness import ChatUser


async def open_title_question(user: ChatUser, labels: tuple[str, str]) -> None:
    """From the home: 📊, engagement 7, its first indicator, ✏️ Title."""
    indicators, title = labels
    await user.send("/dossier")
    await user.press(indicators)
    await user.press(" 7 · ")
    await user.press("1 · ")
    await user.press(title)


async def stored_titles(harness) -> list[str]:
    async with harness.database.transaction() as session:
        return [i.title for i in (await session.exec(select(Indicator))).all()]


FRENCH = ("📊 Indicateurs", "✏️ Titre")
ENGLISH = ("📊 Indicators", "✏️ Title")


async def picked_in_french(dominique: ChatUser) -> None:
    """The French direction picks engagement 7's first suggestion: its title is stored in French."""
    await dominique.send("/dossier")
    await dominique.press("📊 Indicateurs")
    await dominique.press(" 7 · ")
    await dominique.press("➕ Ajouter un indicateur")
    await dominique.press("1 · ")
    await dominique.send("/cancel")


async def test_the_title_question_says_a_kept_suggestion_in_the_reader_s_language(harness):
    dominique, sam = await colleagues(harness)
    await picked_in_french(dominique)
    assert await stored_titles(harness) == [FR]

    await open_title_question(sam, ENGLISH)
    assert f"Currently: {EN}" in sam.last_text, sam.last_text
    assert FR not in sam.last_text
    await sam.press("✅ Keep")
    assert await stored_titles(harness) == [FR]  # kept as stored, never its translation
    await open_title_question(sam, ENGLISH)
    await sam.send("Tenant meetings held")  # the French title it replaces is what Sam was asked about
    assert await stored_titles(harness) == ["Tenant meetings held"]
    assert "Tenant meetings held" in sam.last_text and "meanwhile" not in sam.last_text


async def test_the_french_direction_reads_a_title_picked_in_english_in_french(harness):
    dominique, sam = await colleagues(harness)
    await sam.send("/dossier")  # Sam picks the suggestion: stored in English
    await sam.press("📊 Indicators")
    await sam.press(" 7 · ")
    await sam.press("➕ Add an indicator")
    await sam.press("1 · ")
    await sam.send("/cancel")
    await open_title_question(dominique, FRENCH)
    assert f"Actuellement : {FR}" in plain(dominique.last_text), dominique.last_text
    await dominique.press("✅ Garder")
    assert await stored_titles(harness) == [EN]


async def test_a_title_the_coop_changed_is_said_as_typed(harness):
    dominique, sam = await colleagues(harness)
    await picked_in_french(dominique)
    await open_title_question(dominique, FRENCH)
    await dominique.send("Réunions avec nos locataires")

    await open_title_question(sam, ENGLISH)
    assert "Currently: Réunions avec nos locataires" in sam.last_text, sam.last_text
