"""« ➕ Utiliser cet indicateur » pressed by two colleagues at once (two instances, on PostgreSQL): the
indicator is added once; the second waits for the first at the dossier's lock, then continues the first's
indicator (« fait déjà partie de vos indicateurs »). Before, both read the engagement's indicators before either
wrote, and the same shared indicator was added twice."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

from conversations.dossier import indicators, practices
from tests.conversations.test_shared_choice_buttons import reader, sharing_coop, suggestions, titles_of
from tests.databases import needs_postgres
from tests.harness import BotHarness
from tests.races import all_read_first

ADDED = "Indicateur ajouté\u00a0: Taux de rotation des locataires"
CONTINUED = "fait déjà partie de vos indicateurs"


@asynccontextmanager
async def two_colleagues_at_suggestions(harness, tmp_path, sam_id: int, bob_id: int):
    """Sam on this instance, Bob (his colleague) on another over the same database, both at engagement 5's
    suggestions."""
    sam = await reader(harness, sam_id)
    (tmp_path / "other").mkdir()
    other = BotHarness(tmp_path / "other", clock=harness.clock, database_url=harness.database_url)
    await other.start()
    try:
        bob = other.user(bob_id, "Bob", "fr")
        await bob.send(f"/start {sam.invitations.member_token}")
        for user in (sam, bob):
            await suggestions(user)
        yield sam, bob
        assert harness.errors == [] and other.errors == []
    finally:
        await other.stop()


async def both_press(monkeypatch, sam, bob, label: str, where: tuple) -> list[str]:
    """Both press ``label`` at once, each having read before either writes (``where``): their answers, the
    one that added first."""
    all_read_first(monkeypatch, 2, where)
    await asyncio.gather(sam.press(label, sam.last), bob.press(label, bob.last))
    monkeypatch.undo()
    return sorted([sam.reply_text(), bob.reply_text()], key=lambda text: CONTINUED in text)


@needs_postgres
async def test_a_shared_indicator_used_by_two_colleagues_at_once_is_added_once(
    harness, tmp_path, monkeypatch
):
    for n in range(3):
        await sharing_coop(harness, f"Coop T{n}", 9300 + n, ["Taux de rotation des locataires"])
    async with two_colleagues_at_suggestions(harness, tmp_path, 6201, 6202) as (sam, bob):
        for user in (sam, bob):
            await user.press("👥 Taux de rotation")
        said = await both_press(monkeypatch, sam, bob, "➕ Utiliser", (practices, "pressed_choice"))
        assert ADDED in said[0] and CONTINUED in said[1], said
        assert await titles_of(harness, sam) == ["Taux de rotation des locataires"]


@needs_postgres
async def test_a_suggested_indicator_picked_by_two_colleagues_at_once_is_added_once(
    harness, tmp_path, monkeypatch
):
    # the referential's suggestion had the same race: both read the engagement's indicators, then both added
    async with two_colleagues_at_suggestions(harness, tmp_path, 6211, 6212) as (sam, bob):
        where = (indicators, "dossier_of_member")
        said = await both_press(monkeypatch, sam, bob, "Nombre d’associés", where)
        assert "Indicateur ajouté" in said[0] and CONTINUED in said[1], said
        assert await titles_of(harness, sam) == ["Nombre d’associés"]
