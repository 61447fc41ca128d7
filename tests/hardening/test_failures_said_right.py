"""A failure says something to the person, in words that fit them, and the admins learn where it is, not
what a member wrote: a screen Telegram refuses again and again (a 400 that repeats) still leaves the plain
« saved » line, where the apology was that same screen, refused, and nothing reached the person; a
button whose arguments name nothing any more (a ValueError or a LookupError of its action) gives the
person their screen back, its traceback kept in the log; any other failure of an action is told to the
admins, whose alert names its kind and the line of our code that raised it, never its text (« invalid literal for int(): '<a member's words>' »); federation staff in no coop are pointed
to their own command, not to /dossier they have not; an older button pressed by an admin with no position
saved opens their inbox, not the dossier home they have not (« Sorry… » and an alert before)."""

from __future__ import annotations

import json

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from conversations.dossier import engagements
from conversations.ui import router, states
from tests.conftest import ADMIN_ID
from tests.dossier_steps import choose, join
from tests.fakes.request import FakeRequest
from tests.hardening.test_failures_told import TITLE, admin_alerts, at_the_title_question

REFUSED = {
    "ok": False,
    "error_code": 400,
    "description": "Bad Request: can't parse entities: unsupported tag",
}
SORRY = "Sorry, something went wrong"
MEMBERS_WORDS = "Notre démarche confidentielle"


async def test_a_screen_telegram_always_refuses_still_gets_an_apology(harness, monkeypatch):
    director = await at_the_title_question(harness, 9719001)
    original = FakeRequest.do_request

    async def screens_refused(self, url, method, request_data=None, *args, **kwargs):
        params = request_data.parameters if request_data is not None else {}
        if url.endswith("/sendMessage") and "reply_markup" in params:
            return 400, json.dumps(REFUSED).encode()
        return await original(self, url, method, request_data, *args, **kwargs)

    monkeypatch.setattr(FakeRequest, "do_request", screens_refused)
    await director.send(TITLE, expect_error=True)
    told = [reply.get("text", "") for reply in director.replies]  # those of this message
    assert any("your message was saved" in text for text in told), f"nothing reached the person: {told}"


async def test_a_lookup_failing_in_an_action_gives_the_screen_back_and_logs_where(
    harness, monkeypatch, caplog
):
    member = await join(harness, 9719012, "en")
    await choose(member, [1])

    def broken(t, session, notice):
        raise KeyError(MEMBERS_WORDS)

    monkeypatch.setattr(engagements, "with_draft_again", broken)
    before = len(admin_alerts(harness))
    await member.press("⬜ 2 · ", member.last)
    assert member.alerts == ["This menu is out of date: here is where you are."]
    assert admin_alerts(harness)[before:] == []
    logged = [r for r in caplog.records if r.getMessage().startswith("button ") and r.exc_info]
    assert logged and logged[-1].levelname == "WARNING", caplog.records


async def test_an_actions_own_error_is_a_failure_alerted_with_where_not_the_members_text(
    harness, monkeypatch
):
    member = await join(harness, 9719011, "en")
    await choose(member, [1])

    def broken(t, session, notice):
        raise RuntimeError(f"could not read '{MEMBERS_WORDS}'")

    monkeypatch.setattr(engagements, "with_draft_again", broken)
    before = len(admin_alerts(harness))
    await member.press("⬜ 2 · ", member.last, expect_error=True)
    assert member.alerts != ["This menu is out of date: here is where you are."]
    assert SORRY in member.reply_text()
    alerts = admin_alerts(harness)[before:]
    assert len(alerts) == 1 and "RuntimeError at tests/hardening/test_failures_said_right.py:" in alerts[0]
    assert "in broken" in alerts[0] and MEMBERS_WORDS not in alerts[0], alerts


async def test_an_admin_in_no_coop_is_pointed_to_their_requests_not_to_the_dossier(harness, monkeypatch):
    admin = harness.user(ADMIN_ID, "Alex", "en")

    async def broken(context, session, data):
        raise RuntimeError("the inbox could not be drawn")

    monkeypatch.setitem(router._SCREENS, states.INBOX, broken)
    await admin.send("/requests", expect_error=True)
    sorry = [m.get("text", "") for m in admin.replies if m.get("text", "").startswith(SORRY)]  # not the alert
    assert len(sorry) == 1 and "/requests" in sorry[0] and "/dossier" not in sorry[0], sorry


async def admin_presses_an_older_button(harness, data: str):
    """The admin (in no coop, no position saved) presses a button of an older version's notice."""
    admin = harness.user(ADMIN_ID, "Alex", "en")
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Open", callback_data=data)]])
    sent = await harness.application.bot.send_message(ADMIN_ID, "An older notice", reply_markup=markup)
    await admin.press_data(harness.fake.find_message(ADMIN_ID, sent.message_id), data, expect_error=True)
    told = " ".join(reply.get("text", "") for reply in admin.replies)
    assert SORRY not in told and harness.errors == [], (told, harness.errors)
    assert "This menu is out of date" in " ".join(admin.alerts)


async def test_an_older_inbox_button_pressed_by_an_admin_with_no_position_opens_their_inbox(harness):
    await admin_presses_an_older_button(harness, "ibx:1:1:9")  # a known prefix, other arguments


async def test_an_unknown_button_pressed_by_an_admin_with_no_position_opens_their_inbox(harness):
    await admin_presses_an_older_button(harness, "zzz:1")


async def test_someone_in_no_coop_is_pointed_to_help_not_to_a_dossier(harness, monkeypatch):
    """A coopérateur who voted by a consultation's link, a newcomer: /dossier would only say « not part
    of a coop yet »; /aide says what they may do."""
    import conversations.onboarding as onboarding

    newcomer = harness.user(9719031, "Nour", "fr")
    await newcomer.send("/start")

    def broken(visitor):
        raise RuntimeError("the help could not be drawn")

    monkeypatch.setattr(onboarding, "command_sections", broken)
    await newcomer.send("/aide", expect_error=True)
    sorry = [m.get("text", "") for m in newcomer.replies if m.get("text", "").startswith("Désolé")]
    assert len(sorry) == 1 and "/aide" in sorry[0] and "/dossier" not in sorry[0], sorry
