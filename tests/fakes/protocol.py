"""The Bot API's wire conventions: JSON shapes, limits, error answers and parameter decoding."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from typing import Any

JSONDict = dict[str, Any]
Upload = tuple[str, bytes, str]  # (filename, content, mime type), the shape PTB uploads
Files = dict[str, Upload]
Handler = Callable[[JSONDict, Files], Any]


def snapshot(value: Any) -> Any:
    """A copy of a JSON-shaped value (dicts, lists, scalars) nothing later changes: the fake's record of
    a call, an update handed out. Three times quicker than ``copy.deepcopy`` on the fake's answers (it
    copies every call and every answer); anything else is deep-copied still."""
    kind = type(value)
    if kind is dict:
        return {key: snapshot(item) for key, item in value.items()}
    if kind is list:
        return [snapshot(item) for item in value]
    if kind in (str, int, float, bool) or value is None:
        return value
    return copy.deepcopy(value)


MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_DOWNLOAD_SIZE = 20 * 1024 * 1024
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup"
    " are exactly the same as a current content and reply markup of the message"
)

# Form posts carry every value as a string: these keys hold JSON documents or numbers.
_JSON_PARAMS = frozenset(
    [
        "reply_markup",
        "menu_button",
        "commands",
        "entities",
        "caption_entities",
        "scope",
        "reply_parameters",
        "link_preview_options",
        "allowed_updates",
        "media",
        "message_ids",
    ]
)
_INT_PARAMS = frozenset(
    [
        "chat_id",
        "message_id",
        "from_chat_id",
        "message_thread_id",
        "reply_to_message_id",
        "user_id",
        "offset",
        "limit",
        "timeout",
        "cache_time",
        "max_connections",
    ]
)
# Bot API booleans all follow these naming patterns; text params never do.
_BOOL_PREFIXES = ("disable_", "is_", "has_", "show_", "allow_", "protect_", "drop_", "can_")


class BotApiError(Exception):
    """An error answer of the Bot API (``"ok": false``)."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(f"{status} {description}")
        self.status = status
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> JSONDict:
        """The JSON body Telegram answers for this error."""
        body: JSONDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(description: str) -> BotApiError:
    """A 400 error with Telegram's "Bad Request: " prefix."""
    return BotApiError(400, f"Bad Request: {description}")


def normalize_params(params: dict[str, Any]) -> JSONDict:
    """Bring form-encoded strings and native Python values to the same JSON shapes."""
    normalized: JSONDict = {}
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, str):
            value = _decode_string_param(key, value)
        normalized[key] = value
    return normalized


def _decode_string_param(key: str, value: str) -> Any:
    """Decode one string-typed parameter according to its Bot API type."""
    if key in _JSON_PARAMS:
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {key} JSON object") from None
    if key in _INT_PARAMS and re.fullmatch(r"-?[0-9]+", value):
        return int(value)
    if key in _INT_PARAMS and re.fullmatch(r"-?[0-9]*\.[0-9]+", value):
        return float(value)
    if key.startswith(_BOOL_PREFIXES) and value in ("true", "false"):
        return value == "true"
    return value
