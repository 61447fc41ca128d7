"""What requests to the federation send through the outbox, rendered when they go out; what the admin
replying is told of who gets it (``inbox``); a request's file sent on its « 📎 » button to who may read it.

To the admins: the request (or the coop writing again) with a button to open it, then its file.
To the coop's authors: the federation's reply, in each one's language, with a button to the thread; the
request closed, the same way (its replies' recipients: ``models.federation.requests.reply_recipients``).
"""

from __future__ import annotations

from collections import Counter
from contextlib import suppress
from datetime import date, datetime

from babel import Locale, UnknownLocaleError
from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update

from conversations.federation.dashboard import STAGE_LABELS
from conversations.federation.request_drafts import FILE_TO_FEDERATION, TO_FEDERATION
from conversations.render.commitments.requests import FORMER_MEMBER, subject_label
from conversations.render.formatting import shorten
from conversations.render.html import bold, e, words_within
from conversations.render.notifications import names_of
from conversations.ui import callbacks as cb
from conversations.ui.common import refusal
from conversations.ui.context import QualiContext
from conversations.ui.messages import keyboard
from conversations.ui.middleware import require_member
from locales import N_, Translator, translator_for
from models.clock import paris_today
from models.dossier.reads import DossierError, NotYours
from models.federation.requests import ReplyRecipients, draft_of, messages_of, thread_of_coop
from models.label.stages import coop_stages
from models.tables import Coop, RequestMessage, RequestStatus, RequestThread, User
from models.team import told_apart
from models.users import first_name_of, users_by_ids

GOES_ON = N_("The message goes on in the request: open it to read it whole.")
REOPENS = N_("If you write in it again, it opens again.")
# the outbox's kinds: a reply to the coop, its file, the request closed
REPLY, REPLY_FILE, CLOSED = "request_reply", "request_reply_file", "request_closed"
# who gets the reply instead of the writers who blocked the assistant (``blocked_said``)
INSTEAD = {
    "direction": N_("The coop’s direction gets it."),
    "members": N_("The coop has no direction in the assistant: its members get it."),
    "nobody": N_("Nobody else from the coop can receive it for now."),
}
# the federation's reply to a closed request reopens it (``add_message``): the coop is told so with it
REOPENED = N_("Your request, which the federation had closed, is open again.")


async def _context(session: AsyncSession, data: dict) -> tuple[RequestMessage, RequestThread, Coop]:
    """The message a notification is about, its thread and its coop; NotYours once the message is gone
    (a draft dropped as another device sent it, a coop's data erased): its news no longer concerns anyone."""
    message = await session.get(RequestMessage, data["message_id"])
    if message is None:
        raise NotYours(f"request message {data['message_id']} no longer exists")
    thread = await session.get(RequestThread, message.thread_id)
    return message, thread, await session.get(Coop, thread.coop_id)


async def to_federation(t: Translator, session: AsyncSession, data: dict, services) -> tuple:
    """📨 A new request, or the coop writing again, for every admin."""
    message, thread, coop = await _context(session, data)
    author = await session.get(User, message.author_id) if message.author_id > 0 else None
    who = await told_apart(session, author, coop.id) if author else t.gettext(FORMER_MEMBER)  # two Camilles
    first = (await messages_of(session, thread.id))[0].id == message.id
    head = t.gettext("New request from {coop}") if first else t.gettext("{coop} wrote again")
    stage = (await stages_of(t, session, [coop], paris_today(services.clock())))[coop.id]
    lines = ["📨 " + bold(head.format(coop=coop.name)) + f" ({e(stage)})"]
    lines += [e(subject_label(t, thread)) + " · 👤 " + e(who), ""]
    lines += words_within(message.text, lines, "✂️ " + e(t.gettext(GOES_ON)))
    markup = keyboard([(t.gettext("📨 Open the request"), cb.INBOX_THREAD.pack(thread.id))])
    return "\n".join(lines), markup, None


async def file_to_federation(t: Translator, session: AsyncSession, data: dict, services) -> tuple:
    """📎 The file of a request, as a document with a short caption."""
    message, thread, coop = await _context(session, data)
    caption = f"📎 {e(coop.name)} · {e(subject_label(t, thread))}"
    return caption, None, (await services.file_store.read(message.sha256), message.file_name)


async def reply_to_coop(t: Translator, session: AsyncSession, data: dict, services) -> tuple:
    """💬 The federation's reply, for each author of the thread; said to reopen the request it reopened."""
    message, thread, _coop = await _context(session, data)
    head = t.gettext("Reply from the federation")
    lines = [f"💬 {bold(head)} · {e(subject_label(t, thread))}", ""]
    after = ["", "🔓 " + e(t.gettext(REOPENED))] if data.get("reopened") else []  # open again
    lines += words_within(message.text, lines + after, "✂️ " + e(t.gettext(GOES_ON))) + after
    markup = keyboard([(t.gettext("💬 See the request"), cb.REQUEST.pack(thread.id))])
    return "\n".join(lines), markup, None


async def reply_file_to_coop(t: Translator, session: AsyncSession, data: dict, services) -> tuple:
    """📎 The file of the federation's reply, as a document, after the reply."""
    message, thread, _coop = await _context(session, data)
    caption = "📎 " + e(t.gettext("Federation")) + f" · {e(subject_label(t, thread))}"
    return caption, None, (await services.file_store.read(message.sha256), message.file_name)


async def closed_to_coop(t: Translator, session: AsyncSession, data: dict, services) -> tuple:
    """✅ The federation closed the request, for whoever gets its replies; nothing once it was reopened
    (or closed again: that closing's notice says it)."""
    thread = await session.get(RequestThread, data["thread_id"])
    closed_at = datetime.fromisoformat(data["closed_at"])
    if thread is None or thread.status != RequestStatus.CLOSED or thread.closed_at != closed_at:
        raise NotYours(f"request {data['thread_id']} is no longer closed as it was")
    question = shorten((await messages_of(session, thread.id))[0].text, 80)
    said = t.gettext("The federation closed your request “{question}”.").format(question=question)
    if question.endswith((".", "?", "!", "…")):  # its own end closes the sentence: never « ?”. »
        said = said.removesuffix(".")
    lines = [f"✅ {bold(said)}", e(subject_label(t, thread)), "", e(t.gettext(REOPENS))]
    markup = keyboard([(t.gettext("💬 See the request"), cb.REQUEST.pack(thread.id))])
    return "\n".join(lines), markup, None


async def stages_of(t: Translator, session: AsyncSession, coops: list[Coop], today: date) -> dict[int, str]:
    """The coops' stages in words, by coop id, as /tableau counts them (``coop_stages``: « Not started »
    before any engagement), read in two statements however many coops (a page of the inbox)."""
    stages = await coop_stages(session, today, [coop.id for coop in coops])
    return {coop.id: t.gettext(STAGE_LABELS[stages.get(coop.id, "not_started")]) for coop in coops}


def recipients_line(t: Translator, to: ReplyRecipients, languages: list[str] = ()) -> str:
    """Who gets the reply: the writers still in the coop, else its direction (or members), or nobody, who
    blocked the assistant named first (``blocked_said``); then, ``languages`` given (``reader_languages``),
    that it goes as written and in which language each reads."""
    return " ".join(filter(None, (_who(t, to), _as_written(t, languages))))


def _who(t: Translator, to: ReplyRecipients) -> str:
    n, writers = len(to.user_ids), to.writers
    if to.blocked:  # who blocked the assistant, then who gets the reply besides them or instead
        if to.kind != "writers":
            return f"{blocked_said(t, to)} {t.gettext(INSTEAD[to.kind])}"
        besides = t.ngettext(
            "{n} other person who wrote in this request gets it.",
            "{n} other people who wrote in this request get it.",
            n,
        )
        return f"{blocked_said(t, to)} {besides.format(n=n)}"
    if to.kind == "writers" and n == writers:
        return t.ngettext(
            "{n} person wrote in this request: they get your reply.",
            "{n} people wrote in this request: they get your reply.",
            n,
        ).format(n=n)
    if to.kind == "writers":
        return t.ngettext(
            "{n} person who wrote in this request is still in the coop: they get your reply.",
            "{n} people who wrote in this request are still in the coop: they get your reply.",
            n,
        ).format(n=n)
    if to.kind == "direction":
        return t.ngettext(
            "The person who wrote in this request has left the coop: its direction gets your reply.",
            "The people who wrote in this request have left the coop: its direction gets your reply.",
            writers,
        )
    if to.kind == "members":
        return t.ngettext(
            "The person who wrote in this request has left the coop, which has no direction in the "
            "assistant: its members get your reply.",
            "The people who wrote in this request have left the coop, which has no direction in the "
            "assistant: its members get your reply.",
            writers,
        )
    return t.gettext("Nobody from this coop is in the assistant any more: your reply stays in the request.")


def blocked_said(t: Translator, to: ReplyRecipients) -> str:
    """« Morgane has blocked the assistant »: the writers still in the coop whom the reply cannot reach."""
    names = names_of(t, [name or t.gettext("Someone") for name in to.blocked])
    return t.ngettext(
        "{names} has blocked the assistant: your reply stays in the request, for when they come back.",
        "{names} have blocked the assistant: your reply stays in the request, for when they come back.",
        len(to.blocked),
    ).format(names=names)


def _as_written(t: Translator, languages: list[str]) -> str:
    """The reply is never translated (only the notice's frame is): the language each reader reads, so
    that the admin may write in it (« French (2), English (1) »)."""
    if not languages:
        return ""
    counted = Counter(languages).most_common()
    names = [language_name(t, code) + (f" ({n})" if len(languages) > 1 else "") for code, n in counted]
    return t.ngettext(
        "It goes as you write it, without translation. Language of the person who gets it: {languages}.",
        "It goes as you write it, without translation. Languages of the people who get it: {languages}.",
        len(languages),
    ).format(languages=", ".join(names))


def language_name(t: Translator, code: str) -> str:
    """« français », "French": a language by its name in the reader's language."""
    with suppress(ValueError, TypeError, UnknownLocaleError):
        return Locale.parse(code).get_display_name(t.locale) or code
    return code


async def reader_languages(session: AsyncSession, to: ReplyRecipients, default: str) -> list[str]:
    """The language each recipient of the reply reads the assistant in (as the outbox will speak to them)."""
    users = await users_by_ids(session, to.user_ids)
    return [translator_for(users.get(user_id), default).language for user_id in to.user_ids]


def sent_notice(t: Translator, to: ReplyRecipients) -> str:
    """After the reply: to how many people it goes; who blocked the assistant, not reached."""
    n, blocked = len(to.user_ids), ("\n⚠️ " + e(blocked_said(t, to)) if to.blocked else "")
    if not n:
        kept = t.gettext("Reply kept in the request: nobody from the coop can receive it for now.")
        return "✅ " + e(kept) + blocked
    if to.kind == "direction":
        said = t.ngettext(
            "Reply sent to the coop’s direction: {n} person.",
            "Reply sent to the coop’s direction: {n} people.",
            n,
        )
    else:
        said = t.ngettext("Reply sent to {n} person.", "Reply sent to {n} people.", n)
    return "✅ " + e(said.format(n=n)) + blocked


async def reopening_said(t: Translator, session: AsyncSession, thread: RequestThread, admin_id: int) -> str:
    """For the admin replying to a closed request (closed while they wrote, or before): who had closed
    it, and that the reply reopens it (``add_message``); "" for an open one. Read before the reply."""
    if thread.status != RequestStatus.CLOSED:
        return ""
    if thread.closed_by == admin_id:
        return t.gettext("You had closed this request: your reply reopens it.")
    name = await first_name_of(session, thread.closed_by)
    if name is None:  # erased since
        return t.gettext("This request had been closed: your reply reopens it.")
    return t.gettext("This request had been closed by {name}: your reply reopens it.").format(name=name)


async def readable_message(context: QualiContext, session: AsyncSession, message_id: int) -> RequestMessage:
    """A message with a file, if the visitor may read its thread: a draft its author only; a sent
    request its coop's members and the federation's admins."""
    message = await session.get(RequestMessage, message_id)
    if message is None or not message.sha256:
        raise NotYours(f"no file in message {message_id}")
    thread = await session.get(RequestThread, message.thread_id)
    drafted = thread.status == RequestStatus.DRAFT
    if (drafted or not context.visitor.is_admin) and context.visitor.coop is None:
        raise NotYours("not a member")
    if drafted:
        await draft_of(session, thread.id, context.coop_id, context.visitor.user.id)
    elif not context.visitor.is_admin:
        await thread_of_coop(session, thread.id, context.coop_id)
    return message


async def send_attachment(update: Update, context: QualiContext) -> None:
    """📎 a file of a request, sent as a document. Someone in no coop (taken off its team since) is told
    so, as by every other button, rather than that the button is not for their coop."""
    query = update.callback_query
    if context.visitor.coop is None and not context.visitor.is_admin:
        await require_member(update, context)
        return
    try:
        (message_id,) = cb.REQUEST_ATTACHMENT.unpack(query.data)
        async with context.db.transaction() as session:
            message = await readable_message(context, session, message_id)
    except (DossierError, ValueError):
        await query.answer(refusal(context, "not_yours"), show_alert=True)
        return
    await query.answer()
    content = await context.bot_data.file_store.read(message.sha256)
    await update.effective_chat.send_document(content, filename=message.file_name)


async def closed_by_said(
    t: Translator, session: AsyncSession, thread: RequestThread, admin_id: int, coop: Coop
) -> str:
    """« Already closed by Dominique »: a request closed by a colleague (or another device) before the
    admin's own « ✅ Close » was pressed, nothing more done."""
    name = await first_name_of(session, thread.closed_by)
    if thread.closed_by == admin_id:
        said = t.gettext("✅ You had already closed it: {coop} — {subject}.")
    elif name is None:  # erased since
        said = t.gettext("✅ Already closed: {coop} — {subject}.")
    else:
        said = t.gettext("✅ Already closed by {name}: {coop} — {subject}.")
    return said.format(name=name, coop=coop.name, subject=subject_label(t, thread))


NOTICES = {
    TO_FEDERATION: to_federation,
    FILE_TO_FEDERATION: file_to_federation,
    REPLY: reply_to_coop,
    REPLY_FILE: reply_file_to_coop,
    CLOSED: closed_to_coop,
}
