"""Who may answer a ballot now, and a ballot's step for someone taken off the team since.

The ballot's screens and actions are in ``ballot``.
"""

from __future__ import annotations

import functools

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.ui import states
from conversations.ui.common import handing_back
from conversations.ui.context import QualiContext
from conversations.ui.router import Step
from models.chat_state import Position
from models.consultations.answers import NoLongerMember, ballot_of
from models.consultations.store import ConsultationClosed, state_of
from models.dossier.reads import NotYours
from models.tables import Consultation, ConsultationStatus


class NotSentToYou(NotYours):
    """A consultation that did not reach this person (not invited, no link opened): no dossier's button."""

    code = "not_sent_to_you"


class LinkToOpenAgain(NotSentToYou):
    """An open consultation with a public link: a visitor whose access went with their erased data (or
    one forwarded its ballot) answers by opening the link again."""

    code = "not_sent_open_link"


async def ballot_for(context: QualiContext, session: AsyncSession, consultation_id: int) -> Consultation:
    """The consultation, if the visitor may answer it now; one that did not reach them said so, unless
    it is closed and had a public link (whoever opened it leaves no trace once it is withdrawn)."""
    coop_id = context.coop_id if context.visitor.coop else None
    try:
        return await ballot_of(session, consultation_id, context.visitor.user.id, coop_id, context.now())
    except NoLongerMember:
        raise
    except NotYours as refused:  # a consultation gone keeps the button's own words
        if (consultation := await session.get(Consultation, consultation_id)) is None:
            raise
        # closed, its link opened maybe: a visitor's access goes with the link (30 days after closing)
        # and with their erased data, so the ballot they kept says closed, as it did before
        if consultation.via_link and state_of(consultation, context.now()) != ConsultationStatus.OPEN:
            raise ConsultationClosed(f"consultation {consultation_id} is closed") from refused
        raise (LinkToOpenAgain if consultation.via_link else NotSentToYou)(str(refused)) from refused


def answering(handler):
    """A ballot's step; for a member taken off the team since, the ballot saying so (not a refusal
    « for another coop »)."""

    @functools.wraps(handler)
    async def step(context: QualiContext, session: AsyncSession, *args) -> Step:
        """The step, or the ballot of a coop the person has left."""
        try:
            return await handler(context, session, *args)
        except NoLongerMember as left:
            return Step(Position(states.BALLOT, {"id": left.consultation_id}))

    return step


def answering_typed(handler):
    """A comment typed on the ballot, as ``answering``: for a member taken off the team since, the
    comment (stored nowhere) is also handed back whole below the ballot saying so, as one typed after
    the closing day is, so that nothing typed is lost."""

    @functools.wraps(handler)
    async def step(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
        """The step, or the ballot of a coop the person has left and the comment given back."""
        try:
            return await handler(context, session, data, text)
        except NoLongerMember as left:  # refused before anything was written
            return Step(Position(states.BALLOT, {"id": left.consultation_id}), after=handing_back(text))

    return step
