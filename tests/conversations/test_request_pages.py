"""Requests to the federation a page at a time: a long thread is read back page by page on both sides
(one page fitting one Telegram message), a coop's list of requests has pages as the inbox does, and
a stale « ✏️ Rewrite » of a draft sent meanwhile opens the request, said sent."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from conversations.render.html import MESSAGE_LIMIT, units
from models.federation.requests import add_message
from models.tables import RequestMessage, RequestThread
from tests.conftest import ADMIN_ID, NOW
from tests.conversations.test_federation_requests import ask
from tests.dossier_steps import join


async def long_thread(harness, member, count: int, text=lambda i: f"Message {i}.") -> None:
    """A request sent by ``member``, then ``count`` messages, the federation and the coop in turn
    (stored as the bot stores them: the conversation itself is tested in test_federation_requests)."""
    await ask(member, "THE QUESTION?")
    async with harness.database.transaction() as session:
        thread = (await session.exec(select(RequestThread))).one()
        for i in range(count):
            from_federation = i % 2 == 0
            author = ADMIN_ID if from_federation else member.id
            when = NOW + timedelta(minutes=i + 1)
            await add_message(session, thread, author, text(i), when, from_federation=from_federation)


async def test_the_messages_in_between_of_a_long_thread_are_read_page_by_page_on_both_sides(harness):
    sam = await join(harness, 8301, "en", "Coop Long", role="member")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await long_thread(harness, sam, 30)  # the question, then 30 messages: 3 pages of at most 12
    await sam.send("/federation")
    await sam.press("1 · ")
    latest = sam.last_text
    assert "THE QUESTION?" in latest and "… 18 messages in between" in latest
    assert "Message 17." not in latest and "Message 18." in latest and "Message 29." in latest
    assert "⬆️ Earlier messages" in sam.buttons() and "⬇️ Later messages" not in sam.buttons()

    await sam.press("⬆️ Earlier messages")  # edited in place
    middle = sam.last_text
    assert "THE QUESTION?" not in middle and "… 7 earlier messages" in middle, middle
    assert "Message 5." not in middle and "Message 6." in middle and "Message 17." in middle
    assert "… 12 later messages" in middle and "Message 18." not in middle
    assert {"⬆️ Earlier messages", "⬇️ Later messages", "✍️ Write"} <= set(sam.buttons())

    await sam.press("⬆️ Earlier messages")
    oldest = sam.last_text
    assert "THE QUESTION?" in oldest and "Message 0." in oldest and "Message 5." in oldest, oldest
    assert "earlier" not in oldest and "… 24 later messages" in oldest and "Message 6." not in oldest
    assert "⬆️ Earlier messages" not in sam.buttons()
    await sam.press("⬇️ Later messages")
    await sam.press("⬇️ Later messages")
    assert "Message 29." in sam.last_text and "⬇️ Later messages" not in sam.buttons()

    await admin.send("/demandes")
    await admin.press("Coop Long")
    assert "… 18 messages entre les deux" in admin.last_text
    await admin.press("⬆️ Messages précédents")
    assert "… 7 messages plus anciens" in admin.last_text and "Message 6." in admin.last_text
    assert "… 12 messages plus récents" in admin.last_text
    await admin.press("⬆️ Messages précédents")
    assert "Message 0." in admin.last_text and "⬆️ Messages précédents" not in admin.buttons()
    await admin.press("⬇️ Messages suivants")
    assert "Message 17." in admin.last_text and "✍️ Répondre" in admin.buttons()


async def test_a_thread_of_long_messages_shows_a_page_per_telegram_message(harness):
    sam = await join(harness, 8302, "en", "Coop Verbose", role="member")
    await long_thread(harness, sam, 8, lambda i: f"Message {i}. " + "word " * 400)  # 2,000 characters each
    await sam.send("/federation")
    await sam.press("1 · ")
    seen = set()
    while True:
        assert len(sam.replies) == 1 and units(sam.last_text) <= MESSAGE_LIMIT, [
            units(r.get("text", "")) for r in sam.replies
        ]
        seen |= {i for i in range(8) if f"Message {i}." in sam.last_text}
        if "⬆️ Earlier messages" not in sam.buttons():
            break
        await sam.press("⬆️ Earlier messages")
    assert seen == set(range(8)) and "THE QUESTION?" in sam.last_text


async def test_a_coop_with_more_requests_than_a_page_reaches_them_all(harness):
    sam = await join(harness, 8303, "en", "Coop Many", role="member")
    admin = harness.user(ADMIN_ID, "Fed", "en")
    for i in range(22):  # more than the 20 the list showed, with no way to the others
        await ask(sam, f"Question number {i}")
    await sam.send("/federation")
    first = sam.last_text
    assert "Page 1/2" in first and "15 · 📊 Indicators" in sam.buttons()
    assert not any(b.startswith("16 · ") for b in sam.buttons())
    await sam.press("➡️")
    second = sam.last_text
    assert "Page 2/2" in second and "22 · 📊 Indicators" in sam.buttons() and "➡️" not in sam.buttons()
    listed = {i for i in range(22) for text in (first, second) if f"Question number {i}\n" in text + "\n"}
    assert listed == set(range(22)), (first, second)
    await sam.press("22 · ")
    assert "🟠 Open" in sam.last_text
    await sam.press("⬅️ Back")  # to the page it was on
    assert "Page 2/2" in sam.last_text

    await admin.send("/requests")
    await admin.press("➡️")
    assert "Page 2/2" in admin.last_text
    await admin.press("22 · ")
    await admin.press("⬅️ Back")
    assert "Page 2/2" in admin.last_text


async def test_a_stale_rewrite_of_a_draft_sent_meanwhile_opens_the_request_said_sent(harness):
    sam = await join(harness, 8304, "en", "Coop Stale", role="member")
    await sam.send("/federation")
    await sam.press("✍️ New request")
    await sam.press("📊 Indicators")
    await sam.send("Our question?")
    screen, rewrite = sam.find_button("✏️ Rewrite")
    await sam.press("📤 Send to the federation")
    await sam.press_data(screen, rewrite)  # the draft's screen, pressed after the sending
    assert "This request was already sent to the federation: here it is." in sam.last_text
    assert "🟠 Open" in sam.last_text and "Your message to the federation?" not in sam.last_text
    await sam.press("✍️ Write")  # writing again in the sent request still asks for the message
    assert "Your message to the federation?" in sam.last_text
    async with harness.database.transaction() as session:
        assert len((await session.exec(select(RequestMessage))).all()) == 1
