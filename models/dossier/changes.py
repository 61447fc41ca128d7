"""What changed in a dossier since the version the committee read before asking for more information.

The committee's request is found in the audit trail; the version it read is the last one stored
(``DossierVersion``) before that request. Its content is compared with the dossier as it is now
(frozen again once resubmitted): engagements, indicators and their actions are matched by id, so a
field edited in place shows as old → new.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime

from sqlmodel import func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.label.lifecycle import Transition
from models.tables import Action, AuditEntry, Dossier, DossierStatus, DossierVersion, Indicator

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


async def latest_entry(session: AsyncSession, dossier_id: int, actions) -> AuditEntry | None:
    """The latest audit entry of a dossier among these actions."""
    of_dossier = (AuditEntry.entity == "dossier", AuditEntry.entity_id == dossier_id)
    latest_first = select(AuditEntry).where(*of_dossier).order_by(AuditEntry.id.desc())
    rows = await session.exec(latest_first.where(AuditEntry.action.in_(actions)))
    return rows.first()


async def last_request(session: AsyncSession, dossier_id: int) -> AuditEntry | None:
    """The committee's request for more information on a dossier, when it is its latest decision on a
    submission (a request before a refusal belongs to the candidacy refused, not to a new one)."""
    latest = await latest_entry(session, dossier_id, ON_SUBMISSION)
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


# the audit's entities that are parts of a coop's dossier (the dossier's own entries: its texts and its
# mark « ready »; not its transitions nor a request for the letter, which change nothing in it)
DOSSIER_PARTS = ("dossier", "engagement", "indicator", "action", "attachment")
TITLES = {"indicator": (Indicator, "title"), "action": (Action, "description")}


@dataclass(frozen=True)
class Edit:
    """One part of the dossier someone changed, from the audit trail: what they did to it last and when;
    ``fields`` the texts changed (an update), ``name`` the part's title as recorded or as it is now."""

    actor_id: int | None  # None: the CLI; negative: a former member (erased their data)
    at: datetime
    entity: str
    entity_id: int | None
    action: str  # create, update, delete, choose, drop; « ready » the dossier marked ready
    fields: tuple[str, ...] = ()
    name: str = ""
    kind: str | None = None  # a file's: commitment letter or supporting document


async def last_entry_id(session: AsyncSession) -> int:
    """The audit trail's last entry (0: none): what a screen drawn now has seen."""
    return (await session.exec(select(func.max(AuditEntry.id)))).one() or 0


def _merged(edit: Edit | None, entry: AuditEntry) -> Edit:
    """A part's edit with one more entry of it: created then edited is still « added », removed is last."""
    recorded = {"create": entry.new_value, "delete": entry.old_value}.get(entry.action) or ""
    if edit is None:
        kind = entry.field if entry.entity == "attachment" else None  # a file's kind, given when added
        edit = Edit(entry.actor_id, entry.at, entry.entity, entry.entity_id, entry.action, kind=kind)
    updated = entry.action == "update" and entry.field is not None and entry.field not in edit.fields
    return replace(
        edit,
        at=entry.at,
        action=edit.action if entry.action == "update" and edit.action == "create" else entry.action,
        fields=(*edit.fields, entry.field) if updated else edit.fields,
        name=recorded or edit.name,
    )


async def edits_after(session: AsyncSession, dossier: Dossier, after_id: int) -> list[Edit]:
    """What was changed in a coop's dossier after an audit entry, a line per person and part, in the
    order of their last change (told by the entries' order, not their instants)."""
    entries = await session.exec(
        select(AuditEntry)
        .where(AuditEntry.coop_id == dossier.coop_id, AuditEntry.id > after_id)
        .where(AuditEntry.entity.in_(DOSSIER_PARTS))
        .order_by(AuditEntry.id)
    )
    edits: dict[tuple, Edit] = {}
    for entry in entries.all():
        if entry.entity == "dossier" and (entry.entity_id != dossier.id or entry.action != "update"):
            continue
        ready = entry.entity == "dossier" and entry.field == "status"
        if ready and entry.new_value != DossierStatus.READY.value:
            continue
        key = (entry.actor_id, entry.entity, entry.entity_id, ready)
        edit = _merged(edits.pop(key, None), entry)  # popped: put back last, in its last change's order
        edits[key] = replace(edit, action="ready", fields=()) if ready else edit
    return [await _named(session, edit) for edit in edits.values()]


async def _named(session: AsyncSession, edit: Edit) -> Edit:
    """An edited indicator or action named by its title as it is now (the audit keeps it on create)."""
    if edit.name or edit.entity not in TITLES:
        return edit
    model, column = TITLES[edit.entity]
    row = await session.get(model, edit.entity_id)
    return replace(edit, name=getattr(row, column) or "") if row is not None else edit


async def last_marked_ready(session: AsyncSession, dossier: Dossier) -> int | None:
    """The audit entry of the dossier's last mark « ready » (None: never marked)."""
    found = await session.exec(
        select(func.max(AuditEntry.id)).where(
            AuditEntry.entity == "dossier",
            AuditEntry.entity_id == dossier.id,
            AuditEntry.field == "status",
            AuditEntry.new_value == DossierStatus.READY.value,
        )
    )
    return found.one()
