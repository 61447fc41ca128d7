"""The action plan once followed: every action with its state, a page at a time, and each action's state
and note (reached from the progress screen's « ✅ Actions »).

Nothing caps a plan (12 engagements of 10 indicators, 10 actions each: 1,200), and a button per action
ran past Telegram's 100 buttons, the whole list refused. A page lists ``PAGE_SIZE`` actions, numbered
across pages in the plan's order (the indicators', then each one's actions'), each line kept within
its room as HTML, so that a page is one message. Eight indicators may each have an action « Former
l’équipe — La directrice »: each line says its due date and the indicator it serves (« Eng. 3 · Part
de… », from the plan the page reads anyway), an action's screen its engagement, indicator and due date.
An action's screen and its note keep the page it was opened from (``page`` in their positions, taken
from the list on display), and a change of its state comes back to it; when that page is not known (a
restart, another instance) the page holding the action is found in the list the screen reads anyway.
"""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.follow_up.progress import SERVES, followed_action, followed_dossier
from conversations.render.commitments.bilans import state_of
from conversations.render.formatting import format_due, format_owner, shorten
from conversations.render.html import bold, current_lines, e, escaped_within, italic
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import (
    Page,
    back_button,
    cancel_button,
    giving_back,
    home_button,
    keep_button,
    nav_row,
    page_in,
    page_turns,
)
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, in_rows, keyboard
from conversations.ui.router import Step, button, screen, text_answer
from conversations.ui.shown import known_on_display
from locales import N_
from models.chat_state import Position
from models.dossier.indicators import DROPPED, resume_action, update_action
from models.dossier.reads import DossierSnapshot, read_snapshot
from models.parsing.text import check_text
from models.tables import Action, Indicator

# the status buttons carry a letter, not the status itself; a drop is the bilan's (bilan_walk), which asks
# its reason and keeps it as the note: a state button here would drop it without one
STATUS_CODES = {"n": "not_started", "p": "in_progress", "d": "done"}
RESUME = "r"  # before a state's code: « Yes, take it up » in that state, on a dropped action
NO_LONGER_DROPPED = N_("This action is no longer dropped: here it is as it stands.")
WHERE = N_("Action plan · Engagement {code} · Indicator {n}")
# actions per page, and the room of each part of a line as HTML (« & » is five): ten lines of the longest
# (3,550, « 🚫 1200. » to the note; a due date and an indicator's title make a note's glimpse shorter, whole
# on the action's screen) with the title, « Page 2/3 » and a notice above (up to 340: a reason quoted and
# « its whole text follows ») stay one message of 4,096
PAGE_SIZE = 10
DESCRIPTION_UNITS = 100
OWNER_UNITS = 50
INDICATOR_UNITS = 40
NOTE_UNITS = 100
REASON_UNITS = 200  # a drop's reason quoted in the notice above a page (whole below it, when longer)
NOTE_PREVIEW = 300  # a longer note (a drop's reason runs to 3,000) is cut on its question, sent whole after
# the screens that know the page of the list they were opened from
ON_A_PAGE = (states.PROGRESS_ACTIONS, states.PROGRESS_ACTION, states.PROGRESS_NOTE)


def listed(snapshot: DossierSnapshot) -> list[Action]:
    """Every action of the plan in the list's order: the indicators', then each one's actions'."""
    return [a for i in snapshot.indicators for a in snapshot.actions_of(i.id)]


def page_holding(actions: list[Action], action_id: int) -> Page:
    """The page that lists this action (the first, once it is no longer listed)."""
    ids = [a.id for a in actions]
    return Page.holding(ids.index(action_id) if action_id in ids else None, len(ids), PAGE_SIZE)


def shown_page(context: QualiContext) -> dict:
    """``{"page": n}``: the page of the list the screen on display was opened from, when it is known
    (the process that drew it knows a menu on display; a restart does not): nothing otherwise."""
    where = context.where
    if where is None or where.position.screen not in ON_A_PAGE or not known_on_display(context):
        return {}
    page = where.position.data.get("page")
    return {} if page is None else {"page": page}


def action_line(context: QualiContext, n: int, action: Action, indicator: Indicator) -> str:
    """« ⏳ 12. Former l’équipe — Direction — mars 2027 (Eng. 3 · Part de logements…) », its note below in
    italics: within its room as HTML (the due date ours, at most « échéance à renseigner ⚠️ »)."""
    mark, _words = state_of(context.t, action.status)
    description = escaped_within(shorten(action.description, 80), DESCRIPTION_UNITS)
    owner = escaped_within(shorten(format_owner(context.t, action.owner), 60), OWNER_UNITS)
    due = e(format_due(context.t, action.due_date, action.due_precision, action=True))
    title = escaped_within(shorten(context.indicator_title(indicator), 40), INDICATOR_UNITS)
    serves = e(context._(SERVES).format(code=indicator.engagement_code)) + " · " + title
    line = f"{mark} {n}. {description} — {owner} — {due} ({serves})"
    if action.note:
        line += "\n    <i>" + escaped_within(shorten(action.note, 100), NOTE_UNITS) + "</i>"
    return line


@screen(states.PROGRESS_ACTIONS)
async def actions_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The plan's actions with their states, a page at a time: ``data["page"]``, or the page holding
    ``data["holding"]`` (an action whose state changed, its page not known)."""
    _ = context._
    snapshot = await read_snapshot(session, await followed_dossier(context, session))
    actions, serving = listed(snapshot), {i.id: i for i in snapshot.indicators}
    if "holding" in data:
        page = page_holding(actions, int(data["holding"]))
    else:
        page = page_in(len(actions), data.get("page"), PAGE_SIZE)
    lines, rows = ["✅ " + bold(_("Action plan"))], []
    for n, a in page.numbered(actions):  # numbered: two actions may start with the same words
        lines.append(action_line(context, n, a, serving[a.indicator_id]))
        mark, _words = state_of(context.t, a.status)
        rows.append([(f"{mark} {n} · {shorten(a.description, 26)}", cb.PROGRESS_ACTION.pack(a.id))])
    turn_lines, turn_row = page_turns(context, page, cb.PROGRESS_ACTIONS.pack)
    rows += [turn_row, [back_button(context, cb.PROGRESS.pack()), home_button(context)]]
    return Screen("\n".join(lines + turn_lines), keyboard(*rows))


@screen(states.PROGRESS_ACTION)
async def action_status_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """An action under its engagement and indicator, who carries it and by when, its state and note, a
    button per state; a dropped one asks first (``resume_screen``)."""
    _ = context._
    action, indicator, dossier = await followed_action(context, session, int(data["id"]))
    if action.status == DROPPED and data.get("resume") in STATUS_CODES:
        return resume_screen(context, action, data["resume"])
    lines = [*serving_lines(context, action, indicator), e(" ".join(state_of(context.t, action.status)))]
    if action.note:  # a dropped action's note is why it was dropped (the bilan asked)
        why = _("Why it was dropped: {reason}") if action.status == DROPPED else "{reason}"
        lines.append(italic(why.format(reason=action.note)))
    # the bilan's words (one table), two to a row as there: three in a row cut « ⬜ Pas commencée »
    buttons = [
        (" ".join(state_of(context.t, status)), cb.ACTION_STATUS.pack(action.id, code))
        for code, status in STATUS_CODES.items()
    ]
    page = data.get("page")
    if page is None:  # opened where the list's page was not known: the one holding the action
        page = page_holding(listed(await read_snapshot(session, dossier)), action.id).number
    return Screen(
        "\n".join(lines),
        keyboard(
            *in_rows(buttons),
            [(_("✏️ Note"), cb.ACTION_NOTE.pack(action.id))],
            nav_row(context, cb.PROGRESS_ACTIONS.pack(page)),
        ),
    )


def serving_lines(context: QualiContext, action: Action, indicator: Indicator) -> list[str]:
    """« Plan d’actions · Engagement 3 · Indicateur 1 », the indicator's title, the action, « Porteur : La
    directrice · échéance : 31 décembre 2027 » (the report's words): what tells it from one alike."""
    where = context._(WHERE).format(code=indicator.engagement_code, n=indicator.position)
    due = format_due(context.t, action.due_date, action.due_precision, action=True)
    carried = context._("In charge: {owner} · due: {due}")
    return [
        e(where),
        e(shorten(context.indicator_title(indicator), 80)),
        bold(action.description),
        e(carried.format(owner=format_owner(context.t, action.owner), due=due)),
    ]


def resume_screen(context: QualiContext, action, code: str) -> Screen:
    """« Take this action up again? »: a state pressed on an action dropped in the bilan, whose reason,
    kept as its note, would read as the new state's: taken off it, said before."""
    _ = context._
    mark, words = state_of(context.t, STATUS_CODES[code])
    lines = [
        "↩️ " + bold(_("Take this action up again?")),
        e(action.description),
        e(_("It was dropped in the checkpoint report: {reason}").format(reason=action.note or "—")),
        e(_("It will be “{state}”, and its note, the reason it was dropped, will be taken off.")).format(
            state=e(words)
        ),
    ]
    confirm = (f"{mark} " + _("Yes, take it up"), cb.ACTION_STATUS.pack(action.id, RESUME + code))
    return Screen(
        "\n".join(lines), keyboard([confirm, cancel_button(context, cb.PROGRESS_ACTION.pack(action.id))])
    )


@screen(states.PROGRESS_NOTE)
async def note_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The note asked under its action; one there already shown with « ✅ Keep » (a long one: whole after)."""
    _ = context._
    action, indicator, _d = await followed_action(context, session, int(data["id"]))
    lines = [*serving_lines(context, action, indicator), ""]
    lines += [
        bold(_("Your note on this action?")),
        italic(_("e.g. Two training sessions held, one left in June.")),
    ]
    back, rows, whole = cb.PROGRESS_ACTION.pack(action.id), [], ""
    if action.note:
        current, whole = current_lines(context.t, action.note, NOTE_PREVIEW)
        lines += current
        rows.append([keep_button(context, back)])
    return Screen("\n".join(lines), keyboard(*rows, nav_row(context, back)), whole)


async def open_actions(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """✅ Actions, at a page (⬅️ ➡️, ⬅️ Back from an action); a button drawn before the pages: the first."""
    await followed_dossier(context, session)
    return Step(Position(states.PROGRESS_ACTIONS, {"page": args[0] if args else 0}))


async def open_action(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    action, _i, _d = await followed_action(context, session, int(args[0]))
    return Step(Position(states.PROGRESS_ACTION, {"id": action.id, **shown_page(context)}))


def back_to_list(context: QualiContext, action_id: int) -> Position:
    """The list at the page the action was opened from, or the page holding it when that is not known."""
    return Position(states.PROGRESS_ACTIONS, shown_page(context) or {"holding": action_id})


async def set_status(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """A state button of an action, back to its page; on a dropped one, « take it up again? » first,
    then its « Yes » (``RESUME`` and the state)."""
    action, _i, dossier = await followed_action(context, session, int(args[0]))
    code, here = args[1], {"id": action.id, **shown_page(context)}
    if code.startswith(RESUME):
        return await take_up(context, session, dossier, action, code.removeprefix(RESUME))
    if action.status == DROPPED:
        return Step(Position(states.PROGRESS_ACTION, {**here, "resume": code}))
    by, now = context.visitor.user.id, context.now()
    await update_action(session, dossier, action, "status", STATUS_CODES[code], actor_id=by, now=now)
    return Step(back_to_list(context, action.id))


async def take_up(context: QualiContext, session: AsyncSession, dossier, action, code: str) -> Step:
    """« Yes, take it up »: the state set, the drop's reason taken off the note and said, so that it is
    not lost; an action taken up meanwhile (the button pressed twice, a colleague) is shown as it is."""
    _ = context._
    status = STATUS_CODES[code]
    reason = await resume_action(
        session, dossier, action, status, actor_id=context.visitor.user.id, now=context.now()
    )
    if reason is None:
        here = {"id": action.id, **shown_page(context)}
        return Step(Position(states.PROGRESS_ACTION, here), "ℹ️ " + e(_(NO_LONGER_DROPPED)))
    said = e(_("Action taken up again: {state}.").format(state=" ".join(state_of(context.t, status))))
    within = escaped_within(reason, REASON_UNITS)  # the page below is sized for a notice this long
    if reason:
        said += " " + e(_("The reason it was dropped, taken off its note: {reason}")).format(reason=within)
    if within == e(reason):
        return Step(back_to_list(context, action.id), "↩️ " + said)
    said += "\n" + e(_("Its whole text follows, so that it is not lost."))  # stored nowhere now: given back
    return Step(back_to_list(context, action.id), "↩️ " + said, after=giving_back(reason))


async def start_note(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    action, _i, _d = await followed_action(context, session, int(args[0]))
    return Step(Position(states.PROGRESS_NOTE, {"id": action.id, **shown_page(context)}))


@text_answer(states.PROGRESS_NOTE)
async def take_note(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    action, _i, dossier = await followed_action(context, session, int(data["id"]))
    note, by, now = check_text(text, max_length=1000), context.visitor.user.id, context.now()
    await update_action(session, dossier, action, "note", note, actor_id=by, now=now)
    here = {"id": action.id} | ({"page": data["page"]} if "page" in data else {})
    return Step(Position(states.PROGRESS_ACTION, here), "✅ " + e(context._("Note saved.")))


def handlers() -> list:
    """The buttons of the action plan."""
    return [
        button(cb.PROGRESS_ACTIONS, open_actions),
        button(cb.PROGRESS_ACTION, open_action),
        button(cb.ACTION_STATUS, set_status),
        button(cb.ACTION_NOTE, start_note),
    ]
