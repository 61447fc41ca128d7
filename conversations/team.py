"""The coop's team (from the home): who has joined; for the direction, the link for colleagues and
taking off the team a colleague who has left.

The federation gives each coop its first links; from then on the direction brings its colleagues in
itself, from the chat: the link is shown ready to forward, and replaced in one press if it went
further than it should (``models.team``).
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.render.formatting import format_day
from conversations.render.html import bold, e
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import nav_row
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, fitted, in_rows, keyboard
from conversations.ui.router import Step, button, screen
from locales import N_, Translator
from models.chat_state import Position
from models.clock import paris_time
from models.coops import JoinOutcome, JoinResult, invitation_link
from models.dossier.reads import NotAllowed, NotYours
from models.tables import MemberRole
from models.team import (
    JOINED_NEWS,
    REMOVED_NEWS,
    colleagues_link,
    remove_teammate,
    replace_colleagues_link,
    team_of,
    teammate,
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


@screen(states.TEAM)
async def team_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The members, the direction first; the direction's link for colleagues, or how to get it."""
    _ = context._
    coop = context.coop
    team = await team_of(session, coop.id)
    lines = [
        "🤝 " + bold(_("The team of {coop}").format(coop=coop.name)),
        e(
            context.t.ngettext("{n} person has joined", "{n} people have joined", len(team)).format(
                n=len(team)
            )
        ),
        "",
    ]
    for number, mate in enumerate(team, start=1):  # numbered: two Maries stay two (and so do buttons)
        role = " — " + _("direction") if mate.role == MemberRole.DIRECTION else ""
        lines.append(f"{number}. " + e(mate.name) + e(role))
    rows = []
    if context.visitor.is_direction:
        valid_for = timedelta(days=context.bot_data.invitation_days)
        link = await colleagues_link(
            session, coop, context.visitor.user.id, valid_for=valid_for, now=context.now()
        )
        lines += link_lines(context, link.token, link.expires_at)
        rows.append([(_("🔄 Replace the link"), cb.TEAM_NEW_LINK.pack())])
        others = [(n, m) for n, m in enumerate(team, start=1) if m.user_id != context.visitor.user.id]
        if others:
            lines += ["", e(_("A colleague has left the coop? Take them off the team:"))]
            buttons = [(fitted(f"➖ {n}. ", m.name), cb.TEAM_REMOVE.pack(m.user_id)) for n, m in others]
            rows += in_rows(buttons[:MOST_REMOVAL_BUTTONS])  # Telegram shows 100 buttons at most
    else:
        lines += ["", "ℹ️ " + e(_("To invite a colleague, ask your direction for the coop’s link."))]
    rows.append(nav_row(context))
    return Screen("\n".join(lines), keyboard(*rows))


async def open_team(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """🤝 Team."""
    return Step(Position(states.TEAM))


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
MOST_REMOVAL_BUTTONS = 90  # with the link's, back and home: within Telegram's 100 per keyboard
REMOVAL_SAID = N_(
    "They will no longer see the dossier nor receive its news; what they wrote stays. They are told."
)


@screen(states.TEAM_REMOVE)
async def remove_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Take this colleague off the team? What it does, said before."""
    _ = context._
    try:
        mate = await teammate(session, context.coop_id, int(data["id"]))
    except NotYours:  # taken off meanwhile (by the other direction member): the team as it is
        return await team_screen(context, session, {})
    question = _("Take {name} off the team of {coop}?").format(name=mate.name, coop=context.coop.name)
    lines = [
        "➖ " + bold(question),
        e(_(REMOVAL_SAID)),
    ]
    rows = [
        [(_("✅ Take off the team"), cb.TEAM_REMOVE_CONFIRM.pack(mate.user_id))],
        nav_row(context, cb.TEAM.pack()),
    ]
    return Screen("\n".join(lines), keyboard(*rows))


async def ask_removal(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """➖ A colleague (the direction only, never itself): confirm first."""
    direction_only(context, taken_off=args[0])
    mate = await teammate(session, context.coop_id, args[0])  # NotYours for anyone else
    return Step(Position(states.TEAM_REMOVE, {"id": mate.user_id}))


async def remove(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """✅ Take off the team: their membership ends now, and the outbox tells them."""
    direction_only(context, taken_off=args[0])
    name = await remove_teammate(session, context.coop, args[0], context.visitor.user.id, context.now())
    notice = "✅ " + e(context._("{name} no longer sees the dossier.").format(name=name))
    notice += "\n" + e(context._(TAKEN_BACK))
    return Step(Position(states.TEAM), notice)


async def render_removed(t: Translator, session: AsyncSession, data: dict, services) -> tuple:
    """The outbox's news for a person taken off their coop's team."""
    news = t.gettext(
        "You are no longer part of the team of {coop} in the Quali’Coop assistant: its direction took "
        "you off it. If this is a mistake, ask them for a new invitation link."
    ).format(coop=data["coop"])
    return "ℹ️ " + e(news), None, None


async def render_joined(t: Translator, session: AsyncSession, data: dict, services) -> tuple:
    """To the direction: someone joined the team by a link (written by ``onboarding.join``)."""
    if data["promoted"]:
        news = t.gettext("{name} is now part of the direction of {coop}.")
    else:
        role = t.gettext(ROLES[MemberRole(data["role"])])
        news = t.gettext("{name} joined the team of {coop} ({role}).").format(
            name="{name}", coop="{coop}", role=role
        )
    # a colleague promoted is known: the question is the direction link, which may have spread
    advice = PROMOTED_BY_LINK if data["promoted"] else NOT_OURS
    lines = ["🤝 " + e(news.format(name=data["name"], coop=data["coop"])), e(t.gettext(advice))]
    return "\n".join(lines), keyboard([(t.gettext("🤝 My team"), cb.TEAM.pack())]), None


ROLES = {MemberRole.MEMBER: N_("member"), MemberRole.DIRECTION: N_("direction")}
NOT_OURS = N_("Not someone of your coop? Take them off the team from “🤝 My team”.")
PROMOTED_BY_LINK = N_(
    "They used a direction link. If this was not meant, the link may have spread: ask the federation to "
    "withdraw it and make a new one; you may take them off the team from “🤝 My team”."
)
NOTICES = {REMOVED_NEWS: render_removed, JOINED_NEWS: render_joined}


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


def refusal_of(context: QualiContext, result: JoinResult, found: tuple | None) -> str:
    """Why a link let nobody in: one is in another coop, or was taken off this one's team since (and
    may be on it again, as a colleague: then only the older direction link is refused)."""
    if result.outcome is JoinOutcome.OTHER_COOP:
        return context._(OTHER_COOP[result.role]).format(coop=result.coop.name)
    day = format_day(context.t, paris_time(result.removed_at).date())
    on_team = found is not None and found[1].id == result.coop.id
    words = BACK_AS_MEMBER if on_team else REMOVED[result.role]
    return context._(words).format(coop=result.coop.name, date=day)


def handlers() -> list:
    """The team's buttons (members only; the link and the removals, the direction only)."""
    return [
        button(cb.TEAM, open_team),
        button(cb.TEAM_NEW_LINK, replace_link),
        button(cb.TEAM_REMOVE, ask_removal),
        button(cb.TEAM_REMOVE_CONFIRM, remove),
    ]
