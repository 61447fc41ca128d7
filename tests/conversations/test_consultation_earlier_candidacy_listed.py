"""A consultation opened for a refused candidacy, once a new one is prepared. Before: « 👥 Démarche » said
« aucune pour l’instant » (it is the refused dossier's evidence, not the new one's) while « 🗳 Consultations »
listed it as any other, under « the results join your dossier as evidence ». Now its line names the earlier
candidacy and its cycle; one opened for the candidacy being prepared has no such mention."""

from models.tables import ConsultationStatus
from tests.conversations.test_consultation_draft_new_candidacy import refused_with_consultations
from tests.conversations.test_consultations import open_consultations


def line_of(text: str, start: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(start))


async def test_an_earlier_candidacys_consultation_is_named_so_in_the_list(world):
    harness, _clock = world
    director = await refused_with_consultations(harness, ConsultationStatus.OPEN, ConsultationStatus.DRAFT)
    await open_consultations(director, ("👥 Démarche", "🗳 Consultations"))
    earlier = line_of(director.last_text, "🟢 1.")
    assert earlier.endswith(" · candidature précédente (cycle 1)"), director.last_text

    await director.press("✏️ 2 · ")  # a draft of cycle 1, opened now: the new candidacy's evidence
    await director.press("✅ Ouvrir la consultation")
    await open_consultations(director, ("👥 Démarche", "🗳 Consultations"))
    assert line_of(director.last_text, "🟢 1.").endswith("(cycle 1)"), director.last_text
    assert "candidature précédente" not in line_of(director.last_text, "🟢 2."), director.last_text
