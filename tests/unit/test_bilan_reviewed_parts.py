"""What a bilan's walk went through is kept by part: the indicators checked (« ✅ Keep ») and, since
« ➡️ Unchanged » counts as reviewed, the actions gone through. A draft stored before (a bare list of
indicator ids) reads as its indicators, with no action gone through."""

from __future__ import annotations

from models.label.bilans import reviewed_ids
from models.tables import ProgressReport


def test_a_draft_stored_as_a_list_reads_as_its_indicators() -> None:
    report = ProgressReport(dossier_id=1, checkpoint_kind="six_months", created_by=1, reviewed="[3, 4]")
    assert reviewed_ids(report) == {3, 4}
    assert reviewed_ids(report, "actions") == set()


def test_indicators_and_actions_are_kept_apart() -> None:
    stored = '{"indicators": [3], "actions": [3, 9]}'
    report = ProgressReport(dossier_id=1, checkpoint_kind="six_months", created_by=1, reviewed=stored)
    assert reviewed_ids(report) == {3}
    assert reviewed_ids(report, "actions") == {3, 9}
