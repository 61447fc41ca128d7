"""An action whose due date is not given yet reads « échéance à renseigner ⚠️ » wherever its plan is
read (the review, the indicator's screen), in the words « Ce qui manque » uses: never a bare dash."""

from __future__ import annotations

from tests.conversations.test_bilans import pdf_text
from tests.dossier_steps import choose, join, open_home

MISSING = "Le responsable qualité — échéance à renseigner ⚠️"


async def an_action_left_without_due_date(harness, user_id: int, language: str = "fr"):
    """An indicator of engagement 1 whose first action was left at « Pour quand ? »."""
    d = await join(harness, user_id, language)
    await choose(d, [1])
    await open_home(d)
    await d.press("📊 Indicateurs")
    await d.press(" 1 · ")
    await d.press("➕ Ajouter un indicateur")
    await d.press("1 · ")
    for answer in (
        "Parce que nos logements restent abordables.",
        "12,5 %",
        "25 %",
        "12/2028",
        "Enquête de satisfaction",
        "Le responsable qualité",
    ):
        await d.send(answer)
    assert "Pour quand" in d.last_text, d.last_text
    return d


async def test_the_review_and_the_indicator_say_the_due_date_is_to_be_given(harness):
    d = await an_action_left_without_due_date(harness, 9301)
    await d.send("/recap")
    review = "\n".join(m.get("text", "") for m in d.replies)
    assert f"• Enquête de satisfaction — {MISSING}" in review, review
    assert "échéance à renseigner" in review.split("Ce qui manque")[1]  # the same words there
    await d.press("📄 ")
    pdf = pdf_text(harness, d.last)
    assert "échéance à renseigner" in pdf and "⚠" not in pdf, pdf  # the PDF has no emoji

    await open_home(d)
    await d.press("📊 Indicateurs")
    await d.press(" 1 · ")
    assert "⚠️ 1. " in d.last_text, d.last_text  # not done while an action misses its due date
    await d.press("⚠️ 1 · ")
    assert f"1. Enquête de satisfaction — {MISSING}" in d.last_text, d.last_text


async def test_an_english_reader_reads_the_missing_due_date_in_english(harness):
    d = await an_action_left_without_due_date(harness, 9302)
    async with harness.database.transaction() as session:
        from models.tables import User

        user = await session.get(User, 9302)
        user.language = "en"
        session.add(user)
    await d.send("/recap")
    review = "\n".join(m.get("text", "") for m in d.replies)
    assert "• Enquête de satisfaction — Le responsable qualité — missing due date ⚠️" in review, review
