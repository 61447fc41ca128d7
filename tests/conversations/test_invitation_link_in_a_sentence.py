"""An invitation link pasted as it came in an email, at a sentence's end (a full stop after it) or after a
few words, was answered « Je n’ai pas compris. Pour commencer, ouvrez le lien d’invitation… »: the very
link just sent. The link is read within its words; a consultation's public link too. Two links to
different invitations are no choice the bot makes: not understood, as before."""

from __future__ import annotations

import pytest

from models.coops import membership
from tests.conversations.test_consultations import prepare_default
from tests.dossier_steps import join

LINK = "https://t.me/qualicoop_test_bot?start={token}"


@pytest.mark.parametrize(
    "pasted",
    [
        LINK + ".",
        "Voici le lien : " + LINK,
        "Bonjour,\nVoici votre lien d’invitation : " + LINK + " (valable 30 jours).\nCordialement",
    ],
)
async def test_a_link_pasted_with_its_sentence_joins_the_coop(harness, pasted):
    invitations = await harness.add_coop("Coop Collée")
    newcomer = harness.user(7601, "Dominique", "fr")
    await newcomer.send(pasted.format(token=invitations.member_token))
    said = newcomer.reply_text()
    assert "Je n’ai pas compris" not in said, said
    assert "Coop Collée" in said, said
    async with harness.database.transaction() as session:
        assert await membership(session, newcomer.id) is not None
    assert not harness.errors


async def test_two_different_invitations_in_one_text_join_neither(harness):
    first, second = await harness.add_coop("Coop Une"), await harness.add_coop("Coop Deux")
    newcomer = harness.user(7602, "Dominique", "fr")
    text = f"{LINK.format(token=first.member_token)} ou {LINK.format(token=second.member_token)}"
    await newcomer.send(text)
    async with harness.database.transaction() as session:
        assert await membership(session, newcomer.id) is None


async def test_a_consultation_s_link_in_a_sentence_opens_its_ballot_not_an_invitation(harness):
    director = await join(harness, 7603, "fr", "Coop Consultée")
    link = await prepare_default(director, "15/12/2026", lang="fr")
    guest = harness.user(7604, "Léa", "fr")
    await guest.send(f"Pour la consultation : {link}.")
    said = guest.reply_text()
    assert "🗳 Consultation — Coop Consultée" in said, said
    assert "Trop de liens" not in said and "Je n’ai pas compris" not in said, said


async def test_a_member_s_sentence_quoting_a_link_is_their_words_not_a_join(harness):
    """Someone on a team who writes about a link (« Bob n’arrive pas à entrer avec ce lien : … ») means
    their sentence: it is given back whole, as any text where no question waits, and no join is tried
    (none recorded as failed, no « you are already a member »)."""
    from sqlmodel import select

    from models.tables import AuditEntry

    director = await join(harness, 7605, "fr", "Coop Membre")
    other = await harness.add_coop("Coop Autre")
    sentence = f"Bob n’arrive pas à entrer avec ce lien : {LINK.format(token=other.member_token)} — pouvez-vous regarder ?"
    await director.send("/dossier")
    await director.send(sentence)
    assert any(m.get("text") == sentence for m in director.replies), director.replies
    assert "déjà membre" not in director.reply_text(), director.reply_text()
    async with harness.database.transaction() as session:
        assert (await membership(session, director.id))[1].name == "Coop Membre"
        tried = select(AuditEntry).where(
            AuditEntry.actor_id == director.id, AuditEntry.entity == "invitation"
        )
        assert not [a for a in (await session.exec(tried)).all() if a.action != "used"], "a join was tried"
