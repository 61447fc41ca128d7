"""What the team's events send through the outbox, rendered when they go out: to a person taken off
a team, to the direction of someone's arrival, to the federation's admins and to its members left of a coop
left with no direction."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.render.html import bold, e
from conversations.render.notifications import named
from conversations.ui import callbacks as cb
from conversations.ui.messages import keyboard
from locales import N_, Translator
from models.dossier.reads import NotYours
from models.privacy.erase import WITHOUT_DIRECTION_NEWS, direction_gone, erased_in
from models.tables import MemberRole, User
from models.team import JOINED_NEWS, REMOVED_NEWS, known_as

ROLES = {MemberRole.MEMBER: N_("member"), MemberRole.DIRECTION: N_("direction")}
NOT_OURS = N_("Not from your coop? Take them off the team from “🤝 My team”.")
# said of anyone who came in by a direction link, promoted or new: only the federation withdraws it
PROMOTED_BY_LINK = N_(
    "They used a direction link. If this was not meant, the link may have spread: ask the federation to "
    "withdraw it and make a new one; you may take them off the team from “🤝 My team”."
)


# the way back of one taken off a team: the direction's link for colleagues, the federation's for it
REMOVED_NEWS_SAID = {
    MemberRole.MEMBER: N_(
        "You are no longer part of the team of {coop} in the Quali’Coop assistant: its direction took "
        "you off it. If this is a mistake, ask them for a new invitation link."
    ),
    MemberRole.DIRECTION: N_(
        "You are no longer part of the team of {coop} in the Quali’Coop assistant: its direction took "
        "you off it. If this is a mistake, ask the federation for a new direction link."
    ),
}


async def render_removed(t: Translator, session: AsyncSession, data: dict, services) -> tuple:
    """The outbox's news for a person taken off their coop's team, the way back as their role was (a
    colleague's before 8 December 2026: the role was not written)."""
    news = t.gettext(REMOVED_NEWS_SAID[MemberRole(data.get("role", MemberRole.MEMBER.value))])
    return "ℹ️ " + e(news.format(coop=data["coop"])), None, None


async def render_joined(t: Translator, session: AsyncSession, data: dict, services) -> tuple:
    """To the direction: someone joined the team by a link (written by ``onboarding.join``); not sent
    once they erased their data (nobody left to take off the team, nothing to check)."""
    if erased_in(data):  # not a newcomer whose first name is the mark: the direction hears of them
        raise NotYours("the newcomer erased their data")
    role = t.gettext(ROLES[MemberRole(data["role"])])  # formatted once: « de » elided before the coop
    if data["promoted"]:
        news = t.gettext("{name} is now part of the direction of {coop}.")
    else:
        news = t.gettext("{name} joined the team of {coop} ({role}).")
    # a direction link may have spread (or still lets in a director taken off who erased their data):
    # only the federation withdraws it, so taking them off again alone would go round in circles
    by_direction_link = data["promoted"] or data["role"] == MemberRole.DIRECTION.value
    advice = PROMOTED_BY_LINK if by_direction_link else NOT_OURS
    newcomer = await session.get(User, data["by"]) if "by" in data else None  # before 4 December: no id
    name = known_as(named(t, data), newcomer.username if newcomer is not None else None)
    lines = ["🤝 " + e(news.format(name=name, coop=data["coop"], role=role)), e(t.gettext(advice))]
    return "\n".join(lines), keyboard([(t.gettext("🤝 My team"), cb.TEAM.pack())]), None


async def render_without_direction(t: Translator, session: AsyncSession, data: dict, services) -> tuple:
    """To the federation's admins: a coop's last direction member erased their data (to its members left:
    ``render_direction_gone``)."""
    if data.get("team"):
        return await render_direction_gone(t, session, data)
    head = t.gettext("{coop} has no direction in the assistant any more").format(coop=data["coop"])
    said = t.gettext(
        "Its last member of the direction erased their personal data. Until a new direction is invited (a "
        "direction link, made with “qualicoop coop invite”), nobody there can submit the dossier, provide "
        "the commitment letter, send a checkpoint report or invite colleagues."
    )
    return "🏛 " + bold(head) + "\n" + e(said), None, None


async def render_direction_gone(t: Translator, session: AsyncSession, data: dict) -> tuple:
    """To a coop's members left: its last member of the direction erased their data, so nobody can submit
    or provide the letter; the federation, told, is who they write to. Not sent once a direction is back."""
    if not await direction_gone(session, data["coop_id"], came=True):
        raise NotYours("the coop has a direction again")
    head = t.gettext("{coop} has no direction in the assistant any more").format(coop=data["coop"])
    said = t.gettext(
        "Its last member of the direction erased their data in the assistant: until a new direction joins, "
        "nobody can submit the dossier nor provide the commitment letter. The federation has been told and "
        "invites a new direction; you may write to it with /federation."
    )
    asking = keyboard([(t.gettext("💬 Ask the federation"), cb.REQUESTS.pack())])
    return "⚠️ " + bold(head) + "\n" + e(said), asking, None


NOTICES = {
    REMOVED_NEWS: render_removed,
    JOINED_NEWS: render_joined,
    WITHOUT_DIRECTION_NEWS: render_without_direction,
}
