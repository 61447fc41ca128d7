"""The dossier's documents: the direction's commitment letter and supporting documents."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.constants import ChatAction

from conversations.dossier import document_removal
from conversations.dossier.document_removal import RECEIVE
from conversations.dossier.editor.rows import locked_lines
from conversations.dossier.letter import replacement
from conversations.dossier.letter.replacement import ACCEPTED, start_upload
from conversations.dossier.uploads import FILE_REFUSALS
from conversations.render.formatting import format_size, quoted, shorten
from conversations.render.html import bold, e, italic
from conversations.render.notifications import (
    LETTER_ADDED,
    LETTER_ASKED,
    NO_DIRECTION,
    READY_NEWS,
    letter_added_text,
    letter_asked_text,
    names_of,
    ready_text,
    time_of_day,
)
from conversations.render.report import ATTACHMENT_KINDS
from conversations.ui import callbacks as cb
from conversations.ui import common, states
from conversations.ui.callbacks import callback
from conversations.ui.common import HOME, back_button, home_button, refusal
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, fitted, keyboard
from conversations.ui.middleware import require_member
from conversations.ui.router import Step, button, member_dossier, on_button, screen
from locales import N_, Translator
from models.chat_state import Position
from models.coops import coop_users
from models.dossier.attachments import (
    ATTACHMENT_REMOVED,
    MAX_ATTACHMENTS,
    attachment_of_member,
    attachments_of,
    fit_label,
    may_change,
)
from models.dossier.reads import EDITABLE, DossierError, NotAllowed, dossier_of_member, read_snapshot
from models.dossier.rules import dossier_gaps
from models.dossier.writes import ask_for_letter
from models.label.meetings import next_meeting_at
from models.outbox import enqueue
from models.tables import AttachmentKind, MemberRole, User
from models.team import team_of, told_apart

SEND_FILE = callback("atf", int)  # 📥 a document sent back as a file
ASK_LETTER = callback("lta", int)  # 📨 a member asks the direction for the letter: dossier
ADD_LETTER = callback("ltu", int, anywhere=True)  # 📎 the button of that request, for the direction: dossier
THERE = N_("The commitment letter is already in the dossier.")


def document_line(context: QualiContext, attachment) -> str:
    """« Lettre signée » (lettre.pdf, 120 ko); a long label or name shortened, whole on the file's own
    screen (thirty of the longest stay one message)."""
    size = format_size(context.t, attachment.size)
    stem, dot, kind = attachment.file_name.rpartition(".")
    # a name cut between words (``fit_label``); the bot's own « Lettre d’engagement (12 pages) » whole
    name = fit_label(stem, 32) + dot + kind if dot and len(kind) <= 5 else fit_label(attachment.file_name, 32)
    label = quoted(context.t.language, shorten(attachment.label, 60))
    return f"{e(label)} ({e(name)}, {e(size)})"


@screen(states.DOCUMENTS)
async def docs_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The letter and the supporting documents, with what can be done with each."""
    _ = context._
    dossier = await member_dossier(context, session)
    files = await attachments_of(session, dossier.id)
    letter = next((a for a in files if a.kind == AttachmentKind.COMMITMENT_LETTER), None)
    supporting = [a for a in files if a.kind == AttachmentKind.SUPPORTING]
    lines = [
        "📎 " + bold(_("Documents of the dossier")),
        "",
        bold(_(ATTACHMENT_KINDS[AttachmentKind.COMMITMENT_LETTER])),
    ]
    if letter:  # numbered as its button, the first (one numbering for the list and the buttons)
        lines.append("1. ✅ " + document_line(context, letter))
    else:
        lines.append("⚠️ " + e(_("Not provided yet (required to submit; only the direction can provide it).")))
    lines += ["", bold(_("Supporting documents"))]
    lines += [f"{n}. " + document_line(context, a) for n, a in enumerate(supporting, 1 + bool(letter))]
    if not supporting:
        lines.append(e(_("None yet (optional).")))
    rows = []
    if dossier.status in EDITABLE:
        if context.visitor.is_direction:  # the letter is the direction's to provide: not offered to a member
            rows.append([(_("📎 Commitment letter"), cb.UPLOAD.pack(dossier.id, "l"))])
        elif letter is None:  # a member asks the direction for it
            rows.append([(_("📨 Ask the direction for the letter"), ASK_LETTER.pack(dossier.id))])
        if len(supporting) < MAX_ATTACHMENTS:
            rows.append([(_("📎 Add a document"), cb.UPLOAD.pack(dossier.id, "s"))])
        else:  # said where its button was, not once a file is sent and refused
            lines += ["", "⚠️ " + e(_(FILE_REFUSALS["limit_reached"]).format(limit=MAX_ATTACHMENTS))]
        lines += ["", italic(_("Accepted: {formats}.").format(formats=_(ACCEPTED)))]
    lines += locked_lines(context, dossier)  # why nothing can be added, as every screen of the dossier says
    buttons = [(fitted(f"📄 {n} · ", a.label), cb.ATTACHMENT.pack(a.id)) for n, a in enumerate(files, 1)]
    rows += [*(buttons[i : i + 2] for i in range(0, len(buttons), 2)), common.home_row(context, data)]
    return Screen("\n".join(lines), keyboard(*rows))


@screen(states.ATTACHMENT)
async def attachment_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """One file: its label, name and size, to rename or remove."""
    _ = context._
    attachment, dossier = await attachment_of_member(
        session, int(data["id"]), context.coop_id, for_edit=False
    )
    sender = attachment.uploaded_by and await session.get(User, attachment.uploaded_by)
    added = _("Added by {name} on {date}") if sender else _("Added by a former member on {date}")
    name = await told_apart(session, sender, context.coop_id) if sender else ""  # which Camille
    date = context.t.format_datetime(attachment.uploaded_at)
    text = "\n".join(
        [
            "📄 " + bold(attachment.label),
            e(_(ATTACHMENT_KINDS[AttachmentKind(attachment.kind)])),
            f"{e(attachment.file_name)} · {e(format_size(context.t, attachment.size))}",
            e(added.format(name=name, date=date)),
            *locked_lines(context, dossier),  # why it can be neither renamed nor removed
        ]
    )
    rows = [[(_(RECEIVE), SEND_FILE.pack(attachment.id))]]
    if dossier.status in EDITABLE and may_change(attachment, context.visitor.is_direction):
        rename = (_("✏️ Rename"), cb.EDIT_FIELD.pack("f", attachment.id, "l"))
        rows.append([rename, (_("🗑 Remove"), cb.REMOVE_ATTACHMENT.pack(attachment.id))])
    rows.append([back_button(context, cb.DOCUMENTS.pack()), home_button(context)])
    return Screen(text, keyboard(*rows))


async def open_docs(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """📎 Documents (from the recap's ✏️, or back from a file: with its way back)."""
    return Step(Position(states.DOCUMENTS, common.from_recap(args, 0)))


async def open_attachment(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    attachment, _dossier = await attachment_of_member(session, int(args[0]), context.coop_id, for_edit=False)
    return Step(Position(states.ATTACHMENT, {"id": attachment.id}))


async def send_file(update: Update, context: QualiContext) -> None:
    """📥 one document sent back as a file, to a member of its coop: whoever sees the list (the
    committee and the federation receive them all in the ZIP of /export)."""
    query = update.callback_query
    if not await require_member(update, context):
        return
    try:
        async with context.db.transaction() as session:
            attachment, _dossier = await attachment_of_member(
                session, SEND_FILE.unpack(query.data)[0], context.coop_id, for_edit=False
            )
    except DossierError as refused:
        await query.answer(refusal(context, refused.code), show_alert=True)
        return
    await query.answer()
    await update.effective_chat.send_action(ChatAction.UPLOAD_DOCUMENT)
    content = await context.bot_data.file_store.read(attachment.sha256)
    await update.effective_chat.send_document(
        content, filename=attachment.file_name, caption="📄 " + e(attachment.label)
    )


async def direction_users(session: AsyncSession, coop_id: int) -> list[User]:
    """The coop's direction members who can be reached (not those who blocked the bot)."""
    directors = {
        mate.user_id for mate in await team_of(session, coop_id) if mate.role == MemberRole.DIRECTION
    }
    return [user for user in await coop_users(session, coop_id) if user.id in directors]


async def tell_direction(
    context: QualiContext, session: AsyncSession, kind: str, dossier, **news
) -> list[str]:
    """The direction (but the visitor) told through the outbox, in this transaction: their names."""
    me, coop = context.visitor.user, context.visitor.coop
    directors = [user for user in await direction_users(session, coop.id) if user.id != me.id]
    news = {"name": me.first_name, "by": me.id, "coop": coop.name, "dossier_id": dossier.id, **news}
    await enqueue(session, [user.id for user in directors], kind, news, now=context.now())
    return [user.first_name or "—" for user in directors]


async def ask_letter(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """📨 A member asks the direction for the letter: each of its members told, at most once a day."""
    _, back = context._, Position(states.DOCUMENTS)
    dossier = await dossier_of_member(session, args[0], context.coop_id)
    if context.visitor.is_direction:  # the direction adds it (or is told it is there)
        return await add_letter(context, session, args)
    snapshot = await read_snapshot(session, dossier)
    if snapshot.has_commitment_letter:  # an old menu
        return Step(back, "✅ " + e(_(THERE)))
    if not [u for u in await direction_users(session, context.coop_id) if u.id != context.visitor.user.id]:
        return Step(back, "⚠️ " + e(_(NO_DIRECTION)))
    now = context.now()
    earlier = await ask_for_letter(session, dossier, actor_id=context.visitor.user.id, now=now)
    if earlier is not None:
        again = _("The direction was already asked for the letter today at {time}: once a day at most.")
        return Step(back, "ℹ️ " + e(again.format(time=time_of_day(context.t, earlier.at))))
    only = [gap.kind for gap in dossier_gaps(context.referential, snapshot)] == ["no_commitment_letter"]
    names = await tell_direction(context, session, LETTER_ASKED, dossier, only=only)
    sent = _("Your request was sent to {names}, of the direction. You will be told when the letter is added.")
    return Step(back, "📨 " + e(sent.format(names=names_of(context.t, names))))


async def add_letter(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """📎 Add the commitment letter (the direction's button in a request): the letter's upload, unless a
    colleague added it meanwhile."""
    dossier = await dossier_of_member(session, args[0], context.coop_id)
    if not context.visitor.is_direction:  # a request forwarded to a colleague: theirs is « Ask »
        raise NotAllowed("only the direction provides the letter")
    if any(a.kind == AttachmentKind.COMMITMENT_LETTER for a in await attachments_of(session, dossier.id)):
        return Step(Position(states.DOCUMENTS), "✅ " + e(context._(THERE)))
    return await start_upload(context, session, [dossier.id, "l"])


async def render_ready(t: Translator, session: AsyncSession, data: dict, services) -> tuple:
    """To the direction: a colleague marked the dossier ready (written by ``home.ready``)."""
    meeting = next_meeting_at(services.clock(), services.committee_dates)
    return ready_text(t, data, meeting), keyboard([(t.gettext(HOME), cb.HOME.pack())]), None


async def render_letter_asked(t: Translator, session: AsyncSession, data: dict, services) -> tuple:
    """To the direction: a colleague asks for the letter; its button opens the letter's upload."""
    add = (t.gettext("📎 Add the commitment letter"), ADD_LETTER.pack(data["dossier_id"]))
    return letter_asked_text(t, data), keyboard([add]), None


async def render_letter_added(t: Translator, session: AsyncSession, data: dict, services) -> tuple:
    """To the coop's other members: the direction added its letter (written by ``uploads.record``)."""
    return letter_added_text(t, data), keyboard([(t.gettext(HOME), cb.HOME.pack())]), None


NOTICES = {
    READY_NEWS: render_ready,
    LETTER_ASKED: render_letter_asked,
    LETTER_ADDED: render_letter_added,
    **replacement.NOTICES,  # the one whose letter someone else replaced
    ATTACHMENT_REMOVED: document_removal.render_removed,
}


def handlers() -> list:
    """Document buttons (the files themselves arrive through ``uploads``, the letter's through
    ``letter.replacement`` first)."""
    return [
        *replacement.handlers(),
        on_button(SEND_FILE, send_file),
        button(ASK_LETTER, ask_letter),
        button(ADD_LETTER, add_letter),
        button(cb.DOCUMENTS, open_docs),
        *document_removal.handlers(open_attachment),
    ]
