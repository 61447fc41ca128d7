"""The involvement's 4th field asks whether the team and the coopérateurs were consulted (domain.md: the coop
shows how it informed the whole team and the coopérateurs, and « comment elle les a éventuellement
consultés »): both, by name, not « ils » right after the coopérateurs' question, in the question, the
part's screen, the list of what is missing and the review; in French and in English."""

from __future__ import annotations

from tests.dossier_steps import join, open_home

LABEL_FR = "Consultation des salariés et des coopérateurs"
QUESTION_FR = (
    "Les salariés et les coopérateurs ont-ils été consultés sur les engagements, les indicateurs ou les "
    "valeurs cibles\u00a0? Comment\u00a0?"
)


async def test_the_consultation_question_names_the_team_and_the_cooperateurs(harness):
    c = await join(harness, 9401, "fr")
    await open_home(c)
    await c.press("👥 Démarche")
    assert LABEL_FR in c.last_text, c.last_text
    assert "Consultation des coopérateurs" not in c.last_text
    await c.press("✍️ Répondre")
    for text in ("Notre démarche.", "Réunion d’équipe.", "Lettre aux habitants."):
        await c.send(text)
    assert QUESTION_FR in c.last_text, c.last_text
    assert "pas encore" in c.last_text  # its example still allows an honest « not yet »
    await c.send("/annuler")
    await c.send("/recap")
    review = "\n".join(m.get("text", "") for m in c.replies)
    assert LABEL_FR in review  # the question in the review
    assert f"{LABEL_FR[:1].lower()}{LABEL_FR[1:]} à renseigner" in review.split("Ce qui manque")[1], review


async def test_an_english_reader_is_asked_about_the_staff_and_the_cooperateurs(harness):
    c = await join(harness, 9402, "en")
    await open_home(c)
    await c.press("👥 Approach")
    assert "Consultation of the staff and the coopérateurs" in c.last_text, c.last_text
    await c.press("✍️ Answer")
    for text in ("Our approach.", "Team meeting.", "Letter to residents."):
        await c.send(text)
    asked = "Were the staff and the coopérateurs consulted on the engagements, indicators or targets? How?"
    assert asked in c.last_text, c.last_text
