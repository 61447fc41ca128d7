"""The team's screens: who has joined; for the direction, the link for colleagues and taking a
colleague who has left off the team."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from functools import partial

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.render.formatting import format_day
from conversations.render.html import bold, e, escaped_within, units
from conversations.render.notifications import moment_said
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import Page, nav_row, page_in, page_turns
from conversations.ui.context import QualiContext
from conversations.ui.messages import Button, Screen, fitted, in_rows, keyboard
from conversations.ui.router import Step, screen
from locales import N_
from models.chat_state import Position
from models.clock import paris_time
from models.coops import invitation_link
from models.dossier.reads import NotAllowed, NotYours
from models.privacy.erase import direction_gone
from models.tables import MemberRole
from models.team import (
    Teammate,
    colleagues_link,
    no_person_has,
    removal_from_team,
    remove_teammate,
    replace_colleagues_link,
    team_of,
    teammate,
)

# the « / » menu of a person taken off the team, set anew once it is committed: by the journey that lists
# each person's commands (onboarding's), which the composition root adds here (journeys import no other)
MENU_SETTERS: list[Callable[[QualiContext, int], Awaitable[None]]] = []

ASK_THE_DIRECTION = N_("To invite a colleague, ask your direction for the coop’s link.")
# nobody of the direction left (the last one erased their data): the federation is told, and only it
# makes direction links
NO_DIRECTION = N_(
    "{coop} has no member of the direction in the assistant any more: the federation has been told, and "
    "only it can invite a new direction (you may write to it with /federation). Until then, nobody can "
    "hand out the link for colleagues nor submit the dossier."
)
# nobody of the direction came yet (a member joined first, by the colleagues' link): nobody was told
NOT_COME_YET = N_(
    "{coop} has nobody of its direction in the assistant yet: the direction hands out the link for "
    "colleagues and submits the dossier. Ask it to open the direction link the federation sent it, or ask "
    "the federation for one with /federation."
)


def link_lines(context: QualiContext, token: str, expires_on) -> list[str]:
    """The link for colleagues, with what it does and until when."""
    _ = context._
    coop = context.coop.name
    until = format_day(context.t, paris_time(expires_on).date())
    return [
        "",
        "🔗 " + bold(_("Invite a colleague")),
        e(_("Send them this link: whoever opens it joins {coop} as a member, until {date}.")).format(
            coop=e(coop), date=e(until)
        ),
        e(invitation_link(context.bot.username, token)),
        e(_("If it went further than it should, replace it: the old one stops working; who joined stays.")),
    ]


PAGE_SIZE = 40  # people per page: a page's names and buttons stay one message, within Telegram's limits
# of a name as the list shows it, as HTML (« R&D » is 7): 40 names of Telegram's longest (129) would not fit
NAME_UNITS = 48
MIN_NAME_UNITS = 12  # what a first name keeps beside Telegram's longest @username (32 characters)


def page_of(team: list[Teammate], user_id: int) -> int:
    """The page of the team a member is listed on (the first, for someone no longer on it)."""
    numbers = [n for n, mate in enumerate(team) if mate.user_id == user_id]
    return Page.holding(numbers[0] if numbers else None, len(team), PAGE_SIZE).number


def listed_name(mate: Teammate) -> str:
    """« Camille (@cdupont) » as HTML within ``NAME_UNITS``: the @username whole (it tells two Camilles
    apart), the first name cut to leave it room."""
    handle = e(f" (@{mate.username})") if mate.username else ""
    return escaped_within(mate.name, max(NAME_UNITS - units(handle), MIN_NAME_UNITS)) + handle


def removal_rows(context: QualiContext, listed: list[tuple[int, Teammate]]) -> list[list[Button]]:
    """« ➖ 3. Bob », for each colleague of the page but the visitor (nobody takes themselves off)."""
    others = [(n, mate) for n, mate in listed if mate.user_id != context.visitor.user.id]
    buttons = [(fitted(f"➖ {n}. ", mate.name), cb.TEAM_REMOVE.pack(mate.user_id)) for n, mate in others]
    return in_rows(buttons)


@screen(states.TEAM)
async def team_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The members, the direction first, a page at a time; the direction's link for colleagues and
    the removals, or how to get the link."""
    _, coop = context._, context.coop
    team = await team_of(session, coop.id)
    page = page_in(len(team), data.get("page"), PAGE_SIZE)
    listed = page.numbered(team)  # numbered across pages: two Maries stay two (and so do buttons)
    joined = context.t.ngettext("{n} person has joined", "{n} people have joined", len(team))
    lines = ["🤝 " + bold(_("The team of {coop}").format(coop=coop.name)), e(joined.format(n=len(team))), ""]
    for number, mate in listed:
        role = " — " + _("direction") if mate.role == MemberRole.DIRECTION else ""
        lines.append(f"{number}. " + listed_name(mate) + e(role))
    turn_lines, turn_row = page_turns(context, page, cb.TEAM.pack)
    lines += turn_lines
    rows = [turn_row]
    if context.visitor.is_direction:
        valid_for = timedelta(days=context.bot_data.invitation_days)
        link = await colleagues_link(
            session, coop, context.visitor.user.id, valid_for=valid_for, now=context.now()
        )
        lines += link_lines(context, link.token, link.expires_at)
        rows.append([(_("🔄 Replace the link"), cb.TEAM_NEW_LINK.pack())])
        if len(team) > 1:
            lines += ["", e(_("A colleague has left the coop? Take them off the team:"))]
            rows += removal_rows(context, listed)
    elif any(mate.role == MemberRole.DIRECTION for mate in team):
        lines += ["", "ℹ️ " + e(_(ASK_THE_DIRECTION))]
    else:
        said = NO_DIRECTION if await direction_gone(session, coop.id) else NOT_COME_YET
        lines += ["", "ℹ️ " + e(_(said).format(coop=coop.name))]
    rows.append(nav_row(context))
    return Screen("\n".join(lines), keyboard(*rows))


async def open_team(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """🤝 Team, at a page (⬅️ ➡️)."""
    return Step(Position(states.TEAM, {"page": args[0]} if args and args[0] else {}))


def direction_only(context: QualiContext, taken_off: int | None = None) -> None:
    """NotAllowed unless the direction asks (and, taking someone off the team, not about itself)."""
    if not context.visitor.is_direction or taken_off == context.visitor.user.id:
        raise NotAllowed("only the direction hands out the link and takes colleagues off the team")


async def replace_link(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """🔄 Replace the link (the direction only): the old one stops working at once."""
    direction_only(context)
    valid_for = timedelta(days=context.bot_data.invitation_days)
    await replace_colleagues_link(
        session, context.coop, context.visitor.user.id, valid_for=valid_for, now=context.now()
    )
    notice = "✅ " + e(context._("Here is a new link: the previous one no longer works."))
    return Step(Position(states.TEAM), notice)


TAKEN_BACK = N_(
    "The links made until now no longer let them back in, unless they erase their data in the assistant: "
    "they then come back as a new person, and you are told of every arrival on the team. To take them back "
    "one day, replace the link (“🔄 Replace the link”) and send them the new one."
)
# a member of the direction came in by the federation's direction link, which replacing the colleagues'
# link does not touch: erasing their data, they would be the direction again by it
DIRECTION_LINK_STAYS = N_(
    "They were part of the direction: the federation’s direction link still works, and would make them "
    "part of it again if they erased their data. Ask the federation (/federation) to withdraw it and make "
    "a new one."
)
REMOVAL_SAID = N_(
    "They will no longer see the dossier nor receive its news; what they wrote stays. They are told."
)


def team_data(page: int) -> str:
    """The callback data of « 🤝 My team » at a page (the first one's, as before pages, for page 0)."""
    return cb.TEAM.pack(page) if page else cb.TEAM.pack()


@screen(states.TEAM_REMOVE)
async def remove_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Take this colleague off the team? What it does, said before."""
    _ = context._
    team = await team_of(session, context.coop_id)
    mate = next((mate for mate in team if mate.user_id == int(data["id"])), None)
    if mate is None:  # taken off meanwhile (by the other direction member): the team as it is
        return await team_screen(context, session, {})
    question = _("Take {name} off the team of {coop}?").format(name=mate.known_as, coop=context.coop.name)
    lines = ["➖ " + bold(question), *which_namesake(context, team, mate), e(_(REMOVAL_SAID))]
    rows = [
        [(_("🗑 Yes, take them off the team"), cb.TEAM_REMOVE_CONFIRM.pack(mate.user_id))],
        nav_row(context, team_data(page_of(team, mate.user_id))),
    ]
    return Screen("\n".join(lines), keyboard(*rows))


def which_namesake(context: QualiContext, team: list[Teammate], mate: Teammate) -> list[str]:
    """Whom of several colleagues of the same first name the confirmation is about: their number on the
    list (the button's) and when they joined; nothing for a first name only one colleague has."""
    same = [other for other in team if other.name.casefold() == mate.name.casefold()]
    if len(same) < 2 or mate.joined_at is None:
        return []
    number = team.index(mate) + 1
    said = context._(
        "Several people on the team are called {name}: this is no. {number} on the list, who joined the "
        "team {moment}."
    ).format(name=mate.name, number=number, moment=moment_said(context.t, mate.joined_at, context.now()))
    return ["ℹ️ " + e(said)]


async def already_gone(context: QualiContext, session: AsyncSession, user_id: int) -> Step:
    """A button about someone taken off the team since it was drawn (by the other member of the direction,
    or by oneself from another screen): said plainly, with the team as it is now. Anyone never on this
    coop's team (a forged button: another coop's member) is refused as before, NotYours. Someone who erased
    their data since is no one any more: a plain line, naming nobody (a forged button's unknown id gets it
    too, which tells nothing)."""
    _ = context._
    removal = await removal_from_team(session, context.coop_id, user_id)
    if removal is None and await no_person_has(session, user_id):
        return Step(Position(states.TEAM), "ℹ️ " + e(_("This person is no longer on the team.")))
    if removal is None:
        raise NotYours(f"user {user_id} was never on the team of coop {context.coop_id}")
    day = format_day(context.t, paris_time(removal.at).date())
    if removal.by_id == context.visitor.user.id:
        said = _("{name} is already off the team (taken off by you on {date}).")
    elif removal.by is not None:
        said = _("{name} is already off the team (taken off by {by} on {date}).")
    else:  # the one who took them off has erased their data since
        said = _("{name} is already off the team (taken off on {date}).")
    return Step(Position(states.TEAM), "ℹ️ " + e(said.format(name=removal.name, by=removal.by, date=day)))


async def ask_removal(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """➖ A colleague (the direction only, never itself): confirm first."""
    direction_only(context, taken_off=args[0])
    try:
        mate = await teammate(session, context.coop_id, args[0])
    except NotYours:  # no longer on the team, or never was
        return await already_gone(context, session, args[0])
    return Step(Position(states.TEAM_REMOVE, {"id": mate.user_id}))


async def remove(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """🗑 Yes, take them off the team: their membership ends now, and the outbox tells them."""
    direction_only(context, taken_off=args[0])
    try:
        mate = await teammate(session, context.coop_id, args[0])
        page = page_of(await team_of(session, context.coop_id), mate.user_id)  # back where they were listed
        await remove_teammate(session, context.coop, args[0], context.visitor.user.id, context.now())
    except NotYours:  # no longer on the team (taken off just now, maybe by another instance), or never was
        return await already_gone(context, session, args[0])
    notice = "✅ " + e(context._("{name} no longer sees the dossier.").format(name=mate.known_as))
    notice += "\n" + e(context._(TAKEN_BACK))
    if mate.role == MemberRole.DIRECTION:
        notice += "\n" + e(context._(DIRECTION_LINK_STAYS))
    after = partial(set_menu_of_taken_off, mate.user_id)
    return Step(Position(states.TEAM, {"page": page} if page else {}), notice, after=after)


async def set_menu_of_taken_off(user_id: int, update, context: QualiContext) -> None:
    """Their « / » menu without the coop's commands (``MENU_SETTERS``), the removal committed."""
    for set_menu in MENU_SETTERS:
        await set_menu(context, user_id)
