"""A deletion's confirmation says what it will leave short, as an engagement's removal says it
(``removal.what_is_left``): deleting an indicator, its engagement left without one (at least one is
needed); an action, that it is final and its indicator left without one; a file, the dossier without its
letter; and in a dossier marked ready, that it becomes a draft again. A deletion that leaves nothing short
in a draft says nothing more."""

from __future__ import annotations

from sqlmodel import select

from models.dossier.indicators import add_action, add_indicator
from models.tables import Dossier, EngagementChoice
from tests.conversations.test_ready_dossier_draft_again import ready_dossier
from tests.dossier_steps import choose, join, open_home

NBSP = "\u00a0"
DRAFT = f"• Le dossier ne sera plus prêt à soumettre{NBSP}: il repassera en brouillon."


async def at_indicator(c, code: int) -> None:
    await open_home(c)
    await c.press("📊 Indicateurs")
    await c.press(f" {code} · ")
    await c.press("✅ 1 · ")


async def test_deleting_an_indicator_says_its_engagement_is_left_without_one_and_the_dossier_a_draft(harness):
    c = await ready_dossier(harness, 9931301, "Coop Conséquences")
    await at_indicator(c, 9)
    await c.press("🗑 Supprimer l’indicateur")
    said = c.last_text
    assert said.startswith("⚠️ Supprimer l’indicateur") and f"et 1 action{NBSP}? C’est définitif." in said, (
        said
    )
    assert "• L’engagement 9 n’aura plus aucun indicateur, alors qu’il en faut au moins un." in said, said
    assert DRAFT in said, said


async def test_deleting_an_action_says_it_is_final_its_indicator_left_without_one_and_the_draft(harness):
    c = await ready_dossier(harness, 9931311, "Coop Action Seule")
    await at_indicator(c, 9)
    await c.press("📌 1 · ")
    await c.press("🗑 Supprimer l’action")
    said = c.last_text
    assert f"»{NBSP}? C’est définitif." in said, said
    assert "n’aura plus aucune action, alors qu’il en faut au moins une." in said, said
    assert DRAFT in said, said


async def test_removing_the_letter_says_the_dossier_is_left_without_it_and_a_draft(harness):
    c = await ready_dossier(harness, 9931321, "Coop Lettre")
    await open_home(c)
    await c.press("📎 Documents")
    await c.press("📄 1 · ")
    await c.press("🗑 Retirer")
    said = c.last_text
    assert (
        "• Le dossier n’aura plus de lettre d’engagement, alors qu’il en faut une pour le soumettre." in said
    ), said
    assert DRAFT in said, said


async def test_in_a_draft_a_deletion_that_leaves_nothing_short_says_nothing_more(harness):
    c = await join(harness, 9931331, "fr", "Coop Brouillon")
    await choose(c, [1, 2])
    async with harness.database.transaction() as session:  # engagement 1: two indicators, two actions
        choice = (await session.exec(select(EngagementChoice))).first()
        dossier = await session.get(Dossier, choice.dossier_id)
        first = await add_indicator(session, dossier, 1, title="Indicateur Alpha", actor_id=None)
        await add_indicator(session, dossier, 1, title="Indicateur Bravo", actor_id=None)
        for text in ("Action un", "Action deux"):
            await add_action(session, dossier, first, text, actor_id=None)
    await open_home(c)
    await c.press("📊 Indicateurs")
    await c.press(" 1 · ")
    await c.press("1 · Indicateur A")
    await c.press("📌 1 · ")
    await c.press("🗑 Supprimer l’action")
    assert "•" not in c.last_text and "C’est définitif." in c.last_text, c.last_text
    await c.press("Annuler")
    await c.press("⬅️")
    await c.press("🗑 Supprimer l’indicateur")
    assert "•" not in c.last_text and "et ses 2 actions" in c.last_text, c.last_text
