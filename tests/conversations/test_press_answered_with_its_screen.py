"""A press is answered while its screen is drawn, the screen's request first (``messages.answer_while``):
over HTTP/1.1 the first of two requests at once takes the connection already open to Telegram."""

from __future__ import annotations

from tests.dossier_steps import join, open_home


async def test_the_screen_is_asked_first_and_the_press_answered_with_it(harness):
    director = await join(harness, 9720001, "fr")
    await open_home(director)
    first = len(harness.fake.calls)
    await director.press("👥 Démarche")
    made = [(call.method, call.ok) for call in harness.fake.calls[first:]]
    assert made == [("editMessageText", True), ("answerCallbackQuery", True)]
    assert "✍️ Répondre" in " ".join(director.buttons())


async def test_an_answer_that_cannot_go_out_leaves_the_screen_drawn(harness):
    director = await join(harness, 9720002, "fr")
    await open_home(director)
    harness.fake.fail_next("answerCallbackQuery", 429, "Too Many Requests: retry after 1", chat_id=None)
    await director.press("👥 Démarche")
    assert harness.errors == []
    assert director.replies[0]["text"].startswith("👥 Démarche")
