"""Files of requests to the federation: attaching one to a draft, to a message being written or to
the federation's reply, sending one to who may read it. A file sent on a screen of requests (the
draft, the question being written, a sent request, the admin's reply or thread) is the request's,
never the dossier's: this handler runs in a group before the journeys and stops there in those cases.
"""

from __future__ import annotations

import logging

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.constants import ChatAction
from telegram.error import BadRequest
from telegram.ext import ApplicationHandlerStop, MessageHandler, filters

from conversations.federation.request_notices import send_attachment
from conversations.federation.request_threads import (
    album_refusal,
    album_started,
    already_sent,
    next_of_album,
)
from conversations.render.formatting import clean_file_name, format_size
from conversations.render.html import bold, e
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import ACCEPTED_FILES, FILE_REFUSALS, TO_FEDERATION, hand_back, nav_row, refusal
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard, reply
from conversations.ui.other_messages import ANIMATED, sent_name
from conversations.ui.pastes import judge
from conversations.ui.router import Step, button, on_button, open_position, screen
from locales import N_
from models.chat_state import Position, load_position
from models.dossier.attachments import distinct_name
from models.dossier.files import MAX_FILE_SIZE, FileRefused, detect_type
from models.dossier.reads import DossierError, NotAllowed
from models.federation.drafts import attach_draft_file
from models.federation.requests import draft_of, messages_of, sent_thread, thread_of_coop
from models.parsing.text import typed_text
from models.tables import RequestStatus

log = logging.getLogger(__name__)
GROUP = -1  # after the middleware, before the journeys (whose upload handler takes any file)
ACCEPTED = ACCEPTED_FILES  # the dossier's words


@screen(states.REQUEST_FILE)
async def file_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Waiting for the file of a draft."""
    _ = context._
    text = (
        "📎 "
        + bold(_("Send the file here."))
        + "\n"
        + e(_("Accepted: {formats}.").format(formats=_(ACCEPTED)))
    )
    thread = await draft_of(session, int(data["id"]), context.coop_id, context.visitor.user.id)
    attached = (await messages_of(session, thread.id))[0].file_name
    if attached:  # one file per message: say which one goes
        text += "\n" + e(_("It replaces {name}, attached now.").format(name=attached))
    return Screen(text, keyboard(nav_row(context, cb.REQUEST.pack(int(data["id"])))))


async def ask_file(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """📎 Add a file (to a draft; once sent, the request, said sent)."""
    if sent := await already_sent(context, session, args[0]):
        return sent
    thread = await draft_of(session, args[0], context.coop_id, context.visitor.user.id)
    return Step(Position(states.REQUEST_FILE, {"id": thread.id}))


def caption_of(update: Update) -> str:
    """A file's caption as typed (``typed_text``): a formatted link keeps its address, in the request's
    message as in a caption given back."""
    message = update.effective_message
    return typed_text(message.caption, message.caption_entities)


async def not_taken(update: Update, context: QualiContext, why: str, mark: str = "⚠️") -> None:
    """Say why a file was not taken; its caption, a message typed to the federation that becomes
    none, given back whole."""
    caption = caption_of(update)
    if caption.strip():
        await hand_back(update, context, why, caption)
    else:
        await reply(update, f"{mark} {e(why)}")


async def download(update: Update, context: QualiContext) -> tuple[str, str, bytes, str] | None:
    """The file checked and stored: (name, type, content, sha256); None once the sender was told why."""
    message = update.effective_message
    incoming = message.document or message.photo[-1]
    name = sent_name(context, message)  # as the dossier names a file
    try:
        if (incoming.file_size or 0) > MAX_FILE_SIZE:
            raise FileRefused("too_big")
        await update.effective_chat.send_action(ChatAction.UPLOAD_DOCUMENT)
        content = bytes(await (await incoming.get_file()).download_as_bytearray())
        kind = detect_type(content, name)
        sha256 = await context.bot_data.file_store.save(content)
    except FileRefused as refused:  # in the dossier's words: an unsupported type by its finer reason
        why = FILE_REFUSALS[refused.params.get("why", refused.code)]
        await not_taken(update, context, context._(why).format(**refused.params))
        return None
    except BadRequest as error:  # Telegram's own « file is too big »
        log.info("request file refused for %s: %s", context.visitor.user.id, error)
        await not_taken(update, context, context._(FILE_REFUSALS["too_big"]))
        return None
    # named as the dossier names its files: the extension of its content (« tableau.pdf » holding a photo
    # would not open), no folders, no control or direction marks, short
    return clean_file_name(name, kind.extension), kind.mime_type, content, sha256


# the screens of requests to the federation: a file sent on one of them is the request's, never the dossier's
DRAFT_SCREENS = frozenset({states.REQUEST_FILE, states.REQUEST_DRAFT})  # it joins the draft
WRITING_SCREENS = frozenset({states.REQUEST_MESSAGE, states.REQUEST_FOLLOW_UP, states.REQUEST})
# no request to join yet: held for a new one, at its subject (as a closed dossier's file is)
NEW_REQUEST = frozenset({states.REQUESTS, states.REQUEST_SUBJECT})
# asked again if refused
ASKING = frozenset({states.REQUEST_FILE, states.REQUEST_MESSAGE, states.REQUEST_FOLLOW_UP})
CAPTION_AT_SUBJECT = N_("Your caption is not your message yet: choose the subject, then send it again.")


async def receive_file(update: Update, context: QualiContext) -> None:
    """A file on a screen of requests to the federation joins the request (the draft, the message
    being written, a follow-up of a sent one, the admin's reply); anything else goes on to the dossier."""
    if context.visitor is None or ANIMATED.check_update(update):  # a GIF: a video, said so by the dossier's
        return
    position = context.where.position if context.where is not None else None
    if position is None:
        async with context.db.transaction() as session:
            position = await load_position(session, context.visitor.user.id)
    if position.screen in (states.INBOX_REPLY, states.INBOX_THREAD):
        await take_reply_file(update, context, position)
        raise ApplicationHandlerStop
    claimed = DRAFT_SCREENS | WRITING_SCREENS | NEW_REQUEST
    if context.visitor.coop is None or position.screen not in claimed:
        return
    if (album := next_of_album(update.effective_message, position.data)) is not None:
        await album_not_added(update, context, position, album)
        raise ApplicationHandlerStop
    received = await download(update, context)
    try:
        if received is None and position.screen in ASKING:  # the question again, as after a typed answer
            await open_position(update, context, position)
        elif received is not None and position.screen in DRAFT_SCREENS:
            await attach_to_draft(update, context, position, received)
        elif received is not None:
            await hold_for_message(update, context, position, received)
    except DossierError as refused:  # dropped meanwhile (from another screen), the coop left
        await not_taken(update, context, refusal(context, refused.code))
    raise ApplicationHandlerStop


async def attach_to_draft(update: Update, context: QualiContext, position: Position, received: tuple) -> None:
    """The file of a draft (one per message: a new one replaces it, and the notice says so); a caption
    is given back, the draft's message being written with « ✏️ Rewrite ». A draft sent meanwhile (from
    another screen or device) takes no file any more: the request is shown, said sent."""
    name, mime_type, content, sha256 = received
    async with context.db.transaction() as session:
        thread = await thread_of_coop(session, int(position.data["id"]), context.coop_id)
        if thread.status == RequestStatus.DRAFT:  # its author's only; once sent, said sent below
            await draft_of(session, thread.id, context.coop_id, context.visitor.user.id)
        replaced = (await messages_of(session, thread.id))[0].file_name
        file = {"file_name": name, "mime_type": mime_type, "size": len(content), "sha256": sha256}
        attached = await attach_draft_file(session, thread, context.now(), **file)
    if not attached:  # sent meanwhile: neither the file nor its caption is taken; the request is shown
        why = context._(
            "This request was already sent to the federation: here it is. Your file was not added to it: "
            "to send it with a new message, send it again here."
        )
        await not_taken(update, context, why, "📤")
        await open_position(update, context, Position(states.REQUEST, {"id": thread.id}))
        return
    added = context._("File added: {name} ({size}).")
    notice = "✅ " + e(added.format(name=name, size=format_size(context.t, len(content))))
    if replaced:
        notice += " " + e(context._("It replaces {name}.").format(name=replaced))
    caption = caption_of(update)
    if caption.strip():
        why = context._("Your caption was not added to the message: to change it, press “✏️ Rewrite”.")
        await hand_back(update, context, why, caption)
    drafted = album_started(update.effective_message, {"id": thread.id}, name)
    await open_position(update, context, Position(states.REQUEST_DRAFT, drafted), notice)


async def album_not_added(update: Update, context: QualiContext, position: Position, album: dict) -> None:
    """A next file of an album whose first went with the message (or the reply): said not added, by its
    name, with the way to send it (a message of its own), never replacing the first; the screen again."""
    why = album_refusal(context, update.effective_message, position.screen, album)
    await not_taken(update, context, why, "📎")
    await open_position(
        update, context, Position(position.screen, {**position.data, states.ALBUM_KEY: album})
    )


async def hold_for_message(
    update: Update, context: QualiContext, position: Position, received: tuple
) -> None:
    """A file while the coop writes (a new request, a follow-up) or reads a sent request: it goes
    with the message, as an admin's file goes with the reply; its caption is the message. On the list
    or a new request's subject: held at the subject, as a closed dossier's file is."""
    if position.screen in NEW_REQUEST:
        kept = position.data.get(states.FILE_KEY) if position.screen == states.REQUEST_SUBJECT else None
        subject = Position(states.REQUEST_SUBJECT, {states.FILE_KEY: kept} if kept else {})
        await hold(update, context, subject, received, context._(TO_FEDERATION))
        return
    if position.screen == states.REQUEST:  # a sent request: the file starts a follow-up
        async with context.db.transaction() as session:
            thread = await thread_of_coop(session, int(position.data["id"]), context.coop_id)
        kept = {key: value for key, value in position.data.items() if key == states.FILE_KEY}
        # « It replaces » the one kept
        position = Position(states.REQUEST_FOLLOW_UP, {"id": thread.id, **kept})
    ready = context._("File ready: {name} ({size}). Now type your message: the file goes with it.")
    await hold(update, context, position, received, ready)


async def hold(
    update: Update, context: QualiContext, position: Position, received: tuple, ready: str
) -> None:
    """The file kept with the question (``states.FILE_KEY``) until the text comes: the caption at once,
    or the next message typed."""
    name, mime_type, content, sha256 = received
    name = await named_apart(context, position, name)
    file = {"name": name, "type": mime_type, "size": len(content), "sha256": sha256}
    data = album_started(update.effective_message, {**position.data, states.FILE_KEY: file}, name)
    held = Position(position.screen, data)
    caption = caption_of(update)
    if caption.strip() and position.screen == states.REQUEST_SUBJECT:  # no question yet: given back
        await hand_back(update, context, context._(CAPTION_AT_SUBJECT), caption)
    elif caption.strip():
        await judge(update, context, held, caption)
        return
    notice = "📎 " + e(ready.format(name=name, size=format_size(context.t, len(content))))
    replaced = position.data.get(states.FILE_KEY)
    if replaced:
        notice += " " + e(context._("It replaces {name}.").format(name=replaced["name"]))
    await open_position(update, context, held, notice)


async def named_apart(context: QualiContext, position: Position, name: str) -> str:
    """The name of a file joining a sent thread, numbered as the dossier's when one of the thread's files
    has it (« photo-20261123-103000-2.jpg »: photos of the same second), its button read apart."""
    if position.screen not in (states.INBOX_REPLY, states.REQUEST_FOLLOW_UP):
        return name
    async with context.db.transaction() as session:
        taken = {message.file_name for message in await messages_of(session, int(position.data["id"]))}
    return distinct_name(name, name, taken)[0]


# a file waiting with the reply, when a command leaves the question (``ui.menus.give_back_held``)
states.FILE_AGAIN[states.INBOX_REPLY] = N_(
    "To send it, open the request again from /requests, press “✍️ Reply” and send the file again."
)


async def take_reply_file(update: Update, context: QualiContext, position: Position) -> None:
    """A file sent while replying to a coop (a model, a guide), or reading its request: it goes with
    the reply, to whoever gets it, as a coop's file goes with its request. Its caption is the reply;
    without one, the file waits with the question for the reply to be typed."""
    if not context.visitor.is_admin:  # removed meanwhile: refused as a typed reply would be
        await not_taken(update, context, refusal(context, NotAllowed.code))
        return
    if (album := next_of_album(update.effective_message, position.data)) is not None:  # its first taken
        await album_not_added(update, context, position, album)
        return
    if position.screen == states.INBOX_THREAD:  # as « ✍️ Reply » would: the thread as read now
        async with context.db.transaction() as session:
            thread, _coop = await sent_thread(session, int(position.data["id"]))
            seen = (await messages_of(session, thread.id))[-1].id
        position = Position(states.INBOX_REPLY, {"id": thread.id, "seen": seen})
    received = await download(update, context)
    if received is not None:
        ready = context._("File ready: {name} ({size}). Now type your reply: the file goes with it.")
        await hold(update, context, position, received, ready)


def file_handlers() -> list:
    """For the group before the journeys."""
    return [MessageHandler(filters.Document.ALL | filters.PHOTO, receive_file)]


def handlers() -> list:
    """The file buttons."""
    return [button(cb.REQUEST_FILE, ask_file), on_button(cb.REQUEST_ATTACHMENT, send_attachment)]
