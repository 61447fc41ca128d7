"""Requests to the federation: a file sent on their screens joins the request (never the dossier),
who may download a draft's file, long threads, a double tap and closing without resending."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Attachment, FederationRoleName, RequestMessage
from models.users import grant_federation_role
from tests.conftest import ADMIN_ID
from tests.conversations.test_federation_requests import ask
from tests.dossier_steps import LETTER_PDF, join

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


async def dossier_files(harness) -> list[str]:
    """The names of the dossier's documents."""
    async with harness.database.transaction() as session:
        return [a.file_name for a in (await session.exec(select(Attachment))).all()]


async def request_messages(harness) -> list[tuple[str, str | None]]:
    """Every message of every request: (text, file name)."""
    async with harness.database.transaction() as session:
        rows = await session.exec(select(RequestMessage).order_by(RequestMessage.id))
        return [(m.text, m.file_name) for m in rows.all()]


async def draft(user, text: str) -> None:
    """A member (French screens) writes a request about the indicators, not sent yet."""
    await user.send("/federation")
    await user.press("✍️ Nouvelle demande")
    await user.press("📊 Indicateurs")
    await user.send(text)


async def test_a_file_sent_on_the_draft_joins_it_and_a_second_one_says_what_it_replaces(harness):
    lou = await join(harness, 8201, "fr", "Coop Photo", role="member")
    await draft(lou, "Comment compter les associés ?")
    await lou.send_document("budget.pdf", LETTER_PDF, "application/pdf")  # on the draft, no button pressed
    assert "✅ Fichier ajouté\u00a0: budget.pdf" in lou.last_text, lou.reply_text()
    assert "📎 Changer de fichier" in lou.buttons()
    await lou.press("📎 Changer de fichier")
    assert "Il remplacera budget.pdf, joint actuellement." in lou.last_text
    assert "🏠 Mon dossier" in lou.buttons()
    await lou.send_photo(PNG, caption="Le tableau")
    said = lou.reply_text()
    assert "Il remplace budget.pdf." in lou.last_text, said
    assert "Votre légende n’a pas été ajoutée au message" in said and "Le tableau" in said  # given back
    assert await dossier_files(harness) == []
    assert await request_messages(harness) == [
        ("Comment compter les associés ?", "photo-20261123-103000.png")
    ]


async def test_a_file_on_a_sent_request_goes_with_a_follow_up(harness):
    sam = await join(harness, 8202, "en", "Coop Suite", role="member")
    admin = harness.user(ADMIN_ID, "Fed", "en")
    await ask(sam, "How do we count user-members?")
    assert "🟠 Open" in sam.last_text  # the request, on screen
    await sam.send_document("table.pdf", LETTER_PDF, "application/pdf")
    said = sam.reply_text()
    assert "File ready: table.pdf" in said and "Your message to the federation?" in sam.last_text, said
    assert "📎 table.pdf (1 kB) goes with your message." in sam.last_text
    await sam.send("Here is our table.")
    assert "Sent to the federation." in sam.last_text
    await harness.run_background()
    assert admin.messages[-1]["document"]["file_name"] == "table.pdf"

    # on « ✍️ Write », a file with its caption goes at once, the caption its text
    await sam.press("✍️ Write")
    update = harness.fake.user_document(
        sam.tg, "plan.pdf", LETTER_PDF, "application/pdf", caption="And the plan you asked for."
    )
    sam.replies = await harness.deliver(sam.id, update)
    assert "Sent to the federation." in sam.last_text and "dossier" not in sam.reply_text()
    assert await request_messages(harness) == [
        ("How do we count user-members?", None),
        ("Here is our table.", "table.pdf"),
        ("And the plan you asked for.", "plan.pdf"),
    ]
    assert await dossier_files(harness) == []


async def test_a_photo_at_step_2_with_its_caption_starts_the_request(harness):
    lou = await join(harness, 8203, "fr", "Coop Légende", role="member")
    await lou.send("/federation")
    await lou.press("✍️ Nouvelle demande")
    await lou.press("📊 Indicateurs")
    await lou.send_photo(PNG, caption="Voici notre tableau : comment le lire ?")
    assert "Votre demande, pas encore envoyée" in lou.last_text, lou.reply_text()
    assert await request_messages(harness) == [
        ("Voici notre tableau : comment le lire ?", "photo-20261123-103000.png")
    ]

    # without a caption, the file waits with the question for the text
    await lou.send("/federation")
    await lou.press("✍️ Nouvelle demande")
    await lou.press("📁 Le dossier")
    await lou.send_document("statuts.pdf", LETTER_PDF, "application/pdf")
    assert "Fichier prêt\u00a0: statuts.pdf" in lou.reply_text()
    assert (
        "Étape 2/2" in lou.last_text
        and "📎 statuts.pdf (1\u00a0ko) accompagnera votre message." in lou.last_text
    )
    await lou.send("Nos statuts sont-ils à jour ?")
    assert "Votre demande, pas encore envoyée" in lou.last_text and "📎 statuts.pdf" in lou.last_text
    assert await dossier_files(harness) == []


async def test_a_file_on_the_list_or_the_subject_is_not_taken_for_the_dossier(harness):
    sam = await join(harness, 8204, "en", "Coop Liste", role="member")
    await sam.send("/federation")
    await sam.send_document("a.pdf", LETTER_PDF, "application/pdf")
    assert "choose your request’s subject" in sam.reply_text() and "a.pdf (1 kB) goes with" in sam.last_text
    await sam.send_document("a.pdf", LETTER_PDF, "application/pdf")  # now at the subject (step 1/2)
    assert "a.pdf (1 kB) goes with your message" in sam.last_text and "Step 1/2" in sam.last_text
    assert await dossier_files(harness) == []


async def test_the_admin_reading_a_request_sends_a_file_with_a_reply(harness):
    sam = await join(harness, 8205, "en", "Coop Modèle", role="member")
    admin = harness.user(ADMIN_ID, "Fed", "en")
    await ask(sam, "Do you have a model?")
    await admin.send("/requests")
    await admin.press("Coop Modèle")
    await admin.send_document("model.pdf", LETTER_PDF, "application/pdf")  # reading the thread
    assert "File ready: model.pdf" in admin.reply_text() and "goes with your reply." in admin.last_text
    await admin.send("Here it is.")
    assert "Reply sent to 1 person." in admin.last_text
    assert (await request_messages(harness))[-1] == ("Here it is.", "model.pdf")


async def test_only_its_author_downloads_a_drafts_file_and_admins_only_sent_ones(harness):
    sam = await join(harness, 8206, "en", "Coop Brouillon", role="member")
    bob = harness.user(8207, "Bob", "en")
    await bob.send(f"/start {sam.invitations.member_token}")
    admin = harness.user(ADMIN_ID, "Fed", "en")
    await admin.send("/start")
    await sam.send("/federation")
    await sam.press("✍️ New request")
    await sam.press("📁 The dossier")
    await sam.send("Private draft, not sent yet")
    await sam.send_document("salaries.pdf", LETTER_PDF, "application/pdf")
    async with harness.database.transaction() as session:
        message = (await session.exec(select(RequestMessage))).one()
    for other in (bob, admin):
        before = len(other.messages)
        await other.press_data(other.last, f"rqa:{message.id}")
        assert [m for m in other.messages[before:] if m.get("document")] == [], other.id
        assert other.alerts == [
            "This button is not for your coop’s dossier, or what it pointed to was removed."
        ]
    await sam.press_data(sam.last, f"rqa:{message.id}")  # its author
    assert sam.messages[-1]["document"]["file_name"] == "salaries.pdf"
    await sam.press("📤 Send to the federation")
    for reader in (bob, admin):  # sent: the coop's members and the federation read it
        await reader.press_data(reader.last, f"rqa:{message.id}")
        assert reader.messages[-1]["document"]["file_name"] == "salaries.pdf"


async def test_a_long_thread_keeps_its_first_question_on_screen(harness):
    sam = await join(harness, 8208, "en", "Coop Long", role="member")
    admin = harness.user(ADMIN_ID, "Fed", "en")
    await ask(sam, "THE ORIGINAL QUESTION: how do we count user-members?")
    for i in range(7):
        await admin.send("/requests")
        await admin.press("Coop Long")
        await admin.press("✍️ Reply")
        await admin.send(f"Reply {i}")
        await sam.send("/federation")
        await sam.press("1 · ")
        await sam.press("✍️ Write")
        await sam.send(f"Follow-up {i}")
    for user, command, opening in ((sam, "/federation", "1 · "), (admin, "/requests", "Coop Long")):
        await user.send(command)
        await user.press(opening)
        shown = user.last_text
        assert "THE ORIGINAL QUESTION" in shown, shown[:300]
        assert "… 2 messages in between" in shown and "Reply 0" not in shown and "Follow-up 6" in shown


async def test_a_double_tap_on_send_opens_the_request_said_sent(harness):
    sam = await join(harness, 8209, "en", "Coop Double", role="member")
    await sam.send("/federation")
    await sam.press("✍️ New request")
    await sam.press("📊 Indicators")
    await sam.send("Our question?")
    screen, send = sam.find_button("📤 Send to the federation")
    _, drop = sam.find_button("🗑 Delete the draft")
    await sam.press("📤 Send to the federation")
    for data in (send, drop):  # the second tap reaches the bot after the first was handled
        await sam.press_data(screen, data)
        assert sam.alerts == [""], sam.alerts
        assert "This request was already sent to the federation: here it is." in sam.last_text
        assert "🟠 Open" in sam.last_text
    async with harness.database.transaction() as session:
        assert len((await session.exec(select(RequestMessage))).all()) == 1


async def test_closing_and_reopening_a_long_thread_does_not_send_it_again(harness):
    sam = await join(harness, 8210, "en", "Coop Flood", role="member")
    admin = harness.user(ADMIN_ID, "Fed", "en")
    await ask(sam, "Short question?")
    for i in range(3):
        await admin.send("/requests")
        await admin.press("Coop Flood")
        await admin.press("✍️ Reply")
        await admin.send(f"Reply {i} " + "word " * 500)
    await admin.send("/requests")
    await admin.press("Coop Flood")
    replies = await admin.press("✅ Close")
    assert len(replies) == 1, [r.get("text", "")[:80] for r in replies]  # one screen, edited
    assert admin.last_text.startswith(
        "✅ Closed: Coop Flood — 📊 Indicators. It opens again if the coop writes or if you reply."
    )
    assert "Requests from the coops" in admin.last_text
    await admin.press("Coop Flood")
    replies = await admin.press("🔓 Reopen")
    assert len(replies) == 1 and admin.last_text.startswith("🔓 Reopened: Coop Flood — 📊 Indicators.")


async def test_the_lists_give_the_year_of_a_request_of_another_year(world):
    harness, clock = world
    sam = await join(harness, 8211, "en", "Coop Année", role="member")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, 8212, FederationRoleName.ADMIN)
    admin = harness.user(8212, "Fed", "en")
    await ask(sam, "Last year's question?")
    await admin.send("/requests")
    assert "— 23 Nov\n" in admin.last_text + "\n", admin.last_text
    clock.advance(days=60)  # January 2027
    await admin.send("/requests")
    assert "— 23 Nov 2026" in admin.last_text, admin.last_text
    await sam.send("/federation")
    assert "23 Nov 2026 · " in sam.last_text, sam.last_text


async def test_a_thumbs_up_is_a_message_in_a_request(harness):
    """A request is read in the chat only: « 👍 » alone is a reply and a follow-up (a dossier's text of
    emoji alone is refused, the committee's PDF printing nothing of it)."""
    sam = await join(harness, 8215, "en", "Coop Pouce", role="member")
    admin = harness.user(ADMIN_ID, "Fed", "en")
    await ask(sam, "Is our indicator right?")
    await admin.send("/requests")
    await admin.press("Coop Pouce")
    await admin.press("✍️ Reply")
    await admin.send("👍")
    assert "Reply sent to 1 person." in admin.last_text
    await sam.press("✍️ Write")
    await sam.send("🙏")
    assert [text for text, _file in await request_messages(harness)] == [
        "Is our indicator right?",
        "👍",
        "🙏",
    ]
