"""The committee's PDF of a dossier past its submission tells the dossier's course: its admissibility,
its checkpoints held and planned, its label, an earlier candidacy not retained; and whose figures these
are (the day's, not the submission's)."""

from __future__ import annotations

import io

from pypdf import PdfReader

from tests.conversations.test_bilans import admissible_coop
from tests.conversations.test_label_journey import decide
from tests.conversations.test_refused import REASON, refused_coop
from tests.dossier_steps import submit

NBSP = "\u00a0"


def pages_of(harness, message) -> list[str]:
    """Each page's text of a PDF the bot sent, spaces made plain and runs of them one."""
    data = harness.fake.file_content(
        harness.fake.handle("getFile", {"file_id": message["document"]["file_id"]})["file_path"]
    )
    return [
        " ".join(page.extract_text().replace(NBSP, " ").split()) for page in PdfReader(io.BytesIO(data)).pages
    ]


async def committee_pdf(committee, coop_name: str) -> list[str]:
    """The committee opens the coop's dossier and asks for its PDF."""
    await committee.send("/comite")
    await committee.press(coop_name[:14])
    await committee.press("📄 PDF")
    document = next(m for m in reversed(committee.messages) if "document" in m)
    return pages_of(committee.harness, document)


async def test_a_labelled_coop_s_pdf_tells_its_course_and_that_its_figures_are_today_s(world):
    harness, clock = world
    *_, committee = await admissible_coop(harness)  # admissible on 23 November 2026
    clock.advance(days=183)
    await decide(committee, "Coop Bilan", "📍 Point à 6 mois tenu", "Bon avancement.")
    clock.advance(days=183)
    await decide(committee, "Coop Bilan", "📍 Point à 12 mois tenu", "Continuez.")
    clock.advance(days=183)
    await decide(committee, "Coop Bilan", "🚪 Visite effectuée", "Visite très positive.", "20/05/2028")
    await decide(committee, "Coop Bilan", "🏅 Attribuer le label", "Label attribué à l’unanimité.")

    cover = (await committee_pdf(committee, "Coop Bilan"))[0]
    course = cover[cover.index("Parcours") : cover.index("En bref")]
    assert [
        line
        for line in (
            "Recevable le 23 novembre 2026",
            "Point d’étape à 6 mois tenu le 25 mai 2027",
            "Point d’étape à 12 mois tenu le 24 novembre 2027",
            "Visite du comité (18 mois) effectuée le 20 mai 2028",
            "Label attribué le 25 mai 2028",
            "Point d’étape à mi-parcours du label prévu le 25 novembre 2029",
            "Fin du label et renouvellement le 25 mai 2031",
        )
        if line not in course
    ] == []
    assert course.index("Recevable") < course.index("6 mois") < course.index("Label attribué")
    assert (
        "Valeurs au 25 mai 2028 : celles du dossier ce jour-là, pas forcément celles de sa soumission."
        in course
    )
    # contents kept (the figures read from their starting value: a column more, a page more)
    assert "Statut Labellisé" in cover and "Démarche et implication 5" in cover


async def test_a_candidacy_after_a_refusal_says_the_committee_did_not_retain_the_earlier_one(harness):
    director, _colleague, committee, _dossier_id = await refused_coop(harness)
    refused = (await committee_pdf(committee, "Coop Horizon"))[0]
    assert f"Candidature non retenue le 23 novembre 2026 : « {REASON} »" in refused

    await director.send("/dossier")
    await director.press("📝 Préparer une nouvelle candidature")
    await director.press("✅ Confirmer")
    await submit(director)
    await harness.run_background()  # the PDF sent with the news of the submission tells it too
    sent = next(m for m in reversed(committee.messages) if "document" in m)
    assert (
        f"Candidature précédente non retenue le 23 novembre 2026 : « {REASON} »" in pages_of(harness, sent)[0]
    )
    cover = (await committee_pdf(committee, "Coop Horizon"))[0]
    assert f"Parcours Candidature précédente non retenue le 23 novembre 2026 : « {REASON} »" in cover
    assert "Statut Soumis au comité" in cover
