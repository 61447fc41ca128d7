"""Files sent at once (an album: Telegram delivers one update each): what each is and its label, the
commitment letter's pages joined into one PDF, and an album at a written question refused once.

A letter sent as an album (photos of its pages, PDFs, in any mix) becomes one PDF, each file added
after the letter made so far in the order sent (``models.dossier.pages``, in a worker thread: Pillow
and pypdf would hold the event loop, every user's update waiting): a letter is one document, a new
one replaces it whole. The album's position keeps what the next file is added to (``pages``: the
SHA-256 of the letter so far as one PDF, the first file made one alone; None when the first cannot
take pages, a Word letter) and the letter as recorded (``sha``: the first file as sent, then each
letter made) and its earliest file's message (``first``). A page replaces only that letter, compared
under the dossier's lock: of two files of an album handled at the same moment by two instances, each
joined to it, the one written second is joined again on top of the other's (``recording.record_letter``),
never in its place; so is a next file when the position saved last (each instance saves its own) is
behind the letter. The position is written in the letter's transaction: a file that read none of its
album (pages 1 and 2 at once) reads it again under the lock and joins the letter of its album written
meanwhile, before it when sent before (``on_top_of``), instead of replacing it. A file that
cannot join (unreadable, or the letter would pass 20 MB) is kept apart, a supporting document
« Lettre d’engagement — page N », and said so by its number and name; the next files still join.
The first file's caption labels the letter; a next one's labels nothing and is given back whole."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from telegram import Message, Update

from conversations.render.formatting import clean_file_name, quoted
from conversations.ui import states
from conversations.ui.common import hand_back
from conversations.ui.context import QualiContext
from conversations.ui.other_messages import sent_name  # a request to the federation names its files so too
from conversations.ui.router import open_position
from conversations.ui.shown import move
from locales import N_
from models.chat_state import Position
from models.dossier.attachments import LABEL_MAX, fit_label
from models.dossier.files import MAX_FILE_SIZE, PDF, sha256_of
from models.dossier.pages import Joined, TooBig, join_pages
from models.parsing.text import typed_text, visible_text
from models.tables import AttachmentKind

LETTER = AttachmentKind.COMMITMENT_LETTER
PAGE_LABEL = N_("Commitment letter — page {number}")
# why a file of a letter's album is not in it, kept apart as {label}; whole sentences, never a « Page 2 »
# of its own a label could take ({name}: « (annexe.pdf) » after the number, nothing for a photo)
NOT_JOINED = N_(
    "Page {number}{name} was not joined to the commitment letter: only photos and PDF files that can be "
    "read are. It was saved as a separate document, {label}."
)
TOO_BIG = N_(
    "Page {number}{name} was not joined to the commitment letter, which would then be larger than 20 MB. "
    "It was saved as a separate document, {label}."
)
FIRST_APART = N_(
    "Page {number}{name} was not joined to the commitment letter: its first file is neither a photo nor a "
    "PDF that can be read, so no page can be added to it. It was saved as a separate document, {label}."
)
# a refused file of an album said: a document by its name, a photo by its place in the album (it has no
# name of its own: ``sent_name`` is the second it came, its album's first's too)
NOT_ADDED = (N_("{name} was not added."), N_("Photo {number} of the album was not added."))
EITHER = {  # the next files of an album at a written question (at the dossier's own or not)
    True: (
        N_("{name} was not added to the dossier either."),
        N_("Photo {number} of the album was not added to the dossier either."),
    ),
    False: (N_("{name} was not used either."), N_("Photo {number} of the album was not used either.")),
}
REFUSED = "refused"  # an album's files refused at a screen, not a question: {"id": its group, "n": how many}
NOT_HELD = N_(
    "Page {number}{name} was not added: only photos and PDF files that can be read join the letter "
    "waiting for your answer."
)


def caption(message: Message) -> str:
    """A file's caption as typed text is stored (``typed_text``: a formatted link's address kept)."""
    return typed_text(message.caption, message.caption_entities)


def what_it_is(context: QualiContext, position: Position, message: Message) -> tuple:
    """The kind of a file, the label its album gives it (None: its own) and the album's data.

    On the upload screen the file is of the kind chosen there, elsewhere a supporting document.
    The next files of a letter's album are its next pages (``letter_page``); of another album,
    supporting documents named after the first (« Réunion — 2 ») unless captioned."""
    data = position.data if position.screen == states.UPLOAD else {}
    group = message.media_group_id
    if group is not None and data.get("album") == group:  # the next photo of an album
        album = {**data, "n": data["n"] + 1}
        kind = LETTER if album["letter"] else AttachmentKind.SUPPORTING
        own = None if album["letter"] else visible_text(caption(message))  # a caption of its own wins
        return kind, own or album_label(context, album), album
    kind = AttachmentKind(data["kind"]) if "kind" in data else AttachmentKind.SUPPORTING
    if group is None:
        return kind, None, None
    label = fit_label(visible_text(caption(message)), LABEL_MAX - 8)  # room for « — 12 »
    letter = int(kind == LETTER)
    album = {"kind": kind.value, "album": group, "n": 1, "letter": letter, "caption": label, "pages": []}
    album["first"] = message.message_id  # its earliest file's (Telegram numbers an album's messages in order)
    if refused := refused_before(position.data, group):  # its files refused before it: counted on
        album[REFUSED] = refused
    return kind, album_label(context, album), album


def album_label(context: QualiContext, album: dict) -> str | None:
    """The label of an album's photo: « Lettre d’engagement — page 2 », « Réunion — 2 »; None for
    its own (the first's caption, a photo's name)."""
    number = album["n"]
    if number == 1 and album["caption"]:
        return None
    if album["letter"]:
        return context._(PAGE_LABEL).format(number=number)
    return f"{album['caption']} — {number}" if album["caption"] else None


async def letter_page(context: QualiContext, album: dict, received) -> tuple:
    """A file of a letter's album (``uploads.Received``): (what to record, the album after it, why it is
    not in the letter or ""). The first is the letter as sent, made a PDF alone for the next to be added
    to (kept as its ``page``); a next one the letter again, the letter so far and this file as one PDF,
    or else kept apart as « page N »."""
    if album["n"] == 1:  # whether pages can be added to it, and the PDF they are added to
        first = await one_pdf([received.content])
        if isinstance(first, Joined):
            pages = [sha256_of(first.pdf)]
            return replace(received, page=first.pdf), {**album, "pages": pages, "sha": received.sha256}, ""
        # past 20 MB as a PDF: the file as sent, the next page found too big with it; unreadable: no page
        pages = [received.sha256] if first == TOO_BIG else None
        return received, {**album, "pages": pages, "sha": received.sha256}, ""
    if album["pages"] is None:
        return apart(received), album, FIRST_APART
    store = context.bot_data.file_store  # the letter so far (an album begun before: its files, once)
    so_far = [await store.read(sha256) for sha256 in album["pages"]]
    before = album.pop("before", False)  # sent before the letter's files (written after them: ``on_top_of``)
    made = await one_pdf([received.content, *so_far] if before else [*so_far, received.content])
    if not isinstance(made, Joined):  # the letter so far stays as it is
        return apart(received), album, made
    count = made.count
    counted = context.t.ngettext("Commitment letter ({n} page)", "Commitment letter ({n} pages)", count)
    counted = counted.format(n=count)
    letter = replace(
        received, file_name=clean_file_name(counted, "pdf"), label=album["caption"] or counted,
        mime_type=PDF.mime_type, content=made.pdf, sha256=sha256_of(made.pdf),
    )  # fmt: skip
    return letter, {**album, "pages": [letter.sha256], "sha": letter.sha256}, ""  # the next is added to it


async def one_pdf(files: list[bytes]) -> Joined | str:
    """The files as one PDF (``join_pages``), or why not (``NOT_JOINED``, ``TOO_BIG``), made in a worker
    thread: a photo made a page takes Pillow a good part of a second, during which the event loop
    would answer no one."""
    try:
        made = await asyncio.to_thread(join_pages, files, MAX_FILE_SIZE)
    except TooBig:
        return TOO_BIG
    return NOT_JOINED if made is None else made


def on_top_of(album: dict, sha256: str, message_id: int) -> dict:
    """The album with its letter so far the one there now (written meanwhile by another page of it), this
    file its next page: joined after it, or before it when sent before its earliest file (``first``)."""
    first = album.get("first")  # None: an album's position saved before it was kept
    before = first is not None and message_id < first
    first = message_id if first is None else min(first, message_id)
    return {**album, "n": album["n"] + 1, "pages": [sha256], "sha": sha256, "first": first, "before": before}


async def hold(update: Update, context: QualiContext, position: Position, received, album) -> None:
    """The file kept with the question until « Replace » or « Keep »: its bytes stored, nothing added;
    of an album, with the files of the letter so far (``letter_page``), for its next ones."""
    store = context.bot_data.file_store
    await store.save(received.content)  # idempotent: the update is marked handled with the question
    if received.page:
        await store.save(received.page)
    group, album = update.effective_message.media_group_id, album or {}
    file = {
        "name": received.file_name, "type": received.mime_type, "size": len(received.content),
        "sha256": received.sha256, "label": received.label, "kind": received.kind.value,
        "file_id": received.telegram_file_id, "album": group, "pages": album.get("pages") or [],
        "caption": album.get("caption", ""), "n": album.get("n", 1),
    }  # fmt: skip
    await open_position(update, context, Position(states.UPLOAD, {**position.data, states.FILE_KEY: file}))


def apart(received):
    """A file of a letter's album that cannot join it: a supporting document, « page N » (its label)."""
    return replace(received, kind=AttachmentKind.SUPPORTING)


def not_joined(context: QualiContext, message: Message, why: str, album: dict, received) -> str:
    """Which file is not in the letter, and why, as plain text ("" when it is)."""
    if not why:
        return ""
    # a document: its name too (a photo has none of its own)
    name = f" ({received.file_name})" if message.document is not None else ""
    label = quoted(context.t.language, received.label)
    return context._(why).format(number=album["n"], name=name, label=label)


async def give_caption_back(update: Update, context: QualiContext, album: dict | None, received) -> None:
    """A next file of a letter's album: its caption labels nothing (the letter has the first's), given
    back whole, with the label the page has."""
    typed = caption(update.effective_message)
    if album is None or not album["letter"] or album["n"] == 1 or not visible_text(typed):
        return
    if album["caption"] and fit_label(visible_text(typed), LABEL_MAX - 8) == album["caption"]:
        return  # the letter's label (a first file written after a next one: ``on_top_of``)
    if received.kind == LETTER:
        why = context._("The caption of page {number} was not kept: the letter has one label, {label}.")
    else:
        why = context._("The caption of page {number} was not kept: that page is labelled {label}.")
    label = quoted(context.t.language, received.label)
    await hand_back(update, context, why.format(number=album["n"], label=label), typed)


# an album at a written question: the first file refused with the question asked again, the album
# marked on the question (``states.ALBUM_KEY``); its next files each said not taken, the question not again


def next_refused(message: Message, position: Position) -> bool:
    """Whether the file is a next one of an album refused at this question already."""
    album = position.data.get(states.ALBUM_KEY)
    group = message.media_group_id
    return group is not None and isinstance(album, dict) and album.get("id") == group


def refused_first(context: QualiContext, message: Message, position: Position) -> Position:
    """The question, marked with the album its file is the first of (as it was, for a file alone)."""
    group, name = message.media_group_id, sent_name(context, message)
    if group is None:
        return position
    return Position(position.screen, {**position.data, states.ALBUM_KEY: {"id": group, "name": name, "n": 1}})


# a refused file of an album, named by its place in the album: the files saved before it at the upload
# screen (its ``n``) and refused before it where it was sent (``REFUSED``; a question's: ``states.ALBUM_KEY``)


def refused_before(data: dict, group: str | None) -> dict | None:
    """The count of an album's files refused at a screen, if ``data`` holds this album's."""
    refused = data.get(REFUSED)
    return refused if isinstance(refused, dict) and refused.get("id") == group else None


def named_refused(context: QualiContext, message: Message, position: Position, words: tuple) -> tuple:
    """A refused file of an album said (``words``: a document's, a photo's), and the position it was sent at
    counting it: (the sentence, the position)."""
    data, group = position.data, message.media_group_id
    marked = data.get(states.ALBUM_KEY)
    if isinstance(marked, dict) and marked.get("id") == group:  # at a written question (``refused_first``)
        number = marked["n"] + 1
        counted = Position(position.screen, {**data, states.ALBUM_KEY: {**marked, "n": number}})
    else:  # the files saved before it at its upload screen (the album's ``n``), and refused before it
        before = (refused_before(data, group) or {}).get("n", 0)
        number = before + 1 + (data["n"] if position.screen == states.UPLOAD and marked == group else 0)
        counted = Position(position.screen, {**data, REFUSED: {"id": group, "n": before + 1}})
    if message.document is not None:
        return context._(words[0]).format(name=sent_name(context, message)), counted
    return context._(words[1]).format(number=number), counted


async def keep_counted(context: QualiContext, position: Position) -> None:
    """The position the file was refused at, counting it, saved without drawing it again: the same screen,
    the refusal below it (``mark_followed``), the next screen drawn below them."""
    followed = True if context.where.screen_message_id is not None else None  # as ``mark_followed``
    async with context.db.transaction() as session:
        context.where = await move(context, session, context.where, position, followed=followed)
