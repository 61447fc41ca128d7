"""A meeting's time of day as typed (« 9h30 », "2:30pm", « midi »), and the words around it that add
nothing, taken off before it is read (``meeting_time``): « heure de Paris » (every meeting time is Paris
time), a time's part of the day (« 9h du matin », « 8h du soir » is 20 h, "9 in the morning"), a day's
(« demain matin 9h »: the time must agree with it, else refused quoting the word). Only these few: any
other word is not guessed, and is quoted when refused."""

from __future__ import annotations

import re
from datetime import time

from models.parsing.text import InputError, fold

# A time of day as typed, each form with its fields (« 9h30 », « 9:30 », "2:30pm", « midi »)
TIME_FORMS = (
    r"(?P<hour>\d{1,2})(?:[:.h](?P<minute>\d{2}))? ?(?P<half>[ap])\.?m\.?",
    r"(?P<hour>\d{1,2}) ?(?:h|heures?) ?(?P<minute>\d{2})?",
    r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})",
    r"(?P<word>midi|noon)",
)
_TIMES = tuple(re.compile(form) for form in TIME_FORMS)
_HOUR_ALONE = re.compile(r"(?P<hour>\d{1,2})")  # a slot's start before its end's unit: « de 14 à 16h »
MORNING_FROM = 7  # "9-5pm" starts at 9 am; "3-2pm" is not 3 am to 2 pm but a slot typed backwards

_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))
_PARIS_TIME = re.compile(r" ?\(?\b(?:heure (?:de paris|francaise)|(?:paris|french) time)\b\)?")
_HALVES = {
    "matin": "am",
    "morning": "am",
    "apres-midi": "pm",
    "afternoon": "pm",
    "soir": "pm",
    "evening": "pm",
}
_PARTS = "|".join(_HALVES)
_TIMEISH = re.compile(r"\d|(?<![\w-])(?:minuit|midnight|midi|noon)\b")  # « après-midi » is no time
# a time then its part of the day: « 9h du matin », « 9h30 du matin », « 3h de l'après-midi », "9 in the
# morning"; an hour the part contradicts (« 14h du matin ») is left, to be quoted
_TIME_THEN_PART = re.compile(
    rf"\b(?P<hour>\d{{1,2}})(?:[:.h](?P<minute>\d{{2}})|h| ?heures?)? "
    rf"(?:du |de l' ?|in the )(?P<part>{_PARTS})\b"
)
# a part of the day alone, the day's (« demain matin 9h »), not a time's left as typed (« 14h du matin »)
_PART_ALONE = re.compile(rf"(?:^|(?<!du)(?<!in the) )(?P<part>{_PARTS})(?= |$)")


def plain_time(folded: str) -> tuple[str, str | None]:
    """The text without these words, and a day's part of the day (« matin »: the time must be in the
    morning; None when none was typed)."""
    text = _TIME_THEN_PART.sub(_on_the_clock, _PARIS_TIME.sub("", folded))
    parts = [found["part"] for found in _PART_ALONE.finditer(text)]
    if len(parts) != 1:  # none, or two (« matin ou soir »): left to be quoted
        return text, None
    return _PART_ALONE.sub("", text, count=1).strip(), parts[0]


def folded_form(text: str) -> str:
    """Typed text as it is read: folded (``fold``), its dashes and apostrophes the keyboard's plain ones."""
    return fold(text).translate(_DASHES).replace("\u2019", "'")


def as_typed(text: str, folded: list[str]) -> str:
    """Some words of the folded text as the user typed them (« après-midi »), to quote; else folded."""
    typed = text.split()
    forms, size = [folded_form(word) for word in typed], len(folded)
    for start in range(len(typed) - size + 1):
        if forms[start : start + size] == folded:
            return " ".join(typed[start : start + size])
    return " ".join(folded).strip(" ,-")


def meant_as_time(words: list[str]) -> bool:
    """Whether words beside a day hold a time, even one not read (« 9h7 », « minuit », "at 9")."""
    return bool(_TIMEISH.search(" ".join(words)))


def agrees(part: str, hour: int) -> bool:
    """Whether a time of day (24-hour) is in the part of the day typed beside its day."""
    return (hour < 12) == (_HALVES[part] == "am")


def _on_the_clock(found: re.Match[str]) -> str:
    """« 8h du soir » as « 20h00 »; a time its part of the day contradicts, as typed."""
    hour, minute, afternoon = int(found["hour"]), found["minute"] or "00", _HALVES[found["part"]] == "pm"
    if afternoon and 1 <= hour <= 11:
        return f"{hour + 12}h{minute}"
    if (hour <= 11 and not afternoon) or (afternoon and 13 <= hour <= 23):
        return f"{hour}h{minute}"
    return found[0]


def fields_of(typed: str) -> dict[str, str | None]:
    """The fields of a time typed alone (« 9h30 », "2:30pm", « midi », a slot's bare « 14 »)."""
    return next(found.groupdict() for form in (*_TIMES, _HOUR_ALONE) if (found := form.fullmatch(typed)))


def half_from_end(start: dict, end: dict) -> dict:
    """A start without "am" or "pm" takes its end's ("2-3pm", "12-1pm" at noon), or is in the morning when
    the slot crosses noon from ``MORNING_FROM`` ("11-1pm", "9-5pm"); "3-2pm" is 3 pm, ending before."""
    if start.get("half") or start.get("word") or not end.get("half"):
        return start
    hour = int(start["hour"])
    if not 1 <= hour <= 12:
        return start
    morning = end["half"] == "p" and MORNING_FROM <= hour < 12 and hour > int(end["hour"]) % 12
    return {**start, "half": "a" if morning else end["half"]}


def time_of(fields: dict, text: str) -> time:
    """The wall-clock time a typed time's fields stand for."""
    if fields.get("word"):
        return time(12, 0)
    hour, minute = int(fields["hour"]), int(fields.get("minute") or 0)
    if half := fields.get("half"):
        if not 1 <= hour <= 12:
            raise InputError("invalid_time", {"text": text})
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59:
        raise InputError("invalid_time", {"text": text})
    return time(hour, minute)
