"""Updates from outside a private chat: a coop's staff group the bot is added to, an inline message's press;
and a member's Telegram Business chats, which are not the bot's at all.

The bot works in private chats only: a dossier is its coop's alone, and chatter in a group would be taken
for answers. It stays in a group it is added to (leaving would look like a failure, and those who type a
command there need the way), says there once that it works in private, and answers a command of its own
(an anonymous admin's too) with one line pointing to the private chat; other bots' commands are theirs.
Nothing is read nor written for such an update (no dossier, no person, never a link typed back); the
sender's language is their Telegram app's. A business chat's update (a member's with a client, connected
to the bot through Telegram Business) is dropped before anything: it looks like a private chat, but it is
the member's talk with someone else, and anything sent there would speak for the member.
"""

from __future__ import annotations

import html
import logging
from datetime import timedelta
from weakref import WeakKeyDictionary

from telegram import ChatMember, ChatMemberUpdated, Message, ReplyParameters, Update, User
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import filters

from conversations.ui.context import QualiContext
from conversations.ui.menus import known_command
from locales import N_, Translator, normalize_language, translator

log = logging.getLogger(__name__)

ADDED_TO_GROUP = N_(
    "Hello! I work in a private chat only: nothing of a dossier is ever shown in a group. "
    "Write to me privately: {link}"
)
TO_PRIVATE = N_("I answer in a private chat only, so that nothing of a dossier is shown here: {link}")
LINK_KEPT = N_("This link is your coop’s own: better share it privately.")
INLINE_PRESS = N_("Open our private chat to continue: @{bot}")

GROUPS = (ChatType.GROUP, ChatType.SUPERGROUP)
LEFT_OR_BANNED = (ChatMember.LEFT, ChatMember.BANNED)
ONCE_A_MINUTE = timedelta(minutes=1)  # a line said in a group (all there read it) is not said again before
_said_in_groups: WeakKeyDictionary = WeakKeyDictionary()  # per application: {(group, line): when}


async def outside_private(update: Update, context: QualiContext) -> None:
    """A press without a private chat (an inline message's) gets a pop-up; a command of the bot's in a group,
    one line pointing to the private chat (a link typed after /start, never repeated, is said better shared
    privately). Chatter, another bot's command (addressed to it, or one the bot has not: « /meteo ») and a
    channel's post get nothing. An anonymous admin writes as a bot (« GroupAnonymousBot », with the group
    as ``sender_chat``): answered as anyone; another bot, never."""
    t = told(context, update.effective_user)
    if update.callback_query is not None:
        text = t.gettext(INLINE_PRESS).format(bot=context.bot.username)
        await update.callback_query.answer(text, show_alert=True)
        return
    message = update.message
    if message is None or message.chat.type not in GROUPS or not filters.COMMAND.check_update(update):
        return
    if message.from_user.is_bot and message.sender_chat is None:
        return  # a bot's own message, not a person's
    if not known_command(update, context):  # addressed to another bot, or not ours (« /meteo »): theirs
        return  # with privacy mode, Telegram gives us the group's unaddressed commands after we spoke
    command, _addressee = command_of(message)
    said = t.gettext(TO_PRIVATE).format(link=private_link(context))
    if command.lower() == "start" and len(message.text.split(maxsplit=1)) > 1:
        said = f"{t.gettext(LINK_KEPT)} {said}"
    await say_in_group(context, message.chat_id, html.escape(said), message.message_id)


async def added_to_group(change: ChatMemberUpdated, context: QualiContext) -> None:
    """The bot added to a group (not made an administrator there, nor added to a channel): it says so
    there once, in the language of who added it."""
    joined = change.new_chat_member.status in (ChatMember.MEMBER, ChatMember.ADMINISTRATOR)
    if change.chat.type in GROUPS and joined and change.old_chat_member.status in LEFT_OR_BANNED:
        said = told(context, change.from_user).gettext(ADDED_TO_GROUP).format(link=private_link(context))
        await say_in_group(context, change.chat.id, html.escape(said))


def command_of(message: Message) -> tuple[str, str]:
    """A command's name and the bot it is addressed to ("" when none), as typed: « /dossier@old_bot »."""
    command, _, addressee = message.text.split(maxsplit=1)[0].removeprefix("/").partition("@")
    return command, addressee


def from_business(update: Update) -> bool:
    """Whether the update comes from a member's Telegram Business chats (a message there, its edit or
    deletion, the connection itself): not the bot's to read nor to answer, dropped quietly."""
    message = update.effective_message
    business = (
        update.business_connection is not None
        or update.deleted_business_messages is not None
        or getattr(message, "business_connection_id", None) is not None
    )
    if business:
        log.debug("update %s of a business chat dropped", update.update_id)
    return business


def told(context: QualiContext, user: User | None) -> Translator:
    """The translator of someone outside a private chat: their Telegram app's language, else the bot's."""
    code = user.language_code if user is not None else None
    return translator(normalize_language(code) or context.bot_data.default_language)


def private_link(context: QualiContext) -> str:
    """The link to the bot's private chat."""
    return f"https://t.me/{context.bot.username}"


async def say_in_group(context: QualiContext, chat_id: int, text: str, answered: int | None = None) -> None:
    """``text`` in a group, quoting the message ``answered``, unless it was said there less than a minute
    ago: Telegram lets a bot say 20 messages a minute in a group, and a burst of commands would hold every
    private chat behind the rate limiter. A refusal (the bot muted or removed meanwhile) is only logged."""
    now = context.now()
    kept = _said_in_groups.get(context.application, {})
    said = {key: at for key, at in kept.items() if now - at < ONCE_A_MINUTE}
    _said_in_groups[context.application] = said
    if (chat_id, text) in said:
        return
    said[chat_id, text] = now
    quoted = ReplyParameters(answered, allow_sending_without_reply=True) if answered else None
    try:
        await context.bot.send_message(chat_id, text, reply_parameters=quoted)
    except TelegramError as error:
        log.info("nothing said in group %s: %s", chat_id, error)
