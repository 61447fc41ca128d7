"""Who receives an announcement, the preview, and sending it.

The audience (everyone, directions, a stage of the label or a region) is the composer's last step.
The preview shows the message exactly as recipients will see it, in each language, and how many
get it, with ✏️ to correct a part. 📤 Send writes the deliveries now (the background job sends
them); the screen then follows the broadcast's progress.
"""

from __future__ import annotations

import hashlib
import re

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update

from conversations.federation.announcements import progress_text, render_announcement
from conversations.federation.authorship import authors_only, draft, no_longer_draft
from conversations.federation.composer import (
    RESUME,
    START_ANEW,
    STEPS,
    cancel_announcement_button,
    resume,
    start_anew,
    wizard_row,
)
from conversations.federation.dashboard import STAGE_LABELS
from conversations.render.html import bold, e
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import back_button, page_in, page_turns
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard
from conversations.ui.router import Step, button, screen
from locales import N_, SUPPORTED_LANGUAGES, translator
from models.announcements import (
    AUDIENCES,
    STAGES,
    NoLongerDraft,
    approve,
    delivery_counts,
    get_announcement,
    recipients,
    set_progress_message,
    update_announcement,
)
from models.chat_state import Position, load_position
from models.clock import paris_today
from models.federation.regions import region_key, regions
from models.tables import Announcement

AUDIENCE_LABELS = {
    "all": N_("Everyone"),
    "stage": N_("By stage of the label"),
    "direction": N_("Directions only"),
    "region": N_("By region"),
}
REGIONS_PAGE = 20  # region buttons per page: Telegram refuses a keyboard of more than 100 buttons
NOBODY = N_(
    "Nobody would receive it: no one registered in the assistant belongs to this audience, or they "
    "chose not to receive announcements. Choose another audience with ✏️ Audience."
)
NO_SUCH_CHOICE = N_("That choice no longer exists: choose among the buttons below.")
# ✏️ on the preview: which question it opens again
EDIT_CODES = {
    "t": states.ANNOUNCEMENT_TITLE,
    "w": states.ANNOUNCEMENT_WHEN,
    "l": states.ANNOUNCEMENT_LINK,
    "d": states.ANNOUNCEMENT_DESCRIPTION,
    "a": states.ANNOUNCEMENT_AUDIENCE,
}


@screen(states.ANNOUNCEMENT_AUDIENCE)
async def audience_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    _ = context._
    n = STEPS.index(states.ANNOUNCEMENT_AUDIENCE) + 1
    step = _("📢 New announcement · Step {n}/{total}").format(n=n, total=len(STEPS))
    text = e(step) + "\n\n" + bold(_("Who should receive it?"))
    rows = [
        [(_(label), cb.ANNOUNCEMENT_AUDIENCE.pack(data["id"], code))]
        for code, label in AUDIENCE_LABELS.items()
    ]
    return Screen(text, keyboard(*rows, wizard_row(context, states.ANNOUNCEMENT_AUDIENCE, data)))


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


REGION_CODE = re.compile(r"[0-9a-f]{12}")  # what region_code makes; older buttons carried a position


def region_code(region: str) -> str:
    """The short key a region's button carries (a region's name may not fit in a button's 64 bytes, nor
    its place in a list that changes): the same for every spelling of the region."""
    return hashlib.sha256(region_key(region).encode()).hexdigest()[:12]


@screen(states.ANNOUNCEMENT_REGION)
async def region_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    _ = context._
    names = await regions(session)
    page = page_in(len(names), data.get("page"), REGIONS_PAGE)
    rows = [
        [(name, cb.ANNOUNCEMENT_REGION.pack(data["id"], region_code(name)))]
        for _n, name in page.numbered(names)
    ]
    lines = [bold(_("Which region?"))]
    if not names:
        lines.append(e(_("No coop has a region yet (qualicoop coop add --region).")))
    turn_lines, turn_row = page_turns(context, page, lambda n: cb.ANNOUNCEMENT_REGIONS.pack(data["id"], n))
    back = [back_button(context, cb.ANNOUNCEMENT_EDIT.pack(data["id"], "a"))]
    return Screen("\n".join(lines + turn_lines), keyboard(*rows, turn_row, back))


async def turn_regions(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """⬅️ ➡️ under the regions: another page of them."""
    announcement = await draft(context, session, {"id": args[0]})
    return Step(Position(states.ANNOUNCEMENT_REGION, {"id": announcement.id, "page": args[1]}))


async def no_such_choice(
    context: QualiContext, session: AsyncSession, name: str, announcement_id: int
) -> Step:
    """A choice no button offers (an older version's, or forged): said, and its screen drawn again."""
    position = await load_position(session, context.visitor.user.id)
    same = position.screen == name and position.data.get("id") == announcement_id  # its ⬅️ kept
    said = "⚠️ " + e(context._(NO_SUCH_CHOICE))
    return Step(Position(name, position.data if same else {"id": announcement_id}), said)


async def choose_audience(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """An audience pressed: everyone or the directions, to the preview; a stage or a region, chosen next."""
    announcement = await draft(context, session, {"id": args[0]})
    if args[1] not in AUDIENCES:
        return await no_such_choice(context, session, states.ANNOUNCEMENT_AUDIENCE, announcement.id)
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
    announcement = await draft(context, session, {"id": args[0]})
    if args[1] not in STAGES:
        return await no_such_choice(context, session, states.ANNOUNCEMENT_STAGE, announcement.id)
    await update_announcement(session, announcement, "audience", "stage")
    await update_announcement(session, announcement, "audience_value", args[1])
    return Step(Position(states.ANNOUNCEMENT_PREVIEW, {"id": announcement.id}))


async def choose_region(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """A region pressed: the one its button names, found again among the coops' regions now."""
    announcement = await draft(context, session, {"id": args[0]})
    region = next((name for name in await regions(session) if region_code(name) == args[1]), None)
    if region is None and not REGION_CODE.fullmatch(args[1]):  # a button from before codes: a place in a list
        older = context._(
            "The list of regions has changed since this button was shown: choose the region again."
        )
        return Step(Position(states.ANNOUNCEMENT_REGION, {"id": announcement.id}), "⚠️ " + e(older))
    if region is None:  # its coops moved or left since the list was shown
        gone = context._("That region no longer has any coop in the assistant’s records: choose another one.")
        return Step(Position(states.ANNOUNCEMENT_REGION, {"id": announcement.id}), "⚠️ " + e(gone))
    await update_announcement(session, announcement, "audience", "region")
    await update_announcement(session, announcement, "audience_value", region)
    return Step(Position(states.ANNOUNCEMENT_PREVIEW, {"id": announcement.id}))


def audience_text(context: QualiContext, announcement: Announcement) -> str:
    """« By stage of the label — Labelled », as the preview states who receives it."""
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
    count = len(await recipients(session, announcement, paris_today(context.now())))
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
    send_label = context.t.ngettext("📤 Send to {n} person", "📤 Send to {n} people", count)
    if not count:  # nothing to send: no Send button, and the way to another audience
        lines += ["", "⚠️ " + e(_(NOBODY))]
    passed = announcement.starts_at is not None and announcement.starts_at <= context.now()
    if passed:  # a draft resumed days later: « 📤 Send » would only refuse
        when = context.t.format_datetime(announcement.starts_at)
        lines += [
            "",
            "⚠️ "
            + e(_("The meeting’s date, {when}, has passed: give a new one with ✏️ Date.").format(when=when)),
        ]
    rows = [
        [(send_label.format(n=context.t.format_number(count)), cb.ANNOUNCEMENT_SEND.pack(i))]
        if count and not passed
        else [],
        [
            (_("✏️ Title"), cb.ANNOUNCEMENT_EDIT.pack(i, "t")),
            (_("✏️ Date"), cb.ANNOUNCEMENT_EDIT.pack(i, "w")),
            (_("✏️ Link"), cb.ANNOUNCEMENT_EDIT.pack(i, "l")),
        ],
        [
            (_("✏️ Description"), cb.ANNOUNCEMENT_EDIT.pack(i, "d")),
            (_("✏️ Audience"), cb.ANNOUNCEMENT_EDIT.pack(i, "a")),
        ],
        [cancel_announcement_button(context, i)],
    ]
    return Screen("\n".join(lines), keyboard(*rows))


@screen(states.ANNOUNCEMENT_SENDING)
async def sending_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    announcement = await get_announcement(session, int(data["id"]))
    return Screen(progress_text(context.t, announcement, await delivery_counts(session, announcement.id)))


async def edit(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """✏️ on the preview: that question again, then back to the preview; or /annonce's choice for a
    draft in progress (go on with it, or drop it for a new one)."""
    announcement = await draft(context, session, {"id": args[0]})
    if args[1] == RESUME:
        return await resume(context, session, announcement)
    if args[1] == START_ANEW:
        return await start_anew(context, session, announcement)
    return Step(Position(EDIT_CODES[args[1]], {"id": announcement.id, "edit": 1}))


async def confirm(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """📤 Send: the deliveries are written now; the background job sends them. A meeting whose time
    has come (the preview left open) is refused: a new date is asked, the rest of the draft kept."""
    announcement = await draft(context, session, {"id": args[0]})
    if announcement.starts_at is not None and announcement.starts_at <= context.now():
        passed = context._(
            "The meeting’s date, {when}, has passed: nothing was sent. Give a new date; the rest of the "
            "announcement is kept."
        ).format(when=context.t.format_datetime(announcement.starts_at))
        return Step(Position(states.ANNOUNCEMENT_WHEN, {"id": announcement.id, "edit": 1}), "⚠️ " + e(passed))
    if not await recipients(session, announcement, paris_today(context.now())):  # an older preview's button
        nobody = context._("Nobody is in this audience any more: nothing was sent, the announcement is kept.")
        return Step(Position(states.ANNOUNCEMENT_PREVIEW, {"id": announcement.id}), "⚠️ " + e(nobody))
    try:
        await approve(session, announcement, context.visitor.user.id, now=context.now())
    except NoLongerDraft:  # tapped twice, the other tap sent it first (another instance): sent once
        return no_longer_draft(context, announcement)
    announcement_id = announcement.id

    async def remember_progress_message(update: Update, ctx: QualiContext) -> None:
        message = update.callback_query.message
        async with ctx.db.transaction() as session_:
            await set_progress_message(session_, announcement_id, message.chat_id, message.message_id)

    return Step(
        Position(states.ANNOUNCEMENT_SENDING, {"id": announcement_id}), after=remember_progress_message
    )


def handlers() -> list:
    """The audience's and the preview's buttons, for admins only, on their own draft (``authorship``)."""
    return [
        button(cb.ANNOUNCEMENT_AUDIENCE, choose_audience, authors_only),
        button(cb.ANNOUNCEMENT_STAGE, choose_stage, authors_only),
        button(cb.ANNOUNCEMENT_REGION, choose_region, authors_only),
        button(cb.ANNOUNCEMENT_REGIONS, turn_regions, authors_only),
        button(cb.ANNOUNCEMENT_EDIT, edit, authors_only),
        button(cb.ANNOUNCEMENT_SEND, confirm, authors_only),
    ]
