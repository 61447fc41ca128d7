"""Showing screens: one message with its keyboard, edited in place when a button was pressed.

Every message is HTML (``Defaults(parse_mode=HTML)`` on the Application); what a user typed is
escaped by the renderers, or sent back as plain text with ``send_plain``.
"""

from __future__ import annotations

import asyncio
import logging
import unicodedata
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass

from telegram import (
    Bot,
    CallbackQuery,
    Chat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
    WebAppInfo,
)
from telegram.constants import ChatType
from telegram.error import BadRequest, NetworkError, RetryAfter

# split_text lives with the HTML it cuts (the recap's renderer cuts with it too); MESSAGE_LIMIT and
# units stay importable from here: the screens count with them
from conversations.render.html import MESSAGE_LIMIT as MESSAGE_LIMIT
from conversations.render.html import split_text
from conversations.render.html import units as units

log = logging.getLogger(__name__)

# a button's label when two or three share a row: what a phone shows whole (emoji count as one)
BUTTON_WIDTH = 20
_JOINER = "\u200d"  # zero width joiner: « 👩 » + it + « 💼 » draw one glyph
_INVISIBLE = "\ufe0f" + _JOINER  # the emoji variation selector and joiner take no room
# (label, callback data), or (label, WebAppInfo) for a button that opens the Mini App
Button = tuple[str, str | WebAppInfo]


@dataclass(frozen=True)
class Screen:
    text: str  # HTML; everything a user typed must already be escaped
    keyboard: InlineKeyboardMarkup | None = None
    # a user's own text sent whole after the screen, plain, wherever it is drawn (a long current value
    # the question shows cut, to copy and correct): the screen's promise is kept on every path
    whole: str | tuple[str, ...] = ""

    @property
    def followed(self) -> bool:
        """Whether messages of the screen's own follow its message: a whole text, sent after it."""
        return any(text.strip() for text in (self.whole if isinstance(self.whole, tuple) else (self.whole,)))


def keyboard(*rows: list[Button]) -> InlineKeyboardMarkup:
    """Build an inline keyboard from rows of (label, callback data); empty rows are left out."""
    return InlineKeyboardMarkup([[inline_button(label, data) for label, data in row] for row in rows if row])


def with_notice(screen_: Screen, notice: str, buttons: list[Button] | None = None) -> Screen:
    """Put a notice line above a screen, and its buttons first on the keyboard."""
    markup = screen_.keyboard
    if buttons:
        rows = markup.inline_keyboard if markup is not None else ()
        markup = keyboard(buttons, *[[(b.text, b.web_app or b.callback_data) for b in row] for row in rows])
    return Screen(f"{notice}\n\n{screen_.text}" if notice else screen_.text, markup, screen_.whole)


def inline_button(label: str, data: str | WebAppInfo) -> InlineKeyboardButton:
    """A button that sends its callback data, or opens the Mini App."""
    if isinstance(data, WebAppInfo):
        return InlineKeyboardButton(label, web_app=data)
    button = _BUTTONS.get((label, data))
    if button is None:
        if len(_BUTTONS) >= _BUTTONS_KEPT:
            _BUTTONS.clear()
        button = _BUTTONS[(label, data)] = InlineKeyboardButton(label, callback_data=data)
    return button


# PTB's buttons are frozen once built: the same label and data make the same button on every screen
# (back, home, the axes, each engagement's toggle), so one is built once, not at each update
_BUTTONS: dict[tuple[str, str], InlineKeyboardButton] = {}
_BUTTONS_KEPT = 4_096  # ~0.8 kB each: 3 MB at most, forgotten all at once when full


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


def label_width(label: str) -> int:
    """How many characters a label takes on a button (« ⬅️ Retour » is 8)."""
    return sum(1 for char in label if char not in _INVISIBLE)


def fitted(prefix: str, text: str, width: int = BUTTON_WIDTH) -> str:
    """« 📄 2 · Bilan annuel… »: a prefix and as much of a text as a button of that width shows, cut
    between glyphs (never inside « 👩‍💼 », a flag, a letter and its accent)."""
    room = width - label_width(prefix)
    text = " ".join(text.split())
    if label_width(text) <= room:
        return prefix + text
    kept = ""
    for glyph in glyphs(text):
        if label_width(kept + glyph) > room - 1:  # room for « … »
            break
        kept += glyph
    return prefix + kept.rstrip() + "…"


def glyphs(text: str) -> list[str]:
    """A text's glyphs as a phone draws them, near enough Unicode's grapheme clusters for a label: a
    joiner (U+200D) binds the characters either side of it (« 👩‍💼 »), a variation selector, a skin
    tone, a keycap, an emoji tag or an accent belongs to the character before it, and regional
    indicators go two by two (a flag)."""
    found: list[str] = []
    for char in text:
        point = ord(char)
        joins = bool(found) and (
            found[-1].endswith(_JOINER)
            or char == _JOINER
            or 0xFE00 <= point <= 0xFE0F
            or 0x1F3FB <= point <= 0x1F3FF
            or 0xE0020 <= point <= 0xE007F
            or unicodedata.category(char) in ("Mn", "Me", "Mc")
            or (_regional(char) and len(found[-1]) == 1 and _regional(found[-1]))
        )
        if joins:
            found[-1] += char
        else:
            found.append(char)
    return found


def _regional(char: str) -> bool:
    """Whether a character is a regional indicator, one of a flag's two letters."""
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def in_rows(buttons: list[Button], per_row: int = 2) -> list[list[Button]]:
    """Buttons laid out a few per row, as a phone shows them comfortably."""
    return [buttons[i : i + per_row] for i in range(0, len(buttons), per_row)]


@dataclass(frozen=True)
class Page:
    """One page of a list shown a page at a time: ``number`` from 0, among ``count`` pages of ``size``."""

    number: int
    count: int
    size: int

    def numbered(self, items: Sequence) -> list[tuple[int, object]]:
        """The page's items, numbered across pages (two alike stay two, and so do their buttons)."""
        first = self.number * self.size
        return list(enumerate(items[first : first + self.size], first + 1))

    @classmethod
    def holding(cls, index: int | None, total: int, size: int) -> Page:
        """The page of a list of ``total`` items that holds the one at ``index`` (from 0), so that back
        from an item returns where it was listed; ``None`` (an item no longer listed): the first page."""
        return page_in(total, (index or 0) // size, size)

    @classmethod
    def listed(cls, ids: list[int], data: dict, size: int) -> Page:
        """The page of a list of ids to show: the one holding ``data["holding"]`` (back from that item; the
        first once it is no longer listed), else ``data["page"]``."""
        if "holding" not in data:
            return page_in(len(ids), data.get("page"), size)
        held = int(data["holding"])
        return cls.holding(ids.index(held) if held in ids else None, len(ids), size)


def page_in(total: int, wanted: object, size: int) -> Page:
    """The page asked for among a list's pages (an old button's page past the end: the last one)."""
    count = max(1, -(-total // size))
    return Page(min(max(int(wanted or 0), 0), count - 1), count, size)


async def show(update: Update, screen: Screen) -> Message | None:
    """Edit the pressed message in place, or send the screen as new message(s) after typing.

    Returns the screen's message when it must be saved: the last one sent when the screen could not be
    edited in place (too long, a file's message, one deleted or that Telegram will not edit), or the one
    edited when the screen's own messages follow it (``Screen.followed``: the next screen goes below
    them); None after a plain edit.
    """
    query = update.callback_query
    chunks = split_text(screen.text)
    # a file's message (the PDF, an .ics) has no text to edit: its button's screen comes as a new message
    editable = query is not None and getattr(query.message, "text", None) is not None
    if editable and len(chunks) == 1:
        try:
            await query.edit_message_text(chunks[0], reply_markup=screen.keyboard)
        except BadRequest as error:
            # a message deleted meanwhile, or one Telegram no longer lets edit: the screen comes anew below
            editable = not uneditable(error)
            # pressing the same button twice redraws an identical screen: nothing to do
            if editable and "not modified" not in str(error):
                raise
        if editable:
            await send_plain(update, screen.whole)
            return query.message if screen.followed else None
    sent = await reply(update, screen.text, screen.keyboard)
    await send_plain(update, screen.whole)
    return sent


# Telegram's words for a message it will not edit: the screen is then sent as a new message, saved as one
UNEDITABLE = ("message to edit not found", "message can't be edited", "message_id_invalid")


def uneditable(error: BadRequest) -> bool:
    """Whether Telegram refused an edit because the message can no longer be edited (gone, too old)."""
    return any(words in str(error).lower() for words in UNEDITABLE)


async def reply(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> Message:
    """Send a new HTML message (or several, for a long text) to the chat of the update; the last one."""
    chunks = split_text(text)
    for index, chunk in enumerate(chunks):
        sent = await update.effective_chat.send_message(
            chunk, reply_markup=markup if index == len(chunks) - 1 else None
        )
    return sent


async def send_plain(update: Update, text: str | tuple[str, ...]) -> None:
    """Send a user's own text back whole (or several, one after the other), as plain text, over as
    many messages as it needs."""
    for whole in text if isinstance(text, tuple) else (text,):
        for chunk in split_text(whole, plain=True):  # « <b> » typed is text: no tag to close at a cut
            if chunk.strip():  # Telegram refuses a blank message, and a blank one holds nothing to keep
                await update.effective_chat.send_message(chunk, parse_mode=None)


async def answer_while(query: CallbackQuery, drawing: Awaitable, said: str = "") -> None:
    """A press answered while its screen is drawn: both requests at once, so the screen shows a round trip
    to Telegram sooner. The drawing runs in the update's own task (its first write carries the update's
    mark, ``models.sql.handling``) and its request goes first: the answer's task starts only once the
    drawing waits on Telegram, so the screen takes the connection already open (a second request at
    once opens another, a round trip or two more). The answer only stops the little clock on the
    button, which Telegram's app stops by itself within seconds: a passing failure of it (the network;
    a flood wait, once PTB's limiter has retried it) is logged, the screen drawn all the same; a refusal
    (the request was wrong) is raised. The drawing's failure is raised first: it is what the person
    sees, and what tells a database gone. Nothing is left running. ``said``: the answer's words (a press
    whose screen may not change, as Telegram refuses an identical edit), shown a moment above the chat."""
    answering = asyncio.ensure_future(query.answer(said) if said else query.answer())
    try:
        await drawing
    except asyncio.CancelledError:
        answering.cancel()
        raise
    except Exception:
        await _answered(answering, raising=False)
        raise
    await _answered(answering, raising=True)


async def _answered(answering: asyncio.Future, *, raising: bool) -> None:
    """The press's answer, waited for: a passing failure logged, a refusal raised (or, ``raising`` off
    when another failure is raised, logged)."""
    try:
        await answering
    except Exception as error:
        passing = isinstance(error, NetworkError | RetryAfter) and not isinstance(error, BadRequest)
        if raising and not passing:
            raise
        log.warning("a press was not answered: %s", error)
