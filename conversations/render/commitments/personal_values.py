"""/mesdonnees' stored values in the reader's words: a code (a role, a status, a kind of news) in words,
a date or an instant their way, a JSON column's texts, a piece of news or a Mini App opening in a few
words; what means nothing to a person (a screen's name, ids), nothing."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from contextlib import suppress
from datetime import date, datetime

from babel import Locale, UnknownLocaleError

from conversations.render.commitments import personal_words as words
from conversations.render.commitments.requests import FORMER_MEMBER, SUBJECTS
from conversations.render.fields import FIELDS
from conversations.render.formatting import event_name, format_day, format_moment, status_label
from conversations.render.report import ATTACHMENT_KINDS, FILE_TYPES
from locales import N_, Translator
from models.privacy.erase import FORMER_MEMBER_NAME

NEWS_SHOWN = ("name", "coop", "role", "transition", "checkpoint", "date", "comment")  # in this order
CODE = re.compile(r"[a-z][a-z0-9_]*(:[\w-]+)*")  # « approach », « checkpoint:12 »: for machines
# in a saved position, codes and more machinery: the command that left a question, a number, a mark
HELD = re.compile(rf"{CODE.pattern}|/\w+(@\w+)?|\d+(\.[0-9a-f]{{12}})?|[0-9a-f]{{32,}}")  # « 12.9f86d0… »
FILE_HELD = N_("a file waiting: {name}")  # received at a question (ui.states.FILE_KEY), not added nor sent
FIELD_LABELS = {spec.name: spec.label for specs in FIELDS.values() for spec in specs}
Shown = Callable[[Translator, str], str]


def in_words(codes: dict[str, str]) -> Shown:
    """A stored code in words; nothing for a code without words (never the code itself)."""
    return lambda t, value: t.gettext(codes[value]) if value in codes else ""


nothing = in_words({})  # a value that means nothing to a person (a screen's name, ids): left out


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


def json_texts(t: Translator, stored: str, codes: re.Pattern = CODE) -> str:
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
        return in_words(words.ROLES)(t, value)
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
    ("member", "role"): in_words(words.ROLES),
    ("federationrole", "role"): in_words(words.ROLES),
    ("user", "language"): _language,
    ("user", "telegram_language"): _language,
    ("chatstate", "screen"): nothing,
    ("chatstate", "data"): lambda t, value: json_texts(t, value, HELD),
    ("appsession", "changed"): _app_changes,
    ("attachment", "kind"): in_words(ATTACHMENT_KINDS),
    ("attachment", "mime_type"): lambda t, value: FILE_TYPES.get(value, value),
    ("checkpoint", "kind"): event_name,
    ("sentreminder", "kind"): event_name,
    ("sentreminder", "event_key"): nothing,
    ("progressreport", "checkpoint_kind"): event_name,
    ("progressreport", "reviewed"): nothing,  # indicator ids
    ("consultationanswer", "choices"): nothing,  # the numbers of the choices
    ("notification", "kind"): in_words(words.NEWS_KINDS),
    ("notification", "payload"): _news,
    ("announcement", "audience"): in_words(words.AUDIENCES),
    ("announcement", "audience_value"): lambda t, value: "" if CODE.fullmatch(value) else value,  # a region
    ("requestthread", "subject"): lambda t, v: in_words(SUBJECTS)(t, v).split(" ", 1)[-1],  # no emoji
}


def shown_value(t: Translator, table: str, column: str, value: object) -> str:
    """A stored value the person's way: codes in words, dates and instants in words (Paris time),
    yes or no, numbers; what means nothing to a person, nothing."""
    if value in (None, ""):
        return ""
    if (table, column) in COLUMNS or column == "status":
        with suppress(ValueError, TypeError):
            return COLUMNS.get((table, column), in_words(words.STATES))(t, str(value))
        return ""
    if isinstance(value, str) and (day := _day_or_moment(t, value)):  # JSON holds dates as ISO texts
        return day
    if isinstance(value, bool):
        return t.gettext("yes") if value else t.gettext("no")
    if isinstance(value, int | float):
        return t.format_number(value)
    text = json_texts(t, str(value)) if str(value)[:1] in "{[" else str(value)
    return text.replace("\n", "\n    ")
