"""A consultation's draft as its preview shows it, who changed it last, what it had before, a draft
started for nothing or deleted, and its choices as typed.

Two direction members may prepare the same draft: the preview keeps what it showed (``draft_mark``),
and « ✅ Open » opens the draft only while it still shows that, as the dossier's confirmations do.
"""

from __future__ import annotations

import json
import re
import unicodedata
from zlib import crc32

from sqlalchemy import ColumnElement, and_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.dossier.attachments import fit_label
from models.dossier.reads import DossierError, NotYours
from models.parsing.names import loose_name_key
from models.parsing.text import InputError, clean_text, has_words, is_blank
from models.tables import AuditEntry, Consultation, ConsultationStatus

MIN_CHOICES, MAX_CHOICES = 2, 8
CHOICE_MAX = 60  # a choice is a button label: short
# a list marker before a choice: « 1. » « 1) » « a) » (not « 1.5 », a number), or a bullet and a space
NUMBERED = re.compile(r"(\d{1,2}|[a-z])([.)])\s*(?=\D)(.+)", re.IGNORECASE)
BULLETED = re.compile(r"([-•*–—·▪◦])\s+(.+)")


class DraftDeleted(NotYours):
    """A draft of the member's coop deleted meanwhile (by a fellow director): nothing left to prepare."""

    def __init__(self, consultation_id: int) -> None:
        super().__init__(f"consultation {consultation_id} was deleted")
        self.consultation_id = consultation_id


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


async def latest_entry(session: AsyncSession, consultation: Consultation) -> AuditEntry | None:
    """The draft's latest « create » or « update » in its audit (SQLite gives a deleted draft's id to the
    next one, and the audit keeps the deleted draft's changes under that id: the new one's « create »
    comes after them)."""
    rows = await session.exec(
        select(AuditEntry)
        .where(AuditEntry.entity == "consultation", AuditEntry.entity_id == consultation.id)
        .where(col(AuditEntry.action).in_(("create", "update")))
        .order_by(col(AuditEntry.id).desc())
        .limit(1)
    )
    return rows.first()


async def last_change(session: AsyncSession, consultation: Consultation) -> AuditEntry | None:
    """The draft's latest change (who, when); None for one nobody changed since it was started (only
    what follows its own « create » counts: ``latest_entry``)."""
    latest = await latest_entry(session, consultation)
    return latest if latest is not None and latest.action == "update" else None


async def is_untouched(session: AsyncSession, consultation: Consultation) -> bool:
    """A draft started for nothing: its « create » is its audit's latest entry (nobody chose anything in it
    yet, not even « ⭐ The engagements »). One with no audit at all (not started in the assistant) is not."""
    if consultation.status != ConsultationStatus.DRAFT:
        return False
    latest = await latest_entry(session, consultation)
    return latest is not None and latest.action == "create"


async def drop_untouched(session: AsyncSession, coop_id: int, author_id: int) -> None:
    """The drafts its author started and left before choosing anything (« ➕ New » then 🏠, ⬅️ or /cancel)
    are removed when the author comes back to the list: none piles up there."""
    rows = await session.exec(
        select(Consultation).where(
            Consultation.coop_id == coop_id,
            Consultation.created_by == author_id,
            Consultation.status == ConsultationStatus.DRAFT,
        )
    )
    for consultation in rows.all():
        if await is_untouched(session, consultation):
            await session.delete(consultation)


async def was_deleted(session: AsyncSession, consultation_id: int, coop_id: int) -> bool:
    """Whether this id was a draft of this coop's, deleted since (its audit's latest « create » is the
    coop's and nothing holds the id now)."""
    if await session.get(Consultation, consultation_id) is not None:
        return False
    rows = await session.exec(
        select(AuditEntry.coop_id)
        .where(AuditEntry.entity == "consultation", AuditEntry.entity_id == consultation_id)
        .where(AuditEntry.action == "create")
        .order_by(col(AuditEntry.id).desc())
        .limit(1)
    )
    return rows.first() == coop_id


async def earlier_own(session: AsyncSession, consultation: Consultation) -> tuple[str | None, list[str]]:
    """The own question and the own choices this draft had last (its audit since it was started), kept to
    offer back once « ⭐ The engagements » replaced them: (None, []) when it never had any."""
    rows = await session.exec(
        select(AuditEntry)
        .where(AuditEntry.entity == "consultation", AuditEntry.entity_id == consultation.id)
        .where(col(AuditEntry.action).in_(("create", "update")))
        .order_by(col(AuditEntry.id).desc())
    )
    question, choices = None, []
    for entry in rows:
        if entry.action == "create":  # before it: a deleted draft's, which had this id (``last_change``)
            break
        if entry.field == "question" and question is None:
            question = entry.new_value
        elif entry.field == "choices" and not choices:
            choices = json.loads(entry.new_value or "[]")
    return question, choices


def unmarked(lines: list[str]) -> list[str]:
    """Choices typed as a list (« 1. Mardi », « 2. Jeudi »; « - Mardi », « - Jeudi ») without their
    markers: the ballot numbers them. Only when every line is marked the same way, numbers and letters
    in order from 1 or a: « 2 réunions par an » keeps its number."""
    numbered = [NUMBERED.fullmatch(line) for line in lines]
    if lines and all(numbered) and len({m[2] for m in numbered}) == 1:
        firsts = [m[1].lower() for m in numbered]
        counted = [str(n) for n in range(1, len(lines) + 1)]
        lettered = [chr(ord("a") + n) for n in range(len(lines))]
        if firsts in (counted, lettered):
            return [m[3] for m in numbered]
    bulleted = [BULLETED.fullmatch(line) for line in lines]
    if lines and all(bulleted) and len({m[1] for m in bulleted}) == 1:
        return [m[2] for m in bulleted]
    return lines


def choice_key(line: str) -> tuple[str, str]:
    """How two choices of one ballot are told apart: as names read alike (``loose_name_key``: « Mardi
    soir » and « mardi soir. », « l’AG » and « l'AG »), but with their emoji, which the loose key takes as
    dress around a name and which, on a ballot, is what tells « Réunion 🌞 » from « Réunion 🌙 »."""
    return loose_name_key(line), "".join(char for char in line if unicodedata.category(char) == "So")


def read_choices(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """A free question's choices, one per line, each cleaned as any typed text (``clean_text``: no NUL,
    which PostgreSQL refuses), and the lines left out that the choice kept does not say as typed (kept,
    left out: « Visio », « visio »). Blank lines (nothing visible, a zero-width space) are left out, those
    that read alike (``choice_key``: two buttons alike) too, the first typed kept; the markers of a list
    typed as one left out (``unmarked``)."""
    lines = (" ".join(clean_text(line).split()) for line in (text or "").splitlines())
    kept: dict[tuple[str, str], str] = {}
    alike: list[tuple[str, str]] = []
    for line in unmarked([line for line in lines if not is_blank(line)]):
        if is_blank(line):  # a marker before nothing visible
            continue
        if (key := choice_key(line)) in kept:
            alike.append((kept[key], line))
        else:
            kept[key] = line
    choices = list(kept.values())
    if any(not has_words(choice) for choice in choices):  # a button, and a line of the PDF, of emoji only
        raise InputError("emoji_only")
    too_long = next((choice for choice in choices if len(choice) > CHOICE_MAX), None)
    if too_long is not None:  # quoted by its first words, cut between two (never « … du qu… »)
        raise InputError("choice_too_long", {"limit": CHOICE_MAX, "choice": fit_label(too_long, 41)})
    if len(choices) < MIN_CHOICES and alike:  # « samedi » and « Samedi »: typed two, read one
        first, second = alike[0]
        raise InputError("choices_alike", {"first": first, "second": second, "low": MIN_CHOICES})
    if not MIN_CHOICES <= len(choices) <= MAX_CHOICES:
        raise InputError("choice_count", {"low": MIN_CHOICES, "high": MAX_CHOICES})
    return choices, [(first, second) for first, second in alike if first != second]  # a line twice: kept


def parse_choices(text: str) -> list[str]:
    """A free question's choices (``read_choices``), without the lines left out."""
    return read_choices(text)[0]
