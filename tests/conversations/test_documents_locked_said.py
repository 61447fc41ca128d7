"""A submitted dossier's 📎 Documents screen and a file's own screen.

Before: their buttons to add, rename and remove a file were gone without a word, where every other screen
of the dossier (engagements, indicators, actions, the approach) says why. Now both say it as those do:
« Le dossier a été soumis : il ne peut plus être modifié ici. 🔒 » (``rows.locked_lines``)."""

from __future__ import annotations

from tests.dossier_fill import complete_dossier
from tests.dossier_steps import join, open_home, submit

LOCKED = "Votre dossier est entre les mains du comité de validation\u00a0: il ne peut plus être modifié. 🔒"


async def test_the_documents_of_a_submitted_dossier_say_why_nothing_can_change(harness):
    director = await join(harness, 9750601, "fr", "Coop Verrou")
    await complete_dossier(director)
    await open_home(director)
    await director.press("📎 Documents")
    assert LOCKED not in director.last_text  # still the coop's to change: nothing said
    await submit(director)
    await open_home(director)
    await director.press("📎 Documents")
    assert "📎 Ajouter une pièce" not in director.buttons()
    assert LOCKED in director.last_text, director.last_text
    await director.press("📄 1 ·")  # the letter's own screen
    assert "🗑 Retirer" not in director.buttons() and "✏️ Renommer" not in director.buttons()
    assert LOCKED in director.last_text, director.last_text
