"""A file of a letter's album recorded, with the album's position in the same transaction.

Each file of an album is an update of its own, handled by any instance. Its position (``albums``: what
the next file is added to) is written in the letter's transaction, and a file that takes itself for the
album's first (no album in the position it read) reads it again under the dossier's lock: of pages 1 and 2
handled at the same moment, the one written second finds there the letter of its own album, written
meanwhile, and joins it (before it when it was sent before: Telegram numbers an album's messages in
order) instead of replacing it, a page lost while both are told « saved »."""

from __future__ import annotations

from telegram import Update

from conversations.dossier.letter.albums import letter_page, on_top_of
from conversations.dossier.uploads import PageMoved, record
from conversations.ui import states
from conversations.ui.common import recap_kept
from conversations.ui.context import QualiContext
from conversations.ui.router import where_now
from models.chat_state import Position, load_position, store_position
from models.dossier.attachments import LetterChanged
from models.tables import AttachmentKind

LETTER = AttachmentKind.COMMITMENT_LETTER
SEEN = "seen"  # the letter shown when the letter's question opened (its mark; "0": none)
ALBUM_MAX = 10  # files in an album (Telegram's limit): a page is written at most once after each other one


class SameAlbum(PageMoved):
    """A file taken for its album's first found, under the dossier's lock, the letter of its own album
    written meanwhile (another file of it, handled at the same moment): ``album``, as its position says."""

    def __init__(self, letter, actor_id: int, album: dict) -> None:
        super().__init__(letter, actor_id)
        self.album = album


async def record_letter(update: Update, context: QualiContext, position: Position, sent, album) -> tuple:
    """The file recorded (``record``): (as recorded, its album after it, why it is not in the letter, what
    ``record`` gives, None: held, the letter changed meanwhile). A page of an album replaces only the letter
    it was joined to: another page handled at the same moment by another instance may have come first, then
    it is joined again on top of that one, as the next page (once per page written meanwhile: ten at most);
    so is a file taken for the first that finds its album's letter there (``SameAlbum``)."""
    seen = position.data.get(SEEN, "?")
    for _ in range(ALBUM_MAX):
        received, after, why = sent, None, ""
        if album is not None and album["letter"]:  # a page of the letter, or apart
            after = album.get("sha") if album["n"] > 1 else None  # the letter so far, as recorded
            received, album, why = await letter_page(context, album, sent)
        after = after if received.kind == LETTER else None  # a page kept apart replaces nothing
        try:
            if album is None:  # a file alone: its position is saved once it is said
                return received, album, why, await record(update, context, received, seen, after)
            return received, album, why, await record_in_album(update, context, received, seen, after, album)
        except LetterChanged:  # someone else's letter, sent meanwhile: never replaced unseen
            return received, album, why, None
        except PageMoved as moved:  # the letter removed meanwhile: held, asked whether to add it
            if not moved.own:
                return received, album, why, None
            if isinstance(moved, SameAlbum):
                album = {**moved.album, "caption": moved.album.get("caption") or album["caption"]}
            album = on_top_of(album, moved.sha256, update.effective_message.message_id)
    return received, album, why, None


async def record_in_album(update: Update, context: QualiContext, received, seen, after, album: dict):
    """``uploads.record`` for a file of an album, its position written in the same transaction; PageMoved
    when the letter it was joined to is no longer there, SameAlbum when, taken for the first, it finds its
    album's letter there."""
    user_id = context.visitor.user.id

    async def with_position(session, replaced) -> None:
        if after is None and received.kind == LETTER and replaced is not None:
            there = await load_position(session, user_id)  # read again under the lock
            if there.screen == states.UPLOAD and there.data.get("album") == album["album"]:
                raise SameAlbum(replaced, user_id, there.data)
        where, next_position = await where_now(context, session), Position(states.UPLOAD, album)
        await store_position(session, user_id, where, recap_kept(context, next_position), now=context.now())

    return await record(update, context, received, seen, after, within=with_position)
