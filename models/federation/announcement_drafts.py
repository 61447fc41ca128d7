"""An admin's announcement left half-written: theirs to go on with, or to drop for a new one.

A draft is its author's alone (``draft_in_progress`` looks drafts up by author): another admin may
neither change, send nor drop it, and nobody composes an announcement once it is sent or cancelled.
The meeting's link is read from what the admin typed: the one web address it holds.
"""

from __future__ import annotations

import re

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.announcements import get_announcement
from models.dossier.reads import NotYours
from models.parsing.text import InputError
from models.tables import Announcement, AnnouncementStatus, User


class NotOwnDraft(NotYours):
    """An announcement the admin may not compose: another admin's draft, or one sent or cancelled.
    ``author``: the first name of whoever wrote it (None when unknown, their data erased)."""

    def __init__(self, announcement: Announcement, author: str | None) -> None:
        super().__init__(f"announcement {announcement.id} is not a draft of the asking admin")
        self.announcement, self.author = announcement, author


async def draft_in_progress(session: AsyncSession, author_id: int) -> Announcement | None:
    """The author's latest announcement still a draft (neither sent nor cancelled), if any."""
    rows = await session.exec(
        select(Announcement)
        .where(Announcement.created_by == author_id, Announcement.status == AnnouncementStatus.DRAFT)
        .order_by(Announcement.id.desc())
    )
    return rows.first()


async def own_draft(session: AsyncSession, announcement_id: int, admin_id: int) -> Announcement:
    """The announcement if it is still a draft and this admin wrote it; NotOwnDraft otherwise
    (AnnouncementError for none)."""
    announcement = await get_announcement(session, announcement_id)
    if announcement.status == AnnouncementStatus.DRAFT and announcement.created_by == admin_id:
        return announcement
    author = await session.get(User, announcement.created_by)
    raise NotOwnDraft(announcement, (author.first_name or None) if author else None)


LINK = re.compile(r"https?://\S+", re.IGNORECASE)
LINK_MAX = 500
TRAILING_SIGNS = ".,;:!?»\"'’”"  # after an address in a sentence: the sentence's, not the address's
CLOSING = {")": "(", "]": "[", ">": "<"}
NEXT_LINE_GLUED = re.compile(r"\r?\n\S")


def meeting_link(typed: str) -> str:
    """The one web address a typed answer holds: alone, or among words (« visio (https://…) », as a
    formatted link is read, or « le lien : https://… »), without the punctuation after it. None, or
    several different ones, is no answer: refused with the example (a guess is never stored); so is an
    address a line break cuts, the next line glued to it (« https://…/\nrdv », pasted from a mail: the
    address may go on there)."""
    found = set()
    for match in LINK.finditer(typed):
        address = _without_trailing_signs(match[0])
        cut = address == match[0] and NEXT_LINE_GLUED.match(typed, match.end())
        found.add("" if cut else address)
    link = found.pop() if len(found) == 1 else ""
    if not (LINK.fullmatch(link) and len(link) <= LINK_MAX and link.isprintable()):  # nothing invisible
        raise InputError("not_a_link", {"text": typed})
    return link


def _without_trailing_signs(address: str) -> str:
    """An address found in a sentence without the signs that end the sentence or close its brackets
    (« (https://…) », « https://…. »): a closing bracket the address does not open is not its own."""
    while address:
        last = address[-1]
        if last in TRAILING_SIGNS or (last in CLOSING and address.count(CLOSING[last]) < address.count(last)):
            address = address[:-1]
        else:
            break
    return address
