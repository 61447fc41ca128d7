"""The action plan of an indicator: an action's screen, a new action, a deletion."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.dossier.editor.entities import ACTION, new_row_question, shown_title
from conversations.dossier.editor.gone import or_removed, row
from conversations.dossier.editor.removal import confirmation_text, what_deletion_leaves
from conversations.dossier.editor.rows import edit_buttons, editable, field_lines, locked_lines, missing_line
from conversations.render.formatting import shorten
from conversations.render.html import e
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import back_button, cancel_button, home_button
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, in_rows, keyboard
from conversations.ui.router import Step, button, screen
from models.chat_state import Position
from models.dossier.indicators import delete_action
from models.dossier.reads import action_of_member, actions_of, indicator_of_member
from models.dossier.rules import action_missing_fields
from models.tables import DossierStatus


@screen(states.ACTION)
async def action_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """One action of the plan, with a button to edit each field."""
    _ = context._
    action, _indicator, dossier = await action_of_member(
        session, int(data["id"]), context.coop_id, for_edit=False
    )
    lines = [e(await ACTION.where(context, session, action)), "", *field_lines(context, ACTION, action)]
    missing = missing_line(context, ACTION, action_missing_fields(action))
    lines += ["", missing] if missing and editable(dossier) else locked_lines(context, dossier)
    changes = [
        *in_rows(edit_buttons(context, ACTION, action), 3),
        [(_("🗑 Delete the action"), cb.DELETE_ACTION.pack(action.id))],
    ]
    rows = [
        *(changes if editable(dossier) else []),  # a submitted dossier is read only
        [back_button(context, cb.INDICATOR.pack(action.indicator_id)), home_button(context)],
    ]
    return Screen("\n".join(lines), keyboard(*rows))


@screen(states.DELETE_ACTION)
async def delete_action_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Confirm the deletion of an action: final, and what it leaves short (its indicator without an action;
    a dossier marked ready a draft again)."""
    _ = context._
    action, indicator, dossier = await action_of_member(session, int(data["id"]), context.coop_id)
    question = _("Delete the action “{title}”? This cannot be undone.")
    alone = [a.id for a in await actions_of(session, indicator.id)] == [action.id]
    short = _("The indicator “{title}” will then have no action, where at least one is needed.")
    short = short.format(title=shorten(shown_title(context, indicator), 80)) if alone else None
    left = what_deletion_leaves(context.t, short, dossier.status == DossierStatus.READY)
    text = confirmation_text(question.format(title=shorten(action.description, 80)), left)
    confirm = (_("🗑 Yes, delete"), cb.CONFIRM_DELETE_ACTION.pack(action.id))
    return Screen(text, keyboard([confirm, cancel_button(context, cb.ACTION.pack(action.id))]))


async def start_action(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """➕ Add an action: ask its description (the action is created from the answer)."""
    indicator, _dossier = await indicator_of_member(session, args[0], context.coop_id)
    return Step(new_row_question(ACTION, indicator.id))


async def open_action(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """An action button."""
    action, _indicator, _dossier = await action_of_member(session, args[0], context.coop_id, for_edit=False)
    return Step(Position(states.ACTION, {"id": action.id}))


async def ask_delete_action(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """🗑 Delete the action: confirm first."""
    action, _indicator, _dossier = await action_of_member(session, args[0], context.coop_id)
    return Step(Position(states.DELETE_ACTION, {"id": action.id}))


async def confirm_delete_action(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """🗑 Yes, delete (action)."""
    action, _indicator, dossier = await action_of_member(session, args[0], context.coop_id)
    indicator_id = action.indicator_id
    await delete_action(session, dossier, action, actor_id=context.visitor.user.id, now=context.now())
    deleted = "🗑 " + e(context._("Action deleted."))
    return Step(Position(states.INDICATOR, {"id": indicator_id}), deleted)


def handlers() -> list:
    """Action buttons."""
    return [
        button(cb.ADD_ACTION, or_removed(start_action, row("indicator"))),
        button(cb.ACTION, or_removed(open_action, row("action"))),
        button(cb.DELETE_ACTION, or_removed(ask_delete_action, row("action"))),
        button(cb.CONFIRM_DELETE_ACTION, or_removed(confirm_delete_action, row("action"))),
    ]
