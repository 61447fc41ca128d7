"""A decision's date: typed, or « ✅ Today (31 August 2026) », which carries the day it shows.

Pressed after midnight, that button still dates the day it showed: the day the person chose, in full on
the confirmation that follows (nothing is recorded before « ✅ Confirm »), with a line saying it is no
longer today. ``dated`` judges it as a typed day: a day the decision can no longer take (a colleague
recorded a later step meanwhile) asks the question again, whose button then shows the new day. Older
than the day before (a question left open for days), it asks the date again, today's button drawn.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.committee.choices import date_refused, load_dossier, meanwhile_notice, started_from
from conversations.render.formatting import format_day
from conversations.render.html import e
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import OffCommittee
from conversations.ui.context import QualiContext
from conversations.ui.router import Step, text_answer
from models.chat_state import Position, load_position
from models.clock import add_months, paris_today
from models.label.lifecycle import Transition
from models.label.transitions import earliest_day
from models.parsing.due_dates import parse_date_between
from models.parsing.text import InputError


def today_data(day: date) -> str:
    """« ✅ Today »'s callback data, with the day it shows: ``cmt:20260831``."""
    return cb.DECIDE_TODAY.pack(day.strftime("%Y%m%d"))


def decision_day(context: QualiContext, text: str) -> date:
    """The day a decision is dated, typed: past dates are normal here (a checkpoint held last week)."""
    today = paris_today(context.now())
    # recorded after the fact, even a past cycle's (ten years back), never ahead: the coop is told at
    # once « declared admissible on … », and its checkpoints follow from that day
    try:
        return parse_date_between(text, context.t.language, add_months(today, -120), today, today=today)
    except InputError as refused:
        if refused.code == "date_too_far":
            raise InputError("decision_ahead", refused.params) from refused  # the day understood, said
        raise


@text_answer(states.COMMITTEE_DAY)
async def take_date(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """A typed date."""
    if not context.visitor.is_committee:
        raise OffCommittee("no longer on the committee")  # /comite's words
    return await dated(context, session, data, decision_day(context, text), text)


async def redated(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step | None:
    """A text typed on a dated decision's confirmation that reads as a day (« hier », « 15 March »): the
    decision dated so, said (not its comment replaced by « hier », which the coop would read); None for
    any other text. A day it cannot take is refused as on the date's question, the text given back."""
    try:
        day = decision_day(context, text)
    except InputError as refused:
        if refused.code in ("not_a_date", "empty"):
            return None
        raise
    step = await dated(context, session, data, day, text)
    if step.position.screen == states.COMMITTEE_CONFIRM:
        said = context._("Date changed: {day}. The comment stays as it was.")
        step.notice = "✅ " + e(said.format(day=context.t.format_date(day, "full")))
    return step


async def dated(context: QualiContext, session: AsyncSession, data: dict, day: date, typed: str = "") -> Step:
    """On to the confirmation, or the date asked again when the decision cannot be dated so early; a
    colleague's decision recorded since this one began is said now, with who (not only at « ✅ Confirm »)."""
    dossier, _coop = await load_dossier(session, int(data["id"]))
    started = started_from(data)
    if started is not None and dossier.status != started.status:  # the comment typed given back
        back = Position(states.COMMITTEE_DOSSIER, {"id": dossier.id})
        return Step(back, await meanwhile_notice(context, session, dossier, data))
    start = await earliest_day(session, dossier, Transition(data["t"]))
    if start is not None and day < start:
        return date_refused(context, data, start, typed, day)
    return Step(Position(states.COMMITTEE_CONFIRM, {**data, "day": day.isoformat()}))


async def use_today(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """« ✅ Today »: the day on the button (a button of an earlier version carries none: the tap's day)."""
    position = await load_position(session, context.visitor.user.id)
    if position.screen != states.COMMITTEE_DAY:
        return Step(Position(states.COMMITTEE))
    today = paris_today(context.now())
    shown = date.fromisoformat(args[0]) if args and args[0] else today  # not a day: an out-of-date menu
    if shown < today - timedelta(days=1):  # a question left open for days, not a midnight crossed
        said = context._("That button showed {day}: choose the decision’s date again.")
        return Step(
            Position(states.COMMITTEE_DAY, position.data),
            "ℹ️ " + e(said.format(day=format_day(context.t, shown))),
        )
    # never ahead (a decision is not dated in the future), should another instance's clock run ahead
    step = await dated(context, session, position.data, min(shown, today))
    if shown < today and step.position.screen == states.COMMITTEE_CONFIRM:
        said = context._("Dated {day}, the day the button showed: today is {today}.")
        days = {"day": context.t.format_date(shown, "full"), "today": context.t.format_date(today, "full")}
        step.notice = "ℹ️ " + e(said.format(**days))
    return step
