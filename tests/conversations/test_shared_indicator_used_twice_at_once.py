"""« ➕ Utiliser cet indicateur » pressed by two colleagues at once (two instances, on PostgreSQL): the
indicator is added once; the second waits for the first at the dossier's lock, then continues the first's
indicator (« fait déjà partie de vos indicateurs »). Before, both read the engagement's indicators before either
wrote, and the same shared indicator was added twice."""

from __future__ import annotations

import asyncio

from conversations.dossier import indicators, practices
from tests.conversations.test_shared_choice_buttons import reader, sharing_coop, suggestions, titles_of
from tests.databases import needs_postgres
from tests.harness import BotHarness
from tests.races import all_read_first

ADDED = "Indicateur ajouté\u00a0: Taux de rotation des locataires"
CONTINUED = "fait déjà partie de vos indicateurs"


@needs_postgres
async def test_a_shared_indicator_used_by_two_colleagues_at_once_is_added_once(
    harness, tmp_path, monkeypatch
):
    for n in range(3):
        await sharing_coop(harness, f"Coop T{n}", 9300 + n, ["Taux de rotation des locataires"])
    sam = await reader(harness)
    (tmp_path / "other").mkdir()
    other = BotHarness(tmp_path / "other", clock=harness.clock, database_url=harness.database_url)
    await other.start()
    try:
        bob = other.user(6202, "Bob", "fr")
        await bob.send(f"/start {sam.invitations.member_token}")
        for user in (sam, bob):
            await suggestions(user)
            await user.press("👥 Taux de rotation")
        all_read_first(monkeypatch, 2, (practices, "pressed_choice"))
        await asyncio.gather(sam.press("➕ Utiliser", sam.last), bob.press("➕ Utiliser", bob.last))
        monkeypatch.undo()
        said = sorted([sam.reply_text(), bob.reply_text()], key=lambda text: CONTINUED in text)
        assert ADDED in said[0] and CONTINUED in said[1], said
        assert await titles_of(harness, sam) == ["Taux de rotation des locataires"]
        assert harness.errors == [] and other.errors == []
    finally:
        await other.stop()


@needs_postgres
async def test_a_suggested_indicator_picked_by_two_colleagues_at_once_is_added_once(
    harness, tmp_path, monkeypatch
):
    # the referential's suggestion had the same race: both read the engagement's indicators, then both added
    sam = await reader(harness, 6211)
    (tmp_path / "other").mkdir()
    other = BotHarness(tmp_path / "other", clock=harness.clock, database_url=harness.database_url)
    await other.start()
    try:
        bob = other.user(6212, "Bob", "fr")
        await bob.send(f"/start {sam.invitations.member_token}")
        for user in (sam, bob):
            await suggestions(user)
        all_read_first(monkeypatch, 2, (indicators, "dossier_of_member"))
        await asyncio.gather(
            sam.press("Nombre d’associés", sam.last), bob.press("Nombre d’associés", bob.last)
        )
        monkeypatch.undo()
        said = sorted([sam.reply_text(), bob.reply_text()], key=lambda text: CONTINUED in text)
        assert "Indicateur ajouté" in said[0] and CONTINUED in said[1], said
        assert await titles_of(harness, sam) == ["Nombre d’associés"]
        assert harness.errors == [] and other.errors == []
    finally:
        await other.stop()
