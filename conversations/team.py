"""The coop's team (from the home): who has joined, and for the direction, the link for colleagues.

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
from conversations.ui.messages import Screen, keyboard
from conversations.ui.router import Step, button, screen
from models.chat_state import Position
from models.clock import paris_time
from models.coops import invitation_link
from models.dossier.reads import NotAllowed
from models.tables import MemberRole
from models.team import colleagues_link, replace_colleagues_link, team_of


def link_lines(context: QualiContext, token: str, expires_on) -> list[str]:
    """The link for colleagues, with what it does and until when."""
    _ = context._
    coop = context.visitor.coop.name
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
    coop = context.visitor.coop
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
    for mate in team:
        role = " — " + _("direction") if mate.role == MemberRole.DIRECTION else ""
        lines.append("• " + e(mate.name) + e(role))
    rows = []
    if context.visitor.is_direction:
        valid_for = timedelta(days=context.bot_data.invitation_days)
        link = await colleagues_link(
            session, coop, context.visitor.user.id, valid_for=valid_for, now=context.now()
        )
        lines += link_lines(context, link.token, link.expires_at)
        rows.append([(_("🔄 Replace the link"), cb.TEAM_NEW_LINK.pack())])
    else:
        lines += ["", "ℹ️ " + e(_("To invite a colleague, ask your direction for the coop’s link."))]
    rows.append(nav_row(context))
    return Screen("\n".join(lines), keyboard(*rows))


async def open_team(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """🤝 Team."""
    return Step(Position(states.TEAM))


async def replace_link(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """🔄 Replace the link (the direction only): the old one stops working at once."""
    if not context.visitor.is_direction:
        raise NotAllowed("only the direction hands out the coop's link")
    valid_for = timedelta(days=context.bot_data.invitation_days)
    await replace_colleagues_link(
        session, context.visitor.coop, context.visitor.user.id, valid_for=valid_for, now=context.now()
    )
    notice = "✅ " + e(context._("Here is a new link: the previous one no longer works."))
    return Step(Position(states.TEAM), notice)


def handlers() -> list:
    """The team's buttons (members only; replacing the link, the direction only)."""
    return [button(cb.TEAM, open_team), button(cb.TEAM_NEW_LINK, replace_link)]
