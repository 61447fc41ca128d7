"""What the coop and the committee read once someone erased their data: words true of someone who used the
assistant and left it, not of someone who never came."""

from __future__ import annotations

from tests.conversations.test_bilans import pdf_text
from tests.conversations.test_committee_changes import submitted_by_dominique
from tests.dossier_steps import join, open_home


async def erase(user) -> None:
    """/supprimer, confirmed."""
    await user.send("/supprimer")
    await user.press("🗑 Oui, effacer mes données")


async def test_asking_for_the_letter_once_the_direction_erased_does_not_say_not_yet(harness):
    """« Personne de votre direction n’utilise encore l’assistant » said the direction never came: it
    did, and erased its data."""
    cam = await join(harness, 9421, "fr")
    bob = harness.user(9422, "Bob", "fr")
    await bob.send(f"/start {cam.invitations.member_token}")
    await erase(cam)
    await open_home(bob)
    await bob.press("📎 Documents")
    await bob.press("📨")
    said = bob.last_text.split("\n")[0]
    assert "Personne de votre direction n’est dans l’assistant\u00a0: demandez à la fédération" in said, said
    assert "encore" not in said


async def test_a_submitter_who_erased_their_data_reads_as_a_former_member(world):
    """The committee's screen said « Soumis le … » by no one and the PDF's cover dropped its « Soumis par »
    row, where a document says « Ajouté par un ancien membre »."""
    harness, _clock = world
    director, committee = await submitted_by_dominique(harness, 9423, "Coop Effacée")
    await erase(director)
    await committee.send("/comite")
    await committee.press("Coop Effacée")
    assert "📥 Soumis le lundi 23 novembre 2026 à 10 h 30 par un ancien membre" in committee.last_text
    await committee.press("📄 PDF")
    pdf = " ".join(pdf_text(harness, committee.last).replace("\u00a0", " ").split())
    assert "Soumis par Un ancien membre" in pdf, pdf[:600]
