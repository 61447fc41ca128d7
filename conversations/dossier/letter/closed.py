"""A file sent after a command closed the letter's question: a supporting document, and said so.

A command leaves the letter's question for the dossier's home, keeping a trace of it (``ui.left``). A file
sent next is stored as any file sent from the home, a supporting document: never taken as the letter behind
a screen the person no longer sees. But it was most likely the letter, and « Document saved » alone let the
direction believe it was in: they are told it is not, which command closed the question, and the way to make
it the letter, « 📎 Commitment letter » on the documents' screen, drawn below, and the same file sent again
(``add_attachment``: a supporting document sent again as the letter becomes it, no copy left). An album is
said so on its first file, its next files following it as ever. A member's files are supporting documents
anyway (the letter is the direction's): nothing more said."""

from __future__ import annotations

from conversations.render.html import e
from conversations.ui import states
from conversations.ui.context import QualiContext
from conversations.ui.left import question_left
from locales import N_
from models.chat_state import Position
from models.tables import AttachmentKind

NOT_THE_LETTER = N_(
    "It was added as a supporting document, not as the commitment letter, because {command} closed the "
    "letter’s question."
)
MAKE_IT_THE_LETTER = N_(
    "If it is the letter, press “📎 Commitment letter” below and send the same file again: it will become "
    "the letter."
)
# an album: its next files are supporting documents too; sent again as the letter, only the first one's
# copy becomes it (its next pages are joined into a new PDF), the others stay listed
NOT_THE_LETTER_ALBUM = N_(
    "These files are added as supporting documents, not as the commitment letter, because {command} closed "
    "the letter’s question."
)
MAKE_THEM_THE_LETTER = N_(
    "If they are the letter’s pages, open “📎 Documents”, press “📎 Commitment letter” and send them again; "
    "then remove the copies still listed as supporting documents."
)


def letter_closed(context: QualiContext, position: Position) -> str | None:
    """The command that closed the letter's question just before this file, for the direction (None: no
    such question left, or a member, whose files are supporting documents)."""
    left = question_left(position) if context.visitor.is_direction else None
    data = left.get("data") if left is not None and left["screen"] == states.UPLOAD else None
    if not isinstance(data, dict) or data.get("kind") != AttachmentKind.COMMITMENT_LETTER.value:
        return None
    return left.get("by") or "/"


def not_the_letter(context: QualiContext, command: str | None, album: dict | None) -> str:
    """The notice's next lines: a supporting document, not the letter, and how to make it the letter ("" when
    no letter's question was closed)."""
    if command is None:
        return ""
    alone = album is None
    said, way = (
        (NOT_THE_LETTER, MAKE_IT_THE_LETTER) if alone else (NOT_THE_LETTER_ALBUM, MAKE_THEM_THE_LETTER)
    )
    return "\n⚠️ " + e(context._(said).format(command=command)) + "\n👉 " + e(context._(way))
