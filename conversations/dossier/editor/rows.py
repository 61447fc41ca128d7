"""A row's fields on its own screen: a line per field, a ✏️ button per field, what is missing.

The indicator, action, involvement and document screens draw their fields from the tables, so a
field added to a table appears on its screen with its button.
"""

from __future__ import annotations

from conversations.dossier.editor.entities import Entity
from conversations.render.formatting import colon, shorten
from conversations.render.gaps import lower_first
from conversations.render.html import bold, e
from conversations.ui import callbacks as cb
from conversations.ui.common import refusal
from conversations.ui.context import QualiContext
from conversations.ui.messages import Button
from models.dossier.reads import EDITABLE
from models.tables import DossierStatus

LONG_TEXT_PREVIEW = 600  # a long text is previewed on a screen; its question shows it whole
# why a dossier's screens are read-only, in the words of its state (as a file sent for it says it): with the
# committee, not retained, else closed (admissible, and after: visited, labelled, renewed)
READ_ONLY = {DossierStatus.SUBMITTED: "with_committee", DossierStatus.REFUSED: "not_retained"}


def field_lines(
    context: QualiContext, entity: Entity, row, skip: tuple[str, ...] = (), before: dict | None = None
) -> list[str]:
    """« <b>Label</b> : value » for every field that applies to the row; ``before``: by a field's name, the
    label and value of a line read before it, never asked (an indicator's starting value)."""
    said = colon(context.t)
    lines = []
    for spec in entity.fields:
        if spec.name in skip or not spec.applies(row):
            continue
        if before and spec.name in before:
            label, value = before[spec.name]
            lines.append(f"{bold(label)}{said} {e(value)}")
        value = entity.reads(context, row, spec)
        lines.append(f"{bold(context._(spec.label))}{said} {e(shorten(value, LONG_TEXT_PREVIEW))}")
    return lines


def edit_buttons(context: QualiContext, entity: Entity, row) -> list[Button]:
    """A ✏️ button for every field that applies to the row."""
    return [
        (spec.edit_label(context.t), cb.EDIT_FIELD.pack(entity.code, row.id, spec.code))
        for spec in entity.fields
        if spec.applies(row)
    ]


def editable(dossier) -> bool:
    """Whether the dossier's screens offer to change it (a submitted one is read-only: 🔒, no ✏️)."""
    return dossier.status in EDITABLE


def locked_lines(context: QualiContext, dossier) -> list[str]:
    """« Your dossier is with the validation committee… 🔒 » on a screen of a dossier that can no longer be
    changed, said as its state is (``READ_ONLY``)."""
    if editable(dossier):
        return []
    return ["", e(refusal(context, READ_ONLY.get(dossier.status, "closed")))]


def missing_line(context: QualiContext, entity: Entity, names: tuple[str, ...]) -> str:
    """« ⚠️ Il manque : valeur cible, date cible » (empty when nothing is missing): the names written within
    the sentence, from a small letter after its colon, as the home's list of what is missing writes them."""
    if not names:
        return ""
    labels = ", ".join(lower_first(context._(entity.field(name).label)) for name in names)
    return "⚠️ " + e(context._("Missing: {fields}").format(fields=labels))
