"""In-memory fake of a Telegram Bot API server, independent of any transport."""

from __future__ import annotations

import asyncio
import copy
import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any, NoReturn

JSONDict = dict[str, Any]
Upload = tuple[str, bytes, str]  # (filename, content, mime type), the shape PTB uploads
Files = dict[str, Upload]
Handler = Callable[[JSONDict, Files], Any]

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

_TAG_ENTITY_TYPES = {
    **dict.fromkeys(["b", "strong"], "bold"),
    **dict.fromkeys(["i", "em"], "italic"),
    **dict.fromkeys(["u", "ins"], "underline"),
    **dict.fromkeys(["s", "strike", "del"], "strikethrough"),
    **dict.fromkeys(["tg-spoiler", "span"], "spoiler"),
    "code": "code",
    "pre": "pre",
    "a": "text_link",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(?:#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,8})|([a-zA-Z][a-zA-Z0-9]*));")
_TAG_NAME_RE = re.compile(r"[a-zA-Z0-9-]*")
_ATTR_RE = re.compile(r"""\s+([a-zA-Z0-9_-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_COMMAND_RE = re.compile(r"/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]{3,32})?")
_BOT_COMMAND_NAME_RE = re.compile(r"[a-z0-9_]{1,32}")
_BUTTON_ACTIONS = frozenset(
    [
        "url",
        "callback_data",
        "web_app",
        "login_url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
    ]
)
_DEFAULT = json.dumps({"type": "default"})  # key of the default command scope


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


def _bad_request(description: str) -> BotApiError:
    """A 400 error with Telegram's "Bad Request: " prefix."""
    return BotApiError(400, f"Bad Request: {description}")


@dataclass
class ApiCall:
    """One Bot API call as the fake received it."""

    method: str
    params: JSONDict
    at: float
    chat_id: int | None
    ok: bool = False


@dataclass
class StoredFile:
    """A file known to the fake server, uploaded by the bot or by a user."""

    file_id: str
    file_unique_id: str
    file_name: str
    mime_type: str
    content: bytes
    file_path: str

    def document(self) -> JSONDict:
        """The file as a Bot API Document object."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_name": self.file_name,
            "mime_type": self.mime_type,
            "file_size": len(self.content),
        }

    def photo_size(self, width: int, height: int) -> JSONDict:
        """The file as a Bot API PhotoSize object."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "width": width,
            "height": height,
            "file_size": len(self.content),
        }


@dataclass
class _Fault:
    """A pending injected failure."""

    method: str
    error: BotApiError
    remaining: int
    chat_id: int | None


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


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
            raise _bad_request(f"can't parse {key} JSON object") from None
    if key in _INT_PARAMS and re.fullmatch(r"-?[0-9]+", value):
        return int(value)
    if key in _INT_PARAMS and re.fullmatch(r"-?[0-9]*\.[0-9]+", value):
        return float(value)
    if key.startswith(_BOOL_PREFIXES) and value in ("true", "false"):
        return value == "true"
    return value


class _HtmlParser:
    """Telegram's HTML parse mode: turns markup into plain text plus MessageEntity dicts."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.pos = 0
        self.chunks: list[str] = []
        self.length = 0  # UTF-16 length of the text produced so far
        self.open_tags: list[tuple[str, dict[str, str], int]] = []  # (tag, attributes, offset)
        self.entities: list[JSONDict] = []

    def parse(self) -> tuple[str, list[JSONDict]]:
        """Parse the whole source or raise a 400 "can't parse entities" error."""
        while self.pos < len(self.source):
            char = self.source[self.pos]
            if char == "&":
                decoded, self.pos = self._entity(self.source, self.pos)
                self._emit(decoded)
            elif self.source.startswith("</", self.pos):
                self._end_tag()
            elif char == "<":
                self._start_tag()
            else:
                self._emit(char)
                self.pos += 1
        if self.open_tags:
            self._fail(f'Can\'t find end tag corresponding to start tag "{self.open_tags[-1][0]}"')
        self.entities.sort(key=lambda entity: (entity["offset"], -entity["length"]))
        return "".join(self.chunks), self.entities

    def _fail(self, reason: str) -> NoReturn:
        raise _bad_request(f"can't parse entities: {reason}")

    def _byte_offset(self, index: int) -> int:
        return len(self.source[:index].encode())

    def _emit(self, text: str) -> None:
        self.chunks.append(text)
        self.length += utf16_len(text)

    def _entity(self, text: str, index: int) -> tuple[str, int]:
        """Decode the character entity at text[index]; return it and the index after it."""
        match = _ENTITY_RE.match(text, index)
        # Telegram shows an unknown "&..." verbatim; we fail so that unescaped input is caught.
        if match is None:
            self._fail(f'Character "&" must be escaped as "&amp;" at offset {index}')
        decimal, hexadecimal, name = match.groups()
        if name is not None:
            if name not in _NAMED_ENTITIES:
                self._fail(f'Unsupported HTML entity "&{name};" at offset {index}')
            decoded = _NAMED_ENTITIES[name]
        else:
            code = int(decimal) if decimal else int(hexadecimal, 16)
            if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                self._fail(f"Invalid character code {code} at offset {index}")
            decoded = chr(code)
        return decoded, match.end()

    def _attribute_value(self, raw: str) -> str:
        """Decode entities inside an attribute value."""
        decoded: list[str] = []
        index = 0
        while index < len(raw):
            if raw[index] == "&":
                char, index = self._entity(raw, index)
                decoded.append(char)
            else:
                decoded.append(raw[index])
                index += 1
        return "".join(decoded)

    def _start_tag(self) -> None:
        start = self.pos
        offset = self._byte_offset(start)
        name_match = _TAG_NAME_RE.match(self.source, start + 1)
        assert name_match is not None  # the pattern also matches an empty name
        name = name_match.group().lower()
        if name not in _TAG_ENTITY_TYPES:
            self._fail(f'Unsupported start tag "{name}" at byte offset {offset}')
        pos = name_match.end()
        attributes: dict[str, str] = {}
        while attribute := _ATTR_RE.match(self.source, pos):
            raw = next((group for group in attribute.groups()[1:] if group is not None), "")
            attributes[attribute[1].lower()] = self._attribute_value(raw)
            pos = attribute.end()
        while pos < len(self.source) and self.source[pos].isspace():
            pos += 1
        if not self.source.startswith(">", pos):
            self._fail(f"Unclosed start tag at byte offset {offset}")
        if name == "span" and attributes.get("class") != "tg-spoiler":
            self._fail(f'Tag "span" must have class "tg-spoiler" at byte offset {offset}')
        if name == "tg-emoji" and not attributes.get("emoji-id"):
            self._fail(f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset {offset}')
        self.open_tags.append((name, attributes, self.length))
        self.pos = pos + 1

    def _end_tag(self) -> None:
        start = self.pos
        end = self.source.find(">", start)
        if end == -1:
            self._fail(f"Unclosed end tag at byte offset {self._byte_offset(start)}")
        name = self.source[start + 2 : end].strip().lower()
        if not self.open_tags:
            self._fail(f'Unexpected end tag "{name}" at byte offset {self._byte_offset(start)}')
        tag, attributes, offset = self.open_tags.pop()
        if name != tag:
            self._fail(
                f"Unmatched end tag at byte offset {self._byte_offset(start)},"
                f' expected "</{tag}>", found "</{name}>"'
            )
        self._add_entity(tag, attributes, offset)
        self.pos = end + 1

    def _add_entity(self, tag: str, attributes: dict[str, str], offset: int) -> None:
        if tag == "code" and self.open_tags and self.open_tags[-1][0] == "pre":
            # <pre><code class="language-x"> makes one pre entity carrying the language.
            css_class = attributes.get("class", "")
            if css_class.startswith("language-"):
                self.open_tags[-1][1]["language"] = css_class.removeprefix("language-")
            return
        if tag == "a" and "href" not in attributes:
            return  # Telegram keeps the text of a link without href but no entity
        length = self.length - offset
        if length == 0:
            return
        entity: JSONDict = {"type": _TAG_ENTITY_TYPES[tag], "offset": offset, "length": length}
        if tag == "a":
            entity["url"] = attributes["href"]
        elif tag == "pre" and attributes.get("language"):
            entity["language"] = attributes["language"]
        elif tag == "tg-emoji":
            entity["custom_emoji_id"] = attributes["emoji-id"]
        elif tag == "blockquote" and "expandable" in attributes:
            entity["type"] = "expandable_blockquote"
        self.entities.append(entity)


def parse_html(source: str) -> tuple[str, list[JSONDict]]:
    """Parse Telegram-flavoured HTML into (plain text, entities), raising BotApiError(400)."""
    return _HtmlParser(source).parse()


def _strip(text: str, entities: list[JSONDict]) -> tuple[str, list[JSONDict]]:
    """Trim surrounding whitespace like Telegram does, shifting entities accordingly."""
    stripped = text.strip()
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    size = utf16_len(stripped)
    kept: list[JSONDict] = []
    for entity in entities:
        start = max(entity["offset"] - lead, 0)
        end = min(entity["offset"] + entity["length"] - lead, size)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return stripped, kept


def _command_entities(text: str) -> list[JSONDict]:
    """The bot_command entity Telegram adds to a message starting with a command."""
    match = _COMMAND_RE.match(text)
    if match is None:
        return []
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(match.group())}]


def _callback_datas(markup: JSONDict | None) -> list[str]:
    """All callback_data values of an inline keyboard."""
    rows = (markup or {}).get("inline_keyboard", [])
    return [button["callback_data"] for row in rows for button in row if "callback_data" in button]


def _is_message_send(method: str) -> bool:
    """Whether a method posts a new message (what Telegram's flood limits count)."""
    return method.startswith("send") and method != "sendChatAction"


class FakeTelegram:
    """The state of a Telegram server as one bot sees it: chats, messages, files, updates.

    Not thread-safe: use it from one event loop. Polling (getUpdates) is not recorded in calls.
    """

    def __init__(self, bot_username: str = "qualicoop_test_bot", bot_id: int = 999000) -> None:
        self.bot_user: JSONDict = {
            "id": bot_id,
            "is_bot": True,
            "first_name": "Quali'Coop",
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.messages: dict[int, list[JSONDict]] = {}
        self.calls: list[ApiCall] = []
        self.blocked_chats: set[int] = set()
        self.users: dict[int, JSONDict] = {}
        # Telegram never echoes reply keyboards in Message objects: this is what each chat shows.
        self.reply_keyboards: dict[int, JSONDict] = {}
        self.callback_answers: dict[str, JSONDict] = {}
        self._faults: list[_Fault] = []
        self._commands: dict[tuple[str, str | None], list[JSONDict]] = {}
        self._files: dict[str, StoredFile] = {}
        self._file_counter = 0
        self._message_ids: dict[int, int] = {}
        self._updates: list[JSONDict] = []
        self._update_counter = 0
        self._open_callback_queries: set[str] = set()
        self._callback_counter = 0
        self._revision = 0
        self._revisions: dict[tuple[int, int], int] = {}
        self._read_marks: dict[int, int] = {}
        self._waiters: set[asyncio.Future[None]] = set()
        self._handlers: dict[str, Handler] = {
            "getMe": lambda params, files: self.bot_user,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageCaption": self._edit_message_caption,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "sendChatAction": self._send_chat_action,
            "sendDocument": self._send_document,
            "sendPhoto": self._send_photo,
            "getFile": self._get_file,
            "close": lambda params, files: True,
            "logOut": lambda params, files: True,
        }
        self._method_names = {name.lower(): name for name in [*self._handlers, "getUpdates"]}

    # --- entry points used by the transports -------------------------------------------

    def handle(self, method: str, params: dict[str, Any], files: Files | None = None) -> Any:
        """Run one Bot API method and return its result, or raise BotApiError."""
        name = self._method_names.get(method.lower(), method)
        params = normalize_params(params)
        if name == "getUpdates":
            self._raise_fault(name, None)
            return self._take_updates(
                params.get("offset"), params.get("limit", 100), params.get("allowed_updates")
            )
        chat_id = params.get("chat_id") if isinstance(params.get("chat_id"), int) else None
        call = ApiCall(name, copy.deepcopy(params), time.monotonic(), chat_id)
        self.calls.append(call)
        self._raise_fault(name, chat_id)
        handler = self._handlers.get(name)
        if handler is None:
            raise BotApiError(404, "Not Found")
        if name.startswith("send") and chat_id in self.blocked_chats:
            raise BotApiError(403, "Forbidden: bot was blocked by the user")
        result = copy.deepcopy(handler(params, files or {}))
        call.ok = True
        return result

    async def respond(
        self,
        method: str,
        params: dict[str, Any],
        files: Files | None = None,
        *,
        max_poll: float = 5.0,
    ) -> tuple[int, JSONDict]:
        """Answer a request as (HTTP status, Bot API JSON body); getUpdates long-polls."""
        try:
            if method.lower() != "getupdates":
                return 200, {"ok": True, "result": self.handle(method, params, files)}
            params = normalize_params(params)
            self._raise_fault("getUpdates", None)
            timeout = min(float(params.get("timeout", 0)), max_poll)
            offset, limit = params.get("offset"), params.get("limit", 100)
            updates = await self.get_updates(offset, limit, timeout, params.get("allowed_updates"))
            return 200, {"ok": True, "result": updates}
        except BotApiError as error:
            return error.status, error.payload()

    # --- fault injection and measurements ----------------------------------------------

    def fail_next(
        self,
        method: str,
        status: int,
        description: str,
        retry_after: int | None = None,
        count: int = 1,
        chat_id: int | None = None,
    ) -> None:
        """Make the next `count` calls of `method` (to `chat_id`, if given) fail."""
        if status == 429 and retry_after is None:
            retry_after = 1  # Telegram always says how long to back off
        error = BotApiError(status, description, retry_after)
        self._faults.append(_Fault(method.lower(), error, count, chat_id))

    def max_sends_in_window(self, window: float = 1.0) -> int:
        """The most successful message sends that happened within any `window` seconds."""
        times = sorted(call.at for call in self.calls if call.ok and _is_message_send(call.method))
        best = 0
        first = 0
        for last, at in enumerate(times):
            while at - times[first] >= window:
                first += 1
            best = max(best, last - first + 1)
        return best

    def sends_per_chat_min_gap(self, chat_id: int) -> float | None:
        """The shortest delay between two successful message sends to one chat."""
        times = [
            call.at
            for call in self.calls
            if call.ok and call.chat_id == chat_id and _is_message_send(call.method)
        ]
        gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
        return min(gaps, default=None)

    # --- inspection helpers --------------------------------------------------------------

    @property
    def commands(self) -> dict[str | None, list[JSONDict]]:
        """Commands of the default scope, keyed by language_code (None = all languages)."""
        return {lang: cmds for (scope, lang), cmds in self._commands.items() if scope == _DEFAULT}

    def last_message(self, chat_id: int) -> JSONDict | None:
        """The bot's latest message in a chat (the live stored dict)."""
        return self.messages.get(chat_id, [None])[-1]

    def find_message(self, chat_id: int, message_id: int) -> JSONDict | None:
        """One of the bot's messages by id (the live stored dict)."""
        for message in self.messages.get(chat_id, []):
            if message["message_id"] == message_id:
                return message
        return None

    async def wait_for_message(
        self,
        chat_id: int,
        predicate: Callable[[JSONDict], bool] | None = None,
        timeout: float = 10.0,
    ) -> JSONDict:
        """Wait for a new or edited bot message in a chat matching predicate; return a snapshot.

        Only versions the test has not seen count: each user action in the chat and each
        message returned here marks everything older in that chat as read.
        """
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            message = self._next_unread(chat_id, predicate)
            if message is not None:
                return copy.deepcopy(message)
            if not await self._wait_for_change(deadline):
                texts = [m.get("text", m.get("caption")) for m in self.messages.get(chat_id, [])]
                raise TimeoutError(
                    f"no matching message in chat {chat_id} after {timeout}s; last texts: {texts[-5:]!r}"
                )

    # --- files ---------------------------------------------------------------------------

    def store_file(self, content: bytes, filename: str, mime_type: str) -> JSONDict:
        """Store a file as if uploaded to Telegram and return its Document dict."""
        return self._store(filename, content, mime_type).document()

    def file_content(self, file_path: str) -> bytes:
        """The bytes behind a getFile file_path; KeyError if unknown."""
        for stored in self._files.values():
            if stored.file_path == file_path:
                return stored.content
        raise KeyError(file_path)

    def _store(self, filename: str, content: bytes, mime_type: str, folder: str = "documents") -> StoredFile:
        self._file_counter += 1
        number = self._file_counter
        suffix = PurePosixPath(filename).suffix
        stored = StoredFile(
            file_id=f"BQACAgFake{number:06d}",
            file_unique_id=f"AgADFake{number:04d}",
            file_name=filename,
            mime_type=mime_type,
            content=content,
            file_path=f"{folder}/file_{number}{suffix}",
        )
        self._files[stored.file_id] = stored
        return stored

    def _photo_sizes(self, content: bytes) -> list[JSONDict]:
        """Telegram stores several sizes per photo; we keep the original bytes for each."""
        thumbnail = self._store("photo.jpg", content, "image/jpeg", "photos")
        full = self._store("photo.jpg", content, "image/jpeg", "photos")
        return [thumbnail.photo_size(90, 90), full.photo_size(1280, 1280)]

    def _input_file(self, field: str, params: JSONDict, files: Files) -> StoredFile | Upload:
        """Resolve a file parameter to a known file (by file_id) or to the uploaded part."""
        value = params.get(field)
        if isinstance(value, str) and value.startswith("attach://"):
            upload = files.get(value.removeprefix("attach://"))
        elif value is None:
            upload = files.get(field)  # PTB uploads single files under the parameter's name
        elif str(value) in self._files:
            return self._files[str(value)]
        else:
            raise _bad_request("wrong file identifier/HTTP URL specified")
        if upload is None:
            raise _bad_request(f"there is no {field} in the request")
        return upload

    # --- incoming updates (what users do) --------------------------------------------------

    def user_text(self, user: JSONDict, text: str) -> JSONDict:
        """A user sends a private text message to the bot."""
        message = self._user_message(user, text=text, entities=_command_entities(text))
        return self._push_update(message["chat"]["id"], {"message": message})

    def user_callback(
        self, user: JSONDict, message: JSONDict, data: str, *, check_button: bool = True
    ) -> JSONDict:
        """A user presses an inline button of one of the bot's messages."""
        chat_id = message["chat"]["id"]
        stored = self.find_message(chat_id, message["message_id"])
        if stored is None:
            raise ValueError(f"message {message['message_id']} not found in chat {chat_id}")
        buttons = _callback_datas(stored.get("reply_markup"))
        if check_button and data not in buttons:
            raise ValueError(f"no button with callback_data {data!r}; the message has {buttons!r}")
        self._callback_counter += 1
        query_id = f"{self.bot_user['id']}{self._callback_counter:08d}"
        self._open_callback_queries.add(query_id)
        query = {
            "id": query_id,
            "from": self._remember_user(user),
            "chat_instance": f"{abs(chat_id) * 7919}",
            "message": copy.deepcopy(stored),  # a snapshot, like the real update
            "data": data,
        }
        return self._push_update(chat_id, {"callback_query": query})

    def user_document(
        self,
        user: JSONDict,
        filename: str,
        content: bytes,
        mime_type: str,
        caption: str | None = None,
    ) -> JSONDict:
        """A user sends a file to the bot."""
        document = self.store_file(content, filename, mime_type)
        message = self._user_message(user, document=document, caption=caption)
        return self._push_update(message["chat"]["id"], {"message": message})

    def user_photo(self, user: JSONDict, content: bytes, caption: str | None = None) -> JSONDict:
        """A user sends a photo to the bot."""
        message = self._user_message(user, photo=self._photo_sizes(content), caption=caption)
        return self._push_update(message["chat"]["id"], {"message": message})

    def pending_updates(self) -> list[JSONDict]:
        """Updates not yet confirmed by a getUpdates offset."""
        return copy.deepcopy(self._updates)

    async def get_updates(
        self,
        offset: int | None = None,
        limit: int = 100,
        timeout: float = 0,
        allowed_updates: list[str] | None = None,
    ) -> list[JSONDict]:
        """getUpdates semantics: confirm updates below offset, long-poll up to timeout seconds."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            updates = self._take_updates(offset, limit, allowed_updates)
            if updates or not await self._wait_for_change(deadline):
                return updates
            if offset is not None and offset < 0:
                offset = None  # a negative offset trims the queue once, not on every wake-up

    def _take_updates(
        self, offset: int | None, limit: int, allowed_updates: list[str] | None
    ) -> list[JSONDict]:
        if offset is not None and offset < 0:
            self._updates = self._updates[offset:]  # "all previous updates will be forgotten"
        elif offset is not None:
            self._updates = [update for update in self._updates if update["update_id"] >= offset]
        allowed = set(allowed_updates or [])
        updates = [u for u in self._updates if not allowed or allowed & set(u)]
        return copy.deepcopy(updates[: max(1, min(int(limit), 100))])

    def _push_update(self, chat_id: int, payload: JSONDict) -> JSONDict:
        self._update_counter += 1
        update = {"update_id": self._update_counter, **payload}
        self._updates.append(update)
        # The user saw the chat before acting, so older bot messages count as read.
        self._read_marks[chat_id] = self._revision
        self._notify()
        return copy.deepcopy(update)

    def _remember_user(self, user: JSONDict) -> JSONDict:
        user = {"is_bot": False, "first_name": "User", **user}
        self.users[user["id"]] = user
        return user

    def _user_message(self, user: JSONDict, **content: Any) -> JSONDict:
        user = self._remember_user(user)
        chat_id = user["id"]
        message = {
            "message_id": self._next_message_id(chat_id),
            "from": user,
            "chat": self._chat(chat_id),
            "date": int(time.time()),
        }
        message.update({key: value for key, value in content.items() if value})
        return message

    # --- change notification ----------------------------------------------------------------

    def _notify(self) -> None:
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)

    async def _wait_for_change(self, deadline: float) -> bool:
        """Wait until state changes or the deadline passes; False on timeout."""
        loop = asyncio.get_running_loop()
        remaining = deadline - loop.time()
        if remaining <= 0:
            return False
        waiter: asyncio.Future[None] = loop.create_future()
        self._waiters.add(waiter)
        try:
            await asyncio.wait({waiter}, timeout=remaining)
        finally:
            self._waiters.discard(waiter)
        return waiter.done()

    def _touch(self, chat_id: int, message_id: int) -> None:
        self._revision += 1
        self._revisions[(chat_id, message_id)] = self._revision
        self._notify()

    def _next_unread(self, chat_id: int, predicate: Callable[[JSONDict], bool] | None) -> JSONDict | None:
        """The oldest unread message version matching predicate; marks it and older as read."""
        read_mark = self._read_marks.get(chat_id, 0)
        versions = [
            (self._revisions[(chat_id, message["message_id"])], message)
            for message in self.messages.get(chat_id, [])
        ]
        for revision, message in sorted(versions, key=lambda version: version[0]):
            if revision > read_mark and (predicate is None or predicate(message)):
                self._read_marks[chat_id] = revision
                return message
        return None

    # --- messages ---------------------------------------------------------------------------

    def _chat(self, chat_id: int) -> JSONDict:
        if chat_id < 0:
            chat_type = "supergroup" if str(chat_id).startswith("-100") else "group"
            return {"id": chat_id, "type": chat_type, "title": f"Chat {chat_id}"}
        chat: JSONDict = {"id": chat_id, "type": "private"}
        user = self.users.get(chat_id, {})
        names = ("first_name", "last_name", "username")
        chat.update({key: user[key] for key in names if key in user})
        return chat

    def _chat_id(self, params: JSONDict) -> int:
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise _bad_request("chat_id is empty")
        if not isinstance(chat_id, int):
            raise _bad_request("chat not found")
        return chat_id

    def _next_message_id(self, chat_id: int) -> int:
        self._message_ids[chat_id] = self._message_ids.get(chat_id, 0) + 1
        return self._message_ids[chat_id]

    def _new_message(self, chat_id: int, **content: Any) -> JSONDict:
        sender = {key: self.bot_user[key] for key in ("id", "is_bot", "first_name", "username")}
        message: JSONDict = {
            "message_id": self._next_message_id(chat_id),
            "from": sender,
            "chat": self._chat(chat_id),
            "date": int(time.time()),
        }
        message.update({key: value for key, value in content.items() if value})
        self.messages.setdefault(chat_id, []).append(message)
        self._touch(chat_id, message["message_id"])
        return message

    def _formatted(self, text: str, params: JSONDict, prefix: str = "") -> tuple[str, list[JSONDict]]:
        """Apply parse_mode (HTML only) or explicit entities, then Telegram's trimming."""
        entities = params.get(f"{prefix}entities") or []
        if str(params.get("parse_mode", "")).lower() == "html":
            text, entities = parse_html(text)
        return _strip(text, entities)

    def _message_text(self, params: JSONDict) -> tuple[str, list[JSONDict]]:
        text, entities = self._formatted(str(params.get("text", "")), params)
        if not text:
            raise _bad_request("message text is empty")
        if utf16_len(text) > MAX_TEXT_LENGTH:
            raise _bad_request("message is too long")
        return text, entities

    def _caption(self, params: JSONDict) -> tuple[str, list[JSONDict]]:
        caption, entities = self._formatted(str(params.get("caption", "")), params, "caption_")
        if utf16_len(caption) > MAX_CAPTION_LENGTH:
            raise _bad_request("message caption is too long")
        return caption, entities

    def _inline_markup(self, params: JSONDict) -> JSONDict | None:
        """Validate reply_markup; return it if it is an inline keyboard, to store on the message."""
        markup = params.get("reply_markup")
        if not isinstance(markup, dict):
            return None
        if "inline_keyboard" not in markup:
            self._remember_reply_keyboard(params.get("chat_id"), markup)
            return None
        for row in markup["inline_keyboard"]:
            for button in row:
                data = button.get("callback_data")
                if data is not None and not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA_BYTES:
                    raise _bad_request("BUTTON_DATA_INVALID")
                if not _BUTTON_ACTIONS & set(button):
                    raise _bad_request("text buttons are unallowed in the inline keyboard")
        return markup if any(markup["inline_keyboard"]) else None

    def _remember_reply_keyboard(self, chat_id: Any, markup: JSONDict) -> None:
        if not isinstance(chat_id, int):
            return
        if "keyboard" in markup:
            self.reply_keyboards[chat_id] = markup
        elif markup.get("remove_keyboard"):
            self.reply_keyboards.pop(chat_id, None)

    def _message_to_edit(self, params: JSONDict) -> JSONDict:
        if "inline_message_id" in params:
            raise _bad_request("MESSAGE_ID_INVALID")  # inline messages are not modelled
        chat_id = self._chat_id(params)
        if "message_id" not in params:
            raise _bad_request("message identifier is not specified")
        message = self.find_message(chat_id, params["message_id"])
        if message is None:
            raise _bad_request("message to edit not found")
        return message

    def _apply_edit(self, message: JSONDict, changes: JSONDict) -> JSONDict:
        """Edit a stored message in place; Telegram refuses edits that change nothing."""
        if all(message.get(key) == (value or None) for key, value in changes.items()):
            raise _bad_request(NOT_MODIFIED.removeprefix("Bad Request: "))
        for key, value in changes.items():
            if value:
                message[key] = value
            else:
                message.pop(key, None)
        message["edit_date"] = int(time.time())
        self._touch(message["chat"]["id"], message["message_id"])
        return message

    # --- method handlers ----------------------------------------------------------------------

    def _delete_webhook(self, params: JSONDict, files: Files) -> bool:
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _get_webhook_info(self, params: JSONDict, files: Files) -> JSONDict:
        pending = len(self._updates)
        return {"url": "", "has_custom_certificate": False, "pending_update_count": pending}

    def _commands_key(self, params: JSONDict) -> tuple[str, str | None]:
        scope = json.dumps(params.get("scope") or {"type": "default"}, sort_keys=True)
        return scope, params.get("language_code") or None

    def _set_my_commands(self, params: JSONDict, files: Files) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise _bad_request("commands must be a list of at most 100 BotCommand")
        for command in commands:
            if not _BOT_COMMAND_NAME_RE.fullmatch(str(command.get("command", ""))):
                raise _bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
                raise _bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        key = self._commands_key(params)
        if commands:
            self._commands[key] = [
                {"command": c["command"], "description": c["description"]} for c in commands
            ]
        else:
            self._commands.pop(key, None)
        return True

    def _get_my_commands(self, params: JSONDict, files: Files) -> list[JSONDict]:
        return self._commands.get(self._commands_key(params), [])

    def _delete_my_commands(self, params: JSONDict, files: Files) -> bool:
        self._commands.pop(self._commands_key(params), None)
        return True

    def _send_message(self, params: JSONDict, files: Files) -> JSONDict:
        chat_id = self._chat_id(params)
        text, entities = self._message_text(params)
        markup = self._inline_markup(params)
        return self._new_message(chat_id, text=text, entities=entities, reply_markup=markup)

    def _edit_message_text(self, params: JSONDict, files: Files) -> JSONDict:
        message = self._message_to_edit(params)
        if "text" not in message:
            raise _bad_request("there is no text in the message to edit")
        text, entities = self._message_text(params)
        # Like Telegram, an edit without reply_markup removes the inline keyboard.
        markup = self._inline_markup(params)
        changes = {"text": text, "entities": entities, "reply_markup": markup}
        return self._apply_edit(message, changes)

    def _edit_message_caption(self, params: JSONDict, files: Files) -> JSONDict:
        message = self._message_to_edit(params)
        caption, entities = self._caption(params)
        markup = self._inline_markup(params)
        changes = {"caption": caption, "caption_entities": entities, "reply_markup": markup}
        return self._apply_edit(message, changes)

    def _edit_message_reply_markup(self, params: JSONDict, files: Files) -> JSONDict:
        message = self._message_to_edit(params)
        return self._apply_edit(message, {"reply_markup": self._inline_markup(params)})

    def _send_chat_action(self, params: JSONDict, files: Files) -> bool:
        self._chat_id(params)
        return True

    def _delete_message(self, params: JSONDict, files: Files) -> bool:
        chat_id = self._chat_id(params)
        message = self.find_message(chat_id, params.get("message_id", 0))
        if message is None:
            raise _bad_request("message to delete not found")
        self.messages[chat_id].remove(message)
        del self._revisions[(chat_id, message["message_id"])]
        self._notify()
        return True

    def _answer_callback_query(self, params: JSONDict, files: Files) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        if query_id not in self._open_callback_queries:
            raise _bad_request("query is too old and response timeout expired or query ID is invalid")
        self._open_callback_queries.discard(query_id)
        answer = {key: value for key, value in params.items() if key != "callback_query_id"}
        self.callback_answers[query_id] = answer
        return True

    def _send_document(self, params: JSONDict, files: Files) -> JSONDict:
        chat_id = self._chat_id(params)
        caption, entities = self._caption(params)
        markup = self._inline_markup(params)
        source = self._input_file("document", params, files)
        stored = source if isinstance(source, StoredFile) else self._store(*source)
        return self._new_message(
            chat_id,
            document=stored.document(),
            caption=caption,
            caption_entities=entities,
            reply_markup=markup,
        )

    def _send_photo(self, params: JSONDict, files: Files) -> JSONDict:
        chat_id = self._chat_id(params)
        caption, entities = self._caption(params)
        markup = self._inline_markup(params)
        source = self._input_file("photo", params, files)
        if isinstance(source, StoredFile):
            photo = [source.photo_size(1280, 1280)]
        else:
            photo = self._photo_sizes(source[1])
        return self._new_message(
            chat_id, photo=photo, caption=caption, caption_entities=entities, reply_markup=markup
        )

    def _get_file(self, params: JSONDict, files: Files) -> JSONDict:
        stored = self._files.get(str(params.get("file_id", "")))
        if stored is None:
            raise _bad_request("invalid file_id")
        if len(stored.content) > MAX_DOWNLOAD_SIZE:
            raise _bad_request("file is too big")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.content),
            "file_path": stored.file_path,
        }

    # --- faults ---------------------------------------------------------------------------------

    def _raise_fault(self, method: str, chat_id: int | None) -> None:
        for fault in self._faults:
            if fault.method == method.lower() and fault.chat_id in (None, chat_id):
                fault.remaining -= 1
                if fault.remaining <= 0:
                    self._faults.remove(fault)
                raise fault.error
