"""A request's draft on the coop's side (``requests``): written, rewritten, sent to the federation or
dropped. Every step changes it only while it is a draft (``models.federation.drafts``): a draft's button
pressed once another device sent it shows the request, said sent. Sending writes the news for every
federation admin to the outbox in the same transaction, so a request is never lost and each admin is
told once."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.federation.request_threads import (
    album_of,
    already_sent,
    held_file,
    names_of,
    rewrite_too_late,
    with_given,
)
from conversations.render.commitments.requests import held_file_lines, subject_label, thread_page
from conversations.render.formatting import quoted, shorten
from conversations.render.html import MESSAGE_LIMIT, bold, e, italic, units, whole_below
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import (
    DRAFT_ALREADY_DELETED,
    DRAFT_TEXT_FOLLOWS,
    giving_back,
    home_button,
    nav_row,
)
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard
from conversations.ui.router import Step, screen, text_answer
from models.chat_state import Position
from models.federation.drafts import drop_draft, rewrite_draft, send_draft
from models.federation.requests import MESSAGE_MAX, attach_sent_file, draft_of, messages_of, new_draft
from models.outbox import enqueue
from models.parsing.text import check_text
from models.tables import FederationRoleName, RequestMessage, RequestSubject, RequestThread
from models.users import federation_ids

TO_FEDERATION, FILE_TO_FEDERATION = "request_to_federation", "request_file"  # the outbox's kinds
# a draft's message shown whole on its rewrite while the screen stays one Telegram message (the question,
# the subject, a held file's name around it); a longer one is cut there and follows whole, to copy
SHOWN_WHOLE, PREVIEW = MESSAGE_LIMIT - 1000, 300


async def tell_federation(context: QualiContext, session: AsyncSession, message: RequestMessage) -> None:
    """Every federation admin is told through the outbox (the file follows as its own message), but its
    writer, an admin also on the coop's team: as every news leaves out whoever caused it."""
    admins = set(await federation_ids(session, FederationRoleName.ADMIN)) | set(context.bot_data.admin_ids)
    admins.discard(message.author_id)
    await enqueue(session, admins, TO_FEDERATION, {"message_id": message.id}, now=context.now())
    if message.file_name:
        await enqueue(session, admins, FILE_TO_FEDERATION, {"message_id": message.id}, now=context.now())


@screen(states.REQUEST_DRAFT)
async def draft_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The draft as the federation will read it; add a file, send, rewrite or drop."""
    _ = context._
    thread = await draft_of(session, int(data["id"]), context.coop_id, context.visitor.user.id)
    messages = await messages_of(session, thread.id)
    lines = ["💬 " + bold(_("Your request, not sent yet")), e(subject_label(context.t, thread))]
    lines += thread_page(context.t, messages, await names_of(session, messages)).lines
    tid = thread.id
    attach = _("📎 Replace the file") if messages[0].file_name else _("📎 Add a file")
    buttons = keyboard(
        [(_("📤 Send to the federation"), cb.REQUEST_SEND.pack(tid))],
        [(attach, cb.REQUEST_FILE.pack(tid)), (_("✏️ Rewrite"), cb.REQUEST_REWRITE.pack(tid))],
        [(_("🗑 Delete the draft"), cb.REQUEST_DISCARD.pack(tid))],
        nav_row(context, cb.REQUESTS.pack(0, tid)),  # the draft stays, to send later
    )
    return await with_given(context, session, states.REQUEST_DRAFT, data, Screen("\n".join(lines), buttons))


async def rewrite_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """✏️ Rewrite: the draft's message as it is (whole, or cut and sent whole after the screen), the
    question, and « ⬅️ Keep as is » back to the draft."""
    _ = context._
    thread = await draft_of(session, int(data["id"]), context.coop_id, context.visitor.user.id)
    current = (await messages_of(session, thread.id))[0].text
    whole = current if units(current) > SHOWN_WHOLE else ""
    lines = ["💬 " + e(_("Your request, not sent yet")) + " · " + e(subject_label(context.t, thread)), ""]
    lines.append(e(_("Currently: {value}").format(value=shorten(current, PREVIEW) if whole else current)))
    lines += [italic(whole_below(context.t, whole))] if whole else []
    lines += ["", bold(_("Your new message to the federation?"))]
    lines.append(italic(_("e.g. How should we measure the share of user-members for engagement 5?")))
    lines += held_file_lines(context.t, data.get(states.FILE_KEY))
    keep = (_("⬅️ Keep as is"), cb.REQUEST.pack(thread.id))
    return Screen("\n".join(lines), keyboard([keep, home_button(context)]), whole)


async def draft_again(context: QualiContext, session: AsyncSession, thread_id: int) -> Step:
    """The draft, from the list or kept as is from its rewrite: a file sent there for the new message
    is said not added, with the button that adds it (a draft's file is never a guess)."""
    thread = await draft_of(session, thread_id, context.coop_id, context.visitor.user.id)
    position, file = await held_file(context, session)
    if not file or position.screen != states.REQUEST_MESSAGE or position.data.get("id") != thread.id:
        return Step(Position(states.REQUEST_DRAFT, {"id": thread.id}))
    attached = (await messages_of(session, thread.id))[0].file_name
    add = context._("📎 Replace the file") if attached else context._("📎 Add a file")
    not_added = context._(
        "{name} was not added to your request: to add it, press “{button}” and send it again."
    )
    notice = "📎 " + e(not_added.format(name=file["name"], button=add))
    return Step(Position(states.REQUEST_DRAFT, {"id": thread.id}), notice)


async def rewrite(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """✏️ Rewrite a draft (pressed once the draft was sent: the request, said sent, not a follow-up)."""
    if sent := await already_sent(context, session, args[0]):
        return sent
    thread = await draft_of(session, args[0], context.coop_id, context.visitor.user.id)
    return Step(Position(states.REQUEST_MESSAGE, {"subject": thread.subject, "id": thread.id}))


@text_answer(states.REQUEST_MESSAGE)
async def take_message(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """The message, kept as a draft until it is sent: words (a « 👍 » alone is a reply, not a question)."""
    message = check_text(text, max_length=MESSAGE_MAX)
    if data.get("id"):
        thread = await draft_of(session, int(data["id"]), context.coop_id, context.visitor.user.id)
        if not await rewrite_draft(session, thread, message, context.now()):  # sent meanwhile (or dropped)
            return await rewrite_too_late(context, session, thread.id, data, text)
    else:
        thread = await new_draft(
            session,
            context.coop_id,
            context.visitor.user.id,
            RequestSubject(data["subject"]),
            message,
            context.now(),
        )
    file, drafted = data.get(states.FILE_KEY), {"id": thread.id, **album_of(data)}  # its next photos said
    if not await attach_sent_file(session, (await messages_of(session, thread.id))[0], file):
        return Step(Position(states.REQUEST_DRAFT, drafted), file_gone(context, file))  # joins it
    return Step(Position(states.REQUEST_DRAFT, drafted))


def file_gone(context: QualiContext, file: dict) -> str:
    """The line for a held file whose bytes were gone when its message was written (``claim_file``):
    not added; sent again on the screen the message leads to, it joins the draft or a new message."""
    gone = context._("Your file {name} is no longer kept: it was not added. Please send it again.")
    return "⚠️ " + e(gone.format(name=quoted(context.t.language, file["name"])))


async def send(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """📤 Send to the federation (pressed again once sent: the request, said sent)."""
    if sent := await already_sent(context, session, args[0]):
        return sent
    thread = await draft_of(session, args[0], context.coop_id, context.visitor.user.id)
    message = await send_draft(session, thread, context.now())
    if message is None:  # sent from another device meanwhile: said sent, as a second press is
        return await already_sent(context, session, args[0])
    await tell_federation(context, session, message)
    notice = "📤 " + e(context._("Sent to the federation. Its answer will come here."))
    return Step(Position(states.REQUEST, {"id": thread.id}), notice)


async def discard(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """🗑 Delete the draft: at once, its message given back whole below the list, so that nothing typed is
    lost (a draft is one's own: nobody else's change to lose). Pressed once it was sent, even at the same
    moment on another device: the request, said sent, never deleted; pressed again once deleted (a double
    tap): said so, nothing else."""
    if await session.get(RequestThread, args[0]) is None:
        return Step(Position(states.REQUESTS), "ℹ️ " + e(context._(DRAFT_ALREADY_DELETED)))
    if sent := await already_sent(context, session, args[0]):
        return sent
    thread = await draft_of(session, args[0], context.coop_id, context.visitor.user.id)
    message = (await messages_of(session, thread.id))[0]
    if not await drop_draft(session, thread, context.now()):  # sent from another device meanwhile
        return await already_sent(context, session, args[0])
    said = [context._("Draft deleted.")]
    if message.text.strip():
        said.append(context._(DRAFT_TEXT_FOLLOWS))
    if message.file_name:
        said.append(
            context._("Its file {name} was deleted with it.").format(
                name=quoted(context.t.language, message.file_name)
            )
        )
    return Step(Position(states.REQUESTS), "🗑 " + e(" ".join(said)), after=giving_back(message.text))
