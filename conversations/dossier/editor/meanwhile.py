"""What a colleague changed while the user was being asked a field, said before going on.

A value is read in its row's terms (an indicator's kind and unit): a term changed since the question
was asked is told (who, what it is now), the user's text given back on the notice, and the question
asked again in the new terms, never the answer read in terms the user did not see.
"""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.dossier.editor.entities import Entity
from conversations.dossier.editor.positions import ask, changed_term
from conversations.render.fields import FieldSpec
from conversations.render.formatting import quoted, shorten
from conversations.render.html import e
from conversations.ui.context import QualiContext
from conversations.ui.router import Step
from models.audit import last_writer
from models.tables import User

SHOWN = 200  # a changed value is quoted up to this length on the line that tells it
# the typed answer given back on the notice: a value's answer is short (a milestone, 200 characters);
# a paste far longer is cut there, so that the notice and its question fit one message
GIVEN_BACK = 1000


async def who_changed(context: QualiContext, session: AsyncSession, entity: Entity, row, name: str) -> str:
    """« Bob a modifié « Unité » entre-temps : c’est désormais « € ». », who did it read in the audit
    trail (« you », from the Mini App; no name for the CLI or someone who erased their data)."""
    _ = context._
    spec = entity.field(name)
    language = context.t.language
    field = quoted(language, _(spec.label))
    value = quoted(language, shorten(spec.display(context.t, row, getattr(row, name)), SHOWN))
    actor_id = await last_writer(session, entity.name, row.id, name)
    actor = await session.get(User, actor_id) if actor_id is not None else None
    if actor_id == context.visitor.user.id:
        said = _("You changed {field} elsewhere meanwhile: it is now {value}.")
    elif actor is not None and actor.first_name:
        said = _("{name} changed {field} meanwhile: it is now {value}.")
    else:
        said = _("{field} was changed meanwhile: it is now {value}.")
    return said.format(name=actor.first_name if actor else "", field=field, value=value)


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
    term = changed_term(entity, row, data)
    if term is None:
        return None
    notice = "⚠️ " + e(await who_changed(context, session, entity, row, term))
    asked = dict(zip(entity.terms, data["terms"], strict=False))[term]
    if asked is not None:  # a kind or unit replaced, not first chosen, clears the values (the model's rule)
        notice += "\n" + e(context._("Any values already given were cleared."))
    if typed.strip():  # on the notice: a typed answer's ``after`` is not run (``ui.pastes.judge``)
        answer = quoted(context.t.language, shorten(typed.strip(), GIVEN_BACK))
        notice += "\n" + e(context._("Your answer {answer} was not saved.").format(answer=answer))
    wizard = bool(data.get("wiz"))
    again = asked_again(entity, row, spec, wizard)
    position = ask(entity, row, again, wizard) if again.applies(row) else entity.done(row)
    return Step(position, notice)
