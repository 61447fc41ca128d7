"""The dossier's documents: the direction's commitment letter and supporting documents."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.constants import ChatAction

from conversations.dossier.uploads import FILE_REFUSALS
from conversations.render.formatting import quoted
from conversations.render.html import bold, e, italic
from conversations.render.report import ATTACHMENT_KINDS, format_size
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.callbacks import callback
from conversations.ui.common import back_button, cancel_button, home_button, refusal
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, fitted, keyboard
from conversations.ui.middleware import require_member
from conversations.ui.router import Step, button, member_dossier, on_button, screen
from locales import N_
from models.chat_state import Position
from models.dossier.attachments import attachment_of_member, attachments_of, remove_attachment
from models.dossier.reads import EDITABLE, DossierError, dossier_of_member
from models.tables import AttachmentKind

SEND_FILE = callback("atf", int)  # 📥 a document sent back as a file
KIND_CODES = {"l": AttachmentKind.COMMITMENT_LETTER, "s": AttachmentKind.SUPPORTING}
ACCEPTED = N_("PDF, image, Word, Excel or OpenDocument; 20 MB at most")


def document_line(context: QualiContext, attachment) -> str:
    """« Lettre signée » (lettre.pdf, 120 ko)."""
    size = format_size(context.t, attachment.size)
    return f"{e(quoted(context.t.language, attachment.label))} ({e(attachment.file_name)}, {e(size)})"


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
    if letter:
        lines.append("✅ " + document_line(context, letter))
    else:
        lines.append("⚠️ " + e(_("Not provided yet (required to submit; only the direction can provide it).")))
    lines += ["", bold(_("Supporting documents"))]
    lines += [f"{n}. " + document_line(context, a) for n, a in enumerate(supporting, 1)]
    if not supporting:
        lines.append(e(_("None yet (optional).")))
    rows = []
    if dossier.status in EDITABLE:
        if context.visitor.is_direction:  # the letter is the direction's to provide: not offered to a member
            rows.append([(_("📎 Commitment letter"), cb.UPLOAD.pack(dossier.id, "l"))])
        rows.append([(_("📎 Add a document"), cb.UPLOAD.pack(dossier.id, "s"))])
        lines += ["", italic(_("Accepted: {formats}.").format(formats=_(ACCEPTED)))]
    buttons = [(fitted(f"📄 {n} · ", a.label), cb.ATTACHMENT.pack(a.id)) for n, a in enumerate(files, 1)]
    rows += [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([home_button(context)])
    return Screen("\n".join(lines), keyboard(*rows))


@screen(states.UPLOAD)
async def upload_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Waiting for a file."""
    _ = context._
    kind = AttachmentKind(data["kind"])
    text = "\n".join(
        [
            "📎 " + bold(_(ATTACHMENT_KINDS[kind])),
            "",
            e(_("Send the file now, as an attachment ({formats}).").format(formats=_(ACCEPTED))),
            e(_("You can write its label in the caption.")),
        ]
    )
    return Screen(text, keyboard([back_button(context, cb.DOCUMENTS.pack()), home_button(context)]))


@screen(states.ATTACHMENT)
async def attachment_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """One file: its label, name and size, to rename or remove."""
    _ = context._
    attachment, dossier = await attachment_of_member(
        session, int(data["id"]), context.coop_id, for_edit=False
    )
    text = "\n".join(
        [
            "📄 " + bold(attachment.label),
            e(_(ATTACHMENT_KINDS[AttachmentKind(attachment.kind)])),
            f"{e(attachment.file_name)} · {e(format_size(context.t, attachment.size))}",
            e(_("Added on {date}").format(date=context.t.format_datetime(attachment.uploaded_at))),
        ]
    )
    rows = [[(_("📥 Receive the file"), SEND_FILE.pack(attachment.id))]]
    if dossier.status in EDITABLE:
        rows.append(
            [
                (_("✏️ Rename"), cb.EDIT_FIELD.pack("f", attachment.id, "l")),
                (_("🗑 Remove"), cb.REMOVE_ATTACHMENT.pack(attachment.id)),
            ]
        )
    rows.append([back_button(context, cb.DOCUMENTS.pack()), home_button(context)])
    return Screen(text, keyboard(*rows))


@screen(states.REMOVE_ATTACHMENT)
async def remove_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Confirm the removal of a file."""
    _ = context._
    attachment, _dossier = await attachment_of_member(session, int(data["id"]), context.coop_id)
    text = "⚠️ " + e(_("Remove « {label} » from the dossier?").format(label=attachment.label))
    return Screen(
        text,
        keyboard(
            [
                (_("🗑 Yes, remove it"), cb.CONFIRM_REMOVE_ATTACHMENT.pack(attachment.id)),
                cancel_button(context, cb.ATTACHMENT.pack(attachment.id)),
            ]
        ),
    )


async def open_docs(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    return Step(Position(states.DOCUMENTS))


async def start_upload(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """📎: wait for a file of that kind."""
    await dossier_of_member(session, int(args[0]), context.coop_id)
    kind = KIND_CODES[args[1]]
    if kind == AttachmentKind.COMMITMENT_LETTER and not context.visitor.is_direction:
        refusal = FILE_REFUSALS["letter_direction_only"]
        return Step(Position(states.DOCUMENTS), "⛔ " + e(context._(refusal)))
    return Step(Position(states.UPLOAD, {"kind": kind.value}))


async def open_attachment(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    attachment, _dossier = await attachment_of_member(session, int(args[0]), context.coop_id, for_edit=False)
    return Step(Position(states.ATTACHMENT, {"id": attachment.id}))


async def ask_remove(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    attachment, _dossier = await attachment_of_member(session, int(args[0]), context.coop_id)
    return Step(Position(states.REMOVE_ATTACHMENT, {"id": attachment.id}))


async def confirm_remove(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """🗑 Yes, remove it (file)."""
    attachment, dossier = await attachment_of_member(session, int(args[0]), context.coop_id)
    label = attachment.label
    await remove_attachment(
        session,
        dossier,
        attachment,
        actor_id=context.visitor.user.id,
        by_direction=context.visitor.is_direction,
        now=context.now(),
    )
    return Step(Position(states.DOCUMENTS), "🗑 " + e(context._("Removed: {label}").format(label=label)))


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


def handlers() -> list:
    """Document buttons (the files themselves arrive through ``uploads``)."""
    return [
        on_button(SEND_FILE, send_file),
        button(cb.DOCUMENTS, open_docs),
        button(cb.UPLOAD, start_upload),
        button(cb.ATTACHMENT, open_attachment),
        button(cb.REMOVE_ATTACHMENT, ask_remove),
        button(cb.CONFIRM_REMOVE_ATTACHMENT, confirm_remove),
    ]
