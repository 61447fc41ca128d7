"""Reminders over 40 simulated months: exact dates and kinds, never at night, never twice."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.delivery.reminders import sweep_reminders
from models.clock import add_months
from models.coops import coop_users, join_with_invitation
from models.dossier.current import current_dossier
from models.label.lifecycle import Role, Transition
from models.label.reminders import DueEvent, reminders_due, send_instant
from models.label.transitions import apply_transition
from models.tables import DossierStatus, FederationRoleName, ProgressReport, ReportStatus, User
from models.users import grant_federation_role, set_language, touch_user
from tests.harness import BotHarness
from tests.submitted_rows import complete_content

PARIS = ZoneInfo("Europe/Paris")
A = date(2027, 1, 15)  # admissible
VISIT_HELD = date(2028, 7, 15)
LABEL = date(2028, 8, 1)  # mid-term at L + 18 months = 1 February 2030
OUTAGE = (
    datetime(2028, 7, 1, tzinfo=PARIS),
    datetime(2028, 7, 15, 8, tzinfo=PARIS),
)  # covers 7 and 1 days before the visit
RESTART_AT = date(2027, 12, 1)
BLOCKED_FROM = date(2027, 5, 1)
END = date(2030, 5, 15)  # 40 months after A
SWEEP_TIMES = (time(3, 0), time(9, 5), time(22, 0))  # a night sweep, a morning one, a late one
COMMITTEE_ID = 8000001


class Clock:
    def __init__(self) -> None:
        self.now = datetime.combine(A, time(8), tzinfo=PARIS)

    def __call__(self) -> datetime:
        return self.now


def expected_dates(due: date, leads=(30, 7, 1)) -> list[date]:
    return sorted(due - timedelta(days=lead) for lead in leads)


@pytest.fixture
async def followed(tmp_path):
    clock = Clock()
    bot = BotHarness(tmp_path, clock=clock)
    await bot.start()
    invitations = await bot.add_coop("Coop Rappel")
    async with bot.database.transaction() as session:
        for user_id, language in ((801, "fr"), (802, "en"), (803, "fr")):
            await touch_user(session, user_id, first_name=f"U{user_id}", telegram_language=language)
            await set_language(session, user_id, language)
            await join_with_invitation(session, user_id, invitations.member_token, now=clock())
        dossier = await current_dossier(session, invitations.coop.id)
        dossier.status = DossierStatus.SUBMITTED
        await complete_content(session, dossier)
        await apply_transition(
            session,
            dossier,
            Transition.DECLARE_ADMISSIBLE,
            role=Role.COMMITTEE,
            actor_id=COMMITTEE_ID,
            comment="",
            on_date=A,
            now=clock(),
        )
    yield bot, clock, invitations.coop.id
    await bot.stop()


async def committee_acts(bot, clock, coop_id, transition, on_date, checkpoint=None) -> None:
    async with bot.database.transaction() as session:
        dossier = await current_dossier(session, coop_id)
        await apply_transition(
            session,
            dossier,
            transition,
            role=Role.COMMITTEE,
            actor_id=COMMITTEE_ID,
            comment="",
            on_date=on_date,
            checkpoint=checkpoint,
            now=clock(),
        )


async def test_forty_months_of_reminders(followed):
    bot, clock, coop_id = followed
    received: dict[int, list[tuple[datetime, str]]] = {801: [], 802: [], 803: []}
    actions = {  # what the committee does, at 15:00 on these days
        add_months(A, 6): (Transition.RECORD_CHECKPOINT, "six_months"),
        add_months(A, 12): (Transition.RECORD_CHECKPOINT, "twelve_months"),
        VISIT_HELD: (Transition.RECORD_VISIT, None),
        LABEL: (Transition.GRANT_LABEL, None),
    }
    day = A
    restarted = False
    while day <= END:
        if day == BLOCKED_FROM:
            bot.fake.blocked_chats.add(803)
        if day == RESTART_AT and not restarted:
            await bot.restart()  # a new process: nothing held in memory survives
            restarted = True
        for moment in SWEEP_TIMES:
            clock.now = datetime.combine(day, moment, tzinfo=PARIS)
            if OUTAGE[0] <= clock.now < OUTAGE[1]:
                continue  # the bot is down
            first_call = len(bot.fake.calls)
            await sweep_reminders(bot.application)
            if moment == time(9, 5):
                await sweep_reminders(bot.application)  # a second sweep at once sends nothing more
            for call in bot.fake.calls[first_call:]:
                if call.method == "sendMessage" and call.ok:
                    received[call.chat_id].append((clock.now, re.sub(r"<[^>]+>", "", call.params["text"])))
        if day in actions:
            clock.now = datetime.combine(day, time(15), tzinfo=PARIS)
            transition, checkpoint = actions[day]
            await committee_acts(bot, clock, coop_id, transition, day, checkpoint)
        day += timedelta(days=1)

    six, twelve, visit = add_months(A, 6), add_months(A, 12), add_months(A, 18)
    mid_term = add_months(LABEL, 18)
    expected = (
        expected_dates(six)
        + expected_dates(twelve)
        + [visit - timedelta(days=30), visit]
        + expected_dates(mid_term)
    )
    for user_id, language in ((801, "fr"), (802, "en")):
        got = received[user_id]
        assert [moment.date() for moment, _ in got] == expected, user_id
        assert all(time(9) <= moment.timetz().replace(tzinfo=None) < time(21) for moment, _ in got)
        kinds = [text.split("\n")[0] for _, text in got]
        if language == "fr":
            assert kinds[0] == "⏰ Point d’étape à 6 mois — dans 30 jours\u00a0: jeudi 15 juillet 2027"
            assert kinds[2] == "⏰ Point d’étape à 6 mois — demain\u00a0: jeudi 15 juillet 2027"
            assert "Rappel (envoyé en retard" in got[7][1]  # the visit's catch-up, once, on the day
            # a deadline, not an appointment on a Saturday
            assert (
                "Visite du comité (18 mois) — au plus tard le samedi 15 juillet 2028 (aujourd’hui)"
                in got[7][1]
            )
            assert "Point d’étape à mi-parcours du label" in got[8][1]
        else:
            assert kinds[0] == "⏰ 6-month checkpoint — in 30 days: Thursday 15 July 2027"
            assert "Reminder (sent late" in got[7][1]
    assert received[803] == []  # blocked before its first reminder: marked inactive, never written to
    async with bot.database.transaction() as session:
        assert (await session.get(User, 803)).is_active is False
        assert [u.id for u in await coop_users(session, coop_id)] == [801, 802]


async def test_committee_members_are_reminded_of_waiting_dossiers(tmp_path):
    clock = Clock()
    bot = BotHarness(tmp_path, clock=clock)
    await bot.start()
    try:
        invitations = await bot.add_coop("Coop Attente")
        async with bot.database.transaction() as session:
            await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
            await touch_user(session, COMMITTEE_ID, first_name="Claude", telegram_language="en")
            dossier = await current_dossier(session, invitations.coop.id)
            dossier.status = DossierStatus.SUBMITTED
            session.add(dossier)
        meeting = date(2027, 3, 2)  # first Tuesday of March 2027
        sent, buttons = [], []
        day = date(2027, 1, 20)
        while day <= meeting:
            clock.now = datetime.combine(day, time(10), tzinfo=PARIS)
            first_call = len(bot.fake.calls)
            await sweep_reminders(bot.application)
            sent += [
                (day, re.sub(r"<[^>]+>", "", c.params["text"]))
                for c in bot.fake.calls[first_call:]
                if c.method == "sendMessage"
            ]
            buttons += [
                b["callback_data"]
                for c in bot.fake.calls[first_call:]
                if c.method == "sendMessage"
                for row in c.params["reply_markup"]["inline_keyboard"]
                for b in row
            ]
            day += timedelta(days=1)
        assert [d for d, _ in sent] == expected_dates(meeting)
        assert "Validation committee meeting — in 30 days: Tuesday 2 March 2027" in sent[0][1]
        assert "1 dossier is waiting for a decision." in sent[0][1]
        assert buttons == ["cm", "cm", "cm"]  # straight to the committee's list
    finally:
        await bot.stop()


def test_catch_up_logic_is_pure_and_exact():
    event = DueEvent(key="k", kind="visit", due_on=date(2028, 7, 15), recipients=(1,))
    at = lambda d, h=10: datetime.combine(d, time(h), tzinfo=PARIS)  # noqa: E731
    assert reminders_due([event], {}, at(date(2028, 6, 14))) == []
    first = reminders_due([event], {}, at(date(2028, 6, 15)))
    assert [(r.lead_days, r.catch_up) for r in first] == [(30, False)]
    late = reminders_due([event], {(1, "k"): 30}, at(date(2028, 7, 15)))
    assert [(r.lead_days, r.catch_up) for r in late] == [(1, True)]
    assert reminders_due([event], {(1, "k"): 1}, at(date(2028, 7, 15))) == []
    # nothing sent before: the event may be new (a late submission), not the assistant late
    unknown = reminders_due([event], {}, at(date(2028, 7, 15)))
    assert [(r.lead_days, r.catch_up) for r in unknown] == [(1, False)]
    on_time = reminders_due([event], {(1, "k"): 30}, at(date(2028, 7, 8)))  # the 7 days, on its day
    assert [(r.lead_days, r.catch_up) for r in on_time] == [(7, False)]
    assert reminders_due([event], {}, at(date(2028, 7, 16))) == []  # past: nothing
    assert reminders_due([event], {}, at(date(2028, 6, 15), 3)) == []  # night: wait
    # 9:00 Paris is 07:00 UTC in summer and 08:00 UTC in winter
    assert send_instant(date(2028, 7, 15), 30) == datetime(2028, 6, 15, 7, tzinfo=UTC)
    assert send_instant(date(2028, 1, 15), 30) == datetime(2027, 12, 16, 8, tzinfo=UTC)


def test_a_coop_reminder_leads_to_the_progress_screen():
    from conversations.follow_up.calendar import reminder_message
    from locales import translator
    from models.label.reminders import Reminder

    event = DueEvent(
        key="k", kind="six_months", due_on=date(2027, 7, 15), recipients=(1,), coop_name="Coop A"
    )
    text, markup = reminder_message(translator("fr"), Reminder(1, event, 7, False), date(2027, 7, 8))
    assert "dans 7 jours" in text and "/progres" in text
    # an interim checkpoint's reminder also invites to prepare the bilan d'étape (issue 14)
    assert "Préparez votre bilan d’étape" in text
    assert [b.callback_data for row in markup.inline_keyboard for b in row] == [
        "bl:6",
        "pg",
        "cal",
    ]  # its bilan
    visit = DueEvent(key="v", kind="visit", due_on=date(2027, 7, 15), recipients=(1,), coop_name="Coop A")
    _text, markup = reminder_message(translator("fr"), Reminder(1, visit, 7, False), date(2027, 7, 8))
    assert [b.callback_data for row in markup.inline_keyboard for b in row] == ["pg", "cal"]


def test_the_label_end_reminder_says_what_the_coop_will_do():
    from conversations.follow_up.calendar import reminder_message
    from locales import translator
    from models.label.reminders import Reminder

    end = DueEvent(key="e", kind="expiry", due_on=date(2029, 11, 22), recipients=(1,), coop_name="Coop A")
    text, _markup = reminder_message(translator("fr"), Reminder(1, end, 30, False), date(2029, 10, 23))
    # domain.md: the coop applies for the renewal; the committee opens its new dossier
    assert "le comité ouvre alors votre renouvellement" in text and "à compléter et à soumettre" in text
    assert "le comité peut ouvrir" not in text


async def test_a_reminder_after_the_bilan_was_sent_says_so_instead_of_inviting_to_prepare_it(followed):
    bot, clock, coop_id = followed
    async with bot.database.transaction() as session:
        dossier = await current_dossier(session, coop_id)
        sent = datetime(2027, 6, 20, 15, tzinfo=PARIS)
        session.add(
            ProgressReport(dossier_id=dossier.id, checkpoint_kind="six_months", status=ReportStatus.SENT,
                           created_by=801, created_at=sent, updated_at=sent, sent_by=801, sent_at=sent)
        )  # fmt: skip
    six_months = add_months(A, 6)
    clock.now = datetime.combine(six_months - timedelta(days=7), time(9, 5), tzinfo=PARIS)
    await sweep_reminders(bot.application)
    member = bot.user(801, "U801", "fr")
    assert "✅ Votre bilan d’étape a été envoyé le 20 juin 2027." in member.last_text
    assert "Préparez votre bilan" not in member.last_text and "📝 Préparer le bilan" not in member.buttons()
