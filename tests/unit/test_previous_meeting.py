"""The meeting before a meeting (models.label.meetings.previous_committee_meeting): the one after which
files showed this one as the next, by the configured days or the default rule (the first Tuesday of
March, June, September and December) as next_committee_meeting reads them."""

from __future__ import annotations

from datetime import date, timedelta

from models.label.meetings import next_committee_meeting, previous_committee_meeting

CONFIGURED = (date(2026, 12, 8), date(2027, 3, 9))  # the default rule's again after them


def test_by_the_default_rule_the_previous_quarter_s_first_tuesday():
    assert previous_committee_meeting(date(2027, 3, 2)) == date(2026, 12, 1)
    assert previous_committee_meeting(date(2026, 12, 1)) == date(2026, 9, 1)
    assert previous_committee_meeting(date(2026, 3, 3)) == date(2025, 12, 2)  # across the new year


def test_configured_days_the_one_before():
    assert previous_committee_meeting(date(2027, 3, 9), CONFIGURED) == date(2026, 12, 8)
    # not the default rule's 2 March: no meeting when days are configured
    assert previous_committee_meeting(date(2027, 6, 1), (date(2027, 2, 16), date(2027, 6, 1))) == date(
        2027, 2, 16
    )


def test_after_the_configured_days_the_default_rule_follows_the_last_of_them():
    assert previous_committee_meeting(date(2027, 6, 1), CONFIGURED) == date(2027, 3, 9)
    assert previous_committee_meeting(date(2027, 9, 7), CONFIGURED) == date(2027, 6, 1)


def test_the_first_configured_day_follows_the_default_meeting_before_its_quarter_s():
    """8 December stands for the default rule's 1 December: the one before is September's."""
    assert previous_committee_meeting(date(2026, 12, 8), CONFIGURED) == date(2026, 9, 1)
    assert previous_committee_meeting(date(2026, 11, 24), (date(2026, 11, 24),)) == date(2026, 9, 1)
    assert previous_committee_meeting(date(2026, 12, 1), (date(2026, 12, 1),)) == date(2026, 9, 1)


def test_the_meeting_after_the_previous_one_is_this_one_every_day_of_two_years():
    """Whatever the day, the meeting next after the previous one began is the one asked about."""
    for configured in ((), CONFIGURED, (date(2027, 1, 12), date(2027, 5, 18), date(2027, 10, 5))):
        day = date(2026, 6, 1)
        while day < date(2028, 6, 1):
            meeting = next_committee_meeting(day, configured)
            previous = previous_committee_meeting(meeting, configured)
            assert previous < meeting, (day, configured)
            assert next_committee_meeting(previous + timedelta(days=1), configured) == meeting, (
                day,
                configured,
            )
            day += timedelta(days=1)
