"""/annonce: the federation composes a VisioCoop announcement, previews it, and confirms.

Confirming hands the delivery over through the database (one pending row per recipient); the
background job sends it. Recipients answer « I'll attend / I can't » and get an .ics file.
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CommandHandler

from conversations.render.formatting import shorten
from conversations.render.html import bold, e, italic
from conversations.render.ics import IcsEvent, build_ics
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import back_button
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard, reply
from conversations.ui.middleware import require_admin
from conversations.ui.router import Step, button, on_button, open_position, screen, text_answer
from locales import N_, SUPPORTED_LANGUAGES, Translator, translator
from models.announcements import (
    AUDIENCES,
    STAGES,
    AnnouncementError,
    answer,
    answer_counts,
    approve,
    cancel,
    create_announcement,
    delivery_counts,
    failures,
    get_announcement,
    recipients,
    regions,
    set_progress_message,
    update_announcement,
    was_sent_to,
)
from models.chat_state import Position, load_position
from models.parsing.meeting_time import parse_meeting_time
from models.parsing.text import InputError, check_text
from models.tables import Announcement, AnnouncementStatus, DeliveryStatus

STEPS = (
    states.ANNOUNCEMENT_TITLE,
    states.ANNOUNCEMENT_WHEN,
    states.ANNOUNCEMENT_LINK,
    states.ANNOUNCEMENT_DESCRIPTION,
    states.ANNOUNCEMENT_AUDIENCE,
)
QUESTIONS = {
    states.ANNOUNCEMENT_TITLE: (
        N_("Title of the announcement?"),
        N_("e.g. VisioCoop: presentation of the Raison d’être"),
    ),
    states.ANNOUNCEMENT_WHEN: (
        N_("Date and time of the meeting?"),
        N_("e.g. Wednesday 6 September 9am, or 06/09 at 9:00"),
    ),
    states.ANNOUNCEMENT_LINK: (
        N_("Link of the video meeting?"),
        N_("e.g. https://visio.example.org/visiocoop — or « - » if none"),
    ),
    states.ANNOUNCEMENT_DESCRIPTION: (
        N_("A short description?"),
        N_("e.g. One hour to present the Raison d’être and answer your questions. « - » if none"),
    ),
}
AUDIENCE_LABELS = {
    "all": N_("Everyone"),
    "stage": N_("By stage of the label"),
    "direction": N_("Directions only"),
    "region": N_("By region"),
}
STAGE_LABELS = {
    "preparing": N_("Preparing their dossier"),
    "submitted": N_("Dossier submitted"),
    "in_progress": N_("Admissible, in progress"),
    "labelled": N_("Labelled"),
}
EDIT_CODES = {
    "t": states.ANNOUNCEMENT_TITLE,
    "w": states.ANNOUNCEMENT_WHEN,
    "l": states.ANNOUNCEMENT_LINK,
    "d": states.ANNOUNCEMENT_DESCRIPTION,
    "a": states.ANNOUNCEMENT_AUDIENCE,
}


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


def _question_screen(context: QualiContext, name: str, data: dict, current: str | None) -> Screen:
    _ = context._
    prompt, example = QUESTIONS[name]
    lines = [
        e(_("📢 New announcement · Step {n}/{total}").format(n=STEPS.index(name) + 1, total=len(STEPS))),
        "",
        bold(_(prompt)),
        italic(_(example)),
    ]
    if current:
        lines += ["", e(_("Currently: {value}").format(value=shorten(current, 300)))]
    rows = [[(_("✅ Keep"), cb.ANNOUNCEMENT_KEEP.pack(data["id"]))]] if current and data.get("id") else []
    rows.append([(_("❌ Cancel"), cb.ANNOUNCEMENT_CANCEL.pack(data["id"]))] if data.get("id") else [])
    return Screen("\n".join(lines), keyboard(*rows))


async def _draft(context: QualiContext, session: AsyncSession, data: dict) -> Announcement:
    announcement = await get_announcement(session, int(data["id"]))
    if announcement.status != AnnouncementStatus.DRAFT:
        raise AnnouncementError("no longer a draft")
    return announcement


@screen(states.ANNOUNCEMENT_TITLE)
async def title_screen(context, session, data):
    current = (await get_announcement(session, int(data["id"]))).title if data.get("id") else None
    return _question_screen(context, states.ANNOUNCEMENT_TITLE, data, current)


@screen(states.ANNOUNCEMENT_WHEN)
async def when_screen(context, session, data):
    announcement = await get_announcement(session, int(data["id"]))
    current = context.t.format_datetime(announcement.starts_at) if announcement.starts_at else None
    return _question_screen(context, states.ANNOUNCEMENT_WHEN, data, current)


@screen(states.ANNOUNCEMENT_LINK)
async def link_screen(context, session, data):
    return _question_screen(
        context, states.ANNOUNCEMENT_LINK, data, (await get_announcement(session, int(data["id"]))).video_link
    )


@screen(states.ANNOUNCEMENT_DESCRIPTION)
async def description_screen(context, session, data):
    return _question_screen(
        context,
        states.ANNOUNCEMENT_DESCRIPTION,
        data,
        (await get_announcement(session, int(data["id"]))).description,
    )


@screen(states.ANNOUNCEMENT_AUDIENCE)
async def audience_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    _ = context._
    step = _("📢 New announcement · Step {n}/{total}").format(n=5, total=len(STEPS))
    text = e(step) + "\n\n" + bold(_("Who should receive it?"))
    rows = [
        [(_(label), cb.ANNOUNCEMENT_AUDIENCE.pack(data["id"], code))]
        for code, label in AUDIENCE_LABELS.items()
    ]
    return Screen(text, keyboard(*rows, [(_("❌ Cancel"), cb.ANNOUNCEMENT_CANCEL.pack(data["id"]))]))


@screen(states.ANNOUNCEMENT_STAGE)
async def stage_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    _ = context._
    rows = [
        [(_(label), cb.ANNOUNCEMENT_STAGE.pack(data["id"], code))] for code, label in STAGE_LABELS.items()
    ]
    return Screen(
        bold(_("Which stage?")),
        keyboard(*rows, [back_button(context, cb.ANNOUNCEMENT_EDIT.pack(data["id"], "a"))]),
    )


@screen(states.ANNOUNCEMENT_REGION)
async def region_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    _ = context._
    names = await regions(session)
    rows = [[(name, cb.ANNOUNCEMENT_REGION.pack(data["id"], n))] for n, name in enumerate(names)]
    text = bold(_("Which region?"))
    if not names:
        text += "\n" + e(_("No coop has a region yet (qualicoop coop add --region)."))
    return Screen(text, keyboard(*rows, [back_button(context, cb.ANNOUNCEMENT_EDIT.pack(data["id"], "a"))]))


def audience_text(context: QualiContext, announcement: Announcement) -> str:
    _ = context._
    label = _(AUDIENCE_LABELS.get(announcement.audience, AUDIENCE_LABELS["all"]))
    if announcement.audience == "stage":
        label += " — " + _(STAGE_LABELS.get(announcement.audience_value or "", N_("Preparing their dossier")))
    elif announcement.audience == "region":
        label += f" — {announcement.audience_value}"
    return label


@screen(states.ANNOUNCEMENT_PREVIEW)
async def preview_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The message exactly as recipients will see it, in each language, and how many get it."""
    _ = context._
    announcement = await get_announcement(session, int(data["id"]))
    count = len(await recipients(session, announcement))
    lines = ["👀 " + bold(_("Preview, as recipients will see it"))]
    for language in SUPPORTED_LANGUAGES:
        text, _markup = render_announcement(translator(language), announcement)
        lines += ["", f"— {language.upper()} —", text]
    lines += [
        "",
        e(_("Audience: {audience}").format(audience=audience_text(context, announcement))),
        bold(_("Recipients: {n}").format(n=context.t.format_number(count))),
    ]
    i = announcement.id
    rows = [
        [(_("✅ Send to {n} people").format(n=context.t.format_number(count)), cb.ANNOUNCEMENT_SEND.pack(i))],
        [
            (_("✏️ Title"), cb.ANNOUNCEMENT_EDIT.pack(i, "t")),
            (_("✏️ Date"), cb.ANNOUNCEMENT_EDIT.pack(i, "w")),
            (_("✏️ Link"), cb.ANNOUNCEMENT_EDIT.pack(i, "l")),
        ],
        [
            (_("✏️ Description"), cb.ANNOUNCEMENT_EDIT.pack(i, "d")),
            (_("✏️ Audience"), cb.ANNOUNCEMENT_EDIT.pack(i, "a")),
        ],
        [(_("❌ Cancel"), cb.ANNOUNCEMENT_CANCEL.pack(i))],
    ]
    return Screen("\n".join(lines), keyboard(*rows))


@screen(states.ANNOUNCEMENT_SENDING)
async def sending_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    announcement = await get_announcement(session, int(data["id"]))
    return Screen(progress_text(context.t, announcement, await delivery_counts(session, announcement.id)))


def _after_answer(data: dict, following: str, notice: str = "") -> Step:
    """Next question of the composer, or back to the preview when editing one field."""
    return Step(
        Position(states.ANNOUNCEMENT_PREVIEW if data.get("edit") else following, {"id": data["id"]}), notice
    )


def _admin_only(context: QualiContext) -> None:
    if not context.visitor.is_admin:
        raise AnnouncementError("not an admin")


@text_answer(states.ANNOUNCEMENT_TITLE)
async def take_title(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    _admin_only(context)
    title = check_text(text, max_length=200)
    if data.get("id"):
        await update_announcement(session, await _draft(context, session, data), "title", title)
        return _after_answer(data, states.ANNOUNCEMENT_WHEN)
    announcement = await create_announcement(session, context.visitor.user.id, title, now=context.now())
    return Step(Position(states.ANNOUNCEMENT_WHEN, {"id": announcement.id}))


@text_answer(states.ANNOUNCEMENT_WHEN)
async def take_when(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """The date and time, confirmed back in full."""
    _admin_only(context)
    starts_at = parse_meeting_time(text, context.t.language, context.now())
    await update_announcement(session, await _draft(context, session, data), "starts_at", starts_at)
    return _after_answer(data, states.ANNOUNCEMENT_LINK, "✅ " + e(context.t.format_datetime(starts_at)))


@text_answer(states.ANNOUNCEMENT_LINK)
async def take_link(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    _admin_only(context)
    link = text.strip()
    if link in ("-", "—"):
        link = None
    elif not link.startswith(("https://", "http://")) or " " in link or len(link) > 500:
        raise InputError("not_a_link", {"text": link})
    await update_announcement(session, await _draft(context, session, data), "video_link", link)
    return _after_answer(data, states.ANNOUNCEMENT_DESCRIPTION)


@text_answer(states.ANNOUNCEMENT_DESCRIPTION)
async def take_description(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    _admin_only(context)
    description = None if text.strip() in ("-", "—") else check_text(text, max_length=1000)
    await update_announcement(session, await _draft(context, session, data), "description", description)
    return _after_answer(data, states.ANNOUNCEMENT_AUDIENCE)


async def keep(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """✅ Keep: the current value stays; next step."""
    position = await load_position(session, context.visitor.user.id)
    following = {
        states.ANNOUNCEMENT_TITLE: states.ANNOUNCEMENT_WHEN,
        states.ANNOUNCEMENT_WHEN: states.ANNOUNCEMENT_LINK,
        states.ANNOUNCEMENT_LINK: states.ANNOUNCEMENT_DESCRIPTION,
        states.ANNOUNCEMENT_DESCRIPTION: states.ANNOUNCEMENT_AUDIENCE,
    }.get(position.screen, states.ANNOUNCEMENT_PREVIEW)
    return _after_answer({**position.data, "id": int(args[0])}, following)


async def choose_audience(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    announcement = await _draft(context, session, {"id": args[0]})
    if args[1] not in AUDIENCES:
        raise KeyError(args[1])
    if args[1] in ("all", "direction"):
        await update_announcement(session, announcement, "audience", args[1])
        await update_announcement(session, announcement, "audience_value", None)
        return Step(Position(states.ANNOUNCEMENT_PREVIEW, {"id": announcement.id}))
    return Step(
        Position(
            states.ANNOUNCEMENT_STAGE if args[1] == "stage" else states.ANNOUNCEMENT_REGION,
            {"id": announcement.id},
        )
    )


async def choose_stage(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    announcement = await _draft(context, session, {"id": args[0]})
    if args[1] not in STAGES:
        raise KeyError(args[1])
    await update_announcement(session, announcement, "audience", "stage")
    await update_announcement(session, announcement, "audience_value", args[1])
    return Step(Position(states.ANNOUNCEMENT_PREVIEW, {"id": announcement.id}))


async def choose_region(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    announcement = await _draft(context, session, {"id": args[0]})
    region = (await regions(session))[int(args[1])]
    await update_announcement(session, announcement, "audience", "region")
    await update_announcement(session, announcement, "audience_value", region)
    return Step(Position(states.ANNOUNCEMENT_PREVIEW, {"id": announcement.id}))


async def edit(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    announcement = await _draft(context, session, {"id": args[0]})
    return Step(Position(EDIT_CODES[args[1]], {"id": announcement.id, "edit": 1}))


async def confirm(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """✅ Send: the deliveries are written now; the background job sends them."""
    announcement = await _draft(context, session, {"id": args[0]})
    await approve(session, announcement, context.visitor.user.id, now=context.now())
    announcement_id = announcement.id

    async def remember_progress_message(update: Update, ctx: QualiContext) -> None:
        message = update.callback_query.message
        async with ctx.db.transaction() as session_:
            await set_progress_message(session_, announcement_id, message.chat_id, message.message_id)

    return Step(
        Position(states.ANNOUNCEMENT_SENDING, {"id": announcement_id}), after=remember_progress_message
    )


async def drop(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    announcement = await _draft(context, session, {"id": args[0]})
    await cancel(session, announcement)
    return Step(
        Position(states.ANNOUNCEMENT_TITLE, {}),
        "❌ " + e(context._("Announcement cancelled. Nothing was sent.")),
    )


async def start(update: Update, context: QualiContext) -> None:
    """/annonce: a new announcement, for federation admins only."""
    if not await require_admin(update, context):
        return
    await open_position(update, context, Position(states.ANNOUNCEMENT_TITLE, {}))


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
    """Composer (admins only, checked on every button) and recipients' buttons."""
    return [
        CommandHandler(["annonce", "announce"], start),
        button(cb.ANNOUNCEMENT_KEEP, keep, require_admin),
        button(cb.ANNOUNCEMENT_AUDIENCE, choose_audience, require_admin),
        button(cb.ANNOUNCEMENT_STAGE, choose_stage, require_admin),
        button(cb.ANNOUNCEMENT_REGION, choose_region, require_admin),
        button(cb.ANNOUNCEMENT_EDIT, edit, require_admin),
        button(cb.ANNOUNCEMENT_SEND, confirm, require_admin),
        button(cb.ANNOUNCEMENT_CANCEL, drop, require_admin),
        on_button(cb.RSVP, rsvp),
        on_button(cb.ANNOUNCEMENT_ICS, send_ics),
        on_button(cb.ANNOUNCEMENT_ANSWERS, show_answers),
        on_button(cb.ANNOUNCEMENT_FAILURES, show_failures),
    ]
