"""Showing screens: one message with its keyboard, edited in place when a button was pressed.

Every message is HTML (``Defaults(parse_mode=HTML)`` on the Application); what a user typed is
escaped by the renderers, or sent back as plain text with ``send_plain``.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Bot, Chat, InlineKeyboardButton, InlineKeyboardMarkup, Update, WebAppInfo
from telegram.constants import ChatType, MessageLimit
from telegram.error import BadRequest

MESSAGE_LIMIT = MessageLimit.MAX_TEXT_LENGTH  # 4096
# (label, callback data), or (label, WebAppInfo) for a button that opens the Mini App
Button = tuple[str, str | WebAppInfo]


@dataclass(frozen=True)
class Screen:
    text: str  # HTML; everything a user typed must already be escaped
    keyboard: InlineKeyboardMarkup | None = None


def keyboard(*rows: list[Button]) -> InlineKeyboardMarkup:
    """Build an inline keyboard from rows of (label, callback data); empty rows are left out."""
    return InlineKeyboardMarkup([[inline_button(label, data) for label, data in row] for row in rows if row])


def inline_button(label: str, data: str | WebAppInfo) -> InlineKeyboardButton:
    """A button that sends its callback data, or opens the Mini App."""
    if isinstance(data, WebAppInfo):
        return InlineKeyboardButton(label, web_app=data)
    return InlineKeyboardButton(label, callback_data=data)


@dataclass(frozen=True)
class PrivateChat:
    """Where to answer when no update is at hand (a job judging a pasted text, the Mini App closing).

    It stands for the update in ``reply``, ``send_plain`` and ``open_position``: a private chat's id
    is its user's id.
    """

    effective_chat: Chat
    callback_query: None = None

    @classmethod
    def of(cls, bot: Bot, user_id: int) -> PrivateChat:
        """The private chat with one user."""
        chat = Chat(id=user_id, type=ChatType.PRIVATE)
        chat.set_bot(bot)
        return cls(chat)


def in_rows(buttons: list[Button], per_row: int = 2) -> list[list[Button]]:
    """Buttons laid out a few per row, as a phone shows them comfortably."""
    return [buttons[i : i + per_row] for i in range(0, len(buttons), per_row)]


def split_text(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Cut a long text into messages at paragraph, then line, then word boundaries."""
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    current = ""
    for separator in ("\n\n", "\n", " "):
        if separator in text:
            break
    for piece in text.split(separator):
        candidate = piece if not current else current + separator + piece
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            parts.append(current)
        if len(piece) > limit:
            # a single paragraph too long: split it further on a finer boundary
            pieces = split_text(piece, limit) if separator != " " else cut_word(piece, limit)
            parts.extend(pieces[:-1])
            current = pieces[-1]
        else:
            current = piece
    if current:
        parts.append(current)
    return parts


def cut_word(word: str, limit: int) -> list[str]:
    """Cut a word longer than a message, never inside an HTML entity (&amp;) or tag."""
    parts = []
    while len(word) > limit:
        cut = limit
        opening = max(word.rfind("&", 0, cut), word.rfind("<", 0, cut))
        if opening != -1 and opening > cut - 12 and not any(c in word[opening:cut] for c in ";>"):
            cut = opening or limit
        parts.append(word[:cut])
        word = word[cut:]
    return [*parts, word]


async def show(update: Update, screen: Screen) -> None:
    """Edit the pressed message in place, or send the screen as new message(s) after typing."""
    query = update.callback_query
    chunks = split_text(screen.text)
    if query is not None and query.message is not None and len(chunks) == 1:
        try:
            await query.edit_message_text(chunks[0], reply_markup=screen.keyboard)
        except BadRequest as error:
            # pressing the same button twice redraws an identical screen: nothing to do
            if "not modified" not in str(error):
                raise
        return
    chat = update.effective_chat
    for index, chunk in enumerate(chunks):
        last = index == len(chunks) - 1
        await chat.send_message(chunk, reply_markup=screen.keyboard if last else None)


async def reply(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Send a new HTML message to the chat of the update."""
    for index, chunk in enumerate(chunks := split_text(text)):
        await update.effective_chat.send_message(
            chunk, reply_markup=markup if index == len(chunks) - 1 else None
        )


async def send_plain(update: Update, text: str) -> None:
    """Send a user's own text back whole, as plain text, over as many messages as it needs."""
    for chunk in split_text(text):
        await update.effective_chat.send_message(chunk, parse_mode=None)
