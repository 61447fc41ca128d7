"""Date and time of a video meeting as a federation admin types it ("mercredi 8 septembre 9h")."""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import UTC, date, datetime, time, timedelta

from models.clock import PARIS, add_months
from models.parsing.calendar_words import (
    NEXT_ONE,
    UNREAD,
    checked_weekday,
    example_day,
    leading_weekday,
    read_date,
    weekday_alone,
)
from models.parsing.day_ranges import range_refusal
from models.parsing.meeting_words import (
    TIME_FORMS,
    agrees,
    as_typed,
    fields_of,
    folded_form,
    half_from_end,
    meant_as_time,
    plain_time,
    time_of,
)
from models.parsing.text import InputError

MAX_MONTHS_AHEAD = 24
WEEK, HOUR = timedelta(days=7), timedelta(hours=1)
# a refused day's example is a meeting's answer: the day a date's refusal shows, at this time
EXAMPLE_TIME = time(9, 0)

_ANY_TIME = "|".join(re.sub(r"\?P<\w+>", "?:", form) for form in TIME_FORMS)
_UNTIL = r" ?(?:-|/|a|au|to|till?|until|jusqu'a|et|and) ?"
# a start said in words, as « à », "at": « à partir de 10h », "starting at 10am"
_STARTING = r"a partir de|starting(?: at| from)?|beginning at"
# A length, left as a slot's end is: « (1h) », « (90 min) », « durée 1h30 », "for 1 hour"
_LENGTH = (
    r"(?:\d{1,3}(?:[.,]\d{1,2})? ?(?:h|heures?|hours?|hrs?|min|minutes?|mn)(?: ?\d{2}(?: ?min)?)?"
    r"|(?:une|an|one) (?:heure|hour))"
)
_LASTS = r"(?:duree|pendant|for|lasting) ?:? ?"  # « (durée 1h) » as « (1h) »
_LASTING = rf"(?:,? ?\((?:{_LASTS})?{_LENGTH}\)|,? {_LASTS}{_LENGTH})"
# A time, or a slot read as its start (« de 14h à 15h », « 9h30-10h30 », « entre 14h et 15h »), after an
# optional « à », "at", « vers », « de »…, then maybe its length. The date comes before it or after it. A
# start without its unit takes the end's (« de 14 à 16h », "2-3pm") only after « de », before a dash or
# before "to": « mercredi 9 à 9h » is the 9th at 9. A time alone after « jusqu'à », "until", "to" is an
# end, its start not typed (``_refuse_end_alone``).
_FROM = "de|des|from|entre|between"
_SLOT = re.compile(
    rf"(?:(?:(?:a|at|@|vers|around|{_STARTING}|{_FROM}) )?(?P<start>{_ANY_TIME})"
    rf"(?:{_UNTIL}(?P<end>{_ANY_TIME}))?"
    rf"|(?:(?:{_FROM}) (?P<bare>\d{{1,2}}){_UNTIL}|(?P<dashed>\d{{1,2}})(?: ?- ?| (?:to|till?|until) ))"
    rf"(?P<to>{_ANY_TIME})|(?P<ending>to|au|till?|until|up to|jusqu'a) (?P<last>{_ANY_TIME})){_LASTING}?"
)
_SEPARATORS = " ,-"  # between the date and the time: « 09/12 - 14h », « 14h, le 9 décembre »
# a dash glued to a time after or before it (« 9/12-10h », « 14h-9 décembre »), spaced: "Dec 9-10am" is no
# « Dec » and a slot « 9-10am »; a slot's « 9h-10h » reads spaced the same
_GLUED_DASH = re.compile(
    r"(?<=\S)-(?=\d{1,2}(?:[:.h]\d{2})? ?(?:h|[ap]\.?m)|\d{1,2}[:.]\d{2})"
    r"|(?:(?<=\dh|[ap]m)|(?<=[h:]\d\d)|(?<=midi|noon))-(?=\S)"
)
_ON = re.compile(r"^(?:le|the|on|ce) ")
_DAY_NUMBER = re.compile(r"(?:le |the )?(?P<day>\d{1,2})(?:er|st|nd|rd|th)?")
_MOST_WORDS = 16  # a meeting's date and time is a few words: a longer text is not cut every way


def parse_meeting_time(text: str, language: str, now: datetime) -> datetime:
    """The UTC instant a future meeting starts at, typed as ``parse_meeting_slot`` reads it."""
    return parse_meeting_slot(text, language, now)[0]


def parse_meeting_slot(text: str, language: str, now: datetime) -> tuple[datetime, datetime | None]:
    """The UTC instants a future meeting starts and ends at (None: no end typed), typed as a Paris date
    and time, in French or English; its day is read as a deadline's (``calendar_words``): « demain »,
    « 8 septembre », a day without its year the next one. A weekday alone (« mercredi à 9h », « mercredi
    prochain 9h ») is the next such moment: today's weekday is today while its time is still ahead, else
    the same day a week on; « prochain » and "next" say the same (whichever week the admin meant, the
    answer is echoed back in full). A weekday with the day's number alone (« mercredi 9 ») is the next day
    so numbered, checked against it. The time may come first (« 14h le 9 décembre »); a slot (« de 14h à
    15h ») is its start and its end, checked to come after it the same day; words around it that add
    nothing, ``meeting_words``."""
    folded, part = plain_time(_GLUED_DASH.sub(" -", folded_form(text or "").rstrip(" .!")))  # « du matin »
    if not folded:
        raise InputError("empty")
    today = now.astimezone(PARIS).date()
    date_text, slot = _split(folded, text, language, today)
    day, weekday = _day_of(date_text, text, language, today)
    at, until = _slot_time(slot, text, day)
    if part and not agrees(part, at.hour):  # « mercredi matin 15h »: which one was meant is not guessed
        raise InputError("words_unread", {"date": day, "words": as_typed(text, [part])})
    wall = datetime.combine(day, at, tzinfo=PARIS)
    if weekday and wall < now:  # today's weekday, its time past: next week's
        wall = datetime.combine(day + WEEK, at, tzinfo=PARIS)
    if wall.utcoffset() != wall.replace(fold=1).utcoffset():  # the night the clocks change
        _refuse_clock_change(wall)
    instant = wall.astimezone(UTC)
    if instant < now:
        raise InputError("moment_past", {"date": day, "now": now})  # the bound is the very moment
    limit = _months_later(now, MAX_MONTHS_AHEAD)
    if instant > limit:
        last_day = limit.astimezone(PARIS).date()
        raise InputError("date_too_far", {"date": day, "limit": last_day, "months": MAX_MONTHS_AHEAD})
    ends = None if until is None else datetime.combine(wall.date(), until, tzinfo=PARIS).astimezone(UTC)
    return instant, ends


def _refuse_clock_change(wall: datetime) -> None:
    """A Paris time the clocks skip (« 2 h 30 » when they go from 2 h to 3 h) or show twice (when they go
    back from 3 h to 2 h) is no meeting time: zoneinfo would move the first silently and pick one of the
    second's two instants, which the announcement could not tell apart. Refused with the change said."""
    before, after, minute = wall.utcoffset(), wall.replace(fold=1).utcoffset(), timedelta(minutes=1)
    change = wall.replace(tzinfo=None) - max(before, after)  # a UTC minute before the change
    while (change + minute).replace(tzinfo=UTC).astimezone(PARIS).utcoffset() == before:
        change += minute
    change += minute  # the change's UTC minute: the clocks went from ``start`` to ``end``
    start, end = (change + before).time(), (change + after).time()
    params = {"date": wall.date(), "typed": wall.time(), "start": start, "end": end, "later": max(start, end)}
    raise InputError("time_skipped" if after > before else "time_repeated", params)


def _split(folded: str, text: str, language: str, today: date) -> tuple[str, re.Match[str]]:
    """The date part of the text and the match of its time or slot, after the date or before it; the
    shortest date first (« 9 décembre 14 h » is the 9th at 14 h, not 9 December 2014), a day before a
    whole month ("December 9 to 10am": the 9th, not December then 9 to 10am). A text with no time read is
    refused: as several days (« 9 au 10 décembre »); as a day with the words beside it quoted, when they
    hold a time not read (« 6 décembre 9h7 »); as a day to add the time to; else as no date."""
    words, month = folded.split(" "), None
    for date_words, time_words in _cuts(words):
        slot = _SLOT.fullmatch(" ".join(time_words).strip(_SEPARATORS))
        date_text = " ".join(date_words).strip(_SEPARATORS)
        read = _read_as(date_text, language, today) if slot and date_text else None
        if read == "whole_month":  # « décembre 26 9h »: said so if no cut reads a day
            month = month or (date_text, slot)
        elif read:
            return date_text, slot
    if month:
        return month
    _refuse_days(words, text, language, today)
    try:
        day, _weekday = _day_of(folded, text, language, today)
    except InputError as refused:
        if refused.code != "not_a_date" or (found := _day_at_an_end(words, text, language, today)) is None:
            raise
        day, rest = found
        if meant_as_time(rest):  # a time typed, not read (« 9h7 », « minuit »): never said missing
            raise InputError("words_unread", {"date": day, "words": as_typed(text, rest)}) from None
    raise InputError("missing_time", {"date": day})


def _cuts(words: list[str]) -> list[tuple[list[str], list[str]]]:
    """The ways a text's words part into a date and a time, the time last then first; none for a long text."""
    ends = range(1, len(words)) if len(words) <= _MOST_WORDS else ()
    return [(words[:i], words[i:]) for i in ends] + [(words[i:], words[:i]) for i in ends]


def _refuse_days(words: list[str], text: str, language: str, today: date) -> None:
    """A text naming several days, alone or with a time (« du 9 au 10 décembre à 10h »), is refused with
    both (``day_ranges``): the meeting is on one of them, not guessed."""
    for date_words, time_words in [(words, []), *_cuts(words)] if len(words) <= _MOST_WORDS else []:
        slot = _SLOT.fullmatch(" ".join(time_words).strip(_SEPARATORS)) if time_words else None
        if time_words and not slot:
            continue
        try:
            at = _slot_time(slot, text, today)[0] if slot else EXAMPLE_TIME
        except InputError:  # a slot not read is not what this refusal is about
            at = EXAMPLE_TIME
        refused = range_refusal(" ".join(date_words).strip(_SEPARATORS), language, today, at, bool(slot))
        if refused:
            raise refused


def _day_at_an_end(words: list[str], text: str, language: str, today: date) -> tuple[date, list[str]] | None:
    """The day the longest part at the text's start or end names (« 10 décembre » of « 10 décembre
    après-midi »), and the rest, read as no time; None when neither end reads as a day."""
    if len(words) > _MOST_WORDS:
        return None
    for size in range(len(words) - 1, 0, -1):
        for part, rest in ((words[:size], words[size:]), (words[-size:], words[:-size])):
            date_text = " ".join(part).strip(_SEPARATORS)
            if date_text and _read_as(date_text, language, today):
                return _day_of(date_text, text, language, today)[0], rest
    return None


def _read_as(date_text: str, language: str, today: date) -> str | None:
    """How the text before a time reads: "day", or the code of its refusal when it has the shape of a
    date, even a wrong one (« 31/02 »: said so); None when it has none."""
    try:
        _day_of(date_text, date_text, language, today)
    except InputError as refused:
        return None if refused.code in ("not_a_date", "empty") else refused.code
    return "day"


def _day_of(date_text: str, text: str, language: str, today: date) -> tuple[date, bool]:
    """The meeting's day: the next one when typed without its year; a whole month is not a day. With it,
    whether it was a weekday alone (its next one from today: today's own, which the time may put a week
    on). A text read as no day, or as one that does not exist, is refused with a day and time to type
    (a day alone would be refused in turn: « add the time »)."""
    try:
        typed = read_date(date_text, language, (today, date.max), today, horizon=NEXT_ONE, typed=text)
    except InputError as refused:
        # the whole text first, as for a weekday before a date: « mar » alone is March, not a Tuesday
        weekday = weekday_alone(date_text) if refused.code == "not_a_date" else None
        if weekday is not None:
            return today + timedelta(days=(weekday - today.weekday()) % 7), True
        numbered = _numbered_weekday(date_text, today) if refused.code == "not_a_date" else None
        if numbered is not None:
            return numbered, False
        if refused.code in UNREAD:
            refused.example = datetime.combine(example_day((today, date.max), today), EXAMPLE_TIME)
        raise
    if typed.precision == "month":  # « décembre 26 » is December 2026, « 03/27 » March 2027
        raise InputError("whole_month", {"month": typed.value})
    return typed.value, False


def _numbered_weekday(folded: str, today: date) -> date | None:
    """« mercredi 9 »: the next day numbered so (this month's while it is to come), whose weekday must be
    the one typed (a wrong one is said, as with a full date); None for any other text."""
    split = leading_weekday(_ON.sub("", folded))
    found = _DAY_NUMBER.fullmatch(split[1]) if split else None
    if found is None or not 1 <= int(found["day"]) <= 31:
        return None
    number, first = int(found["day"]), today.replace(day=1)
    for months in range(3):  # a 31st is at most two months on
        month = add_months(first, months)
        if number <= monthrange(month.year, month.month)[1] and month.replace(day=number) >= today:
            return checked_weekday(month.replace(day=number), split[0])
    return None


def _slot_time(slot: re.Match[str], text: str, day: date) -> tuple[time, time | None]:
    """The time of day a time or a slot starts at, and a slot's end (None for a time alone). A slot's end
    must be a time of day after its start (one at or before it is refused with both, not read as a
    night-time start); a start typed without its unit or its half of the day takes its end's (« de 14 à
    16h », "2:00-3:00pm")."""
    if slot["last"]:
        _refuse_end_alone(slot, text, day)
    start = fields_of(slot["start"] or slot["bare"] or slot["dashed"])
    if not (until := slot["end"] or slot["to"]):
        return time_of(start, text), None
    end = fields_of(until)
    ends = time_of(end, text)
    starts = time_of(half_from_end(start, end), text)
    if ends <= starts:  # « de 15h à 14h », "3-2pm"
        refused = InputError("slot_reversed", {"date": day, "start": starts, "end": ends})
        early, late = sorted(datetime.combine(day, at) for at in (starts, ends))
        if early == late:  # an hour long the same day
            early, late = (early - HOUR, late) if late.hour == 23 else (early, late + HOUR)
        refused.example = (early, late)  # the slot in order, to type
        raise refused
    return starts, ends


def _refuse_end_alone(slot: re.Match[str], text: str, day: date) -> None:
    """A time after « jusqu'à », "until" is when the meeting ends: refused with the day read and, to
    type, the hour before it as its start. After "to" (or « au »), which a French user may write for
    « à », it may as well be its start: both said, with a start at that time to type too."""
    ends = datetime.combine(day, time_of(fields_of(slot["last"]), text))
    starts = max(ends - HOUR, datetime.combine(day, time()))
    code = "start_or_end" if slot["ending"] in ("to", "au") else "end_without_start"
    refused = InputError(code, {"date": day, "end": ends.time()})
    refused.example = (starts, ends if ends > starts else ends + HOUR)
    raise refused


def _months_later(instant: datetime, months: int) -> datetime:
    """The same UTC instant some months later, clamped to the end of shorter months."""
    day = add_months(instant.date(), months)
    return instant.replace(year=day.year, month=day.month, day=day.day)
