"""A document renamed after the committee's request is a change the committee reads.

Files were matched by their kind and content alone, their labels never compared: the direction renamed
its letter (« ✏️ Renommer ») and was told at « Soumettre » « Rien n’a changé depuis la version que le
comité a lue », the committee too, in its news, on its screen and in the PDF. Now the renaming is listed
(old label → new label) and counted.
"""

from __future__ import annotations

from tests.conversations.test_committee_changes import committee_pdf, submitted_by_dominique
from tests.conversations.test_label_journey import decide
from tests.dossier_steps import open_home

NBSP = "\u00a0"
OLD, NEW = f"«{NBSP}lettre-engagement{NBSP}»", f"«{NBSP}Lettre signée{NBSP}»"
RENAMED = f"Renommage{NBSP}: lettre d’engagement {OLD} → {NEW} (lettre-engagement.pdf)"


async def test_a_renamed_letter_is_listed_and_counted_for_the_direction_and_the_committee(world):
    harness, clock = world
    director, committee = await submitted_by_dominique(harness, 701, "Coop Horizon")
    await harness.run_background()
    clock.advance(days=2)
    await decide(committee, "Coop Horizon", "📝 Demander des compléments", "Nommez la lettre.")
    await open_home(director)
    await director.press("📎 Documents")
    await director.press("📄 1 · ")  # the letter, « lettre-engagement » as its file was named
    await director.press("✏️ Renommer")
    await director.send("Lettre signée")
    clock.advance(days=1)
    await open_home(director)
    await director.press("✅ Marquer")
    await director.press("📤 Soumettre")
    assert "Rien n’a changé" not in director.last_text, director.last_text
    await director.press("✅ Oui, soumettre")
    await harness.run_background()

    caption, text = committee_pdf(harness)
    assert "Rien n’a changé" not in caption and "1 changement depuis la version" in caption, caption
    appendix = text.split("Ce qui a changé depuis la version lue")[-1]
    assert "lettre-engagement" in appendix and "Lettre signée" in appendix, appendix
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    changes = committee.last_text.split("🔄")[-1]
    assert "Rien n’a changé" not in changes, changes
    assert f"• {RENAMED}" in changes, changes
