"""Indicators of a chosen engagement: a suggested or an own indicator, its screen, its deletion."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.dossier.editor.entities import INDICATOR, first_action, new_row_question, shown_title
from conversations.dossier.editor.gone import or_removed, row
from conversations.dossier.editor.positions import ask
from conversations.dossier.editor.questions import next_step
from conversations.dossier.editor.remarks import due_after
from conversations.dossier.editor.removal import confirmation_text, what_deletion_leaves
from conversations.dossier.editor.rows import edit_buttons, editable, field_lines, locked_lines, missing_line
from conversations.dossier.engagements import OLDER_CONFIRMATION
from conversations.dossier.practices import shared_section
from conversations.render.fields import STARTING_VALUE, starting_value
from conversations.render.formatting import format_due, format_owner, shorten
from conversations.render.html import bold, e, italic
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.callbacks import callback
from conversations.ui.common import back_button, cancel_button, home_button, recap_rows
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, in_rows, keyboard
from conversations.ui.router import Step, button, member_dossier, screen
from locales import N_
from models.chat_state import Position
from models.dossier.indicators import TitleTaken, add_indicator, delete_indicator
from models.dossier.reads import (
    ConfirmationNeeded,
    actions_of,
    confirm_plan,
    dossier_of_member,
    hold_dossier,
    indicator_of_member,
    plan_mark,
    read_snapshot,
)
from models.dossier.rules import indicator_missing_fields
from models.referential.model import SuggestedIndicator
from models.tables import DossierStatus


@screen(states.SUGGEST)
async def suggest_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Pick a suggested indicator of the referential, or write one's own."""
    _ = context._
    code = int(data["code"])
    engagement = context.referential.engagement(code)
    dossier = await member_dossier(context, session)
    lang = context.t.language
    lines = [
        e(_("Axis {axis} · Engagement {code} · New indicator").format(axis=engagement.axis, code=code)),
        bold(f"{code}. {engagement.title.get(lang)}"),
        "",
        e(_("Pick a suggested indicator or write your own:")),
    ]
    rows = []
    shared = await shared_section(context, session, dossier.id, code)  # issue 14: other coops' choices
    used = {i.suggested_code for i in (await read_snapshot(session, dossier)).indicators_of(code)}
    for n, suggestion in enumerate(engagement.suggested_indicators, 1):
        mine = suggestion.code in used  # pressing it continues that indicator: no twin
        lines.append(
            f"{n}. {e(suggestion.title.get(lang))}{shared.note(suggestion.code)}"
            + (" " + italic(_("(already among your indicators)")) if mine else "")
        )
        # the position in the list, not the referential's code: any code fits in 64 bytes then
        label = ("✅ " if mine else "") + f"{n} · {shorten(suggestion.title.get(lang), 30)}"
        rows.append([(label, cb.PICK_SUGGESTION.pack(dossier.id, code, n - 1))])
    lines += shared.lines
    rows += shared.rows
    rows.append([(_("✏️ My own indicator"), cb.OWN_INDICATOR.pack(dossier.id, code))])
    rows.append([back_button(context, cb.ENGAGEMENT.pack(dossier.id, code)), home_button(context)])
    return Screen("\n".join(lines), keyboard(*rows))


@screen(states.INDICATOR)
async def indicator_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """One indicator with every field, its action plan, and a button to edit each."""
    _ = context._
    indicator, dossier = await indicator_of_member(session, int(data["id"]), context.coop_id, for_edit=False)
    actions = await actions_of(session, indicator.id)
    title = shown_title(context, indicator)
    lines = [e(await INDICATOR.where(context, session, indicator)), bold(title), ""]
    start = starting_value(context.t, indicator)  # once followed, read before the current value
    before = {"current_value": (_(STARTING_VALUE), start)} if start is not None else None
    lines += field_lines(context, INDICATOR, indicator, skip=("title",), before=before)
    lines += ["", bold(_("Action plan"))]
    for action in actions:
        due = format_due(context.t, action.due_date, action.due_precision, action=True)
        if due_after(action.due_date, indicator.target_date):  # kept as typed, said where the plan is read
            due += " ⚠️ " + _("after the target date")
        owner = format_owner(context.t, action.owner)  # « qui la porte à renseigner ⚠️ », as the due date
        lines.append(f"{action.position}. {e(shorten(action.description, 100))} — {e(owner)} — {e(due)}")
    if not actions:
        lines.append("⚠️ " + e(_("No action yet.")))
    missing = missing_line(context, INDICATOR, indicator_missing_fields(indicator))
    lines += ["", missing] if missing and editable(dossier) else locked_lines(context, dossier)
    plan = [[(f"📌 {a.position} · {shorten(a.description, 28)}", cb.ACTION.pack(a.id))] for a in actions]
    changes = [  # a submitted dossier is read: its plan stays open, nothing offers a change
        *in_rows(edit_buttons(context, INDICATOR, indicator), 3),
        [(_("➕ Add an action"), cb.ADD_ACTION.pack(indicator.id))],
        [(_("🗑 Delete the indicator"), cb.DELETE_INDICATOR.pack(indicator.id))],
    ]
    rows = [
        *(changes[:-2] if editable(dossier) else []),
        *plan,
        *(changes[-2:] if editable(dossier) else []),
        *recap_rows(context, data),
        [
            back_button(context, cb.ENGAGEMENT.pack(dossier.id, indicator.engagement_code)),
            home_button(context),
        ],
    ]
    return Screen("\n".join(lines), keyboard(*rows))


# 🗑 Yes, delete: the indicator and which actions its confirmation counted (``plan_mark``: the screen is
# never saved, its button says it); cb.CONFIRM_DELETE_INDICATOR, without the mark, is an older button's
CONFIRM_DELETE = callback("ixm", int, int)
# a confirmation pressed for other actions than the indicator has now: asked again, counting them
ACTIONS_CHANGED = N_("A colleague changed this indicator’s actions meanwhile: confirm again.")


@screen(states.DELETE_INDICATOR)
async def delete_indicator_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Confirm the deletion of an indicator, saying what goes with it (its button names those actions) and
    what it leaves short (its engagement without an indicator; a dossier marked ready a draft again)."""
    _ = context._
    indicator, dossier = await indicator_of_member(session, int(data["id"]), context.coop_id)
    snapshot = await read_snapshot(session, dossier)
    actions, code = snapshot.actions_of(indicator.id), indicator.engagement_code
    count = len(actions)
    question = (
        context.t.ngettext(
            "Delete the indicator « {title} » and its action? This cannot be undone.",
            "Delete the indicator « {title} » and its {n} actions? This cannot be undone.",
            count,
        )
        if count
        else _("Delete the indicator « {title} »? This cannot be undone.")
    )
    alone = [i.id for i in snapshot.indicators_of(code)] == [indicator.id]
    short = _("Engagement {code} will then have no indicator, where at least one is needed.")
    left = what_deletion_leaves(
        context.t, short.format(code=code) if alone else None, dossier.status == DossierStatus.READY
    )
    text = confirmation_text(
        question.format(title=shorten(shown_title(context, indicator), 80), n=count), left
    )
    confirm = (_("🗑 Yes, delete"), CONFIRM_DELETE.pack(indicator.id, plan_mark(a.id for a in actions)))
    return Screen(text, keyboard([confirm, cancel_button(context, cb.INDICATOR.pack(indicator.id))]))


# a button about an engagement unticked meanwhile (in the Mini App, by a colleague): as an indicator's
ENGAGEMENT_GONE = N_("This engagement was removed from the dossier meanwhile, perhaps by a colleague.")


async def unchosen(context: QualiContext, session: AsyncSession, code: int) -> Step | None:
    """The indicators' overview, said, for a button that adds to an engagement no longer chosen (as an
    indicator's buttons once it is removed); None while it is chosen."""
    if code in (await read_snapshot(session, await member_dossier(context, session))).chosen:
        return None
    return Step(Position(states.OVERVIEW), "⚠️ " + e(context._(ENGAGEMENT_GONE)))


async def start_indicator(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """➕ Add an indicator."""
    await dossier_of_member(session, args[0], context.coop_id)
    code = context.referential.engagement(args[1]).code
    return await unchosen(context, session, code) or Step(Position(states.SUGGEST, {"code": code}))


async def pick_suggestion(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """A suggested indicator: created with its title, kind and unit; then its questions.

    Already among the engagement's indicators (a walk left with /cancel, say), or its title, it is
    continued, not added twice. Its title is stored in the chooser's language; readers see it in theirs
    (``Referential.indicator_title``) until the coop changes it.
    """
    dossier = await dossier_of_member(session, args[0], context.coop_id)
    suggestion = context.referential.engagement(args[1]).suggested_indicators[args[2]]
    await hold_dossier(session, dossier.id)  # a colleague's same press waits here, then finds this one's
    if gone := await unchosen(context, session, args[1]):
        return gone
    twin = await used_by(session, dossier, args[1], suggestion)
    if twin is not None:
        return await continue_indicator(context, session, twin)
    try:
        indicator = await add_indicator(
            session, dossier, args[1], title=suggestion.title.get(context.t.language),
            suggested_code=suggestion.code, value_kind=suggestion.kind.value,
            unit=suggestion.unit.value if suggestion.unit else None,
            actor_id=context.visitor.user.id, now=context.now(),
        )  # fmt: skip
    except TitleTaken as taken:  # its title typed as the coop's own indicator already: that one continued
        return await continue_indicator(context, session, taken.indicator)
    notice = "✅ " + e(context._("Indicator added: {title}").format(title=shown_title(context, indicator)))
    return await next_step(context, session, INDICATOR, indicator, INDICATOR.field("title"), True, notice)


async def used_by(session: AsyncSession, dossier, code: int, suggestion: SuggestedIndicator):
    """The engagement's indicator made from this suggestion, if there is one."""
    indicators = (await read_snapshot(session, dossier)).indicators_of(code)
    return next((i for i in indicators if i.suggested_code == suggestion.code), None)


async def continue_indicator(context: QualiContext, session: AsyncSession, indicator) -> Step:
    """An indicator chosen again: its first missing answer within the wizard, else its first action,
    else its screen."""
    said = context._("“{title}” is already among your indicators: let us continue it.")
    notice = "↩️ " + e(said.format(title=shorten(shown_title(context, indicator), 80)))
    missing = indicator_missing_fields(indicator)
    if missing:
        return Step(ask(INDICATOR, indicator, INDICATOR.field(missing[0]), True), notice)
    then = await first_action(session, indicator)
    return Step(then or Position(states.INDICATOR, {"id": indicator.id}), notice)


async def own_indicator(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """✏️ My own indicator: ask its title (the indicator is created from the answer)."""
    await dossier_of_member(session, args[0], context.coop_id)
    code = context.referential.engagement(args[1]).code
    return await unchosen(context, session, code) or Step(new_row_question(INDICATOR, code))


async def open_indicator(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """An indicator button."""
    indicator, _dossier = await indicator_of_member(session, args[0], context.coop_id, for_edit=False)
    return Step(Position(states.INDICATOR, {"id": indicator.id}))


async def ask_delete_indicator(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """🗑 Delete the indicator: confirm first."""
    indicator, _dossier = await indicator_of_member(session, args[0], context.coop_id)
    return Step(Position(states.DELETE_INDICATOR, {"id": indicator.id}))


async def confirm_delete_indicator(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """🗑 Yes, delete (indicator): with the actions its confirmation counted (the mark its button carries),
    else asked again, counting them; an older button, with no mark, asks again."""
    indicator, dossier = await indicator_of_member(session, args[0], context.coop_id)
    code, title = indicator.engagement_code, shown_title(context, indicator)
    again = Position(states.DELETE_INDICATOR, {"id": indicator.id})
    if len(args) < 2:
        return Step(again, "⚠️ " + e(context._(OLDER_CONFIRMATION)))
    try:
        await confirm_plan(session, dossier, indicator.id, args[1])
    except ConfirmationNeeded:  # nothing written
        return Step(again, "⚠️ " + e(context._(ACTIONS_CHANGED)))
    await delete_indicator(session, dossier, indicator, actor_id=context.visitor.user.id, now=context.now())
    notice = "🗑 " + e(context._("Indicator deleted: {title}").format(title=title))
    return Step(Position(states.ENGAGEMENT, {"code": code}), notice)


def handlers() -> list:
    """Indicator buttons."""
    return [
        button(cb.ADD_INDICATOR, start_indicator),
        button(cb.PICK_SUGGESTION, pick_suggestion),
        button(cb.OWN_INDICATOR, own_indicator),
        button(cb.INDICATOR, or_removed(open_indicator, row("indicator"))),
        button(cb.DELETE_INDICATOR, or_removed(ask_delete_indicator, row("indicator"))),
        button(CONFIRM_DELETE, or_removed(confirm_delete_indicator, row("indicator"))),
        button(cb.CONFIRM_DELETE_INDICATOR, or_removed(confirm_delete_indicator, row("indicator"))),
    ]
