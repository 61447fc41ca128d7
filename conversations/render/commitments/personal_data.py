"""/mesdonnees as files: the JSON of every row about a person, and the same as a readable text.

The text speaks the reader's words: codes (a role, a status, a kind of news) in words, numbers and
dates their way. What means nothing to a person (a screen's name, a reminder's key, the numbers of
consultation choices or indicators) is left out of it; the JSON file keeps everything as stored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from contextlib import suppress
from datetime import date, datetime
from operator import itemgetter

from babel import Locale, UnknownLocaleError

from conversations.render.commitments import personal_words as words
from conversations.render.commitments.bilans import ACTION_STATES
from conversations.render.commitments.requests import FORMER_MEMBER, SUBJECTS
from conversations.render.fields import FIELDS, field_spec
from conversations.render.formatting import (
    event_name,
    format_day,
    format_due,
    format_moment,
    format_value,
    labelled,
    shorten,
    status_label,
)
from conversations.render.report import ATTACHMENT_KINDS, FILE_TYPES
from locales import N_, Translator
from models.privacy.erase import FORMER_MEMBER_NAME
from models.privacy.registry import PERSON_COLUMNS
from models.values import ValueKind

NEWS_SHOWN = ("name", "coop", "role", "transition", "checkpoint", "date", "comment")  # in this order
CODE = re.compile(r"[a-z][a-z0-9_]*(:[\w-]+)*")  # « approach », « checkpoint:12 »: for machines
# in a saved position, codes and more machinery: the command that left a question, a number, a mark
HELD = re.compile(rf"{CODE.pattern}|/\w+(@\w+)?|\d+(\.[0-9a-f]{{12}})?|[0-9a-f]{{32,}}")  # « 12.9f86d0… »
FILE_HELD = N_("a file waiting: {name}")  # received at a question (ui.states.FILE_KEY), not added nor sent
RECIPIENTS = re.compile(r"(?s)(.*) \((\d+) recipients\)")  # how an approved announcement is audited
# a row's fields in the order its table declares them (a row read from the database holds them in any order)
ORDER = {
    column.table_name: [stored.name for stored in column.table.__table__.columns] for column in PERSON_COLUMNS
}
FIELD_LABELS = {spec.name: spec.label for specs in FIELDS.values() for spec in specs}
Shown = Callable[[Translator, str], str]


def export_json(telegram_id: int, rows: dict[str, list[dict]], now: datetime) -> bytes:
    """The machine-readable file: every row, by table, as stored."""
    data = {"telegram_id": telegram_id, "generated_at": now.isoformat(), "tables": rows}
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def _in_words(codes: dict[str, str]) -> Shown:
    """A stored code in words; nothing for a code without words (never the code itself)."""
    return lambda t, value: t.gettext(codes[value]) if value in codes else ""


_nothing = _in_words({})  # a value that means nothing to a person (a screen's name, ids): left out


def _day_or_moment(t: Translator, text: str) -> str | None:
    """An ISO date or instant in words; None for any other text."""
    with suppress(ValueError):
        if len(text) == 10:
            return format_day(t, date.fromisoformat(text))
        if text[4:5] == "-" and "T" in text:
            return format_moment(t, datetime.fromisoformat(text))
    return None


def _texts(t: Translator, value: object, codes: re.Pattern = CODE) -> list[str]:
    """A stored JSON value's texts, dates in words, a held file by its name: ``codes``, numbers, flags out."""
    if isinstance(value, dict) and value.get("name") and "sha256" in value:
        return [t.gettext(FILE_HELD).format(name=value["name"])]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [text for item in value for text in _texts(t, item, codes)]
    if not isinstance(value, str) or not value.strip() or codes.fullmatch(value):
        return []
    return [_day_or_moment(t, value) or value]


def _json_texts(t: Translator, stored: str, codes: re.Pattern = CODE) -> str:
    """A JSON column's texts on one line (« Zélie · Coop Données »)."""
    with suppress(ValueError):
        return " · ".join(_texts(t, json.loads(stored), codes))
    return stored


def _language(t: Translator, code: str) -> str:
    """« français », « anglais »: a language code by its name in the reader's language."""
    with suppress(ValueError, TypeError, UnknownLocaleError):
        return Locale.parse(code.replace("-", "_")).get_display_name(t.locale) or code
    return code


def _news_value(t: Translator, key: str, value: object) -> str:
    """One value of a piece of news: a role, a decision, a checkpoint, a date in words."""
    if key == "role":
        return _in_words(words.ROLES)(t, value)
    if key == "transition":
        return status_label(t, words.DECISIONS[value]) if value in words.DECISIONS else ""
    if key == "checkpoint":
        return event_name(t, str(value))
    if key == "name" and value == FORMER_MEMBER_NAME:
        return t.gettext(FORMER_MEMBER)
    return _day_or_moment(t, str(value)) or str(value)


def _news(t: Translator, stored: str) -> str:
    """What a piece of news said: the names, role, decision, date and comment it carried (no ids)."""
    with suppress(ValueError, AttributeError):
        data = json.loads(stored)
        shown = (_news_value(t, key, data[key]) for key in NEWS_SHOWN if data.get(key))
        return " · ".join(filter(None, shown))
    return ""


def _app_change(t: Translator, key: str) -> str:
    """A field changed in the Mini App (« indicator:12:rationale », « engagement:5 ») in words."""
    entity, *rest = key.split(":")
    if rest[-1:] == ["new"]:
        return t.gettext(words.AUDIT.get((entity, "create"), ""))
    if entity == "engagement" and rest:
        return f"{t.gettext(words.ENTITIES[entity])} {rest[0]}"
    name = rest[-1] if rest else entity
    return t.gettext(FIELD_LABELS[name]) if name in FIELD_LABELS else ""


def _app_changes(t: Translator, stored: str) -> str:
    """The fields changed in the Mini App, by their labels, once each."""
    return ", ".join(dict.fromkeys(filter(None, (_app_change(t, str(key)) for key in json.loads(stored)))))


# columns holding codes, JSON or ids, and how each reads (any other ``status`` reads as STATES)
COLUMNS: dict[tuple[str, str], Shown] = {
    ("member", "role"): _in_words(words.ROLES),
    ("federationrole", "role"): _in_words(words.ROLES),
    ("user", "language"): _language,
    ("user", "telegram_language"): _language,
    ("chatstate", "screen"): _nothing,
    ("chatstate", "data"): lambda t, value: _json_texts(t, value, HELD),
    ("appsession", "changed"): _app_changes,
    ("attachment", "kind"): _in_words(ATTACHMENT_KINDS),
    ("attachment", "mime_type"): lambda t, value: FILE_TYPES.get(value, value),
    ("checkpoint", "kind"): event_name,
    ("sentreminder", "kind"): event_name,
    ("sentreminder", "event_key"): _nothing,
    ("progressreport", "checkpoint_kind"): event_name,
    ("progressreport", "reviewed"): _nothing,  # indicator ids
    ("consultationanswer", "choices"): _nothing,  # the numbers of the choices
    ("notification", "kind"): _in_words(words.NEWS_KINDS),
    ("notification", "payload"): _news,
    ("announcement", "audience"): _in_words(words.AUDIENCES),
    ("announcement", "audience_value"): lambda t, value: "" if CODE.fullmatch(value) else value,  # a region
    ("requestthread", "subject"): lambda t, v: _in_words(SUBJECTS)(t, v).split(" ", 1)[-1],  # no emoji
}


def _shown(t: Translator, table: str, column: str, value: object) -> str:
    """A stored value the person's way: codes in words, dates and instants in words (Paris time),
    yes or no, numbers; what means nothing to a person, nothing."""
    if value in (None, ""):
        return ""
    if (table, column) in COLUMNS or column == "status":
        with suppress(ValueError, TypeError):
            return COLUMNS.get((table, column), _in_words(words.STATES))(t, str(value))
        return ""
    if isinstance(value, str) and (day := _day_or_moment(t, value)):  # JSON holds dates as ISO texts
        return day
    if isinstance(value, bool):
        return t.gettext("yes") if value else t.gettext("no")
    if isinstance(value, int | float):
        return t.format_number(value)
    text = _json_texts(t, str(value)) if str(value)[:1] in "{[" else str(value)
    return text.replace("\n", "\n    ")


def _row_lines(t: Translator, table: str, row: dict) -> list[str]:
    """One row: « • label : value », one field a line, numbers and machinery left out."""
    keys = [key for key in ORDER.get(table, row) if key in row and key in words.LABELS]
    shown = {key: _shown(t, table, key, row[key]) for key in keys}
    fields = [labelled(t, t.gettext(words.LABELS[key]), text) for key, text in shown.items() if text.strip()]
    return ["• " + fields[0], *("  " + field for field in fields[1:])] if fields else []


def _audit_field(t: Translator, entity: str, field: str | None) -> str:
    """The field an audit entry changed, by its label (« Valeur actuelle »); a document by its kind."""
    if not field or (entity, field) == ("dossier", "status"):
        return ""
    if entity == "attachment":
        return _in_words(ATTACHMENT_KINDS)(t, field)
    if field == "due_precision":  # a due date given as a month, or again as a day
        field = "due_date"
    known = {spec.name: spec.label for spec in FIELDS.get(entity, ())} | words.LABELS
    return t.gettext(known[field]) if field in known else ""


def _indicator_value(t: Translator, stored: str) -> str:
    """« 12,5 », « oui », or a milestone's text (the unit is not audited with it: left out)."""
    return format_value(t, stored, ValueKind.YES_NO if stored in ("yes", "no") else ValueKind.NUMBER, None)


def _announced(t: Translator, stored: str) -> str:
    """« VisioCoop (12 destinataires) »: an approved announcement, as the audit wrote it, in words."""
    if (found := RECIPIENTS.fullmatch(stored)) is None:
        return stored
    n = int(found.group(2))
    said = t.ngettext("{title} ({n} recipient)", "{title} ({n} recipients)", n)
    return said.format(title=found.group(1), n=t.format_number(n))


AUDIT_VALUES: dict[str, Shown] = {
    "current_value": _indicator_value,
    "target_value": _indicator_value,
    "value_kind": lambda t, value: field_spec("indicator", "value_kind").show(t, None, value),
    "unit": lambda t, value: field_spec("indicator", "unit").show(t, None, value),
    "due_precision": _in_words(words.PRECISIONS),
    "role": _in_words(words.ROLES),
    "for_members": lambda t, value: t.gettext("yes") if value == "True" else t.gettext("no"),
    "public_token": _nothing,
    "choices": _json_texts,
    "status": lambda t, value: t.gettext(ACTION_STATES[value][1]),  # an action's, in the follow-up
}


def _audit_value(t: Translator, row: dict, precision: str) -> str:
    """The new value an audit entry recorded, the reader's way (a due date as precise as typed)."""
    entity, action, field, new = row["entity"], row["action"], row.get("field"), row.get("new_value")
    if new in (None, "") or (entity, action) == ("invitation", "failed_join"):
        return ""
    if (entity, field) == ("dossier", "status"):  # « refused: the committee's comment »
        status, _, comment = new.partition(": ")
        return labelled(t, status_label(t, status), comment) if comment else status_label(t, status)
    if (entity, action) in (("member", "join"), ("invitation", "create")):
        return _in_words(words.ROLES)(t, new)
    if (entity, action) == ("bilan", "send"):
        return event_name(t, new)
    if entity == "announcement":
        return _announced(t, new)
    with suppress(ValueError, KeyError):
        if field in ("target_date", "due_date", "closes_on"):
            return format_due(t, date.fromisoformat(new), precision)
        return AUDIT_VALUES[field](t, new) if field in AUDIT_VALUES else new
    return ""


def _audit_line(t: Translator, row: dict, precision: str) -> str:
    """« 23 novembre 2026 à 10 h 30 — engagement 3 choisi », with the field and the new value if any."""
    entity, action, field = row["entity"], row["action"], row.get("field")
    phrase = words.AUDIT.get((entity, action)) or (words.DECIDED if field == "status" else None)
    if phrase:
        what = t.gettext(phrase).format(n=row.get("entity_id"))
    else:  # an action without words of its own: what it was about
        what = t.gettext(words.ENTITIES.get(entity, N_("change")))
    if name := _audit_field(t, entity, field):
        what += f" ({name})"
    if value := _audit_value(t, row, precision):
        what = labelled(t, what, shorten(value, 80))
    return f"{format_moment(t, datetime.fromisoformat(row['at']))} — {what}"


def _audit_lines(t: Translator, rows: list[dict]) -> list[str]:
    """The audit trail, one line an entry; a due date set with its precision is one line, as typed."""
    at = itemgetter("entity", "entity_id", "at")  # a due date and its precision are written together
    precisions = {at(row): row["new_value"] for row in rows if row.get("field") == "due_precision"}
    dated = {at(row) for row in rows if row.get("field") == "due_date"}
    return [
        _audit_line(t, row, precisions.get(at(row)) or "day")
        for row in rows
        if not (row.get("field") == "due_precision" and at(row) in dated)
    ]


def export_text(t: Translator, telegram_id: int, rows: dict[str, list[dict]], now: datetime) -> bytes:
    """The same, readable: a section per kind of data, what it is for, and every row in words."""
    when = format_moment(t, now)
    lines = [
        t.gettext("Quali’Coop assistant — everything stored about you"),
        t.gettext("Telegram id: {id} · generated on {date}").format(id=telegram_id, date=when),
        t.gettext("The JSON file sent with this one holds the same, complete, for a machine."),
    ]
    for table, found in rows.items():
        title, why = words.TOPICS.get(table, (table, ""))
        lines += ["", "", f"{t.gettext(title)} ({t.format_number(len(found))})"]
        lines += [labelled(t, t.gettext("Why"), t.gettext(why)), ""] if why else [""]
        if table == "auditentry":
            lines += _audit_lines(t, found)
        else:
            lines += [line for row in found for line in _row_lines(t, table, row)]
    if not rows:
        lines += ["", t.gettext("Nothing is stored about you.")]
    return ("\n".join(lines) + "\n").encode("utf-8")
