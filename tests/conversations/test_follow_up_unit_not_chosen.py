"""A number indicator followed without a unit (older data: a dossier submitted before a unit was
required): « 45 % » typed at the follow-up's figure question (/progres, the bilan's values) is refused
with the number alone to type, never with « choose “%” as its unit first », a choice the frozen dossier
no longer offers; nothing stored, and the number alone is then taken."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from models.tables import Indicator
from tests.conversations.test_bilans import admissible_coop

REFUSED = "Cet indicateur n’a pas d’unité : tapez le nombre seul (ex. 12)."


async def without_unit(harness) -> int:
    """The first indicator's unit taken off, as older data had it; its id."""
    async with harness.database.transaction() as session:
        indicator = (await session.exec(select(Indicator).order_by(Indicator.id))).first()
        indicator.unit = None
        session.add(indicator)
        return indicator.id


async def current(harness, indicator_id: int) -> str | None:
    async with harness.database.transaction() as session:
        return (await session.get(Indicator, indicator_id)).current_value


def said(user) -> str:
    return user.reply_text().replace("\u00a0", " ").replace("\u202f", " ")


async def test_progress_asks_for_the_number_alone(world):
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Sans Unité")
    indicator_id = await without_unit(harness)
    await director.send("/progres")
    await director.press("✏️ Mettre à jour")
    await director.send("45 %")
    assert REFUSED in said(director) and "choisissez" not in said(director), said(director)
    assert await current(harness, indicator_id) == "12.5"
    await director.send("45")
    assert await current(harness, indicator_id) == "45"


async def test_the_bilans_values_ask_for_the_number_alone(world):
    harness, clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Bilan Sans Unité")
    indicator_id = await without_unit(harness)
    clock.now = datetime(2027, 5, 10, 8, 0, tzinfo=UTC)
    await director.send("/bilan")
    await director.press("📈 Valeurs")
    await director.send("45 %")
    assert REFUSED in said(director) and "choisissez" not in said(director), said(director)
    assert await current(harness, indicator_id) == "12.5"
    await director.send("45")
    assert await current(harness, indicator_id) == "45"
