"""The list of consultations as each person can use it: a draft is the direction's (a plain member is
not shown it, and an older button of one says it is being prepared, not the home without a word); the
list in the review's order (the oldest first, drafts last); « ➕ Nouvelle consultation » then « ⬅️ Retour »
leaves nothing behind; a closed consultation no longer shows its public link; a consultation prepared
after the dossier's submission says, before it opens, how the committee will read it."""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.consultations.store import draft_of_direction
from models.dossier.reads import NotAllowed, NotYours
from models.tables import Consultation, ConsultationStatus, Dossier, DossierStatus, Member
from tests.conversations.test_consultations import LABELS, open_consultations, prepare_default
from tests.dossier_steps import join

FR = LABELS["fr"]
PREPARING = "ℹ️ La direction prépare cette consultation : elle n’est pas encore ouverte."


async def consultations(harness) -> list[Consultation]:
    async with harness.database.transaction() as session:
        return list((await session.exec(select(Consultation).order_by(Consultation.id))).all())


async def test_a_plain_member_is_not_shown_drafts_and_an_older_button_of_one_says_why(world):
    harness, _clock = world
    director = await join(harness, 8401, "fr", "Coop Lumière")
    member = harness.user(8402, "Lou", "fr")
    await member.send(f"/start {director.invitations.member_token}")
    await open_consultations(director, FR["open"])
    await director.press(FR["new"])
    await director.press(FR["engagements"])  # a draft, its question chosen
    await open_consultations(member, FR["open"])
    assert "Brouillon" not in member.last_text and not any(b.startswith("✏️") for b in member.buttons())
    assert "Aucune consultation pour l’instant." in member.last_text
    (draft,) = await consultations(harness)
    await member.press_data(member.last, f"cso:{draft.id}")  # a list drawn before, or a forged button
    said = member.last_text.replace("\u00a0", " ")
    assert said.startswith(PREPARING) and "🗳 Consultations — Coop Lumière" in said, said
    assert not member.alerts or not member.alerts[-1], member.alerts
    await open_consultations(director, FR["open"])
    assert "✏️ 1 · " in " ".join(director.buttons())  # the direction still finds its draft


async def test_the_coop_is_checked_before_the_role_in_the_model_too(world):
    harness, _clock = world
    director = await join(harness, 8411, "fr", "Coop A")
    member = harness.user(8412, "Lou", "fr")
    await member.send(f"/start {director.invitations.member_token}")
    stranger = harness.user(8413, "Eve", "fr")
    other = await join(harness, 8414, "fr", "Coop B")
    await stranger.send(f"/start {other.invitations.member_token}")
    await open_consultations(director, FR["open"])
    await director.press(FR["new"])
    (draft,) = await consultations(harness)
    async with harness.database.transaction() as session:
        members = {m.user_id: m for m in (await session.exec(select(Member))).all()}
        with pytest.raises(NotYours):  # another coop's plain member: not theirs, not « your role »
            await draft_of_direction(session, draft.id, members[stranger.id])
        with pytest.raises(NotYours):
            await draft_of_direction(session, draft.id, members[other.id])
        with pytest.raises(NotAllowed):  # the coop's own plain member: their role
            await draft_of_direction(session, draft.id, members[member.id])
        assert (await draft_of_direction(session, draft.id, members[director.id])).id == draft.id


async def test_new_then_back_leaves_no_empty_draft_but_a_started_one_stays(world):
    harness, _clock = world
    director = await join(harness, 8421, "fr", "Coop Hésite")
    await open_consultations(director, FR["open"])
    for _ in range(2):
        await director.press(FR["new"])
        await director.press("⬅️ Retour")
    await director.press(FR["new"])
    await director.press(FR["own"])
    await director.press("⬅️ Retour")  # the question not typed: back to step 1, then to the list
    await director.press("⬅️ Retour")
    assert await consultations(harness) == []
    assert "Aucune consultation pour l’instant." in director.last_text
    await director.press(FR["new"])
    await director.press(FR["engagements"])  # chosen: a draft worth keeping
    await director.press("⬅️ Retour")
    await director.press("⬅️ Retour")
    assert [c.status for c in await consultations(harness)] == [ConsultationStatus.DRAFT]
    assert "En préparation, pas encore ouverte" in director.last_text


async def test_the_list_is_in_the_reviews_order_and_a_closed_one_has_no_link(world):
    harness, clock = world
    director = await join(harness, 8431, "fr", "Coop Ordre")
    await prepare_default(director, "15/12/2026", link=True, lang="fr")
    clock.advance(days=1)
    await open_consultations(director, FR["open"])
    await director.press(FR["new"])
    await director.press(FR["own"])
    await director.send("Quel soir pour l’assemblée ?")
    await director.send("Mardi\nJeudi")
    await director.press(FR["continue"])
    await director.send("10/12/2026")
    await director.press(FR["open_it"])
    await open_consultations(director, FR["open"])
    await director.press(FR["new"])
    await director.press(FR["engagements"])
    await open_consultations(director, FR["open"])
    listed = director.last_text.replace("\u00a0", " ").splitlines()
    lines = [line for line in listed if line[:2] in ("🟢 ", "✏️")]
    assert [line.split(" — ")[0] for line in lines] == [
        "🟢 1. « Quels engagements comptent le plus pour vous ? »",
        "🟢 2. « Quel soir pour l’assemblée ? »",
        "✏️ 3. « Quels engagements comptent le plus pour vous ? »",
    ], lines
    await director.send("/recap")
    review = director.reply_text().replace("\u00a0", " ")
    assert review.index("Quels engagements comptent") < review.index("Quel soir pour l’assemblée")

    await open_consultations(director, FR["open"])
    await director.press("🟢 1 · ")
    assert "?start=c_" in director.last_text  # open: the link to share
    await director.press("⏹ Clore maintenant")
    await director.press("⏹ Oui, clore")
    assert "?start=c_" not in director.last_text and "Lien public" not in director.last_text


async def test_a_consultation_prepared_after_the_submission_says_how_it_will_be_read(world):
    harness, clock = world
    director = await join(harness, 8441, "fr", "Coop Après")
    async with harness.database.transaction() as session:  # submitted on 23 November
        dossier = (await session.exec(select(Dossier))).one()
        dossier.status, dossier.submitted_at = DossierStatus.SUBMITTED, clock()
        session.add(dossier)
    await open_consultations(director, FR["open"])
    await director.press(FR["new"])
    await director.press(FR["engagements"])
    await director.press(FR["continue"])
    await director.send("15/12/2026")
    said = director.last_text.replace("\u00a0", " ")
    assert (
        "ℹ️ Votre dossier a été soumis le 23 novembre 2026 : cette consultation sera marquée « ouverte "
        "après la soumission du dossier »." in said
    ), said
