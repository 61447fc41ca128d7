"""What the commitment letter may be, in its question's words: the formats the question names (no PowerPoint:
a letter is written, signed or scanned, not slides, 00e5b80), and a file refused on that question said in
those same words, with the way to add it to the dossier as a supporting document instead."""

from __future__ import annotations

from conversations.ui import states
from locales import N_
from models.chat_state import Position
from models.dossier.files import NOT_A_LETTER
from models.tables import AttachmentKind

LETTER = AttachmentKind.COMMITMENT_LETTER
LETTER_ACCEPTED = N_("PDF, image, Word, Excel or OpenDocument; 20 MB at most")  # a letter: no PowerPoint
# the dossier's words (``ui.common.FILE_REFUSALS``) name PowerPoint: on the letter's question, its own
LETTER_REFUSALS = {
    "unsupported_type": N_(
        "This kind of file is not accepted for the commitment letter. Send a PDF, an image, a Word, Excel or "
        "OpenDocument file."
    ),
    NOT_A_LETTER: N_(
        "A PowerPoint presentation cannot be the commitment letter: send the letter as a PDF, an image, a "
        "Word, Excel or OpenDocument file. To add the presentation to the dossier as a supporting document, "
        "press “⬅️ Back”, then “📎 Add a document”, and send it again."
    ),
}


def letter_refusal(position: Position, code: str) -> str | None:
    """The letter's own words for a file refused on its question (None: the dossier's, or elsewhere)."""
    on_letter = (
        position.screen == states.UPLOAD and position.data.get("kind") == AttachmentKind.COMMITMENT_LETTER
    )
    return LETTER_REFUSALS.get(code) if on_letter else None
