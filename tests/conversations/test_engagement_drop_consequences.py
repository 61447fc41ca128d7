"""Removing an engagement says exactly what will happen (ux.md), and then what did: beside the indicators
and actions it deletes, only what is true of what it leaves: its axis under its minimum of 2, the
dossier under its 8, a dossier marked ready back to draft."""

from __future__ import annotations

from tests.dossier_steps import FR_ANSWERS, choose, fill_suggested_indicator, join, open_home, upload_letter

NBSP = "\u00a0"
GOES = "⚠️ Retirer cet engagement supprime aussi 1 indicateur et 1 action. C’est définitif."
CODES = [1, 2, 5, 6, 9, 10, 11, 12]  # 8 engagements, 2 in axes 1 and 2, 4 in axis 3


async def test_dropping_an_engagement_of_a_ready_dossier_says_its_axis_its_count_and_draft(harness):
    c = await join(harness, 9730001, "fr", "Coop Prête")
    await choose(c, CODES)
    for code in CODES:
        await fill_suggested_indicator(c, code, FR_ANSWERS)
    await open_home(c)
    await c.press("👥 Démarche")
    await c.press("✍️ Répondre")
    for text in ("Notre démarche.", "Réunion d’équipe.", "Lettre aux habitants.", "Pas encore."):
        await c.send(text)
    await upload_letter(c)
    await open_home(c)
    await c.press("✅ Marquer")
    assert "Prêt à soumettre" in c.last_text

    await c.press("Axe 2", c.last)
    await c.press("✅ 6 · ", c.last)
    assert (
        f"{GOES}\n"
        "• L’axe 2 comptera 1 engagement, alors qu’il en faut au moins 2.\n"
        "• Le dossier comptera 7 engagements, alors qu’il en faut au moins 8.\n"
        f"• Le dossier ne sera plus prêt à soumettre{NBSP}: il repassera en brouillon."
    ) in c.last_text, c.last_text

    await c.press("🗑 Oui, le retirer", c.last)
    assert (
        "🗑 Engagement 6 retiré.\n"
        "• L’axe 2 compte maintenant 1 engagement, alors qu’il en faut au moins 2.\n"
        "• Le dossier compte maintenant 7 engagements, alors qu’il en faut au moins 8.\n"
        f"• Le dossier n’est plus prêt à soumettre{NBSP}: il est repassé en brouillon."
    ) in c.reply_text(), c.reply_text()
    await open_home(c)
    assert "Brouillon" in c.last_text and "Prêt à soumettre" not in c.last_text


async def test_a_drop_that_leaves_every_minimum_met_says_only_what_it_deletes(harness):
    c = await join(harness, 9730011, "fr", "Coop Large")
    await choose(c, [1, 2, 3, *CODES[2:]])  # 9: axis 1 keeps 2 without engagement 1
    await fill_suggested_indicator(c, 1, FR_ANSWERS)
    await open_home(c)
    await c.press("Axe 1")
    await c.press("✅ 1 · ")
    assert c.last_text.endswith(GOES), c.last_text
    await c.press("🗑 Oui, le retirer", c.last)
    assert "Engagement 1 retiré." in c.reply_text() and "•" not in c.reply_text(), c.reply_text()


async def test_a_dossier_still_being_built_is_told_only_what_goes(harness):
    """Under its minimums before (axis 1 at 1, the dossier at 2): its home and gaps say what is missing."""
    c = await join(harness, 9730021, "en", "Coop Small")
    await choose(c, [1, 5])
    await fill_suggested_indicator(c, 1, {"rationale": "Because.", "current": "12", "target": "25",
                                          "date": "May 2028", "action": "Train", "owner": "Sam",
                                          "due": "March 2027"})  # fmt: skip
    await open_home(c)
    await c.press("Axis 1")
    await c.press("✅ 1 · ")
    text = c.last_text
    assert "This cannot be undone." in text and "•" not in text, text
    assert "ready to submit" not in text  # a draft is not said to become one
