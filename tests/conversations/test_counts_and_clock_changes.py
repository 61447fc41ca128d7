"""Counts written the reader's way wherever they are shown, one way of writing a percentage, and a
meeting typed at a Paris time the clocks skip or show twice refused with the change said."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from sqlmodel import select

from conversations.federation.dashboard import percent
from conversations.federation.request_notices import recipients_line
from conversations.render.commitments.consultations import consultation_view, results_lines
from conversations.render.formatting import format_percent
from locales import Translator
from models.announcements import create_announcement, update_announcement
from models.consultations.answers import Results
from models.federation.requests import ReplyRecipients
from models.parsing.meeting_time import parse_meeting_time
from models.parsing.text import InputError
from models.tables import Announcement, Consultation
from tests.conftest import ADMIN_ID

NBSP, NNBSP = "\u00a0", "\u202f"
BEFORE_SPRING = datetime(2027, 1, 10, tzinfo=UTC)


def closed_consultation_view(language: str, answered: int, reached: int):
    """A closed consultation answered by ``answered`` of ``reached`` people, all for « Oui »."""
    consultation = Consultation(
        id=1,
        coop_id=1,
        dossier_id=1,
        created_by=1,
        status="closed",
        question="Q ?",
        choices=json.dumps(["Oui", "Non"]),
        closes_on=date(2027, 3, 1),
        opened_at=datetime(2027, 2, 1, 9, tzinfo=UTC),
        closed_at=datetime(2027, 3, 1, 22, tzinfo=UTC),
    )
    results = Results(reached=reached, answered=answered, votes=(answered, 0), comments=())
    now = datetime(2027, 3, 5, tzinfo=UTC)
    return consultation_view(Translator(language), None, consultation, results, now)


@pytest.mark.parametrize(
    ("language", "participation", "votes"),
    [
        (
            "fr",
            f"1{NNBSP}137{NBSP}réponses sur 1{NNBSP}500{NBSP}personnes consultées (76{NBSP}%)",
            "1\u202f137",
        ),
        ("en", "1,137 answers out of 1,500 people reached (76%)", "1,137"),
    ],
)
def test_a_consultation_counts_its_answers_as_its_votes(language, participation, votes):
    """« 1 137 réponses sur 1 500 personnes », as the votes beside them (it read « 1137 … 1500 »)."""
    view = closed_consultation_view(language, 1137, 1500)
    lines = results_lines(view)
    assert lines[0] == participation
    assert f"<b>{votes}</b>" in lines[1]


def test_one_writer_is_not_told_each_in_their_language():
    """One person is not « each », nor « the people »; several are (the reply, never translated, names
    the language each reads: ``test_reply_languages_named``)."""
    english = Translator("en")
    one = recipients_line(english, ReplyRecipients(user_ids=[1], writers=1, kind="writers"), ["en"])
    assert one == (
        "1 person wrote in this request: they get your reply. It goes as you write it, without translation. "
        "Language of the person who gets it: English."
    )
    two = recipients_line(english, ReplyRecipients(user_ids=[1, 2], writers=2, kind="writers"), ["en", "en"])
    assert two.startswith("2 people wrote in this request: they get your reply."), two
    assert two.endswith("Languages of the people who get it: English (2)."), two
    french = recipients_line(Translator("fr"), ReplyRecipients(user_ids=[1], writers=1, kind="writers"))
    assert french == f"1{NBSP}personne a écrit dans cette demande{NBSP}: elle reçoit votre réponse."


async def test_attendance_counts_are_grouped_like_the_delivery_counts(harness, monkeypatch):
    """« 1 250 participeront · 1 001 ne pourront pas », as the sending report writes its counts."""
    from conversations.federation import announcements

    async def many(session, announcement_id):
        return 1250, 1001

    monkeypatch.setattr(announcements, "answer_counts", many)
    async with harness.database.transaction() as session:
        announcement = await create_announcement(session, ADMIN_ID, "VisioCoop")
        await update_announcement(session, announcement, "starts_at", datetime(2026, 12, 9, 8, tzinfo=UTC))
    admin = harness.user(ADMIN_ID, "Alix", "fr")
    await admin.send("/start")
    await admin.press_data(admin.last, f"anv:{announcement.id}")
    assert admin.alerts == [f"1{NNBSP}250 participeront · 1{NNBSP}001 ne pourront pas"]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_percentage_has_one_space_rule(language):
    """The dashboard's share is written as every other percentage: « 79,6 % » with a no-break space."""
    t = Translator(language)
    assert percent(t, 796) == ("79,6\u00a0%" if language == "fr" else "79.6%")
    assert percent(t, 800) == format_percent(t, 80)
    assert NNBSP not in percent(t, 796)


@pytest.mark.parametrize(
    ("typed", "code", "start", "end"),
    [
        ("28/03/2027 2h30", "time_skipped", (2, 0), (3, 0)),
        ("28/03/2027 2h", "time_skipped", (2, 0), (3, 0)),
        ("28/03/2027 2h59", "time_skipped", (2, 0), (3, 0)),
        ("31/10/2027 2h30", "time_repeated", (3, 0), (2, 0)),
        ("31/10/2027 2h", "time_repeated", (3, 0), (2, 0)),
    ],
)
def test_a_time_the_clocks_skip_or_repeat_is_refused(typed, code, start, end):
    """zoneinfo would move 2:30 to 3:30 in March and pick the first of two 2:30 in October, silently."""
    with pytest.raises(InputError) as refused:
        parse_meeting_time(typed, "fr", BEFORE_SPRING)
    params = refused.value.params
    assert refused.value.code == code
    assert (params["start"].hour, params["start"].minute, params["end"].hour) == (*start, end[0])


@pytest.mark.parametrize(
    ("typed", "instant"),
    [
        ("28/03/2027 1h59", datetime(2027, 3, 28, 0, 59, tzinfo=UTC)),
        ("28/03/2027 3h", datetime(2027, 3, 28, 1, 0, tzinfo=UTC)),
        ("31/10/2027 1h59", datetime(2027, 10, 30, 23, 59, tzinfo=UTC)),
        ("31/10/2027 3h", datetime(2027, 10, 31, 2, 0, tzinfo=UTC)),
    ],
)
def test_the_times_around_a_change_are_read(typed, instant):
    """Just before and at the end of the change, the time exists once: taken."""
    assert parse_meeting_time(typed, "fr", BEFORE_SPRING) == instant


async def compose_until_when(harness, language: str):
    """An admin at the announcement's date question."""
    admin = harness.user(ADMIN_ID, "Alix", language)
    await admin.send("/annonce")
    await admin.send("VisioCoop test")
    return admin


@pytest.mark.parametrize(
    ("language", "typed", "refusal", "example"),
    [
        (
            "fr",
            "28 mars 2027 à 2h30",
            f"⚠️ Le 28 mars 2027, l’heure passe de 2 h à 3 h{NBSP}: 2 h 30 n’existe pas. "
            "Tapez une autre heure, ex. 28 mars 2027 à 3 h.",
            "28 mars 2027 à 3 h",
        ),
        (
            "fr",
            "31 octobre 2027 à 2h30",
            f"⚠️ Le 31 octobre 2027, l’heure recule de 3 h à 2 h{NBSP}: 2 h 30 passe deux fois, et l’annonce "
            "ne pourrait pas dire laquelle. Tapez une autre heure, ex. 31 octobre 2027 à 3 h.",
            "31 octobre 2027 à 3 h",
        ),
        (
            "en",
            "28 March 2027 at 2:30",
            "⚠️ On 28 March 2027, the clocks go forward from 2:00 to 3:00: 2:30 does not exist. "
            "Please type another time, e.g. 28 March 2027 at 3:00.",
            "28 March 2027 at 3:00",
        ),
    ],
)
async def test_the_composer_says_the_change_and_takes_its_example(harness, language, typed, refusal, example):
    """The refusal names the change and a time that exists; the question comes again; its example is read."""
    admin = await compose_until_when(harness, language)
    await admin.send(typed)
    said = admin.reply_text()
    assert refusal in said, said
    assert "✅" not in said
    async with harness.database.transaction() as session:
        (announcement,) = (await session.exec(select(Announcement))).all()
        assert announcement.starts_at is None
    await admin.send(example)
    assert admin.reply_text().startswith("✅ "), admin.reply_text()
    async with harness.database.transaction() as session:
        (announcement,) = (await session.exec(select(Announcement))).all()
        assert announcement.starts_at.hour in (1, 2)  # 3:00 in Paris, UTC+2 in March, UTC+1 in October
