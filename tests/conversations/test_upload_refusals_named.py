"""Files refused, said so to whoever sent them: of several sent at once each by its name; at a written
question the question asked once for an album; from someone with no dossier, in words that say so, the
caption given back whole."""

from __future__ import annotations

from models.dossier.attachments import MAX_ATTACHMENTS
from tests.conversations.test_committee_followed import committee_member
from tests.dossier_steps import LETTER_PDF, join, open_home

NBSP = "\u00a0"
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 300


def said(replies: list[dict]) -> str:
    return "\n".join(m.get("text") or m.get("caption") or "" for m in replies)


def pdf(user, name: str, caption: str | None = None) -> dict:
    return user.fake.user_document(
        user.tg, name, LETTER_PDF + name.encode(), "application/pdf", caption=caption
    )


async def album(user, updates: list[dict]) -> list[list[dict]]:
    """Files sent at once: one update each, of one media group, as Telegram delivers them."""
    replies = []
    for update in updates:
        update["message"]["media_group_id"] = "album-1"
        replies.append(await user.harness.deliver(user.id, update))
    return replies


async def test_files_sent_at_once_and_refused_past_the_limit_each_name_their_file(harness):
    director = await join(harness, 8311, "fr")
    await open_home(director)
    await director.press("📎 Documents")
    for n in range(MAX_ATTACHMENTS - 2):
        await harness.deliver(director.id, pdf(director, f"piece-{n}.pdf", caption=f"Pièce {n}"))
    replies = await album(director, [pdf(director, f"ag-{n}.pdf") for n in range(4)])
    assert all("Document enregistré" in said(reply) for reply in replies[:2])
    for n in (2, 3):
        text = said(replies[n])
        assert f"ag-{n}.pdf n’a pas été ajouté" in text, text
        assert f"30 pièces justificatives au plus{NBSP}: retirez-en une" in text


async def test_images_sent_at_once_in_a_format_refused_each_name_their_file(harness):
    director = await join(harness, 8312, "fr")
    await open_home(director)
    await director.press("📎 Documents")
    await director.press("📎 Ajouter une pièce")
    names = ["IMG_2041.HEIC", "IMG_2042.HEIC"]
    replies = await album(
        director, [director.fake.user_document(director.tg, n, HEIC, "image/heic") for n in names]
    )
    for name, reply in zip(names, replies, strict=True):
        assert f"{name} n’a pas été ajouté" in said(reply) and "HEIC" in said(reply), said(reply)


async def test_files_sent_at_once_at_a_written_question_ask_it_once_and_each_is_said_not_taken(harness):
    director = await join(harness, 8313, "fr")
    await open_home(director)
    await director.press("👥 Démarche")
    await director.press("✍️ Répondre")
    note = "Les procès-verbaux des trois dernières assemblées"
    replies = await album(
        director, [pdf(director, "pv-1.pdf"), pdf(director, "pv-2.pdf", note), pdf(director, "pv-3.pdf")]
    )
    asked = [n for n, reply in enumerate(replies) if "Expliquez votre démarche" in said(reply)]
    assert asked == [0], asked  # the question once, with the first refusal
    assert "Ce fichier n’a pas été ajouté au dossier" in said(replies[0])
    assert "pv-2.pdf" in said(replies[1]) and note in [m["text"] for m in replies[1]]  # the caption, whole
    assert "pv-3.pdf" in said(replies[2])
    await director.send("Nous associons les locataires à chaque étape.")  # the question still open
    assert "Expliquez votre démarche" not in director.reply_text()
    assert "Nous associons les locataires" in director.reply_text()


async def test_a_file_from_a_committee_member_is_said_not_taken_and_its_caption_given_back(harness):
    member = await committee_member(harness)
    words = "Mon avis sur la Coop des Tilleuls : dossier solide, indicateur 3 à revoir."
    replies = await harness.deliver(member.id, pdf(member, "avis.pdf", words))
    assert "Ce fichier n’a pas été utilisé" in said(replies) and "/comite" in said(replies), said(replies)
    assert "compris" not in said(replies)
    assert words in [m["text"] for m in replies]  # whole, in a message of its own


async def test_a_file_from_someone_in_no_coop_gives_its_caption_back(harness):
    visitor = harness.user(8314, "Lou", "fr")
    await visitor.send("/start")
    words = "Bonjour, voici notre lettre de candidature."
    replies = await harness.deliver(visitor.id, pdf(visitor, "lettre.pdf", words))
    assert "lien d’invitation" in said(replies), said(replies)
    assert words in said(replies)
