"""The committee reads a dossier, asks for more information, and sees what the coop changed (chat and PDF)."""

from __future__ import annotations

import io

from pypdf import PdfReader

from models.tables import FederationRoleName
from models.users import grant_federation_role
from tests.conversations.test_label_journey import COMMITTEE_ID, decide
from tests.conversations.test_submission import ANSWERS, PNG
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import choose, fill_suggested_indicator, open_home, submit

NBSP = "\u00a0"


def committee_pdf(harness) -> tuple[str, str]:
    """The caption and the text of the last PDF the committee received."""
    sent = harness.fake.last_message(COMMITTEE_ID)
    path = harness.fake.handle("getFile", {"file_id": sent["document"]["file_id"]})["file_path"]
    reader = PdfReader(io.BytesIO(harness.fake.file_content(path)))
    return sent["caption"], " ".join("\n".join(page.extract_text() for page in reader.pages).split())


async def submitted_by_dominique(harness, user_id: int, coop: str):
    """A coop of Bretagne whose director Dominique completed and submitted its dossier; the committee."""
    invitations = await harness.add_coop(coop, "Bretagne")
    director = harness.user(user_id, "Dominique", "fr")
    await director.send(f"/start {invitations.direction_token}")
    director.invitations = invitations
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    await complete_dossier(director)
    await submit(director)
    assert "Soumis au comité 🔒" in director.last_text
    return director, harness.user(COMMITTEE_ID, "Claude", "fr")


async def test_a_resubmission_shows_the_committee_what_changed(world):
    harness, clock = world
    director, committee = await submitted_by_dominique(harness, 701, "Coop Horizon")
    await harness.run_background()
    caption, text = committee_pdf(harness)
    assert caption.startswith("📥 Nouveau dossier soumis") and "Version" not in caption
    assert "Ce qui a changé" not in text and "BROUILLON" not in text

    # the coop's screen: when, by whom, the dossier at a glance; nothing changed yet
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    screen = committee.last_text
    assert "Coop Horizon — Bretagne" in screen
    assert "Soumis le lundi 23 novembre 2026 à 10 h 30 par Dominique" in screen
    assert f"• Indicateurs{NBSP}: 8" in screen and f"• Actions{NBSP}: 8" in screen
    assert f"• Documents{NBSP}: Lettre d’engagement et aucune pièce justificative" in screen
    assert f"• Complétude{NBSP}: Complet — toutes les règles du dossier sont respectées" in screen
    assert "Ce qui a changé" not in screen

    # the example under « Déclarer recevable » is about admissibility
    await committee.press("✅ Déclarer recevable")
    assert "ex. Le dossier est complet et recevable" in committee.last_text
    await committee.press("Annuler")

    # more information, then the coop changes a target, adds an engagement and a document
    clock.advance(days=2)
    await decide(
        committee, "Coop Horizon", "📝 Demander des compléments", "Précisez la cible de l’engagement 1."
    )
    await open_home(director)
    await director.press("📊 Indicateurs")
    await director.press(" 1 · ")
    await director.press("✅ 1 · ")
    await director.press("✏️ Cible")
    await director.send("35")
    await choose(director, [4])
    await fill_suggested_indicator(director, 4, ANSWERS)
    await open_home(director)
    await director.press("📎 Documents")
    await director.press("📎 Ajouter une pièce")
    await director.send_photo(PNG, caption="Compte rendu du conseil")
    clock.advance(days=1)
    await submit(director)
    assert "Soumis au comité 🔒" in director.last_text
    await harness.run_background()

    # the PDF that goes to the committee says so, and lists every change in its appendix
    caption, text = committee_pdf(harness)
    assert "Dossier soumis à nouveau après votre demande de compléments" in caption
    assert "changements depuis la version que vous avez lue" in caption
    assert "Annexe — Ce qui a changé depuis la version lue par le comité" in text
    assert "Précisez la cible de l’engagement 1." in text
    assert "Valeur cible Avant : 30 % Désormais : 35 %" in text.replace(NBSP, " ")
    assert "Engagement 4 — Contribuer avec les acteurs locaux" in text and "Engagement ajouté" in text
    assert "Ajout : pièce justificative « Compte rendu du conseil »" in text.replace(NBSP, " ")

    # and so does the coop's screen in /comite, as a short list
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    screen = committee.last_text
    assert "🔄 Ce qui a changé depuis la version lue par le comité" in screen
    assert f"Demande{NBSP}: «{NBSP}Précisez la cible de l’engagement 1.{NBSP}»" in screen
    assert f"• Valeur cible{NBSP}: 30{NBSP}% → 35{NBSP}%" in screen
    assert "Engagement 4 — Contribuer avec les acteurs locaux" in screen
    assert "• Engagement ajouté" in screen and "• Nouvel indicateur" in screen
    assert f"• Ajout{NBSP}: pièce justificative «{NBSP}Compte rendu du conseil{NBSP}»" in screen
    assert "Soumis le jeudi 26 novembre 2026 à 10 h 30 par Dominique" in screen


async def test_a_resubmission_with_nothing_changed_is_said_so_to_both(world):
    harness, clock = world
    director, committee = await submitted_by_dominique(harness, 702, "Coop Pareil")
    clock.advance(days=2)
    await decide(committee, "Coop Pareil", "📝 Demander des compléments", "Précisez la cible.")
    clock.advance(days=1)
    await open_home(director)
    await director.press("✅ Marquer")
    await director.press("📤 Soumettre")
    warned = "Rien n’a changé depuis la version que le comité a lue quand il a demandé des compléments."
    assert warned in director.last_text  # the direction may still send it as it is
    await director.press("✅ Oui, soumettre")
    await harness.run_background()
    caption, _text = committee_pdf(harness)
    assert "Dossier soumis à nouveau après votre demande de compléments" in caption
    assert "Rien n’a changé depuis la version que vous avez lue." in caption
    assert "annexe" not in caption.lower()
