"""/mesdonnees as files: the JSON of every row about a person, and the same as a readable text.

The text speaks the reader's words: codes (a role, a status, a kind of news) in words, numbers and
dates their way. What means nothing to a person (a screen's name, a reminder's key, the numbers of
consultation choices or indicators) is left out of it; the JSON file keeps everything as stored.
"""

from __future__ import annotations

import json
import re
from contextlib import suppress
from datetime import date, datetime
from operator import itemgetter

from conversations.render.commitments import personal_words as words
from conversations.render.commitments.bilans import ACTION_STATES
from conversations.render.commitments.personal_values import (
    Shown,
    about_row,
    in_words,
    json_texts,
    nothing,
    shown_value,
)
from conversations.render.fields import FIELDS, field_spec
from conversations.render.formatting import (
    event_name,
    format_due,
    format_moment,
    format_value,
    labelled,
    shorten,
    status_label,
)
from conversations.render.report import ATTACHMENT_KINDS
from locales import N_, Translator
from models.privacy.export import Related
from models.privacy.registry import PERSON_COLUMNS
from models.values import ValueKind

RECIPIENTS = re.compile(r"(?s)(.*) \((\d+) recipients\)")  # how an approved announcement is audited
# a row's fields in the order its table declares them (a row read from the database holds them in any order)
ORDER = {
    column.table_name: [stored.name for stored in column.table.__table__.columns] for column in PERSON_COLUMNS
}


def export_json(telegram_id: int, rows: dict[str, list[dict]], now: datetime) -> bytes:
    """The machine-readable file: every row, by table, as stored."""
    data = {"telegram_id": telegram_id, "generated_at": now.isoformat(), "tables": rows}
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def _row_lines(t: Translator, table: str, row: dict, coops: dict[int, str], related: Related) -> list[str]:
    """One row: « • label : value », one field a line, the coop it is about first, then what it points to
    (the consultation answered, the announcement received…), numbers and machinery left out."""
    coop, named, replaced = about_row(t, table, row, related)
    keys = [
        key for key in ORDER.get(table, row) if key in row and key in words.LABELS and key not in replaced
    ]
    shown = [(words.LABELS[key], shown_value(t, table, key, row[key])) for key in keys]
    fields = [labelled(t, t.gettext(words.COOP), coops[coop])] if coop in coops else []
    fields += [
        labelled(t, t.gettext(label), text.replace("\n", "\n    "))
        for label, text in named + shown
        if text.strip()
    ]
    return ["• " + fields[0], *("  " + field for field in fields[1:])] if fields else []


def _audit_field(t: Translator, entity: str, field: str | None) -> str:
    """The field an audit entry changed, by its label (« Valeur actuelle »); a document by its kind."""
    if not field or (entity, field) == ("dossier", "status"):
        return ""
    if entity == "attachment":
        return in_words(ATTACHMENT_KINDS)(t, field)
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
    "due_precision": in_words(words.PRECISIONS),
    "role": in_words(words.ROLES),
    "for_members": lambda t, value: t.gettext("yes") if value == "True" else t.gettext("no"),
    "public_token": nothing,
    "choices": json_texts,
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
        return in_words(words.ROLES)(t, new)
    if (entity, action) == ("bilan", "send"):
        return event_name(t, new)
    if entity == "announcement":
        return _announced(t, new)
    with suppress(ValueError, KeyError):
        if field in ("target_date", "due_date", "closes_on", "refused_on"):
            return format_due(t, date.fromisoformat(new), precision)
        return AUDIT_VALUES[field](t, new) if field in AUDIT_VALUES else new
    return ""


def _audit_line(t: Translator, row: dict, precision: str, coops: dict[int, str]) -> str:
    """« 23 novembre 2026 à 10 h 30 — Coop Voisine — engagement 3 choisi », with the field and the new value
    if any; the coop when the entry was about one."""
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
    coop = f"{coops[row['coop_id']]} — " if row.get("coop_id") in coops else ""
    return f"{format_moment(t, datetime.fromisoformat(row['at']))} — {coop}{what}"


def _audit_lines(t: Translator, rows: list[dict], coops: dict[int, str]) -> list[str]:
    """The audit trail, one line an entry; a due date set with its precision is one line, as typed."""
    at = itemgetter("entity", "entity_id", "at")  # a due date and its precision are written together
    precisions = {at(row): row["new_value"] for row in rows if row.get("field") == "due_precision"}
    dated = {at(row) for row in rows if row.get("field") == "due_date"}
    return [
        _audit_line(t, row, precisions.get(at(row)) or "day", coops)
        for row in rows
        if not (row.get("field") == "due_precision" and at(row) in dated)
    ]


def export_text(
    t: Translator,
    telegram_id: int,
    rows: dict[str, list[dict]],
    now: datetime,
    coops: dict[int, str] | None = None,
) -> bytes:
    """The same, readable: a section per kind of data, what it is for, and every row in words; ``coops``:
    the names of the coops the rows are about, by id (``coop_names``)."""
    coops, related = coops or {}, getattr(rows, "related", Related())
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
            lines += _audit_lines(t, found, coops)
        else:
            lines += [line for row in found for line in _row_lines(t, table, row, coops, related)]
    if not rows:
        lines += ["", t.gettext("Nothing is stored about you.")]
    return ("\n".join(lines) + "\n").encode("utf-8")


def coop_ids(rows: dict[str, list[dict]]) -> set[int]:
    """The coops the rows are about (a membership, an audit entry, a consultation, a dossier's row, a
    message to the federation…), whose names the text shows."""
    related: Related = getattr(rows, "related", Related())
    pointed = {*related.dossier_coops.values(), *related.thread_coops.values()}
    pointed |= {coop for coop, _, _ in related.consultations.values()}
    return {row["coop_id"] for found in rows.values() for row in found if row.get("coop_id")} | pointed
