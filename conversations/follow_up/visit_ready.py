"""🚪 Ready for the visit: the direction tells the committee, from /progres, that the coop is ready before
A + 18 months (domain.md: « or earlier if the coop says it is ready »), or that it is ready once that day
has passed without the visit (then said overdue, by the confirmation and the committee's news alike).

Shown while the dossier is admissible (the visit not recorded) and not said yet; a confirmation says
what happens, then the audit keeps it (``models.label.visit_ready``) and every committee member not of the
coop's team is told through the outbox (rendered by ``committee.visit_ready``). Said once: a second press
says when.
"""

from __future__ import annotations

from datetime import date

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.render.formatting import format_day
from conversations.render.html import bold, e
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.callbacks import callback
from conversations.ui.common import cancel_button
from conversations.ui.context import QualiContext
from conversations.ui.menus import OUT_OF_DATE
from conversations.ui.messages import Button, Screen, keyboard
from conversations.ui.router import Step, button, member_dossier, render, screen
from locales import N_
from models.chat_state import Position
from models.clock import paris_today
from models.coops import coop_users
from models.dossier.reads import FOLLOWED, NotAllowed, dossier_of_member
from models.label.lifecycle import TransitionRefused
from models.label.visit_ready import READY_NEWS, ready_since, say_ready, visit_deadline
from models.outbox import enqueue
from models.tables import AuditEntry, Dossier, DossierStatus, FederationRoleName
from models.users import federation_ids

READY = callback("pgv", int)  # 🚪 Ready for the visit: the dossier (its direction; confirmed first)
CONFIRM_READY = callback("pgvy", int)  # ✅ Yes, tell the committee: the dossier
READY_SCREEN = "pg_ready"  # the confirmation (saved in ChatState: never renamed)
# a coop without a direction: nobody can say it until one joins (as /bilan says of sending the bilan)
NO_DIRECTION_TO_SAY_READY = N_(
    "Only a direction can tell the validation committee that the coop is ready for the visit, and nobody "
    "from your coop’s direction is in the assistant any more: ask the federation for a direction invitation "
    "with /federation."
)


def said_on(context: QualiContext, said: AuditEntry) -> str:
    """The day (Paris) the coop said it was ready."""
    return format_day(context.t, paris_today(said.at))


def already(context: QualiContext, said: AuditEntry) -> str:
    """« You already told the committee… on {date} » (HTML)."""
    text = context._(
        "You already told the validation committee that you were ready for the visit, on {date}."
    )
    return "ℹ️ " + e(text.format(date=said_on(context, said)))


async def ready_part(
    context: QualiContext, session: AsyncSession, dossier: Dossier
) -> tuple[list[str], list]:
    """On /progres while the visit is awaited: the line saying it was said, else the direction's button."""
    if dossier.status != DossierStatus.ADMISSIBLE:
        return [], []
    if (said := await ready_since(session, dossier)) is not None:
        text = context._(
            "You said you were ready for the visit on {date}: the committee will propose a date to you."
        )
        return ["", "🚪 " + e(text.format(date=said_on(context, said)))], []
    if not context.visitor.coop_has_direction:
        return ["", "ℹ️ " + e(context._(NO_DIRECTION_TO_SAY_READY))], []
    if not context.visitor.is_direction:
        return [], []
    row: list[Button] = [(context._("🚪 Ready for the visit"), READY.pack(dossier.id))]
    return [], [row]


async def awaiting_visit(context: QualiContext, session: AsyncSession, dossier_id: int) -> Dossier | None:
    """The coop's dossier the button names, if its visit is still awaited (None: an out-of-date menu);
    another coop's is NotYours, a member not of the direction NotAllowed."""
    dossier = await dossier_of_member(session, dossier_id, context.coop_id, for_edit=False)
    if not context.visitor.is_direction:
        raise NotAllowed("only the direction says the coop is ready for the visit")
    return dossier if dossier.status == DossierStatus.ADMISSIBLE else None


async def out_of_date(context: QualiContext, session: AsyncSession) -> Step:
    """The visit recorded since (or a later cycle): the menu is out of date, the follow-up as it is now."""
    current = await member_dossier(context, session)
    where = states.PROGRESS if current.status in FOLLOWED else states.HOME
    return Step(Position(where), "🔄 " + e(context._(OUT_OF_DATE)))


def overdue(context: QualiContext, deadline: date | None) -> bool:
    """Whether the visit's last day has passed (Paris) without the visit recorded."""
    return deadline is not None and paris_today(context.now()) > deadline


@screen(READY_SCREEN)
async def ready_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """What telling the committee does, said before the direction confirms it."""
    _ = context._
    dossier = await dossier_of_member(session, int(data["id"]), context.coop_id, for_edit=False)
    if dossier.status != DossierStatus.ADMISSIBLE or await ready_since(session, dossier) is not None:
        return await render(context, session, Position(states.PROGRESS))  # said or visited meanwhile
    deadline = await visit_deadline(session, dossier)
    if overdue(context, deadline):  # no « before » a day gone
        what = _(
            "Each member of the validation committee will be told that {coop} is ready to be visited: "
            "the date planned for the visit, {deadline}, has passed. The committee will then propose a "
            "date to you."
        )
    else:
        what = _(
            "Each member of the validation committee will be told that {coop} is ready to be visited before "
            "{deadline}, the latest date for its visit. The committee will then propose a date to you."
        )
    what = what.format(
        coop=context.visitor.coop.name, deadline=format_day(context.t, deadline) if deadline else "—"
    )
    lines = ["🚪 " + bold(_("Ready for the visit?")), "", e(what)]
    lines.append(e(_("The visit itself is recorded by the committee once it has taken place.")))
    confirm = (_("✅ Yes, tell the committee"), CONFIRM_READY.pack(dossier.id))
    # one a row: « ✅ Oui, prévenir le comité » is too long beside another on a phone
    return Screen("\n".join(lines), keyboard([confirm], [cancel_button(context, cb.PROGRESS.pack())]))


async def ask_ready(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """🚪 Ready for the visit: the confirmation, unless it was said already."""
    dossier = await awaiting_visit(context, session, args[0])
    if dossier is None:
        return await out_of_date(context, session)
    if (said := await ready_since(session, dossier)) is not None:
        return Step(Position(states.PROGRESS), already(context, said))
    return Step(Position(READY_SCREEN, {"id": dossier.id}))


async def confirm_ready(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """✅ Yes, tell the committee: recorded once, each committee member told in their language."""
    dossier = await awaiting_visit(context, session, args[0])
    me, said = context.visitor.user, None
    try:
        if dossier is not None:
            said = await say_ready(session, dossier, actor_id=me.id, now=context.now())
    except TransitionRefused:  # the visit recorded a moment ago (the dossier's row was held until then)
        dossier = None
    if dossier is None:
        return await out_of_date(context, session)
    if said is not None:  # a colleague of the direction, or this very button pressed twice
        return Step(Position(states.PROGRESS), already(context, said))
    # to who may propose a date: none of the coop's team (the sender, a colleague on the committee), who
    # decides nothing on their own coop (as a submission's news, ``dossier.submission``)
    team = {user.id for user in await coop_users(session, dossier.coop_id, active_only=False)} | {me.id}
    committee = set(await federation_ids(session, FederationRoleName.COMMITTEE)) - team
    news = {"dossier_id": dossier.id, "name": me.first_name, "by": me.id}  # "by": for erasure
    if overdue(context, await visit_deadline(session, dossier)):  # as on the day said, whenever it is sent
        news["late"] = True
    await enqueue(session, committee, READY_NEWS, news, now=context.now())
    if committee:
        sent = context._(
            "Sent: every member of the validation committee was told that you are ready for the visit."
        )
    else:  # nobody on the committee uses the assistant yet: its screen of the coop will say it
        sent = context._("Recorded: the validation committee will see it on your dossier.")
    return Step(Position(states.PROGRESS), "✅ " + e(sent))


def handlers() -> list:
    """The button and its confirmation (registered with /progres's)."""
    return [button(READY, ask_ready), button(CONFIRM_READY, confirm_ready)]
