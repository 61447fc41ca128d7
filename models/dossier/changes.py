"""What changed in a dossier since the version the committee read before asking for more information.

The committee's request is found in the audit trail; the version it read is the last one stored
(``DossierVersion``) before that request. Its content is compared with the dossier as it is now
(frozen again once resubmitted): engagements, indicators and their actions are matched by id, so a
field edited in place shows as old → new.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.label.lifecycle import Transition
from models.tables import AuditEntry, Dossier, DossierStatus, DossierVersion

# while the committee waits for the coop, or reads what the coop sent back
SHOWN_IN = (DossierStatus.INFO_REQUESTED, DossierStatus.SUBMITTED)
INDICATOR_FIELDS = (
    "title",
    "rationale",
    "value_kind",
    "unit",
    "current_value",
    "target_value",
    "target_date",
)
ACTION_FIELDS = ("description", "owner", "due_date")
INVOLVEMENT_FIELDS = ("approach", "staff_information", "members_information", "members_consultation")


@dataclass(frozen=True)
class Change:
    """One difference between two versions, with what a reader needs to name it (not translated)."""

    kind: str  # engagement_added/removed, indicator_added/removed/changed, action_added/removed/changed,
    #            involvement_changed, document_added/removed
    engagement: int | None = None
    indicator: dict | None = None  # the indicator as it is now (or was, when removed)
    action: dict | None = None  # the action as it is now (or was)
    field: str | None = None
    old: object = None
    new: object = None
    previous: dict | None = None  # the row before, for a field's old value (its kind and unit then)
    document: dict | None = None


@dataclass(frozen=True)
class Revision:
    """The changes since the version the committee read, and what it had asked for."""

    read_at: datetime  # when the version the committee read was submitted
    asked_at: datetime
    request: str  # the committee's comment ("" when it gave none)
    changes: tuple[Change, ...]


def _by_id(rows: list[dict]) -> dict:
    """Rows of a stored content by their id, in their order."""
    return {row.get("id"): row for row in rows}


def _field_changes(kind: str, before: dict, after: dict, names: tuple[str, ...], **where) -> list[Change]:
    """A Change per field whose value differs between two versions of a row."""
    return [
        Change(kind, field=name, old=before.get(name), new=after.get(name), previous=before, **where)
        for name in names
        if (before.get(name) or None) != (after.get(name) or None)
    ]


def _action_changes(engagement: int, indicator: dict, before: list[dict], after: list[dict]) -> list[Change]:
    """Actions edited, added or removed in an indicator's plan."""
    old, new = _by_id(before), _by_id(after)
    where = {"engagement": engagement, "indicator": indicator}
    changes: list[Change] = []
    for key, action in new.items():
        if key in old:
            changes += _field_changes(
                "action_changed", old[key], action, ACTION_FIELDS, action=action, **where
            )
    changes += [Change("action_added", action=a, **where) for key, a in new.items() if key not in old]
    changes += [Change("action_removed", action=a, **where) for key, a in old.items() if key not in new]
    return changes


def _engagement_changes(before: dict, after: dict) -> list[Change]:
    """Engagement by engagement: chosen or dropped, then its indicators added, removed or edited."""
    was, now = set(before.get("engagements", [])), set(after.get("engagements", []))
    old, new = _by_id(before.get("indicators", [])), _by_id(after.get("indicators", []))
    changes: list[Change] = []
    for code in sorted(was | now | {row["engagement_code"] for row in [*old.values(), *new.values()]}):
        if code in now - was:
            changes.append(Change("engagement_added", engagement=code))
        if code in was - now:
            changes.append(Change("engagement_removed", engagement=code))
            continue  # its indicators went with it
        for key, indicator in new.items():
            if indicator["engagement_code"] != code:
                continue
            if key not in old:
                changes.append(Change("indicator_added", engagement=code, indicator=indicator))
                continue
            changes += _field_changes(
                "indicator_changed",
                old[key],
                indicator,
                INDICATOR_FIELDS,
                engagement=code,
                indicator=indicator,
            )
            changes += _action_changes(
                code, indicator, old[key].get("actions", []), indicator.get("actions", [])
            )
        changes += [
            Change("indicator_removed", engagement=code, indicator=indicator)
            for key, indicator in old.items()
            if indicator["engagement_code"] == code and key not in new
        ]
    return changes


def content_changes(before: dict, after: dict) -> list[Change]:
    """Every difference between two stored contents (``submission.dossier_content``), in reading order."""
    changes = _engagement_changes(before, after)
    changes += _field_changes(
        "involvement_changed", before.get("involvement", {}), after.get("involvement", {}), INVOLVEMENT_FIELDS
    )
    old_files = {(d["kind"], d["sha256"]) for d in before.get("attachments", [])}
    new_files = {(d["kind"], d["sha256"]) for d in after.get("attachments", [])}
    changes += [
        Change("document_added", document=d)
        for d in after.get("attachments", [])
        if (d["kind"], d["sha256"]) not in old_files
    ]
    changes += [
        Change("document_removed", document=d)
        for d in before.get("attachments", [])
        if (d["kind"], d["sha256"]) not in new_files
    ]
    return changes


# the committee's decisions on a submission: a request is « the last » only if none came after it
ON_SUBMISSION = (Transition.REQUEST_INFO, Transition.DECLARE_ADMISSIBLE, Transition.REFUSE)


async def last_request(session: AsyncSession, dossier_id: int) -> AuditEntry | None:
    """The committee's request for more information on a dossier, when it is its latest decision on a
    submission (a request before a refusal belongs to the candidacy refused, not to a new one)."""
    rows = await session.exec(
        select(AuditEntry)
        .where(AuditEntry.entity == "dossier", AuditEntry.entity_id == dossier_id)
        .where(AuditEntry.action.in_(ON_SUBMISSION))
        .order_by(AuditEntry.id.desc())
    )
    latest = rows.first()
    return latest if latest is not None and latest.action == Transition.REQUEST_INFO else None


async def version_read_before(
    session: AsyncSession, dossier_id: int, request: AuditEntry
) -> DossierVersion | None:
    """The version the committee read before a request: the last one submitted before it.

    Told by the order of the audit entries, not by their instants (two may share one).
    """
    submissions = await session.exec(
        select(func.count(AuditEntry.id)).where(
            AuditEntry.entity == "dossier",
            AuditEntry.entity_id == dossier_id,
            AuditEntry.action == Transition.SUBMIT,
            AuditEntry.id < request.id,
        )
    )
    count = submissions.one()
    if not count:
        return None
    rows = await session.exec(
        select(DossierVersion)
        .where(DossierVersion.dossier_id == dossier_id)
        .order_by(DossierVersion.version)
        .offset(count - 1)
    )
    return rows.first()


async def revision_since_request(session: AsyncSession, dossier: Dossier, current: dict) -> Revision | None:
    """What changed since the committee asked for more information; None when it never asked (or moved on)."""
    if dossier.status not in SHOWN_IN:
        return None
    return await revision_against_request(session, dossier, current)


async def revision_against_request(session: AsyncSession, dossier: Dossier, current: dict) -> Revision | None:
    """What differs from the version the committee read before its last request, whatever the status
    (a dossier about to be submitted again); None when it never asked."""
    request = await last_request(session, dossier.id)
    if request is None:
        return None
    read = await version_read_before(session, dossier.id, request)
    if read is None:
        return None
    comment = (request.new_value or "").split(": ", 1)[1] if ": " in (request.new_value or "") else ""
    changes = content_changes(json.loads(read.content), current)
    return Revision(read.submitted_at, request.at, comment, tuple(changes))
