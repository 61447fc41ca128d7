"""What is missing: every gap of the dossier, numbered, each with the button that fixes it, a page at a
time; and the first gaps, or what to do once there are none, as the home says them."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.render.gaps import complete_step, gap_texts
from conversations.render.html import bold, e
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.callbacks import callback
from conversations.ui.common import nav_row, page_in, page_turns
from conversations.ui.context import QualiContext
from conversations.ui.messages import Button, Screen, in_rows, keyboard
from conversations.ui.router import Step, button, member_dossier, screen
from locales import N_
from models.chat_state import Position
from models.dossier.reads import DossierSnapshot, read_snapshot
from models.dossier.rules import Gap, dossier_gaps, selection_progress
from models.referential.model import Referential


def axis_to_choose_in(snapshot: DossierSnapshot, referential: Referential) -> int:
    """Where more engagements are best chosen: an axis still short of its minimum first (a choice there
    counts twice), else the one with the most engagements left to choose; the first of equals."""
    axes = selection_progress(referential, snapshot.chosen).axes
    return max(axes, key=lambda a: (a.missing > 0, a.available - a.chosen, -a.axis)).axis


# gaps a page: their lines and their buttons on one message (never cut in two, the buttons under lines
# of another), as few rows as a phone shows at once; 8 of the longest (a title of « & », every field
# missing: ~410 units as HTML) fit in one (test_gap_pages)
GAPS_PAGE = 8
TURN_GAPS = callback("gpg", int)  # ⬅️ ➡️ a page of the gaps (from 0)
GAPS_ON_HOME = 4


# where each kind of gap is fixed: the button's label and the screen it opens
Fix = Callable[[Gap, DossierSnapshot, Referential], tuple[str, dict, str]]
FIXES: dict[str, Fix] = {
    "axis_short": lambda g, s, r: (N_("Axis {axis}"), {"axis": g.axis}, cb.AXIS.pack(g.axis)),
    # « in the axes of your choice »: not « Axis 1 », which read as that axis only (and another gap's
    # button); it opens an axis where choosing helps, whose arrows lead to the others
    "total_short": lambda g, s, r: (N_("More engagements"), {}, cb.AXIS.pack(axis_to_choose_in(s, r))),
    "no_indicator": lambda g, s, r: (
        N_("Engagement {code}"),
        {"code": g.engagement},
        cb.ADD_INDICATOR.pack(s.dossier.id, g.engagement),
    ),
    "indicator_incomplete": lambda g, s, r: (N_("Indicator"), {}, cb.INDICATOR.pack(g.indicator_id)),
    "no_action": lambda g, s, r: (N_("Action plan"), {}, cb.ADD_ACTION.pack(g.indicator_id)),
    "action_incomplete": lambda g, s, r: (N_("Action"), {}, cb.ACTION.pack(g.action_id)),
    "no_commitment_letter": lambda g, s, r: (N_("Documents"), {}, cb.DOCUMENTS.pack()),
    "involvement_missing": lambda g, s, r: (N_("Approach"), {}, cb.INVOLVEMENT.pack()),
}


def gap_button(context: QualiContext, snapshot: DossierSnapshot, gap: Gap, number: int) -> Button:
    """A short label and the callback data of the screen where the gap is fixed."""
    label, params, data = FIXES[gap.kind](gap, snapshot, context.referential)
    return f"{number} · " + context._(label).format(**params), data


def missing_lines(context: QualiContext, snapshot: DossierSnapshot, gaps: list[Gap]) -> list[str]:
    """The first gaps, or what to do once there are none: mark the dossier ready; one the committee asked
    more of, submit it again (the direction) or tell the direction so by marking it ready."""
    _, visitor = context._, context.visitor
    if not gaps:  # the Mini App says the same step (``complete_step``)
        step = complete_step(snapshot.dossier.status, visitor.is_direction, visitor.coop_has_direction)
        return ["✅ " + e(_(step))] if step else []
    lines = ["⚠️ " + bold(_("To complete:"))]  # each gap says what is missing: no « missing: • missing »
    lines += ["• " + e(text) for text in gap_texts(context.t, snapshot, gaps[:GAPS_ON_HOME])]
    if len(gaps) > GAPS_ON_HOME:
        lines.append(e(_("… and {n} more (see « What is missing »)").format(n=len(gaps) - GAPS_ON_HOME)))
    return lines


@screen(states.GAPS)
async def gaps_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The gaps a page at a time, numbered across pages, each with a button to the screen that fixes it."""
    _ = context._
    snapshot = await read_snapshot(session, await member_dossier(context, session))
    gaps = dossier_gaps(context.referential, snapshot)
    if not gaps:
        text = "✅ " + e(_("Nothing is missing: every rule of the dossier is met."))
        return Screen(text, keyboard(nav_row(context)))
    page = page_in(len(gaps), data.get("page"), GAPS_PAGE)
    listed = page.numbered(gaps)  # numbered across pages: gap 11 is 11 on the second page too
    lines = ["📋 " + bold(_("What is missing")), ""]
    texts = gap_texts(context.t, snapshot, [gap for _n, gap in listed])
    lines += [f"{n}. " + e(text) for (n, _gap), text in zip(listed, texts, strict=True)]
    turn_lines, turn_row = page_turns(context, page, TURN_GAPS.pack)
    buttons = [gap_button(context, snapshot, gap, n) for n, gap in listed]
    return Screen("\n".join(lines + turn_lines), keyboard(*in_rows(buttons), turn_row, nav_row(context)))


async def show_gaps(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """📋 What is missing."""
    return Step(Position(states.GAPS))


async def turn_gaps(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """⬅️ ➡️ Another page of the gaps."""
    return Step(Position(states.GAPS, {"page": args[0]} if args[0] else {}))


def handlers() -> list:
    """The list of gaps, and its pages."""
    return [button(cb.GAPS, show_gaps), button(TURN_GAPS, turn_gaps)]
