"""Answering a consultation (one answer per person, changeable until it closes) and its results.

Results are anonymous: counts per choice and the comments, never who answered what. While the
consultation is open only the participation is read (whoever watched the counts move would know what the
last person chose); once closed, counts and comments come with ``RESULTS_FLOOR`` answers at least (with
one answer of three, the direction would know whose). A ticked choice is stored at once (nothing is
lost), and counts once the person has sent their answer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.clock import as_utc
from models.consultations.reach import invited_ids
from models.consultations.store import ConsultationClosed, choice_count, may_answer, state_of
from models.dossier.reads import DossierError, NotYours
from models.parsing.names import in_reading_order
from models.tables import Consultation, ConsultationAnswer, ConsultationStatus, Dossier

COMMENT_MAX = 1000
RESULTS_FLOOR = 3  # fewer answers than this: neither counts nor comments, or who said what is guessed


class NoLongerMember(NotYours):
    """A consultation of the coop this person was asked in, and has left (taken off its team) since."""

    def __init__(self, consultation: Consultation) -> None:
        super().__init__(f"no longer a member of coop {consultation.coop_id}")
        self.consultation_id, self.coop_id = consultation.id, consultation.coop_id


class EmptyAnswer(DossierError):
    """An answer must tick at least one choice."""

    code = "empty_answer"


@dataclass(frozen=True)
class Results:
    """What a consultation gave, without anyone's name."""

    reached: int  # members invited and link visitors, plus anyone who answered
    answered: int
    votes: tuple[int, ...]  # per choice, in the ballot's order
    comments: tuple[str, ...]
    submitted_before: datetime | None = None  # the dossier's submission, when it came before the opening

    @property
    def shown(self) -> bool:
        """Whether there are enough answers for the votes and comments to be shown."""
        return self.answered >= RESULTS_FLOOR


def ticked(answer: ConsultationAnswer | None) -> list[int]:
    """The indices of the choices ticked in an answer."""
    return json.loads(answer.choices) if answer is not None else []


async def answer_of(session: AsyncSession, consultation_id: int, user_id: int) -> ConsultationAnswer | None:
    """The person's answer to a consultation, sent or not."""
    rows = await session.exec(
        select(ConsultationAnswer).where(
            ConsultationAnswer.consultation_id == consultation_id, ConsultationAnswer.user_id == user_id
        )
    )
    return rows.first()


async def ballot_of(
    session: AsyncSession, consultation_id: int, user_id: int, coop_id: int | None, now: datetime
) -> Consultation:
    """The consultation if this person may answer it now; NotYours (NoLongerMember for a member asked
    who has left the coop since) or ConsultationClosed otherwise."""
    # held until the answer is stored (PostgreSQL; SQLite has one writer): a close waits for it, and
    # one committed first is read here, so an answer never counts after the results were closed
    consultation = await session.get(
        Consultation, consultation_id, with_for_update={"read": True}, populate_existing=True
    )
    if consultation is None:
        raise NotYours(f"no consultation {consultation_id}")
    if not await may_answer(session, consultation, user_id, coop_id):
        if coop_id != consultation.coop_id and user_id in await invited_ids(session, consultation):
            raise NoLongerMember(consultation)
        raise NotYours(f"consultation {consultation_id} is not for {user_id}")
    if state_of(consultation, now) != ConsultationStatus.OPEN:
        raise ConsultationClosed(f"consultation {consultation_id} is closed")
    return consultation


async def _own_answer(
    session: AsyncSession, consultation: Consultation, user_id: int, now: datetime
) -> ConsultationAnswer:
    """The person's answer row, created on their first tick."""
    answer = await answer_of(session, consultation.id, user_id)
    if answer is None:
        answer = ConsultationAnswer(consultation_id=consultation.id, user_id=user_id, updated_at=now)
    return answer


async def toggle_choice(
    session: AsyncSession, consultation: Consultation, user_id: int, index: int, tick: bool, now: datetime
) -> ConsultationAnswer:
    """Tick or untick one choice; a sent answer keeps at least one choice."""
    if not 0 <= index < choice_count(consultation):
        raise NotYours(f"no choice {index}")
    answer = await _own_answer(session, consultation, user_id, now)
    chosen = set(ticked(answer))
    chosen = chosen | {index} if tick else chosen - {index}
    if not chosen and answer.answered_at is not None:
        raise EmptyAnswer("a sent answer keeps one choice at least")
    answer.choices = json.dumps(sorted(chosen))
    answer.updated_at = now
    session.add(answer)
    await session.flush()
    return answer


async def set_comment(
    session: AsyncSession, consultation: Consultation, user_id: int, comment: str | None, now: datetime
) -> ConsultationAnswer:
    """The optional comment of an answer."""
    answer = await _own_answer(session, consultation, user_id, now)
    answer.comment = comment
    answer.updated_at = now
    session.add(answer)
    await session.flush()
    return answer


async def send_answer(
    session: AsyncSession, consultation: Consultation, user_id: int, now: datetime
) -> ConsultationAnswer:
    """Count the answer (a first send, or a change after it)."""
    answer = await answer_of(session, consultation.id, user_id)
    if answer is None or not ticked(answer):
        raise EmptyAnswer("nothing ticked")
    answer.answered_at = answer.answered_at or now
    answer.updated_at = now
    session.add(answer)
    await session.flush()
    return answer


async def results_of(
    session: AsyncSession, consultation: Consultation, now: datetime | None = None
) -> Results:
    """Participation, votes per choice and comments (in alphabetical order, ``name_order``, so their
    order tells neither who nor when); with ``now``, a consultation still open then gives its participation
    only (its readers, ``consultation_view``, hide an open one's figures whatever they are given)."""
    rows = await session.exec(
        select(ConsultationAnswer).where(
            ConsultationAnswer.consultation_id == consultation.id, ConsultationAnswer.answered_at.is_not(None)
        )
    )
    answers = list(rows.all())
    votes = [0] * choice_count(consultation)
    for answer in answers:
        for index in ticked(answer):
            if 0 <= index < len(votes):
                votes[index] += 1
    reached = await invited_ids(session, consultation) | {a.user_id for a in answers}
    # two alike to the eye (« Bien », « bien ») by their text: never in the order they were answered
    comments = in_reading_order(a.comment for a in answers if a.comment)
    reached_count = consultation.reached or len(reached)
    late = await _submitted_before(session, consultation)
    still_open = now is not None and state_of(consultation, now) != ConsultationStatus.CLOSED
    if still_open or len(answers) < RESULTS_FLOOR:  # who said what would be guessed
        votes, comments = [], []
    return Results(reached_count, len(answers), tuple(votes), tuple(comments), late)


async def _submitted_before(session: AsyncSession, consultation: Consultation) -> datetime | None:
    """When the dossier was (last) submitted, if the consultation was opened after that: the committee
    is then reading evidence the coop did not hand in with its dossier."""
    dossier = await session.get(Dossier, consultation.dossier_id)
    if dossier is None or dossier.submitted_at is None or consultation.opened_at is None:
        return None
    submitted = as_utc(dossier.submitted_at)
    return submitted if as_utc(consultation.opened_at) > submitted else None


async def waiting_for(session: AsyncSession, consultation: Consultation) -> list[int]:
    """Who was reached and has not sent an answer yet (the reminder's recipients)."""
    rows = await session.exec(
        select(ConsultationAnswer.user_id).where(
            ConsultationAnswer.consultation_id == consultation.id, ConsultationAnswer.answered_at.is_not(None)
        )
    )
    return sorted(await invited_ids(session, consultation) - set(rows.all()))
