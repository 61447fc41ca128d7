"""Remarks on a saved date that does not fit its plan: kept as typed, said beside its echo.

An action plan serves its indicator's target: an action due after the target date may have its reasons
(a target partly reached, work that goes on), so it is accepted, never refused, but the echo says it,
and an indicator's target date moved before some of its actions says how many, so that one of the two
can be corrected (« ✏️ Corriger » under the echo). Not a gap of the dossier: a remark on a save.
"""

from __future__ import annotations

from datetime import date

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.render.formatting import format_due
from locales import Translator
from models.dossier.reads import actions_of
from models.tables import Indicator


def due_after(due: date | None, target: date | None) -> bool:
    """Whether an action is due after its indicator's target date (either unknown: no remark)."""
    return due is not None and target is not None and due > target


def late_action_remark(t: Translator, target: date) -> str:
    """« ⚠️ après la date cible de l’indicateur (31 décembre 2027) »."""
    return "⚠️ " + t.gettext("after the indicator’s target date ({date})").format(date=format_due(t, target))


def late_plan_remark(t: Translator, late: list) -> str:
    """« ⚠️ 2 actions sont prévues après cette date (la dernière : mars 2029) »."""
    last = max(late, key=lambda action: action.due_date)
    said = t.ngettext(
        "{n} action is due after this date ({date})",
        "{n} actions are due after this date (the last one: {date})",
        len(late),
    )
    return "⚠️ " + said.format(n=len(late), date=format_due(t, last.due_date, last.due_precision))


async def action_remark(t: Translator, session: AsyncSession, action, name: str) -> str:
    """An action's due date after its indicator's target date, said; else nothing."""
    if name != "due_date":
        return ""
    indicator = await session.get(Indicator, action.indicator_id)
    target = indicator.target_date if indicator is not None else None
    return late_action_remark(t, target) if due_after(action.due_date, target) else ""


async def indicator_remark(t: Translator, session: AsyncSession, indicator, name: str) -> str:
    """An indicator's target date before some of its actions' due dates, said; else nothing."""
    if name != "target_date":
        return ""
    late = [
        a for a in await actions_of(session, indicator.id) if due_after(a.due_date, indicator.target_date)
    ]
    return late_plan_remark(t, late) if late else ""


async def no_remark(t: Translator, session: AsyncSession, row, name: str) -> str:
    """A part of the dossier whose saves need no remark."""
    return ""
