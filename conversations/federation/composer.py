"""/annonce: the federation composes a VisioCoop announcement, one question at a time.

Title, date, link and description, each with Keep when it has a value and Back to the question before;
Cancel drops the draft and leads to the federation's inbox (/demandes).
Who receives it, the preview and sending come next (``sending``); what recipients see and press
is in ``announcements``.
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.ext import CommandHandler

from conversations.federation.authorship import authors_only, draft, no_longer_draft, own_draft_answer
from conversations.federation.meetings.news import length_of, time_echo, when_of
from conversations.render.html import bold, current_lines, e, italic
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import DRAFT_TEXT_FOLLOWS, back_button, giving_back, keep_button
from conversations.ui.context import QualiContext
from conversations.ui.menus import send_menu
from conversations.ui.messages import Button, Screen, keyboard
from conversations.ui.middleware import require_admin
from conversations.ui.router import Step, button, open_position, screen
from locales import N_
from models.announcements import (
    NoLongerDraft,
    cancel,
    create_announcement,
    get_announcement,
    update_announcement,
)
from models.chat_state import Position, load_position
from models.clock import paris_today
from models.federation.announcement_drafts import draft_in_progress, meeting_link
from models.parsing.meeting_time import parse_meeting_slot
from models.parsing.text import check_text, clean_text, one_line
from models.tables import Announcement

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
    states.ANNOUNCEMENT_WHEN: (N_("Date and time of the meeting?"), lambda context: meeting_example(context)),
    states.ANNOUNCEMENT_LINK: (
        N_("Link of the video meeting?"),
        N_("e.g. https://visio.example.org/visiocoop — or « - » if none"),
    ),
    states.ANNOUNCEMENT_DESCRIPTION: (
        N_("A short description?"),
        N_("e.g. One hour to present the Raison d’être and answer your questions. « - » if none"),
    ),
}

# the screens of buttons a draft is resumed on (``resume``): the audience's, its stage or region, the preview
ON_BUTTONS = (STEPS[-1], states.ANNOUNCEMENT_STAGE, states.ANNOUNCEMENT_REGION, states.ANNOUNCEMENT_PREVIEW)
WEDNESDAY = 2  # the example meeting's weekday (Monday is 0)
NONE = ("-", "—")  # no link, no description

# the choice /annonce offers with a draft in progress, as codes of the preview's ✏️ button (``sending``)
RESUME, START_ANEW = "r", "n"

NO_DRAFT = 0  # « Cancel » at the title, before the draft exists: nothing to drop
# the composer's own « Cancel »: it drops the draft (ui.common's Cancel only leaves a confirmation)
CANCEL_ANNOUNCEMENT = N_("Cancel")
# a current answer longer than this is cut on its question and sent whole after it, plain, to copy and
# correct (as the dossier's fields and a request's rewrite do: the same words)
CURRENT_PREVIEW = 300


def cancel_announcement_button(context: QualiContext, announcement_id: int) -> Button:
    """« Cancel »: the draft is dropped and nothing is sent."""
    return (context._(CANCEL_ANNOUNCEMENT), cb.ANNOUNCEMENT_CANCEL.pack(announcement_id))


def wizard_row(context: QualiContext, name: str, data: dict) -> list[Button]:
    """« ⬅️ Back » to the question before (from the second on; to the preview for a field opened on it)
    and « Cancel »; at the first question, before there is a draft, « Cancel » alone."""
    if not data.get("id"):
        return [cancel_announcement_button(context, NO_DRAFT)]
    earlier = STEPS.index(name) > 0 or data.get("edit")
    back = [back_button(context, cb.ANNOUNCEMENT_BACK.pack(data["id"]))] if earlier else []
    return [*back, cancel_announcement_button(context, data["id"])]


def meeting_example(context: QualiContext) -> str:
    """An example date and time that is true: the Wednesday a week or two ahead, with its weekday."""
    today = paris_today(context.now())
    day = today + timedelta(days=7 + (WEDNESDAY - today.weekday()) % 7)
    return context._("e.g. {day} 9am, or {date} at 9:00").format(
        day=context.t.format_date(day, "EEEE d MMMM"), date=context.t.format_date(day, "dd/MM")
    )


def _question_screen(context: QualiContext, name: str, data: dict, current: str | None) -> Screen:
    _ = context._
    prompt, example = QUESTIONS[name]
    lines = [
        e(_("📢 New announcement · Step {n}/{total}").format(n=STEPS.index(name) + 1, total=len(STEPS))),
        "",
        bold(_(prompt)),
        italic(example(context) if callable(example) else _(example)),
    ]
    shown, whole = current_lines(context.t, current, CURRENT_PREVIEW) if current else ([], "")
    lines += shown
    rows = (
        [[keep_button(context, cb.ANNOUNCEMENT_KEEP.pack(data["id"]))]] if current and data.get("id") else []
    )
    rows.append(wizard_row(context, name, data))
    return Screen("\n".join(lines), keyboard(*rows), whole)


async def title_screen(context, session, data):  # registered by meetings.upcoming, with meetings ahead
    current = (await get_announcement(session, int(data["id"]))).title if data.get("id") else None
    return _question_screen(context, states.ANNOUNCEMENT_TITLE, data, current)


@screen(states.ANNOUNCEMENT_WHEN)
async def when_screen(context, session, data):
    announcement = await get_announcement(session, int(data["id"]))
    # a date passed is no answer to keep (« 📤 Send » sent the admin here to give a new one)
    ahead = announcement.starts_at is not None and announcement.starts_at > context.now()
    current = when_of(context.t, announcement) if ahead else None
    return _question_screen(context, states.ANNOUNCEMENT_WHEN, data, current)


@screen(states.ANNOUNCEMENT_LINK)
async def link_screen(context, session, data):
    current = (await get_announcement(session, int(data["id"]))).video_link
    return _question_screen(context, states.ANNOUNCEMENT_LINK, data, current)


@screen(states.ANNOUNCEMENT_DESCRIPTION)
async def description_screen(context, session, data):
    current = (await get_announcement(session, int(data["id"]))).description
    return _question_screen(context, states.ANNOUNCEMENT_DESCRIPTION, data, current)


def _after_answer(data: dict, following: str, notice: str = "") -> Step:
    """Next question of the composer, or back to the preview when editing one field."""
    return Step(
        Position(states.ANNOUNCEMENT_PREVIEW if data.get("edit") else following, {"id": data["id"]}), notice
    )


@own_draft_answer(states.ANNOUNCEMENT_TITLE)
async def take_title(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    title = one_line(check_text(text, max_length=200))  # shown on one line: in lists, buttons, pop-ups
    if data.get("id"):
        await update_announcement(session, await draft(context, session, data), "title", title)
        return _after_answer(data, states.ANNOUNCEMENT_WHEN)
    announcement = await create_announcement(session, context.visitor.user.id, title, now=context.now())
    return Step(Position(states.ANNOUNCEMENT_WHEN, {"id": announcement.id}))


@own_draft_answer(states.ANNOUNCEMENT_WHEN)
async def take_when(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """The date and time, echoed in full; a slot typed (« de 14h à 16h ») gives the meeting its length."""
    starts_at, ends_at = parse_meeting_slot(text, context.t.language, context.now())
    announcement, minutes = await draft(context, session, data), length_of(starts_at, ends_at)
    await update_announcement(session, announcement, "starts_at", starts_at)
    await update_announcement(session, announcement, "duration_minutes", minutes)
    return _after_answer(data, states.ANNOUNCEMENT_LINK, time_echo(context.t, starts_at, minutes))


@own_draft_answer(states.ANNOUNCEMENT_LINK)
async def take_link(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """The meeting's address: the one a typed text holds (its words, a formatted link's too, left out and
    the address echoed), or none (« - »)."""
    typed = clean_text(text)  # as every typed text: no NUL (PostgreSQL refuses it), no zero-width space
    link = None if typed in NONE else meeting_link(typed)
    await update_announcement(session, await draft(context, session, data), "video_link", link)
    echo = "✅ " + e(link) if link and link != typed else ""  # what was taken out of the words, said
    return _after_answer(data, states.ANNOUNCEMENT_DESCRIPTION, echo)


@own_draft_answer(states.ANNOUNCEMENT_DESCRIPTION)
async def take_description(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    description = None if clean_text(text) in NONE else check_text(text, max_length=1000)
    await update_announcement(session, await draft(context, session, data), "description", description)
    return _after_answer(data, states.ANNOUNCEMENT_AUDIENCE)


async def keep(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """✅ Keep: the current value stays; next step."""
    await draft(context, session, {"id": args[0]})  # the admin's own, still a draft
    position = await load_position(session, context.visitor.user.id)
    questions = STEPS[:-1]  # the audience is chosen with buttons, it has no Keep
    following = (
        STEPS[questions.index(position.screen) + 1]
        if position.screen in questions
        else states.ANNOUNCEMENT_PREVIEW
    )
    return _after_answer({**position.data, "id": int(args[0])}, following)


async def back(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """⬅️ Back: the question before, its answer kept until replaced; from a field opened on the
    preview, the preview."""
    announcement = await draft(context, session, {"id": args[0]})
    position = await load_position(session, context.visitor.user.id)
    if position.data.get("edit") or position.screen not in STEPS[1:]:
        return Step(Position(states.ANNOUNCEMENT_PREVIEW, {"id": announcement.id}))
    return Step(Position(STEPS[STEPS.index(position.screen) - 1], {"id": announcement.id}))


async def drop(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """Cancel: the draft is dropped, its title and description given back whole below; on to the inbox,
    a menu (no question pending: the next text typed is no new announcement's title)."""
    said, typed = [context._("Announcement cancelled. Nothing was sent.")], ()
    if args[0] != NO_DRAFT:
        announcement = await draft(context, session, {"id": args[0]})
        typed = tuple(filter(None, (announcement.title, announcement.description)))
        try:
            await cancel(session, announcement)
        except NoLongerDraft:  # « 📤 Send » won on another device: sent, said so (no « nothing was sent »)
            return no_longer_draft(context, announcement)
        said += [context._(DRAFT_TEXT_FOLLOWS)] if typed else []
    return Step(Position(states.INBOX), "❌ " + e(" ".join(said)), after=giving_back(*typed))


def next_question(announcement: Announcement) -> str:
    """Where a draft goes on: its first question not answered, the preview once the last is (the
    audience, everyone until chosen, is shown there with its ✏️). A link or a description answered
    « - » cannot be told from one not asked yet: it is asked again."""
    if announcement.starts_at is None:
        return states.ANNOUNCEMENT_WHEN
    if announcement.audience != "all" or announcement.description is not None:
        return states.ANNOUNCEMENT_PREVIEW
    return states.ANNOUNCEMENT_DESCRIPTION if announcement.video_link else states.ANNOUNCEMENT_LINK


async def resume(context: QualiContext, session: AsyncSession, announcement: Announcement) -> Step:
    """▶️ Resume the draft: on the audience's or the preview's screen where its author sent /annonce;
    else where it goes on (``next_question``). /annonce sent at a question left it for home first
    (``menus.leave_for_command``), so a question opened from the preview goes back to the preview."""
    position = await load_position(session, context.visitor.user.id)
    if position.data.get("id") == announcement.id and position.screen in ON_BUTTONS:
        return Step(position)
    return Step(Position(next_question(announcement), {"id": announcement.id}))


async def start_anew(context: QualiContext, session: AsyncSession, announcement: Announcement) -> Step:
    """🆕 New announcement: the draft in progress is dropped, as the choice said, then step 1."""
    try:
        await cancel(session, announcement)
    except NoLongerDraft:  # sent meanwhile from another device: a new one all the same, said so
        return Step(Position(states.ANNOUNCEMENT_TITLE, {}), no_longer_draft(context, announcement).notice)
    dropped = context._("The draft “{title}” was dropped.").format(title=announcement.title)
    return Step(Position(states.ANNOUNCEMENT_TITLE, {}), "🗑 " + e(dropped))


async def start(update: Update, context: QualiContext) -> None:
    """/annonce: a new announcement, for federation admins only; with a draft in progress, the
    choice to go on with it or to start anew (an admin's draft is theirs: never dropped unsaid)."""
    if not await require_admin(update, context):
        return
    async with context.db.transaction() as session:
        announcement = await draft_in_progress(session, context.visitor.user.id)
    if announcement is None:
        await open_position(update, context, Position(states.ANNOUNCEMENT_TITLE, {}))
        return
    _ = context._
    title = announcement.title
    text = "📝 " + bold(_("You have an announcement in progress: “{title}”.").format(title=title))
    text += "\n" + e(_("Go on with it, or start a new one: this draft will then be dropped."))
    rows = [  # the title is said above: a button naming it too was cut on a phone
        [(_("▶️ Resume the draft"), cb.ANNOUNCEMENT_EDIT.pack(announcement.id, RESUME))],
        [(_("🆕 New announcement"), cb.ANNOUNCEMENT_EDIT.pack(announcement.id, START_ANEW))],
    ]
    await send_menu(update, context, text, keyboard(*rows))


def handlers() -> list:
    """The composer's command and buttons, for admins only, each on the admin's own draft (checked on
    every button: ``authorship``)."""
    return [
        CommandHandler(["annonce", "announce"], start),
        button(cb.ANNOUNCEMENT_KEEP, keep, authors_only),
        button(cb.ANNOUNCEMENT_BACK, back, authors_only),
        button(cb.ANNOUNCEMENT_CANCEL, drop, authors_only),
    ]
