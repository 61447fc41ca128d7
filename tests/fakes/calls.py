"""The record of Bot API calls, and the send pacing measured on it."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from tests.fakes.protocol import JSONDict


@dataclass
class ApiCall:
    """One Bot API call as the fake received it."""

    method: str
    params: JSONDict
    at: float
    chat_id: int | None
    ok: bool = False


def is_message_send(method: str) -> bool:
    """Whether a method posts a new message (what Telegram's flood limits count)."""
    return method.startswith("send") and method != "sendChatAction"


def max_sends_in_window(calls: list[ApiCall], window: float) -> int:
    """The most successful message sends that happened within any `window` seconds."""
    times = sorted(call.at for call in calls if call.ok and is_message_send(call.method))
    best = 0
    first = 0
    for last, at in enumerate(times):
        while at - times[first] >= window:
            first += 1
        best = max(best, last - first + 1)
    return best


def min_send_gap(calls: list[ApiCall], chat_id: int) -> float | None:
    """The shortest delay between two successful message sends to one chat."""
    times = [
        call.at for call in calls if call.ok and call.chat_id == chat_id and is_message_send(call.method)
    ]
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    return min(gaps, default=None)
