"""What a colleague changed while the user was being asked a field, said before going on.

A value is read in its row's terms (an indicator's kind and unit): a term changed since the question
was asked is told (who, what it is now), the user's text given back on the notice, and the question
asked again in the new terms, never the answer read in terms the user did not see. The Mini App's page
says the same when it sends a value with the terms it showed (``terms_told``: one rule for both).
"""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.dossier.editor.entities import Entity
from conversations.dossier.editor.positions import ask, changed_term
from conversations.render.fields import FieldSpec
from conversations.render.formatting import quoted, shorten
from conversations.render.html import e
from conversations.ui.common import handing_back
from conversations.ui.context import QualiContext
from conversations.ui.router import Step
from locales import Translator
from models.audit import last_writer
from models.tables import User
from models.team import coop_of, told_apart

SHOWN = 200  # a changed value, a typed answer, quoted up to this length on the line that tells it (a
# longer answer comes back whole below the question, never cut: ``terms_changed``)


async def who_changed(context: QualiContext, session: AsyncSession, entity: Entity, row, name: str) -> str:
    """« Bob a modifié « Unité » entre-temps : c’est désormais « € ». », for the chat's visitor."""
    return await changed_by(context.t, context.visitor.user.id, session, entity, row, name)


async def changed_by(
    t: Translator, visitor_id: int, session: AsyncSession, entity: Entity, row, name: str
) -> str:
    """Who changed a field and what it is now, who read in the audit trail (« you » for the visitor's own
    change elsewhere, the chat or the Mini App; no name for the CLI or someone who erased their data)."""
    spec = entity.field(name)
    field = quoted(t.language, t.gettext(spec.label))
    value = quoted(t.language, shorten(spec.display(t, row, getattr(row, name)), SHOWN))
    actor_id = await last_writer(session, entity.name, row.id, name)
    actor = await session.get(User, actor_id) if actor_id is not None else None
    who = ""
    if actor_id == visitor_id:
        said = t.gettext("You changed {field} elsewhere meanwhile: it is now {value}.")
    elif actor is not None and actor.first_name:
        said = t.gettext("{name} changed {field} meanwhile: it is now {value}.")
        who = await told_apart(session, actor, coop_of(visitor_id))  # the team read only when a name is said
    else:
        said = t.gettext("{field} was changed meanwhile: it is now {value}.")
    return said.format(name=who, field=field, value=value)


async def values_told(
    t: Translator, visitor_id: int, session: AsyncSession, entity: Entity, row, names, spec: FieldSpec, value
) -> list[str]:
    """The lines, as plain text, that refuse ``value`` for ``spec`` on a screen the change of ``names``
    overtook (the kind shown, or the values a new kind clears): who changed each and to what, then the
    answer not saved. The chat and the page alike."""
    lines = [await changed_by(t, visitor_id, session, entity, row, name) for name in names]
    answer = quoted(t.language, shorten(spec.display(t, row, value), SHOWN))
    return [
        "⚠️ " + lines[0],
        *lines[1:],
        t.gettext("Your answer {answer} was not saved.").format(answer=answer),
    ]


async def terms_told(
    t: Translator, visitor_id: int, session: AsyncSession, entity: Entity, row, asked_terms, typed: str
) -> tuple[str, list[str]] | None:
    """The first term of the row changed since a value was asked in ``asked_terms`` (an indicator's
    [kind, unit]) and the lines that tell it, as plain text: who changed it and to what, the values it
    cleared, the typed answer not saved. None when the terms are still those; the chat and the page alike."""
    term = changed_term(entity, row, {"terms": asked_terms})
    if term is None:
        return None
    lines = ["⚠️ " + await changed_by(t, visitor_id, session, entity, row, term)]
    if dict(zip(entity.terms, asked_terms, strict=False))[term] is not None:
        lines.append(t.gettext("Any values already given were cleared."))  # replaced, not first chosen
    if len(typed.strip()) > SHOWN:  # the chat gives it back whole below; the page keeps it in its field
        lines.append(t.gettext("Your answer was not saved."))
    elif typed.strip():
        answer = quoted(t.language, typed.strip())
        lines.append(t.gettext("Your answer {answer} was not saved.").format(answer=answer))
    return term, lines


class AsAsked:
    """A row read in the terms a value was asked in (an indicator's kind and unit then), to show that
    value as the user saw it, whatever changed since; its other fields as the row holds them (none once
    it was removed)."""

    def __init__(self, row, terms: dict) -> None:
        self._row, self._terms = row, terms

    def __getattr__(self, name: str) -> object:
        if name in self._terms:
            return self._terms[name]
        return getattr(self._row, name) if self._row is not None else None


def as_asked(entity: Entity, row, data: dict) -> AsAsked:
    """``row`` (None: removed) in the terms the question ``data`` was asked in (as it is now for a
    question that recorded none: not a value read in terms, or asked before they were recorded)."""
    return AsAsked(row, dict(zip(entity.terms, data.get("terms", ()), strict=False)))


def asked_again(entity: Entity, row, spec: FieldSpec, wizard: bool) -> FieldSpec:
    """The question to ask again: in the wizard, the first value read in these terms that the change
    left empty (the current value before the target), so that none stays empty unsaid; else the same."""
    if wizard:
        for name in entity.in_terms:
            candidate = entity.field(name)
            if candidate is spec:
                break
            if candidate.applies(row) and getattr(row, name) in (None, ""):
                return candidate
    return spec


async def terms_changed(
    context: QualiContext, session: AsyncSession, entity: Entity, row, spec: FieldSpec, data: dict, typed: str
) -> Step | None:
    """When a term of the row changed since the question: the change told, the typed text (if any)
    given back, and the question asked again in the new terms; None when nothing changed."""
    told = await terms_told(
        context.t, context.visitor.user.id, session, entity, row, data.get("terms", ()), typed
    )
    if told is None:
        return None
    notice = "\n".join(e(line) for line in told[1])
    wizard = bool(data.get("wiz"))
    again = asked_again(entity, row, spec, wizard)
    position = ask(entity, row, again, wizard) if again.applies(row) else entity.done(row)
    return Step(position, notice, after=handing_back(typed) if len(typed.strip()) > SHOWN else None)


async def no_longer_asked(
    t: Translator, visitor_id: int, session: AsyncSession, entity: Entity, row, spec: FieldSpec, value: object
) -> list[str] | None:
    """The lines, as plain text, that refuse a value for a field its row no longer has (a unit, once a
    colleague made the indicator a text or yes/no one): who changed the term it hangs on and to what, the
    values that change cleared, the answer not saved; None while the field applies. The chat and the page
    alike (the words of ``meanwhile.terms_told``). KeyError for a field never offered (no kind chosen yet:
    a forged request, nothing changed meanwhile)."""
    if spec.applies(row):
        return None
    term = next((term for term in entity.terms if term != spec.name), None)  # what it hangs on: the kind
    if term is None or getattr(row, term) is None:
        raise KeyError(spec.name)
    answer = quoted(t.language, shorten(spec.display(t, row, value), SHOWN))
    return [
        "⚠️ " + await changed_by(t, visitor_id, session, entity, row, term),
        t.gettext("Any values already given were cleared."),  # a kind replaced clears them
        t.gettext("Your answer {answer} was not saved.").format(answer=answer),
    ]
