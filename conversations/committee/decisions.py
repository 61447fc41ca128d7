"""The committee's decisions on a dossier: the comment for the coop, the date (``dating``), the confirmation.

A decision button of the dossier screen (``dossiers``) starts here; confirming applies the
transition and tells every member of the coop through the outbox, in the same transaction.
"""

from __future__ import annotations

from datetime import date

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.committee import dating, questions
from conversations.committee.bilans import bilan_line
from conversations.committee.choices import (
    CHECKPOINT_CODES,
    CODES,
    COMMENT_MAX,
    decision_label,
    first_notice,
    held_already,
    held_notice,
    load_dossier,
    not_recorded,
    own_coop,
    own_coop_note,
    refuses_label,
    renewal_opens,
    started_data,
    started_from,
    too_long_line,
)
from conversations.committee.questions import BACK_FROM_CONFIRM, after_comment
from conversations.committee.wording import INCOMPLETE_REFUSED, NOBODY_TO_TELL, NOBODY_TOLD
from conversations.render.formatting import quoted
from conversations.render.html import bold, e
from conversations.render.notifications import DECISION, decision_text
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import CANCEL, HOME, OffCommittee, back_button, cancel_button
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard, units
from conversations.ui.middleware import require_committee
from conversations.ui.router import Step, button, screen, text_answer
from locales import Translator
from models.chat_state import Position, load_position
from models.clock import paris_today
from models.coops import coop_users
from models.label.bilans import report_of
from models.label.committee import admissibility_gaps, started_on
from models.label.lifecycle import INTERIM_CHECKPOINTS as INTERIM
from models.label.lifecycle import (
    Role,
    Transition,
    TransitionRefused,
    allowed_transitions,
)
from models.label.transitions import apply_transition, checkpoints_of, to_hold_before
from models.outbox import enqueue
from models.parsing.text import InputError, check_text, fold, parse_yes_no
from models.tables import Dossier, DossierStatus, MemberRole, ReportStatus
from models.team import team_of


async def interim_not_held(session: AsyncSession, dossier: Dossier) -> list[str]:
    """The 6- and 12-month checkpoints not held yet (a visit closes them)."""
    return [c.kind for c in await checkpoints_of(session, dossier.id) if c.kind in INTERIM and not c.held_on]


@screen(states.COMMITTEE_CONFIRM)
async def confirm_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """What will be decided and told to the coop; a comment typed here too long, given back whole after."""
    _ = context._
    dossier, coop = await load_dossier(session, int(data["id"]))
    members = await coop_users(session, coop.id)
    lines = ["🏛 " + bold(coop.name), e(decision_label(context, data))]
    if data.get("day"):
        lines.append(e(context.t.format_date(date.fromisoformat(data["day"]), "full")))
    if data.get("ck"):  # a checkpoint held: with or without the coop's bilan
        lines.append(await bilan_line(context, session, dossier, data["ck"]))
    lines += [
        "",
        e(quoted(context.t.language, data.get("comment", ""))),
        "",
        e(
            context.t.ngettext(
                "{n} member of the coop will be told, in their language.",
                "{n} members of the coop will be told, each in their language.",
                len(members),
            ).format(n=len(members))
        )
        if members
        else "⚠️ " + e(context._(NOBODY_TO_TELL)),  # all blocked the bot or left: said before, not after
    ]
    # given back at once, as on the comment's question (so not one of states.TYPED_KEYS)
    if refused := data.get("too_long", ""):
        lines += ["", "⚠️ " + e(too_long_line(context, refused.strip()))]
    return Screen(
        "\n".join(lines),
        keyboard(
            [(_("✅ Confirm"), cb.CONFIRM_DECISION.pack())],
            [
                back_button(context, BACK_FROM_CONFIRM.pack()),
                cancel_button(context, cb.COMMITTEE_DOSSIER.pack(dossier.id)),
            ],
        ),
        whole=refused,
    )


async def start_decision(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """A decision button: first the comment for the coop."""
    dossier, _coop = await load_dossier(session, int(args[0]))
    transition = CODES[args[1]]
    if own_coop(context, dossier):  # an old button, pressed since they joined the coop
        notice = "⚠️ " + e(await own_coop_note(context, session, dossier))
        return Step(Position(states.COMMITTEE_DOSSIER, {"id": dossier.id}), notice)
    if transition not in allowed_transitions(DossierStatus(dossier.status), Role.COMMITTEE):
        return Step(
            Position(states.COMMITTEE_DOSSIER, {"id": dossier.id}),
            "⚠️ " + e(context._("This decision is no longer possible: the dossier has moved on.")),
        )
    if transition == Transition.OPEN_RENEWAL and (opens := renewal_opens(context, dossier)):
        notice = context._("The renewal can be opened from {date}.").format(date=context.t.format_date(opens))
        return Step(Position(states.COMMITTEE_DOSSIER, {"id": dossier.id}), "⚠️ " + e(notice))
    judged_by = context.referential  # the instance's, that its screen judged completeness by
    if transition == Transition.DECLARE_ADMISSIBLE and await admissibility_gaps(session, dossier, judged_by):
        notice = "⚠️ " + e(context._(INCOMPLETE_REFUSED))  # an older screen's button: the rules changed
        return Step(Position(states.COMMITTEE_DOSSIER, {"id": dossier.id}), notice)
    kind = CHECKPOINT_CODES[args[2]] if transition == Transition.RECORD_CHECKPOINT else None
    checkpoints = await checkpoints_of(session, dossier.id)
    if held := held_already(transition, checkpoints, kind):
        return Step(
            Position(states.COMMITTEE_DOSSIER, {"id": dossier.id}), await held_notice(context, session, held)
        )
    if to_hold_before(checkpoints, kind):  # an older screen's button: the 6-month checkpoint comes first
        return Step(Position(states.COMMITTEE_DOSSIER, {"id": dossier.id}), first_notice(context))
    # the dossier as read now: confirmed only on it, not on a version submitted again meanwhile
    data = {"id": dossier.id, "t": transition.value, **started_data(await started_on(session, dossier))}
    if refuses_label(transition, dossier):
        data["visited"] = 1
    if kind is not None:
        data["ck"] = kind.value
    return Step(Position(states.COMMITTEE_COMMENT, data))


def typed_comment(context: QualiContext, data: dict, text: str, asked_on: str) -> Step | str:
    """A comment typed, checked; too long (counted as Telegram counts), the screen it was typed on again
    with the text given back whole (``too_long``)."""
    if not context.visitor.is_committee:
        raise OffCommittee("no longer on the committee")  # /comite's words
    comment = text.strip()
    if units(comment) > COMMENT_MAX:
        return Step(Position(asked_on, {**data, "too_long": text}))
    return check_text(comment, max_length=COMMENT_MAX)  # not empty (never longer: units ≥ characters)


@text_answer(states.COMMITTEE_COMMENT)
async def take_comment(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """The comment, then the date (for dated decisions) or the confirmation."""
    data = {key: value for key, value in data.items() if key != "too_long"}  # refused before: not kept
    comment = typed_comment(context, data, text, states.COMMITTEE_COMMENT)
    return comment if isinstance(comment, Step) else Step(after_comment(data, comment))


@text_answer(states.COMMITTEE_CONFIRM)
async def replace_comment(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """A text typed on the confirmation: the comment rewritten (the one it replaces is on the confirmation
    above), or, a dated decision's, a day: the date changed; the confirmation shown again with it; nothing is
    decided before « ✅ Confirm »."""
    data = {key: value for key, value in data.items() if key != "too_long"}
    if meant_for_the_button(text):  # « oui », « ok »: not a comment the coop should read
        kept = context._(
            "Your comment stays as it was: press “{button}” to record the decision, or “{cancel}”."
        )
        return Step(
            Position(states.COMMITTEE_CONFIRM, data),
            "👇 " + e(kept.format(button=context._("✅ Confirm"), cancel=context._(CANCEL))),
        )
    if data.get("day") and (redated := await dating.redated(context, session, data, text)) is not None:
        return redated  # « hier »: the decision's day, not a comment
    comment = typed_comment(context, data, text, states.COMMITTEE_CONFIRM)
    if isinstance(comment, Step):
        return comment
    notice = "✅ " + e(context._("Comment replaced."))
    return Step(Position(states.COMMITTEE_CONFIRM, {**data, "comment": comment}), notice)


CONFIRMING = frozenset(
    {"ok", "okay", "d'accord", "confirmer", "confirme", "confirm", "valider", "valide", "👍", "✅"}
)


def meant_for_the_button(text: str) -> bool:
    """Whether a text typed on the confirmation answers it (« oui », « ok ») rather than rewrites it."""
    try:
        parse_yes_no(text, "fr")
    except InputError:
        return fold(text).strip(" .!?…").replace("’", "'") in CONFIRMING
    return True


async def confirm(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """✅ Confirm: apply the decision, then tell every member of the coop."""
    position = await load_position(session, context.visitor.user.id)
    if position.screen != states.COMMITTEE_CONFIRM:  # tapped again (a double tap, a slow answer): the
        # first tap recorded it and made this message the dossier's screen; said, where they are kept
        return Step(
            position, "ℹ️ " + e(context._("This decision was recorded already: nothing more to confirm."))
        )
    data = position.data
    dossier, coop = await load_dossier(session, int(data["id"]))
    transition = Transition(data["t"])
    day = date.fromisoformat(data["day"]) if data.get("day") else None
    closing = await interim_not_held(session, dossier) if transition == Transition.RECORD_VISIT else []
    label_refused = transition == Transition.REFUSE and dossier.status == DossierStatus.VISITED
    try:
        # in a savepoint: a refusal found once the dossier is held (a colleague's checkpoint committed
        # while we waited) leaves nothing of this decision, not even the dossier's version bumped
        async with session.begin_nested():
            result = await apply_transition(
                session, dossier, transition, role=Role.COMMITTEE, actor_id=context.visitor.user.id,
                comment=data.get("comment", ""), on_date=day, checkpoint=data.get("ck"), now=context.now(),
                started=started_from(data), referential=context.referential,  # its screen's (not reloaded)
            )  # fmt: skip
    except TransitionRefused as refused:
        return await not_recorded(context, session, dossier, data, refused)
    # read with the dossier held, as the bilan's sending holds it: sent just before, it is not « unsent »
    draft = await report_of(session, dossier.id, data["ck"]) if data.get("ck") else None
    news = {
        "coop_id": coop.id,  # news of its coop: held back, it goes only to who is still on its team
        "transition": "refuse_label" if label_refused else transition.value,
        "date": (day or paris_today(context.now())).isoformat(),
        "recorded": paris_today(context.now()).isoformat(),  # a step due before it is said overdue, not ahead
        "cycle": result.cycle,
        "comment": data.get("comment", ""),
        "checkpoint": data.get("ck"),
        "closed": closing,  # the checkpoints the visit closes: the coop expects no bilan for them
        "draft_unsent": draft is not None and draft.status != ReportStatus.SENT,
    }
    if await tell_the_coop(session, coop.id, news, context.now()):
        notice = "✅ " + e(context._("Decision recorded and sent to {coop}.").format(coop=coop.name))
    else:  # nobody of the coop reached: not « sent », so that the coop is told another way
        notice = "✅ " + e(context._(NOBODY_TOLD).format(coop=coop.name))
    return Step(Position(states.COMMITTEE_DOSSIER, {"id": dossier.id}), notice)


async def tell_the_coop(session: AsyncSession, coop_id: int, news: dict, now) -> int:
    """Every member told through the outbox, in the decision's transaction (never lost), in the words of
    their role (``notifications.READERS``): the direction submits again, a member marks it ready for it; a
    coop with no direction is promised none. How many are told."""
    heads = {m.user_id for m in await team_of(session, coop_id) if m.role == MemberRole.DIRECTION}
    members = [member.id for member in await coop_users(session, coop_id)]
    for reader in ("direction", "member" if heads else "headless"):
        told = [user_id for user_id in members if (user_id in heads) == (reader == "direction")]
        await enqueue(session, told, DECISION, {**news, "reader": reader}, now=now)
    return len(members)


async def render_decision(t: Translator, session: AsyncSession, data: dict, services) -> tuple:
    """To the coop's members: the decision (written by ``confirm``), with « 🏠 My dossier », where the
    coop goes on: what the committee asks to complete, its next step and its date are on its home."""
    text = decision_text(t, data, reader=data.get("reader"))  # None: queued before readers, as then
    return text, keyboard([(t.gettext(HOME), cb.HOME.pack())]), None


NOTICES = {DECISION: render_decision}


def handlers() -> list:
    """The decision buttons (every one checks the committee role)."""
    return [
        button(cb.DECIDE, start_decision, require_committee),
        button(cb.DECIDE_TODAY, dating.use_today, require_committee),  # typed: dating.take_date
        button(cb.CONFIRM_DECISION, confirm, require_committee),
        *questions.handlers(),  # ✅ Keep the comment, ⬅️ Back to it
    ]
