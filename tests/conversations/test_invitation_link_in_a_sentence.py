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
