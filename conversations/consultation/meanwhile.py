"""A draft opened or deleted meanwhile, by a fellow director (or by the same button tapped twice): its
preparation's steps show where it now is, said so, not an alert « for another coop ».
"""

from __future__ import annotations

import functools
from dataclasses import replace

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.render.html import e
from conversations.render.notifications import moment_said, name_or_former_member
from conversations.ui import states
from conversations.ui.common import DRAFT_ALREADY_DELETED, handing_back
from conversations.ui.context import QualiContext
from conversations.ui.router import Step
from models.chat_state import Position
from models.consultations.drafts import DraftDeleted
from models.consultations.store import NoLongerDraft, opening
from models.users import first_name_of


def drafting(handler):
    """A preparation step; on a draft opened meanwhile (by a fellow director, or by the same « Open »
    tapped twice), its screen as it stands, said so with who opened it; on one deleted meanwhile, the
    list, said so, as « 🗑 Delete the draft » pressed again says it (the old preview's buttons are not
    « for another coop »)."""

    @functools.wraps(handler)
    async def step(context: QualiContext, session: AsyncSession, *args) -> Step:
        """The step, or the consultation opened meanwhile, or the list."""
        try:
            return await handler(context, session, *args)
        except NoLongerDraft as opened:
            return await already_open(context, session, opened.consultation_id)
        except DraftDeleted:
            return already_deleted(context)

    return step


def drafting_typed(handler):
    """A typed step of the preparation, as ``drafting``: on a draft opened or deleted meanwhile, what
    was typed (stored nowhere) is also handed back whole below its screen, so that nothing typed is lost."""

    @functools.wraps(handler)
    async def step(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
        """The step, or the consultation opened meanwhile (or the list), and the text given back."""
        try:
            return await handler(context, session, data, text)
        except NoLongerDraft as opened:  # read only: nothing was written before it was refused
            shown = await already_open(context, session, opened.consultation_id)
        except DraftDeleted:
            shown = already_deleted(context)
        return replace(shown, after=handing_back(text))

    return step


def already_deleted(context: QualiContext) -> Step:
    """The list, the draft deleted meanwhile said so."""
    return Step(Position(states.CONSULTATIONS), "ℹ️ " + e(context._(DRAFT_ALREADY_DELETED)))


async def already_open(context: QualiContext, session: AsyncSession, consultation_id: int) -> Step:
    """The consultation opened meanwhile, as it stands, said so with who opened it."""
    said = context._("This consultation is already open: here it is as it stands.")
    said = " ".join(filter(None, (said, await opened_by(context, session, consultation_id))))
    return Step(Position(states.CONSULTATION, {"id": consultation_id}), "ℹ️ " + e(said))


async def opened_by(context: QualiContext, session: AsyncSession, consultation_id: int) -> str:
    """« You opened it at 10:37. », « Bea opened it on … »: who opened it and when, if the audit knows."""
    entry = await opening(session, consultation_id)
    if entry is None or entry.actor_id is None:
        return ""
    t = context.t
    when = moment_said(t, entry.at, context.now())
    if entry.actor_id == context.visitor.user.id:  # the same button tapped twice, or another device
        return t.gettext("You opened it {when}.").format(when=when)
    name = name_or_former_member(t, await first_name_of(session, entry.actor_id))
    return t.gettext("{name} opened it {when}.").format(name=name, when=when)
