"""Removing a file from the dossier: its confirmation (what goes, what it leaves short), the removal, and
the news to whoever added it. A file a colleague removed meanwhile is said so, the documents shown
(``editor.gone.or_removed``), not refused as another coop's on a confirmation that leads nowhere."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.dossier.editor.gone import or_removed, row
from conversations.dossier.editor.removal import confirmation_text, what_deletion_leaves
from conversations.render.formatting import quoted
from conversations.render.html import e
from conversations.render.notifications import named
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import HOME, cancel_button
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard
from conversations.ui.router import Step, button, screen
from locales import N_, Translator
from models.chat_state import Position
from models.dossier.attachments import (
    attachment_of_member,
    check_letter_rights,
    remove_attachment,
    sender_told,
)
from models.dossier.reads import still_there
from models.tables import Attachment, AttachmentKind, DossierStatus
from models.team import told_apart

RECEIVE = N_("📥 Receive the file")  # on the file's screen; named by its removal's confirmation


@screen(states.REMOVE_ATTACHMENT)
async def remove_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Confirm the removal of a file: final, who is told, and what it leaves short (the dossier's letter;
    a dossier marked ready a draft again)."""
    _ = context._
    attachment, dossier = await attachment_of_member(session, int(data["id"]), context.coop_id)
    question = _("Remove « {label} » from the dossier?").format(label=attachment.label)
    final = _(
        "It is final: the file cannot be brought back (to keep a copy, cancel and press “{button}” first)."
    )
    question += "\n" + final.format(button=_(RECEIVE))
    if sender := await sender_told(session, attachment, context.visitor.user.id, context.coop_id):
        name = await told_apart(session, sender, context.coop_id)  # which Camille, if two
        question += "\n" + _("{name}, who added it, will be told.").format(name=name)
    letter = attachment.kind == AttachmentKind.COMMITMENT_LETTER
    short = _("The dossier will then have no commitment letter, and it needs one to be submitted.")
    left = what_deletion_leaves(context.t, short if letter else None, dossier.status == DossierStatus.READY)
    confirm = (_("🗑 Yes, remove it"), cb.CONFIRM_REMOVE_ATTACHMENT.pack(attachment.id))
    return Screen(
        confirmation_text(question, left),
        keyboard([confirm, cancel_button(context, cb.ATTACHMENT.pack(attachment.id))]),
    )


async def ask_remove(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """🗑 Remove: its question, for a file the visitor may remove (the letter is the direction's:
    refused here, by the rule the removal applies, not after « Yes »)."""
    attachment, _dossier = await attachment_of_member(session, int(args[0]), context.coop_id)
    check_letter_rights(attachment, context.visitor.is_direction)
    return Step(Position(states.REMOVE_ATTACHMENT, {"id": attachment.id}))


async def confirm_remove(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """🗑 Yes, remove it (file); a dossier marked ready, now a draft, says so (``or_removed``); removed by a
    colleague while this one waited for the dossier (the same removal twice at once), said gone, as after."""
    attachment, dossier = await attachment_of_member(session, int(args[0]), context.coop_id)
    await still_there(session, dossier, Attachment, attachment.id)  # before anything is written
    label, me, direction = attachment.label, context.visitor.user.id, context.visitor.is_direction
    await remove_attachment(
        session, dossier, attachment, actor_id=me, by_direction=direction, now=context.now()
    )
    return Step(Position(states.DOCUMENTS), "🗑 " + e(context._("Removed: {label}").format(label=label)))


async def render_removed(t: Translator, session: AsyncSession, data: dict, services) -> tuple:
    """To whoever added a document a colleague removed (written by ``attachments.tell_removed``)."""
    news = t.gettext(
        "{name} removed {label} ({file}), the document you had added, from the Quali’Coop dossier of {coop}. "
        "To put it back, send it again from “📎 Documents”."
    )
    label = quoted(t.language, data["label"])
    text = "🗑 " + e(news.format(name=named(t, data), label=label, file=data["file"], coop=data["coop"]))
    return text, keyboard([(t.gettext(HOME), cb.HOME.pack())]), None


def handlers(opened) -> list:
    """A file's buttons, each about a file a colleague may have removed meanwhile (``opened``: the file's
    screen, from the documents)."""
    return [
        button(cb.ATTACHMENT, or_removed(opened, row("attachment"))),
        button(cb.REMOVE_ATTACHMENT, or_removed(ask_remove, row("attachment"))),
        button(cb.CONFIRM_REMOVE_ATTACHMENT, or_removed(confirm_remove, row("attachment"))),
    ]
