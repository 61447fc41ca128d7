"""An action whose owner is not given yet says so, as its due date does, in the words of « Ce qui manque »:
« qui la porte à renseigner ⚠️ » in the chat's review and on the indicator's screen, « Porteur : à
renseigner » in the PDF (no emoji there), never a bare dash."""

from __future__ import annotations

from tests.conversations.test_bilans import pdf_text
from tests.dossier_steps import choose, join, open_home

LINE_FR = "Isoler les toitures — qui la porte à renseigner ⚠️ — échéance à renseigner ⚠️"


async def an_action_left_without_owner(harness, user_id: int, language: str = "fr"):
    """An indicator of engagement 11 whose first action was left at « Qui porte cette action ? »."""
    c = await join(harness, user_id, language)
    await choose(c, [11])
    await open_home(c)
    await c.press("📊 Indicateurs")
    await c.press(" 11 · ")
    await c.press("➕ Ajouter un indicateur")
    await c.press("1 · ")
    for answer in ("Parce que.", "10", "20", "05/2028", "Isoler les toitures"):
        await c.send(answer)
    assert "Qui porte cette action" in c.last_text, c.last_text
    await c.send("/annuler")
    return c


async def test_the_review_the_pdf_and_the_indicator_say_the_owner_is_to_be_given(harness):
    c = await an_action_left_without_owner(harness, 9411)
    await c.send("/recap")
    review = "\n".join(m.get("text", "") for m in c.replies)
    assert f"• {LINE_FR}" in review, review
    assert "qui la porte" in review.split("Ce qui manque")[1]  # the same words there
    await c.press("📄 ")
    pdf = " ".join(pdf_text(harness, c.last).replace("\u00a0", " ").split())
    assert "Porteur : à renseigner · échéance : à renseigner" in pdf, pdf
    assert "⚠" not in pdf and "Porteur : —" not in pdf

    await open_home(c)
    await c.press("📊 Indicateurs")
    await c.press(" 11 · ")
    await c.press("⚠️ 1 · ")
    assert f"1. {LINE_FR}" in c.last_text, c.last_text


async def test_an_english_reader_reads_the_missing_owner_in_english(harness):
    c = await an_action_left_without_owner(harness, 9412)
    async with harness.database.transaction() as session:
        from models.tables import User

        user = await session.get(User, 9412)
        user.language = "en"
        session.add(user)
    await c.send("/recap")
    review = "\n".join(m.get("text", "") for m in c.replies)
    assert "• Isoler les toitures — missing person in charge ⚠️ — missing due date ⚠️" in review, review
