"""The bilan d'étape of an interim checkpoint: prepared by the coop, sent by its direction.

While it is a draft it reads the dossier as it is (each indicator's latest value with its date,
each action's state); sending freezes that into ``content``, which is what the committee reads.
The committee's comment is the checkpoint's own, recorded with « checkpoint held ».
"""

from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import func, or_
from sqlalchemy.orm import aliased
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from locales import SUPPORTED_LANGUAGES
from models.audit import record_change
from models.clock import paris_today
from models.dossier.indicators import DROPPED, update_action
from models.dossier.reads import UNSET, DossierError, DossierSnapshot, NotAllowed, StaleValue
from models.label.lifecycle import INTERIM_CHECKPOINTS
from models.label.transitions import checkpoints_of
from models.referential.model import Referential
from models.tables import AuditEntry, Checkpoint, Dossier, Member, MemberRole, ProgressReport, ReportStatus

SENT_NEWS = "bilan_sent"  # the outbox's kind of the committee's news that a bilan was sent
TEXT_FIELDS = ("difficulties", "help_wanted")
TEXT_MAX = 3000


class BilanSent(DossierError):
    """The bilan (``report``, as read once sent) was sent: it is what the committee read, and stays so."""

    code = "bilan_sent"

    def __init__(self, report: ProgressReport) -> None:
        super().__init__(f"bilan {report.id} was sent")
        self.report = report


def check_draft(report: ProgressReport) -> ProgressReport:
    """The bilan, if it can still be changed."""
    if report.status != ReportStatus.DRAFT:
        raise BilanSent(report)
    return report


async def next_checkpoint(session: AsyncSession, dossier: Dossier) -> Checkpoint | None:
    """The interim checkpoint the coop prepares for: the earliest one not held whose bilan is not sent.

    A committee late to record a checkpoint does not block the next bilan: the sent one stays
    readable in the history.
    """
    sent = (ProgressReport.dossier_id == dossier.id, ProgressReport.status == ReportStatus.SENT)
    sent = set((await session.exec(select(ProgressReport.checkpoint_kind).where(*sent))).all())
    for checkpoint in await checkpoints_of(session, dossier.id):
        ahead = checkpoint.held_on is None and checkpoint.kind not in sent
        if checkpoint.kind in INTERIM_CHECKPOINTS and ahead:
            return checkpoint
    return None


def earlier_bilan_expected(later):
    """In SQL, ``next_checkpoint``'s rule seen from a ``later`` checkpoint: an interim one of its dossier
    before it, not held, its bilan not sent, is the bilan prepared first (``later``'s reminder says so)."""
    earlier, report = aliased(Checkpoint), ProgressReport
    sent = select(report.id).where(report.status == ReportStatus.SENT, report.dossier_id == later.dossier_id)
    sent = sent.where(report.checkpoint_kind == earlier.kind).exists()
    ahead = (earlier.kind.in_(INTERIM_CHECKPOINTS), earlier.held_on.is_(None), earlier.due_on < later.due_on)
    return select(earlier.id).where(earlier.dossier_id == later.dossier_id, *ahead, ~sent).exists()


async def report_of(session: AsyncSession, dossier_id: int, kind: str) -> ProgressReport | None:
    """The bilan of one checkpoint of a dossier, if it was started."""
    same = (ProgressReport.dossier_id == dossier_id, ProgressReport.checkpoint_kind == kind)
    return (await session.exec(select(ProgressReport).where(*same))).first()


async def draft_report(
    session: AsyncSession, dossier: Dossier, kind: str, author_id: int, now: datetime
) -> ProgressReport:
    """The bilan of a checkpoint, started on first use."""
    report = await report_of(session, dossier.id, kind)
    if report is None:
        report = ProgressReport(
            dossier_id=dossier.id, checkpoint_kind=kind, created_by=author_id, created_at=now, updated_at=now
        )
        session.add(report)
        await session.flush()
    return report


def _reviewed(report: ProgressReport) -> dict[str, list[int]]:
    """What was gone through for this bilan, by part; a list: its indicators (kept so before its actions)."""
    held = json.loads(report.reviewed or "[]")
    return held if isinstance(held, dict) else {"indicators": held}


def reviewed_ids(report: ProgressReport, part: str = "indicators") -> set[int]:
    """The indicators whose value was checked for this bilan (``part`` "actions": the actions walked)."""
    return set(_reviewed(report).get(part, []))


async def mark_reviewed(
    session: AsyncSession, report: ProgressReport, item_id: int, now: datetime, part: str = "indicators"
) -> None:
    """An indicator's value is checked (confirmed, or updated just before), or an action gone through in the
    walk (« unchanged » too, as « Keep » for a value); BilanSent once it was sent."""
    # read again under the lock: a colleague's check of another indicator meanwhile stays in the list, and
    # a bilan the direction sent meanwhile is what the committee read (as ``set_text``)
    await session.refresh(report, with_for_update=True)
    check_draft(report)
    held = _reviewed(report)
    report.reviewed = json.dumps(held | {part: sorted(set(held.get(part, [])) | {item_id})})
    report.updated_at = now
    session.add(report)


async def set_text(
    session: AsyncSession,
    report: ProgressReport,
    name: str,
    value: str,
    actor_id: int,
    coop_id: int,
    now: datetime,
    expected: object = UNSET,
) -> bool:
    """The difficulties met, or the help wanted from the federation ("" : none); whether it was written.

    ``expected`` is the text the person saw when asked: a colleague's text written since is not
    overwritten (StaleValue, with it), as by the dossier's fields. The text held already, a colleague's
    same answer too, is no conflict and nothing is written (``value`` as stored: cleaned by the caller).
    """
    if name not in TEXT_FIELDS:
        raise ValueError(f"not a bilan text: {name}")
    await session.refresh(report, with_for_update=True)  # two members answering at once: one after the other
    check_draft(report)
    old = getattr(report, name)
    if old == value:  # held already, a colleague's same answer too: no conflict, nothing to record
        return False
    if expected is not UNSET and old != expected:
        raise StaleValue(old)
    setattr(report, name, value)
    report.updated_at = now
    session.add(report)
    await record_change(
        session, actor_id=actor_id, coop_id=coop_id, entity="bilan", entity_id=report.id,
        action="update", field=name, old=old, new=value, now=now,
    )  # fmt: skip
    return True


async def drop_action(session, dossier, action, reason: str, seen: list | None, actor_id, now) -> None:
    """An action given up, its reason kept as its note, unless a colleague changed its state or reason
    since ``seen`` (both, as when 🚫 was pressed; None: a question asked before this rule): StaleValue
    with both then, nothing written. Their same state or reason is no conflict, as by ``write_field``."""
    await session.exec(select(Dossier.id).where(Dossier.id == dossier.id).with_for_update())  # one at a time
    await session.refresh(action)  # as a colleague's save committed meanwhile left it
    held, mine = [action.status, action.note], [DROPPED, reason]
    if seen is not None and any(it not in (was, new) for it, was, new in zip(held, seen, mine, strict=True)):
        raise StaleValue(held)  # both checked before either is written: never half a drop
    for name, value in zip(("status", "note"), mine, strict=True):
        await update_action(session, dossier, action, name, value, actor_id=actor_id, now=now)


async def value_times(session: AsyncSession, indicator_ids: list[int]) -> dict[int, datetime]:
    """When each indicator's current value was last set, if it ever was (/progres, the bilan's walk, the
    dossier's fields: each writes its audit entry; ``updated_at`` also moves when admissibility copies it)."""
    rows = await session.exec(
        select(AuditEntry.entity_id, AuditEntry.at)
        .where(AuditEntry.entity == "indicator", AuditEntry.field == "current_value")
        .where(AuditEntry.entity_id.in_(indicator_ids or [-1]))
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    return dict(rows.all())  # oldest first: each indicator's latest stays


async def value_dates(session: AsyncSession, dossier: Dossier, indicator_ids: list[int]) -> dict[int, date]:
    """When each indicator's current value was last set (the admissibility date if never since)."""
    times = await value_times(session, indicator_ids)
    return {i: paris_today(times[i]) if i in times else dossier.admissible_on for i in indicator_ids}


def report_content(
    snapshot: DossierSnapshot,
    report: ProgressReport,
    dates: dict[int, date],
    due_on: date,
    referential: Referential,
) -> dict:
    """The bilan as plain data: what is frozen when it is sent.

    ``titles``: a suggested indicator kept as suggested, in each language, for each reader (the
    title as typed stays ``title``; a bilan sent before has only that, and reads as it was sent).
    """
    indicators = []
    for indicator in snapshot.indicators:
        on = dates.get(indicator.id)
        titles = {lang: referential.indicator_title(indicator, lang) for lang in SUPPORTED_LANGUAGES}
        actions = [
            {"description": a.description, "owner": a.owner, "status": a.status, "note": a.note}
            for a in snapshot.actions_of(indicator.id)
        ]
        indicators.append({
            "title": indicator.title, **({"titles": titles} if indicator.suggested_code else {}),
            "kind": indicator.value_kind, "unit": indicator.unit, "baseline": indicator.baseline_value,
            "current": indicator.current_value, "current_on": on.isoformat() if on else None,
            "target": indicator.target_value,
            "target_date": indicator.target_date.isoformat() if indicator.target_date else None,
            "actions": actions,
        })  # fmt: skip
    frozen = {"checkpoint": report.checkpoint_kind, "due_on": due_on.isoformat(), "indicators": indicators}
    return frozen | {name: getattr(report, name) for name in TEXT_FIELDS}


def missing_parts(report: ProgressReport) -> list[str]:
    """What must be written before the bilan is sent: the difficulties and the help wanted."""
    return [name for name in TEXT_FIELDS if getattr(report, name) is None]


async def send_report(
    session: AsyncSession, report: ProgressReport, member: Member, content: dict, now: datetime
) -> None:
    """The direction sends the bilan: frozen as it is now."""
    if member.role != MemberRole.DIRECTION:
        raise NotAllowed("only the direction sends the bilan")
    report.status = ReportStatus.SENT
    report.content = json.dumps(content, ensure_ascii=False)
    report.sent_by, report.sent_at, report.updated_at = member.user_id, now, now
    session.add(report)
    await record_change(
        session, actor_id=member.user_id, coop_id=member.coop_id, entity="bilan", entity_id=report.id,
        action="send", new=report.checkpoint_kind, now=now,
    )  # fmt: skip


async def sent_reports(session: AsyncSession, dossier_ids: list[int]) -> list[ProgressReport]:
    """The bilans sent for some dossiers (a coop's cycles), the latest first."""
    rows = await session.exec(
        select(ProgressReport)
        .where(ProgressReport.dossier_id.in_(dossier_ids or [-1]), ProgressReport.status == ReportStatus.SENT)
        .order_by(ProgressReport.sent_at.desc())
    )
    return list(rows.all())


async def unsent_drafts(
    session: AsyncSession, dossier_ids: list[int], current: tuple[int, str] | None
) -> list[ProgressReport]:
    """The bilans left drafts with a text written, other than the one being prepared (``current``:
    its dossier and checkpoint): their checkpoint was held or is gone, or their cycle ended, so
    /bilan no longer opens them; kept readable so that nothing typed vanishes."""
    rows = await session.exec(
        select(ProgressReport)
        .where(ProgressReport.dossier_id.in_(dossier_ids or [-1]))
        .where(ProgressReport.status == ReportStatus.DRAFT)
        .order_by(ProgressReport.created_at.desc(), ProgressReport.id.desc())
    )
    written = [report for report in rows.all() if report.difficulties or report.help_wanted]
    return [report for report in written if (report.dossier_id, report.checkpoint_kind) != current]


async def held_checkpoint(session: AsyncSession, report: ProgressReport) -> Checkpoint | None:
    """The checkpoint a bilan was for, with the committee's comment once held, as committed now (held or
    removed by the visit meanwhile: not as this transaction first read it)."""
    same = (Checkpoint.dossier_id == report.dossier_id, Checkpoint.kind == report.checkpoint_kind)
    rows = await session.exec(select(Checkpoint).where(*same).execution_options(populate_existing=True))
    return rows.first()


async def coop_dossier_ids(session: AsyncSession, coop_id: int) -> list[int]:
    """Every cycle's dossier of a coop."""
    return list((await session.exec(select(Dossier.id).where(Dossier.coop_id == coop_id))).all())


async def coop_cycles(session: AsyncSession, coop_id: int) -> dict[int, int]:
    """Each of the coop's dossiers' cycle, by dossier."""
    rows = await session.exec(select(Dossier.id, Dossier.cycle).where(Dossier.coop_id == coop_id))
    return dict(rows.all())


async def bilans_readable(session: AsyncSession, coop_id: int, dossier_id: int) -> bool:
    """Whether the coop's bilans are read while this dossier is not followed: another of its dossiers was
    (an earlier cycle), or some are in the history (this one's, its label not granted after the visit):
    sent, or drafts with a text written (``unsent_drafts``). One statement (a refused coop's home asks)."""
    followed = select(Dossier.id).where(Dossier.coop_id == coop_id, Dossier.id != dossier_id)
    written = or_(
        func.coalesce(ProgressReport.difficulties, "") != "",
        func.coalesce(ProgressReport.help_wanted, "") != "",
    )
    kept = select(ProgressReport.id).join(Dossier, Dossier.id == ProgressReport.dossier_id)
    kept = kept.where(Dossier.coop_id == coop_id, or_(ProgressReport.status == ReportStatus.SENT, written))
    either = or_(followed.where(Dossier.admissible_on.is_not(None)).exists(), kept.exists())
    return bool((await session.exec(select(either))).one())
