"""A file sent to the chat: checked, downloaded, then stored and recorded in the dossier at once, labelled.

Of the kind chosen on the upload screen (the letter or a supporting document), elsewhere a supporting
document (at a written question, not taken; after a command closed the letter's question, said not the
letter: ``letter.closed``). Refused for its size or the sender's role (before downloading), its content
(no document a committee can open), if in the dossier already or past the limit: nothing stored, its caption
given back whole; of several sent at once (an album), each refusal names its file. One for a dossier
submitted or admissible is held for the federation. Someone in no coop has no dossier: told so, the caption
given back. Albums, and the letter's pages joined into one PDF: ``letter.albums``."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import PurePath

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.constants import ChatAction
from telegram.error import BadRequest
from telegram.ext import MessageHandler, filters

from conversations.dossier.editor.entities import ATTACHMENT
from conversations.dossier.editor.positions import ask, expected
from conversations.dossier.editor.removal import with_draft_again
from conversations.dossier.editor.rows import READ_ONLY
from conversations.dossier.letter import albums
from conversations.dossier.letter.albums import caption, next_refused, refused_first, what_it_is
from conversations.dossier.letter.closed import letter_closed, not_the_letter
from conversations.dossier.letter.formats import letter_refusal
from conversations.dossier.letter.news import tell_letter_added
from conversations.render.formatting import clean_file_name, format_size
from conversations.render.html import e
from conversations.ui import common, states
from conversations.ui.common import hand_back, not_understood, recap_kept, refusal, staff_way
from conversations.ui.context import QualiContext
from conversations.ui.messages import send_plain
from conversations.ui.other_messages import ANIMATED, KEPT, incoming_file, on_other
from conversations.ui.router import TEXT_SCREENS, member_dossier, open_position
from locales import N_
from models.chat_state import Position
from models.dossier.attachments import LABEL_MAX, MAX_ATTACHMENTS, add_attachment, fit_label
from models.dossier.files import MAX_FILE_SIZE, NOT_A_LETTER, FileRefused, detect_type, fit_for, sha256_of
from models.dossier.reads import DossierError, DossierLocked, dossier_of_member
from models.parsing.text import visible_text
from models.tables import Attachment, AttachmentKind

log = logging.getLogger(__name__)

LETTER_ONLY = N_("Only a member of the direction can provide the commitment letter. It was not added.")
FILE_REFUSALS = {
    **common.FILE_REFUSALS,  # the content's (its type, its size)
    "letter_direction_only": LETTER_ONLY,
    "not_allowed": LETTER_ONLY,  # the role changed meanwhile
    "limit_reached": N_("At most {limit} supporting documents: remove one to add another."),
    "already_attached": N_("This file is already in the dossier, as “{label}”: it was not added again."),
}  # the dossier's refusals (locked…) in their own words (``refusal``)
# a file at a written question (the label's excepted): at the dossier's own, not added; elsewhere, not taken
NOT_ADDED = (
    N_("I need a written answer to this question."),
    N_("This file was not added to the dossier: answer the question (or send /cancel), then send it again."),
)
NOT_TAKEN = (NOT_ADDED[0], N_("This file was not used: answer the question in writing (or send /cancel)."))
DOSSIER_QUESTIONS = (*states.QUESTIONS, states.UNIT)
NO_FILE_HERE = N_("This file was not used: no file is expected here.")  # federation staff, in no coop


@dataclass(frozen=True)
class Received:
    """A file downloaded and checked, ready to be stored and recorded in the dossier.

    ``shortened``: the label is the beginning of a longer caption or file name; ``caption``: the
    person's own caption, sent back whole when it was shortened."""

    kind: AttachmentKind
    telegram_file_id: str
    file_name: str
    label: str
    mime_type: str
    content: bytes
    sha256: str
    shortened: bool = False
    caption: str = ""
    page: bytes = b""  # a letter's page as sent (a photo, a PDF), kept to join the letter again with the next


async def receive_file(update: Update, context: QualiContext) -> None:
    """A document or photo: check, download, then store and record it at once; then its label.

    A file arriving while the label question is open (the next page of a letter, several files
    sent in a row) is a new document: the one asked about keeps the label it has. At any other
    written question (staff's too) it is not added, said so, its caption given back (never the answer)."""
    if ANIMATED.check_update(update):  # a GIF from Telegram's picker: a video, told as one, never a file
        await on_other(update, context)
        return
    visitor, position = context.visitor, context.where.position  # read with the visitor
    written = position.screen in (*states.QUESTIONS, *TEXT_SCREENS) and not naming(position)
    if written and (visitor.coop is not None or visitor.is_committee or visitor.is_admin):
        await not_at_question(update, context, position)
        return
    if visitor.coop is None:  # not in a coop (federation staff too): no dossier to add a file to
        await no_dossier(update, context)
        return
    kind, label, album = what_it_is(context, position, update.effective_message)  # no letter here
    received = await download(update, context, kind, label)
    attachment, _replaced, draft_again = (
        await record(update, context, received) if received else (None, None, "")
    )
    if attachment is None:
        return
    saved = context._("Document saved: {name} ({size}).")
    notice = "✅ " + e(saved.format(name=attachment.file_name, size=format_size(context.t, attachment.size)))
    if naming(position) and isinstance(kept := expected(position.data), str):
        notice += "\n" + e(context._("The previous document keeps its label “{label}”.").format(label=kept))
    notice += not_the_letter(context, closed := letter_closed(context, position), album)  # not the letter
    notice = "\n".join(filter(None, (notice, draft_again)))  # a dossier marked ready: a draft again
    step = next_step(update, context, received, attachment, album, notice, closed)
    await open_position(update, context, *step)


async def not_at_question(update: Update, context: QualiContext, position: Position) -> None:
    """A file at a written question: not added, said in the screen's own words, its caption given back,
    the question asked again; the next files of its album each said not taken, the question not again."""
    message = update.effective_message
    dossier = position.screen in DOSSIER_QUESTIONS
    if next_refused(message, position):  # said by its place in the album, counted with the question
        either, counted = albums.named_refused(context, message, position, albums.EITHER[dossier])
        await hand_back(update, context, either, caption(message))
        await albums.keep_counted(context, counted)  # below the question: the next screen comes below them
        return
    said = NOT_ADDED if dossier else NOT_TAKEN
    await hand_back(update, context, " ".join(map(context._, said)), caption(message))
    await open_position(update, context, refused_first(context, message, position))


async def no_dossier(update: Update, context: QualiContext) -> None:
    """Someone in no coop has no dossier to add a file to: federation staff told so, with their commands,
    anyone else as any message not understood; the caption given back whole."""
    typed = caption(update.effective_message)
    if context.visitor.is_committee or context.visitor.is_admin:
        await hand_back(update, context, staff_way(context, NO_FILE_HERE), typed)
        return
    await not_understood(update, context)
    if visible_text(typed):
        await send_plain(update, f"{context._(KEPT)}\n{typed}")


def naming(position: Position) -> bool:
    """Whether the position is the question asking a document's label."""
    return position.screen == states.ASK and position.data.get("e") == ATTACHMENT.name


def next_step(update: Update, context: QualiContext, received, attachment, album, notice, closed=None):
    """Where a saved file leads, with the notice: an album's next photo, its label, the documents."""
    if received.shortened:
        shortened = context._("The label was shortened to {limit} characters.").format(limit=LABEL_MAX)
        notice += "\n✂️ " + e(shortened)
        if received.caption:  # sent back just before
            notice += " " + e(context._("Your whole caption is just above."))
    if album is not None:  # more photos may follow: wait for them (a label is renamed from its screen)
        return recap_kept(context, Position(states.UPLOAD, album)), notice
    if received.shortened and not closed:
        notice += " " + e(context._("Type a shorter one, or keep it."))
    elif closed or visible_text(caption(update.effective_message)):  # labelled; not the letter: its button
        return recap_kept(context, Position(states.DOCUMENTS)), notice
    return recap_kept(context, ask(ATTACHMENT, attachment, ATTACHMENT.field("label"), False)), notice


async def download(
    update: Update, context: QualiContext, kind: AttachmentKind, label: str | None = None
) -> Received | None:
    """Check the file before and after downloading it; None once the user was told why."""
    message = update.effective_message
    incoming, file_name = incoming_file(message, context)
    try:  # the sender's role and the size Telegram gives said before downloading, then its content
        if kind == AttachmentKind.COMMITMENT_LETTER and not context.visitor.is_direction:
            raise FileRefused("letter_direction_only")
        if (incoming.file_size or 0) > MAX_FILE_SIZE:
            raise FileRefused("too_big")
        await update.effective_chat.send_action(ChatAction.UPLOAD_DOCUMENT)
        content = bytes(await (await incoming.get_file()).download_as_bytearray())
        if len(content) > MAX_FILE_SIZE:
            raise FileRefused("too_big")
        file_type = fit_for(detect_type(content, file_name), kind)  # a presentation is no letter
    except FileRefused as refusal:  # an unsupported type said by its finer reason (an image, macros…)
        await refuse(update, context, refusal.params.get("why", refusal.code), **refusal.params)
        return None
    except BadRequest as error:  # Telegram's own "file is too big"
        log.info("download refused for %s: %s", context.visitor.user.id, error)
        await refuse(update, context, "too_big")
        return None
    typed = visible_text(caption(message))
    # the label: the album's, the caption, or the whole name (made safe), within LABEL_MAX
    whole = label or typed or PurePath(clean_file_name(file_name, file_type.extension, 10_000)).stem
    fitted = fit_label(whole)
    file_name = clean_file_name(file_name, file_type.extension)  # as it will be zipped and printed
    return Received(
        kind, incoming.file_id, file_name, fitted, file_type.mime_type, content, sha256_of(content),
        shortened=fitted != " ".join(whole.split()), caption=typed,
    )  # fmt: skip


Within = Callable[[AsyncSession, Attachment | None], Awaitable[None]]  # more of ``record``'s transaction


class PageMoved(Exception):
    """The letter a page of an album was joined to is no longer the dossier's, as it is about to be replaced
    (another page of the album came first, handled at the same moment by another instance): nothing kept.
    ``sha256``, ``own``: the letter there now (None: none), whether it is the sender's."""

    def __init__(self, letter, actor_id: int) -> None:
        super().__init__("the letter the page was joined to is no longer the dossier's")
        self.sha256 = letter.sha256 if letter is not None else None  # read before the rollback
        self.own = letter is not None and letter.uploaded_by == actor_id


async def record(
    update: Update,
    context: QualiContext,
    received: Received,
    seen: str | None = None,
    after: str | None = None,
    within: Within | None = None,
):
    """The file stored and added to the dossier at once, with the letter it replaced under the lock (or None)
    and the line saying a dossier marked ready is a draft again (``with_draft_again``, else ""); (None, None,
    "") when refused (said why): nothing kept. A letter replaces only ``seen`` or the sender's; a page of an
    album only the letter it was joined to (``after``, its SHA-256), else PageMoved. ``within``: more of the
    same transaction, under the dossier's lock (an album's position, ``letter.recording``)."""
    status = None
    try:
        async with context.db.transaction() as session:
            status = (current := await member_dossier(context, session)).status
            dossier = await dossier_of_member(session, current.id, context.coop_id)
            attachment, replaced = await add_attachment(
                session, dossier, received.kind, label=received.label, file_name=received.file_name,
                mime_type=received.mime_type, size=len(received.content), sha256=received.sha256,
                telegram_file_id=received.telegram_file_id, actor_id=context.visitor.user.id,
                by_direction=context.visitor.is_direction, seen=seen, now=context.now(),
            )  # fmt: skip
            if after is not None and (replaced is None or replaced.sha256 != after):  # under the lock
                raise PageMoved(replaced, context.visitor.user.id)
            if within is not None:
                await within(session, replaced)
            await context.bot_data.file_store.keep(session, received.content)
            if received.page:  # a letter's page photo: the next page rebuilds the letter with it
                await context.bot_data.file_store.keep(session, received.page)
            if received.kind == AttachmentKind.COMMITMENT_LETTER and replaced is None:  # the first letter
                await tell_letter_added(context, session, dossier)
            draft_again = with_draft_again(context.t, session, "")  # this transaction's touch_dossier's
        context.work_committed()  # a failure from here on says the file saved (bot.errors), as router.commit
    except DossierError as refusal:  # in the dossier already (AlreadyAttached: its label), the limit…
        if refusal.code == DossierLocked.code:  # submitted, admissible…: the federation takes the file
            await to_federation(update, context, received, status)
        else:
            await refuse(
                update, context, refusal.code, label=getattr(refusal, "label", ""), limit=MAX_ATTACHMENTS
            )
        return None, None, ""
    if received.shortened and received.caption:  # the caption is the person's text: given back whole
        await send_plain(update, received.caption)
    return attachment, replaced, draft_again


async def refuse(update: Update, context: QualiContext, code: str, **params: object) -> None:
    """Say why a file was not added, with the way forward; its caption given back whole (``hand_back``); on
    the question asking for a file (or a label), that question again, as after a refused typed answer."""
    asked = context.where.position  # on the letter's question, its words (the formats it names)
    words = letter_refusal(asked, code) or FILE_REFUSALS.get(code)  # else the dossier's (locked, the member…)
    text = context._(words).format(**params) if words else refusal(context, code)
    if (message := update.effective_message).media_group_id is not None:  # of an album: named, counted
        named, asked = albums.named_refused(context, message, asked, albums.NOT_ADDED)
        text = named + "\n" + text
    await hand_back(update, context, text, caption(message))
    if code in (*common.FILE_REFUSALS, NOT_A_LETTER) and (asked.screen == states.UPLOAD or naming(asked)):
        await open_position(update, context, asked)  # refused for what it is: another may be sent at once
    elif asked != context.where.position:
        await albums.keep_counted(context, asked)


async def to_federation(update: Update, context: QualiContext, received: Received, status) -> None:
    """A file for a dossier no longer the coop's to change: said why, held for a new request to the federation
    (``states.FILE_KEY``; its album's next photos said not added there), its caption given back whole."""
    code = READ_ONLY.get(status, "closed")  # as the dossier's screens say it
    file = {"name": received.file_name, "type": received.mime_type, "size": len(received.content),
            "sha256": await context.bot_data.file_store.save(received.content)}  # fmt: skip
    kept = context._(KEPT)
    await send_plain(update, f"{kept}\n{received.caption}" if received.caption else "")
    notice = e(refusal(context, code)) + "\n📎 " + e(context._(common.TO_FEDERATION))
    group, name = update.effective_message.media_group_id, received.file_name
    held = {states.FILE_KEY: file, states.ALBUM_KEY: {"id": group, "name": name, "n": 1}}
    await open_position(update, context, Position(states.REQUEST_SUBJECT, held), notice)


def handlers() -> list:
    """Incoming files (registered before the answer handlers, which would refuse them)."""
    return [MessageHandler(filters.Document.ALL | filters.PHOTO, receive_file)]
