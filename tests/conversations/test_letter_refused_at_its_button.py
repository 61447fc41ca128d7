"""The commitment letter is the direction's to rename and remove: a plain member pressing an older or
forged « ✏️ Renommer » (fe / fw) or « 🗑 Retirer » of it is refused at the button, by the rule the
save applies (models.dossier.attachments.may_change) — never asked its label only to be refused after
typing it. A supporting document stays theirs to rename."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Attachment, AttachmentKind
from tests.dossier_steps import LETTER_PDF, join, upload_letter
from tests.hardening.world import dump

ROLE = "Votre rôle ne le permet pas."
LABEL_QUESTION = "Quel intitulé court donner à ce document"


async def coop_with_letter(harness):
    """Coop A's direction sent its letter and a supporting document; Sam is a plain member."""
    direction = await join(harness, 8701, "fr", "Coop A")
    member = harness.user(8702, "Sam", "fr")
    await member.send(f"/start {direction.invitations.member_token}")
    await upload_letter(direction)
    await direction.send_document("statuts.pdf", LETTER_PDF + b"statuts", "application/pdf")
    await direction.send("Statuts signés")
    async with harness.database.transaction() as session:
        files = (await session.exec(select(Attachment).order_by(Attachment.id))).all()
    letter = next(f for f in files if f.kind == AttachmentKind.COMMITMENT_LETTER)
    supporting = next(f for f in files if f.kind != AttachmentKind.COMMITMENT_LETTER)
    return direction, member, letter.id, supporting.id


async def test_a_plain_member_is_refused_the_letters_rename_and_removal_at_the_button(harness):
    direction, member, letter, _supporting = await coop_with_letter(harness)
    await member.send("/dossier")
    before = await dump(harness)
    for data in (f"fe:f:{letter}:l", f"fw:f:{letter}:l", f"rm:{letter}"):
        shown = member.last_text
        await member.press_data(member.last, data)
        assert member.alerts == [ROLE], (data, member.alerts)
        assert member.last_text == shown and LABEL_QUESTION not in member.reply_text(), data
    await member.send("Lettre renommée par un membre")  # no question is open: nothing to rename
    assert await dump(harness) == before  # no position at the letter's question, no label changed
    await direction.press_data(direction.last, f"fe:f:{letter}:l")  # the direction renames it
    assert LABEL_QUESTION in direction.last_text and direction.alerts == [""]


async def test_a_plain_member_still_renames_a_supporting_document(harness):
    _direction, member, _letter, supporting = await coop_with_letter(harness)
    await member.send("/dossier")
    await member.press_data(member.last, f"fe:f:{supporting}:l")
    assert LABEL_QUESTION in member.last_text
    await member.send("Statuts 2026")
    async with harness.database.transaction() as session:
        assert (await session.get(Attachment, supporting)).label == "Statuts 2026"
