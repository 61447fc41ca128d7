"""/export: the committee's bundle, a ZIP with the dossier's PDF and every attached file."""

from __future__ import annotations

import asyncio
import io
import re
import unicodedata
import zipfile

from telegram import Update
from telegram.constants import ChatAction
from telegram.ext import CommandHandler

from conversations.render.html import e
from conversations.render.pdf import render_pdf
from conversations.render.report import pdf_file_name
from conversations.ui.context import QualiContext
from conversations.ui.messages import reply
from conversations.ui.middleware import require_member
from conversations.ui.reports import dossier_report
from locales import Translator
from models.coops import find_coop, list_coops
from models.dossier.attachments import attachments_of
from models.dossier.current import current_dossier
from models.dossier.files import FileStore
from models.tables import Attachment, AttachmentKind

BOT_UPLOAD_LIMIT = 50 * 1024 * 1024  # what a bot may send as a document


def readable_name(text: str, limit: int = 60) -> str:
    """A file-name-safe version of a label, keeping accents and spaces."""
    visible = "".join(c for c in text if not unicodedata.category(c).startswith("C"))  # controls, bidi marks
    cleaned = re.sub(r"[\\/:*?\"<>|]+", " ", visible)
    return " ".join(cleaned.split())[:limit].strip(" .") or "document"


def file_extension(file_name: str) -> str:
    """The extension a stored file's name ends with, when it is one (never a path: « x.b/../y »)."""
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    return extension if re.fullmatch(r"[a-z0-9]{1,5}", extension) else "bin"


async def build_bundle(
    t: Translator, pdf_name: str, pdf: bytes, attachments: list[Attachment], store: FileStore
) -> bytes:
    """The ZIP: the PDF at the top, then « 01 - Lettre d’engagement - label.pdf »…"""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(pdf_name, pdf)
        for number, attachment in enumerate(attachments, 1):
            kind = (
                t.gettext("Commitment letter")
                if attachment.kind == AttachmentKind.COMMITMENT_LETTER
                else t.gettext("Document")
            )
            extension = file_extension(attachment.file_name)
            name = f"{number:02d} - {kind} - {readable_name(attachment.label)}.{extension}"
            archive.writestr(name, await store.read(attachment.sha256))
    return buffer.getvalue()


def coop_list(context: QualiContext, coops: list, own: int | None) -> str:
    """Every coop, numbered by its id for /export ID; the visitor's own coop said so (HTML)."""
    lines = [e(context._("Which coop? Send /export followed by its number:"))]
    for summary in coops:
        mark = " — " + context._("your coop") if summary.coop.id == own else ""
        lines.append(f"{summary.coop.id} · {e(summary.coop.name + mark)}")
    return "\n".join(lines)


async def export(update: Update, context: QualiContext) -> None:
    """/export (the coop's direction) or /export COOP (the committee and federation admins, whose
    /export alone lists the coops, even when on a coop's team: their own coop is in the list)."""
    _ = context._
    visitor = context.visitor
    federation = visitor is not None and (visitor.is_committee or visitor.is_admin)
    async with context.db.transaction() as session:
        if federation and context.args:
            coop = await find_coop(session, " ".join(context.args))
            if coop is None:
                await reply(
                    update,
                    "⚠️ "
                    + e(
                        _("No coop « {name} ». Send /export alone for the list.").format(
                            name=" ".join(context.args)
                        )
                    ),
                )
                return
        elif federation:  # on a coop's team too: the committee's list, their own coop in it
            own = visitor.coop.id if visitor.coop is not None else None
            await reply(update, coop_list(context, await list_coops(session), own))
            return
        elif visitor is not None and visitor.coop is not None and visitor.is_direction:
            coop = visitor.coop
        elif not await require_member(update, context):  # in no coop: how to join, as /pdf says
            return
        else:  # a member: what they may have instead
            said = _("The bundle (the PDF and every attached file) is for the coop's direction.")
            await reply(update, "⛔ " + e(said) + "\n" + e(_("The dossier as a PDF: /pdf")))
            return
        report = await dossier_report(context, session, coop, with_letter=True)
        attachments = await attachments_of(session, (await current_dossier(session, coop.id)).id)
    await update.effective_chat.send_action(ChatAction.UPLOAD_DOCUMENT)
    pdf = await asyncio.to_thread(render_pdf, report)
    bundle = await build_bundle(
        context.t, pdf_file_name(report), pdf, attachments, context.bot_data.file_store
    )
    if len(bundle) > BOT_UPLOAD_LIMIT:
        await reply(
            update,
            "⚠️ "
            + e(
                _("The bundle is larger than 50 MB, the most a bot can send. Ask the federation for a copy.")
            ),
        )
        return
    await update.effective_chat.send_document(
        bundle, filename=pdf_file_name(report).removesuffix(".pdf") + ".zip"
    )


def handlers() -> list:
    """The export command."""
    return [CommandHandler("export", export)]
