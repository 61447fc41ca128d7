"""« ✅ Ouvrir la consultation » opens what its preview showed, even when a fellow director's change is
committed in the instant between the opener's read of the draft and its opening (two instances behind
the webhook): the opening's one UPDATE requires the draft to still show what the preview showed, so
that change opens nothing, and the opener is told who changed it and when, the draft shown again as it
now stands. A colleague who opened it in that instant is named as the one who opened it.

Each race is run in-process: the colleague's update runs whole, committed, just after the opener's read
and before its UPDATE. Run on PostgreSQL too (pg_one.sh).
"""

from __future__ import annotations

from sqlmodel import select

from conversations.consultation import preparation
from models.consultations.reach import INVITATION
from models.tables import ConsultationStatus, Notification
from tests.conversations.test_consultation_stale_preview import FR, preview_of_the_default, the_consultation
from tests.conversations.test_consultations import open_consultations
from tests.conversations.test_double_tap import after_the_read
from tests.dossier_steps import join

NBSP = "\u00a0"


async def two_directors_and_a_member(harness, clock, first_id: int):
    """Ann's preview of the default question; Bea, her fellow director, on the same draft 7 minutes
    later (10 h 37 in Paris); Lou, a member who would be invited."""
    ann = await join(harness, first_id, "fr", f"Coop Course {first_id}")
    bea = harness.user(first_id + 1, "Bea", "fr")
    await bea.send(f"/start {ann.invitations.direction_token}")
    lou = harness.user(first_id + 2, "Lou", "fr")
    await lou.send(f"/start {ann.invitations.member_token}")
    preview = await preview_of_the_default(ann)
    clock.advance(minutes=7)
    await open_consultations(bea, FR["open"])
    await bea.press("✏️ 1 · ")
    return ann, bea, preview


async def invitations(harness) -> list[int]:
    async with harness.database.transaction() as session:
        found = await session.exec(select(Notification.user_id).where(Notification.kind == INVITATION))
        return list(found.all())


async def test_a_change_committed_between_the_read_and_the_opening_opens_nothing(world, monkeypatch):
    harness, clock = world
    ann, bea, preview = await two_directors_and_a_member(harness, clock, 8501)
    await bea.press("✏️ Date de fin")

    async def bea_changes_the_closing_day() -> None:
        """Bea's new closing day, committed while Ann's « Ouvrir » has read the draft, not opened it."""
        await bea.send("20/12/2026")

    ran = after_the_read(monkeypatch, preparation, "of_direction", bea_changes_the_closing_day)
    await ann.press(FR["open_it"], preview)
    assert ran, "Bea's change did not run between the read and the opening"

    consultation = await the_consultation(harness)
    assert consultation.status == ConsultationStatus.DRAFT, "opened with a closing day Ann never saw"
    assert await invitations(harness) == []
    said = ann.last_text.replace(NBSP, " ")
    assert said.startswith(
        "⚠️ Bea a modifié ce brouillon à 10 h 37, après l’affichage de cet aperçu : la consultation n’a pas été "
        "ouverte. Vérifiez-la ci-dessous, puis ouvrez-la."
    ), said
    assert "Étape 4/4" in said and "dimanche 20 décembre 2026" in said  # the draft as it now stands

    await ann.press(FR["open_it"])  # checked: now it opens, as shown
    consultation = await the_consultation(harness)
    assert consultation.status == ConsultationStatus.OPEN and consultation.closes_on.day == 20
    assert "La consultation est ouverte" in ann.last_text


async def test_a_colleague_who_opens_it_between_the_read_and_the_opening_is_named(world, monkeypatch):
    harness, clock = world
    ann, bea, preview = await two_directors_and_a_member(harness, clock, 8511)

    async def bea_opens_it() -> None:
        """Bea's « Ouvrir », committed while Ann's has read the draft, not opened it."""
        await bea.press(FR["open_it"])

    ran = after_the_read(monkeypatch, preparation, "of_direction", bea_opens_it)
    await ann.press(FR["open_it"], preview)
    assert ran
    said = ann.last_text.replace(NBSP, " ")
    assert said.startswith(
        "ℹ️ Cette consultation est déjà ouverte : la voici telle qu’elle est. Bea l’a ouverte à 10 h 37."
    ), said
    assert sorted(await invitations(harness)) == [ann.id, ann.id + 2]  # Ann and Lou, by Bea's opening, once
