"""What comes where a written answer or a file is wanted and is neither, and what a screen waiting for a file
asks for instead.

A voice note, a video, a sticker, a location… (``on_other``): at a written question, a written answer is
asked for; on a screen waiting for a file, the file; elsewhere (a menu, someone in no coop), the way
forward (« not understood »). A video (a GIF from Telegram's picker too, an .mp4: ``ANIMATED``) or a
sound (a voice note, a music file) is told plainly that it is not accepted, with what is: « send it as a
file » alone led to the .mp4 sent as a file, refused for its type (``files.detect_type``), a dead end.
Its caption is the person's words, given back whole wherever it comes, as a photo's or a document's is,
never taken as an answer: below what is said at a question or on a screen waiting for a file, above the
way forward where that is the answer (``given_back``). On the commitment letter's screen, a letter signed
on paper may come as photos of its pages: sent together (an album), they become one letter
(``dossier.uploads``). A text typed on such a screen is answered in the same words
(``left.not_a_question``). A file that came is named as sent (``sent_name``), by the dossier and
by a request to the federation alike."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import filters

from conversations.render.html import e
from conversations.render.input_errors import ACCEPTED_FILES
from conversations.ui import states
from conversations.ui.common import not_understood
from conversations.ui.context import QualiContext
from conversations.ui.messages import reply, send_plain
from conversations.ui.router import TEXT_SCREENS, open_position
from locales import N_
from models.chat_state import Position
from models.clock import paris_time
from models.parsing.text import typed_text
from models.tables import AttachmentKind

WRITTEN = N_("I need a written answer to this question.")
# what a screen waiting for a file asks for, when something else comes (the letter or another document)
LETTER_AS_FILE = N_("Please send the commitment letter as a file (PDF, image…).")
DOCUMENT_AS_FILE = N_("Please send the document as a file (PDF, image…).")
LETTER_PHOTOS = N_(
    "A letter signed on paper: photograph each page and send the photos together, in one go; "
    "they become one letter."
)
# a video, a voice note, a music file: none is taken, neither as what it is nor as a file
RECORDINGS = N_("Videos and sound recordings are not accepted.")
# a GIF from Telegram's picker: an animation, an .mp4 sent as a document too, a video (a real .gif is a file)
ANIMATED = filters.ANIMATION & ~filters.Document.GIF
ACCEPTED = N_("Accepted: {formats}.")  # the words of the screens waiting for a file
KEPT = N_("Here is what you wrote, so that it is not lost:")  # common.hand_back's words


def sent_name(context: QualiContext, message: Message) -> str:
    """A file's name as sent: a document's own; a photo has none, it is named after the moment it came
    (Paris time, as the coop lives it)."""
    if message.document is not None:
        return message.document.file_name or "document"
    return f"photo-{paris_time(context.now()):%Y%m%d-%H%M%S}"


def incoming_file(message: Message, context: QualiContext):
    """The file of a message (a document, or the largest size of a photo) and its name (``sent_name``:
    ``clean_file_name`` gives a photo's the extension of what it really is)."""
    return message.document or message.photo[-1], sent_name(context, message)


def file_wanted(position: Position) -> str | None:
    """What a screen waiting for a file asks to be sent (untranslated); None on any other screen."""
    if position.screen == states.REQUEST_FILE:  # a file for a request to the federation
        return DOCUMENT_AS_FILE
    if position.screen != states.UPLOAD or isinstance(position.data.get(states.FILE_KEY), dict):
        return None  # a file held there waits for « Replace » or « Keep »: the buttons are the answer
    letter = position.data.get("kind") == AttachmentKind.COMMITMENT_LETTER
    return LETTER_AS_FILE if letter else DOCUMENT_AS_FILE


def file_asked(context: QualiContext, position: Position, recorded: bool = False) -> str | None:
    """What a screen waiting for a file asks for, in the person's language (plain text), None on any other
    screen; ``recorded``: a video or a sound came, said not accepted, with what a document may be. On the
    letter's, that its pages may be photographed."""
    wanted = file_wanted(position)
    if wanted is None:
        return None
    said = [context._(wanted)]
    if recorded:
        said.append(context._(RECORDINGS))
        if wanted == DOCUMENT_AS_FILE:  # the letter's: its photos, just below
            said.append(context._(ACCEPTED).format(formats=context._(ACCEPTED_FILES)))
    if wanted == LETTER_AS_FILE:
        said.append(context._(LETTER_PHOTOS))
    return " ".join(said)


async def said_with(update: Update, context: QualiContext, said: str, text: str) -> None:
    """``said`` (HTML, its mark first) and below it, when there is one, the person's text given back whole
    (``hand_back``'s words; the text plain, in as many messages as it needs)."""
    if not text.strip():  # nothing but spaces: nothing to give back
        await reply(update, said)
        return
    await reply(update, f"{said}\n{e(context._(KEPT))}")
    await send_plain(update, text)


async def given_back(update: Update, context: QualiContext, text: str, first: bool = True) -> None:
    """The person's text given back whole, plain, in messages of its own to copy, after a line saying so (a
    paste's next part: alone, below the first); nothing but spaces: nothing. What is said about it (« not
    understood » with the way forward, ``common.not_understood``) comes below, as a screen does."""
    if text.strip():
        await send_plain(update, (context._(KEPT), text) if first else text)


async def on_other(update: Update, context: QualiContext) -> None:
    """A voice note, a video, a sticker, a location…: at a written question, a written answer is asked for;
    on a screen waiting for a file, the file; elsewhere, the way forward. Its caption given back whole,
    wherever it comes."""
    position = context.where.position if context.visitor is not None else None
    message = update.effective_message
    words = typed_text(message.caption, message.caption_entities)  # as a document's caption is read
    recorded = any((message.video, message.video_note, message.voice, message.audio, message.animation))
    file_screen = position is not None and context.visitor.coop is not None
    asked = file_asked(context, position, recorded) if file_screen else None
    if position is not None and position.screen in TEXT_SCREENS:
        await said_with(update, context, "⚠️ " + e(context._(WRITTEN)), words)
    elif asked is not None:
        await said_with(update, context, "📎 " + e(asked), words)
    else:  # the caption back first, the way forward below it (the way in, with the languages, at the bottom)
        await given_back(update, context, words)
        await not_understood(update, context)
        return
    await open_position(update, context, position)
