"""English texts write the apostrophe ’ (the house style, as “ ” for quotes), not the typewriter's '."""

from __future__ import annotations

from tests.unit.test_translations import code_message_ids


def test_english_messages_write_the_curly_apostrophe():
    straight = {message for message in code_message_ids() if "'" in message}
    assert sorted(straight) == []
