"""An invitation link pasted on a consultation's ballot: never kept as a comment (a comment is shown as
written to the coop, in the Mini App and in the committee's PDF). Someone in no coop who has answered
(the ballot stays their position) joins with it; at « 💬 Commentaire »'s question, or for someone who
cannot join by pasting (already in a coop), it is given back with the way to use it."""

from __future__ import annotations

from sqlmodel import select

from models.tables import ConsultationAnswer
from tests.conversations.test_consultation_visitor import visitor_at_comment
from tests.conversations.test_consultations import LABELS, open_consultations, prepare_default
from tests.conversations.test_pasted_link_not_a_join import memberships
from tests.dossier_steps import join

NEVER_A_COMMENT = "Un lien d’invitation n’est jamais gardé comme commentaire"


async def comment_of(harness) -> str | None:
    """The one answer's comment."""
    async with harness.database.transaction() as session:
        return (await session.exec(select(ConsultationAnswer))).one().comment


def link_of(harness, token: str) -> str:
    """An invitation link of this bot, as the direction sends it."""
    return f"https://t.me/{harness.application.bot.username}?start={token}"


async def test_a_link_pasted_on_the_ballot_after_answering_joins_the_team(harness):
    guest = await visitor_at_comment(harness, 8621)  # answered through the public link, in no coop
    await guest.press("⬅️ Retour")
    await guest.press("📨 Envoyer ma réponse")
    team = await harness.add_coop("Coop Équipe")
    await guest.send(link_of(harness, team.member_token))  # days later, the link their direction sent
    assert len(await memberships(harness, guest.id)) == 1, guest.reply_text()
    assert "Bienvenue\u00a0! Vous avez rejoint Coop Équipe" in guest.reply_text()
    assert await comment_of(harness) is None


async def test_a_link_pasted_at_the_comments_question_is_given_back_then_joins_from_the_ballot(harness):
    guest = await visitor_at_comment(harness, 8631)
    team = await harness.add_coop("Coop Équipe")
    link = link_of(harness, team.member_token)
    await guest.send(link)
    said = guest.reply_text()
    assert NEVER_A_COMMENT in said and "«\u00a0⬅️ Retour\u00a0»" in said, said
    assert link in [text.strip() for text in guest.texts()]  # given back whole
    assert "Votre commentaire (facultatif)" in guest.last_text  # the question asked again
    assert await comment_of(harness) is None and await memberships(harness, guest.id) == []
    await guest.press("⬅️ Retour")
    await guest.send(link)
    assert "Bienvenue\u00a0! Vous avez rejoint Coop Équipe" in guest.reply_text()


async def test_a_coop_member_pasting_a_link_on_their_ballot_keeps_it_out_of_the_comment(harness):
    director = await join(harness, 8641, "fr", "Coop Scrutin")
    await prepare_default(director, "15/12/2026", lang="fr")
    await open_consultations(director, LABELS["fr"]["open"])
    await director.press("🟢 1 · ")
    await director.press(LABELS["fr"]["answer"])
    await director.press("⬜ 2 · ")
    before = await memberships(harness, director.id)
    other = await harness.add_coop("Coop Voisine")
    await director.send(link_of(harness, other.member_token))
    assert NEVER_A_COMMENT in director.reply_text(), director.reply_text()
    assert await comment_of(harness) is None
    assert await memberships(harness, director.id) == before
