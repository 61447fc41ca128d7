"""An invitation link sent as text (never a consultation's comment), the wait after failed links, and why
a link let nobody in: one is on another coop's team, or was taken off this one's. A consultation's public
link sent as text is opened as well: its ballot.

Each refusal names the real way out: the coop's direction takes a colleague off its team; the
federation makes direction links; and the only member of a direction, or a member of a coop with no
direction in the assistant, whom nobody can take off, erases their data or asks the federation for a new
direction.
"""

from __future__ import annotations

import re
from datetime import datetime
from math import ceil

from telegram import Update

from conversations.render.commitments.consultations import link_refusal
from conversations.render.formatting import format_day
from conversations.ui.context import QualiContext
from conversations.ui.messages import reply
from conversations.ui.router import open_position
from conversations.ui.states import BALLOT
from locales import N_
from models.chat_state import Position
from models.clock import paris_time
from models.consultations.opening import open_by_link
from models.consultations.store import LINK_PREFIX
from models.coops import JoinOutcome, JoinResult
from models.tables import MemberRole
from models.tables.columns import TOKEN_ALPHABET, new_token

# a link the bot gives (models.coops.invitation_link), pasted whole or in part, or the code alone: an
# invitation's code is of letters and digits only, and ends where they do (« ?start=c_… », a
# consultation's public link, holds no invitation « c »)
INVITATION_LINK = re.compile(
    r"(?:https?://)?(?:t|telegram)\.me/(\w+)/?\?start=([A-Za-z0-9]+)(?!\w)", re.IGNORECASE
)
INVITATION_CODE = re.compile(f"[{TOKEN_ALPHABET}]{{{len(new_token())}}}")  # as long as the codes made
# a consultation's public link (models.consultations.store.LINK_PREFIX, then a code of the same letters)
CONSULTATION_LINK = re.compile(
    rf"(?:https?://)?(?:t|telegram)\.me/(\w+)/?\?start={LINK_PREFIX}([A-Za-z0-9]+)(?!\w)", re.IGNORECASE
)
LINK_AFTER = " .,;:!?)»\u00a0"  # what may follow a link alone: a sentence's end, a closing mark


def invitation_in(text: str, bot_username: str, within_words: bool = False) -> str | None:
    """The invitation code a text is made of: a link of this bot (t.me or telegram.me, with or without
    https://; a full stop after it, as at a sentence's end) or the code alone; with ``within_words`` (from
    someone in no coop, whose text can mean nothing else), also a link among the words it was copied with
    (« Voici le lien : … »). None for any other text, or for links to two different codes."""
    text = text.strip()
    if (code := link_code(INVITATION_LINK, text, bot_username, within_words)) is not None:
        return code
    return text if INVITATION_CODE.fullmatch(text) else None


def consultation_in(text: str, bot_username: str, within_words: bool = False) -> str | None:
    """The public link's code a text is made of (a link of this bot to a consultation, with or without
    https://), or holds among other words with ``within_words``, as an invitation's; None otherwise."""
    return link_code(CONSULTATION_LINK, text, bot_username, within_words)


def link_code(pattern: re.Pattern, text: str, bot_username: str, within_words: bool) -> str | None:
    """The one code the text's links of this bot carry; None: none, or two different ones. Without
    ``within_words``, the text must be the link alone (a member's sentence quoting one is their words)."""
    text = text.strip()
    alone = pattern.fullmatch(text.rstrip(LINK_AFTER))
    links = pattern.finditer(text) if within_words else [alone] if alone else []
    codes = {link[2] for link in links if link[1].lower() == bot_username.lower()}
    return codes.pop() if len(codes) == 1 else None


async def open_pasted_ballot(update: Update, context: QualiContext, token: str) -> None:
    """A consultation's public link sent as text: opened as ``/start c_<token>`` opens it (the consultation
    journey's ``ballot.open_link``, which another journey may not call): while it is open, the link's
    access given and its ballot; else the same words as the link tapped."""
    _ = context._
    async with context.db.transaction() as session:
        consultation, state = await open_by_link(session, token, context.visitor.user.id, context.now())
    if said := link_refusal(context.t, consultation, state):
        await reply(update, said)
    else:
        await open_position(update, context, Position(BALLOT, {"id": consultation.id}))


def held_text(context: QualiContext, until: datetime, last: JoinOutcome, now: datetime) -> str:
    """Why a link is not tried now, for how long, and what to open then: the coop's link, or a new one
    when the last link that failed was a dead one (opening it again after the wait cannot help, where an
    unknown one may have been a link cut short)."""
    minutes = max(1, ceil((until - now).total_seconds() / 60))
    if last is JoinOutcome.EXPIRED:
        text = context.t.ngettext(
            "Too many invitation links did not work, and the last one had expired: it will never work "
            "again. Ask your coop’s direction or the federation for a new link, and open it in {n} minute.",
            "Too many invitation links did not work, and the last one had expired: it will never work "
            "again. Ask your coop’s direction or the federation for a new link, and open it in {n} minutes.",
            minutes,
        )
    elif last is JoinOutcome.REVOKED:
        text = context.t.ngettext(
            "Too many invitation links did not work, and the last one had been withdrawn: it will never "
            "work again. Ask your coop’s direction or the federation for a new link, and open it in {n} "
            "minute.",
            "Too many invitation links did not work, and the last one had been withdrawn: it will never "
            "work again. Ask your coop’s direction or the federation for a new link, and open it in {n} "
            "minutes.",
            minutes,
        )
    else:
        text = context.t.ngettext(
            "Too many invitation links did not work. Please wait {n} minute, then open the link your "
            "coop sent you.",
            "Too many invitation links did not work. Please wait {n} minutes, then open the link your "
            "coop sent you.",
            minutes,
        )
    return text.format(n=minutes)


# an invitation link typed on a ballot is never a consultation's comment, shown as written to the coop
NEVER_A_COMMENT = {
    True: N_(  # in no coop: pasted on the ballot itself, it joins
        "An invitation link is never kept as a comment: comments are shown to the coop as written. To join "
        "a coop’s team with it, press “⬅️ Back”, then send it again on its own."
    ),
    False: N_(  # already on a team, or the federation's: pasting it joins nothing
        "An invitation link is never kept as a comment: comments are shown to the coop as written. To use "
        "it, tap it in the message you received it in."
    ),
}


def never_a_comment(context: QualiContext, *, may_join: bool) -> str:
    """Why a pasted invitation link is not a consultation's comment, and the way to use it: from the ballot
    for someone it can join (``may_join``), else tapped where it was received."""
    return context._(NEVER_A_COMMENT[may_join])


OTHER_COOP = {  # the way out of one's coop: its direction takes one off its team
    MemberRole.MEMBER: N_(
        "You are already a member of {coop}. This link is for another coop, so nothing was changed. If you "
        "have moved to another coop, ask the direction of {coop} to take you off its team (“🤝 My team”), "
        "then open this link again."
    ),
    MemberRole.DIRECTION: N_(
        "You are already a member of {coop}. This link is for another coop, so nothing was changed. If you "
        "have moved to another coop, ask another member of the direction of {coop} to take you off its team "
        "(“🤝 My team”), then open this link again."
    ),
}
# the only member of a direction: nobody can take them off, so the way out is theirs or the federation's
OTHER_COOP_SOLE_DIRECTION = N_(
    "You are already a member of {coop}. This link is for another coop, so nothing was changed. You are "
    "the only member of the direction of {coop}, so nobody there can take you off its team. If you have "
    "moved to another coop, erase your data with /erase (what you contributed to the dossier stays, "
    "attributed to “former member”) then open this link again; or first ask the federation "
    "(/federation) to invite a new direction for {coop}, who can then take you off its team."
)
# a coop with no direction in the assistant (erased, or never came): nobody there can take them off either
OTHER_COOP_NO_DIRECTION = N_(
    "You are already a member of {coop}. This link is for another coop, so nothing was changed. {coop} has "
    "no direction in the assistant, so nobody there can take you off its team. If you have moved to another "
    "coop, erase your data with /erase (what you contributed to the dossier stays, attributed to “former "
    "member”) then open this link again; or first ask the federation (/federation) to invite a new direction "
    "for {coop}, who can then take you off its team."
)
REMOVED = {  # who takes one back: the direction for its colleagues, the federation for the direction
    MemberRole.MEMBER: N_(
        "Your removal from the team of {coop} dates from {date}: this link is older, so it no longer lets "
        "you in. Ask its direction for a new link."
    ),
    MemberRole.DIRECTION: N_(
        "Your removal from the team of {coop} dates from {date}: this link is older, so it no longer lets "
        "you in. Ask the federation for a new link."
    ),
}
# taken back as a colleague since: the older direction link no longer makes them part of the direction
BACK_AS_MEMBER = N_(
    "You are part of the team of {coop} as a member. This direction link is older than your removal from "
    "the team ({date}), so it no longer works for you: to join the direction, ask the federation for a new "
    "link."
)

# a member of the link's coop already: a dead direction link no longer makes them part of its direction
NOT_MADE_DIRECTION = {
    JoinOutcome.EXPIRED: N_(
        "You are part of the team of {coop} as a member. This direction link has expired, so it no longer "
        "works: to join the direction, ask the federation for a new link."
    ),
    JoinOutcome.REVOKED: N_(
        "You are part of the team of {coop} as a member. This direction link has been withdrawn, so it no "
        "longer works: to join the direction, ask the federation for a new link."
    ),
}


def not_made_direction(context: QualiContext, result: JoinResult) -> str:
    """Why a member of the coop opening its expired or withdrawn direction link stays a member, and who
    makes direction links (never a failed join: they are on the team)."""
    return context._(NOT_MADE_DIRECTION[result.outcome]).format(coop=result.coop.name)


def refusal_of(
    context: QualiContext, result: JoinResult, found: tuple | None, *, sole_direction: bool = False
) -> str:
    """Why a link let nobody in: one is in another coop (``sole_direction``: as its only direction
    member; or one of a coop with no direction, read with the visitor), or was taken off this one's team
    since (and may be on it again, as a colleague: then only the older direction link is refused)."""
    if result.outcome is JoinOutcome.OTHER_COOP:
        words = OTHER_COOP[result.role]
        if sole_direction or not context.visitor.coop_has_direction:  # nobody there to take them off
            words = OTHER_COOP_SOLE_DIRECTION if sole_direction else OTHER_COOP_NO_DIRECTION
        return context._(words).format(coop=result.coop.name)
    day = format_day(context.t, paris_time(result.removed_at).date())
    on_team = found is not None and found[1].id == result.coop.id
    words = BACK_AS_MEMBER if on_team else REMOVED[result.role]
    return context._(words).format(coop=result.coop.name, date=day)
