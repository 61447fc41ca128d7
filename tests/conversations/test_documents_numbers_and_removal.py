"""The documents' screen numbers each file once, its line and its button alike (the list numbered the
supporting documents from 1 while the buttons numbered the letter 1: « 1. « Statuts » » was « 📄 2 ·
Statuts »). A file's screen says who added it; removing it says it is final and who will be told; whoever
added it, if a colleague removes it, is told in their language (they were never told)."""

from __future__ import annotations

import re

from sqlmodel import select

from models.tables import Coop, Notification
from models.team import remove_teammate
from tests.dossier_steps import LETTER_PDF, join, open_home, upload_letter

NBSP = "\u00a0"


async def at_documents(user) -> None:
    await open_home(user)
    await user.press("📎 Documents")


async def labelled(user, name: str, label: str) -> None:
    """A supporting document sent with its label as caption, from the documents' screen."""
    await at_documents(user)
    update = user.harness.fake.user_document(
        user.tg, name, LETTER_PDF + name.encode(), "application/pdf", caption=label
    )
    user.replies = await user.harness.deliver(user.id, update)


async def test_the_list_and_its_buttons_number_each_document_alike(harness):
    director = await join(harness, 9740321, "fr", "Coop Numéros")
    await labelled(director, "statuts.pdf", "Statuts")  # before the letter: listed after it all the same
    await upload_letter(director)
    await labelled(director, "pv.pdf", "PV de l’AG")
    await at_documents(director)
    text, buttons = director.last_text, director.buttons()
    listed = dict(re.findall(r"^(\d+)\. (?:✅ )?«\s?([^»]+?)\s?»", text, re.M))
    assert listed == {"1": "lettre-engagement", "2": "Statuts", "3": "PV de l’AG"}, text
    for number, label in listed.items():
        assert any(b.startswith(f"📄 {number} · {label[:6]}") for b in buttons), (number, label, buttons)
    member = harness.user(9740322, "Sam", language_code="fr")  # a colleague reads the same numbers
    await member.send(f"/start {director.invitations.member_token}")
    await at_documents(member)
    assert re.search(r"^2\. «\s?Statuts", member.last_text, re.M) and "📄 2 · Statuts" in member.buttons()


async def test_the_sender_is_told_when_a_colleague_removes_their_document(harness):
    director = await join(harness, 9740331, "fr", "Coop Retrait")
    member = harness.user(9740332, "Sam", language_code="en")
    await member.send(f"/start {director.invitations.member_token}")
    await labelled(director, "pv-ag.pdf", "PV de l’AG signé")
    before = len(director.messages)
    await at_documents(member)
    await member.press("📄 1 · ")
    assert "Added by Camille on " in member.last_text, member.last_text  # who added it, and when
    await member.press("🗑 Remove")
    confirmation = member.last_text
    assert "It is final: the file cannot be brought back" in confirmation, confirmation
    assert "Camille, who added it, will be told." in confirmation
    await member.press("🗑 Yes, remove it")
    await harness.run_background()
    told = [m.get("text", "") for m in director.messages[before:]]
    removed = f"Sam a retiré «{NBSP}PV de l’AG signé{NBSP}» (pv-ag.pdf), le document que vous aviez ajouté"
    assert any(removed in text and "dossier Quali’Coop de Coop Retrait" in text for text in told), told
    # one's own document removed: nobody told, and the confirmation says no one will be
    await labelled(member, "budget.pdf", "Budget")
    await at_documents(member)
    await member.press("📄 1 · ")
    await member.press("🗑 Remove")
    assert "will be told" not in member.last_text
    await member.press("🗑 Yes, remove it")
    async with harness.database.transaction() as session:
        news = (
            await session.exec(select(Notification).where(Notification.kind == "attachment_removed"))
        ).all()
    assert [n.user_id for n in news] == [director.id]


async def test_a_sender_who_left_the_coop_is_not_told(harness):
    director = await join(harness, 9740341, "fr", "Coop Départ")
    member = harness.user(9740342, "Sam", language_code="fr")
    await member.send(f"/start {director.invitations.member_token}")
    await labelled(member, "note.pdf", "Note de Sam")
    async with harness.database.transaction() as session:  # taken off the team since
        coop = (await session.exec(select(Coop).where(Coop.name == "Coop Départ"))).one()
        await remove_teammate(session, coop, member.id, director.id, harness.clock())
    await at_documents(director)
    await director.press("📄 1 · ")
    assert "Ajouté par Sam le " in director.last_text
    await director.press("🗑 Retirer")
    assert "C’est définitif" in director.last_text and "recevra un message" not in director.last_text
    await director.press("🗑 Oui")
    async with harness.database.transaction() as session:
        news = (
            await session.exec(select(Notification).where(Notification.kind == "attachment_removed"))
        ).all()
    assert news == []
