"""What changed in a dossier since the version the committee read before asking for more information.

The committee's request is found in the audit trail; the version it read is the last one stored
(``DossierVersion``) before that request. Its content is compared with the dossier as it is now (frozen
again once resubmitted): indicators and actions are matched by id and creation instant (SQLite gives a
deleted row's id again), so a field edited in place shows as old → new; files by kind and content.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime

from sqlmodel import func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.dossier.rules import INDICATOR_ASKED
from models.label.lifecycle import Transition
from models.tables import Action, AuditEntry, Dossier, DossierStatus, DossierVersion, Indicator

# while the committee waits for the coop, or reads what the coop sent back
SHOWN_IN = (DossierStatus.INFO_REQUESTED, DossierStatus.SUBMITTED)
ACTION_FIELDS = ("description", "owner", "due_date")
INVOLVEMENT_FIELDS = ("approach", "staff_information", "members_information", "members_consultation")


@dataclass(frozen=True)
class Change:
    """One difference between two versions, with what a reader needs to name it (not translated)."""

    kind: str  # engagement_added/removed, indicator_added/removed/changed, action_added/removed/changed,
    #            involvement_changed, document_added/removed/renamed (``old`` → ``new``: its label)
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


def _same(before: dict | None, after: dict, read_at: datetime | None) -> bool:
    """Whether a row of the version read and a row now with its id are one: SQLite gives a deleted row's id
    to the next one created. Told by their creation instant; a version stored without it (before 7 December)
    holds the row now with its id if that row was created by the time the version was submitted."""
    if before is None or before.get("engagement_code") != after.get("engagement_code"):
        return False
    created = after.get("created_at") and datetime.fromisoformat(after["created_at"])
    if before.get("created_at"):
        return created == datetime.fromisoformat(before["created_at"])
    return not (created and read_at) or created <= read_at


def _paired(before: list[dict], after: list[dict], read_at: datetime | None) -> tuple[list, list[dict]]:
    """Each row now with its row in the version read (None: a new row), and the rows of that version gone."""
    old = {row.get("id"): row for row in before}
    pairs = [(was if _same(was := old.get(row.get("id")), row, read_at) else None, row) for row in after]
    kept = {id(was) for was, _row in pairs if was is not None}
    return pairs, [row for row in before if id(row) not in kept]


def _field_changes(kind: str, before: dict, after: dict, names: tuple[str, ...], **where) -> list[Change]:
    """A Change per field whose value differs between two versions of a row."""
    return [
        Change(kind, field=name, old=before.get(name), new=after.get(name), previous=before, **where)
        for name in names
        if (before.get(name) or None) != (after.get(name) or None)
    ]


def _action_changes(was: dict, indicator: dict, code: int, read_at: datetime | None) -> list[Change]:
    """Actions edited, added or removed in an indicator's plan (``was``: the indicator as read)."""
    pairs, gone = _paired(was.get("actions", []), indicator.get("actions", []), read_at)
    where = {"engagement": code, "indicator": indicator}
    changes: list[Change] = []
    for old, action in pairs:
        if old is not None:
            changes += _field_changes("action_changed", old, action, ACTION_FIELDS, action=action, **where)
    changes += [Change("action_added", action=a, **where) for old, a in pairs if old is None]
    return changes + [Change("action_removed", action=a, **where) for a in gone]


def _engagement_changes(before: dict, after: dict, read_at: datetime | None) -> list[Change]:
    """Engagement by engagement: chosen or dropped, then its indicators added, removed or edited."""
    was, now = set(before.get("engagements", [])), set(after.get("engagements", []))
    pairs, gone = _paired(before.get("indicators", []), after.get("indicators", []), read_at)
    changes: list[Change] = []
    for code in sorted(was | now | {row["engagement_code"] for row in [*gone, *(i for _old, i in pairs)]}):
        if code in now - was:
            changes.append(Change("engagement_added", engagement=code))
        if code in was - now:
            changes.append(Change("engagement_removed", engagement=code))
            continue  # its indicators went with it
        for old, indicator in pairs:
            if indicator["engagement_code"] != code:
                continue
            where = {"engagement": code, "indicator": indicator}
            if old is None:
                changes.append(Change("indicator_added", **where))
                continue
            changes += _field_changes("indicator_changed", old, indicator, INDICATOR_ASKED, **where)
            changes += _action_changes(old, indicator, code, read_at)
        removed = [i for i in gone if i["engagement_code"] == code]
        changes += [Change("indicator_removed", engagement=code, indicator=i) for i in removed]
    return changes


def _document_changes(before: list[dict], after: list[dict]) -> list[Change]:
    """Files added, removed or renamed: a file is its kind and content, its label may change."""
    old, fresh, changes = list(before), [], []
    for d in after:  # a file as it was set aside first: of two copies of one file, the other was renamed
        old.remove(d) if d in old else fresh.append(d)
    for d in fresh:
        was = next((o for o in old if (o["kind"], o["sha256"]) == (d["kind"], d["sha256"])), None)
        if was is None:
            changes.append(Change("document_added", document=d))
            continue
        old.remove(was)
        if was.get("label") != d.get("label"):
            changes.append(Change("document_renamed", document=d, old=was.get("label"), new=d.get("label")))
    return changes + [Change("document_removed", document=d) for d in old]


def content_changes(before: dict, after: dict, read_at: datetime | None = None) -> list[Change]:
    """Every difference between two stored contents (``submission.dossier_content``), in reading order."""
    changes = _engagement_changes(before, after, read_at)
    changes += _field_changes(
        "involvement_changed", before.get("involvement", {}), after.get("involvement", {}), INVOLVEMENT_FIELDS
    )
    return changes + _document_changes(before.get("attachments", []), after.get("attachments", []))


# the committee's decisions on a submission: a request is « the last » only if none came after it
ON_SUBMISSION = (Transition.REQUEST_INFO, Transition.DECLARE_ADMISSIBLE, Transition.REFUSE)


def _of_dossier(dossier_id: int, *actions: str) -> tuple:
    """The conditions of a dossier's own audit entries (of these actions, if given)."""
    of_actions = (AuditEntry.action.in_(actions),) if actions else ()
    return AuditEntry.entity == "dossier", AuditEntry.entity_id == dossier_id, *of_actions


async def latest_entry(session: AsyncSession, dossier_id: int, actions, before: int = 0) -> AuditEntry | None:
    """The latest audit entry of a dossier among these actions (before the entry ``before``, if not 0)."""
    latest_first = select(AuditEntry).where(*_of_dossier(dossier_id, *actions))
    if before:
        latest_first = latest_first.where(AuditEntry.id < before)
    rows = await session.exec(latest_first.order_by(AuditEntry.id.desc()))
    return rows.first()


async def last_request(session: AsyncSession, dossier_id: int, before: int = 0) -> AuditEntry | None:
    """The committee's request for more information on a dossier, when it is its latest decision on a
    submission (a request before a refusal belongs to the candidacy refused, not to a new one)."""
    latest = await latest_entry(session, dossier_id, ON_SUBMISSION, before)
    return latest if latest is not None and latest.action == Transition.REQUEST_INFO else None


async def version_read_before(
    session: AsyncSession, dossier_id: int, request: AuditEntry
) -> DossierVersion | None:
    """The version the committee read before a request: the last one submitted before it (told by the
    order of the audit entries, not by their instants: two may share one)."""
    submits = select(func.count(AuditEntry.id)).where(*_of_dossier(dossier_id, Transition.SUBMIT))
    count = (await session.exec(submits.where(AuditEntry.id < request.id))).one()
    if not count:
        return None
    versions = select(DossierVersion).where(DossierVersion.dossier_id == dossier_id)
    return (await session.exec(versions.order_by(DossierVersion.version).offset(count - 1))).first()


async def revision_since_request(session: AsyncSession, dossier: Dossier, current: dict) -> Revision | None:
    """What changed since the committee asked for more information; None when it never asked (or moved on)."""
    if dossier.status not in SHOWN_IN:
        return None
    return await revision_against_request(session, dossier, current)


async def revision_against_request(session: AsyncSession, dossier: Dossier, current: dict) -> Revision | None:
    """What differs from the version the committee read before its last request, whatever the status
    (a dossier about to be submitted again); None when it never asked."""
    return await _revision(session, dossier.id, await last_request(session, dossier.id), current)


async def revision_of(session: AsyncSession, version: DossierVersion) -> Revision | None:
    """What a submitted version changed since the request it answered (None: it answered none), however
    late its news goes out. Its submission is told by the versions' order, as ``version_read_before``."""
    earlier = select(func.count(DossierVersion.id)).where(DossierVersion.dossier_id == version.dossier_id)
    rank = (await session.exec(earlier.where(DossierVersion.version < version.version))).one()
    submits = select(AuditEntry.id).where(*_of_dossier(version.dossier_id, Transition.SUBMIT))
    submitted = (await session.exec(submits.order_by(AuditEntry.id).offset(rank))).first()
    request = await last_request(session, version.dossier_id, submitted) if submitted else None
    return await _revision(session, version.dossier_id, request, json.loads(version.content))


async def _revision(session: AsyncSession, dossier_id: int, request: AuditEntry | None, current: dict):
    """What differs between the version read before a request and ``current``; None: no request."""
    read = await version_read_before(session, dossier_id, request) if request is not None else None
    if read is None:
        return None
    comment = (request.new_value or "").split(": ", 1)[1] if ": " in (request.new_value or "") else ""
    changes = content_changes(json.loads(read.content), current, read.submitted_at)
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
    ready = (AuditEntry.field == "status", AuditEntry.new_value == DossierStatus.READY.value)
    return (await session.exec(select(func.max(AuditEntry.id)).where(*_of_dossier(dossier.id), *ready))).one()
