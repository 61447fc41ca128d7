"""What recipients of a VisioCoop announcement see and press, and what the federation sees of it.

The message in each language with « I'll attend / I can't » and its .ics file; the progress of the
broadcast (edited in place), its final report, the answers and the failed deliveries.
"""

from __future__ import annotations

from datetime import timedelta

from telegram import InlineKeyboardMarkup, Update

from conversations.render.formatting import shorten
from conversations.render.html import bold, e
from conversations.render.ics import IcsEvent, build_ics
from conversations.ui import callbacks as cb
from conversations.ui.context import QualiContext
from conversations.ui.messages import keyboard, reply
from conversations.ui.middleware import require_admin
from conversations.ui.router import on_button
from locales import Translator
from models.announcements import answer, answer_counts, failures, get_announcement, was_sent_to
from models.tables import Announcement, AnnouncementStatus, DeliveryStatus


def render_announcement(
    t: Translator, announcement: Announcement, *, reminder: bool = False
) -> tuple[str, InlineKeyboardMarkup]:
    """The message recipients get, in one language, with its buttons."""
    lines = []
    if reminder:
        lines.append("⏰ " + e(t.gettext("In one hour:")))
    lines.append("📢 " + bold(announcement.title))
    if announcement.starts_at:
        lines.append("🗓 " + e(t.format_datetime(announcement.starts_at)))
    if announcement.video_link:
        lines.append("🔗 " + e(announcement.video_link))
    if announcement.description:
        lines += ["", e(announcement.description)]
    rows = (
        []
        if reminder
        else [
            [
                (t.gettext("✅ I'll attend"), cb.RSVP.pack(announcement.id, "y")),
                (t.gettext("❌ I can't"), cb.RSVP.pack(announcement.id, "n")),
            ]
        ]
    )
    rows.append([(t.gettext("📅 Add to my calendar"), cb.ANNOUNCEMENT_ICS.pack(announcement.id))])
    return "\n".join(lines), keyboard(*rows)


def progress_text(t: Translator, announcement: Announcement, counts) -> str:
    """« 1 240 / 2 000 sent », edited in place while the broadcast goes on."""
    total = sum(counts.values())
    done = total - counts.get(DeliveryStatus.PENDING, 0)
    head = "✅" if announcement.status == AnnouncementStatus.DONE else "📤"
    return "\n".join(
        [
            f"{head} {bold(announcement.title)}",
            e(
                t.gettext("{done} / {total} sent").format(
                    done=t.format_number(done), total=t.format_number(total)
                )
            ),
        ]
    )


def report_message(t: Translator, announcement: Announcement, counts) -> tuple[str, InlineKeyboardMarkup]:
    """The final report: delivered, blocked, failed; failures listed on request."""
    text = "\n".join(
        [
            "📊 " + bold(t.gettext("Announcement sent: {title}").format(title=announcement.title)),
            e(t.gettext("Delivered: {n}").format(n=t.format_number(counts.get(DeliveryStatus.SENT, 0)))),
            e(
                t.gettext("Blocked the bot: {n}").format(
                    n=t.format_number(counts.get(DeliveryStatus.BLOCKED, 0))
                )
            ),
            e(t.gettext("Failed: {n}").format(n=t.format_number(counts.get(DeliveryStatus.FAILED, 0)))),
        ]
        + (
            [
                e(
                    t.gettext("Interrupted by a restart, not repeated: {n}").format(
                        n=counts[DeliveryStatus.UNCERTAIN]
                    )
                )
            ]
            if counts.get(DeliveryStatus.UNCERTAIN)
            else []
        )
    )
    rows = [[(t.gettext("👥 Answers"), cb.ANNOUNCEMENT_ANSWERS.pack(announcement.id))]]
    if counts.get(DeliveryStatus.FAILED):
        rows.append([(t.gettext("⚠️ See the failures"), cb.ANNOUNCEMENT_FAILURES.pack(announcement.id))])
    return text, keyboard(*rows)


async def rsvp(update: Update, context: QualiContext) -> None:
    """« I'll attend » / « I can't »: counted for the federation."""
    query = update.callback_query
    _prefix, announcement_id, choice = query.data.split(":")
    attending = choice == "y"
    async with context.db.transaction() as session:
        if not await was_sent_to(session, int(announcement_id), context.visitor.user.id):
            await query.answer(context._("This announcement was not sent to you."), show_alert=True)
            return
        await answer(session, int(announcement_id), context.visitor.user.id, attending, now=context.now())
    text = (
        context._("Noted: you will attend. A reminder comes one hour before.")
        if attending
        else context._("Noted: you will not attend.")
    )
    await query.answer(text, show_alert=True)


async def send_ics(update: Update, context: QualiContext) -> None:
    """📅 Add to my calendar: the meeting as an .ics file, in Paris time."""
    query = update.callback_query
    announcement_id = int(query.data.split(":")[1])
    async with context.db.transaction() as session:
        allowed = context.visitor.is_admin or await was_sent_to(
            session, announcement_id, context.visitor.user.id
        )
        announcement = await get_announcement(session, announcement_id) if allowed else None
    if announcement is None:
        await query.answer(context._("This announcement was not sent to you."), show_alert=True)
        return
    await query.answer()
    event = IcsEvent(
        uid=f"announcement-{announcement.id}@qualicoop",
        summary=announcement.title,
        start=announcement.starts_at,
        end=announcement.starts_at + timedelta(hours=1),
        description=announcement.description or "",
        url=announcement.video_link,
    )
    await update.effective_chat.send_document(
        build_ics([event], "Quali’Coop", context.now()), filename="visiocoop.ics"
    )


async def show_answers(update: Update, context: QualiContext) -> None:
    """The answers counted so far (admins)."""
    if not await require_admin(update, context):
        return
    query = update.callback_query
    async with context.db.transaction() as session:
        yes, no = await answer_counts(session, int(query.data.split(":")[1]))
    await query.answer(context._("{yes} will attend · {no} cannot").format(yes=yes, no=no), show_alert=True)


async def show_failures(update: Update, context: QualiContext) -> None:
    """The failed deliveries, with their error (admins)."""
    if not await require_admin(update, context):
        return
    query = update.callback_query
    await query.answer()
    async with context.db.transaction() as session:
        failed = await failures(session, int(query.data.split(":")[1]))
    lines = ["⚠️ " + bold(context._("Failed deliveries"))] + [
        f"• {d.user_id} — {e(shorten(d.error, 120))}" for d in failed[:100]
    ]
    await reply(update, "\n".join(lines))


def handlers() -> list:
    """Recipients' buttons, and the admins' buttons on the broadcast's report."""
    return [
        on_button(cb.RSVP, rsvp),
        on_button(cb.ANNOUNCEMENT_ICS, send_ics),
        on_button(cb.ANNOUNCEMENT_ANSWERS, show_answers),
        on_button(cb.ANNOUNCEMENT_FAILURES, show_failures),
    ]
