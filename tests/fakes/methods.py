"""The Bot API methods the fake answers, with Telegram's checks: lengths, keyboards, edits, commands."""

from __future__ import annotations

import io
import json
import re
import time

from tests.fakes.entities import formatted, utf16_len
from tests.fakes.files import StoredFile
from tests.fakes.protocol import (
    MAX_CALLBACK_DATA_BYTES,
    MAX_CAPTION_LENGTH,
    MAX_TEXT_LENGTH,
    NOT_MODIFIED,
    Files,
    Handler,
    JSONDict,
    bad_request,
)
from tests.fakes.state import TelegramState

CALLBACK_ANSWER_LIMIT = 200  # the text of answerCallbackQuery (a pop-up or a toast), at most
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
_PRIVATE_CHATS = json.dumps({"type": "all_private_chats"})
_GROUP_CHATS = json.dumps({"type": "all_group_chats"})


class BotApiMethods(TelegramState):
    """One handler per Bot API method, each taking (params, files) and returning the result."""

    def _method_handlers(self) -> dict[str, Handler]:
        """Every method the fake knows, by its Bot API name."""
        return {
            "getMe": lambda params, files: self.bot_user,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "setChatMenuButton": self._set_chat_menu_button,
            "getChatMenuButton": self._get_chat_menu_button,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageCaption": self._edit_message_caption,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "sendChatAction": self._send_chat_action,
            "sendDocument": self._send_document,
            "sendPhoto": self._send_photo,
            "sendMediaGroup": self._send_media_group,
            "getFile": lambda params, files: self._files.file_object(str(params.get("file_id", ""))),
            "close": lambda params, files: True,
            "logOut": lambda params, files: True,
        }

    @property
    def commands(self) -> dict[str | None, list[JSONDict]]:
        """The menu a private chat without its own shows, keyed by language_code (None = all languages):
        the all-private-chats scope's, else the default scope's, as Telegram looks them up."""
        return {**self._scoped(_DEFAULT), **self._scoped(_PRIVATE_CHATS)}

    @property
    def group_commands(self) -> dict[str | None, list[JSONDict]]:
        """The menu a group shows, keyed by language_code: the all-group-chats scope's, else the default's."""
        return {**self._scoped(_DEFAULT), **self._scoped(_GROUP_CHATS)}

    def menu_in_private(self, chat_id: int, language_code: str | None) -> list[str]:
        """The « / » menu Telegram shows in a private chat, as it looks it up: the chat's own, then every
        private chat's, then every chat's, each in the app's language before any language."""
        chat = json.dumps({"type": "chat", "chat_id": chat_id}, sort_keys=True)
        for scope in (chat, _PRIVATE_CHATS, _DEFAULT):
            for language in (language_code, None):
                if (scope, language) in self._commands:
                    return [command["command"] for command in self._commands[(scope, language)]]
        return []

    def _scoped(self, key: str) -> dict[str | None, list[JSONDict]]:
        return {lang: cmds for (scope, lang), cmds in self._commands.items() if scope == key}

    # --- what a message may hold ---------------------------------------------------------------

    def _message_text(self, params: JSONDict) -> tuple[str, list[JSONDict]]:
        text, entities = formatted(str(params.get("text", "")), params)
        if not text:
            raise bad_request("message text is empty")
        if utf16_len(text) > MAX_TEXT_LENGTH:
            raise bad_request("message is too long")
        return text, entities

    def _caption(self, params: JSONDict) -> tuple[str, list[JSONDict]]:
        caption, entities = formatted(str(params.get("caption", "")), params, "caption_")
        if utf16_len(caption) > MAX_CAPTION_LENGTH:
            raise bad_request("message caption is too long")
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
                    raise bad_request("BUTTON_DATA_INVALID")
                if not _BUTTON_ACTIONS & set(button):
                    raise bad_request("text buttons are unallowed in the inline keyboard")
                if "web_app" in button and not str(button["web_app"].get("url", "")).startswith("https://"):
                    raise bad_request("BUTTON_TYPE_INVALID")  # a Mini App opens over HTTPS only
        return markup if any(markup["inline_keyboard"]) else None

    def _remember_reply_keyboard(self, chat_id: object, markup: JSONDict) -> None:
        if not isinstance(chat_id, int):
            return
        if "keyboard" in markup:
            self.reply_keyboards[chat_id] = markup
        elif markup.get("remove_keyboard"):
            self.reply_keyboards.pop(chat_id, None)

    def _message_to_edit(self, params: JSONDict) -> JSONDict:
        if "inline_message_id" in params:
            raise bad_request("MESSAGE_ID_INVALID")  # inline messages are not modelled
        chat_id = self._chat_id(params)
        if "message_id" not in params:
            raise bad_request("message identifier is not specified")
        message = self.find_message(chat_id, params["message_id"])
        if message is None:
            raise bad_request("message to edit not found")
        return message

    def _apply_edit(self, message: JSONDict, changes: JSONDict) -> JSONDict:
        """Edit a stored message in place; Telegram refuses edits that change nothing."""
        if all(message.get(key) == (value or None) for key, value in changes.items()):
            raise bad_request(NOT_MODIFIED.removeprefix("Bad Request: "))
        for key, value in changes.items():
            if value:
                message[key] = value
            else:
                message.pop(key, None)
        message["edit_date"] = int(time.time())
        self._touch(message["chat"]["id"], message["message_id"])
        return message

    # --- webhook and commands ------------------------------------------------------------------

    def _set_webhook(self, params: JSONDict, files: Files) -> bool:
        """Remember where updates would be posted, and the secret they would carry."""
        url = str(params.get("url", ""))
        if url and not url.startswith("https://"):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        self.webhook = {
            key: params[key] for key in ("url", "secret_token", "allowed_updates") if key in params
        }
        return True

    def _delete_webhook(self, params: JSONDict, files: Files) -> bool:
        self.webhook = {}
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _get_webhook_info(self, params: JSONDict, files: Files) -> JSONDict:
        pending = len(self._updates)
        url = self.webhook.get("url", "")
        return {"url": url, "has_custom_certificate": False, "pending_update_count": pending}

    def _commands_key(self, params: JSONDict) -> tuple[str, str | None]:
        scope = json.dumps(params.get("scope") or {"type": "default"}, sort_keys=True)
        return scope, params.get("language_code") or None

    def _set_my_commands(self, params: JSONDict, files: Files) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise bad_request("commands must be a list of at most 100 BotCommand")
        for command in commands:
            if not _BOT_COMMAND_NAME_RE.fullmatch(str(command.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
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

    def _set_chat_menu_button(self, params: JSONDict, files: Files) -> bool:
        button = params.get("menu_button") or {"type": "default"}
        if button.get("type") == "web_app":
            url = str((button.get("web_app") or {}).get("url", ""))
            if not url.startswith("https://") or not 1 <= len(str(button.get("text", ""))) <= 64:
                raise bad_request("BUTTON_INVALID")  # Telegram opens Mini Apps over HTTPS only
        self.menu_buttons[params.get("chat_id")] = button
        return True

    def _get_chat_menu_button(self, params: JSONDict, files: Files) -> JSONDict:
        return self.menu_buttons.get(params.get("chat_id"), {"type": "default"})

    # --- messages ------------------------------------------------------------------------------

    def _send_message(self, params: JSONDict, files: Files) -> JSONDict:
        chat_id = self._chat_id(params)
        text, entities = self._message_text(params)
        markup = self._inline_markup(params)
        return self._new_message(chat_id, text=text, entities=entities, reply_markup=markup)

    def _edit_message_text(self, params: JSONDict, files: Files) -> JSONDict:
        message = self._message_to_edit(params)
        if "text" not in message:
            raise bad_request("there is no text in the message to edit")
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
            raise bad_request("message to delete not found")
        self.messages[chat_id].remove(message)
        del self._revisions[(chat_id, message["message_id"])]
        self._notify()
        return True

    def _answer_callback_query(self, params: JSONDict, files: Files) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        if query_id not in self._open_callback_queries:
            raise bad_request("query is too old and response timeout expired or query ID is invalid")
        if len(str(params.get("text") or "")) > CALLBACK_ANSWER_LIMIT:  # Telegram's, in characters
            raise bad_request("MESSAGE_TOO_LONG")
        self._open_callback_queries.discard(query_id)
        answer = {key: value for key, value in params.items() if key != "callback_query_id"}
        self.callback_answers[query_id] = answer
        return True

    # --- files ---------------------------------------------------------------------------------

    def _send_document(self, params: JSONDict, files: Files) -> JSONDict:
        chat_id = self._chat_id(params)
        caption, entities = self._caption(params)
        markup = self._inline_markup(params)
        source = self._files.input_file("document", params, files)
        stored = source if isinstance(source, StoredFile) else self._files.store(*source)
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
        photo = self._photo(params, files)
        return self._new_message(
            chat_id, photo=photo, caption=caption, caption_entities=entities, reply_markup=markup
        )

    def _photo(self, params: JSONDict, files: Files, field: str = "photo") -> list[JSONDict]:
        """A photo's sizes; an upload out of the dimensions Telegram accepts refused as it refuses it."""
        source = self._files.input_file(field, params, files)
        if isinstance(source, StoredFile):
            return [source.photo_size(1280, 1280)]
        check_photo_dimensions(source[1])
        return self._files.photo_sizes(source[1])

    def _send_media_group(self, params: JSONDict, files: Files) -> list[JSONDict]:
        """An album: 2 to 10 photos, each checked as sendPhoto checks it, each with its own caption."""
        chat_id = self._chat_id(params)
        media = params.get("media")
        if not isinstance(media, list) or not 2 <= len(media) <= 10:
            raise bad_request("wrong number of media")
        if any(item.get("type") != "photo" for item in media):
            raise bad_request("only photos are modelled in an album")  # what this bot sends
        album = [(self._photo(item, files, "media"), self._caption(item)) for item in media]
        group = f"album{len(self.messages.get(chat_id, []))}"
        return [
            self._new_message(chat_id, photo=p, caption=c, caption_entities=ce, media_group_id=group)
            for p, (c, ce) in album
        ]


def check_photo_dimensions(content: bytes) -> None:
    """sendPhoto's limits: width + height at most 10,000 pixels, a ratio of at most 20 (bytes that are no
    image, which the fake's own tests send, are let through)."""
    from PIL import Image, UnidentifiedImageError

    try:
        width, height = Image.open(io.BytesIO(content)).size
    except UnidentifiedImageError:
        return
    if width + height > 10_000 or max(width, height) > 20 * min(width, height):
        raise bad_request("PHOTO_INVALID_DIMENSIONS")
