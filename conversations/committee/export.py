"""/export: the committee's bundle, a ZIP with the dossier's PDF and every attached file; several ZIPs,
each within what a bot may send, when the files add up to more: those handed to the outbox, one row a
part, sent in order by the delivery run (a part cut short by a crash, again: ``models.outbox``), a second
apart in the chat (``bot.delivery.pacer.ChatGaps``), while the bot answers everyone else."""

from __future__ import annotations

import asyncio
import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field, replace

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.constants import ChatAction
from telegram.ext import CommandHandler

from conversations.committee import export_list
from conversations.committee.export_list import EXPORT_LIST, homonyms, not_found
from conversations.render.html import e
from conversations.render.pdf import render_pdf
from conversations.render.report import DossierReport, build_report, pdf_file_name
from conversations.ui.context import QualiContext
from conversations.ui.messages import reply
from conversations.ui.middleware import require_member
from conversations.ui.reports import dossier_report, load_letter, with_history
from conversations.ui.router import open_position
from locales import N_, Translator
from models.chat_state import Position
from models.dossier.attachments import attachments_of, fit_label
from models.dossier.current import current_dossier
from models.dossier.files import MAX_FILE_SIZE, FileStore
from models.dossier.reads import NotYours
from models.dossier.record import read_record
from models.federation.coop_references import coops_holding, coops_meant
from models.label.committee import latest_followed, refused_again
from models.outbox import BUNDLE_PART, enqueue
from models.parsing.names import coop_number
from models.tables import Attachment, AttachmentKind, Coop, Dossier

# a coop with no bundle, or only its earlier cycle's: (never submitted, refused on reading and prepared again)
NOT_FOLLOWED = (
    N_(
        "{coop} has not submitted its dossier to the committee yet: its bundle can be exported once it is "
        "submitted."
    ),
    N_(
        "{coop} is preparing a new candidacy after the committee did not retain its dossier: its bundle can "
        "be exported once it is submitted again."
    ),
)
NEXT_CYCLE = (
    N_(
        "Cycle {cycle}, the latest submitted to the committee: {coop} is preparing its cycle {next}, "
        "exported once submitted."
    ),
    N_(
        "Cycle {cycle}: {coop} is preparing its cycle {next} again, which the committee did not retain; "
        "exported once submitted again."
    ),
)
BOT_UPLOAD_LIMIT = 50 * 1024 * 1024  # what a bot may send as a document
ZIP_END = 64 * 1024  # a part's central directory and end records, with room to spare


def readable_name(text: str, limit: int = 60) -> str:
    """A file-name-safe version of a label, keeping accents and spaces, cut between two words with « … »
    as labels are (fit_label)."""
    visible = "".join(c for c in text if not unicodedata.category(c).startswith("C"))  # controls, bidi marks
    cleaned = re.sub(r"[\\/:*?\"<>|]+", " ", visible)
    return fit_label(cleaned, limit).strip(" .") or "document"


def file_extension(file_name: str) -> str:
    """The extension a stored file's name ends with, when it is one (never a path: « x.b/../y »)."""
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    return extension if re.fullmatch(r"[a-z0-9]{1,5}", extension) else "bin"


@dataclass(frozen=True)
class Zipped:
    """A file of the bundle: its name in the ZIP, its size, and its bytes (the PDF) or where the store
    keeps them (an attached file, read only when its part is built)."""

    name: str
    size: int
    content: bytes = b""
    sha256: str = ""

    @property
    def room(self) -> int:
        """The most it takes in a ZIP: deflate's worst growth (0.03 % on a compressed scan) and headers."""
        return self.size + self.size // 1000 + 2 * 1024


def bundle_files(t: Translator, pdf_name: str, pdf: bytes, attachments: list[Attachment]) -> list[Zipped]:
    """The bundle's files in order: the PDF at the top, then « 01 - Lettre d’engagement - label.pdf »…"""
    files = [Zipped(pdf_name, len(pdf), content=pdf)]
    for number, attachment in enumerate(attachments, 1):
        kind = (
            t.gettext("Commitment letter")
            if attachment.kind == AttachmentKind.COMMITMENT_LETTER
            else t.gettext("Document")
        )
        extension = file_extension(attachment.file_name)
        name = f"{number:02d} - {kind} - {readable_name(attachment.label)}.{extension}"
        # a row without its size (0) counts as the largest file there may be: it fits all the same
        files.append(Zipped(name, attachment.size or MAX_FILE_SIZE, sha256=attachment.sha256))
    return files


def in_parts(files: list[Zipped], limit: int) -> list[list[Zipped]]:
    """The files in their order, in as many parts as needed for each ZIP to stay within ``limit`` (one
    part, usually); a file is 20 MB at most, so each fits in a part."""
    parts: list[list[Zipped]] = [[]]
    used = ZIP_END
    for file in files:
        if parts[-1] and used + file.room > limit:
            parts.append([])
            used = ZIP_END
        parts[-1].append(file)
        used += file.room
    return parts


async def build_bundle(files: list[Zipped], store: FileStore) -> bytes:
    """One ZIP of ``files``, each read from the store as it is written (one file in memory beside the
    ZIP) and compressed off the event loop."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for file in files:
            content = await store.read(file.sha256) if file.sha256 else file.content
            await asyncio.to_thread(archive.writestr, file.name, content)
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
    dossier: Dossier | None = None


async def bundled(context: QualiContext, session: AsyncSession, coop: Coop, dossier: Dossier) -> Export:
    """A dossier to bundle: its report with the letter, and its attached files."""
    report = await dossier_report(context, session, coop, dossier=dossier, with_letter=True)
    return Export(report=report, attachments=await attachments_of(session, dossier.id), dossier=dossier)


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
    if not meant:  # a part of a name: the coops it may be, to choose by number
        return Export(not_found(context, reference, await coops_holding(session, reference)))
    coop = meant[0]
    # a number is the coop so numbered (the list's); a name twins share (added before 4ad2713) is asked
    if len(meant) > 1 and coop_number(reference) != coop.id:
        return Export(homonyms(context, meant))
    if context.visitor.coop is not None and context.visitor.coop.id == coop.id:
        return await own_coop_export(context, session, coop)
    dossier, current = await latest_followed(session, coop.id)
    # refused on reading, its dossier a draft again (Transition.REAPPLY): it did submit, its draft edited in
    # place since is no longer what the committee refused (not bundled)
    again = refused_again(await current_dossier(session, coop.id))
    if dossier is None:
        return Export("⚠️ " + e(_(NOT_FOLLOWED[again]).format(coop=coop.name)))
    bundle = await bundled(context, session, coop, dossier)
    if current:
        return bundle
    # its next cycle is a draft, not the committee's to read yet: the cycle it followed, said so
    said = _(NEXT_CYCLE[again]).format(cycle=dossier.cycle, coop=coop.name, next=dossier.cycle + 1)
    return replace(bundle, said="ℹ️ " + e(said))


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
    await send_bundle(update, context, answer)


async def send_bundle(update: Update, context: QualiContext, answer: Export) -> None:
    """The bundle as one ZIP, sent now; larger than a bot may send, as several (« … (1 sur 3).zip »), the
    PDF in the first, said by a message: each part a row of the outbox, built and sent by the delivery
    run (``render_part``), not in this update, which everyone's next message would wait behind."""
    chat, report = update.effective_chat, answer.report
    await chat.send_action(ChatAction.UPLOAD_DOCUMENT)
    pdf = await asyncio.to_thread(render_pdf, report)
    pdf_name = pdf_file_name(report)
    parts = in_parts(bundle_files(context.t, pdf_name, pdf, answer.attachments), BOT_UPLOAD_LIMIT)
    name = pdf_name.removesuffix(".pdf")
    if len(parts) == 1:
        bundle = await build_bundle(parts[0], context.bot_data.file_store)
        await chat.send_document(bundle, filename=name + ".zip", caption=answer.said or None)
        return
    said = context.t.ngettext(
        "The bundle is too large to be sent at once: it comes in {n} ZIP file, with the dossier’s PDF.",
        "The bundle is too large to be sent at once: it comes in {n} ZIP files, one after the other, "
        "the dossier’s PDF in the first.",
        len(parts),
    ).format(n=context.t.format_number(len(parts)))
    await reply(update, (answer.said + "\n\n" if answer.said else "") + "📦 " + e(said))
    # after the message, so that no part comes before it; the PDF (no sha256) is rendered with its part
    plan = {"dossier_id": answer.dossier.id, "made_of": made_of(answer.dossier, answer.attachments)}
    plan |= {"name": name, "parts": len(parts)}
    async with context.db.transaction() as session:
        for number, part in enumerate(parts, 1):
            files = [[file.name, file.sha256] for file in part]
            news = {**plan, "part": number, "files": files}
            await enqueue(session, [context.visitor.user.id], BUNDLE_PART, news, now=context.now())


def made_of(dossier: Dossier, attachments: list[Attachment]) -> str:
    """What a bundle was planned from: the dossier's version and its files (a file added, replaced or
    removed since changes it)."""
    files = sorted((attachment.id, attachment.sha256) for attachment in attachments)
    return hashlib.sha256(repr((dossier.version, files)).encode()).hexdigest()[:16]


async def render_part(t: Translator, session: AsyncSession, data: dict, services) -> tuple:
    """One part of a bundle (``send_bundle``), built when the outbox sends it, off the event loop: its
    files as planned; the dossier changed since the /export, a line saying so instead, never a part of
    another bundle mixed with the parts sent already."""
    dossier = await session.get(Dossier, data["dossier_id"])
    if dossier is None:
        raise NotYours("the dossier of a bundle is gone")
    numbered = t.gettext("{name} ({part} of {parts})").format(
        name=data["name"], part=t.format_number(data["part"]), parts=t.format_number(data["parts"])
    )
    if made_of(dossier, await attachments_of(session, dossier.id)) != data["made_of"]:
        said = t.gettext(
            "{file} was not sent: the dossier changed since your /export. Send /export again to have it "
            "as it is now."
        ).format(file=numbered + ".zip")
        return "⚠️ " + e(said), None, None
    files = []
    for file_name, sha256 in data["files"]:
        if not sha256:  # the dossier's PDF, at the top of the first part
            coop = await session.get(Coop, dossier.coop_id)
            record = await read_record(session, dossier, coop)
            now, letter = services.clock(), await load_letter(services.file_store, record)
            report = build_report(t, services.referential, record, now, letter)
            report = await with_history(t, services.referential, session, dossier, report, now)
            pdf = await asyncio.to_thread(render_pdf, report)
            files.append(Zipped(file_name, len(pdf), content=pdf))
        else:
            files.append(Zipped(file_name, 0, sha256=sha256))
    return "", None, (await build_bundle(files, services.file_store), numbered + ".zip")


NOTICES = {BUNDLE_PART: render_part}


def handlers() -> list:
    """The export command, and the ⬅️ ➡️ of its list of coops."""
    return [CommandHandler("export", export), *export_list.handlers()]
