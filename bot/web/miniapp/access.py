"""What a checked Telegram user may open in the Mini App: exactly their rights in the chat.

A member opens their coop's current dossier, editable while it is not submitted; the committee
and the federation's admins read a dossier the committee follows (submitted or later, or an earlier
cycle closed since), read-only.
Anyone else is refused (403), and so is any id that is not theirs to see; an id no table holds is a
forged request (400).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.web.miniapp.auth import InitData
from bot.web.miniapp.texts import (
    NO_DOSSIER,
    NOT_A_MEMBER,
    NOT_RETAINED_AGAIN,
    NOT_SUBMITTED,
    NOT_THEIR_DOSSIER,
)
from conversations.render.input_errors import Answer, answer_at
from conversations.ui.context import COMMITTEE_ONLY, WAY_FORWARD, BotServices, Visitor
from conversations.ui.middleware import no_longer_member, visitor_of
from locales import Translator, normalize_language, translator, translator_for
from models.dossier.attachments import check_letter_rights
from models.dossier.current import current_dossier
from models.dossier.reads import EDITABLE, DossierError
from models.label.committee import dossier_with_coop, followed_by_committee, refused_again
from models.tables import Attachment, Coop, Dossier
from models.tables.base import ROW_ID_MAX
from models.users import Visit as UserVisit
from models.users import federation_roles, known_user, load_visit, refresh_user


class Forbidden(Exception):
    """A genuine Telegram user who may not see or do this: 403 (``said``: why, in their words)."""

    def __init__(self, reason: str, said: str | None = None, t: Translator | None = None) -> None:
        super().__init__(reason)
        self.said, self.t = said, t  # ``t``: the language it is said in, when refused before the visit


@dataclass(frozen=True)
class Visit:
    """Who opened the Mini App, in which language, and the dossier they opened (None: the list)."""

    visitor: Visitor
    t: Translator
    dossier: Dossier | None = None
    coop: Coop | None = None
    editable: bool = False  # the visitor may change this dossier now
    # its day in Paris and the next meeting, by the bot's clock: what its fields' parsers and examples use
    answer: Answer | None = None

    @property
    def today(self) -> date | None:
        """Today in Paris, by the bot's clock."""
        return self.answer.today if self.answer is not None else None

    @property
    def is_federation(self) -> bool:
        """The committee or an admin of the federation."""
        return self.visitor.is_committee or self.visitor.is_admin

    @property
    def is_member(self) -> bool:
        """Whether the visitor is on the team of the visited dossier's coop."""
        return (
            self.coop is not None and self.visitor.coop is not None and self.visitor.coop.id == self.coop.id
        )

    def may_rename(self, attachment: Attachment) -> bool:
        """Whether the visitor may change a document's label (the letter is the direction's)."""
        try:
            check_letter_rights(attachment, self.visitor.is_direction)
        except DossierError:
            return False
        return self.editable

    @property
    def member_coop_id(self) -> int:
        """The coop whose rows this visitor may change (Forbidden for the federation's staff)."""
        if self.visitor.coop is None:
            raise Forbidden("not a member of a coop")
        return self.visitor.coop.id


async def open_visit(
    session: AsyncSession,
    services: BotServices,
    init: InitData,
    dossier_id: int | None,
    listing: bool = False,
) -> Visit:
    """The visit of a checked user, to their own dossier or, for the federation, a followed one, or
    the committee's list when ``listing`` asks for it (a committee member who is on a coop's team too);
    Forbidden says why not in their words (their language, else their Telegram app's)."""
    visit = await known_visit(session, services, init)
    default = init_language(init, services.default_language)
    if visit is None:  # never talked to the bot, or erased their data: no coop, no role
        raise Forbidden(f"unknown user {init.user_id}", translator(default).gettext(NOT_A_MEMBER))
    user, visitor = visit.user, visitor_of(visit, services.admin_ids)
    t = translator_for(user, default)
    answer = answer_at(t.language, services.clock(), services.committee_dates)
    federation = visitor.is_committee or visitor.is_admin
    if listing and federation and dossier_id is None:  # whatever their coop: its dossier is the menu's
        return Visit(visitor, t, answer=answer)
    if visitor.coop is not None:
        own = await current_dossier(session, visitor.coop.id)
        if own is not None and dossier_id in (None, own.id):
            return Visit(visitor, t, own, visitor.coop, editable=own.status in EDITABLE, answer=answer)
    if not federation:
        if visitor.coop is None and (listing or dossier_id is not None):  # a committee's page (its role
            # taken back since): refused as /comite refuses them
            said = f"{t.gettext(COMMITTEE_ONLY)} {t.gettext(WAY_FORWARD[False])}"
        elif visitor.coop is None:  # taken off their coop's team (said so), or never in one
            said = await no_longer_member(session, t, user.id) or t.gettext(NOT_A_MEMBER)
        else:  # another coop's dossier, or their own coop's of an earlier cycle (an old page)
            said = t.gettext(NOT_THEIR_DOSSIER)
        raise Forbidden(f"user {user.id} may not open dossier {dossier_id}", said, t)
    if dossier_id is None:
        return Visit(visitor, t, answer=answer)
    found = await dossier_with_coop(session, dossier_id)  # an earlier cycle too: the chat's « Relire »
    if found is None or not followed_by_committee(found[0].status):
        raise Forbidden(f"dossier {dossier_id} is not one the federation reads", not_read(t, found), t)
    return Visit(visitor, t, found[0], found[1], answer=answer)


def not_read(t: Translator, found: tuple[Dossier, Coop] | None) -> str:
    """Why the federation does not read a dossier: none such; a candidacy not retained that its coop
    prepares again (said as /comite says it: it comes back once submitted); else not submitted yet."""
    if found is None:
        return t.gettext(NO_DOSSIER)
    if refused_again(found[0]):
        return " ".join(map(t.gettext, NOT_RETAINED_AGAIN))
    return t.gettext(NOT_SUBMITTED)


async def known_visit(session: AsyncSession, services: BotServices, init: InitData) -> UserVisit | None:
    """Who opened the page, their row refreshed with what Telegram tells of them, as the chat does at
    every update: the language their Telegram app speaks now is the page's (and the chat's) unless they
    chose one. Federation staff who never wrote to the bot are registered as the chat registers them
    (their list is here); anyone else unknown stays unknown (refused, nothing of them kept)."""
    now = services.clock()
    visit = await load_visit(session, init.user_id)
    if visit is None and await is_federation_staff(session, services, init.user_id):
        await known_user(session, init.user_id, now)
        visit = await load_visit(session, init.user_id)
    if visit is not None:
        told = {"first_name": init.first_name, "username": init.username}
        refresh_user(session, visit.user, **told, telegram_language=init.language_code, now=now)
    return visit


async def is_federation_staff(session: AsyncSession, services: BotServices, telegram_id: int) -> bool:
    """An admin of the settings, or an id given a federation role (the committee, an admin)."""
    return telegram_id in services.admin_ids or bool(await federation_roles(session, telegram_id))


def init_language(init: InitData, default: str) -> str:
    """The language of someone the bot may not know: their Telegram app's, if supported."""
    return normalize_language(init.language_code) or default


def check_ids(values: list) -> None:
    """ValueError for anything but a row id: a whole number (not a boolean, not 1.5), or a text of ASCII
    digits (« +9 », « 9_9 », « 9 » with a space, which ``int`` reads, are not), within ``ROW_ID_MAX`` (a
    forged id beyond it would fail in PostgreSQL, not as a row not found)."""
    for value in values:
        if isinstance(value, str) and re.fullmatch(r"-?[0-9]+", value):
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > ROW_ID_MAX:
            raise ValueError(f"not an id: {str(value)[:40]!r}")


def typed_value(change: dict) -> str:
    """A change's typed value: TypeError for anything but a text (the page sends texts; ``null`` or a list
    would be stored as « None » or « ['a'] »)."""
    if not isinstance(value := change["value"], str):
        raise TypeError(f"a value is a text, not {type(value).__name__}")
    return value
