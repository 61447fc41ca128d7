"""Two direction members preparing one consultation: « ✅ Ouvrir la consultation » opens what its
preview showed, or nothing. A preview drawn before a colleague changed the question, the choices, who is
asked or the closing day opens nothing: it says who changed the draft and when, and shows the draft as it
now stands, to check again; « ✅ Ouvrir » then opens that."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Consultation, ConsultationStatus
from tests.conversations.test_consultations import LABELS, open_consultations
from tests.dossier_steps import join

FR = LABELS["fr"]


async def preview_of_the_default(director) -> dict:
    """The direction prepares the default question for the members, until 15 December: its preview."""
    await open_consultations(director, FR["open"])
    await director.press(FR["new"])
    await director.press(FR["engagements"])
    await director.press(FR["continue"])
    await director.send("15/12/2026")
    assert "Étape 4/4" in director.last_text
    return director.last


async def the_consultation(harness) -> Consultation:
    async with harness.database.transaction() as session:
        return (await session.exec(select(Consultation))).one()


async def test_a_preview_older_than_a_colleagues_change_opens_nothing_and_shows_the_draft_again(world):
    harness, clock = world
    ann = await join(harness, 8301, "fr", "Coop Duo")
    bea = harness.user(8302, "Bea", "fr")
    await bea.send(f"/start {ann.invitations.direction_token}")
    preview = await preview_of_the_default(ann)
    assert "Quels engagements comptent le plus" in preview["text"]
    clock.advance(minutes=7)  # 9 h 37 in Paris: 10 h 37
    await open_consultations(bea, FR["open"])
    await bea.press("✏️ 1 · ")
    await bea.press("✏️ Question")
    await bea.press(FR["own"])
    await bea.send("Faut-il fermer l’agence de Brest ?")
    await bea.send("Oui\nNon")
    await bea.press("✅ 👥 Membres")
    await bea.press("⬜ 🔗 Lien public")

    await ann.press(FR["open_it"], preview)
    consultation = await the_consultation(harness)
    assert consultation.status == ConsultationStatus.DRAFT  # nothing opened, nobody invited
    said = ann.last_text.replace("\u00a0", " ")
    assert said.startswith(
        "⚠️ Bea a modifié ce brouillon à 10 h 37, après l’affichage de cet aperçu : la consultation n’a pas été "
        "ouverte. Vérifiez-la ci-dessous, puis ouvrez-la."
    ), said
    # the draft as it now stands: Bea's question, her choices, a public link only
    assert "Étape 4/4" in said and "« Faut-il fermer l’agence de Brest ? »" in said
    assert "Choix : Oui · Non" in said and "Qui est consulté : des coopérateurs par un lien public" in said

    await ann.press(FR["open_it"])  # checked: now it opens, as shown
    consultation = await the_consultation(harness)
    assert consultation.status == ConsultationStatus.OPEN
    assert consultation.question == "Faut-il fermer l’agence de Brest ?" and not consultation.for_members
    assert "La consultation est ouverte" in ann.last_text


async def test_a_closing_day_changed_by_a_colleague_is_seen_before_opening(world):
    harness, _clock = world
    ann = await join(harness, 8311, "fr", "Coop Date")
    bea = harness.user(8312, "Bea", "fr")
    await bea.send(f"/start {ann.invitations.direction_token}")
    preview = await preview_of_the_default(ann)
    await open_consultations(bea, FR["open"])
    await bea.press("✏️ 1 · ")
    await bea.press("✏️ Date de fin")
    await bea.send("20/12/2026")
    await ann.press(FR["open_it"], preview)
    assert (await the_consultation(harness)).status == ConsultationStatus.DRAFT
    assert "Bea a modifié ce brouillon" in ann.last_text
    assert "dimanche 20 décembre 2026" in ann.last_text


async def test_the_preview_of_ones_own_draft_opens_at_once(world):
    harness, _clock = world
    ann = await join(harness, 8321, "fr", "Coop Seule")
    await preview_of_the_default(ann)
    await ann.press("✏️ Date de fin")  # a change of one's own, then the preview again
    await ann.send("18/12/2026")
    await ann.press(FR["open_it"])
    assert (await the_consultation(harness)).status == ConsultationStatus.OPEN
    await open_consultations(ann, FR["open"])  # a draft reopened from the list opens at once too
    await ann.press(FR["new"])
    await ann.press(FR["engagements"])
    await ann.press("⬅️ Retour")
    await ann.press("🏠 Mon dossier")
    await open_consultations(ann, FR["open"])
    await ann.press("✏️ 2 · ")
    await ann.press(FR["open_it"])
    assert "La consultation est ouverte" in ann.last_text, ann.last_text
