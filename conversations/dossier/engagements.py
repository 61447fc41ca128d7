"""Choosing engagements per axis, and the list of chosen engagements with their indicators."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.dossier.editor.removal import drop_lines, what_goes, what_is_left, with_draft_again
from conversations.dossier.editor.rows import editable, locked_lines
from conversations.render.commitments.bilans import figures_line
from conversations.render.formatting import shorten
from conversations.render.gaps import gap_text
from conversations.render.html import bold, e, italic
from conversations.render.report import REPORT_LABELS
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import (
    back_button,
    cancel_button,
    from_recap,
    home_button,
    home_row,
    recap_flag,
    recap_kept,
    recap_rows,
)
from conversations.ui.context import QualiContext
from conversations.ui.messages import BUTTON_WIDTH, Screen, fitted, keyboard
from conversations.ui.router import Step, button, member_dossier, screen, where_now
from locales import N_
from models.audit import last_actor
from models.chat_state import Position
from models.dossier.attachments import fit_label
from models.dossier.changes import edits_after, last_entry_id
from models.dossier.reads import (
    ConfirmationNeeded,
    NotYours,
    chosen_engagements,
    dossier_of_member,
    read_snapshot,
)
from models.dossier.rules import Gap, dossier_gaps, indicator_done, selection_progress
from models.dossier.writes import back_to_draft, set_engagement
from models.tables import DossierStatus


def provisional_note(context: QualiContext, shown) -> list[str]:
    """What « * » after a title means, below the screen, when one of the engagements ``shown`` has it."""
    note = italic(context._(REPORT_LABELS["provisional_note"]))
    return ["", note] if any(engagement.provisional for engagement in shown) else []


@screen(states.AXIS)
async def axis_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The 4 engagements of an axis, toggled by buttons, with the axis counter."""
    _ = context._
    axis_code = int(data["axis"])
    axis = context.referential.axis(axis_code)
    dossier = await member_dossier(context, session)
    chosen = await chosen_engagements(session, dossier.id)  # all this screen shows of the dossier
    progress = next(a for a in selection_progress(context.referential, chosen).axes if a.axis == axis_code)
    lang = context.t.language
    counter = _("Axis {axis} — {chosen}/{available}").format(
        axis=axis_code, chosen=progress.chosen, available=progress.available
    )
    if progress.missing:
        counter += " " + _("({missing} more to choose)").format(missing=progress.missing)
    summary = axis.summary.get(lang)  # stored as the PDF reads it after a title: a line of its own here
    lines = [e(counter), bold(axis.title.get(lang)), italic(summary[:1].upper() + summary[1:]), ""]
    buttons = []
    for engagement in context.referential.engagements_of(axis_code):
        is_chosen = engagement.code in chosen
        mark = "✅" if is_chosen else "⬜"
        lines.append(f"{mark} {bold(f'{engagement.code}.')} {e(engagement.title.get(lang))}{engagement.star}")
        # the button says what pressing it does (choose: 1, drop: 0), so two colleagues pressing
        # the same stale button do not undo each other
        toggled = cb.TOGGLE.pack(dossier.id, engagement.code, 0 if is_chosen else 1, *recap_flag(data))
        buttons.append((f"{mark} {engagement.code} · {engagement.short_title.get(lang)}", toggled))
    if progress.missing:
        missing = context.t.ngettext(
            "{n} engagement is missing in axis {axis}",
            "{n} engagements are missing in axis {axis}",
            progress.missing,
        )
        lines += ["", "⚠️ " + e(missing.format(n=progress.missing, axis=axis_code))]
    lines += provisional_note(context, context.referential.engagements_of(axis_code))
    lines += locked_lines(context, dossier)
    if not editable(dossier):  # a submitted dossier's choices are shown, no longer offered
        buttons = []
    others = [  # each arrow points the way: « ⬅️ Axis 1 » before this one, « Axis 3 ➡️ » after it
        (
            "⬅️ " + _("Axis {axis}").format(axis=a.code)
            if a.code < axis_code
            else _("Axis {axis}").format(axis=a.code) + " ➡️",
            cb.AXIS.pack(a.code, *recap_flag(data)),
        )
        for a in context.referential.axes
        if a.code != axis_code
    ]
    # one engagement per row: its number and short title, whole (two would not fit a phone's width)
    rows = [*([b] for b in buttons), others, home_row(context, data)]
    return Screen("\n".join(lines), keyboard(*rows))


# a choice found made by someone else (their own double tap, or a press given again after a restart: nothing)
ALREADY_MADE = N_("A colleague had already made this change.")
# a confirmation pressed for other indicators or actions than the engagement has now: asked again; each
# added or removed since it was drawn by the visitor (elsewhere: the Mini App), said as theirs
CHANGED_MEANWHILE = N_(
    "A colleague changed this engagement’s indicators or actions meanwhile: confirm again."
)
YOU_CHANGED_MEANWHILE = N_(
    "You changed this engagement’s indicators or actions elsewhere meanwhile: confirm again."
)
PLANS = ("indicator", "action")  # what such a confirmation counts, as the audit names them
# a confirmation whose button does not say what it counted (drawn by an older version): asked again
OLDER_CONFIRMATION = N_(
    "This confirmation came from an older screen: check what is deleted now, then confirm again."
)


@screen(states.DROP_ENGAGEMENT)
async def drop_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Confirm the removal of an engagement that has indicators, named with their actions counted; its
    button carries which ones (``seen``)."""
    _ = context._
    code = int(data["code"])
    dossier = await member_dossier(context, session)
    engagement = context.referential.engagement(code)
    counted = what_goes(context.t, int(data.get("indicators", 0)), int(data.get("actions", 0)))
    snapshot = await read_snapshot(session, dossier)  # named as now; the button's mark checks the count
    ready = dossier.status == DossierStatus.READY
    after = set(snapshot.chosen) - {code}
    left = what_is_left(context.t, context.referential, after, engagement.axis, ready, done=False)
    lines = drop_lines(context, snapshot, engagement, counted, left)
    text = "\n".join([*lines, *provisional_note(context, [engagement])])
    # the button says what was counted: the screen is drawn in place, remembered by this process only
    marked = (
        (data["seen"], *(recap_flag(data) or (0,)), code) if "seen" in data else (code, *recap_flag(data))
    )
    confirm = (_("🗑 Yes, remove it"), cb.CONFIRM_DROP.pack(dossier.id, *marked))
    cancel = cancel_button(context, cb.AXIS.pack(engagement.axis, *recap_flag(data)))
    return Screen(text, keyboard([confirm, cancel]))


@screen(states.OVERVIEW)
async def overview_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The chosen engagements with the state of their indicators (one gone from the referential: left out)."""
    _ = context._
    dossier = await member_dossier(context, session)
    snapshot = await read_snapshot(session, dossier)
    gaps = dossier_gaps(context.referential, snapshot)
    lines = ["📊 " + bold(_("Indicators and action plans")), ""]
    buttons = []
    listed = [en for en in context.referential.engagements if en.code in snapshot.chosen]
    for engagement in listed:
        code, title = engagement.code, fit_label(engagement.title.get(context.t.language), 70)
        complete = snapshot.indicators_of(code) and not any(g.engagement == code for g in gaps)
        mark = "✅" if complete else "⚠️"
        count = len(snapshot.indicators_of(code))
        lines.append(
            f"{mark} {bold(f'{code}.')} {e(title)}{engagement.star} — "
            + e(context.t.ngettext("{n} indicator", "{n} indicators", count).format(n=count))
        )
        label = f"{mark} {code} · {engagement.short_title.get(context.t.language)}"
        buttons.append((label, cb.ENGAGEMENT.pack(dossier.id, code)))
    if not listed:
        lines.append(e(_("No engagement chosen yet: start with an axis.")))
    lines += provisional_note(context, listed)
    rows = [[b] for b in buttons]  # one per row: the short titles whole
    rows.append([(_("🤝 Sharing with the network"), cb.SHARING.pack())])  # issue 14
    rows.append(home_row(context, data))
    return Screen("\n".join(lines), keyboard(*rows))


@screen(states.ENGAGEMENT)
async def engagement_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """One chosen engagement: its indicators (current → target) and a way to add one."""
    _ = context._
    code = int(data["code"])
    dossier = await member_dossier(context, session)
    snapshot = await read_snapshot(session, dossier)
    engagement = next((en for en in context.referential.engagements if en.code == code), None)
    if code not in snapshot.chosen or engagement is None:  # or taken out of the referential since
        raise NotYours(f"engagement {code} is no longer chosen")
    lines = [
        e(_("Axis {axis} · Engagement {code}").format(axis=engagement.axis, code=code)),
        bold(f"{code}. {engagement.title.get(context.t.language)}") + engagement.star,
        "",
    ]
    buttons = []
    indicators = snapshot.indicators_of(code)
    for indicator in indicators:
        mark = "✅" if indicator_done(indicator, snapshot.actions_of(indicator.id)) else "⚠️"
        lines.append(f"{mark} {indicator.position}. {bold(shorten(context.indicator_title(indicator), 80))}")
        lines.append("    " + e(figures_line(context.t, indicator)))
        alone = indicator is indicators[-1] and len(indicators) % 2 == 1  # on its row (the usual one): wider
        width = BUTTON_WIDTH * (2 if alone else 1)
        title = fitted(f"{mark} {indicator.position} · ", context.indicator_title(indicator), width)
        buttons.append((title, cb.INDICATOR.pack(indicator.id)))
    if not indicators:
        lines.append("⚠️ " + e(gap_text(context.t, snapshot, Gap("no_indicator", engagement=code))))
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    if editable(dossier):
        rows.append([(_("➕ Add an indicator"), cb.ADD_INDICATOR.pack(dossier.id, code))])
    lines += [*provisional_note(context, [engagement]), *locked_lines(context, dossier)]
    rows += [*recap_rows(context, data), [back_button(context, cb.OVERVIEW.pack()), home_button(context)]]
    return Screen("\n".join(lines), keyboard(*rows))


async def open_axis(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """Axis button (from the recap's ✏️: with its way back)."""
    context.referential.axis(int(args[0]))  # KeyError on a forged axis
    return Step(Position(states.AXIS, {"axis": int(args[0]), **from_recap(args, 1)}))


async def toggle(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """Choose or drop an engagement; dropping one with indicators asks first."""
    dossier = await dossier_of_member(session, int(args[0]), context.coop_id)
    engagement = context.referential.engagement(int(args[1]))
    chosen = args[2] == 1
    try:
        changed = await set_engagement(
            session, dossier, engagement.code, chosen, actor_id=context.visitor.user.id, now=context.now()
        )
    except ConfirmationNeeded as needed:
        return await ask_drop(context, session, engagement.code, needed, from_recap(args, 3))
    notice = "" if changed or await made_it(context, session, dossier, engagement.code) else ALREADY_MADE
    notice = notice and "ℹ️ " + e(context._(notice))
    notice = with_draft_again(context.t, session, notice)  # chosen (or dropped) in a dossier marked ready
    return Step(Position(states.AXIS, {"axis": engagement.axis, **from_recap(args, 3)}), notice)


async def made_it(context: QualiContext, session: AsyncSession, dossier, code: int) -> bool:
    """Whether the visitor made the change found made: a double tap, a press given again after a restart."""
    return await last_actor(session, dossier.coop_id, "engagement", code) == context.visitor.user.id


async def ask_drop(context: QualiContext, session: AsyncSession, code: int, needed, recap, again="") -> Step:
    """The confirmation of a drop, counting what goes now, with the audit's last entry then (``since``);
    asked ``again``, it says why (never the same screen redrawn, which Telegram would not even show)."""
    why = await whose_change(context, session) if needed.changed else again
    counted = {"indicators": needed.indicators, "actions": needed.actions, "seen": needed.seen}
    counted["since"] = await last_entry_id(session)
    notice = "⚠️ " + e(context._(why)) if again else ""
    return Step(Position(states.DROP_ENGAGEMENT, {"code": code, **counted, **recap}), notice)


async def whose_change(context: QualiContext, session: AsyncSession) -> str:
    """Whose change the confirmation pressed missed: the visitor's own (elsewhere: the Mini App) when they
    added or removed each indicator or action since it was drawn, as the audit says; else a colleague's."""
    shown = (await where_now(context, session)).position
    since = shown.data.get("since") if shown.screen == states.DROP_ENGAGEMENT else None
    edits = await edits_after(session, await member_dossier(context, session), since) if since else []
    actors = {edit.actor_id for edit in edits if edit.entity in PLANS and edit.action != "update"}
    return YOU_CHANGED_MEANWHILE if actors == {context.visitor.user.id} else CHANGED_MEANWHILE


async def confirm_drop(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """🗑 Yes, remove it: only what the confirmation pressed counted (the mark its button carries), else
    it is asked again; an older button, with no mark, asks again."""
    seen, code = (args[1], args[3]) if len(args) == 4 else (None, args[1])
    dossier = await dossier_of_member(session, int(args[0]), context.coop_id)
    engagement = context.referential.engagement(int(code))
    try:
        await set_engagement(
            session, dossier, engagement.code, False, actor_id=context.visitor.user.id,
            confirmed=seen is not None, seen=seen, now=context.now(),
        )  # fmt: skip
    except ConfirmationNeeded as needed:
        return await ask_drop(context, session, code, needed, from_recap(args, 2), OLDER_CONFIRMATION)
    ready_lost = back_to_draft(session)  # said here with what else the removal left short, once
    after = await chosen_engagements(session, dossier.id)
    left = what_is_left(context.t, context.referential, after, engagement.axis, ready_lost, done=True)
    removed = e(context._("Engagement {code} removed.").format(code=engagement.code))
    notice = "\n".join(["🗑 " + removed, *("• " + e(said) for said in left)])
    return Step(Position(states.AXIS, {"axis": engagement.axis, **from_recap(args, 2)}), notice)


async def open_overview(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """📊 Indicators and action plans (from the recap's ✏️, or back from an engagement: with its way back)."""
    return Step(recap_kept(context, Position(states.OVERVIEW, from_recap(args, 0))))


async def open_engagement(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """An engagement of the overview."""
    await dossier_of_member(session, int(args[0]), context.coop_id, for_edit=False)
    code = context.referential.engagement(int(args[1])).code
    return Step(recap_kept(context, Position(states.ENGAGEMENT, {"code": code})))


def handlers() -> list:
    """Engagement buttons."""
    return [
        button(cb.AXIS, open_axis),
        button(cb.TOGGLE, toggle),
        button(cb.CONFIRM_DROP, confirm_drop),
        button(cb.OVERVIEW, open_overview),
        button(cb.ENGAGEMENT, open_engagement),
    ]
