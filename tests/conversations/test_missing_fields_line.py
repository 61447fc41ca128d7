"""An indicator's « ⚠️ Missing: … » names its fields as the home's list of what is missing writes them:
within the sentence, from a small letter after the colon, in French too (« Raison d’être » keeps its own)."""

from __future__ import annotations

from tests.dossier_steps import choose, join, open_home

NBSP = "\u00a0"


async def indicator_with_only_its_title(harness, user_id: int, language: str):
    """A suggested indicator chosen on engagement 1, its questions left at once: only its title is known."""
    c = await join(harness, user_id, language, "Coop Manque")
    await choose(c, [1])
    await open_home(c)
    await c.press("📊 Indicateurs" if language == "fr" else "📊 Indicators")
    await c.press(" 1 · ")
    await c.press("➕ Ajouter un indicateur" if language == "fr" else "➕ Add an indicator")
    await c.press("1 · ")
    await c.send("/annuler" if language == "fr" else "/cancel")
    await open_home(c)
    await c.press("📊 Indicateurs" if language == "fr" else "📊 Indicators")
    await c.press(" 1 · ")
    await c.press("⚠️ 1 · ")
    return c


async def test_the_missing_fields_are_written_within_the_sentence(harness):
    c = await indicator_with_only_its_title(harness, 9731001, "en")
    assert (
        "⚠️ Missing: why it illustrates the Raison d’être, current value, target value, target date"
        in c.last_text
    ), c.last_text


async def test_the_french_line_reads_the_same(harness):
    c = await indicator_with_only_its_title(harness, 9731011, "fr")
    assert (
        f"⚠️ Il manque{NBSP}: en quoi il illustre la Raison d’être, valeur actuelle, valeur cible, date cible"
        in c.last_text
    ), c.last_text
