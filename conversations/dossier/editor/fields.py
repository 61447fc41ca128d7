"""The typed fields of a dossier: their questions, examples, parsing, and the order of the wizards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from conversations.render.formatting import format_due, format_value, value_example
from conversations.ui.context import QualiContext
from locales import N_
from models.clock import add_months
from models.parsing.due_dates import DueDate, parse_due_date
from models.parsing.text import check_text
from models.parsing.values import parse_value

# one letter per entity and field in callback data and saved positions (64-byte limit)
ENTITY_CODES = {"i": "indicator", "a": "action", "d": "dossier", "f": "attachment"}
FIELD_CODES = {
    "indicator": {
        "t": "title",
        "r": "rationale",
        "k": "value_kind",
        "u": "unit",
        "c": "current_value",
        "g": "target_value",
        "d": "target_date",
    },
    "action": {"d": "description", "o": "owner", "u": "due_date"},
    "dossier": {
        "a": "approach",
        "s": "staff_information",
        "m": "members_information",
        "c": "members_consultation",
    },
    "attachment": {"l": "label"},
}
WIZARDS = {
    "indicator": ("title", "rationale", "value_kind", "unit", "current_value", "target_value", "target_date"),
    "action": ("description", "owner", "due_date"),
    "dossier": ("approach", "staff_information", "members_information", "members_consultation"),
    "attachment": ("label",),
}
# fields answered with buttons, on their own screens
BUTTON_FIELDS = {"value_kind": "kind", "unit": "unit"}
TARGET_PERIOD_MONTHS = 18  # the default target date: the end of the 18-month period


@dataclass(frozen=True)
class Question:
    prompt: str
    example: str
    max_length: int = 3000


QUESTIONS = {
    ("indicator", "title"): Question(
        N_("What is the indicator called?"), N_("e.g. Share of BRS homes in our production"), 200
    ),
    ("indicator", "rationale"): Question(
        N_("Why does this indicator illustrate the Raison d’être?"),
        N_("e.g. It shows that our homes stay affordable for modest households."),
    ),
    ("indicator", "current_value"): Question(N_("What is its current value?"), ""),
    ("indicator", "target_value"): Question(N_("What target value do you aim for?"), ""),
    ("indicator", "target_date"): Question(
        N_("By when should the target be reached?"), N_("e.g. 31/05/2028 or May 2028")
    ),
    ("action", "description"): Question(
        N_("What action will you carry out to reach the target?"),
        N_("e.g. Train the sales team on the BRS"),
        1000,
    ),
    ("action", "owner"): Question(N_("Who carries this action?"), N_("e.g. The home-ownership manager"), 200),
    ("action", "due_date"): Question(N_("By when?"), N_("e.g. March 2027, 03/2027 or 15/03/2027")),
    ("dossier", "approach"): Question(
        N_("Explain your approach and the objectives you seek."),
        N_("e.g. We want to measure and improve what makes us a cooperative: …"),
    ),
    ("dossier", "staff_information"): Question(
        N_("How were the staff informed of the approach?"),
        N_("e.g. Team meeting on 12 May, internal note"),
    ),
    ("dossier", "members_information"): Question(
        N_("How were the coopérateurs informed?"),
        N_("e.g. Article in the residents' letter, general assembly in June"),
    ),
    ("dossier", "members_consultation"): Question(
        N_("Were they consulted on the engagements, indicators or targets? How?"),
        N_("e.g. Yes: a survey of tenants in April. Or: not yet."),
    ),
    ("attachment", "label"): Question(
        N_("What short label should this document have?"), N_("e.g. Letter signed by the director"), 200
    ),
}


def example_for(context: QualiContext, entity: str, name: str, row) -> str:
    """The example of a valid answer, adapted to the indicator's kind and unit."""
    if entity == "indicator" and name in ("current_value", "target_value"):
        return value_example(context.t, row.value_kind, row.unit)
    return context._(QUESTIONS[(entity, name)].example)


def parse_answer(context: QualiContext, entity: str, name: str, row, text: str) -> object:
    """Turn a typed answer into the value to store; raises InputError on bad input."""
    language = context.t.language
    today = context.now().date()
    if entity == "indicator" and name in ("current_value", "target_value"):
        return parse_value(text, language, row.value_kind, row.unit)
    if name in ("target_date", "due_date"):
        return parse_due_date(text, language, today)
    return check_text(text, max_length=QUESTIONS[(entity, name)].max_length)


def display(context: QualiContext, entity: str, name: str, row, value: object) -> str:
    """A stored or parsed value as the user reads it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, DueDate):  # just understood: confirm the exact day a month stands for
        if value.precision == "month" and name == "due_date":
            return f"{format_due(context.t, value.value, 'month')} ({format_due(context.t, value.value)})"
        return format_due(context.t, value.value)
    if isinstance(value, date):
        precision = getattr(row, "due_precision", "day") if name == "due_date" else "day"
        return format_due(context.t, value, precision)
    if entity == "indicator" and name in ("current_value", "target_value"):
        return format_value(context.t, str(value), row.value_kind, row.unit)
    return str(value)


def default_target_date(today: date) -> date:
    """The end of the 18-month period, counted from today while admissibility is unknown."""
    return add_months(today, TARGET_PERIOD_MONTHS)


def encode(value: object) -> object:
    """A value as saved in a position (JSON)."""
    if isinstance(value, DueDate):
        return {"date": value.value.isoformat(), "precision": value.precision}
    if isinstance(value, date):
        return value.isoformat()
    return value


def decode(name: str, value: object) -> object:
    """Back from a saved position to the model's type."""
    if isinstance(value, dict):
        return DueDate(date.fromisoformat(value["date"]), value["precision"])
    if name in ("target_date", "due_date") and isinstance(value, str):
        return date.fromisoformat(value)
    return value
