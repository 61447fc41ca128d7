"""/export: the committee's bundle, a ZIP with the dossier's PDF and every attached file."""

from __future__ import annotations

import asyncio
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.constants import ChatAction
from telegram.ext import CommandHandler

from conversations.committee import export_list
from conversations.committee.export_list import EXPORT_LIST, NAME_UNITS
from conversations.render.html import e, escaped_within
from conversations.render.pdf import render_pdf
from conversations.render.report import DossierReport, pdf_file_name
from conversations.ui.context import QualiContext
from conversations.ui.messages import reply
from conversations.ui.middleware import require_member
from conversations.ui.reports import dossier_report
from conversations.ui.router import open_position
from locales import Translator
from models.chat_state import Position
from models.coops import coops_meant
from models.dossier.attachments import attachments_of
from models.dossier.current import current_dossier
from models.dossier.files import FileStore
from models.label.committee import latest_followed
from models.parsing.text import coop_number
from models.tables import Attachment, AttachmentKind, Coop, Dossier

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


@dataclass(frozen=True)
class Export:
    """What /export answers, decided in one transaction and sent after it: a message (HTML), how to
    join a coop (``join``), or a dossier to bundle (its report and files; the message, if any, as its
    caption)."""

    said: str = ""
    join: bool = False
    report: DossierReport | None = None
    attachments: list[Attachment] = field(default_factory=list)


async def bundled(context: QualiContext, session: AsyncSession, coop: Coop, dossier: Dossier) -> Export:
    """A dossier to bundle: its report with the letter, and its attached files."""
    report = await dossier_report(context, session, coop, dossier=dossier, with_letter=True)
    return Export(report=report, attachments=await attachments_of(session, dossier.id))


async def own_coop_export(context: QualiContext, session: AsyncSession, coop: Coop) -> Export:
    """The visitor's own coop: its current dossier for its direction, whatever its status; a member is
    told what they may have instead (the same rule for a member of the federation's staff)."""
    if not context.visitor.is_direction:
        said = context._("The bundle (the PDF and every attached file) is for the coop’s direction.")
        return Export("⛔ " + e(said) + "\n" + e(context._("The dossier as a PDF: /pdf")))
    return await bundled(context, session, coop, await current_dossier(session, coop.id))


async def federation_export(context: QualiContext, session: AsyncSession, reference: str) -> Export:
    """/export COOP for the committee or an admin: a dossier the committee follows (the Mini App's
    rule), their own coop under its direction's rule."""
    _ = context._
    meant = await coops_meant(session, reference)
    if not meant:
        said = _("No coop « {name} ». Send /export alone for the list.").format(name=reference)
        return Export("⚠️ " + e(said))
    coop = meant[0]
    # a number is the coop so numbered (the list's); a name twins share (added before 4ad2713) is asked
    if len(meant) > 1 and coop_number(reference) != coop.id:
        return Export(homonyms(context, meant))
    if context.visitor.coop is not None and context.visitor.coop.id == coop.id:
        return await own_coop_export(context, session, coop)
    dossier, current = await latest_followed(session, coop.id)
    if dossier is None:
        said = _(
            "{coop} has not submitted its dossier to the committee yet: its bundle can be exported once "
            "it is submitted."
        ).format(coop=coop.name)
        return Export("⚠️ " + e(said))
    bundle = await bundled(context, session, coop, dossier)
    if current:
        return bundle
    # its next cycle is a draft, not the committee's to read yet: the cycle it followed, said so
    said = _(
        "Cycle {cycle}, the latest submitted to the committee: {coop} is preparing its cycle {next}, "
        "exported once submitted."
    ).format(cycle=dossier.cycle, coop=coop.name, next=dossier.cycle + 1)
    return Export("ℹ️ " + e(said), report=bundle.report, attachments=bundle.attachments)


def homonyms(context: QualiContext, meant: list[Coop]) -> str:
    """The coops a name may mean, each with its number (and region, which may tell them apart), and how
    to export one (HTML)."""
    _ = context._
    choices = [
        f"#{coop.id} {escaped_within(coop.name, NAME_UNITS)}"
        + (f" — {e(coop.region)}" if coop.region else "")
        for coop in meant
    ]
    ask = _("Send /export followed by the number of the one you mean, e.g. /export {number}.")
    return "\n".join(
        ["⚠️ " + e(_("Several coops bear this name:")), *choices, e(ask.format(number=meant[0].id))]
    )


async def what_to_export(context: QualiContext, session: AsyncSession) -> Export:
    """/export (the coop's direction) or /export COOP (the committee and federation admins)."""
    visitor = context.visitor
    if visitor is not None and (visitor.is_committee or visitor.is_admin):
        return await federation_export(context, session, " ".join(context.args))
    if visitor is None or visitor.coop is None:  # in no coop: how to join, as /pdf says
        return Export(join=True)
    return await own_coop_export(context, session, visitor.coop)


async def export(update: Update, context: QualiContext) -> None:
    """/export: decided in a transaction, then answered once it is closed (no connection held open
    while Telegram is waited for). The committee's and the admins' /export alone is the list of coops, a
    screen of pages (``export_list``), even when on a coop's team."""
    visitor = context.visitor
    if visitor is not None and (visitor.is_committee or visitor.is_admin) and not context.args:
        await open_position(update, context, Position(EXPORT_LIST))
        return
    async with context.db.transaction() as session:
        answer = await what_to_export(context, session)
    if answer.join:
        await require_member(update, context)
        return
    if answer.report is None:
        await reply(update, answer.said)
        return
    report = answer.report
    await update.effective_chat.send_action(ChatAction.UPLOAD_DOCUMENT)
    pdf = await asyncio.to_thread(render_pdf, report)
    bundle = await build_bundle(
        context.t, pdf_file_name(report), pdf, answer.attachments, context.bot_data.file_store
    )
    if len(bundle) > BOT_UPLOAD_LIMIT:
        said = context._(
            "The bundle is larger than 50 MB, the most a bot can send. Ask the federation for a copy."
        )
        await reply(update, "⚠️ " + e(said))
        return
    await update.effective_chat.send_document(
        bundle, filename=pdf_file_name(report).removesuffix(".pdf") + ".zip", caption=answer.said or None
    )


def handlers() -> list:
    """The export command, and the ⬅️ ➡️ of its list of coops."""
    return [CommandHandler("export", export), *export_list.handlers()]
