"""Faults during a conversation: the Bot API answering 500, 429 or timing out when the bot replies, and
the database failing in the middle of a handler. The answer typed is saved (or, when the database
failed, nothing at all is: no value without its position), and the user is told.

The process-level faults (SIGKILL during writes, a broadcast and a reminder sweep) are in
test_kills.py.
"""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import select
from telegram.error import TimedOut

from models.chat_state import load_position
from models.tables import Dossier
from tests.dossier_steps import join, open_home
from tests.fakes.request import FakeRequest
from tests.submitted_rows import complete_content

SORRY = "Sorry, something went wrong on our side"


async def at_the_approach_question(harness, user_id: int):
    """A director on the question « approach » of the involvement part."""
    director = await join(harness, user_id, "en")
    await open_home(director)
    await director.press("👥 Approach")
    await director.press("✍️ Answer")
    return director


async def approach(harness) -> str | None:
    async with harness.database.transaction() as session:
        return (await session.exec(select(Dossier.approach))).one()


@pytest.mark.parametrize(
    "status, description",
    [(500, "Internal Server Error"), (429, "Too Many Requests: retry after 1"), (502, "Bad Gateway")],
)
async def test_a_bot_api_error_while_replying_loses_no_answer(harness, status, description):
    director = await at_the_approach_question(harness, 9700001)
    harness.fake.fail_next("sendMessage", status, description, chat_id=director.id)
    await director.send("We involve every coopérateur.", expect_error=True)
    assert await approach(harness) == "We involve every coopérateur."  # saved before the reply
    assert harness.errors, "the failed reply reached the error handler"
    assert SORRY in director.reply_text()  # told, once Telegram answered again
    await director.send("/dossier")  # and the conversation goes on
    assert "Approach" in " ".join(director.buttons())


async def test_a_timeout_while_replying_loses_no_answer(harness, monkeypatch):
    director = await at_the_approach_question(harness, 9700002)
    original, failures = FakeRequest.do_request, [1]

    async def slow_once(self, url, method, request_data=None, *args, **kwargs):
        if failures and url.endswith("/sendMessage"):
            failures.pop()
            raise TimedOut("Timed out")
        return await original(self, url, method, request_data, *args, **kwargs)

    monkeypatch.setattr(FakeRequest, "do_request", slow_once)
    await director.send("Our approach, typed on a train.", expect_error=True)
    assert await approach(harness) == "Our approach, typed on a train."
    assert isinstance(harness.errors[-1], TimedOut)
    assert SORRY in director.reply_text()


TOO_LATE = "Bad Request: query is too old and response timeout expired or query ID is invalid"


async def test_a_press_telegram_no_longer_waits_for_still_draws_its_screen(harness):
    """Handled late (the bot was down a minute; a killed instance's press handled by another), a press
    is refused its answer by Telegram: its work is done and its screen drawn, nobody told of a failure."""
    director = await join(harness, 9700003, "en")
    await open_home(director)
    harness.fake.fail_next("answerCallbackQuery", 400, TOO_LATE)
    await director.press("👥 Approach")
    assert harness.errors == []
    assert "✍️ Answer" in " ".join(director.buttons())  # the screen of the press
    assert not any(SORRY in text for text in director.texts())
    harness.fake.fail_next("answerCallbackQuery", 400, "Bad Request: chat not found")
    await director.press("✍️ Answer", expect_error=True)  # any other refusal is still a failure
    assert harness.errors


async def test_a_database_error_mid_handler_writes_nothing_and_says_so(harness, monkeypatch):
    director = await at_the_approach_question(harness, 9700003)
    async with harness.database.transaction() as session:
        before = await load_position(session, director.id)
    from conversations.ui import shown

    async def database_gone(*args, **kwargs):
        raise OperationalError("UPDATE chatstate", {}, Exception("database is locked"))

    monkeypatch.setattr(shown, "store_position", database_gone)  # after the value, before the position
    await director.send("Half of this must not stay.", expect_error=True)
    assert isinstance(harness.errors[-1], OperationalError)
    assert SORRY in director.reply_text()
    assert director.last_text == "Half of this must not stay."  # sent back whole, to send again
    monkeypatch.undo()
    assert await approach(harness) is None  # the value went with the position: nothing half-written
    async with harness.database.transaction() as session:
        assert await load_position(session, director.id) == before
    await director.send("Our approach, again.")  # still at the question: the answer is taken now
    assert await approach(harness) == "Our approach, again."


PEOPLE = range(9_750_000, 9_750_008)


async def a_checkpoint_in_seven_days(harness) -> None:
    """A coop of eight members whose six-month checkpoint is due in 7 days: eight reminders due now."""
    from datetime import timedelta

    from models.clock import add_months, paris_today
    from models.coops import join_with_invitation
    from models.dossier.current import current_dossier
    from models.label.lifecycle import Role, Transition
    from models.label.transitions import apply_transition
    from models.tables import DossierStatus
    from models.users import touch_user
    from tests.conftest import NOW

    invitations = await harness.add_coop("Coop Rappelée")
    async with harness.database.transaction() as session:
        for user_id in PEOPLE:
            await touch_user(session, user_id, first_name="P", telegram_language="fr", now=NOW)
            await join_with_invitation(session, user_id, invitations.member_token, now=NOW)
        dossier = await current_dossier(session, invitations.coop.id)
        dossier.status = DossierStatus.SUBMITTED
        await complete_content(session, dossier)
        admissible_on = add_months(paris_today(NOW) + timedelta(days=7), -6)  # six months due in 7 days
        await apply_transition(
            session, dossier, Transition.DECLARE_ADMISSIBLE, role=Role.COMMITTEE, actor_id=None,
            comment="", on_date=admissible_on, now=NOW,
        )  # fmt: skip


def dies_on_send(monkeypatch, number: int) -> None:
    """The process dies (nothing runs after it) during its ``number``-th sendMessage."""
    import asyncio

    original, sends = FakeRequest.do_request, []

    async def dying(self, url, method, request_data=None, *args, **kwargs):
        if url.endswith("/sendMessage"):
            sends.append(url)
            if len(sends) == number:
                raise asyncio.CancelledError  # SIGKILL, as far as this process goes
        return await original(self, url, method, request_data, *args, **kwargs)

    monkeypatch.setattr(FakeRequest, "do_request", dying)


async def reminder_statuses(harness) -> dict[int, str]:
    """Each person's reminder row status."""
    from models.tables import SentReminder

    async with harness.database.transaction() as session:
        rows = (await session.exec(select(SentReminder.user_id, SentReminder.status))).all()
    return dict(rows)


async def test_a_crash_mid_sweep_then_a_restart_sends_every_reminder_once(harness, monkeypatch):
    """The checkpoint reminders' sweep dies during its third send (the process is gone: nothing runs
    after it); after a restart, the sweep sends the rest, and nobody gets one twice."""
    import asyncio
    from collections import Counter

    from bot.delivery.reminders import sweep_reminders
    from models.tables import DeliveryStatus

    await a_checkpoint_in_seven_days(harness)
    dies_on_send(monkeypatch, 3)
    with pytest.raises(asyncio.CancelledError):
        await sweep_reminders(harness.application)
    monkeypatch.undo()
    await harness.restart()
    await sweep_reminders(harness.application)
    received = Counter(c.chat_id for c in harness.fake.calls if c.method == "sendMessage" and c.ok)
    statuses = await reminder_statuses(harness)
    assert set(statuses) == set(PEOPLE)  # one row each (the unique key)
    assert max(received[p] for p in PEOPLE) == 1  # nobody twice
    assert sum(1 for p in PEOPLE if received[p] == 0) == 1  # the one in flight: uncertain, not resent
    assert Counter(statuses.values()) == {DeliveryStatus.SENT: 7, DeliveryStatus.UNCERTAIN: 1}


async def test_reminders_left_pending_by_a_killed_sweep_go_at_the_next_and_the_one_in_flight_never(
    harness, monkeypatch
):
    """Killed during its first send, right after the hand-over: the rows say what was left. The next
    run sends every pending one, rendered from its row, and never the one that was being sent."""
    import asyncio
    from collections import Counter

    from bot.delivery.reminders import sweep_reminders
    from models.tables import DeliveryStatus

    await a_checkpoint_in_seven_days(harness)
    dies_on_send(monkeypatch, 1)
    with pytest.raises(asyncio.CancelledError):
        await sweep_reminders(harness.application)
    monkeypatch.undo()
    before = await reminder_statuses(harness)
    assert Counter(before.values()) == {DeliveryStatus.PENDING: 7, DeliveryStatus.SENDING: 1}
    in_flight = next(p for p, status in before.items() if status == DeliveryStatus.SENDING)
    await harness.restart()
    assert await sweep_reminders(harness.application) == 7
    assert await sweep_reminders(harness.application) == 0  # nothing left, nothing twice
    sent = [c for c in harness.fake.calls if c.method == "sendMessage" and c.ok]
    assert Counter(c.chat_id for c in sent) == Counter(p for p in PEOPLE if p != in_flight)
    assert all("Coop Rappelée" in str(c.params["text"]) for c in sent)  # rendered from the row
    assert all("dans 7 jours" in str(c.params["text"]) for c in sent)
    after = await reminder_statuses(harness)
    assert after[in_flight] == DeliveryStatus.UNCERTAIN  # maybe received: never resent
    assert Counter(after.values()) == {DeliveryStatus.SENT: 7, DeliveryStatus.UNCERTAIN: 1}
