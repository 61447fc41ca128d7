"""The upload question (a file of the kind chosen) and the commitment letter's replacement.

The dossier holds one letter (domain.md: « the commitment letter from the direction »): a new one
replaces it. The question says which letter is there, who sent it and when, and that a new file
replaces it; the letter seen then is kept with the question (``SEEN``). A letter sent meanwhile by
someone else is never replaced unseen (compared as the new one is written, under the dossier's lock:
``attachments.letter_replaced``, another instance's letter too): the file waits with the question
(``states.FILE_KEY``, said not sent if a command leaves it) for « Replace » or « Keep ». Whoever sent
a letter replaced by someone else is told through the outbox (``attachments.tell_replaced``)."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.ext import MessageHandler, filters

from conversations.dossier.editor.entities import ATTACHMENT
from conversations.dossier.editor.positions import ask
from conversations.dossier.editor.removal import with_draft_again
from conversations.dossier.letter.albums import (
    NOT_HELD,
    caption,
    give_caption_back,
    hold,
    letter_page,
    not_joined,
    what_it_is,
)
from conversations.dossier.letter.formats import LETTER_ACCEPTED
from conversations.dossier.letter.news import tell_letter_added
from conversations.dossier.letter.recording import SEEN, record_letter
from conversations.dossier.uploads import FILE_REFUSALS, download, next_step, receive_file
from conversations.render.formatting import format_size, quoted
from conversations.render.html import bold, e
from conversations.render.notifications import named
from conversations.render.report import ATTACHMENT_KINDS
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.callbacks import callback
from conversations.ui.common import ACCEPTED_FILES, HOME, back_button, hand_back, home_button, recap_kept
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard
from conversations.ui.other_messages import ANIMATED
from conversations.ui.router import Step, button, member_dossier, open_position, screen, where_now
from locales import N_, Translator
from models.chat_state import Position
from models.dossier.attachments import LETTER_REPLACED, LetterChanged, add_attachment, letter_mark, letter_of
from models.dossier.files import claim_file
from models.dossier.reads import dossier_of_member
from models.tables import Attachment, AttachmentKind, User

LETTER = AttachmentKind.COMMITMENT_LETTER
KIND_CODES = {"l": LETTER, "s": AttachmentKind.SUPPORTING}
REPLACE_LETTER = callback("ltr", str)  # 🔁 the file held replaces the letter: the mark of the one shown
KEEP_LETTER = callback("ltk", str)  # ✋ the file held is not added
# what the dossier takes (``files.detect_type``), in the requests' words too (``request_files``): one msgid
ACCEPTED = ACCEPTED_FILES
SAVED = N_("Document saved: {name} ({size}).")
# held bytes gone before « Replace » (``files.claim_file``): no letter without bytes, the file asked again
FILE_GONE = N_("Your file {name} is no longer kept: it was not added. Please send it again.")
# a letter held for « Replace » left by 🏠 or a command (``ui.menus.file_not_sent``): a dossier's file
# is added, not sent; and where to add it again
states.FILE_LEFT[states.UPLOAD] = N_("{name} was not added to the dossier.")
states.FILE_AGAIN[states.UPLOAD] = N_(
    "To add it, open “📎 Documents”, press “📎 Commitment letter” and send the file again."
)


async def sent_by(context: QualiContext, session: AsyncSession, letter: Attachment) -> str:
    """« « Lettre signée » (lettre.pdf), sent by Sam on Monday 23 November 2026 at 10:30 » (plain)."""
    words = {"label": quoted(context.t.language, letter.label), "file": letter.file_name}
    words["date"] = context.t.format_datetime(letter.uploaded_at)
    if letter.uploaded_by == context.visitor.user.id:
        return context._("{label} ({file}), sent by you on {date}").format(**words)
    sender = await session.get(User, letter.uploaded_by) if letter.uploaded_by is not None else None
    if sender is None:  # erased their data since (the letter stays, theirs no more): nobody named
        return context._("{label} ({file}), sent by a former member on {date}").format(**words)
    name = sender.first_name or "—"
    return context._("{label} ({file}), sent by {name} on {date}").format(name=name, **words)


@screen(states.UPLOAD)
async def upload_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Waiting for a file; for the letter, the one it would replace; a file held: replace or keep."""
    _ = context._
    kind = AttachmentKind(data["kind"])
    letter = await letter_of(session, (await member_dossier(context, session)).id) if kind == LETTER else None
    if isinstance(data.get(states.FILE_KEY), dict):
        return await replace_question(context, session, data[states.FILE_KEY], letter)
    lines = ["📎 " + bold(_(ATTACHMENT_KINDS[kind])), ""]
    if letter is not None:
        current = _("Current letter: {letter}. A new file will replace it.")
        lines += [e(current.format(letter=await sent_by(context, session, letter))), ""]
    formats = _(LETTER_ACCEPTED if kind == LETTER else ACCEPTED)
    lines += [
        e(_("Send the file now, as an attachment.")),
        e(_("Accepted: {formats}.").format(formats=formats)),  # as on the documents' screen
        e(_("You can write its label in the caption.")),
    ]
    return Screen(
        "\n".join(lines), keyboard([back_button(context, cb.DOCUMENTS.pack()), home_button(context)])
    )


async def replace_question(context: QualiContext, session: AsyncSession, file: dict, letter) -> Screen:
    """A file held: replace the letter sent meanwhile (who, when), or keep it; nothing done till then."""
    _ = context._
    yours = f"{quoted(context.t.language, file['name'])} ({format_size(context.t, file['size'])})"
    if letter is not None:
        came = _("Another commitment letter was added while this question was open.")
        question = _("Replace {letter}, with your file {file}?")  # {letter} ends with when it was sent
        question = question.format(letter=await sent_by(context, session, letter), file=yours)
    else:
        came = _("The commitment letter was removed while this question was open.")
        question = _("Add your file {file} as the commitment letter?").format(file=yours)
    waits = _("Your file waits for your answer: nothing changes until then.")
    text = "\n".join(["📎 " + bold(_(ATTACHMENT_KINDS[LETTER])), "", "⚠️ " + e(came), e(question), e(waits)])
    shown = letter_mark(letter)
    yes = (_("🔁 Yes, replace it") if letter is not None else _("✅ Yes, add it"), REPLACE_LETTER.pack(shown))
    no = (_("✋ No, keep it") if letter is not None else _("✋ No"), KEEP_LETTER.pack(shown))
    return Screen(text, keyboard([yes, no], [home_button(context)]))  # 🏠 says the file was not added


async def start_upload(context: QualiContext, session: AsyncSession, args: list) -> Step:
    """📎: wait for a file of that kind (for the letter: the letter shown, if there is one)."""
    dossier = await dossier_of_member(session, int(args[0]), context.coop_id)
    kind = KIND_CODES[args[1]]
    if kind == LETTER and not context.visitor.is_direction:
        refusal = FILE_REFUSALS["letter_direction_only"]
        return Step(Position(states.DOCUMENTS), "⛔ " + e(context._(refusal)))
    data = {"kind": kind.value}
    if kind == LETTER:
        letter = await letter_of(session, dossier.id)
        data[SEEN] = letter_mark(letter)
    return Step(Position(states.UPLOAD, data))


def on_letter_question(position: Position) -> bool:
    """Whether a file is sent on the letter's question (an album's next page too)."""
    return position.screen == states.UPLOAD and position.data.get("kind") == LETTER


async def receive_letter(update: Update, context: QualiContext) -> None:
    """A file on the letter's question becomes the letter, the notice naming the letter it replaced;
    held for an answer when the letter there as it is written is not the one shown, nor the sender's
    (someone else's, sent meanwhile, by another instance too: ``add_attachment`` compares them under the
    dossier's lock). Any other file as ever (``uploads.receive_file``)."""
    visitor, message, position = context.visitor, update.effective_message, context.where.position
    # a GIF (a video, never a letter) is said so there (``uploads.receive_file``), as everywhere
    if (
        visitor is None
        or visitor.coop is None
        or not on_letter_question(position)
        or ANIMATED.check_update(update)
    ):
        await receive_file(update, context)
        return
    async with context.db.transaction() as session:
        letter = await letter_of(session, (await member_dossier(context, session)).id)
        shown = letter is not None and await sent_by(context, session, letter)
    held = position.data.get(states.FILE_KEY)
    held = held if isinstance(held, dict) else None  # a file waiting for « Replace » or « Keep »
    if held and message.media_group_id is not None and held.get("album") == message.media_group_id:
        await hold_next_page(update, context, position, held)  # the next page of an album held
        return
    fresh = Position(states.UPLOAD, {"kind": LETTER.value})  # a file after the one held: a new letter
    kind, label, album = what_it_is(context, fresh if held else position, message)
    if (received := await download(update, context, kind, label)) is None:
        return
    received, album, why, recorded = await record_letter(update, context, position, received, album)
    if recorded is None:
        await hold(update, context, position, received, album)  # its pages so far, for an album's
        return
    attachment, replaced, draft_again = recorded
    if attachment:
        await give_caption_back(update, context, album, received)  # a next page's: it labels nothing
        size = format_size(context.t, attachment.size)
        notice = "✅ " + e(context._(SAVED).format(name=attachment.file_name, size=size))
        # as written under the lock (the letter shown may be gone meanwhile), not the letter's earlier pages
        if shown and replaced is not None and (album is None or album["n"] == 1):
            notice += "\n🔁 " + e(context._("It replaces the letter {letter}.").format(letter=shown))
        if apart := album and not_joined(context, message, why, album, received):  # said by its name
            notice += "\n⚠️ " + e(apart)
        notice = "\n".join(filter(None, (notice, draft_again)))  # a dossier marked ready: a draft again
        await open_position(update, context, *next_step(update, context, received, attachment, album, notice))


async def hold_next_page(update: Update, context: QualiContext, position: Position, held: dict) -> None:
    """The next file of an album held for « Replace » or « Keep »: the letter held again with it, or,
    when it cannot join, said not added (its caption given back), the question again."""
    received = await download(update, context, LETTER)
    if received is None:
        return
    pages = held.get("pages") or None  # None: the letter held takes no page
    album = {"n": held.get("n", 1) + 1, "pages": pages, "caption": held.get("caption", ""), "letter": 1}
    received, album, why = await letter_page(context, album, received)
    if not why:
        await give_caption_back(update, context, album, received)
        await hold(update, context, position, received, album)
        return
    words = not_joined(context, update.effective_message, NOT_HELD, album, received)
    await hand_back(update, context, words, caption(update.effective_message))
    counted = {**position.data, states.FILE_KEY: {**held, "n": album["n"]}}  # the next file's number
    await open_position(update, context, Position(states.UPLOAD, counted))


def nothing_held(context: QualiContext, position: Position) -> Step:
    """An old « Replace » or « Keep » (answered already, on another device): said, and nothing moves."""
    return Step(position, "ℹ️ " + e(context._("This was already answered: no file waits for it.")))


async def replace_letter(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """🔁 Yes, replace it: the file held becomes the letter; asked again if the letter changed since."""
    position = (await where_now(context, session)).position
    file = position.data.get(states.FILE_KEY)
    if position.screen != states.UPLOAD or not isinstance(file, dict):
        return nothing_held(context, position)
    dossier = await dossier_of_member(session, (await member_dossier(context, session)).id, context.coop_id)
    letter = await letter_of(session, dossier.id)
    if letter_mark(letter) != args[0]:  # changed again: the question shows it now
        return Step(position, "🔄 " + e(context._("The commitment letter changed again meanwhile.")))
    if letter is not None and letter.sha256 == file["sha256"]:  # the same bytes: nothing to replace
        same = context._(FILE_REFUSALS["already_attached"]).format(label=letter.label)
        return Step(Position(states.DOCUMENTS), "ℹ️ " + e(same))
    if not await claim_file(session, file["sha256"]):  # its bytes gone meanwhile: the file asked again
        data = {key: value for key, value in position.data.items() if key != states.FILE_KEY}
        gone = context._(FILE_GONE).format(name=quoted(context.t.language, file["name"]))
        return Step(Position(states.UPLOAD, {**data, SEEN: letter_mark(letter)}), "⚠️ " + e(gone))
    shown = letter is not None and await sent_by(context, session, letter)
    try:  # compared again as it is written: a colleague's letter may land from another instance meanwhile
        attachment, replaced = await add_attachment(
            session, dossier, AttachmentKind(file["kind"]), label=file["label"], file_name=file["name"],
            mime_type=file["type"], size=file["size"], sha256=file["sha256"],
            telegram_file_id=file["file_id"], actor_id=context.visitor.user.id,
            by_direction=context.visitor.is_direction, seen=args[0], now=context.now(),
        )  # fmt: skip
    except LetterChanged:
        return Step(position, "🔄 " + e(context._("The commitment letter changed again meanwhile.")))
    if replaced is None and attachment.kind == LETTER:  # the first letter, as written
        await tell_letter_added(context, session, dossier)
    size = format_size(context.t, attachment.size)
    notice = "✅ " + e(context._(SAVED).format(name=attachment.file_name, size=size))
    if shown and replaced is not None:
        notice += "\n🔁 " + e(context._("It replaces the letter {letter}.").format(letter=shown))
    notice = with_draft_again(context.t, session, notice)  # a dossier marked ready: a draft again
    return Step(recap_kept(context, ask(ATTACHMENT, attachment, ATTACHMENT.field("label"), False)), notice)


async def keep_letter(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """✋ No, keep it: the file held is not added; the letter stays as it is."""
    position = (await where_now(context, session)).position
    file = position.data.get(states.FILE_KEY)
    if position.screen != states.UPLOAD or not isinstance(file, dict):
        return nothing_held(context, position)
    kept = context._("Your file {file} was not added: the dossier’s letter stays as it is.")
    return Step(
        Position(states.DOCUMENTS), "✋ " + e(kept.format(file=quoted(context.t.language, file["name"])))
    )


async def render_letter_replaced(t: Translator, session: AsyncSession, data: dict, services) -> tuple:
    """To whoever sent a letter someone else replaced (written by ``attachments.tell_replaced``)."""
    news = t.gettext(
        "{name} replaced the commitment letter you had sent, {old}, with {new}, in the Quali’Coop "
        "dossier of {coop}."
    )
    old, new = quoted(t.language, data["old"]), quoted(t.language, data["new"])
    text = "🔁 " + e(news.format(name=named(t, data), old=old, new=new, coop=data["coop"]))
    return text, keyboard([(t.gettext(HOME), cb.HOME.pack())]), None


NOTICES = {LETTER_REPLACED: render_letter_replaced}


def handlers() -> list:
    """Files (before ``uploads``, which takes any other), the 📎 buttons, the answers to a held file."""
    return [
        MessageHandler(filters.Document.ALL | filters.PHOTO, receive_letter),
        button(cb.UPLOAD, start_upload),
        button(REPLACE_LETTER, replace_letter),
        button(KEEP_LETTER, keep_letter),
    ]
