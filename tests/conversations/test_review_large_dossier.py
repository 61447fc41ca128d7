"""/recap and « 📄 Relire » of the largest dossier the product allows (12 engagements × 10 indicators
with 6,000-character rationales × 10 actions of 1,000 characters, 4 answers of 6,000, 30 documents):
a few messages, not hundreds (the bot answers one update at a time, Telegram about one message a second
in a chat), « typing… » first; its long texts shortened with « … » and where each is whole, never cut
silently; every engagement, indicator and what is missing still there. A normal dossier is read whole."""

from __future__ import annotations

import re
from datetime import date

from sqlmodel import select

from models.dossier.files import FileStore
from models.referential.parsing import default_referential
from models.tables import Action, Attachment, AttachmentKind, Dossier, EngagementChoice, Indicator
from tests.dossier_steps import LETTER_PDF, join, open_home

MOST = 12  # messages: the review's text and its buttons' (conversations.render.review.REVIEW_MESSAGES)
WORDS = ("coopérative", "d’habitat", "&", "<solidaire>", "🏠", "logement")


def text_of(length: int, tag: str) -> str:
    """``length`` characters of whole words (a « & » and a « < » as a coop may type them), ``tag`` first."""
    words, size = [tag], len(tag)
    while size + 1 + len(WORDS[len(words) % len(WORDS)]) <= length:
        words.append(WORDS[len(words) % len(WORDS)])
        size += 1 + len(words[-1])
    return " ".join(words)


def units(text: str) -> int:
    """A message's length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


async def largest(harness, user_id: int):
    """A coop's dossier as large as the product allows, written directly; its indicator 1.1 has no
    action and every action of engagement 12 no due date (what is missing), the rest complete."""
    director = await join(harness, user_id, "fr", "Coop Immense")
    store = FileStore(harness.database)
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        for name in ("approach", "staff_information", "members_information", "members_consultation"):
            setattr(dossier, name, text_of(6000, name.upper()))
        session.add(dossier)
        for code in range(1, 13):
            session.add(EngagementChoice(dossier_id=dossier.id, engagement_code=code, chosen_by=user_id))
            for position in range(1, 11):
                indicator = Indicator(
                    dossier_id=dossier.id, engagement_code=code, position=position,
                    title=text_of(200, f"I{code}.{position}"), rationale=text_of(6000, f"R{code}.{position}"),
                    value_kind="text", current_value=text_of(300, "C"), target_value=text_of(300, "T"),
                    target_date=date(2028, 5, 31),
                )  # fmt: skip
                session.add(indicator)
                await session.flush()
                for number in range(1, 11 if (code, position) != (1, 1) else 1):
                    session.add(
                        Action(
                            indicator_id=indicator.id, position=number, owner=text_of(200, "O"),
                            description=text_of(1000, f"A{code}.{position}.{number}"),
                            due_date=None if code == 12 else date(2027, 3, 31),
                        )
                    )  # fmt: skip
        kept = await store.keep(session, LETTER_PDF)
        session.add(
            Attachment(
                dossier_id=dossier.id, kind=AttachmentKind.COMMITMENT_LETTER, label="Lettre",
                file_name="lettre.pdf", mime_type="application/pdf", size=len(LETTER_PDF), sha256=kept,
                uploaded_by=user_id,
            )
        )  # fmt: skip
        for number in range(30):
            content = b"\x89PNG\r\n\x1a\n" + bytes([number]) * 2000
            kept = await store.keep(session, content)
            session.add(
                Attachment(
                    dossier_id=dossier.id, kind=AttachmentKind.SUPPORTING, label=text_of(200, f"D{number}"),
                    file_name=f"{'pièce-' * 40}{number}.png", mime_type="image/png", size=len(content),
                    sha256=kept, uploaded_by=user_id,
                )
            )  # fmt: skip
    return director


def read_whole(harness, first: int, replies: list[dict]) -> str:
    """The review's messages, checked: « typing… » before them, at most MOST with the buttons' message,
    each within Telegram's limit; their text end to end."""
    assert len(replies) <= MOST, len(replies)
    calls = [c for c in harness.fake.calls[first:] if c.method != "answerCallbackQuery"]
    assert calls[0].method == "sendChatAction" and calls[0].params["action"] == "typing"
    assert all(units(m["text"]) <= 4096 for m in replies), [units(m["text"]) for m in replies]
    assert all("reply_markup" not in m for m in replies[:-1]) and "reply_markup" in replies[-1]
    return "\n".join(m["text"] for m in replies[:-1])


def assert_titles_whole(review: str) -> None:
    """Every engagement and indicator, by its title (an indicator's maybe shortened with « … »)."""
    referential = default_referential()
    for code in range(1, 13):
        assert f"{code}. {referential.engagement(code).title.get('fr')}" in review, code
        for position in range(1, 11):  # whole, or its first words and « … »
            title = text_of(200, f"I{code}.{position}")
            shown = re.search(rf"📈 ({re.escape(title[:60])}[^\n]*)\n", review)
            assert shown and (shown[1] == title or shown[1].endswith("…")), (code, position)
    assert "⚠️ Aucune action pour l’instant." in review  # indicator 1.1
    assert "• 10 actions (⚠️ 10 incomplètes)" in review  # engagement 12's: no due date


def assert_structure_whole(review: str) -> None:
    """Every engagement and indicator, by its title; what is missing; where the whole texts are."""
    assert_titles_whole(review)
    assert "⚠️ Ce qui manque" in review and "… et " in review and "«\u00a0📋 Ce qui manque\u00a0»" in review
    assert "L’indicateur «\u00a0I1.1 " in review  # the first gap listed: indicator 1.1 has no action
    note = "✂️ Dossier très long\u00a0: pour tenir en quelques messages, ses textes longs sont abrégés ici (…)"
    assert note in review and "dans le PDF (/pdf)" in review and "(/dossier)" in review
    assert f"{text_of(80, 'APPROACH')[:60]}" in review and text_of(6000, "APPROACH") not in review
    assert "…\n" in review  # a long text shortened says so where it ends


async def test_the_largest_dossier_is_read_in_a_few_messages(harness):
    director = await largest(harness, 8941)
    first = len(harness.fake.calls)
    replies = await director.send("/recap")
    review = read_whole(harness, first, replies)
    assert_structure_whole(review)
    assert "Modifier une partie du dossier" in replies[-1]["text"]


async def test_its_review_button_reads_it_the_same_way(harness):
    director = await largest(harness, 8942)
    await open_home(director)
    first = len(harness.fake.calls)
    replies = await director.press("📄 Relire")
    assert harness.fake.calls[first].method == "answerCallbackQuery"
    assert_structure_whole(read_whole(harness, first, replies))


async def test_a_dossier_of_two_messages_is_read_whole_after_typing(harness):
    director = await join(harness, 8943, "fr", "Coop Longue")
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        dossier.approach = text_of(6000, "APPROCHE") + " FIN"
        session.add(dossier)
    first = len(harness.fake.calls)
    replies = await director.send("/recap")
    assert [c.method for c in harness.fake.calls[first:]][:2] == ["sendChatAction", "sendMessage"]
    review = "\n".join(m["text"] for m in replies[:-1])
    assert "✂️" not in review and review.count("coopérative") >= 6000 // 60 and "FIN" in review


async def test_a_short_dossier_is_one_message_without_typing(harness):
    director = await join(harness, 8944, "fr", "Coop Courte")
    first = len(harness.fake.calls)
    replies = await director.send("/recap")
    assert len(replies) == 2 and "✂️" not in replies[0]["text"]
    assert "sendChatAction" not in [c.method for c in harness.fake.calls[first:]]


async def test_a_long_dossier_is_read_with_its_long_texts_shortened_and_every_action(harness):
    """16 indicators with 6,000-character rationales: some twenty-five messages whole; shortened, a few,
    each rationale's beginning with « … », and every action still listed."""
    director = await join(harness, 8945, "fr", "Coop Bavarde")
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        for code in range(1, 9):
            session.add(EngagementChoice(dossier_id=dossier.id, engagement_code=code, chosen_by=8945))
            for position in (1, 2):
                indicator = Indicator(
                    dossier_id=dossier.id, engagement_code=code, position=position, title=f"Indicateur {code}.{position}",
                    rationale=text_of(6000, f"R{code}.{position}"), value_kind="text", current_value="peu",
                    target_value="beaucoup", target_date=date(2028, 5, 31),
                )  # fmt: skip
                session.add(indicator)
                await session.flush()
                session.add(
                    Action(indicator_id=indicator.id, position=1, description=f"Action {code}.{position}")
                )
    first = len(harness.fake.calls)
    replies = await director.send("/recap")
    review = read_whole(harness, first, replies)
    assert len(replies) <= 6, len(replies)  # the review in five, its buttons
    note = "✂️ Dossier long\u00a0: pour tenir en quelques messages, ses textes longs sont abrégés ici (…). "
    assert note + "Chacun est en entier sur son propre écran (/dossier) et dans le PDF (/pdf)." in review
    for code in range(1, 9):
        for position in (1, 2):
            why = re.search(rf"Raison d’être\u00a0: (R{code}\.{position} [^\n]*)\n", review)
            assert why and why[1].endswith("…") and 500 < len(why[1]) <= 600, (code, position)
            assert (
                f"📈 Indicateur {code}.{position}\n" in review and f"• Action {code}.{position} — " in review
            )


async def test_the_largest_dossier_typed_in_emoji_still_fits(harness):
    """Two UTF-16 units a character, every title and value as long as allowed: the barest shape."""
    director = await join(harness, 8946, "fr", "🏠" * 200)
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        dossier.approach = "🏠 " * 3000
        session.add(dossier)
        for code in range(1, 13):
            session.add(EngagementChoice(dossier_id=dossier.id, engagement_code=code, chosen_by=8946))
            for position in range(1, 11):
                indicator = Indicator(
                    dossier_id=dossier.id, engagement_code=code, position=position, title=f"{code}.{position}" + "🏠" * 195,
                    rationale="🏠 " * 3000, value_kind="text", current_value="🏠" * 300, target_value="🏠" * 300,
                )  # fmt: skip
                session.add(indicator)
                await session.flush()
                for number in range(1, 11):
                    session.add(Action(indicator_id=indicator.id, position=number, description="🏠 " * 500))
    first = len(harness.fake.calls)
    review = read_whole(harness, first, await director.send("/recap"))
    for code in range(1, 13):
        for position in range(1, 11):
            assert f"📈 {code}.{position}🏠🏠" in review, (code, position)
    assert "• 10 actions (⚠️ 10 incomplètes)" in review and "… et " in review
