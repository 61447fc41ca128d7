"""A label not granted after the visit closes the follow-up, not the coop's sent bilans: they stay
readable by every member (« Ceux des cycles précédents … restent lisibles ici »), and never editable.

Before, /bilan, /progres and /report after « label non attribué » answered « no follow-up is in
progress » with the home, which had no « 📚 Previous reports »: the bilans came back only once the
direction prepared a new candidacy, which a plain member cannot do."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conversations.test_bilans import admissible_coop
from tests.conversations.test_label_journey import decide

NOT_RETAINED = "Le comité de validation n’a pas retenu cette candidature\u00a0: aucun suivi n’est en cours."


async def refused_after_a_sent_bilan(harness, clock):
    """The 6-month bilan sent and its checkpoint held, the visit made, the label not granted."""
    director, member, committee = await admissible_coop(harness, "Coop Refus")
    clock.now = datetime(2027, 5, 10, 8, 0, tzinfo=UTC)
    await director.send("/bilan")
    await director.press("⚠️ Difficultés")
    await director.send("Difficultés réelles.")
    await director.press("🤝 Aide souhaitée")
    await director.send("Aide sur l’enquête.")
    await director.press("📤 Envoyer au comité")
    await director.press("📤 Oui, envoyer")
    clock.now = datetime(2027, 5, 25, 8, 0, tzinfo=UTC)
    await decide(committee, "Coop Refus", "📍 Point à 6 mois tenu", "Bien.")
    clock.now = datetime(2027, 6, 25, 8, 0, tzinfo=UTC)
    await decide(committee, "Coop Refus", "🚪 Visite effectuée", "Visite.")
    await decide(committee, "Coop Refus", "⛔ Ne pas attribuer le label", "Non.")
    return director, member


async def test_a_plain_member_reads_the_sent_bilans_after_the_label_was_not_granted(world):
    harness, clock = world
    _director, member = await refused_after_a_sent_bilan(harness, clock)

    await member.send("/report")
    said = member.last_text
    assert "The validation committee did not retain this candidacy: no follow-up is in progress." in said
    assert "stay readable here" in said, said
    assert "📚 Previous reports" in member.buttons(), member.buttons()
    assert not {"📈 Values", "✅ Actions"} & set(member.buttons())  # read, never prepared again
    await member.press("📚 Previous reports")
    assert "6-month checkpoint — sent on 10 May 2027" in member.last_text, member.last_text
    assert "“Bien.”" in member.last_text
    await member.press("📖 1. Read")
    assert "Difficultés réelles." in member.last_text and "Aide sur l’enquête." in member.last_text

    await member.send("/dossier")  # the home offers them too
    await member.press("📚 Previous reports")
    assert "6-month checkpoint" in member.last_text
    await member.press("⬅️ Back")
    assert "stay readable here" in member.last_text, member.last_text
    assert harness.errors == []


async def test_the_direction_is_told_and_offered_them_and_cannot_edit_them(world):
    harness, clock = world
    director, _member = await refused_after_a_sent_bilan(harness, clock)

    for command in ("/bilan", "/progres"):
        await director.send(command)
        said = director.last_text
        assert NOT_RETAINED in said, (command, said)
        assert "recevable" not in said, (command, said)  # not « they start once admissible »
        assert "📚 Bilans précédents" in director.buttons(), (command, director.buttons())
    await director.press_data(director.last, "bla:6")  # a forged « ✅ Actions »: nothing to prepare
    await director.press_data(director.last, "blv:6")
    assert "Valeur" not in director.last_text and "Action 1/8" not in director.last_text

    await director.send("/dossier")
    assert "📚 Bilans précédents" in director.buttons() and "📝 Préparer une nouvelle candidature" in (
        director.buttons()
    )
    await director.press("📚 Bilans précédents")
    assert "Point d’étape à 6 mois — envoyé le 10 mai 2027" in director.last_text, director.last_text
    assert harness.errors == []
