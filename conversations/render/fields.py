"""The dossier's fields as data: for each part, its fields in the order they are asked: what each is
called, how it is asked (question, example, buttons or typed text), parsed and shown. The chat's
editor, the Mini App, the review and the PDF read these tables. Pure: no telegram, no database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from conversations.render.formatting import (
    KIND_LABELS,
    UNIT_LABELS,
    format_due,
    format_value,
    shorten,
    unit_label,
    value_example,
)
from conversations.render.input_errors import (
    DUE_DATE_EXAMPLE,
    SHORT_MAX,
    TARGET_DATE_EXAMPLE,
    Answer,
    Parse,
    due_day,
    indicator_value,
    text,
)
from locales import N_, Translator
from models.dossier.rules import default_target_date
from models.parsing.due_dates import DueDate
from models.values import Unit, ValueKind

Show = Callable[[Translator, object, object], str]


def show_text(t: Translator, row, value) -> str:
    """A stored text as it is."""
    return str(value)


def show_indicator_value(t: Translator, row, value) -> str:
    """« 12,5 % », « oui »…, in the indicator's kind and unit."""
    return format_value(t, str(value), row.value_kind, row.unit)


def show_day(t: Translator, row, value) -> str:
    """A due date; a month typed just now also shows the exact day it stands for."""
    if isinstance(value, DueDate):
        if value.precision == "month":
            return f"{format_due(t, value.value, 'month')} ({format_due(t, value.value)})"
        return format_due(t, value.value)
    return format_due(t, value, getattr(row, "due_precision", "day"))


def show_kind(t: Translator, row, value) -> str:
    """« 🔢 Un nombre »…"""
    return t.gettext(KIND_LABELS[ValueKind(value)])


def kind_text(t: Translator, indicator) -> str:
    """« Un nombre (%) », « Oui / non »…, without the emoji of the buttons."""
    if not indicator.value_kind:
        return "—"
    text = t.gettext(KIND_LABELS[ValueKind(indicator.value_kind)]).split(" ", 1)[-1]
    if indicator.value_kind == ValueKind.NUMBER and indicator.unit not in (None, "", Unit.COUNT):
        text += f" ({unit_label(t, indicator.unit)})"  # a plain count is « Un nombre », not « (nombre) »
    return text


def show_unit(t: Translator, row, value) -> str:
    """« % », « logements »…, or the words a coop typed."""
    return unit_label(t, value)


def always(row) -> bool:
    """Every row has this field."""
    return True


@dataclass(frozen=True)
class Option:
    """A ready answer offered as a button on a question (« Oui », the default date)."""

    label: str  # translated
    value: object  # as the parser would give it
    says: str = ""  # a line of the question about it (translated, plain text)


Options = Callable[[Translator, object, Answer], list[Option]]


def no_options(t: Translator, row, answer: Answer) -> list[Option]:
    """A question answered by typing only."""
    return []


def never(row) -> bool:
    """No row has this property."""
    return False


@dataclass(frozen=True)
class FieldSpec:
    """One field of a part of the dossier (an attribute of its table)."""

    name: str  # the attribute, and the name saved in a position
    code: str  # one letter in callback data (64-byte limit)
    label: str  # what the field is called (N_)
    prompt: str = ""  # the question (N_)
    example: str = ""  # an example of a valid answer (N_)
    parse: Parse = field(default=text())
    show: Show = show_text
    choice: str | None = None  # answered with buttons on this screen (states) instead of typed
    applies: Callable[[object], bool] = always  # e.g. a unit only for numbers
    example_of: Callable[[Translator, object, Answer | None], str] | None = None  # from the row or the day
    edit: str = ""  # the short label of its ✏️ button (N_); « ✏️ <label> » by default
    widget: str = "line"  # how the Mini App asks it: line, textarea (a long text) or date
    options: Options = no_options  # ready answers, as buttons under the question
    correct: Callable[[object], bool] = never  # its echo offers « ✏️ Correct » (a number, a date)

    def example_for(self, t: Translator, row, answer: Answer | None = None) -> str:
        """The example of a valid answer for this row; a date's from ``answer``'s day and next meeting (the
        real ones by default)."""
        if self.example_of is not None:
            return self.example_of(t, row, answer)
        return t.gettext(self.example) if self.example else ""

    def edit_label(self, t: Translator) -> str:
        """The label of the ✏️ button that edits this field."""
        return t.gettext(self.edit) if self.edit else "✏️ " + shorten(t.gettext(self.label), 30)

    @property
    def is_long_text(self) -> bool:
        """A text long enough to be written at a desk (the Mini App is offered with its question)."""
        return self.widget == "textarea"

    def display(self, t: Translator, row, value) -> str:
        """A stored or just-parsed value as the user reads it (— when empty)."""
        return "—" if value is None or value == "" else self.show(t, row, value)


# an indicator's value on the day its dossier was declared admissible: where its progress is measured
# from, read before the current value from then on; never asked, so not in the table (no ✏️, no save)
STARTING = FieldSpec("baseline_value", "b", N_("Starting value"), show=show_indicator_value)
STARTING_VALUE = STARTING.label


def starting_value(t: Translator, indicator) -> str | None:
    """« 12,5 % », the indicator's starting value as read; None while its dossier is prepared."""
    return (
        None if indicator.baseline_value is None else STARTING.display(t, indicator, indicator.baseline_value)
    )


def numeric(row) -> bool:
    """Whether an indicator takes a number (and so has a unit)."""
    return row.value_kind == ValueKind.NUMBER


def has_kind(row) -> bool:
    """Whether an indicator's kind is chosen: its values are asked in that kind, never before."""
    return row.value_kind is not None


def yes_no_options(t: Translator, row, answer: Answer) -> list[Option]:
    """« Oui » / « Non » for a yes/no indicator."""
    if row is None or row.value_kind != ValueKind.YES_NO:
        return []
    return [Option(t.gettext("Yes"), "yes"), Option(t.gettext("No"), "no")]


def default_date_option(t: Translator, row, answer: Answer) -> list[Option]:
    """The end of the 18-month period if the next committee declares the coop admissible, the target date
    unless the coop chooses another."""
    default = default_target_date(answer.meeting)
    shown = format_due(t, default)
    says = t.gettext(
        "By default, the end of the 18 months if the committee meeting on {meeting} declares your dossier "
        "admissible: {date}."
    ).format(meeting=format_due(t, answer.meeting), date=shown)
    return [Option("📅 " + shown, DueDate(default, "day"), says)]


def value_example_of(t: Translator, row, answer: Answer | None) -> str:
    """« ex. 12,5 % » for a percentage, « oui ou non » for a yes/no indicator…"""
    return value_example(t, row.value_kind, row.unit)


# the tables read best one field per paragraph, as laid out here
# fmt: off
INDICATOR = (
    FieldSpec(
        "title", "t", N_("Indicator"), edit=N_("✏️ Title"), parse=text(SHORT_MAX),
        prompt=N_("What is the indicator called?"), example=N_("e.g. Share of BRS homes in our production"),
    ),
    FieldSpec(
        "rationale", "r", N_("Why it illustrates the Raison d’être"), edit=N_("✏️ Why"), widget="textarea",
        prompt=N_("Why does this indicator illustrate the Raison d’être?"),
        example=N_("e.g. It shows that our homes stay affordable for modest households."),
    ),
    FieldSpec("value_kind", "k", N_("Kind of value"), edit=N_("✏️ Kind"), show=show_kind, choice="kind"),
    FieldSpec("unit", "u", N_("Unit"), edit=N_("✏️ Unit"), show=show_unit, choice="unit", applies=numeric),
    FieldSpec(
        "current_value", "c", N_("Current value"), edit=N_("✏️ Current"),
        prompt=N_("What is its current value?"),
        parse=indicator_value, show=show_indicator_value, example_of=value_example_of,
        options=yes_no_options, correct=numeric, applies=has_kind,
    ),
    FieldSpec(
        "target_value", "g", N_("Target value"), edit=N_("✏️ Target"),
        prompt=N_("What target value do you aim for?"),
        parse=indicator_value, show=show_indicator_value, example_of=value_example_of,
        options=yes_no_options, correct=numeric, applies=has_kind,
    ),
    FieldSpec(
        "target_date", "d", N_("Target date"), edit=N_("✏️ Date"), parse=due_day, show=show_day,
        widget="date", options=default_date_option, correct=always,
        prompt=N_("By when should the target be reached?"), example_of=TARGET_DATE_EXAMPLE,
    ),
)
ACTION = (
    FieldSpec(
        "description", "d", N_("Action"), edit=N_("✏️ Action"), parse=text(1000), widget="textarea",
        prompt=N_("What action will you carry out to reach the target?"),
        example=N_("e.g. Train the sales team on the BRS"),
    ),
    FieldSpec(
        "owner", "o", N_("Person in charge"), edit=N_("✏️ Who"), parse=text(SHORT_MAX),
        prompt=N_("Who is in charge of this action?"), example=N_("e.g. The home-ownership manager"),
    ),
    FieldSpec(
        "due_date", "u", N_("Due date"), edit=N_("✏️ When"), parse=due_day, show=show_day,
        widget="date", correct=always,
        prompt=N_("By when?"), example_of=DUE_DATE_EXAMPLE,
    ),
)
INVOLVEMENT = (
    FieldSpec(
        "approach", "a", N_("Approach and objectives"), widget="textarea",
        prompt=N_("Explain your approach and the objectives you seek."),
        example=N_("e.g. We want to measure and improve what makes us a cooperative: …"),
    ),
    FieldSpec(
        "staff_information", "s", N_("How the staff were informed"), widget="textarea",
        prompt=N_("How were the staff informed of the approach?"),
        example=N_("e.g. Team meeting on 12 May, internal note"),
    ),
    FieldSpec(
        "members_information", "m", N_("How the coopérateurs were informed"), widget="textarea",
        prompt=N_("How were the coopérateurs informed?"),
        example=N_("e.g. Article in the residents’ letter, general assembly in June"),
    ),
    FieldSpec(
        # both who were informed above, the team and the coopérateurs (domain.md): not « they » alone
        "members_consultation", "c", N_("Consultation of the staff and the coopérateurs"),
        widget="textarea",
        prompt=N_(
            "Were the staff and the coopérateurs consulted on the engagements, indicators or targets? How?"
        ),
        example=N_("e.g. Yes: a survey of tenants in April. Or: not yet."),
    ),
)
ATTACHMENT = (
    FieldSpec(
        "label", "l", N_("Label"), edit=N_("✏️ Rename"), parse=text(SHORT_MAX),
        prompt=N_("What short label should this document have?"),
        example=N_("e.g. Minutes of the general assembly of June 2026"),
    ),
)
# fmt: on

# the options of the fields answered with buttons (FieldSpec.choice): stored value -> label
CHOICES: dict[str, dict[str, str]] = {
    "kind": {kind.value: label for kind, label in KIND_LABELS.items()},
    "unit": {unit.value: label for unit, label in UNIT_LABELS.items()},
}

# by the name of the part of the dossier (the audit trail's entity names)
FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "indicator": INDICATOR,
    "action": ACTION,
    "dossier": INVOLVEMENT,
    "attachment": ATTACHMENT,
}


def field_anchor(entity: str, row_id: int, name: str) -> str:
    """Where a field is on the Mini App's page (its ``focus``): « indicator-12-rationale »."""
    return f"{entity}-{row_id}-{name}"


def field_spec(entity: str, name: str) -> FieldSpec:
    """The field of a part of the dossier, by name."""
    return next(spec for spec in FIELDS[entity] if spec.name == name)


def field_label(t: Translator, entity: str, name: str) -> str:
    """The translated name of a field."""
    return t.gettext(field_spec(entity, name).label)
