"""Someone who came through a consultation's public link only: /cancel and /help lead back to its ballot."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from models.consultations.store import link_ballot
from models.privacy.retention import expire
from models.tables import ConsultationAnswer
from tests.conversations.test_consultations import prepare_default
from tests.dossier_steps import join


async def visitor_at_comment(harness, user_id: int):
    director = await join(harness, user_id, "fr", "Coop Retour")
    link = await prepare_default(director, "15/12/2026", lang="fr")
    guest = harness.user(user_id + 1, "Visiteur", "fr")
    await guest.send("/start " + link.rsplit("start=", 1)[1])
    await guest.press("⬜ 2 · ")
    await guest.press("💬 Commentaire")
    return guest


async def test_the_visitors_ballot_is_the_open_consultation_of_their_link(world):
    harness, clock = world
    guest = await visitor_at_comment(harness, 3461)
    async with harness.database.transaction() as session:
        assert (await link_ballot(session, guest.id, clock())) is not None
        assert await link_ballot(session, 3461, clock()) is None  # the director never opened the link
    clock.advance(days=30)  # closed: nothing to go back to
    async with harness.database.transaction() as session:
        assert await link_ballot(session, guest.id, clock()) is None


async def test_cancel_at_the_comment_leads_a_link_visitor_back_to_the_ballot(world):
    harness, _clock = world
    guest = await visitor_at_comment(harness, 3471)
    await guest.send("/cancel")
    said = guest.reply_text()
    assert "C’est arrêté. Ce que vous avez coché et écrit est gardé" in said
    assert "Bienvenue" not in said and "lien d’invitation" not in said
    assert "✅ 2. " in guest.last_text and "📨 Envoyer ma réponse" in guest.buttons()
    await guest.press("📨 Envoyer ma réponse")
    async with harness.database.transaction() as session:
        assert (await session.exec(select(ConsultationAnswer))).one().answered_at is not None
    await guest.send("/help")
    assert "Vous êtes ici pour répondre à la consultation de la coopérative Coop Retour" in guest.reply_text()
    assert "lien d’invitation" not in guest.reply_text()


async def test_a_second_message_on_the_ballot_is_added_to_the_comment_within_its_limit(world):
    harness, _clock = world
    director = await join(harness, 3621, "fr", "Coop Deux Messages")
    link = await prepare_default(director, "15/12/2026", lang="fr")
    guest = harness.user(3622, "Visiteur", "fr")
    await guest.send("/start " + link.rsplit("start=", 1)[1])
    await guest.send("Plus de réunions le soir")
    await guest.send("et aussi le samedi")  # a phone's second message: both kept
    assert "Votre message est ajouté à votre commentaire, à la ligne." in guest.reply_text()
    assert "remplace" not in guest.reply_text()
    await guest.press("⬜ 2 · ")
    await guest.press("📨 Envoyer ma réponse")
    await guest.send("Merci pour la démarche")  # after sending, until closing: added too
    assert "ajouté à votre commentaire" in guest.reply_text()
    expected = "Plus de réunions le soir\net aussi le samedi\nMerci pour la démarche"
    async with harness.database.transaction() as session:
        assert (await session.exec(select(ConsultationAnswer))).one().comment == expected
    long_text = "Un long avis. " * 70  # 980 characters: alone it fits, added it would not
    await guest.paste(long_text)  # a long text waits for a moment of quiet, then is judged
    said = guest.reply_text()
    # the comment it would join is what is too long: its length said, not the text's
    assert "Votre commentaire compte déjà 66\u00a0caractères et la limite est de 1\u202f000" in said
    assert "il reste 933\u00a0caractères" in said
    assert long_text.strip() in [text.strip() for text in guest.texts()]  # given back whole
    async with harness.database.transaction() as session:
        assert (await session.exec(select(ConsultationAnswer))).one().comment == expected


async def test_a_link_withdrawn_after_closing_says_the_consultation_is_closed(world):
    harness, clock = world
    director = await join(harness, 3631, "fr", "Coop Lien Retiré")
    link = await prepare_default(director, "30/11/2026", lang="fr")
    token = link.rsplit("start=", 1)[1]
    clock.now = datetime(2027, 1, 5, 9, 0, tzinfo=UTC)  # closed 30 November, link withdrawn 30 days on
    async with harness.database.transaction() as session:
        assert (await expire(session, clock()))["links"] == 1
    latecomer = harness.user(3632, "Retard", "fr")
    await latecomer.send("/start " + token)
    assert "Cette consultation est close\u00a0: merci de votre intérêt." in latecomer.reply_text()
    assert "pas reconnu" not in latecomer.reply_text()
    await latecomer.send("/start c_" + "x" * 22)  # a link that never was: still unknown
    assert "Cette consultation est close" not in latecomer.reply_text()
