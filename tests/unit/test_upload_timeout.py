"""A file the bot sends (an /export part of up to 50 MB) has time to upload: PTB's default gives media 20 s,
which a full part at less than 2.5 MB/s would miss (an upload cut short, the part never sent)."""

from __future__ import annotations

from bot.application import MEDIA_WRITE_TIMEOUT, telegram_request
from conversations.committee.export import BOT_UPLOAD_LIMIT


def test_a_full_export_part_may_upload_at_half_a_megabyte_a_second():
    request = telegram_request(256)
    assert request._media_write_timeout == MEDIA_WRITE_TIMEOUT  # PTB's own request object, no public reader
    assert BOT_UPLOAD_LIMIT / MEDIA_WRITE_TIMEOUT <= 0.5 * 1024 * 1024
