"""Rows of two versions told apart by more than their id, and files by more than their content.

SQLite gives a deleted row's id to the next one created: matched by id alone, a new indicator read as the
deleted one edited. A version stores each row's creation instant; one stored before it did is compared by
when the row now was created (after the version was submitted: another row). A file renamed was not seen.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime

from models.dossier.changes import content_changes

READ_AT = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)
BEFORE_IT, AFTER_IT = "2026-11-20T09:00:00.123456Z", "2026-11-25T10:30:00Z"


def version(created_at: str | None = BEFORE_IT) -> dict:
    """A stored content: engagement 12 with one indicator and its action (their instants, if given)."""
    instant = {"created_at": created_at} if created_at else {}
    action = {"id": 8, "description": "Former l’équipe", "owner": "La directrice", **instant}
    indicator = {"id": 8, "engagement_code": 12, "title": "Logements en BRS", "actions": [action], **instant}
    return {"engagements": [12], "indicators": [indicator], "attachments": []}


def kinds(before: dict, after: dict) -> list[tuple]:
    return [(c.kind, c.field) for c in content_changes(before, after, READ_AT)]


def test_an_id_given_again_is_another_indicator():
    after = version()
    after["indicators"][0] |= {"title": "Copropriétés en syndic solidaire", "created_at": AFTER_IT}
    assert kinds(version(), after) == [("indicator_added", None), ("indicator_removed", None)]
    assert kinds(version(), version()) == []  # the same row, its instant read back the same


def test_an_id_given_again_is_another_action():
    after = version()
    after["indicators"][0]["actions"][0] |= {"description": "Ouvrir une permanence", "created_at": AFTER_IT}
    assert kinds(version(), after) == [("action_added", None), ("action_removed", None)]


def test_a_version_stored_without_instants_reads_a_row_created_since_as_new():
    before, edited, replaced = version(None), version(), version()
    edited["indicators"][0]["title"] = "Logements en bail réel solidaire"
    replaced["indicators"][0] |= {"title": "Copropriétés en syndic solidaire", "created_at": AFTER_IT}
    assert kinds(before, edited) == [("indicator_changed", "title")]  # created before: the same row
    assert kinds(before, replaced) == [("indicator_added", None), ("indicator_removed", None)]
    assert kinds(before, version(None)) == []


def test_a_file_renamed_is_said_and_of_two_copies_the_one_renamed():
    letter = {"kind": "commitment_letter", "label": "lettre-engagement", "file_name": "l.pdf", "sha256": "a"}
    twin = {**letter, "kind": "supporting", "label": "Copie"}
    before, after = version(), version()
    before["attachments"] = [letter, twin, {**twin, "label": "Autre copie"}]
    after["attachments"] = copy.deepcopy(before["attachments"])
    after["attachments"][0]["label"] = "Lettre signée"
    after["attachments"][2]["label"] = "Copie renommée"
    changes = content_changes(before, after, READ_AT)
    assert [(c.kind, c.old, c.new) for c in changes] == [
        ("document_renamed", "lettre-engagement", "Lettre signée"),
        ("document_renamed", "Autre copie", "Copie renommée"),
    ]
