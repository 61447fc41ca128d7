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
from conversations.render.commitments.bilans import bilan_view
from conversations.render.commitments.consultations import DEFAULT_QUESTION
from conversations.render.commitments.requests import FORMER_MEMBER, SUBJECTS
from conversations.render.commitments.words import colon
from conversations.render.fields import FIELDS
from conversations.render.formatting import event_name, format_day, format_moment, status_label
from conversations.render.report import ATTACHMENT_KINDS, FILE_TYPES, format_size
from locales import N_, Translator
from models.label.reminders import COMMITTEE_MEETING
from models.privacy.erase import FORMER_MEMBER_NAME
from models.privacy.export import Related
from models.referential.model import Referential
from models.referential.parsing import default_referential

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
    ("attachment", "size"): lambda t, value: _size(t, int(value)),
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
    ("requestmessage", "size"): lambda t, value: _size(t, int(value)),
    ("requestmessage", "mime_type"): lambda t, value: FILE_TYPES.get(value, value),
    ("requestthread", "subject"): lambda t, v: in_words(SUBJECTS)(t, v).split(" ", 1)[-1],  # no emoji
}


def _size(t: Translator, size: int) -> str:
    """« 72 octets » below a kilobyte, then « 350 ko », « 1,2 Mo » as the requests' screens say it."""
    if size < 1024:
        return t.ngettext("{n} byte", "{n} bytes", size).format(n=t.format_number(size))
    return format_size(t, size)


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


# what a row points to, in words: read with the rows (models.privacy.export.Related), never in the JSON;
# a row's coop, what it points to as (label, text) shown first, and the columns this says better
Named = tuple[int | None, list[tuple[str, str]], frozenset[str]]
CONSULTED = ("consultationanswer", "consultationaccess", "consultation")


def _referential(related: Related) -> Referential:
    """The referential in force (the packaged one when the rows needed none)."""
    return related.referential or default_referential()


def _engagement(t: Translator, related: Related, code: object) -> str:
    """« 5. Associer accédants… »: an engagement by its number and its title in the reader's language."""
    with suppress(KeyError, ValueError, TypeError):
        engagement = _referential(related).engagement(int(code))
        return f"{engagement.code}. {engagement.title.get(t.language)}"
    return str(code)


def _ticked(t: Translator, related: Related, stored: str, choices: str) -> str:
    """The choices ticked, one a line: a free question's own, or the engagements (« 5. … »)."""
    with suppress(ValueError, TypeError, IndexError):
        free, ticked = json.loads(choices or "[]"), json.loads(stored)
        ballot = free or [_engagement(t, related, e.code) for e in _referential(related).engagements]
        return "\n".join(str(ballot[i]) for i in ticked)
    return ""


def _submitted(t: Translator, related: Related, row: dict) -> list[tuple[str, str]]:
    """A submitted dossier as a person reads it: when, the engagements chosen, how many indicators and
    which documents (the stored JSON, its codes and edit counter, stay in the JSON file)."""
    when = shown_value(t, "dossierversion", "submitted_at", row.get("submitted_at"))
    named = [(words.LABELS["submitted_at"], when)]
    with suppress(ValueError, TypeError, KeyError, AttributeError):
        content = json.loads(row.get("content") or "{}")
        chosen = "\n".join(_engagement(t, related, code) for code in content.get("engagements", ()))
        files = (str(a.get("file_name") or a.get("label") or "") for a in content.get("attachments", ()))
        indicators = t.format_number(len(content.get("indicators", ())))
        named += [(words.CHOSEN, chosen), (words.INDICATORS, indicators), (words.FILES, " · ".join(files))]
    return named


def _bilan(t: Translator, row: dict) -> list[tuple[str, str]]:
    """A bilan as the coop and the committee read it (``bilans.bilan_view``): its checkpoint and due
    date, each indicator's figures and each action's state in words; none while its content is empty."""
    with suppress(ValueError, TypeError, KeyError, AttributeError):
        view = bilan_view(t, json.loads(row.get("content") or "{}"), "", "", None)
        said = colon(t.language)
        lines = []
        for item in view.indicators:
            lines.append(f"{item.title}{said}{item.figures}")
            lines += [f"  {a.state}{said}{a.description} — {a.owner}" for a in item.actions]
            lines += [f"    {a.note}" for a in item.actions if a.note]
        return [(words.LABELS["checkpoint_kind"], view.checkpoint), (words.INDICATORS, "\n".join(lines))]
    return []


def _consulted(t: Translator, table: str, row: dict, related: Related, coop: int | None) -> Named:
    """A consultation prepared, answered or opened through its link: its question (the default one in
    the reader's language), the choices ticked in words."""
    coop, question, choices = related.consultations.get(row.get("consultation_id"), (coop, None, "[]"))
    if table == "consultation":
        question, choices = row.get("question"), row.get("choices") or "[]"
    elif row.get("consultation_id") not in related.consultations:
        return coop, [], frozenset()
    named = [(words.LABELS["question"], question or t.gettext(DEFAULT_QUESTION))]
    if table == "consultationanswer":
        named.append((words.LABELS["choices"], _ticked(t, related, row.get("choices") or "[]", choices)))
    return coop, named, frozenset({"question"})


# the reminders that are no step of the label: a meeting's, an hour before; a consultation's, before it closes
REMINDED = {"announcement": N_("VisioCoop meeting"), "consultation": N_("Consultation, before it closes")}


def _reminded(t: Translator, row: dict, related: Related) -> Named:
    """A reminder's event by its name (« Point d’étape à 6 mois », « Réunion VisioCoop » with its
    title), kept with it or read from its checkpoint, and whose it was."""
    kind, coop, key = row.get("kind"), row.get("coop_id"), str(row.get("event_key") or "")
    prefix, _, number = key.partition(":")
    thing = int(number) if number.isdigit() else None
    if prefix in REMINDED:
        named = [(words.LABELS["kind"], t.gettext(REMINDED[prefix]))]
        if prefix == "announcement" and thing in related.announcements:
            named.append((words.ANNOUNCEMENT, related.announcements[thing]))
        elif prefix == "consultation" and thing in related.consultations:
            coop, question, _choices = related.consultations[thing]
            named.append((words.LABELS["question"], question or t.gettext(DEFAULT_QUESTION)))
        hidden = {"kind", "lead_days"} if prefix == "announcement" else {"kind"}  # an hour before, not 0 days
        return coop, named, frozenset(hidden)
    if prefix == "committee":
        kind = kind or COMMITTEE_MEETING
    elif prefix == "checkpoint" and thing in related.checkpoints:
        checkpoint_kind, dossier = related.checkpoints[thing]
        kind, coop = kind or checkpoint_kind, coop or related.dossier_coops.get(dossier)
    return coop, [(words.LABELS["kind"], event_name(t, kind) if kind else "")], frozenset({"kind"})


def about_row(t: Translator, table: str, row: dict, related: Related) -> Named:
    """What a row is about, named: the coop of a dossier's row, the consultation answered, the
    announcement received, the event reminded; the columns this says better, left out."""
    coop = row.get("coop_id") or related.dossier_coops.get(row.get("dossier_id"))
    coop = coop or related.thread_coops.get(row.get("thread_id"))  # a message to the federation's
    if table in CONSULTED:
        return _consulted(t, table, row, related, coop)
    if table == "sentreminder":
        return _reminded(t, row, related)
    named: list[tuple[str, str]] = []
    if table in ("delivery", "rsvp"):
        named = [(words.ANNOUNCEMENT, related.announcements.get(row.get("announcement_id"), ""))]
    if table == "dossierversion":
        return coop, _submitted(t, related, row), frozenset({"version", "content", "submitted_at"})
    if table == "engagementchoice":
        named = [(words.LABELS["engagement_code"], _engagement(t, related, row.get("engagement_code")))]
        return coop, named, frozenset({"engagement_code"})
    if table == "progressreport" and (bilan := _bilan(t, row)):
        return coop, bilan, frozenset({"checkpoint_kind", "content"})
    if table == "requestmessage" and not row.get("file_name"):
        return coop, named, frozenset({"size", "mime_type"})  # no file: no file's size
    return coop, named, frozenset()
