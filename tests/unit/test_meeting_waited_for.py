"""The meeting a dossier waiting for a decision is read at (models.label.meetings.meeting_waited_for):
the one under way (from 2 pm Paris to the end of its day) when it was waiting before it started, else the
next one not yet started; configured days as the default rule."""

from __future__ import annotations

from datetime import UTC, date, datetime

from models.label.meetings import meeting_waited_for

BEFORE = datetime(2026, 8, 1, 10, tzinfo=UTC)  # submitted long before
STARTS = datetime(2026, 12, 1, 13, tzinfo=UTC)  # 1 December 2026, 14:00 Paris (UTC+1)
NEXT = date(2027, 3, 2)


def test_the_meeting_under_way_is_the_one_of_a_dossier_waiting_before_it_began():
    assert meeting_waited_for(datetime(2026, 12, 1, 12, 59, tzinfo=UTC), (), BEFORE) == date(2026, 12, 1)
    assert meeting_waited_for(STARTS, (), BEFORE) == date(2026, 12, 1)
    assert meeting_waited_for(datetime(2026, 12, 1, 22, 59, tzinfo=UTC), (), BEFORE) == date(2026, 12, 1)
    assert meeting_waited_for(datetime(2026, 12, 1, 23, 0, tzinfo=UTC), (), BEFORE) == NEXT  # 2 Dec, 0:00
    assert meeting_waited_for(STARTS, (), STARTS) == NEXT  # sent as it began: the next one
    assert meeting_waited_for(STARTS, (), None) == NEXT  # not waiting for a decision


def test_configured_days_are_read_the_same_way():
    days = (date(2026, 12, 8), date(2027, 2, 9))
    tuesday = datetime(2026, 12, 8, 15, tzinfo=UTC)  # 16:00 Paris on a configured day
    assert meeting_waited_for(tuesday, days, BEFORE) == date(2026, 12, 8)
    assert meeting_waited_for(tuesday, days, tuesday) == date(2027, 2, 9)
    # the default rule's day is no meeting when days are configured
    assert meeting_waited_for(STARTS, days, BEFORE) == date(2026, 12, 8)
