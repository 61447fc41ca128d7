"""Which decisions a dossier offers the committee now, and how a decision under way is named.

A checkpoint held already offers no button (its line says when) and a second recording is told so,
the comment typed given back; the 12-month checkpoint waits for the 6-month one; once the coop was
visited, the refusal is the label not granted; a date too early is told with the day read. A
confirmation refused by what changed since it was started says why, the comment given back
(``not_recorded``); a comment too long says by how many typed characters to shorten it.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.committee.wording import (
    CHECKPOINT_HELD,
    DECISIONS,
    FIRST_BY_NAME,
    FIRST_BY_SOMEONE,
    FIRST_BY_YOU,
    HELD_ALREADY,
    INCOMPLETE_REFUSED,
    OWN_COOP,
    OWN_COOP_ALONE,
    REFUSE_LABEL,
    SIX_MONTHS_FIRST,
    STARTS,
)
from conversations.render.formatting import event_name, format_day, format_moment, quoted, shorten
from conversations.render.html import characters_over, e
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import refusal
from conversations.ui.context import QualiContext
from conversations.ui.messages import Button, units
from conversations.ui.router import Step
from models.chat_state import Position
from models.clock import as_utc, paris_today
from models.dossier.reads import NotYours
from models.label.committee import comment_of, followed_dossier, latest_step
from models.label.lifecycle import (
    HELD_BY,
    DecidedMeanwhile,
    Role,
    Started,
    Transition,
    TransitionRefused,
    allowed_transitions,
    earliest_date,
)
from models.label.transitions import checkpoints_of, earliest_day, to_hold_before
from models.tables import Checkpoint, CheckpointKind, Coop, Dossier, DossierStatus
from models.users import get_user, other_deciders

CODES = {
    "ri": Transition.REQUEST_INFO,
    "ad": Transition.DECLARE_ADMISSIBLE,
    "rf": Transition.REFUSE,
    "ck": Transition.RECORD_CHECKPOINT,
    "vi": Transition.RECORD_VISIT,
    "gl": Transition.GRANT_LABEL,
    "mt": Transition.RECORD_MID_TERM,
    "rn": Transition.OPEN_RENEWAL,
}
CHECKPOINT_CODES = {"6": CheckpointKind.SIX_MONTHS, "12": CheckpointKind.TWELVE_MONTHS}
# a comment's limit as Telegram counts (UTF-16 units: most emojis count two): the coop's news, a few
# hundred more around it, always fits in one message (4,096), in either language
COMMENT_MAX = 2000
# a colleague's decision came first (or the dossier was sent back to the coop and submitted again)
MEANWHILE = ("wrong_status", "already_held", "decided_meanwhile", "resubmitted")
A_MOMENT = timedelta(minutes=5)  # a decision that came first within it « a moment ago », else dated


async def load_dossier(session: AsyncSession, dossier_id: int) -> tuple[Dossier, Coop]:
    """A dossier the committee follows and its coop; NotYours for a coop's draft (never submitted: an
    id forged in a button) or a dossier that does not exist."""
    found = await followed_dossier(session, dossier_id)
    if found is None:
        raise NotYours(f"dossier {dossier_id} is not one the committee follows")
    return found


def started_data(started: Started) -> dict:
    """What a decision keeps of the dossier it began on: its confirmation is refused if a colleague decided
    meanwhile or the dossier went back to the coop and was submitted again (a version not read)."""
    return {"st": started.status.value, "sub": started.submission}


def started_from(data: dict) -> Started | None:
    """The dossier as read when the decision began (None: a decision begun before this was kept)."""
    return Started(DossierStatus(data["st"]), data.get("sub")) if "st" in data else None


def own_coop(context: QualiContext, dossier: Dossier) -> bool:
    """Whether the committee member asking is on this dossier's coop's team."""
    return context.visitor.coop is not None and context.visitor.coop.id == dossier.coop_id


async def own_coop_note(context: QualiContext, session: AsyncSession, dossier: Dossier) -> str:
    """Why a committee member on the coop's team does not decide, and who does (plain text)."""
    alone = not await other_deciders(session, dossier.coop_id, context.visitor.user.id)
    return context._(OWN_COOP_ALONE if alone else OWN_COOP)


def decision_rows(
    context: QualiContext, dossier: Dossier, checkpoints: list[Checkpoint], complete: bool = True
) -> list[list[Button]]:
    """A button per decision the committee may take now; one per interim checkpoint not yet held;
    none for a member of the coop itself; not « declare admissible » for a dossier not ``complete``."""
    _ = context._
    rows = []
    if own_coop(context, dossier):
        return rows
    for transition in allowed_transitions(DossierStatus(dossier.status), Role.COMMITTEE):
        code = next(c for c, tr in CODES.items() if tr == transition)
        if transition == Transition.OPEN_RENEWAL and renewal_opens(context, dossier):
            continue  # the dossier screen says from when
        if transition == Transition.DECLARE_ADMISSIBLE and not complete:
            continue  # the dossier screen says what is missing, and to ask for it
        if held_already(transition, checkpoints) is not None:
            continue  # the mid-term held: its line says when, nothing left to record
        if transition != Transition.RECORD_CHECKPOINT:
            words = REFUSE_LABEL if refuses_label(transition, dossier) else DECISIONS[transition]
            rows.append([(_(words), cb.DECIDE.pack(dossier.id, code))])
            continue
        for short, kind in CHECKPOINT_CODES.items():
            due = any(c.kind == kind and c.held_on is None for c in checkpoints)
            if due and to_hold_before(checkpoints, kind) is None:  # the 12-month one after the 6-month one
                rows.append([(_(CHECKPOINT_HELD[kind]), cb.DECIDE.pack(dossier.id, code, short))])
    return rows


def held_already(
    transition: Transition, checkpoints: list[Checkpoint], kind: str | None = None
) -> Checkpoint | None:
    """The checkpoint this decision records (``kind`` for a 6- or 12-month one), when held already."""
    kind = HELD_BY.get(transition) or kind
    return next((c for c in checkpoints if c.kind == kind and c.held_on is not None), None)


async def recorded_by(context: QualiContext, session: AsyncSession, actor_id: int | None) -> tuple[int, str]:
    """Who recorded a step, as its words are chosen: 0 the visitor (from another device), 1 a colleague
    (their first name, returned), 2 someone who has erased their data since."""
    if actor_id is not None and actor_id == context.visitor.user.id:
        return 0, ""
    user = await get_user(session, actor_id) if actor_id is not None else None
    return (1, user.first_name) if user is not None and user.first_name else (2, "")


async def held_notice(context: QualiContext, session: AsyncSession, held: Checkpoint) -> str:
    """« Already recorded by Camille: the mid-term checkpoint, on … »: what a second recording would have
    repeated, and by whom."""
    by, name = await recorded_by(context, session, held.recorded_by)
    said = context._(HELD_ALREADY[by]).format(
        event=event_name(context.t, held.kind), date=format_day(context.t, held.held_on), name=name
    )
    return "⚠️ " + e(said)


def first_notice(context: QualiContext) -> str:
    """The 12-month checkpoint while the 6-month one is not held (``to_hold_before``): an older screen's
    button, or a confirmation left open while it was not held."""
    return "⚠️ " + e(context._(SIX_MONTHS_FIRST))


def given_back(context: QualiContext, data: dict, recorded: str = "") -> str:
    """The comment typed for a decision that was not recorded, to copy again: never lost; nothing when the
    step that came first carries that very comment (the same « Confirm » tapped twice: it went with it)."""
    if not data.get("comment") or data["comment"] == recorded:
        return ""
    return (
        "\n" + e(context._("Your comment, not sent:")) + "\n" + e(quoted(context.t.language, data["comment"]))
    )


def too_long_line(context: QualiContext, comment: str) -> str:
    """Why a comment is refused and by how much to shorten it, in characters as they are typed (plain)."""
    n = characters_over(comment, COMMENT_MAX)
    if units(comment) > len(comment):  # emojis (and other signs) that Telegram counts twice
        said = context.t.ngettext(
            "Your comment is over the {limit} characters a decision’s comment may have (emoji count double, "
            "as in Telegram): shorten it by about {n} character. Here it is whole, after this message, to "
            "shorten:",
            "Your comment is over the {limit} characters a decision’s comment may have (emoji count double, "
            "as in Telegram): shorten it by about {n} characters. Here it is whole, after this message, to "
            "shorten:",
            n,
        )
    else:
        said = context.t.ngettext(
            "Your comment is over the {limit} characters a decision’s comment may have: shorten it by {n} "
            "character. Here it is whole, after this message, to shorten:",
            "Your comment is over the {limit} characters a decision’s comment may have: shorten it by {n} "
            "characters. Here it is whole, after this message, to shorten:",
            n,
        )
    return said.format(n=context.t.format_number(n), limit=context.t.format_number(COMMENT_MAX))


async def not_recorded(
    context: QualiContext, session: AsyncSession, dossier: Dossier, data: dict, refused: TransitionRefused
) -> Step:
    """A confirmed decision refused for what changed since it was started: the dossier's screen (or the
    date asked again) says why, the comment typed given back; refusals of another kind are raised."""
    back = Position(states.COMMITTEE_DOSSIER, {"id": dossier.id})
    if refused.reason == "own_coop":  # joined the coop's team while deciding
        notice = "⚠️ " + e(await own_coop_note(context, session, dossier))
        return Step(back, notice + given_back(context, data))
    if refused.reason == "incomplete":  # a referential loaded since the screen was read
        return Step(back, "⚠️ " + e(context._(INCOMPLETE_REFUSED)) + given_back(context, data))
    # The decision was possible when it was started (start_decision, dated check): a dossier no longer at
    # that stage, or a checkpoint held since, is a colleague's decision meanwhile — committed before this
    # press (wrong_status, already_held) or between its read and its write (DecidedMeanwhile); a
    # checkpoint recorded since may also move the earliest date on, and the 6-month checkpoint no longer
    # held (a correction) makes the 12-month one wait again.
    if refused.reason not in (*MEANWHILE, "out_of_order", "date_before_start"):
        raise refused
    await session.refresh(dossier)  # the dossier as the colleague left it, for its screen
    transition = Transition(data["t"])
    if refused.reason == "date_before_start" and data.get("day"):  # the date again, the comment kept
        start = await earliest_day(session, dossier, transition)
        return date_refused(context, data, start, "", date.fromisoformat(data["day"]))
    if refused.reason == "out_of_order":
        return Step(back, first_notice(context) + given_back(context, data))
    if refused.reason == "resubmitted":  # the dossier's screen follows: the version to read now
        said = context._(
            "Since you began this decision, the dossier went back to the coop and was submitted again on "
            "{date}: nothing was recorded. Read the new version, then decide again."
        )
        notice = "⚠️ " + e(said.format(date=context.t.format_datetime(dossier.submitted_at)))
        return Step(back, notice + given_back(context, data))
    held = held_already(transition, await checkpoints_of(session, dossier.id), data.get("ck"))
    if held:  # its notes are the comment it was recorded with
        return Step(
            back, await held_notice(context, session, held) + given_back(context, data, held.notes or "")
        )
    return Step(back, await meanwhile_notice(context, session, dossier, data))


async def meanwhile_notice(context: QualiContext, session: AsyncSession, dossier: Dossier, data: dict) -> str:
    """The decision that came first, named with who recorded it (from the dossier's audit): what the one
    refused for it needs to know before deciding again, then the comment typed given back (HTML)."""
    step = await latest_step(session, dossier.id)
    if step is None or Transition(step.action) not in DECISIONS:  # none to name: the words of old
        return "⚠️ " + e(refusal(context, DecidedMeanwhile.code)) + given_back(context, data)
    label_refused = step.action == Transition.REFUSE and step.old_value == DossierStatus.VISITED
    words = REFUSE_LABEL if label_refused else DECISIONS[Transition(step.action)]
    decision = quoted(context.t.language, context._(words))
    by, name = await recorded_by(context, session, step.actor_id)
    said = (FIRST_BY_YOU, FIRST_BY_NAME, FIRST_BY_SOMEONE)[by]
    recent = context.now() - as_utc(step.at) < A_MOMENT  # else when: a confirmation left open for days
    said = context._(said[0 if recent else 1]).format(
        decision=decision, name=name, moment=format_moment(context.t, step.at)
    )
    return "⚠️ " + e(said) + given_back(context, data, comment_of(step))


def refuses_label(transition: Transition, dossier: Dossier) -> bool:
    """A refusal once the coop was visited: the label not granted (dated, not before the visit)."""
    return transition == Transition.REFUSE and dossier.status == DossierStatus.VISITED


def renewal_opens(context: QualiContext, dossier: Dossier) -> date | None:
    """The day the renewal may be opened, while it is still ahead (None: it may be opened now)."""
    opens = earliest_date(dossier, Transition.OPEN_RENEWAL)
    return opens if opens is not None and paris_today(context.now()) < opens else None


def date_refused(context: QualiContext, data: dict, start: date, typed: str, day: date) -> Step:
    """The same question again, the comment kept: what is wrong with the date (the day read from what
    was typed, so that a misreading shows) and one that fits."""
    said = context._(STARTS[Transition(data["t"])]).format(date=context.t.format_date(start, "long"))
    if typed:
        again = context._(
            "This cannot be dated earlier (you wrote {typed}: read as {day}): please type a date from then "
            "on, e.g. {example}."
        )
    else:  # « ✅ Today »
        again = context._("This cannot be dated earlier: please type a date from then on, e.g. {example}.")
    read = {
        "typed": quoted(context.t.language, shorten(typed, 60)),
        "day": context.t.format_date(day, "full"),
    }
    notice = f"{said} {again.format(example=start.strftime('%d/%m/%Y'), **read)}"
    if data.get("day") and date.fromisoformat(data["day"]) < start:  # refused (a colleague's step since):
        data = {key: value for key, value in data.items() if key != "day"}  # neither shown nor kept
    return Step(Position(states.COMMITTEE_DAY, data), "⚠️ " + e(notice))


def decision_label(context: QualiContext, data: dict) -> str:
    """The decision under way, naming its checkpoint (« 📍 6-month checkpoint held »)."""
    if data.get("ck") in CHECKPOINT_HELD:
        return context._(CHECKPOINT_HELD[data["ck"]])
    if data.get("visited"):
        return context._(REFUSE_LABEL)
    return context._(DECISIONS[Transition(data["t"])])
