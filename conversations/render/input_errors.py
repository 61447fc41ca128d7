"""A typed answer: how a field reads it (its parser, with what it needs besides the text), what is wrong
with it in the user's words (the same text in the chat and the Mini App), and a date question's example,
which the Mini App also shows under a refused date."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from conversations.render.dates.meeting_refusals import MEETING_EXAMPLE, MEETING_REFUSALS, SLOT_EXAMPLE
from conversations.render.formatting import UNIT_LABELS, shorten, unit_label, value_example
from locales import N_, Translator
from models.clock import add_months, paris_today, utcnow
from models.dossier.rules import default_target_date
from models.label.meetings import next_meeting_at
from models.parsing.calendar_words import example_day
from models.parsing.due_dates import DueDate, parse_due_date
from models.parsing.text import InputError, check_text, one_line
from models.parsing.values import abbreviated_count, parse_indicator_value
from models.values import Unit, ValueKind

# A long answer (a rationale, the approach, how the team and the coopérateurs were consulted): 6,000
# characters is about a printed page and a half, room for a real argument that a committee still reads in
# one sitting. It is over Telegram's 4,096 per message on purpose: a paste that Telegram cuts in two is
# joined before it is judged (conversations/ui/pastes.py), and the Mini App takes it in one text area.
TEXT_MAX = 6000
SHORT_MAX = 200  # a title, a name, a label: one line (``text``)
QUOTE = 60  # the characters of a refused text its refusal quotes (« {text} »)
HOUSEHOLDS = N_("households")  # what « mén. » stands for: no listed unit counts them


@dataclass(frozen=True)
class Answer:
    """What a parser needs besides the text: the user's language, today's date (Paris) and the next
    committee meeting not yet started (an indicator's default target date is counted from it)."""

    language: str
    today: date
    meeting: date


def answer_at(language: str, now: datetime, configured: Iterable[date] = ()) -> Answer:
    """What a parser needs at this instant, the meetings being the configured ones (else the default
    rule's)."""
    return Answer(language, paris_today(now), next_meeting_at(now, configured))


Parse = Callable[[str, object, Answer], object]


def text(max_length: int = TEXT_MAX) -> Parse:
    """A free text, stripped, at most ``max_length`` characters (the Mini App reads its limit there)."""

    def parse(typed: str, row, answer: Answer) -> str:
        checked = check_text(typed, max_length=max_length)
        return one_line(checked) if max_length <= SHORT_MAX else checked  # a short one: shown on one line

    parse.max_length = max_length
    return parse


def indicator_value(typed: str, row, answer: Answer) -> str:
    """A value in the indicator's kind and unit (« 12,5 % », « oui », « Charte adoptée »)."""
    return parse_indicator_value(typed, answer.language, row)


def due_day(typed: str, row, answer: Answer) -> DueDate:
    """A future day or month (« 15/03/2027 », « mars 2027 »)."""
    return parse_due_date(typed, answer.language, answer.today)


INPUT_ERRORS = {
    "empty": N_("Your answer is empty."),
    "too_short": N_("Your answer is too short."),
    "emoji_only": N_(
        "Emojis alone do not show in the dossier’s PDF: please add a few words, e.g. “Together 🤝”."
    ),
    "too_long": N_(
        "Your text has {length} characters; the limit is {limit}. Here it is, so you can shorten it:"
    ),
    # the Mini App keeps the text in its field: nothing to send back
    "too_long_in_field": N_(
        "Your text has {length} characters; the limit is {limit}. Shorten it here: it stays in its field "
        "until it is saved."
    ),
    "not_a_number": N_("I cannot read « {text} » as a number."),
    # what is counted (homes, people, households, days) only: money, a percentage, a coop's own unit may
    # be negative (a net result, « -15 % » of energy use)
    "negative": N_("A number of {unit} cannot be negative: please type e.g. 12."),
    "negative_count": N_("What is counted one by one cannot be negative: please type e.g. 12."),
    # a coop's own unit abbreviated with its dot (« log. »): what it stands for, its question's own example
    "negative_abbreviated": N_("“{unit}” stands for {counted}: their number cannot be negative ({example})."),
    "not_whole_abbreviated": N_(
        "“{unit}” stands for {counted}, which are counted one by one: please give a whole number ({example})."
    ),
    "percent_over_100": N_("A share cannot be more than 100%."),
    "too_large": N_("This number is too large."),
    "not_whole": N_("This is counted one by one: please give a whole number, e.g. {lower} or {upper}."),
    "too_precise": N_("Please give at most 4 decimals."),
    # the unit as the dossier shows it, and the question's own example (``value_example``)
    "unit_mismatch": N_(
        "This indicator is measured in {unit}: please type its value in that unit ({example})."
    ),
    "count_mismatch": N_("This indicator is a plain number: please type it without a unit ({example})."),
    "own_unit_mismatch": N_("This indicator is counted in “{unit}”: please type the number alone (e.g. 12)."),
    # a unit typed with a number while the indicator has none: never dropped (nor taken unsaid)
    "unit_not_chosen": N_(
        "This indicator has no unit yet: choose “{unit}” as its unit first, then type the value; "
        "or type the number alone."
    ),
    # the same at the follow-up's figure questions: a frozen dossier's unit can no longer be chosen
    "unit_not_open": N_("This indicator has no unit: please type the number alone ({example})."),
    # the value typed one question early, at the unit's: the value's own question comes next; a number
    # among a unit's words is fine (« pour 1000 habitants »), so the refusal says what it read, a value
    "number_as_unit": N_(
        "“{text}” reads as a value: this question asks for the unit, the value comes just after. "
        "Please type the unit alone, e.g. %, days, homes, per 1000 residents."
    ),
    "not_yes_no": N_("Please answer yes or no."),
    # the example, a day that fits the question (models.parsing.calendar_words.example_day)
    "not_a_date": N_("I cannot read “{text}” as a date. Please type one in this form: {example}."),
    "invalid_date": N_("This date does not exist. Please type another one, e.g. {example}."),
    # a month without its year where the question looks back (a decision): the year is not guessed
    "month_without_year": N_("Only the year is missing: please type it as well, e.g. {example}."),
    # « début 2027 »: a part of a year, no month (« fin 2027 » is December); « mi-mars 2027 »: no day
    "month_needed": N_("“{text}” gives no month: please type the month as well, e.g. {month}."),
    "day_needed": N_("“{text}” gives no day: please type the day as well, e.g. {day}."),
    "day_first": N_("Please type the day first, then the month: {example}."),
    # a date refused for a bound says it: a deadline's today, a meeting's very moment, a range's ends
    "date_in_past": N_("This date is already past. The earliest possible is today, {today}."),
    "moment_past": N_("This moment, on {date}, is already past. It is now {now}."),  # the day as read
    "date_before": N_("This date is too early. The earliest possible is {earliest}."),
    "date_too_far": N_("This date is too far ahead. The latest possible is {latest}."),
    "decision_ahead": N_("A decision is recorded once made: its date cannot be in the future ({date})."),
    "not_a_link": N_("« {text} » is not a web link: it should start with https://"),
    **MEETING_REFUSALS,  # a meeting's day and time (render/dates/meeting_refusals.py)
    "weekday_mismatch": N_(
        "The day of the week does not match the date. {date} is a {actual}, not a {typed}."
    ),
    # a new indicator's title, or one renamed, that another of its engagement has (``TitleTaken``)
    "indicator_exists": N_(
        "This engagement already has an indicator titled “{title}”: choose another title, or complete that "
        "one."
    ),
    # issue 14: a consultation's own choices
    "choice_count": N_("Please give between {low} and {high} choices, one per line."),
    "choices_alike": N_(
        "“{first}” and “{second}” read alike: one choice. Please give at least {low} different ones."
    ),
    "choice_too_long": N_("Each choice has at most {limit} characters; « {choice} » is longer."),
}


def input_error_text(t: Translator, error: InputError, typed: str, in_field: bool = False) -> str:
    """The refusal of an answer as plain text (to be escaped), numbers the user's way; ``in_field``: the
    Mini App's, whose text stays where it was typed (the chat's sends it back)."""
    code = "too_long_in_field" if in_field and error.code == "too_long" else error.code
    params = {**error.params, "text": shorten(typed, QUOTE)}
    if error.code in ("not_a_date", "invalid_date", "day_range", "day_or_hour"):  # one date example
        params["example"] = _typed_example(t, error.example)
    if code == "weekday_mismatch":  # both days by name, the date without its own (« 20 novembre 2026 »)
        names = t.locale.days["format"]["wide"]
        day = t.format_date(params["date"], "long")
        params |= {"typed": names[params["typed"]], "actual": names[params["actual"]], "date": day}
    if code in ("negative", "not_whole") and (counted := abbreviated_count(params.get("unit") or "")):
        code += "_abbreviated"  # « log. »: said in full, « logements », with « ex. 12 log. »
        label = HOUSEHOLDS if counted == Unit.COUNT else UNIT_LABELS[counted]
        params |= {"counted": t.gettext(label), "example": value_example(t, ValueKind.NUMBER, params["unit"])}
    elif code == "negative" and not params.get("unit"):  # households typed as a word: no unit to name
        code = "negative_count"
    elif code in ("negative", "unit_not_chosen"):  # the unit in words: « logements », « ménages suivis »
        params["unit"] = unit_label(t, params["unit"])
    if code == "unit_not_open":  # a number alone: « ex. 12 »
        params["example"] = value_example(t, ValueKind.NUMBER, None)
    if code == "unit_mismatch":  # « 25 logements » for a percentage: the unit to type it in, an example
        expected = params["expected"]
        code = "count_mismatch" if expected == Unit.COUNT else code
        params |= {"unit": unit_label(t, expected), "example": value_example(t, ValueKind.NUMBER, expected)}
    if code in ("whole_month", "month_needed"):  # the month alone (« décembre 2026 »), not its last day
        params["month"] = t.format_date(params["month"], "MMMM y")
    if code in ("time_skipped", "time_repeated", "day_range", "day_or_hour", "day_needed"):  # typable days
        days = ("date", "first", "last", "day")
        params |= {name: t.format_date(params[name], "long") for name in days if name in params}
    if code in ("slot_reversed", "end_without_start", "start_or_end"):  # the slot in order, as it is typed:
        early, late = error.example  # « 10/12/2026 de 14 h à 15 h »; {at} its end as a start
        ends = {"date": f"{early:%d/%m/%Y}", "start": _shown(t, early.time()), "end": _shown(t, late.time())}
        params |= {"example": t.gettext(SLOT_EXAMPLE).format(**ends), "at": _typed_example(t, late)}
    message = _message(t, code, params)
    params = {k: _shown(t, v) for k, v in params.items()}
    return message.format(**params)


def _typed_example(t: Translator, example: str | datetime) -> str:
    """A refused date's example as it is typed: a day (« 15/03/2027 »), or for a meeting's, which needs
    its time (``models.parsing.meeting_time``), the day and its time (« 15/03/2027 à 9 h »)."""
    if not isinstance(example, datetime):
        return example
    return t.gettext(MEETING_EXAMPLE).format(date=f"{example:%d/%m/%Y}", time=_shown(t, example.time()))


def _message(t: Translator, code: str, params: dict) -> str:
    """The message of a refusal; a date too far ahead is worded after its limit, in years or months."""
    if code == "date_too_far" and "years" in params:
        return t.ngettext(
            "This date is too far ahead. At most {years} year ahead: until {limit}.",
            "This date is too far ahead. At most {years} years ahead: until {limit}.",
            params["years"],
        )
    if code == "date_too_far" and "months" in params:
        return t.ngettext(
            "This date is too far ahead. At most {months} month ahead: until {limit}.",
            "This date is too far ahead. At most {months} months ahead: until {limit}.",
            params["months"],
        )
    return t.gettext(INPUT_ERRORS.get(code, INPUT_ERRORS["not_a_number"]))


def _shown(t: Translator, value: object) -> object:
    """A parameter as the message shows it: numbers, days and times the user's way (« jeudi 20 novembre
    2027 », « 2 h 30 »)."""
    if isinstance(value, int):
        return t.format_number(value)
    if isinstance(value, time):  # « 2 h 30 », « 3 h » (as format_datetime writes it) / "2:30", "3:00"
        minutes = f"{value.minute:02d}"
        if t.language == "fr":
            return f"{value.hour} h {minutes}" if value.minute else f"{value.hour} h"
        return f"{value.hour}:{minutes}"
    if isinstance(value, datetime):
        return t.format_datetime(value)
    return t.format_date(value, "full") if isinstance(value, date) else value


def due_example_day(answer: Answer) -> date:
    """An action's deadline to show as an example: the day a refused deadline shows (``example_day``, the
    15th four months on), so that the question and its refusal agree."""
    return example_day((answer.today, date.max), answer.today)


def target_example_day(answer: Answer) -> date:
    """A target date to show as an example: the last day of the month the 18-month period ends in, the day
    that month's name stands for (« 30/06/2028 » and « juin 2028 » before the meeting of 1 December 2026)."""
    return add_months(default_target_date(answer.meeting).replace(day=1), 1) - timedelta(days=1)


def dated_example(
    message: str, day_of: Callable[[Answer], date]
) -> Callable[[Translator, object, Answer | None], str]:
    """A date question's example (a FieldSpec's ``example_of``): the day ``day_of(answer)`` in ``message``'s
    forms, {day} « 15/03/2027 », {numeric} « 03/2027 », {month} « mars 2027 ». Computed from today and the
    next meeting (the real ones when the caller has none): a year written in the question would age."""

    def example(t: Translator, row, answer: Answer | None) -> str:
        """The example on ``answer``'s day."""
        day = day_of(answer or answer_at(t.language, utcnow()))
        forms = {"day": f"{day:%d/%m/%Y}", "numeric": f"{day:%m/%Y}", "month": t.format_date(day, "MMMM y")}
        return t.gettext(message).format(**forms)

    return example


TARGET_DATE_EXAMPLE = dated_example(N_("e.g. {day} or {month}"), target_example_day)
DUE_DATE_EXAMPLE = dated_example(N_("e.g. {month}, {numeric} or {day}"), due_example_day)


# the files a dossier or a request takes, as every screen that asks for one says them
ACCEPTED_FILES = N_("PDF, image (JPEG, PNG), Word, Excel, PowerPoint or OpenDocument; 20 MB at most")
# a file sent to a dossier no longer the coop's to change (``with_committee``, ``closed``): its way on
TO_FEDERATION = N_("You can send this file to the federation: choose your request’s subject, then write it.")
# why a file's content was not taken, by the code of FileRefused (an unsupported type by its ``why``)
FILE_REFUSALS = {
    "unsupported_type": N_(
        "This kind of file is not accepted. Send a PDF, an image (JPEG, PNG), a Word, Excel, PowerPoint or "
        "OpenDocument file."
    ),
    "image": N_(
        "This image is in {format}, a format the person who reads it may not be able to open. Send it as "
        "a photo rather than as a file (Telegram turns it into JPEG), or as a JPEG, PNG or PDF file."
    ),
    "macros": N_(
        "This file contains macros, which the person who reads it will not open. Save it as .xlsx, .docx or "
        ".pptx (“Save as”) or as PDF, then send it again."
    ),
    "binary_workbook": N_(
        "The person who reads it may not open a .xlsb workbook: save it as .xlsx or PDF, then send it again."
    ),
    "office": N_(
        "This file is not a Word, Excel or PowerPoint document (an Outlook message, for instance): the "
        "person who reads it could not open it. Save or print it as PDF, then send the PDF."
    ),
    # 0 bytes (``files.detect_type``): its type is not in question, it never finished downloading
    "empty": N_(
        "This file is empty (0 bytes): its export or its download did not finish. Export or download it "
        "again, check that it opens, then send it."
    ),
    "too_big": N_(
        "This file is larger than 20 MB, the most a Telegram bot can download. "
        "Send a lighter version (a PDF export, a compressed scan)."
    ),
}
