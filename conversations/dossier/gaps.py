"""What is missing: every gap of the dossier, numbered, each with the button that fixes it."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.render.gaps import gap_text
from conversations.render.html import e
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard
from conversations.ui.router import Step, button, member_dossier, screen
from models.chat_state import HOME, Position
from models.dossier.reads import DossierSnapshot, read_snapshot
from models.dossier.rules import Gap, dossier_gaps

GAPS = "gaps"
GAP_BUTTONS = 8


@screen(GAPS)
async def gaps_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Every gap, numbered, with a button to the screen that fixes it."""
    _ = context._
    snapshot = await read_snapshot(session, await member_dossier(context, session))
    gaps = dossier_gaps(context.referential, snapshot)
    if not gaps:
        text = "✅ " + e(_("Nothing is missing: every rule of the dossier is met."))
        return Screen(text, keyboard([(_("🏠 My dossier"), HOME)]))
    lines = ["📋 <b>" + e(_("What is missing")) + "</b>", ""]
    lines += [f"{n}. " + e(gap_text(context.t, snapshot, gap)) for n, gap in enumerate(gaps, 1)]
    buttons = [gap_button(context, snapshot, gap, n) for n, gap in enumerate(gaps[:GAP_BUTTONS], 1)]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([(_("🏠 My dossier"), HOME)])
    return Screen("\n".join(lines), keyboard(*rows))


async def show_gaps(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """📋 What is missing."""
    return Step(Position(GAPS))


def gap_button(context: QualiContext, snapshot: DossierSnapshot, gap: Gap, number: int) -> tuple[str, str]:
    """A short label and the callback data of the screen where the gap is fixed."""
    _ = context._
    dossier_id = snapshot.dossier.id
    if gap.kind == "axis_short":
        return f"🔧 {number} · " + _("Axis {axis}").format(axis=gap.axis), f"ax:{gap.axis}"
    if gap.kind == "total_short":
        axis = next(
            (
                a.code
                for a in context.referential.axes
                if any(e.code not in snapshot.chosen for e in context.referential.engagements_of(a.code))
            ),
            1,
        )
        return f"🔧 {number} · " + _("Axis {axis}").format(axis=axis), f"ax:{axis}"
    if gap.kind == "no_indicator":
        return f"🔧 {number} · " + _("Engagement {code}").format(
            code=gap.engagement
        ), f"ia:{dossier_id}:{gap.engagement}"
    if gap.kind == "indicator_incomplete":
        return f"🔧 {number} · " + _("Indicator"), f"in:{gap.indicator_id}"
    if gap.kind == "no_action":
        return f"🔧 {number} · " + _("Action plan"), f"aa:{gap.indicator_id}"
    if gap.kind == "action_incomplete":
        return f"🔧 {number} · " + _("Action"), f"ac:{gap.action_id}"
    if gap.kind == "no_commitment_letter":
        return f"🔧 {number} · " + _("Documents"), "docs"
    return f"🔧 {number} · " + _("Approach"), "iv"


def handlers() -> list:
    """The list of gaps."""
    return [button(GAPS, show_gaps)]
