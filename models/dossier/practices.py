"""Shared practices: which indicators coops chose for an engagement, from the coops that agreed.

A coop shares nothing until its direction agrees (``PracticeSharing``); then its indicators' titles,
kinds, units and targets count here, and their rationale texts only if it agreed to that too. No
coop is ever named, and no figure is given for fewer than ``MIN_COOPS`` coops.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.audit import record_change
from models.dossier.reads import FOLLOWED, NotAllowed
from models.parsing.names import loose_name_key, name_order
from models.sql.prepared import Prepared, attached, primary_key_first
from models.sql.prepared import rows as read_rows  # « rows » names lists of rows below
from models.tables import Dossier, EngagementChoice, Indicator, Member, MemberRole, PracticeSharing
from models.values import number_from_storage

MIN_COOPS = 3  # below this, a count could point at a coop
MARK_LENGTH = 10  # hex digits of a choice's mark: no two titles of one engagement alike by chance


IDS_PER_STATEMENT = 500  # ids in one IN (…): well under SQLite's and PostgreSQL's limits
# the coops that share their indicators, read at each suggestions screen: built once, run without the ORM
_SHARING = Prepared(
    select(*primary_key_first(PracticeSharing)).where(col(PracticeSharing.indicators).is_(True))
)


@dataclass
class SharedChoice:
    """One indicator chosen by several sharing coops for an engagement (coops are counted, not named)."""

    key: str  # "s:<referential code>" or "t:<title's loose key>"
    suggested_code: str | None
    titles: Counter = field(default_factory=Counter)  # spelling -> coops
    shapes: Counter = field(default_factory=Counter)  # (kind, unit) -> coops
    said: set[tuple] = field(default_factory=set)  # (coop, a spelling or a shape) already counted
    coops: set[int] = field(default_factory=set)
    # (coop, value, kind, unit): a figure made of targets must stand for MIN_COOPS coops, not indicators
    targets: list[tuple[int, str, str | None, str | None]] = field(default_factory=list)
    rationales: list[str] = field(default_factory=list)  # only from coops that share them

    @property
    def title(self) -> str:
        """The spelling of the title most coops use."""
        return self.titles.most_common(1)[0][0]

    @property
    def shape(self) -> tuple[str | None, str | None]:
        """The kind and unit most coops use."""
        return self.shapes.most_common(1)[0][0]

    @property
    def unit(self) -> str | None:
        """The unit most coops use (``shape``): read as an indicator's (``counted_one_by_one``)."""
        return self.shape[1]

    @property
    def mark(self) -> str:
        """A short mark of the choice that stays while the list around it changes (a button's id)."""
        return hashlib.sha256(self.key.encode()).hexdigest()[:MARK_LENGTH]


async def sharing_of(session: AsyncSession, coop_id: int) -> PracticeSharing:
    """What a coop agreed to share (nothing, for a coop that never decided)."""
    return await session.get(PracticeSharing, coop_id) or PracticeSharing(coop_id=coop_id)


async def set_sharing(
    session: AsyncSession, member: Member, what: str, agree: bool, now: datetime
) -> PracticeSharing:
    """The direction agrees (or stops) sharing its indicators, or also their rationales."""
    if member.role != MemberRole.DIRECTION:
        raise NotAllowed("only the direction decides what the coop shares")
    sharing = await sharing_of(session, member.coop_id)
    if what == "indicators":
        sharing.indicators = agree
        sharing.rationales = sharing.rationales and agree  # no rationale without its indicator
    elif what == "rationales":
        sharing.rationales = agree
        sharing.indicators = sharing.indicators or agree
    else:
        raise ValueError(f"nothing called {what!r} is shared")
    sharing.decided_by, sharing.decided_at = member.user_id, now
    session.add(sharing)
    await record_change(
        session,
        actor_id=member.user_id,
        coop_id=member.coop_id,
        entity="sharing",
        entity_id=member.coop_id,
        action="agree" if agree else "stop",
        field=what,
        now=now,
    )
    return sharing


async def shared_indicators(
    session: AsyncSession, engagement_code: int | None = None
) -> list[tuple[Indicator, PracticeSharing, Dossier]]:
    """The indicators of the sharing coops' current dossiers (one engagement, or all).

    The sharing coops first, then their dossiers, then only those dossiers' indicators, each by an
    index: in one join, the planner walked every coop's indicators (5 ms at 20,000 coops, growing
    with them); now the work follows the coops that share.
    """
    sharing = {
        row[0]: attached(session, PracticeSharing, row) for row in await read_rows(session, _SHARING, {})
    }
    current: dict[int, Dossier] = {}
    for dossier in await _by_ids(session, select(Dossier), Dossier.coop_id, sharing):
        if dossier.coop_id not in current or dossier.cycle > current[dossier.coop_id].cycle:
            current[dossier.coop_id] = dossier
    by_dossier = {dossier.id: (sharing[coop_id], dossier) for coop_id, dossier in current.items()}
    query = select(Indicator)
    if engagement_code is not None:
        query = query.where(Indicator.engagement_code == engagement_code)
    indicators = await _by_ids(session, query, Indicator.dossier_id, by_dossier)
    return sorted(((i, *by_dossier[i.dossier_id]) for i in indicators), key=lambda row: row[0].id)


async def _by_ids(session: AsyncSession, query, column, ids) -> list:
    """The rows of ``query`` whose ``column`` is one of ``ids``, a few hundred ids per statement."""
    ids = sorted(ids)
    found = []
    for start in range(0, len(ids), IDS_PER_STATEMENT):
        found += (
            await session.exec(query.where(col(column).in_(ids[start : start + IDS_PER_STATEMENT])))
        ).all()
    return found


def choice_key(indicator: Indicator) -> str:
    """Indicators are the same choice when they come from one suggestion or share their title as a person
    reads it (``loose_name_key``: « Œuvres sociales. » is « Oeuvres sociales », « l’AG » is « l'AG »)."""
    if indicator.suggested_code:
        return f"s:{indicator.suggested_code}"
    return "t:" + loose_name_key(indicator.title)


def shape_of(indicator: Indicator) -> tuple[str | None, str | None]:
    """An indicator's kind and unit."""
    return (indicator.value_kind, indicator.unit)


def group_choices(
    rows: list[tuple[Indicator, PracticeSharing, Dossier]], exclude_coop: int | None
) -> list[SharedChoice]:
    """The choices of at least MIN_COOPS coops (other than ``exclude_coop``), the most chosen first, then as
    a person reads their titles (``name_order``: « Éco-gestes » among the E, not after « Zeta »)."""
    groups: dict[str, SharedChoice] = {}
    for indicator, sharing, dossier in rows:
        if dossier.coop_id == exclude_coop or not indicator.title.strip():
            continue
        key = choice_key(indicator)
        choice = groups.setdefault(key, SharedChoice(key, indicator.suggested_code))
        # each coop's spelling and shape counts once, however many such indicators it follows
        for counter, said in ((choice.titles, indicator.title.strip()), (choice.shapes, shape_of(indicator))):
            if (dossier.coop_id, said) not in choice.said:
                choice.said.add((dossier.coop_id, said))
                counter[said] += 1
        choice.coops.add(dossier.coop_id)
        if indicator.target_value:
            choice.targets.append(
                (dossier.coop_id, indicator.target_value, indicator.value_kind, indicator.unit)
            )
        if sharing.rationales and indicator.rationale:
            choice.rationales.append(indicator.rationale)
    kept = [choice for choice in groups.values() if len(choice.coops) >= MIN_COOPS]
    return sorted(kept, key=lambda c: (-len(c.coops), *name_order(c.title), c.key))


async def shared_choices(
    session: AsyncSession, engagement_code: int, exclude_coop: int
) -> list[SharedChoice]:
    """« Chosen by other coops » for an engagement, as a member choosing an indicator sees it."""
    return group_choices(await shared_indicators(session, engagement_code), exclude_coop)


async def shared_choice(
    session: AsyncSession, engagement_code: int, exclude_coop: int, mark: str
) -> SharedChoice | None:
    """The coops' own indicator (not a referential suggestion) of this mark, if still shared enough."""
    choices = await shared_choices(session, engagement_code, exclude_coop)
    return next((c for c in choices if not c.suggested_code and c.mark == mark), None)


async def used_choices(session: AsyncSession, dossier_id: int, engagement_code: int) -> dict[str, Indicator]:
    """A dossier's indicators of an engagement by the choice each is (``choice_key``): the one already
    made from a shared choice is continued, never added twice."""
    query = select(Indicator).where(
        Indicator.dossier_id == dossier_id, Indicator.engagement_code == engagement_code
    )
    used: dict[str, Indicator] = {}
    for indicator in sorted((await session.exec(query)).all(), key=lambda i: (i.position, i.id)):
        used.setdefault(choice_key(indicator), indicator)
    return used


@dataclass(frozen=True)
class EngagementFigures:
    """One engagement across the network, for the federation's dashboard."""

    code: int
    coops: int  # coops whose current dossier chose it
    top: tuple[SharedChoice, ...]  # the indicators most used by the sharing coops (MIN_COOPS each)
    progress: float | None  # mean way from start to target of the sharing coops' followed indicators
    progress_coops: int
    measured: int
    reached: int


def progress_fraction(indicator: Indicator) -> float | None:
    """How far a numeric indicator went from its start to its target, between 0 and 1."""
    if indicator.value_kind != "number" or not indicator.target_value or not indicator.current_value:
        return None
    try:
        current, target = (
            number_from_storage(indicator.current_value),
            number_from_storage(indicator.target_value),
        )
        start = number_from_storage(indicator.baseline_value or indicator.current_value)
    except ValueError:  # typed before its kind was chosen (older data): no way to measure it
        return None
    if target == start:
        return 1.0 if current >= target else 0.0
    return min(max(float((current - start) / (target - start)), 0.0), 1.0)


async def chosen_by(session: AsyncSession) -> Counter:
    """How many coops chose each engagement in their current dossier (every coop)."""
    # every dossier, those with no engagement chosen too: a coop's latest cycle is its current one (as
    # /tableau's line says) even before it ticks any, never its closed cycle 1
    query = select(Dossier.coop_id, Dossier.cycle, EngagementChoice.engagement_code).outerjoin(
        EngagementChoice, EngagementChoice.dossier_id == Dossier.id
    )
    rows = (await session.exec(query)).all()
    latest: dict[int, int] = {}
    for coop_id, cycle, _code in rows:
        latest[coop_id] = max(latest.get(coop_id, 0), cycle)
    return Counter(code for coop_id, cycle, code in rows if cycle == latest[coop_id] and code is not None)


async def engagement_board(session: AsyncSession, codes: list[int]) -> list[EngagementFigures]:
    """Every engagement: how many coops chose it, the indicators most used, progress in aggregate."""
    chosen = await chosen_by(session)
    shared = await shared_indicators(session)
    board = []
    for code in codes:
        rows = [row for row in shared if row[0].engagement_code == code]
        measured = [(row[2].coop_id, progress_fraction(row[0])) for row in rows if row[2].status in FOLLOWED]
        measured = [(coop, fraction) for coop, fraction in measured if fraction is not None]
        enough = len({coop for coop, _f in measured}) >= MIN_COOPS
        board.append(
            EngagementFigures(
                code=code,
                coops=chosen.get(code, 0),
                top=tuple(group_choices(rows, None)[:3]),
                progress=sum(f for _c, f in measured) / len(measured) if enough else None,
                progress_coops=len({coop for coop, _f in measured}) if enough else 0,
                measured=len(measured) if enough else 0,
                reached=sum(1 for _c, f in measured if f >= 1.0) if enough else 0,
            )
        )
    return board
