"""The dossier's home says what comes next, with /progress's rule and words: the committee's meeting
while submitted, the next checkpoint once admissible (one passed unrecorded first), the visit's
deadline, the mid-term and the label's end once labelled. It counts the supporting documents as the
Documents screen does, and the gap « Choose 2 more engagements, in the axes of your choice » has a
button that says what it opens."""

from __future__ import annotations

from datetime import UTC, date, datetime

from models.dossier.current import current_dossier
from models.tables import Checkpoint, CheckpointKind, DossierStatus
from tests.conversations.test_bilans import admissible_coop
from tests.dossier_steps import choose, join, open_home, upload_letter

NBSP = "\u00a0"


async def test_an_admissible_home_says_the_next_checkpoint_then_one_passed_unrecorded(world):
    """Admissible on 23 November 2026: the 6-month checkpoint on 23 May 2027, in either language; the
    day after, unrecorded, it stays first (⏳), then the 12-month one, as /progress says them."""
    harness, clock = world
    director, member, _committee = await admissible_coop(harness, "Coop Suite")
    await open_home(director)
    assert f"Prochaine étape{NBSP}: Point d’étape à 6 mois, le 23 mai 2027" in director.last_text
    await open_home(member)
    assert "Cycle 1 · Admissible" in member.last_text
    assert "\nNext: 6-month checkpoint on 23 May 2027\n" in member.last_text, member.last_text

    clock.now = datetime(2027, 5, 24, 9, 0, tzinfo=UTC)
    await open_home(director)
    home = director.last_text
    late = (
        f"⏳ Point d’étape à 6 mois{NBSP}: échéance le 23 mai 2027, en attente d’enregistrement par le comité"
    )
    coming = f"Prochaine étape{NBSP}: Point d’étape à 12 mois, le 23 novembre 2027"
    assert late in home and coming in home and home.index(late) < home.index(coming), home
    await director.send("/progres")
    assert late in director.reply_text() and coming in director.reply_text()  # the same words


async def dossier_at(harness, user, status: DossierStatus, *steps: tuple[str, date, date | None], **dates):
    """The user's coop dossier set at ``status`` with these dates and checkpoints (kind, due, held)."""
    async with harness.database.transaction() as session:
        dossier = await current_dossier(session, user.invitations.coop.id)
        dossier.status = status
        for name, value in dates.items():
            setattr(dossier, name, value)
        session.add(dossier)
        for kind, due, held in steps:
            session.add(Checkpoint(dossier_id=dossier.id, kind=kind, due_on=due, held_on=held))


async def test_a_submitted_home_says_the_committee_meeting(harness):
    """Submitted on Monday 23 November 2026: read at the meeting of Tuesday 1 December 2026."""
    dana = await join(harness, 7101, "en")
    await dossier_at(harness, dana, DossierStatus.SUBMITTED)
    await open_home(dana)
    assert "Next: Validation committee meeting on Tuesday 1 December 2026 at 14:00" in dana.last_text, (
        dana.last_text
    )
    lea = await join(harness, 7102, "fr", coop_name="Coop Sud")
    await dossier_at(harness, lea, DossierStatus.SUBMITTED)
    await open_home(lea)
    meeting = f"Prochaine étape{NBSP}: Réunion du comité de validation, le mardi 1er décembre 2026 à 14 h 00"
    assert meeting in lea.last_text, lea.last_text


async def test_the_visit_is_a_deadline_and_the_label_says_its_mid_term_then_its_end(harness):
    """After the 12-month checkpoint, the visit « by … at the latest »; labelled, the mid-term, then
    the label's end; once it passed, the stage says it, no ⏳ line repeats it."""
    dana = await join(harness, 7201, "en")
    await dossier_at(
        harness, dana, DossierStatus.ADMISSIBLE,
        (CheckpointKind.SIX_MONTHS, date(2026, 5, 23), date(2026, 5, 26)),
        (CheckpointKind.TWELVE_MONTHS, date(2026, 11, 23), date(2026, 11, 20)),
        (CheckpointKind.VISIT, date(2027, 5, 23), None), admissible_on=date(2025, 11, 23),
    )  # fmt: skip
    await open_home(dana)
    assert "Next: Committee visit (18 months), by 23 May 2027 at the latest" in dana.last_text
    await dana.send("/progress")
    assert "Next: Committee visit (18 months), by 23 May 2027 at the latest" in dana.reply_text()

    sam = await join(harness, 7202, "en", coop_name="Coop Label")
    await dossier_at(
        harness, sam, DossierStatus.LABELLED,
        (CheckpointKind.MID_TERM, date(2027, 12, 1), None), (CheckpointKind.EXPIRY, date(2029, 6, 1), None),
        admissible_on=date(2024, 12, 1), labelled_on=date(2026, 6, 1),
    )  # fmt: skip
    await open_home(sam)
    assert "Cycle 1 · Labelled 🏅\nNext: Mid-term checkpoint of the label on 1 December 2027" in sam.last_text

    kim = await join(harness, 7203, "fr", coop_name="Coop Fin")
    await dossier_at(
        harness, kim, DossierStatus.LABELLED,
        (CheckpointKind.MID_TERM, date(2025, 5, 1), date(2025, 5, 2)),
        (CheckpointKind.EXPIRY, date(2026, 11, 1), None),
        admissible_on=date(2022, 5, 1), labelled_on=date(2023, 11, 1),
    )  # fmt: skip
    await open_home(kim)
    assert "Label arrivé à échéance le 1er novembre 2026" in kim.last_text
    assert "⏳" not in kim.last_text and "Prochaine étape" not in kim.last_text, kim.last_text


async def test_the_home_counts_the_supporting_documents_not_the_letter(harness):
    """The letter alone: « supporting documents: 0 », as 📎 Documents says « None yet »."""
    dana = await join(harness, 7301, "en")
    await upload_letter(dana)
    await open_home(dana)
    assert "Commitment letter: ✅ · supporting documents: 0" in dana.last_text, dana.last_text
    lea = await join(harness, 7302, "fr", coop_name="Coop Sud")
    await open_home(lea)
    assert f"Lettre d’engagement{NBSP}: ⚠️ · pièces justificatives{NBSP}: 0" in lea.last_text, lea.last_text


async def test_the_gap_of_your_choice_opens_an_axis_with_room_and_says_so(harness):
    """« Choose 1 more engagement, in the axis of your choice »: « More engagements », to the axis with
    the most left to choose (axis 2 here), not « Axis 1 »; with axes still short, one of them."""
    dana = await join(harness, 7401, "en")
    await choose(dana, [1, 2, 3, 5, 6, 9, 10])
    await open_home(dana)
    await dana.press("📋 What is missing")
    assert "1. Choose 1 more engagement, in the axis of your choice" in dana.last_text
    assert not any("· Axis" in label for label in dana.buttons()), dana.buttons()
    await dana.press("1 · More engagements")
    assert dana.last_text.startswith("Axis 2 — 2/4"), dana.last_text

    sam = await join(harness, 7402, "en", coop_name="Coop Nord")
    await choose(sam, [1, 2, 3, 5])
    await open_home(sam)
    await sam.press("📋 What is missing")  # axis 2 needs 1, axis 3 needs 2, and 1 more of any axis
    assert "3 · More engagements" in sam.buttons(), sam.buttons()
    await sam.press("3 · More engagements")  # axis 3: short, and the most left to choose
    assert sam.last_text.startswith("Axis 3 — 0/4 (2 more to choose)"), sam.last_text
