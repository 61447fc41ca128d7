"""How dossier values, fields and units are shown to a user, in their language."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal
from pathlib import PureWindowsPath

from conversations.render.dates.moments import format_day, meeting_moment
from conversations.render.dates.moments import format_moment as format_moment  # said from here too
from locales import N_, Translator
from models.clock import add_months
from models.dossier.attachments import fit_label
from models.label.ahead import StepAhead
from models.label.lifecycle import RENEWAL_OPENS_AFTER as LABEL_MONTHS
from models.label.reminders import COMMITTEE_MEETING
from models.parsing.numbers import MAX_DECIMALS
from models.parsing.text import cut_between_words
from models.parsing.values import listed_unit
from models.values import Unit, ValueKind, number_from_storage

STATUS_LABELS = {
    "draft": N_("Draft"),
    "ready": N_("Ready to submit ✅"),
    "submitted": N_("Submitted to the committee 🔒"),
    "info_requested": N_("More information asked by the committee"),
    "refused": N_("Not retained by the committee"),
    "admissible": N_("Admissible: the 18 months of implementation 🚀"),
    "visited": N_("Visited: label decision pending"),
    "labelled": N_("Labelled 🏅"),
    "renewed": N_("Closed: renewal opened in the next cycle"),  # not « renewed »: the renewal may be refused
}
KIND_LABELS = {
    ValueKind.NUMBER: N_("🔢 A number"),
    ValueKind.YES_NO: N_("👍 Yes / no"),  # not ✅, which marks what is chosen or complete
    ValueKind.TEXT: N_("📝 A short milestone text"),
}
UNIT_LABELS = {
    Unit.PERCENT: N_("%"),
    Unit.EURO: N_("€"),
    Unit.HOMES: N_("homes"),
    Unit.PEOPLE: N_("people"),
    Unit.COUNT: N_("number"),
    Unit.DAYS: N_("days"),
}
NBSP = "\u00a0"
DUE_MISSING = N_("missing due date")  # an action's not given yet: « What is missing »'s words, never a dash
OWNER_MISSING = N_("missing person in charge")  # who carries an action, not given yet: as its due date
# an indicator's figures once its dossier is followed (/progres's words), from its starting value
FIGURES_NOW = N_("start {start} → now {now} → target {target} ({date})")
FIGURES_UNDATED = N_("start {start} → latest value {latest} → target {target}")


# what comes once the label's 3 years are over, to the coop (the chat's home, the Mini App's note)
RENEWAL_AHEAD = N_(
    "The validation committee is to open your renewal (cycle {cycle}): a new dossier with your "
    "engagements and indicators, for you to complete and submit."
)


def status_label(t: Translator, status: str) -> str:
    """The dossier's status in words."""
    return t.gettext(STATUS_LABELS.get(status, STATUS_LABELS["draft"]))


def stage_status(t: Translator, dossier, today: date) -> str:
    """The status in words, « Label ended on … » once the label's 3 years are over (everywhere alike)."""
    ended = add_months(dossier.labelled_on, LABEL_MONTHS) if dossier.labelled_on else None
    if dossier.status != "labelled" or ended is None or today < ended:
        return status_label(t, dossier.status)
    return t.gettext("Label ended on {date}").format(date=format_day(t, ended))


def stage_lines(t: Translator, dossier, today: date) -> list[str]:
    """« Cycle 1 · Labellisé 🏅 »; once the label's 3 years are over (plain text, to be escaped),
    that it ended and that the committee opens the renewal: the status alone still said labelled."""
    status = stage_status(t, dossier, today)
    line = t.gettext("Cycle {cycle} · {status}").format(cycle=dossier.cycle, status=status)
    if status == status_label(t, dossier.status):  # not ended
        return [line]
    return [line, "ℹ️ " + t.gettext(RENEWAL_AHEAD).format(cycle=dossier.cycle + 1)]


# every decimal a number may be typed with (babel's default shows three: 0,0001 would show as 0)
NUMBER_PATTERN = "#,##0." + "#" * MAX_DECIMALS


def format_number(t: Translator, stored: str, unit: str | None) -> str:
    """12,5 % · 1 200 € · 35 logements, the user's way."""
    value = number_from_storage(stored)
    number = t.format_number(value, NUMBER_PATTERN)
    if unit == Unit.EURO and value != value.to_integral_value():
        number = t.format_number(value, "#,##0.00##")  # cents: 1 200,50 € (and the typed decimals beyond)
    if unit == Unit.PERCENT:
        return with_percent_sign(t, number)
    if unit == Unit.EURO and t.language != "fr":  # the sign before the symbol, as babel writes it: -€50,000
        return f"-€{number[1:]}" if value < 0 else f"€{number}"
    if unit == Unit.EURO:  # -50 000 € (babel's hyphen-minus, as French is typed and every number shown)
        return f"{number}{NBSP}€"
    if unit in COUNTED:  # « 1 logement », « 35 logements »
        return f"{number}{NBSP}{counted(t, unit, value)}"
    if unit and unit != Unit.COUNT:  # the coop's own words, as typed
        return f"{number}{NBSP}{unit_label(t, unit)}"
    return number


COUNTED = (Unit.HOMES, Unit.PEOPLE, Unit.DAYS)


def counted(t: Translator, unit: str, value) -> str:
    """A listed unit after a number, singular or plural by the number (a fraction of days: plural)."""
    n = int(value) if value == value.to_integral_value() else 2
    if unit == Unit.HOMES:
        return t.ngettext("home", "homes", n)
    if unit == Unit.PEOPLE:
        return t.ngettext("person", "people", n)
    return t.ngettext("day", "days", n)


def format_value(t: Translator, stored: str | None, kind: str | None, unit: str | None) -> str:
    """A stored indicator value for display (— when empty)."""
    if stored in (None, ""):
        return "—"
    if kind == ValueKind.NUMBER:
        try:
            return format_number(t, stored, unit)
        except ValueError:  # not a stored number (typed before the kind, say): shown as it is
            return stored
    if kind == ValueKind.YES_NO and stored in ("yes", "no"):
        return t.gettext("yes") if stored == "yes" else t.gettext("no")
    return stored


def format_size(t: Translator, size: int) -> str:
    """1,2 Mo / 350 ko, the user's way."""
    if round(size / 1024) >= 1024:  # « 1 024 ko » is « 1 Mo »
        return t.gettext("{n} MB").format(n=t.format_number(round(size / 1024 / 1024, 1)))
    return t.gettext("{n} kB").format(n=t.format_number(max(1, round(size / 1024))))


def format_due(t: Translator, value: date | None, precision: str = "day", *, action: bool = False) -> str:
    """15 mars 2026, or « mars 2026 » for a month; none: « — », or for an ``action`` DUE_MISSING, ⚠️."""
    if value is None:
        return f"{t.gettext(DUE_MISSING)} ⚠️" if action else "—"
    if precision == "month":
        return t.format_date(value, "MMMM y")
    return format_day(t, value)


def format_owner(t: Translator, owner: str | None) -> str:
    """Who carries an action; none: OWNER_MISSING, ⚠️, as a missing due date (never a bare dash)."""
    return owner or f"{t.gettext(OWNER_MISSING)} ⚠️"


def shorten(text: str | None, limit: int = 60) -> str:
    """A one-line preview of a long text, cut between words (« Part des logements… », not « logeme… »)."""
    return cut_between_words(text or "", limit)


EVENT_NAMES = {
    "six_months": N_("6-month checkpoint"),
    "twelve_months": N_("12-month checkpoint"),
    "visit": N_("Committee visit (18 months)"),
    "mid_term": N_("Mid-term checkpoint of the label"),
    "expiry": N_("End of the label and renewal"),  # no colon of its own: lines read « {event}: … »
    COMMITTEE_MEETING: N_("Validation committee meeting"),
}
EVENT_ADVICE = {  # the command by its English name, its French one in the French catalog (/progres)
    "six_months": N_("Update your indicators and actions before that date with /progress."),
    "twelve_months": N_("Update your indicators and actions before that date with /progress."),
    "visit": N_("Prepare the visit: update your indicators and actions with /progress."),
    "mid_term": N_("Update your indicators and actions before that date with /progress."),
    "expiry": N_(
        "Your label is coming to its end: the committee then opens your renewal, a new dossier with your "
        "engagements and indicators for you to complete and submit."
    ),
}


def event_name(t: Translator, kind: str) -> str:
    """A checkpoint's or meeting's name in words."""
    return t.gettext(EVENT_NAMES.get(kind, EVENT_NAMES["six_months"]))


NEXT_STEP = N_("Next: {event} on {date}")
NEXT_STEPS = {"visit": N_("Next: {event}, by {date} at the latest")}  # a deadline, not an appointment
LATE_STEP = {"": N_("{event}: due on {date}, not recorded yet by the committee")}  # fr: any step's gender
LATE_STEP["visit"] = N_("{event}: due by {date} at the latest, not recorded yet by the committee")  # deadline


def step_ahead_text(t: Translator, step: StepAhead) -> str:
    """« Next: 6-month checkpoint on 3 June 2027 », or « ⏳ … » for a day passed unrecorded (plain text, to
    be escaped): the home and /progress say it alike (the rule: models.label.ahead). The committee's
    meeting is an appointment: its weekday and hour, « … on Tuesday 1 December 2026 at 14:00 »."""
    meeting = step.kind == COMMITTEE_MEETING
    day = meeting_moment(t, step.day) if meeting else t.format_date(step.day, "long")
    words = LATE_STEP.get(step.kind, LATE_STEP[""]) if step.late else NEXT_STEPS.get(step.kind, NEXT_STEP)
    return ("⏳ " if step.late else "") + t.gettext(words).format(event=event_name(t, step.kind), date=day)


# each step's state in words that agree with it: the visit is carried out (« effectuée »), by a date
# (a deadline, not an appointment); the label's end is when the renewal is opened
HELD = {
    "": N_("held on {date}"),
    "visit": N_("carried out on {date}"),
    "expiry": N_("opened on {date}"),
}
DUE = {"": N_("due on {date}"), "visit": N_("to be carried out by {date}"), "expiry": N_("on {date}")}


# a dossier closed (its renewal opened in the next cycle, or not retained): what it did not record, never will
CLOSED = ("renewed", "refused")


def checkpoint_state(t: Translator, checkpoint, status: str | None = None) -> str:
    """« held on 25 May 2027 », « to be carried out by 29 February 2028 »… (a Checkpoint row of a dossier
    in this status); « not recorded » on a closed dossier, whose day is no longer ahead."""
    if checkpoint.held_on:
        return t.gettext(HELD.get(checkpoint.kind, HELD[""])).format(date=format_day(t, checkpoint.held_on))
    if status in CLOSED:
        return t.gettext("not recorded")
    return t.gettext(DUE.get(checkpoint.kind, DUE[""])).format(date=format_day(t, checkpoint.due_on))


VALUE_EXAMPLES = {
    Unit.PERCENT: N_("e.g. 12.5%"),  # English forms, as English users read them echoed; French: « 12,5 % »
    Unit.EURO: N_("e.g. €1,200"),
    Unit.HOMES: N_("e.g. 35 homes"),
    Unit.PEOPLE: N_("e.g. 120 people"),
    Unit.COUNT: N_("e.g. 12"),
    Unit.DAYS: N_("e.g. 30 days"),
    ValueKind.YES_NO: N_("yes or no"),
    ValueKind.TEXT: N_("e.g. Charter written and adopted"),
}


def value_example(t: Translator, kind: str | None, unit: str | None) -> str:
    """An example of a valid value for an indicator of this kind and unit."""
    if kind == ValueKind.NUMBER and unit and listed_unit(unit) is None:
        example = format_value(t, "12", kind, unit)  # the coop's own unit, kept with its number as shown
        return t.gettext("e.g. {example}").format(example=example)
    key = Unit(unit) if kind == ValueKind.NUMBER and unit else kind
    return t.gettext(VALUE_EXAMPLES.get(key, VALUE_EXAMPLES[Unit.COUNT]))


def unit_label(t: Translator, unit: str) -> str:
    """« % », « logements »…, or the coop's own words for a unit it typed (« jours ouvrés »)."""
    listed = listed_unit(unit)
    return t.gettext(UNIT_LABELS[listed]) if listed is not None else unit


def colon(t: Translator) -> str:
    """« : » after a label: a no-break space before it in French, none in English."""
    return f"{NBSP}:" if t.language == "fr" else ":"


def quoted(language: str, text: str) -> str:
    """« text » in French (no-break spaces inside), “text” in English: what someone wrote, quoted."""
    return f"«{NBSP}{text}{NBSP}»" if language.startswith("fr") else f"“{text}”"


def labelled(t: Translator, label: str, value: str) -> str:
    """« Valeur cible : 25 % » / "Target value: 25%" (plain text, to be escaped)."""
    return f"{label}{colon(t)} {value}"


def format_percent(t: Translator, percent: int | Decimal) -> str:
    """« 63 % » in French (a no-break space), "63%" in English."""
    return with_percent_sign(t, t.format_number(percent))


def with_percent_sign(t: Translator, number: str) -> str:
    """A number already written, with its « % »: after a no-break space in French, right after in English
    (every percentage of the bot: a value in %, a share, the dashboard's chart)."""
    return f"{number}{NBSP}%" if t.language == "fr" else f"{number}%"


def filled_in(t: Translator, percent: int) -> str:
    """« 📈 Dossier rempli à 63 % »: how much of the dossier is filled (plain text)."""
    return "📈 " + t.gettext("Dossier filled in: {percent}").format(percent=format_percent(t, percent))


FILE_NAME_MAX = 80
# what a file system, a ZIP reader or a PDF viewer could read as a path, a drive or a wildcard
UNSAFE_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|]+')


def clean_file_name(name: str, extension: str, limit: int = FILE_NAME_MAX) -> str:
    """A sent file's name as it is stored, zipped and printed: no folders, no control or direction
    marks (« \u202e » turns « fdp.exe » round), no wildcards, short (cut between two words, with
    « … », past ``limit`` characters before the extension), and the extension of its content."""
    base = PureWindowsPath(name.replace("\x00", "")).name  # both « / » and « \\ » separate folders
    visible = "".join(c for c in base if not unicodedata.category(c).startswith("C"))
    stem, dot, suffix = visible.rpartition(".")
    if not dot or suffix.lower() not in {extension, "jpeg" if extension == "jpg" else extension}:
        stem = visible  # a name without the content's extension keeps it all, then gets the right one
    stem = fit_label(" ".join(UNSAFE_IN_FILE_NAMES.sub(" ", stem).split()).strip(" ."), limit)
    return f"{stem or 'document'}.{extension}"
