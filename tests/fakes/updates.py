"""What users do: texts, button presses, files and photos, queued as the updates the bot will fetch."""

from __future__ import annotations

import time
from typing import Any

from tests.fakes.entities import command_entities
from tests.fakes.protocol import JSONDict, snapshot
from tests.fakes.state import TelegramState


def _callback_datas(markup: JSONDict | None) -> list[str]:
    """All callback_data values of an inline keyboard."""
    rows = (markup or {}).get("inline_keyboard", [])
    return [button["callback_data"] for row in rows for button in row if "callback_data" in button]


class UserActions(TelegramState):
    """The update builders a test calls to act as a user in a private chat with the bot."""

    def user_text(self, user: JSONDict, text: str) -> JSONDict:
        """A user sends a private text message to the bot."""
        message = self._user_message(user, text=text, entities=command_entities(text))
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
            "message": snapshot(stored),  # a snapshot, like the real update
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
        photo = self._files.photo_sizes(content)
        message = self._user_message(user, photo=photo, caption=caption)
        return self._push_update(message["chat"]["id"], {"message": message})

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
