"""/progres: where each indicator stands between its start and its target, and the action plan.

Progress is followed once the dossier is admissible: the figures as text, the chart as an image.
Updating the figures and the actions' states is in ``updates``.
"""

from __future__ import annotations

import asyncio
from collections import Counter

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Chat, InputMediaPhoto, Update
from telegram.constants import ChatAction
from telegram.ext import CommandHandler

from conversations.follow_up import visit_ready
from conversations.render.charts import ProgressRow, chart_parts, evenly, progress_chart
from conversations.render.commitments.bilans import ACTION_STATES, figures_line, progress_row
from conversations.render.fonts import NOT_PRINTABLE
from conversations.render.formatting import shorten, step_ahead_text
from conversations.render.html import bold, e
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import home_button, refusal
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard
from conversations.ui.middleware import require_member
from conversations.ui.router import Step, button, member_dossier, on_button, open_position, screen
from locales import N_, Translator
from models.chat_state import Position
from models.clock import paris_today
from models.dossier.reads import (
    EDITABLE,
    FOLLOWED,
    DossierError,
    action_of_member,
    indicator_of_member,
    read_snapshot,
)
from models.label.ahead import next_steps
from models.label.bilans import bilans_readable
from models.label.cycles import earlier_cycle_of
from models.tables import DossierStatus

SERVES = N_("Eng. {code}")  # the engagement an indicator serves, before its title (the action plan too)


class NotFollowed(DossierError):
    """Progress is followed only once the dossier is admissible."""

    code = "not_followed"


class RenewalOpened(NotFollowed):
    """The renewal opened (the next cycle a draft) since a question or a button of the cycle before."""

    code = "renewal_opened"


class NotRetained(NotFollowed):
    """A candidacy the committee did not retain (on reading it, or the label after the visit)."""

    code = "follow_up_not_retained"


def not_followed(dossier) -> NotFollowed:
    """Why a dossier's progress is not followed: not admissible yet, or not retained."""
    kind = NotRetained if dossier.status == DossierStatus.REFUSED else NotFollowed
    return kind(f"dossier {dossier.id} is {dossier.status}")


async def followed_dossier(context: QualiContext, session: AsyncSession):
    """The visitor's coop dossier; NotFollowed until the committee declared it admissible, RenewalOpened
    for a renewal's dossier not admissible yet (what was being followed was the cycle before)."""
    dossier = await member_dossier(context, session)
    if dossier.status not in FOLLOWED:
        earlier = await earlier_cycle_of(session, dossier)
        renewing = earlier is not None and earlier.status == DossierStatus.RENEWED
        if renewing and dossier.status in EDITABLE:  # being prepared (a refused or submitted one: not this)
            raise RenewalOpened(f"dossier {dossier.id} is a renewal, {dossier.status}")
        raise not_followed(dossier)
    return dossier


async def followed_indicator(context: QualiContext, session: AsyncSession, indicator_id: int):
    """An indicator of the dossier followed, and that dossier; one of an earlier cycle (closed, what the
    renewal is judged against) is refused as another coop's is (NotYours)."""
    dossier = await followed_dossier(context, session)
    indicator, _dossier = await indicator_of_member(
        session, indicator_id, context.coop_id, for_edit=False, in_dossier=dossier.id
    )
    return indicator, dossier


async def followed_action(context: QualiContext, session: AsyncSession, action_id: int):
    """An action of the dossier followed, its indicator and that dossier (an earlier cycle's: NotYours)."""
    dossier = await followed_dossier(context, session)
    return await action_of_member(session, action_id, context.coop_id, for_edit=False, in_dossier=dossier.id)


def walk_at(data: dict, i: int, fix: int | None = None) -> dict:
    """A walk (indicators, actions) at its item ``i``; ``fix``: the item whose number was just typed, offered
    « ✏️ Correct » on this question as long as it is asked (a refusal redraws it), on this one only."""
    moved = {key: value for key, value in data.items() if key != "fix"} | {"i": i}
    return moved if fix is None else moved | {"fix": fix}


def action_states(t: Translator, statuses: list[str]) -> str:
    """« ⬜ 2 pas commencées · ⏳ 1 en cours »: how many actions are in each state, in words (plain text;
    a mark alone, one per action, said nothing to someone who did not know the marks)."""
    counts = Counter(status if status in ACTION_STATES else "not_started" for status in statuses)
    words = {
        "not_started": t.ngettext("{n} not started", "{n} not started", counts["not_started"]),
        "in_progress": t.ngettext("{n} in progress", "{n} in progress", counts["in_progress"]),
        "done": t.ngettext("{n} done", "{n} done", counts["done"]),
        "dropped": t.ngettext("{n} dropped", "{n} dropped", counts["dropped"]),
    }
    return " · ".join(
        f"{mark} {words[status].format(n=counts[status])}"
        for status, (mark, _state) in ACTION_STATES.items()
        if counts[status]
    )


def progress_rows(context: QualiContext, snapshot) -> list[ProgressRow]:
    """The indicators with a target, numbers and yes/no alike (a milestone text has no scale)."""
    rows = []
    for i in snapshot.indicators:
        item = {"title": context.indicator_title(i), "kind": i.value_kind, "unit": i.unit}
        item |= {"baseline": i.baseline_value, "current": i.current_value, "target": i.target_value}
        if (row := progress_row(context.t, item)) is not None:
            rows.append(row)
    return rows


@screen(states.PROGRESS)
async def progress_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Figures as text: start → now → target for each indicator, and the actions' states."""
    _ = context._
    t = context.t
    dossier = await followed_dossier(context, session)
    snapshot = await read_snapshot(session, dossier)
    lines = ["📈 " + bold(_("Progress — {coop}").format(coop=context.visitor.coop.name))]
    steps = await next_steps(session, dossier, context.now(), context.bot_data.committee_dates)
    lines += [e(step_ahead_text(t, step)) for step in steps]
    ready_lines, ready_rows = await visit_ready.ready_part(context, session, dossier)  # 🚪 the visit
    lines += ready_lines
    for i in snapshot.indicators:
        # its engagement's number: a count « 4. » was read as the coop's engagement 4
        serves = e(_(SERVES).format(code=i.engagement_code))
        title = bold(shorten(context.indicator_title(i), 90))
        lines += ["", f"{serves} · {title}", "   " + e(figures_line(t, i, followed=True))]
        if actions := snapshot.actions_of(i.id):
            states = action_states(t, [a.status for a in actions])
            lines.append("   " + e(_("Actions: {states}").format(states=states)))
    rows = [
        [(_("✏️ Update the figures"), cb.PROGRESS_WALK.pack())],
        *ready_rows,
        [(_("✅ Actions"), cb.PROGRESS_ACTIONS.pack()), (_("📊 Chart"), cb.PROGRESS_CHART.pack())],
        [(_("📅 Calendar"), cb.CALENDAR.pack()), home_button(context)],
    ]
    return Screen("\n".join(lines), keyboard(*rows))


async def open_progress(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """📈 My progress (a reminder's too): not followed (the renewal opened, not admissible yet), said above
    the dossier's home, the way on, as /progres says it; a pop-up alone left a reminder with no way on."""
    try:
        await followed_dossier(context, session)
    except NotFollowed as refused:
        return Step(Position(states.HOME), "ℹ️ " + e(refusal(context, refused.code)))
    return Step(Position(states.PROGRESS))


async def send_chart(update: Update, context: QualiContext) -> None:
    """The chart of the numeric indicators, as an image readable on a phone."""
    if not await require_member(update, context):
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    try:
        async with context.db.transaction() as session:
            snapshot = await read_snapshot(session, await followed_dossier(context, session))
    except NotFollowed as refused:  # a later cycle not admissible yet, a label not granted: bilans to read
        async with context.db.transaction() as session:
            dossier = await member_dossier(context, session)
            earlier = await bilans_readable(session, context.coop_id, dossier.id)
        where = Position(states.BILAN if earlier else states.HOME)
        # its own words: a renewal opened is not a dossier never declared admissible
        await open_position(update, context, where, "ℹ️ " + e(refusal(context, refused.code)))
        return
    await update.effective_chat.send_action(ChatAction.UPLOAD_PHOTO)
    legend = {
        "target": context._("target"),
        "start": context._("start"),
        "empty": context._("No indicator with a number or a yes/no target yet."),
        "progress": context._("progress"),
        "not_printable": context._(NOT_PRINTABLE),  # a title or an indicator in a script the font lacks
    }
    # dated: a chart forwarded or printed later still says when it was true
    title = context._("Progress — {coop} · {date}").format(
        coop=context.visitor.coop.name, date=context.t.format_date(paris_today(context.now()))
    )
    images = await asyncio.to_thread(progress_charts, progress_rows(context, snapshot), title, legend)
    await send_images(update.effective_chat, images, e(title))  # the coop's name is typed: « Habitat & Co »


def progress_charts(rows: list[ProgressRow], title: str, legend: dict[str, str]) -> list[bytes]:
    """The chart in images of a phone screen's proportions (``charts.chart_parts``): one of 80 rows was
    11,585 px tall, a photo Telegram refuses (width + height over 10,000 px) and nobody reads."""
    return [progress_chart(part, title, legend, mark) for part, mark in chart_parts(rows)]


async def send_images(chat: Chat, images: list[bytes], caption: str) -> None:
    """One photo, or albums of at most 10 (Telegram's limit), as even as can be (never an album of one),
    the caption (HTML) on each album's first photo, which Telegram shows as the album's."""
    if len(images) == 1:
        await chat.send_photo(images[0], caption=caption)
        return
    for album in evenly(images, 10):
        first, *rest = album
        await chat.send_media_group([InputMediaPhoto(first, caption=caption), *map(InputMediaPhoto, rest)])


async def progress_command(update: Update, context: QualiContext) -> None:
    """/progres: the chart, then the figures with their buttons."""
    if not await require_member(update, context):
        return
    await send_chart(update, context)
    async with context.db.transaction() as session:
        dossier = await member_dossier(context, session)
    if dossier.status in FOLLOWED:
        await open_position(update, context, Position(states.PROGRESS))


def handlers() -> list:
    """The progress command, its screen and its chart."""
    return [
        CommandHandler(["progres", "progress"], progress_command),
        on_button(cb.PROGRESS_CHART, send_chart),
        button(cb.PROGRESS, open_progress),
        *visit_ready.handlers(),
    ]
