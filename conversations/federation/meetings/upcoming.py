"""« 📅 Upcoming meetings »: the sent VisioCoop meetings still ahead, any federation admin's to cancel
or move (``changes``), not only their author's from the broadcast's report.

/annonce's first screen (``composer.title_screen``, registered here with the button above its
« Cancel » while a sent meeting is ahead) leads to the list: title, date and how many people each
announcement reached, soonest first, a page at a time (``models.federation.meetings_ahead``). A
meeting opens on a screen with the report's own « ❌ Cancel the meeting » and « 🕘 Change the time »
(``changes.change_buttons``: their confirmations and what they do are ``changes``'), its answers so
far, and « ⬅️ Back » to the list's page; the confirmations' ⬅️ and a change's end come back to it (its
page carried in their saved data: ``changes.begun_from``).

Every press is a federation admin's (``require_admin``), and so is every drawing of these screens
(a former admin's saved position draws their workplace). A button naming a meeting cancelled or
begun since shows it so, without the buttons; one naming no meeting is out of date.
"""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.federation import composer
from conversations.federation.meetings import changes, news
from conversations.render.formatting import shorten
from conversations.render.html import bold, e, escaped_within
from conversations.ui import states
from conversations.ui.callbacks import callback
from conversations.ui.common import back_button, page_turns
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard, page_in
from conversations.ui.middleware import require_admin
from conversations.ui.router import Step, button, screen
from locales import N_, Translator
from models.chat_state import Position
from models.dossier.reads import NotAllowed
from models.federation.announcement_changes import called_off, changeable, reached
from models.federation.announcement_drafts import draft_in_progress
from models.federation.meetings_ahead import how_many_ahead, meetings_ahead
from models.federation.rsvp import answer_counts
from models.tables import Announcement

UPCOMING = changes.UPCOMING  # the list, at a page (none: the first); the report's cancelled meeting's too
UPCOMING_MEETING = callback("anuo", int, int, anywhere=True)  # a meeting, the list's page to go back to
UPCOMING_BACK = callback("anub")  # ⬅️ from the list: /annonce's first screen
# the screens (saved in ChatState: never rename a value)
LIST, MEETING = "an_upcoming", changes.LISTED  # "an_upcoming_one"
UPCOMING_LABEL = N_("📅 Upcoming meetings ({n})")
PAGE = 8  # meetings a page: 8 of the longest titles stay one message, their buttons one per row
TITLE_ROOM, BUTTON_TITLE = 120, 28  # a title in the list (units as HTML), on its button (characters)


def admins_only(context: QualiContext) -> None:
    """These screens are drawn for federation admins only (a role taken back since the last press)."""
    if context.visitor is None or not context.visitor.is_admin:
        raise NotAllowed("no longer a federation admin")


@screen(states.ANNOUNCEMENT_TITLE)
async def title_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """/annonce's first question (``composer``'s), with « 📅 Upcoming meetings (2) » above its « Cancel »
    while a sent meeting is ahead and no draft is begun (the title of a draft asked again keeps the
    composer's buttons alone)."""
    drawn = await composer.title_screen(context, session, data)
    if data.get("id") or not (n := await how_many_ahead(session, context.now())):
        return drawn
    rows = drawn.keyboard.inline_keyboard if drawn.keyboard is not None else ()
    kept = [[(key.text, key.callback_data) for key in row] for row in rows]
    label = context._(UPCOMING_LABEL).format(n=context.t.format_number(n))
    return Screen(drawn.text, keyboard([(label, UPCOMING.pack())], *kept), drawn.whole)


def reached_words(t: Translator, n: int) -> str:
    return t.ngettext("announcement received by {n} person", "announcement received by {n} people", n).format(
        n=t.format_number(n)
    )


@screen(LIST)
async def list_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The sent meetings still ahead, soonest first, each with its date and how many it reached."""
    admins_only(context)
    _, t = context._, context.t
    ahead = await meetings_ahead(session, context.now())
    page = page_in(len(ahead), data.get("page", 0), PAGE)
    lines = ["📅 " + bold(_("Upcoming meetings")), ""]
    if not ahead:
        lines.append(
            e(_("No meeting ahead: a meeting is listed here once its announcement is sent, until it begins."))
        )
    else:
        lines.append(e(_("Sent meetings not begun yet: open one to cancel it or change its time.")))
    rows = []
    for n, meeting in page.numbered(ahead):
        announcement = meeting.announcement
        when = news.when_of(t, announcement)  # its slot, when one was typed
        lines += ["", f"{n}. <b>{escaped_within(announcement.title, TITLE_ROOM)}</b>"]
        lines.append("🗓 " + e(f"{when} · {reached_words(t, meeting.reached)}"))
        label = f"{n}. {shorten(announcement.title, BUTTON_TITLE)}"
        rows.append([(label, UPCOMING_MEETING.pack(announcement.id, page.number))])
    turn_lines, turn_row = page_turns(context, page, UPCOMING.pack)
    rows += [turn_row, [back_button(context, UPCOMING_BACK.pack())]]
    return Screen("\n".join(lines + turn_lines), keyboard(*rows))


@screen(MEETING)
async def meeting_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """One meeting: its date, whom it reached and their answers; cancel or move it while it is ahead."""
    admins_only(context)
    _, t = context._, context.t
    announcement = await changes.sent_meeting(session, int(data["id"]))
    lines = ["📢 " + bold(announcement.title), e(news.when_line(t, announcement))]
    lines.append("📨 " + e(await answers_line(t, session, announcement)))
    rows = []
    if called_off(announcement):
        lines += ["", "❌ " + e(_("Cancelled: the people the announcement reached are told."))]
    elif changeable(announcement, context.now()):
        lines += ["", e(_("You can still cancel this meeting or change its time: whoever the announcement "
                          "reached will be told."))]  # fmt: skip
        rows.append(changes.change_buttons(t, announcement))
    else:
        lines += ["", e(_("This meeting has begun or is over: it can no longer be changed."))]
    rows.append([back_button(context, UPCOMING.pack(int(data.get("page", 0))))])
    return Screen("\n".join(lines), keyboard(*rows))


async def answers_line(t: Translator, session: AsyncSession, announcement: Announcement) -> str:
    """« Announcement received by 2 people · 1 will attend · 0 cannot »: as the report's « 👥 Answers »."""
    n = len(await reached(session, announcement.id))
    yes, no = await answer_counts(session, announcement.id)
    received = t.ngettext(
        "Announcement received by {n} person", "Announcement received by {n} people", n
    ).format(n=t.format_number(n))
    attending = t.ngettext("{n} will attend", "{n} will attend", yes).format(n=t.format_number(yes))
    declining = t.ngettext("{n} cannot", "{n} cannot", no).format(n=t.format_number(no))
    return f"{received} · {attending} · {declining}"


async def open_list(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    return Step(Position(LIST, {"page": args[0] if args else 0}))


async def open_meeting(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """A meeting of the list (a draft, never sent, or no announcement at all: out of date)."""
    announcement = await changes.sent_meeting(session, args[0])
    return Step(Position(MEETING, {"id": announcement.id, "page": args[1]}))


async def back_to_composer(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """⬅️ from the list: /annonce's first question, or the admin's draft begun meanwhile (another
    device), where it goes on: a second draft is never begun beside it."""
    announcement = await draft_in_progress(session, context.visitor.user.id)
    if announcement is None:
        return Step(Position(states.ANNOUNCEMENT_TITLE, {}))
    return await composer.resume(context, session, announcement)


def handlers() -> list:
    """The list's buttons: federation admins only."""
    return [
        button(UPCOMING, open_list, require_admin),
        button(UPCOMING_MEETING, open_meeting, require_admin),
        button(UPCOMING_BACK, back_to_composer, require_admin),
    ]
