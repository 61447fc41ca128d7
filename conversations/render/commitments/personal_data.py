"""/mesdonnees as files: the JSON of every row about a person, and the same as a readable text."""

from __future__ import annotations

import json
from contextlib import suppress
from datetime import date, datetime

from conversations.render.commitments.personal_words import AUDIT, ENTITIES, LABELS
from conversations.render.fields import FIELDS
from conversations.render.formatting import format_day, format_moment, labelled, shorten, status_label
from locales import N_, Translator
from models.privacy.registry import PERSON_COLUMNS

# per table: what it holds about the person, and why it is kept
TOPICS = {
    "user": (
        N_("Your profile"),
        N_("to write to you in your language, and to know if you blocked the assistant"),
    ),
    "member": (N_("Your coop"), N_("to open your coop's dossier and allow what your role allows")),
    "federationrole": (
        N_("Your federation roles"),
        N_("to give the committee and the administrators their screens"),
    ),
    "chatstate": (
        N_("Where you are in the conversation"),
        N_("so that a restart takes you back to the same question"),
    ),
    "textpart": (
        N_("Text you sent, waiting to be read whole"),
        N_("a long paste arrives in parts: they are kept until they are read together, then deleted"),
    ),
    "unhandledupdate": (
        N_("A message you sent, not handled yet"),
        N_("kept from its arrival until the assistant has handled it, then deleted (a few seconds)"),
    ),
    "receivedupdate": (
        N_("The numbers of your latest messages"),
        N_("so that a message Telegram delivers twice is handled once; kept two days"),
    ),
    "appsession": (
        N_("Your openings of the Mini App"),
        N_("to tell the chat, once, which fields you changed in the application"),
    ),
    "auditentry": (
        N_("What you wrote or changed (audit trail)"),
        N_("so that the coop and the committee know who changed what, and when"),
    ),
    "engagementchoice": (N_("Engagements you chose"), N_("the audit of the dossier")),
    "attachment": (N_("Documents you provided"), N_("the audit of the dossier")),
    "dossierversion": (N_("Dossiers you submitted"), N_("the version the committee received")),
    "checkpoint": (N_("Checkpoints you recorded"), N_("the committee's decisions")),
    "announcement": (N_("Announcements you wrote"), N_("to send them and report on them")),
    "delivery": (N_("Announcements sent to you"), N_("so that each is sent once")),
    "rsvp": (N_("Your answers to announcements"), N_("to remind those who attend, one hour before")),
    "sentreminder": (N_("Reminders sent to you"), N_("so that each reminder is sent once")),
    "notification": (N_("News sent to you"), N_("so that each piece of news is sent once")),
    "consultation": (N_("Consultations you prepared"), N_("the coop's evidence of involvement")),
    "consultationanswer": (
        N_("Your answers to consultations"),
        N_("one answer per person, changeable until closing; results never say who answered"),
    ),
    "consultationaccess": (
        N_("Consultations you opened through a public link"),
        N_("to let you answer that consultation only"),
    ),
    "requestthread": (
        N_("Requests to the federation you opened or closed"),
        N_("to follow the exchange with the federation"),
    ),
    "requestmessage": (
        N_("Your messages to the federation"),
        N_("to follow the exchange with the federation"),
    ),
    "progressreport": (
        N_("Checkpoint reports you started or sent"),
        N_("what the committee reads before a checkpoint"),
    ),
    "practicesharing": (
        N_("What you agreed to share for your coop"),
        N_("the coop's consent to share its practices"),
    ),
}


def export_json(telegram_id: int, rows: dict[str, list[dict]], now: datetime) -> bytes:
    """The machine-readable file: every row, by table."""
    data = {"telegram_id": telegram_id, "generated_at": now.isoformat(), "tables": rows}
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def _kinds() -> dict[str, dict[str, type]]:
    """Per table, per column, the Python type stored (a date, an instant, yes or no…)."""
    kinds: dict[str, dict[str, type]] = {}
    for column in PERSON_COLUMNS:
        types = kinds.setdefault(column.table_name, {})
        for stored in column.table.__table__.columns:
            try:
                types[stored.name] = getattr(stored.type, "impl", stored.type).python_type
            except NotImplementedError:
                types[stored.name] = str
    return kinds


KINDS = _kinds()


def _flat(value: object) -> str:
    """A JSON text stored in a column (« {"name": "Zélie"} »), its values only, on one line."""
    if isinstance(value, dict):
        return " · ".join(_flat(item) for item in value.values() if item not in (None, "", [], {}))
    if isinstance(value, list):
        return ", ".join(_flat(item) for item in value)
    return str(value)


def _shown(t: Translator, kind: type | None, value: object) -> str:
    """A stored value the person's way: dates and instants in words (Paris time), yes or no, numbers."""
    if value in (None, ""):
        return ""
    if kind is datetime:
        return format_moment(t, datetime.fromisoformat(str(value)))
    if kind is date:
        return format_day(t, date.fromisoformat(str(value)))
    if isinstance(value, bool):
        return t.gettext("yes") if value else t.gettext("no")
    if isinstance(value, int | float):
        return t.format_number(value)
    text = str(value)
    if text[:1] in "{[":
        with suppress(ValueError):
            text = _flat(json.loads(text))
    return text.replace("\n", "\n    ")


def _row_lines(t: Translator, table: str, row: dict) -> list[str]:
    """One row: « • label : value », one field a line, numbers and machinery left out."""
    kinds = KINDS.get(table, {})
    shown = {key: _shown(t, kinds.get(key), value) for key, value in row.items() if key in LABELS}
    fields = [labelled(t, t.gettext(LABELS[key]), text) for key, text in shown.items() if text.strip()]
    return ["• " + fields[0], *("  " + field for field in fields[1:])] if fields else []


def _field_name(t: Translator, entity: str, name: str) -> str:
    """A field of the dossier by its label (« Approche »), else as stored."""
    known = {spec.name: spec.label for spec in FIELDS.get(entity, ())}
    return t.gettext(known[name]) if name in known else name


def _audit_line(t: Translator, row: dict) -> str:
    """« 23 novembre 2026 à 10 h 30 — engagement 3 choisi », with the field and the new value if any."""
    entity, action, field, new = row["entity"], row["action"], row.get("field"), row.get("new_value")
    phrase = AUDIT.get((entity, action))
    if phrase:
        what = t.gettext(phrase).format(n=row.get("entity_id"))
    else:
        what = f"{t.gettext(ENTITIES[entity]) if entity in ENTITIES else entity} · {action}"
    if field == "status" and entity == "dossier":
        field, new = None, status_label(t, new) if new else new
    if field:
        what += f" ({_field_name(t, entity, field)})"
    if new not in (None, ""):
        what = labelled(t, what, shorten(new, 80))
    return f"{_shown(t, datetime, row['at'])} — {what}"


def export_text(t: Translator, telegram_id: int, rows: dict[str, list[dict]], now: datetime) -> bytes:
    """The same, readable: a section per kind of data, what it is for, and every row in words."""
    lines = [
        t.gettext("Quali’Coop assistant — everything stored about you"),
        t.gettext("Telegram id: {id} · generated on {date}").format(
            id=telegram_id, date=format_moment(t, now)
        ),
        t.gettext("The JSON file sent with this one holds the same, complete, for a machine."),
    ]
    for table, found in rows.items():
        title, why = TOPICS.get(table, (table, ""))
        lines += ["", "", f"{t.gettext(title)} ({t.format_number(len(found))})"]
        lines += [labelled(t, t.gettext("Why"), t.gettext(why)), ""] if why else [""]
        for row in found:
            lines += [_audit_line(t, row)] if table == "auditentry" else _row_lines(t, table, row)
    if not rows:
        lines += ["", t.gettext("Nothing is stored about you.")]
    return ("\n".join(lines) + "\n").encode("utf-8")
