"""Where the field editor stands, as saved positions: one question about one field of one row.

``ask`` = {"e": entity, "id": row id, "f": field, "seen": value shown, "wiz": 0/1}, with "terms": what
a value is asked in (an indicator's [kind, unit]) and "fix": the « ✏️ Correct » of the answer echoed
above it, if any; a row created from its first answer is asked as {"e", "new": parent, "f", "wiz": 1}
("fix" too); a choice's screen as {"id", "wiz", "seen"}. Values are saved as JSON.
"""

from __future__ import annotations

from datetime import date

from conversations.dossier.editor.entities import ENTITIES, Entity, new_row_question
from conversations.render.fields import FieldSpec
from conversations.ui import states
from models.chat_state import Position
from models.dossier.reads import UNSET
from models.parsing.due_dates import DueDate

# positions saved before the editor was table-driven: {"e": "new_indicator", "code": 3} …
LEGACY_NEW = {"new_indicator": ("indicator", "code"), "new_action": ("action", "id")}


def encode(value: object) -> object:
    """A value as saved in a position (JSON)."""
    if isinstance(value, DueDate):
        return {"date": value.value.isoformat(), "precision": value.precision}
    if isinstance(value, date):
        return value.isoformat()
    return value


def decode(value: object, spec: FieldSpec | None) -> object:
    """Back from a saved position to the model's type: a date field's ISO text as a date (``spec``: the
    field, as the Mini App decodes by it); a text that only looks like one (« 2025-12-01 ») stays a text."""
    if isinstance(value, dict):
        return DueDate(date.fromisoformat(value["date"]), value["precision"])
    if spec is not None and spec.widget == "date" and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def ask(entity: Entity, row, spec: FieldSpec, wizard: bool) -> Position:
    """The position that asks one field of a row (its button screen for a choice)."""
    seen = encode(getattr(row, spec.name))
    if spec.choice:  # ``seen`` read back by the unit's buttons and its unit typed (the kind's carry theirs)
        return Position(spec.choice, {"id": row.id, "wiz": int(wizard), "seen": seen})
    data = {"e": entity.name, "id": row.id, "f": spec.name, "seen": seen, "wiz": int(wizard)}
    if spec.name in entity.in_terms:  # compared when the answer comes, as ``seen`` is
        data["terms"] = [getattr(row, term) for term in entity.terms]
    return Position(states.ASK, data)


def question(data: dict) -> tuple[Entity, FieldSpec, dict]:
    """The entity and field a saved question is about (KeyError when it is not one)."""
    if data.get("e") in LEGACY_NEW:
        name, key = LEGACY_NEW[data["e"]]
        data = new_row_question(ENTITIES[name], data[key]).data
    entity = ENTITIES[data["e"]]
    return entity, entity.field(data["f"]), data


def expected(data: dict) -> object:
    """What the user saw when asked (UNSET for positions that did not record it)."""
    return decode(data["seen"], asked_field(data)) if "seen" in data else UNSET


def asked_field(data: dict) -> FieldSpec | None:
    """The field a saved question asks; None for a position about no one field (a kind's, a unit's screen)."""
    try:
        return question(data)[1]
    except KeyError:
        return None


def changed_term(entity: Entity, row, data: dict) -> str | None:
    """The first term (an indicator's kind, then unit) changed since the question was asked, if any
    (None too for positions that did not record them)."""
    asked = dict(zip(entity.terms, data.get("terms", ()), strict=False))
    return next((term for term, value in asked.items() if getattr(row, term) != value), None)
