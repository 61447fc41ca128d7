"""A federation reply to a request closed meanwhile (by a colleague) or already closed is delivered and
reopens the request: the admin's confirmation says who had closed it and that the reply reopens it, the
coop's message says its request is open again, and both lists show it open. Before, the coop got the
answer on a request still shown closed on both sides, and the admin was told nothing.

« Annuler » on the reply holding a file leads to that very request: the file is said not sent with the
way to send it from there (« ✍️ Répondre »), not « open the request again from /demandes »."""

from __future__ import annotations

from sqlmodel import select

from models.tables import FederationRoleName, RequestStatus, RequestThread
from models.users import grant_federation_role
from tests.conftest import ADMIN_ID
from tests.conversations.test_federation_requests import ask
from tests.conversations.test_reply_file_kept import admin_replying
from tests.dossier_steps import LETTER_PDF, join


async def status_of(harness) -> str:
    """The status of the only request."""
    async with harness.database.transaction() as session:
        return (await session.exec(select(RequestThread.status))).one()


async def test_a_reply_to_a_request_a_colleague_closed_meanwhile_reopens_it_and_says_so(harness):
    sam = await join(harness, 9901, "en", "Coop Close", role="member")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, 9902, FederationRoleName.ADMIN)
    alex, fede = harness.user(9902, "Alex", "en"), harness.user(ADMIN_ID, "Fédé", "fr")
    await ask(sam, "How do we count user-members?")
    await fede.send("/demandes")
    await fede.press("Coop Close")
    await fede.press("✍️ Répondre")  # the request open as she starts writing
    await alex.send("/demandes")
    await alex.press("Coop Close")
    await alex.press("✅ Close")  # meanwhile
    await harness.run_background()
    assert "The federation closed your request" in sam.last_text, sam.last_text

    await fede.send("Comptez tous les associés usagers.")
    said = fede.reply_text()
    assert "Réponse envoyée à 1\u00a0personne." in said, said
    assert "Cette demande avait été close par Alex\u00a0: votre réponse la rouvre." in said, said
    assert "🟠 Ouverte" in fede.last_text and "🔓 Rouvrir" not in fede.buttons(), fede.last_text
    assert await status_of(harness) == RequestStatus.OPEN

    await harness.run_background()  # the coop gets the words, told its request is open again
    assert "Comptez tous les associés usagers." in sam.last_text, sam.last_text
    assert "Your request, which the federation had closed, is open again." in sam.last_text, sam.last_text
    await sam.send("/federation")
    assert "1. 🟠 📊 Indicators" in sam.last_text and "✅" not in sam.last_text, sam.last_text
    await fede.send("/demandes")
    assert "Ouvertes\u00a0: 1" in fede.last_text or "Open: 1" in fede.last_text, fede.last_text
    assert "1. 🟠 Coop Close" in fede.last_text, fede.last_text


async def test_a_reply_on_a_request_one_closed_oneself_says_beforehand_it_reopens_it(harness):
    sam = await join(harness, 9911, "en", "Coop Clos", role="member")
    fede = harness.user(ADMIN_ID, "Fédé", "en")
    await ask(sam, "How do we count staff?")
    await fede.send("/demandes")
    await fede.press("Coop Clos")
    await fede.press("✅ Close")
    await fede.press("Coop Clos")
    await fede.press("✍️ Reply")
    assert "The request is closed: your reply reopens it." in fede.last_text, fede.last_text
    await fede.send("One more thing: staff who are associés count too.")
    assert "You had closed this request: your reply reopens it." in fede.reply_text(), fede.reply_text()
    assert await status_of(harness) == RequestStatus.OPEN
    await fede.press("✍️ Reply")  # open now: nothing more said
    assert "reopens it" not in fede.last_text, fede.last_text


async def test_cancel_on_the_reply_says_how_to_send_the_file_from_the_request_shown(harness):
    admin = await admin_replying(harness, 9921, "Coop Annule")
    await admin.send_document("modele.pdf", LETTER_PDF, "application/pdf")
    await admin.press("Annuler")
    said = admin.reply_text()
    assert said.count("modele.pdf n’a pas été envoyé.") == 1, said
    assert "Pour l’envoyer, appuyez sur «\u00a0✍️ Répondre\u00a0» et envoyez de nouveau le fichier." in said
    assert "/demandes" not in said, said
    assert "📨 Coop Annule" in admin.last_text and "✍️ Répondre" in admin.buttons(), admin.last_text
