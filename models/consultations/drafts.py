"""A consultation's draft as its preview shows it, who changed it last, and a draft started for nothing.

Two direction members may prepare the same draft: the preview keeps what it showed (``draft_mark``),
and « ✅ Open » opens the draft only while it still shows that, as the dossier's confirmations do.
"""

from __future__ import annotations

import json
from zlib import crc32

from sqlalchemy import ColumnElement, and_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.dossier.reads import DossierError
from models.parsing.text import InputError, clean_text, has_words, is_blank
from models.tables import AuditEntry, Consultation, ConsultationStatus

MIN_CHOICES, MAX_CHOICES = 2, 8
CHOICE_MAX = 60  # a choice is a button label: short


class DraftChanged(DossierError):
    """A draft changed (by a fellow director) since it was read to be opened: not opened."""

    def __init__(self, consultation_id: int) -> None:
        super().__init__(f"consultation {consultation_id} changed since it was read")
        self.consultation_id = consultation_id


def draft_mark(consultation: Consultation) -> int:
    """What a preview shows, as one number its screen keeps: the question, its choices, who is asked
    (the public link itself: the preview gives it to share), the closing day."""
    shown = (consultation.question, consultation.choices or "[]", consultation.for_members)
    return crc32(repr((*shown, consultation.public_token, consultation.closes_on)).encode())


def lacks_choices(consultation: Consultation) -> bool:
    """One's own question without its own choices (typed after « ⭐ The engagements », its choices not
    yet): no longer the engagements' question, so not their choices either; it does not open so."""
    return consultation.question is not None and not json.loads(consultation.choices or "[]")


def still_shows(consultation: Consultation) -> ColumnElement[bool]:
    """Its row still shows what this object of it shows (what ``draft_mark`` counts): the condition of the
    one UPDATE that opens it, so that a colleague's change committed since the object was read (after its
    mark was checked) makes that UPDATE open nothing."""
    shown = {
        col(Consultation.question): consultation.question,
        col(Consultation.choices): consultation.choices,
        col(Consultation.for_members): consultation.for_members,
        col(Consultation.public_token): consultation.public_token,
        col(Consultation.closes_on): consultation.closes_on,
    }
    # « IS NULL » for a None: a NULL compared with « = » is never equal
    return and_(*(column.is_(None) if value is None else column == value for column, value in shown.items()))


async def last_change(session: AsyncSession, consultation: Consultation) -> AuditEntry | None:
    """The draft's latest change (who, when); None for one nobody changed since it was started. Only
    what follows its own « create » counts: SQLite gives a deleted draft's id to the next one, and the
    audit keeps the deleted draft's changes under that id (the latest entry a « create »: none since)."""
    rows = await session.exec(
        select(AuditEntry)
        .where(AuditEntry.entity == "consultation", AuditEntry.entity_id == consultation.id)
        .where(col(AuditEntry.action).in_(("create", "update")))
        .order_by(col(AuditEntry.id).desc())
        .limit(1)
    )
    latest = rows.first()
    return latest if latest is not None and latest.action == "update" else None


async def drop_untouched(session: AsyncSession, consultation_id: int, author_id: int) -> bool:
    """A draft its author leaves at its first step, nothing chosen yet, is removed: « ➕ New » then
    « ⬅️ Back » leaves nothing in the list. Whether it was."""
    consultation = await session.get(Consultation, consultation_id)
    if consultation is None or consultation.status != ConsultationStatus.DRAFT:
        return False
    if consultation.created_by != author_id or await last_change(session, consultation) is not None:
        return False
    await session.delete(consultation)
    return True


def parse_choices(text: str) -> list[str]:
    """A free question's choices, one per line, each cleaned as any typed text (``clean_text``: no NUL,
    which PostgreSQL refuses); blank lines (nothing visible, a zero-width space) and repeats left out,
    whatever their case (« Mardi soir » and « mardi soir » are one choice: the first typed)."""
    lines = (" ".join(clean_text(line).split()) for line in (text or "").splitlines())
    kept: dict[str, str] = {}
    for line in lines:
        if not is_blank(line):
            kept.setdefault(line.casefold(), line)
    choices = list(kept.values())
    if any(not has_words(choice) for choice in choices):  # a button, and a line of the PDF, of emoji only
        raise InputError("emoji_only")
    too_long = next((choice for choice in choices if len(choice) > CHOICE_MAX), None)
    if too_long is not None:
        raise InputError("choice_too_long", {"limit": CHOICE_MAX, "choice": too_long[:40] + "…"})
    if not MIN_CHOICES <= len(choices) <= MAX_CHOICES:
        raise InputError("choice_count", {"low": MIN_CHOICES, "high": MAX_CHOICES})
    return choices
