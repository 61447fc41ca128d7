"""A file sent to the chat: checked, downloaded, stored, recorded in the dossier, then labelled.

On the upload screen the file is of the kind chosen there (the commitment letter or a supporting
document); anywhere else but a question it is a supporting document. Files are refused before
downloading when the size or the sender's role rules them out, after when the content is not a
document a committee can open.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import PurePath

from telegram import Message, Update
from telegram.constants import ChatAction
from telegram.error import BadRequest
from telegram.ext import MessageHandler, filters

from conversations.dossier.editor.entities import ATTACHMENT
from conversations.dossier.editor.positions import ask
from conversations.render.formatting import clean_file_name
from conversations.render.html import e
from conversations.render.report import format_size
from conversations.ui import states
from conversations.ui.common import REFUSALS, not_understood
from conversations.ui.context import QualiContext
from conversations.ui.messages import reply
from conversations.ui.router import TEXT_SCREENS, member_dossier, on_other, open_position
from locales import N_
from models.chat_state import Position, load_position
from models.clock import paris_time
from models.dossier.attachments import add_attachment
from models.dossier.files import MAX_FILE_SIZE, FileRefused, detect_type
from models.dossier.reads import DossierError, dossier_of_member
from models.tables import Attachment, AttachmentKind

log = logging.getLogger(__name__)

FILE_REFUSALS = {
    "unsupported_type": N_(
        "This kind of file is not accepted. Send a PDF, an image, a Word, Excel or OpenDocument file."
    ),
    "too_big": N_(
        "This file is larger than 20 MB, the most a Telegram bot can download. "
        "Send a lighter version (a PDF export, a compressed scan)."
    ),
    "letter_direction_only": N_(
        "Only a member of the direction can provide the commitment letter. It was not added."
    ),
    "locked": REFUSALS["locked"],
    "not_retained": REFUSALS["not_retained"],
}


@dataclass(frozen=True)
class Received:
    """A file downloaded, checked and stored, ready to be recorded in the dossier."""

    kind: AttachmentKind
    telegram_file_id: str
    file_name: str
    label: str
    mime_type: str
    content: bytes
    sha256: str


async def receive_file(update: Update, context: QualiContext) -> None:
    """A document or photo: check, download, store, record, then ask for its label."""
    if context.visitor is None or context.visitor.coop is None:
        await not_understood(update, context)
        return
    async with context.db.transaction() as session:
        position = await load_position(session, context.visitor.user.id)
    if position.screen in states.QUESTIONS or position.screen in TEXT_SCREENS:  # a written answer is expected
        await on_other(update, context)
        return
    kind = (
        AttachmentKind(position.data["kind"])
        if position.screen == states.UPLOAD
        else AttachmentKind.SUPPORTING
    )
    received = await download(update, context, kind)
    attachment = await record(update, context, received) if received is not None else None
    if attachment is None:
        return
    notice = "✅ " + e(
        context._("Document saved: {name} ({size}).").format(
            name=received.file_name, size=format_size(context.t, len(received.content))
        )
    )
    position = (
        ask(ATTACHMENT, attachment, ATTACHMENT.field("label"), False)
        if not update.effective_message.caption
        else Position(states.DOCUMENTS)
    )
    await open_position(update, context, position, notice)


def incoming_file(message: Message, context: QualiContext):
    """The file of a message (a document, or the largest size of a photo) and its name.

    A photo has no name: it is named after the moment it came (Paris time, as the coop lives it),
    and ``clean_file_name`` gives it the extension of what it really is.
    """
    if message.document is not None:
        return message.document, message.document.file_name or "document"
    return message.photo[-1], f"photo-{paris_time(context.now()):%Y%m%d-%H%M%S}"


async def download(update: Update, context: QualiContext, kind: AttachmentKind) -> Received | None:
    """Check the file before and after downloading it, and store it; None once the user was told why."""
    message = update.effective_message
    incoming, file_name = incoming_file(message, context)
    if kind == AttachmentKind.COMMITMENT_LETTER and not context.visitor.is_direction:
        await refuse(update, context, "letter_direction_only")
        return None
    if (incoming.file_size or 0) > MAX_FILE_SIZE:
        await refuse(update, context, "too_big")
        return None
    await update.effective_chat.send_action(ChatAction.UPLOAD_DOCUMENT)
    try:
        content = bytes(await (await incoming.get_file()).download_as_bytearray())
        file_type = detect_type(content, file_name)
        sha256 = await context.bot_data.file_store.save(content)
    except FileRefused as refusal:
        await refuse(update, context, refusal.code)
        return None
    except BadRequest as error:  # Telegram's own "file is too big"
        log.info("download refused for %s: %s", context.visitor.user.id, error)
        await refuse(update, context, "too_big")
        return None
    file_name = clean_file_name(file_name, file_type.extension)  # as it will be zipped and printed
    label = (message.caption or PurePath(file_name).stem).strip()[:200] or file_name
    return Received(kind, incoming.file_id, file_name, label, file_type.mime_type, content, sha256)


async def record(update: Update, context: QualiContext, received: Received) -> Attachment | None:
    """The stored file added to the coop's dossier; None when the dossier refused it (said why)."""
    try:
        async with context.db.transaction() as session:
            dossier = await dossier_of_member(
                session, (await member_dossier(context, session)).id, context.coop_id
            )
            return await add_attachment(
                session,
                dossier,
                received.kind,
                label=received.label,
                file_name=received.file_name,
                mime_type=received.mime_type,
                size=len(received.content),
                sha256=received.sha256,
                telegram_file_id=received.telegram_file_id,
                actor_id=context.visitor.user.id,
                by_direction=context.visitor.is_direction,
                now=context.now(),
            )
    except DossierError as refusal:
        locked = refusal.code in ("locked", "not_retained")
        await refuse(update, context, refusal.code if locked else "letter_direction_only")
        return None


async def refuse(update: Update, context: QualiContext, code: str) -> None:
    """Say why a file was not added, with the way forward."""
    refusal = FILE_REFUSALS[code]
    await reply(update, "⚠️ " + e(context._(refusal)))


def handlers() -> list:
    """Incoming files (registered before the answer handlers, which would refuse them)."""
    return [MessageHandler(filters.Document.ALL | filters.PHOTO, receive_file)]
