"""The same indicator (action, file) deleted twice at once, on PostgreSQL: two colleagues, or a double press
whose two presses two instances handle. Both read the row; the second waits for the first's commit at the
dossier's lock, then went on as if the row were still there: a second « delete » in the audit and
SQLAlchemy's « expected to delete 1 row(s); 0 were matched » (« Une erreur inattendue »), or, for an
indicator with actions, « Un collègue a modifié entre-temps les actions… » about an indicator gone. Checked
under the lock, the second is told it was removed meanwhile, as a button pressed after the deletion is,
and led on (the overview; a file: the documents), nothing written."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

import pytest
from sqlmodel import select

from conversations.dossier import actions, document_removal, indicators
from models.tables import Action, AuditEntry
from tests.conversations.test_documents_numbers_and_removal import at_documents, labelled
from tests.conversations.test_file_removed_meanwhile import GONE as FILE_GONE
from tests.databases import needs_postgres
from tests.dossier_steps import FR_ANSWERS, choose, fill_suggested_indicator, join, open_home
from tests.harness import BotHarness
from tests.races import all_read_first

# a button pressed after the deletion is told so, the row named
INDICATOR_GONE = "Cet indicateur a été retiré du dossier entre-temps, peut-être par un collègue."
ACTION_GONE = "Cette action a été supprimée entre-temps, peut-être par un collègue."


@asynccontextmanager
async def two_colleagues(harness, tmp_path, base: int):
    """Sam, director, on this instance, with engagement 1's indicator and its action; Bob, a member of the
    same coop, on a second instance on the same database: (sam, bob)."""
    sam = await join(harness, base, "fr", f"Coop Deux Fois {base}")
    await choose(sam, [1, 2])
    await fill_suggested_indicator(sam, 1, FR_ANSWERS)
    (tmp_path / "other").mkdir()
    other = BotHarness(tmp_path / "other", clock=harness.clock, database_url=harness.database_url)
    await other.start()
    try:
        bob = other.user(base + 1, "Bob", "fr")
        await bob.send(f"/start {sam.invitations.member_token}")
        yield sam, bob
    finally:
        await other.stop()


async def at_indicator(user) -> None:
    await open_home(user)
    await user.press("📊 Indicateurs")
    await user.press(" 1 · ")
    await user.press(next(b for b in user.buttons() if "1 · " in b and b[0] in "✅⚠"))


async def deleted_entries(harness, entity: str) -> list[AuditEntry]:
    async with harness.database.transaction() as session:
        found = select(AuditEntry).where(AuditEntry.entity == entity, AuditEntry.action == "delete")
        return list((await session.exec(found)).all())


async def both_press(monkeypatch, module, read: str, sam, bob, label: str) -> list[str]:
    """Both press ``label`` at once, each having read the row before either writes: what each is told."""
    all_read_first(monkeypatch, 2, (module, read))
    await asyncio.gather(sam.press(label, sam.last), bob.press(label, bob.last))
    monkeypatch.undo()
    return [sam.reply_text(), bob.reply_text()]


@needs_postgres
@pytest.mark.parametrize("with_action", [False, True])
async def test_an_indicator_deleted_twice_at_once_is_said_gone_to_the_second(
    harness, tmp_path, monkeypatch, with_action
):
    async with two_colleagues(harness, tmp_path, 9951401 + 10 * with_action) as (sam, bob):
        if not with_action:
            async with harness.database.transaction() as session:
                for action in (await session.exec(select(Action))).all():
                    await session.delete(action)
        for user in (sam, bob):
            await at_indicator(user)
            await user.press("🗑 Supprimer l’indicateur")
        said = await both_press(monkeypatch, indicators, "indicator_of_member", sam, bob, "🗑 Oui, supprimer")
        deleted, gone = sorted(said, key=lambda text: INDICATOR_GONE in text)
        assert "Indicateur supprimé" in deleted and INDICATOR_GONE not in deleted, said
        assert INDICATOR_GONE in gone and "Indicateur supprimé" not in gone, said
        assert "confirmez de nouveau" not in gone, said
        assert len(await deleted_entries(harness, "indicator")) == 1


@needs_postgres
async def test_an_action_deleted_twice_at_once_is_said_gone_to_the_second(harness, tmp_path, monkeypatch):
    async with two_colleagues(harness, tmp_path, 9951421) as (sam, bob):
        for user in (sam, bob):
            await at_indicator(user)
            await user.press("📌 1 · ")
            await user.press("🗑 Supprimer")
        said = await both_press(monkeypatch, actions, "action_of_member", sam, bob, "🗑 Oui, supprimer")
        deleted, gone = sorted(said, key=lambda text: ACTION_GONE in text)
        assert "Action supprimée" in deleted and ACTION_GONE in gone and "Action supprimée" not in gone, said
        assert len(await deleted_entries(harness, "action")) == 1


@needs_postgres
async def test_a_file_removed_twice_at_once_is_said_gone_to_the_second(harness, tmp_path, monkeypatch):
    async with two_colleagues(harness, tmp_path, 9951431) as (sam, bob):
        await labelled(sam, "pv-ag.pdf", "PV de l’AG")
        for user in (sam, bob):
            await at_documents(user)
            await user.press("📄 1 · ")
            await user.press("🗑 Retirer")
        said = await both_press(
            monkeypatch, document_removal, "attachment_of_member", sam, bob, "🗑 Oui, le retirer"
        )
        removed, gone = sorted(said, key=lambda text: FILE_GONE in text)
        assert "Retiré" in removed and FILE_GONE in gone and "Retiré :" not in gone, said
        assert len(await deleted_entries(harness, "attachment")) == 1
