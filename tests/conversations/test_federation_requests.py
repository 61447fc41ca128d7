"""Asking the federation between checkpoints: a request, the inbox, the reply; restarts lose nothing."""

from __future__ import annotations

from sqlmodel import select

from models.tables import DeliveryStatus, FederationRoleName, Notification, RequestMessage, RequestThread
from models.users import grant_federation_role, revoke_federation_role
from tests.conftest import ADMIN_ID
from tests.dossier_steps import LETTER_PDF, choose, join, open_home

NOT_YOURS = "This button is not for your coop’s dossier, or what it pointed to was removed."


def texts(user, since: int) -> list[str]:
    return [m.get("text") or m.get("caption") or "" for m in user.messages[since:]]


async def test_a_request_and_its_reply_survive_restarts_and_arrive_once(harness):
    sam = await join(harness, 4101, "en", "Coop Question", role="member")
    camille = harness.user(4102, "Camille", "fr")
    await camille.send(f"/start {sam.invitations.direction_token}")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await admin.send("/start")

    await sam.send("/federation")
    assert "No request yet." in sam.last_text
    await sam.press("✍️ New request")
    await sam.press("📊 Indicators")
    await sam.send("How do we count user-members <and> staff for engagement 5?")
    assert "Your request, not sent yet" in sam.last_text
    await sam.press("📎 Add a file")
    await sam.send_document("calcul.pdf", LETTER_PDF, "application/pdf")
    assert "File added: calcul.pdf" in sam.last_text
    await sam.press("📤 Send to the federation")
    assert "Sent to the federation. Its answer will come here." in sam.last_text

    await harness.restart()  # the request is in the outbox, not yet delivered
    seen = len(admin.messages)
    await harness.run_background()
    await harness.run_background()  # nothing twice
    received = texts(admin, seen)
    assert len(received) == 2, received
    assert (
        "Nouvelle demande de Coop Question" in received[0] or "New request from Coop Question" in received[0]
    )
    assert "How do we count user-members <and> staff for engagement 5?" in received[0]
    assert admin.messages[-1]["document"]["file_name"] == "calcul.pdf"

    # a colleague writes in the same request
    await camille.send("/federation")
    await camille.press("1 · ")
    await camille.press("✍️")
    # the question, with its example, not the dossier's home (the chat waits for the message)
    assert "Votre message à la fédération\u00a0?" in camille.last_text, camille.last_text
    assert "ex. " in camille.last_text and "Dossier Quali’Coop" not in camille.last_text
    assert camille.buttons() == ["⬅️ Retour", "🏠 Mon dossier"]
    await camille.paste("trop long " * 400)  # refused, given back whole, and the question again
    assert "Votre message à la fédération\u00a0?" in camille.last_text, camille.last_text
    await camille.send("Et pour les salariés associés ?")
    await harness.run_background()

    await admin.send("/demandes")
    assert "Coop Question" in admin.last_text
    await admin.press("Coop Question")
    await admin.press("✍️")
    await admin.send("Count every associé who is a tenant, a buyer or staff.")
    await harness.restart()
    seen_sam, seen_camille = len(sam.messages), len(camille.messages)
    await harness.run_background()
    await harness.run_background()
    assert texts(sam, seen_sam) == [
        "💬 Reply from the federation · 📊 Indicators\n\nCount every associé who is a tenant, a buyer or staff."
    ]
    assert len(texts(camille, seen_camille)) == 1
    assert "Count every associé" in camille.last_text
    async with harness.database.transaction() as session:
        statuses = {n.status for n in (await session.exec(select(Notification))).all()}
    assert statuses == {DeliveryStatus.SENT}

    await sam.press("💬 See the request")
    assert "Count every associé" in sam.last_text and "Camille" in sam.last_text


async def test_a_coop_never_sees_another_coops_requests(harness):
    sam = await join(harness, 4111, "en", "Coop A", role="member")
    await sam.send("/federation")
    await sam.press("✍️ New request")
    await sam.press("📁 The dossier")
    await sam.send("Our question, private to Coop A.")
    await sam.press("📎 Add a file")
    await sam.send_document("notes.pdf", LETTER_PDF, "application/pdf")
    await sam.press("📤 Send to the federation")
    async with harness.database.transaction() as session:
        thread = (await session.exec(select(RequestThread))).one()
    other = await join(harness, 4112, "en", "Coop B", role="member")
    await other.send("/federation")
    assert "Our question" not in other.last_text
    for data in (f"rqo:{thread.id}", f"rqw:{thread.id}", f"rqa:{thread.id}", f"ibo:{thread.id}"):
        await other.press_data(other.last, data)
        assert other.alerts and other.alerts[0] in (
            NOT_YOURS,
            "This is reserved for the federation’s administrators.",
        ), data
    await other.send("/demandes")  # the inbox's command: its own coop's requests, never the inbox
    assert "Our question" not in other.last_text and "/federation" in other.last_text, other.last_text


async def test_the_federation_closes_and_the_coop_reopens(harness):
    sam = await join(harness, 4121, "en", "Coop Close", role="member")
    admin = harness.user(ADMIN_ID, "Fédé", "en")
    await sam.send("/federation")
    await sam.press("✍️ New request")
    await sam.press("📍 A checkpoint")
    await sam.send("When is our 6-month checkpoint?")
    await sam.press("📤 Send to the federation")
    await admin.send("/demandes")
    assert "⏳ " in admin.last_text and "Open: 1" in admin.last_text
    await admin.press("Coop Close")
    await admin.press("✅ Close")
    assert "✅ Closed" in admin.last_text
    await sam.send("/federation")
    await sam.press("1 · ")
    assert "✅ Closed" in sam.last_text
    await sam.press("✍️ Write")
    assert "Your message to the federation?" in sam.last_text
    assert "The request is closed: your message reopens it." in sam.last_text
    await sam.press("⬅️ Back")  # back to the request, nothing sent
    assert "✅ Closed" in sam.last_text
    await sam.press("✍️ Write")
    await sam.send("One more question, please.")
    await harness.run_background()
    assert "Coop Close wrote again" in admin.last_text
    await admin.send("/demandes")
    assert "Open: 1" in admin.last_text


async def test_une_demande_en_francais_et_la_reponse_dans_la_langue_de_chacun(harness):
    lou = await join(harness, 4131, "fr", "Coop Français", role="member")
    admin = harness.user(ADMIN_ID, "Fed", "en")
    await admin.send("/start")
    await lou.send("/dossier")
    await lou.press("💬 Solliciter la fédération")
    await lou.press("✍️ Nouvelle demande")
    assert "Nouvelle demande · Étape 1/2" in lou.last_text
    await lou.press("📍 Un point d’étape")
    await lou.send("")
    await lou.send("Quand a lieu notre point d’étape à 6 mois ?")
    await lou.press("📤 Envoyer à la fédération")
    assert "Envoyé à la fédération. Sa réponse arrivera ici." in lou.last_text
    await harness.run_background()
    assert "New request from Coop Français" in admin.last_text and "📍 A checkpoint" in admin.last_text
    await admin.press("📨 Open the request")
    await admin.press("✍️ Reply")
    assert "1 person wrote in this request" in admin.last_text
    await admin.send("Le 3 juin 2027.")
    assert "Reply sent to 1 person." in admin.last_text
    await harness.run_background()
    assert lou.last_text == "💬 Réponse de la fédération · 📍 Un point d’étape\n\nLe 3 juin 2027."


async def test_every_step_of_a_new_request_has_back_and_home(harness):
    sam = await join(harness, 4191, "en", "Coop Chemin", role="member")
    await sam.send("/federation")
    await sam.press("✍️ New request")
    assert "Step 1/2" in sam.last_text and {"⬅️ Back", "🏠 My dossier"} <= set(sam.buttons())
    await sam.press("📊 Indicators")
    assert "Step 2/2" in sam.last_text and {"⬅️ Back", "🏠 My dossier"} <= set(sam.buttons())
    await sam.send("How do we count user-members?")
    assert "Your request, not sent yet" in sam.last_text and {"⬅️ Back", "🏠 My dossier"} <= set(sam.buttons())
    await sam.press("⬅️ Back")  # to the list: the draft is kept there
    assert "✍️ New request" in sam.buttons()


async def ask(user, text: str) -> None:
    """A member sends a request about the indicators (the buttons by their emoji: in either language)."""
    await user.send("/federation")
    await user.press("✍️")  # New request
    await user.press("📊")  # Indicators
    await user.send(text)
    await user.press("📤")  # Send to the federation


async def take_off_the_team(direction, name: str) -> None:
    """The direction (French screens) takes a colleague off the team."""
    await open_home(direction)
    await direction.press("🤝 Mon équipe")
    await direction.press(f"➖ 2. {name}")
    await direction.press("🗑 Oui, retirer de l’équipe")


async def test_a_reply_goes_to_the_direction_once_the_writer_has_left_the_team(harness):
    camille = await join(harness, 4141, "fr", "Coop Départ")
    sam = harness.user(4142, "Sam", "en")
    await sam.send(f"/start {camille.invitations.member_token}")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await ask(sam, "Our figures: 41 associés, 3 in arrears. How to count?")
    await take_off_the_team(camille, "Sam")
    await harness.run_background()
    seen_sam, seen_camille = len(sam.messages), len(camille.messages)

    await admin.send("/demandes")
    await admin.press("Coop Départ")
    await admin.press("✍️ Répondre")
    assert (
        "La personne qui a écrit dans cette demande a quitté la coopérative\u00a0: sa direction reçoit votre "
        "réponse." in admin.last_text
    )
    await admin.send("41 associés: that is right.")
    assert "Réponse envoyée à la direction de la coopérative\u00a0: 1 personne." in admin.last_text
    await harness.run_background()
    assert texts(sam, seen_sam) == []  # no longer the coop's: nothing of it
    assert texts(camille, seen_camille) == [
        "💬 Réponse de la fédération · 📊 Indicateurs\n\n41 associés: that is right."
    ]
    await camille.press("💬 Voir la demande")
    assert "Our figures: 41 associés" in camille.last_text and "that is right" in camille.last_text


async def test_a_reply_goes_to_the_writers_still_in_the_coop_erased_ones_left_out(harness):
    camille = await join(harness, 4151, "fr", "Coop Relève")
    sam, bob = harness.user(4152, "Sam", "en"), harness.user(4153, "Bob", "en")
    for member in (sam, bob):
        await member.send(f"/start {camille.invitations.member_token}")
    admin = harness.user(ADMIN_ID, "Fédé", "en")
    await ask(sam, "How do we count user-members?")
    await bob.send("/federation")
    await bob.press("1 · ")
    await bob.press("✍️")
    await bob.send("And the staff who are associés?")

    await admin.send("/demandes")
    await admin.press("Coop Relève")
    await admin.press("✍️ Reply")
    assert "2 people wrote in this request: they get your reply." in admin.last_text
    await sam.send("/erase")
    await sam.press("🗑 Yes, erase my data")
    await admin.send("/demandes")
    await admin.press("Coop Relève")
    await admin.press("✍️ Reply")
    assert "1 person who wrote in this request is still in the coop: they get your reply" in admin.last_text
    await admin.send("Every associé counts.")
    assert "Reply sent to 1 person." in admin.last_text
    await harness.run_background()
    assert "Every associé counts." in bob.last_text

    await take_off_the_team(camille, "Bob")
    await admin.send("/demandes")
    await admin.press("Coop Relève")
    await admin.press("✍️ Reply")
    assert "The people who wrote in this request have left the coop: its direction gets your reply." in (
        admin.last_text
    )


async def test_an_admin_whose_colleague_replied_meanwhile_sees_it_and_chooses(harness):
    """Two admins answer one question: the second is shown the first's reply, their own text given
    back; sent again it goes, cancelled nothing more goes."""
    sam = await join(harness, 4161, "en", "Coop Deux", role="member")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, 4162, FederationRoleName.ADMIN)
    alex, fede = harness.user(4162, "Alex", "en"), harness.user(ADMIN_ID, "Fédé", "en")
    await ask(sam, "How do we count user-members?")

    async def both_open_the_reply() -> None:
        for admin in (alex, fede):
            await admin.send("/demandes")
            await admin.press("Coop Deux")
            await admin.press("✍️ Reply")

    await both_open_the_reply()
    await alex.send("Count all associés.")
    assert "Reply sent to 1 person." in alex.last_text
    await fede.send("Count only the user associés.")
    screen = fede.messages[-2]["text"]
    assert "A colleague replied while you were writing:" in screen and "Alex" in screen, screen
    assert "Count all associés." in screen and "Your reply was not sent: it follows below." in screen
    assert fede.last_text == "Count only the user associés."  # given back whole, to copy
    seen = len(sam.messages)
    await harness.run_background()
    assert texts(sam, seen) == ["💬 Reply from the federation · 📊 Indicators\n\nCount all associés."]
    await fede.send("Count only the user associés, as Alex said.")  # sent again: it goes
    assert "Reply sent to 1 person." in fede.last_text
    await harness.run_background()
    assert sam.last_text.endswith("Count only the user associés, as Alex said.")

    await both_open_the_reply()
    await alex.send("Our last word: all associés.")
    await fede.send("Or maybe not.")
    assert "A colleague replied while you were writing:" in fede.messages[-2]["text"]
    await fede.press("Cancel")  # the thread comes below the text given back, which stays as it was
    thread = fede.last_text
    assert "Our last word: all associés." in thread and "Or maybe not." not in thread, thread
    assert "Or maybe not." in fede.texts()  # still in the chat, as given back
    async with harness.database.transaction() as session:
        said = (await session.exec(select(RequestMessage.text))).all()
    assert "Or maybe not." not in said and len(said) == 4


async def test_the_inbox_names_a_coops_stage_as_the_dashboard_does(harness):
    camille = await join(harness, 4171, "fr", "Coop Étape")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await camille.send("/federation")
    await camille.press("✍️ Nouvelle demande")
    await camille.press("📍 Un point d’étape")
    await camille.send("Par où commencer ?")
    await camille.press("📤 Envoyer à la fédération")
    await harness.run_background()
    assert "Nouvelle demande de Coop Étape (Pas commencé)" in admin.last_text  # no engagement chosen yet
    await admin.send("/tableau")
    assert "• Pas commencé\u00a0: 1" in admin.last_text
    await admin.send("/demandes")
    assert "Coop Étape (Pas commencé)" in admin.last_text
    await admin.press("Coop Étape")
    assert "📨 Coop Étape — Pas commencé" in admin.last_text
    await choose(camille, [1])
    await admin.send("/demandes")
    assert "Coop Étape (Préparent leur dossier)" in admin.last_text


async def test_a_file_sent_with_a_reply_reaches_the_coop_with_it(harness):
    sam = await join(harness, 4101, "en", "Coop Question", role="member")
    await ask(sam, "How do we count the associés?")
    admin = harness.user(ADMIN_ID, "Fed", "en")
    await admin.send("/requests")
    await admin.press("Coop Question")
    await admin.press("✍️ Reply")

    # a file alone: it waits with the question for the reply (never the dossier's help)
    await admin.send_document("model.pdf", LETTER_PDF, "application/pdf")
    said = admin.reply_text()
    assert "/dossier" not in said and "File ready: model.pdf" in said, said
    assert "📎 model.pdf (" in admin.last_text and "goes with your reply." in admin.last_text
    await admin.send("Here is the model: fill in the second tab.")
    assert "Reply sent to 1 person." in admin.last_text
    assert "📎 model.pdf" in " ".join(admin.buttons())  # in the thread, as a coop's file is
    seen = len(sam.messages)
    await harness.run_background()
    assert texts(sam, seen)[0].endswith("Here is the model: fill in the second tab.")
    assert sam.messages[-1]["document"]["file_name"] == "model.pdf"
    assert sam.messages[-1]["caption"] == "📎 Federation · 📊 Indicators"
    await sam.press("💬 See the request")
    await sam.press("📎 model.pdf")
    assert sam.messages[-1]["document"]["file_name"] == "model.pdf"

    # a file with a caption: the caption is the reply, sent with the file at once
    await admin.press("✍️ Reply")
    update = harness.fake.user_document(
        admin.tg, "guide.pdf", LETTER_PDF, "application/pdf", caption="The guide."
    )
    admin.replies = await harness.deliver(admin.id, update)
    assert "Reply sent to 1 person." in admin.last_text
    async with harness.database.transaction() as session:
        last = (await session.exec(select(RequestMessage).order_by(RequestMessage.id.desc()))).first()
    assert (last.text, last.file_name, last.from_federation) == ("The guide.", "guide.pdf", True)


async def test_an_admin_removed_while_replying_cannot_attach_a_file(harness):
    sam = await join(harness, 4101, "en", "Coop Question", role="member")
    await ask(sam, "How do we count the associés?")
    former = harness.user(555, "Ex", "en")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, 555, FederationRoleName.ADMIN)
    await former.send("/requests")
    await former.press("Coop Question")
    await former.press("✍️ Reply")
    async with harness.database.transaction() as session:
        await revoke_federation_role(session, 555, FederationRoleName.ADMIN)
    await former.send_document("model.pdf", LETTER_PDF, "application/pdf")
    assert former.reply_text() == "⚠️ Your role does not allow this."
    async with harness.database.transaction() as session:
        assert [m.sha256 for m in (await session.exec(select(RequestMessage))).all()] == [None]


async def test_a_coop_member_typing_requests_is_shown_their_own(harness):
    """/requests, /demandes: the natural word for « our requests »; a coop's member gets them, and the
    command that keeps them (/federation), not « reserved to the federation’s administrators »."""
    sam = await join(harness, 8390, "en", "Coop Words", role="member")
    await ask(sam, "How to count staff members?")
    await sam.send("/requests")
    said = sam.reply_text()
    assert "reserved" not in said and "/federation" in said and "Ask the federation" in said, said
    assert "1 · " in " ".join(sam.buttons())
    lou = await join(harness, 8391, "fr", "Coop Mots", role="member")
    await lou.send("/demandes")
    assert "/federation" in lou.last_text and "Solliciter la fédération" in lou.last_text, lou.last_text
    stranger = harness.user(8392, "Nobody", "en")
    await stranger.send("/requests")  # in no coop: how to join, as /federation says, not a dead end
    assert "You are not part of a coop yet." in stranger.reply_text(), stranger.reply_text()
