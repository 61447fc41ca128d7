"""The federation's reply to a request whose writer has blocked the assistant goes to the coop's
direction, as when the writer has left; the admin is told who blocked it, on the reply's screen and in
the confirmation; the reply stays in the request, read there by the writer once they come back. A block
Telegram reveals only when the reply is refused (403) sends it to the direction then.

Before: the writer was counted as reached whatever their block (``reply_recipients`` never read
``User.is_active``): « ✅ Réponse envoyée à 1 personne », the send refused, nobody told, the direction
given nothing, and the next reply's screen still said « elle reçoit votre réponse »."""

from __future__ import annotations

from tests.conftest import ADMIN_ID
from tests.conversations.test_federation_requests import ask
from tests.conversations.test_old_menus_and_refused_edits import is_active, my_chat_member

NBSP = "\u00a0"
REPLY = "Comptez les associés locataires et accédants."


async def a_coop_whose_writer_blocks(harness, coop_name: str, base: int):
    """A coop with its direction and a member who asked the federation, then blocked the assistant
    (Telegram refuses every send to them from then on)."""
    coop = await harness.add_coop(coop_name)
    direction = harness.user(base + 1, "Dominique", "fr")
    await direction.send(f"/start {coop.direction_token}")
    member = harness.user(base + 2, "Morgane", "fr")
    await member.send(f"/start {coop.member_token}")
    await ask(member, "Comment compter les associés ?")
    await harness.run_background()
    harness.fake.blocked_chats.add(member.id)
    return direction, member


async def open_the_reply(admin, coop_name: str) -> None:
    await admin.send("/demandes")
    await admin.press(coop_name)
    await admin.press("✍️")


async def test_a_reply_to_a_writer_who_blocked_the_assistant_goes_to_the_direction(harness):
    direction, member = await a_coop_whose_writer_blocks(harness, "Coop Bloquée", 610_000)
    await harness.deliver(
        member.id, my_chat_member(member.id, "member", "kicked", 610_100)
    )  # Telegram says it
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await open_the_reply(admin, "Coop Bloquée")
    screen = admin.last_text
    assert (
        f"Morgane a bloqué l’assistant{NBSP}: votre réponse reste dans la demande, pour son retour." in screen
    )
    assert "La direction de la coopérative la reçoit." in screen
    assert "elle reçoit votre réponse" not in screen and "ils reçoivent votre réponse" not in screen, screen
    await admin.send(REPLY)
    said = admin.reply_text()
    assert f"✅ Réponse envoyée à la direction de la coopérative{NBSP}: 1 personne." in said, said
    assert f"⚠️ Morgane a bloqué l’assistant{NBSP}:" in said, said
    seen = len(member.messages)
    await harness.run_background()
    assert REPLY in direction.last_text
    assert len(member.messages) == seen  # nothing tried on a chat that refuses

    # back, they read it in their request
    harness.fake.blocked_chats.discard(member.id)
    await harness.deliver(member.id, my_chat_member(member.id, "kicked", "member", 610_101))
    await member.send("/federation")
    await member.press("1 · ")
    assert "Comment compter les associés" in member.last_text and REPLY in member.last_text


async def test_a_block_revealed_by_the_refused_reply_sends_it_to_the_direction(harness):
    direction, member = await a_coop_whose_writer_blocks(harness, "Coop Muette", 620_000)
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await open_the_reply(admin, "Coop Muette")  # Telegram has not said it: the block is not known yet
    await admin.send(REPLY)
    assert f"Réponse envoyée à 1{NBSP}personne." in admin.reply_text()
    seen = len(direction.messages)
    await harness.run_background()  # refused (403): the block is known now
    await harness.run_background()
    assert not await is_active(harness, member.id)
    received = [text for text in direction.texts()[seen:] if REPLY in text]
    assert len(received) == 1, direction.texts()[seen:]
    await harness.run_background()  # once
    assert [text for text in direction.texts()[seen:] if REPLY in text] == received

    await open_the_reply(admin, "Coop Muette")
    assert "elle reçoit votre réponse" not in admin.last_text
    assert "Morgane a bloqué l’assistant" in admin.last_text, admin.last_text


async def test_a_reply_reaches_the_writers_who_did_not_block_and_names_the_one_who_did(harness):
    direction, member = await a_coop_whose_writer_blocks(harness, "Coop Partagée", 630_000)
    await harness.deliver(member.id, my_chat_member(member.id, "member", "kicked", 630_100))
    await direction.send("/federation")
    await direction.press("1 · ")
    await direction.press("✍️")
    await direction.send("Et les salariés associés ?")
    admin = harness.user(ADMIN_ID, "Fédé", "en")
    await open_the_reply(admin, "Coop Partagée")
    screen = admin.last_text
    assert "1 other person who wrote in this request gets it." in screen, screen
    assert "Morgane has blocked the assistant: your reply stays in the request, for when they come back." in (
        screen
    )
    await admin.send("Every associé counts.")
    assert "✅ Reply sent to 1 person.\n⚠️ Morgane has blocked the assistant" in admin.reply_text()
    await harness.run_background()
    assert "Every associé counts." in direction.last_text
