"""A decision's questions: the comment for the coop, then the date, each saying which coop and which
decision; « ⬅️ Back » from the date goes to the comment, and from the confirmation to the question before
it, what was answered kept (« ✅ Keep ») or answered again.

``decisions`` starts a decision, takes the typed answers and confirms it.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.committee.choices import decision_label, load_dossier, too_long_line
from conversations.committee.dating import today_data
from conversations.committee.wording import EXAMPLES, REFUSE_LABEL_EXAMPLE
from conversations.render.formatting import quoted
from conversations.render.html import bold, e, italic
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.callbacks import callback
from conversations.ui.common import back_button, cancel_button, keep_button
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard
from conversations.ui.middleware import require_committee
from conversations.ui.router import Step, button, screen
from models.chat_state import Position, load_position
from models.clock import paris_today
from models.label.lifecycle import Transition
from models.label.transitions import earliest_day
from models.tables import Coop

# declared here, their one journey
KEEP_COMMENT = callback("cmk")  # ✅ Keep: the comment typed before « ⬅️ Back », on to the next question
PREVIOUS = callback("cmv")  # ⬅️ Back: from the date to the comment
BACK_FROM_CONFIRM = callback("cmw")  # ⬅️ Back: from the confirmation to the date (or the comment)
KEEP_DAY = callback("cmj")  # ✅ Keep: the date chosen before « ⬅️ Back », on to the confirmation

DATED = {
    Transition.DECLARE_ADMISSIBLE,
    Transition.GRANT_LABEL,
    Transition.RECORD_CHECKPOINT,
    Transition.RECORD_VISIT,
    Transition.RECORD_MID_TERM,
}


def heading(context: QualiContext, coop: Coop, data: dict) -> str:
    """Where the decision's questions are: « 🏛 Coop Horizon · ✅ Declare admissible » (HTML)."""
    return f"🏛 {e(coop.name)} · {e(decision_label(context, data))}"


def is_dated(data: dict) -> bool:
    """Whether the decision asks its date (a label refused after the visit too)."""
    return Transition(data["t"]) in DATED or bool(data.get("visited"))


def after_comment(data: dict, comment: str) -> Position:
    """The date for a dated decision, else the confirmation, with the comment."""
    following = states.COMMITTEE_DAY if is_dated(data) else states.COMMITTEE_CONFIRM
    return Position(following, {**data, "comment": comment})


@screen(states.COMMITTEE_COMMENT)
async def comment_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The comment for the coop; the one typed before, back from the date, shown to keep or rewrite."""
    _ = context._
    _dossier, coop = await load_dossier(session, int(data["id"]))
    # a comment too long: the question again, the text following whole (given back at once, so not one
    # of states.TYPED_KEYS, which a command leaving the question would give back a second time)
    refused = data.get("too_long", "")
    kept = data.get("comment", "")
    text = "\n".join(
        [
            heading(context, coop, data),
            "",
            *(["⚠️ " + e(too_long_line(context, refused.strip())), ""] if refused else []),
            *([bold(_("Your comment now:")), e(quoted(context.t.language, kept)), ""] if kept else []),
            bold(_("Your comment for the coop?")),
            italic(_(REFUSE_LABEL_EXAMPLE if data.get("visited") else EXAMPLES[Transition(data["t"])])),
        ]
    )
    cancel = cancel_button(context, cb.COMMITTEE_DOSSIER.pack(data["id"]))
    row = [keep_button(context, KEEP_COMMENT.pack()), cancel] if kept else [cancel]
    return Screen(text, keyboard(row), whole=refused)


@screen(states.COMMITTEE_DAY)
async def date_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The decision's date: today, or a day typed (a meeting held last week); the one chosen before,
    back from the confirmation, shown to keep or change."""
    _ = context._
    today = paris_today(context.now())
    # typed examples that fit: a week ago (a meeting held last week), unless the dossier's course starts
    # later (submitted three days ago: that day); « yesterday » unless its course started today
    dossier, coop = await load_dossier(session, int(data["id"]))
    start = await earliest_day(session, dossier, Transition(data["t"]))
    example = max(today - timedelta(days=7), min(start or today, today))
    yesterday = start is None or start < today  # offered only as an answer the question takes
    said = _("e.g. {example}, or “yesterday”") if yesterday else _("e.g. {example}")
    said = said.format(example=example.strftime("%d/%m/%Y"))
    kept = date.fromisoformat(data["day"]) if data.get("day") else None
    text = "\n".join(
        [
            heading(context, coop, data),
            "",
            *([bold(_("Date now:")), e(context.t.format_date(kept, "full")), ""] if kept else []),
            bold(_("On which date?")),
            italic(said),
        ]
    )
    today_button = (_("✅ Today ({date})").format(date=context.t.format_date(today)), today_data(today))
    # « ✅ Keep » only for another day than today: « ✅ Today » keeps that one
    keep = [[keep_button(context, KEEP_DAY.pack())]] if kept and kept != today else []
    return Screen(
        text,
        keyboard(
            *keep,
            [today_button],
            [
                back_button(context, PREVIOUS.pack()),
                cancel_button(context, cb.COMMITTEE_DOSSIER.pack(data["id"])),
            ],
        ),
    )


async def keep_comment(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """✅ Keep: the comment typed before, on to the date (or the confirmation)."""
    position = await load_position(session, context.visitor.user.id)
    if position.screen != states.COMMITTEE_COMMENT or not position.data.get("comment"):
        return Step(Position(states.COMMITTEE))
    data = {key: value for key, value in position.data.items() if key != "too_long"}
    return Step(after_comment(data, data["comment"]))


async def previous_question(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """⬅️ Back: from the date to the comment, kept, shown there to keep or rewrite."""
    position = await load_position(session, context.visitor.user.id)
    if position.screen != states.COMMITTEE_DAY:
        return Step(Position(states.COMMITTEE))
    return Step(Position(states.COMMITTEE_COMMENT, position.data))


async def keep_day(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """✅ Keep: the date chosen before, on to the confirmation (the dossier is checked again there)."""
    position = await load_position(session, context.visitor.user.id)
    if position.screen != states.COMMITTEE_DAY or not position.data.get("day"):
        return Step(Position(states.COMMITTEE))
    return Step(Position(states.COMMITTEE_CONFIRM, position.data))


async def back_from_confirmation(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """⬅️ Back: from the confirmation to the date (or the comment, for an undated decision), the comment
    and the date kept, shown there to keep or change."""
    position = await load_position(session, context.visitor.user.id)
    if position.screen != states.COMMITTEE_CONFIRM:
        return Step(Position(states.COMMITTEE))
    data = {key: value for key, value in position.data.items() if key != "too_long"}  # given back already
    return Step(Position(states.COMMITTEE_DAY if is_dated(data) else states.COMMITTEE_COMMENT, data))


def handlers() -> list:
    """The questions' own buttons (each checks the committee role)."""
    return [
        button(KEEP_COMMENT, keep_comment, require_committee),
        button(PREVIOUS, previous_question, require_committee),
        button(KEEP_DAY, keep_day, require_committee),
        button(BACK_FROM_CONFIRM, back_from_confirmation, require_committee),
    ]
