"""Whom a checkpoint is reminded to is written once: the sweep hands over by it, and a row handed over
is sent only while it still holds (``models.label.reminders.to_each_member``), so the two never part."""

from __future__ import annotations

import inspect

from models.label import reminder_queue


def test_the_queue_checks_a_checkpoint_reminder_by_the_sweeps_own_rule():
    """The conditions (not held, a followed dossier, a member of its coop, the event's key) are not
    typed again in the queue, where a change to the sweep's would be forgotten."""
    source = inspect.getsource(reminder_queue)
    assert "to_each_member(" in source and "checkpoint_key()" in source
    for written_twice in ("held_on", "FOLLOWED", 'literal("checkpoint:")', "Member.coop_id =="):
        assert written_twice not in source, written_twice
