"""Personal data: /mesdonnees sends everything stored about the visitor, /supprimer erases it.

Erasing asks first and says exactly what happens; it writes no chat position afterwards (that
would store the person again), and the last direction member of a coop is warned.
"""

from __future__ import annotations

import asyncio
import json
import logging

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Message, Update
from telegram.constants import ChatAction
from telegram.ext import CommandHandler

from conversations.render.commitments.personal_data import coop_ids, export_json, export_text
from conversations.render.commitments.personal_words import ROLES
from conversations.render.html import bold, e
from conversations.ui import callbacks as cb
from conversations.ui.common import cancel_button, home_button
from conversations.ui.context import QualiContext
from conversations.ui.menus import is_out_of_date, set_stranger_menu, workplace
from conversations.ui.messages import Screen, keyboard, reply, show
from conversations.ui.router import on_button, open_position, screen, where_now
from conversations.ui.shown import move
from conversations.ui.states import BALLOT, ERASE
from locales import N_
from models.chat_state import HOME, Position
from models.consultations.store import link_ballot
from models.dossier.files import DIGEST
from models.privacy.erase import contributed_to_a_coop, erase_person, last_direction_of
from models.privacy.export import personal_rows
from models.tables import Coop, FederationRoleName

log = logging.getLogger(__name__)

UNWARNED, WARNED = 1, 2  # « 🗑 Yes »'s data: the confirmation had no 🚨 warning, or had it (0: keep)

ERASED = N_(
    "Your account, your name and your username are removed, with your settings and your place in the "
    "conversation."
)
MEMBER_POINTS = (
    N_("Your contributions to the dossier stay: they are attributed to « former member »."),
    N_(
        "Your answers to closed consultations stay, anonymous (an answer to one still open is withdrawn: "
        "you may answer it again); your messages to the federation stay in your coop’s requests, "
        "attributed to « former member »."
    ),
    N_(
        "This cannot be undone. To join your coop again, open its invitation link (or ask its direction "
        "for one): you will join as a new member, without what was erased."
    ),
)
# the last member of a coop's direction: no direction will be left to hand out a link, only the federation
LAST_DIRECTION_BACK = N_(
    "This cannot be undone. To join your coop again, ask the federation for a new direction link: you will "
    "join as someone new, without what was erased."
)
# an administrator named in the bot's settings (QUALICOOP_ADMIN_IDS): erasing cannot take that role away
SETTINGS_ADMIN = N_(
    "Your administrator role comes from the assistant’s settings: it stays, and only the person who runs "
    "the assistant can change them."
)
# someone in no coop: what they may have left is an answer through a consultation's public link
OUTSIDER_POINTS = (
    N_(
        "Your answers to closed consultations stay, anonymous (an answer to one still open is withdrawn: "
        "you may answer it again)."
    ),
    N_("This cannot be undone: if you write to the assistant again, it will know you as someone new."),
)
# someone taken off a coop's team: what they did there stays, as a member's does
FORMER_TEAMMATE_POINTS = (*MEMBER_POINTS[:2], OUTSIDER_POINTS[-1])
# the /mesdonnees files' name (.json, .txt) in the reader's language: ASCII, as any system saves it
MY_DATA_FILE = N_("qualicoop-my-data")


async def send_my_data(update: Update, context: QualiContext) -> None:
    """/mesdonnees: a JSON file and a readable text with every row about the visitor."""
    user_id, now = context.visitor.user.id, context.now()
    await update.effective_chat.send_action(ChatAction.UPLOAD_DOCUMENT)
    async with context.db.transaction() as session:
        rows = await personal_rows(session, user_id)
        # each coop once, however many lines name it: someone who moved coops tells them apart
        found = [await session.get(Coop, coop_id) for coop_id in sorted(coop_ids(rows))]
    names = {coop.id: coop.name for coop in found if coop is not None}
    text = await asyncio.to_thread(export_text, context.t, user_id, rows, now, names)
    await reply(update, "🔐 " + e(context._("Here is everything the assistant stores about you.")))
    name = context._(MY_DATA_FILE)
    await update.effective_chat.send_document(export_json(user_id, rows, now), filename=f"{name}.json")
    await update.effective_chat.send_document(text, filename=f"{name}.txt")


def erase_points(context: QualiContext, contributed: bool = False, last_direction: bool = False) -> list[str]:
    """What erasing does to this visitor: a member's contributions (``contributed``: to a coop whose
    team they are no longer on), a federation role (never the settings' administrator's), or little
    else; the coop's last direction member (``last_direction``) comes back by a direction link, which
    only the federation makes."""
    _, visitor = context._, context.visitor
    points = [_(ERASED)]
    roles = set(visitor.roles)
    if visitor.user.id in context.bot_data.admin_ids:  # the settings give that role back at once
        roles.discard(FederationRoleName.ADMIN)
        points.append(_(SETTINGS_ADMIN))
    if roles:
        said = context.t.ngettext(
            "Your role at the federation ({roles}) goes too: what you did in it stays (decisions, "
            "announcements), attributed to “former member”; an administrator of the federation can give you "
            "the role again.",
            "Your roles at the federation ({roles}) go too: what you did in them stays (decisions, "
            "announcements), attributed to “former member”; an administrator of the federation can give you "
            "the roles again.",
            len(roles),
        )
        points.append(said.format(roles=", ".join(_(ROLES[role]) for role in sorted(roles))))
    if visitor.coop is not None:
        way_back = LAST_DIRECTION_BACK if last_direction else MEMBER_POINTS[2]
        return points + [_(point) for point in (*MEMBER_POINTS[:2], way_back)]
    return points + [_(point) for point in (FORMER_TEAMMATE_POINTS if contributed else OUTSIDER_POINTS)]


def erase_screen(
    context: QualiContext, last_direction_of_coop: str | None, contributed: bool = False
) -> Screen:
    """The confirmation: what happens, said exactly, and the warning of a last direction member. Its
    « 🗑 Yes » says whether the warning was shown (``WARNED``): pressed once the visitor became the last
    direction member unwarned, it shows the confirmation again instead of erasing."""
    _ = context._
    lines = ["⚠️ " + bold(_("Erase your personal data?")), ""]
    lines += ["• " + e(point) for point in erase_points(context, contributed, bool(last_direction_of_coop))]
    if last_direction_of_coop:
        warning = _(
            "You are the last member of the direction of {coop}: nobody will be able to submit the dossier, "
            "provide the commitment letter or send a checkpoint report until the federation invites a new "
            "direction. The federation is told."
        ).format(coop=last_direction_of_coop)
        lines += ["", "🚨 " + e(warning)]
    confirm = (
        _("🗑 Yes, erase my data"),
        cb.ERASE_CONFIRM.pack(WARNED if last_direction_of_coop else UNWARNED),
    )
    return Screen("\n".join(lines), keyboard([confirm], [cancel_button(context, cb.ERASE_CONFIRM.pack(0))]))


async def confirmation(context: QualiContext, session: AsyncSession) -> tuple[Screen, bool]:
    """The confirmation as it stands now, and whether it warns of the coop left without direction."""
    user_id = context.visitor.user.id
    coop = await last_direction_of(session, user_id)
    contributed = context.visitor.coop is None and await contributed_to_a_coop(session, user_id)
    return erase_screen(context, coop.name if coop else None, contributed), coop is not None


@screen(ERASE)
async def erase_confirmation(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The confirmation as a screen: a text typed at it draws it again, its buttons with it."""
    drawn, _warned = await confirmation(context, session)
    return drawn


async def ask_erase(update: Update, context: QualiContext) -> None:
    """/supprimer: the confirmation first, the screen the person is on now: any screen drawn after it
    (/annuler, /dossier, a menu pressed) stops the request, its « 🗑 Yes » then erases nothing."""
    before = context.where.position.data if context.where is not None else {}
    held = sorted(set(DIGEST.findall(json.dumps(before))))  # a file waiting for its question: erased too
    await open_position(update, context, Position(ERASE, {"held": held} if held else {}))


async def kept_where(context: QualiContext, pressed: Message | None) -> None:
    """Once nothing was erased, where a text typed next leads: the way on shown (a member's dossier, the
    staff's workplace, the welcome's home), never the confirmation again (an older one pressed: the
    screen the person is on stays theirs)."""
    visitor, message_id = context.visitor, pressed.message_id if pressed is not None else None
    staff = visitor.is_committee or visitor.is_admin
    position = Position(workplace(visitor) if visitor.coop is not None or staff else HOME)
    async with context.db.transaction() as session:
        where = await where_now(context, session)
        if where.position.screen == ERASE and not is_out_of_date(message_id, where.screen_message_id):
            context.where = await move(context, session, where, position, message_id)


async def kept(update: Update, context: QualiContext) -> None:
    """Nothing erased, and the way on: a member's dossier; a consultation link's visitor their ballot again
    (the confirmation, a screen, took its buttons off); the federation's staff where they work; for anyone
    else, where /start leads them."""
    text, visitor = "✅ " + e(context._("Nothing was erased.")), context.visitor
    await kept_where(context, update.callback_query.message)
    if visitor.coop is not None:
        return await show(update, Screen(text, keyboard([home_button(context)])))
    if visitor.is_committee or visitor.is_admin:  # the welcome has nothing for them: where they work
        await show(update, Screen(text))
        return await open_position(update, context, Position(workplace(visitor)))
    async with context.db.transaction() as session:
        ballot = await link_ballot(session, visitor.user.id, context.now())
    if ballot is not None:
        await show(update, Screen(text))
        return await open_position(update, context, Position(BALLOT, {"id": ballot.id}))
    await show(update, Screen(text + "\n" + e(context._("/start takes you back to the welcome."))))


async def erase(update: Update, context: QualiContext) -> None:
    """🗑 Yes, erase my data (or Cancel): nothing is written about the person after this."""
    query = update.callback_query
    try:
        (confirmed,) = cb.ERASE_CONFIRM.unpack(query.data)
    except ValueError:
        confirmed = 0
    await query.answer()
    if not confirmed:
        return await kept(update, context)
    pressed = query.message.message_id if query.message is not None else None
    if is_out_of_date(pressed, context.where.screen_message_id if context.where else None):
        stopped = context._(
            "This request was stopped: nothing was erased. To erase your data, send /erase again."
        )
        await show(update, Screen("ℹ️ " + e(stopped)))  # its button goes with it
        return
    goodbye = context._(
        "Your personal data is erased. Goodbye! The messages of this chat stay in your Telegram app: you "
        "can delete the chat there."
    )
    user_id = context.visitor.user.id
    async with context.db.transaction() as session:
        screen, warns = await confirmation(context, session)
        unwarned = warns and confirmed != WARNED  # the other direction members left since it was asked
        if not unwarned:
            await erase_person(session, user_id, context.now(), context.bot_data.admin_ids)
    if unwarned:  # said again, as it stands now: the next « 🗑 Yes » erases
        changed = "ℹ️ " + e(context._("Nothing was erased yet: what erasing does has changed since."))
        await show(update, Screen(changed + "\n\n" + screen.text, screen.keyboard))
        return
    await set_stranger_menu(context, user_id, context.visitor.user.telegram_language)
    await show(update, Screen("✅ " + e(goodbye)))


def handlers() -> list:
    """/mesdonnees, /supprimer and its confirmation."""
    return [
        CommandHandler(["mesdonnees", "mydata"], send_my_data),
        CommandHandler(["supprimer", "erase"], ask_erase),
        on_button(cb.ERASE_CONFIRM, erase),
    ]
