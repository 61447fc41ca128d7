"""What a failure says, and to whom: the person whose answer was stored before Telegram refused the reply is
told it was saved and sees where they now are (their text given back only when nothing was stored); one
who blocked the bot is marked so, no failure for the admins; the admins' alert shows neither a member's
text (a database error's parameters) nor the token, and comes once for one error however often it comes
back; during a database outage the apology is in the language the person chose."""

from __future__ import annotations

from contextlib import asynccontextmanager

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import select
from telegram.error import TimedOut

from models.chat_state import load_position
from models.tables import Dossier, Indicator, User
from tests.conftest import ADMIN_ID
from tests.dossier_steps import choose, join, open_home, start_own_indicator
from tests.fakes.request import FakeRequest
from tests.harness import BOT_TOKEN

SAVED = "Sorry, something went wrong on our side as I answered, but your message was saved"
GIVEN_BACK = "your last message may not have been saved"
TITLE = "Share of BRS homes sold"


def admin_alerts(harness) -> list[str]:
    return [m.get("text", "") for m in harness.fake.messages.get(ADMIN_ID, [])]


async def at_the_title_question(harness, user_id: int):
    """A director at the first question (the title) of an indicator of the coop's own."""
    director = await join(harness, user_id, "en")
    await choose(director, [1])
    await start_own_indicator(director, 1)
    return director


async def indicators(harness) -> list[tuple[str, str | None]]:
    async with harness.database.transaction() as session:
        return [(row.title, row.rationale) for row in (await session.exec(select(Indicator))).all()]


@pytest.mark.parametrize("status, description", [(502, "Bad Gateway"), (500, "Internal Server Error")])
async def test_a_reply_refused_after_the_answer_was_stored_says_saved_and_shows_the_next_question(
    harness, status, description
):
    """Before, the bot said « your last message may not have been saved » and gave the title back; sent
    again as told, it became the answer to the next question (the rationale)."""
    director = await at_the_title_question(harness, 9710001)
    harness.fake.fail_next("sendMessage", status, description, chat_id=director.id)
    await director.send(TITLE, expect_error=True)
    assert SAVED in director.last_text and "no need to send it again" in director.last_text
    assert GIVEN_BACK not in director.reply_text()
    assert not any(reply.get("text") == TITLE for reply in director.replies), "nothing to send again"
    async with harness.database.transaction() as session:
        asked = (await load_position(session, director.id)).screen
    assert "Why" in director.last_text, f"the next question, where the position is ({asked})"
    await director.send("It shows our members own their homes.")
    assert await indicators(harness) == [(TITLE, "It shows our members own their homes.")]


async def test_a_reply_that_arrived_though_telegram_timed_out_says_saved(harness, monkeypatch):
    """A timeout where the message did arrive: the answer is saved, and said so."""
    director = await at_the_title_question(harness, 9710002)
    original, armed = FakeRequest.do_request, [1]

    async def arrives_then_times_out(self, url, method, request_data=None, *args, **kwargs):
        answer = await original(self, url, method, request_data, *args, **kwargs)
        if armed and url.endswith("/sendMessage"):
            armed.pop()
            raise TimedOut("Timed out")
        return answer

    monkeypatch.setattr(FakeRequest, "do_request", arrives_then_times_out)
    await director.send(TITLE, expect_error=True)
    assert SAVED in director.last_text
    assert not any(reply.get("text") == TITLE for reply in director.replies)
    assert await indicators(harness) == [(TITLE, None)]


async def test_a_refused_answer_whose_question_fails_to_show_is_given_back(harness, monkeypatch):
    """A refusal stores nothing: if Telegram then fails the question shown again, the text goes back
    (it was not saved), never « saved »."""
    director = await join(harness, 9710003, "en")
    await open_home(director)
    await director.press("👥 Approach")
    await director.press("✍️ Answer")
    original, sends = FakeRequest.do_request, []

    async def second_send_fails(self, url, method, request_data=None, *args, **kwargs):
        if url.endswith("/sendMessage"):
            sends.append(url)
            if len(sends) == 2:  # the refusal went; the question again fails
                raise TimedOut("Timed out")
        return await original(self, url, method, request_data, *args, **kwargs)

    monkeypatch.setattr(FakeRequest, "do_request", second_send_fails)
    await director.send("🏠🤝", expect_error=True)  # emoji alone: refused, nothing stored
    assert len(sends) >= 2 and "Emojis alone" in director.replies[0]["text"]
    assert SAVED not in director.reply_text()
    assert GIVEN_BACK in director.reply_text()
    async with harness.database.transaction() as session:
        assert (await session.exec(select(Dossier.approach))).one() is None


async def test_a_press_whose_screen_fails_shows_it_with_what_was_done(harness):
    director = await join(harness, 9710004, "en")
    await open_home(director)
    harness.fake.fail_next("editMessageText", 502, "Bad Gateway")
    await director.press("👥 Approach", expect_error=True)
    assert "what you did was taken into account" in director.last_text
    assert "✍️ Answer" in " ".join(director.buttons())


async def test_a_press_whose_answer_alone_fails_shows_its_screen_and_no_apology(harness, caplog):
    """The answer, sent with the screen, only stops the little clock on the button (Telegram's app stops
    it by itself): its failure is logged; the person sees their screen, and nothing else."""
    director = await join(harness, 9710006, "en")
    await open_home(director)
    harness.fake.fail_next("answerCallbackQuery", 502, "Bad Gateway", chat_id=None)
    await director.press("👥 Approach")
    assert harness.errors == []
    assert [reply["text"].splitlines()[0] for reply in director.replies] == ["👥 Approach and involvement"]
    assert "✍️ Answer" in " ".join(director.buttons())
    assert "a press was not answered: Bad Gateway" in caplog.text


async def test_a_person_who_blocks_the_bot_as_it_answers_is_marked_so_and_no_admin_is_alerted(harness):
    director = await join(harness, 9710005, "en")
    await open_home(director)
    await director.press("👥 Approach")
    await director.press("✍️ Answer")
    before = len(admin_alerts(harness))
    harness.fake.blocked_chats.add(director.id)
    await director.send("We involve every coopérateur.", expect_error=True)
    assert admin_alerts(harness)[before:] == []
    async with harness.database.transaction() as session:
        assert (await session.get(User, director.id)).is_active is False
        assert (await session.exec(select(Dossier.approach))).one() == "We involve every coopérateur."


async def at_the_approach(harness, user_id: int, coop: str):
    director = await join(harness, user_id, "fr", coop_name=coop)
    await open_home(director)
    await director.press("👥 Démarche")
    await director.press("✍️ Répondre")
    return director


async def test_a_database_error_alerts_without_its_parameters_and_once_for_all_who_hit_it(
    harness, monkeypatch
):
    """A deadlock carries its statement's parameters, a member's text among them: before, each text made
    an alert of its own, showing the text to the admins."""
    people = [await at_the_approach(harness, 9710010 + i, f"Coop {i}") for i in range(3)]
    from conversations.ui import shown

    async def deadlock(session, user_id, *args, **kwargs):
        raise OperationalError(
            "UPDATE chatstate SET draft=? WHERE chatstate.user_id = ?",
            (f"Texte confidentiel de {user_id}", user_id),
            Exception("deadlock detected"),
        )

    monkeypatch.setattr(shown, "store_position", deadlock)
    before = len(admin_alerts(harness))
    for person in people:
        await person.send("Notre démarche", expect_error=True)
    alerts = admin_alerts(harness)[before:]
    assert len(alerts) == 1 and "Exception at tests/hardening/test_failures_told.py:" in alerts[0]  # where
    assert not any("confidentiel" in alert or "chatstate" in alert for alert in alerts)


async def test_an_error_carrying_the_token_reaches_the_admins_without_it(harness, monkeypatch):
    director = await at_the_approach(harness, 9710020, "Coop Jeton")
    from conversations.ui import shown

    async def bug(*args, **kwargs):
        raise RuntimeError(f"GET https://api.telegram.org/file/bot{BOT_TOKEN}/documents/file_3.pdf failed")

    monkeypatch.setattr(shown, "store_position", bug)
    before = len(admin_alerts(harness))
    await director.send("Notre démarche", expect_error=True)
    alerts = admin_alerts(harness)[before:]
    assert len(alerts) == 1 and "RuntimeError at tests/hardening/test_failures_told.py:" in alerts[0]
    assert BOT_TOKEN not in alerts[0] and BOT_TOKEN.split(":")[1] not in alerts[0]


async def test_an_apology_while_the_database_is_away_is_in_the_language_chosen(harness, monkeypatch):
    """Chosen English in a French Telegram app: the database away, the language read at the last visit."""
    person = await join(harness, 9710030, "fr")
    await person.send("/language")
    await person.press("English")
    await open_home(person)
    await person.press("👥 Approach")
    database, away = harness.database, [False]
    transaction = database.transaction

    @asynccontextmanager
    async def unless_away():
        if away:
            raise ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 5432)")
        async with transaction() as session:
            yield session

    async def no_answer():
        raise ConnectionRefusedError(111, "Connect call failed")

    monkeypatch.setattr(database, "transaction", unless_away)
    monkeypatch.setattr(database, "ping", no_answer)
    await person.send("Our approach, typed while the database is away.", expect_error=True)
    assert person.replies and all("Sorry" in reply.get("text", "") or "Our approach" in reply.get("text", "")
                                  for reply in person.replies)  # fmt: skip
    assert "Désolé" not in person.reply_text()
