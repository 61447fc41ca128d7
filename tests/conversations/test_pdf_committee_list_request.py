"""The committee's request for more information, written as a list of short points one per line (well
under its 2,000 characters), is printed whole in the dossier's PDF, over as many pages as it takes: the
coop's /pdf, the committee's 📄 PDF and /export all get their document."""

from __future__ import annotations

from tests.conversations.test_committee_pdf import pages_of
from tests.conversations.test_decision_resubmitted import rewrite_and_submit, two_deciders
from tests.dossier_steps import open_home

POINTS = 60
REQUEST = "\n".join(f"- Point {number} : précisez la cible" for number in range(1, POINTS + 1))


def points_printed(pages: list[str]) -> list[int]:
    """The numbers of the request's points read in the PDF, in their order."""
    text = " ".join(pages)
    return [number for number in range(1, POINTS + 1) if f"- Point {number} : précisez la cible" in text]


async def test_a_request_written_as_a_list_prints_whole_for_the_coop_and_the_committee(harness):
    director, first, _second = await two_deciders(harness, "Coop Liste")
    await first.press("📝 Demander des compléments")
    await first.paste(REQUEST)
    await first.press("✅ Confirmer")

    await open_home(director)
    await director.press("👥 Démarche")
    await director.press("✏️ Démarche")
    await director.send("Démarche réécrite après la demande du comité.")
    await director.send("/pdf")
    document = director.last
    assert "document" in document, director.last_text
    assert points_printed(pages_of(harness, document)) == list(range(1, POINTS + 1))

    await rewrite_and_submit(director)
    await first.send("/comite")
    await first.press("Coop Liste")
    await first.press("📄 PDF")
    document = next(m for m in reversed(first.messages) if "document" in m)
    assert points_printed(pages_of(harness, document)) == list(range(1, POINTS + 1))
    await first.send("/export Coop Liste")
    assert first.last["document"]["file_name"].endswith(".zip"), first.last_text
