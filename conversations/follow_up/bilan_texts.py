"""The bilan's two texts: the difficulties met and the help wanted, written by any member.

The text the person saw when asked is kept in the position: a colleague's text written since is
never overwritten unseen; both are shown and the person chooses, as by the dossier's fields (the
same screen for a dropped action's reason, asked here too: ``reason_screen``). Leaving it by
« ⬅️ Back » gives the person's text back whole, as « Keep theirs » does (``bilan.given_back``).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.follow_up.bilan import editable_report, given_back
from conversations.follow_up.bilan_closed import (
    CODE_OF,
    CODES,
    answer_while_ahead,
    screen_while_ahead,
    while_ahead,
)
from conversations.follow_up.progress import followed_action
from conversations.render.commitments.bilans import LABELS, state_of
from conversations.render.formatting import event_name, shorten
from conversations.render.html import bold, e, italic
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.callbacks import callback
from conversations.ui.common import back_button, keep_button, nav_row
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard
from conversations.ui.router import Step, button, screen, text_answer
from models.chat_state import Position, load_position
from models.dossier.reads import UNSET, StaleValue
from models.label.bilans import DROPPED, TEXT_MAX, set_text
from models.parsing.text import check_text
from models.tables import Action

TEXTS = {"d": ("difficulties", states.BILAN_DIFFICULTIES), "h": ("help_wanted", states.BILAN_HELP)}
FIELD_LABELS = {"difficulties": LABELS["difficulties"], "help_wanted": LABELS["help"]}
EXTRACT = 1500  # each text's share of the conflict screen; a longer one follows it whole
NO_DIFFICULTY = callback("bln")  # 🙅 none met, as 🙅 No help needed (declared here, its one journey)


def conflict_screen(
    context: QualiContext, field: str, theirs: str, mine: str, pick: Callable[[str], str], back: str
) -> Screen:
    """A colleague changed « field » meanwhile: both texts, and a button for each (``pick``: the data
    of « Keep mine », m, and of « Keep theirs », t); ``back``: where « ⬅️ Back » leads."""
    _ = context._
    lines = [
        "⚠️ " + e(_("A colleague changed « {field} » while you were typing.").format(field=field)),
        "",
        e(_("Their value: {value}").format(value=shorten(theirs, EXTRACT) or "—")),
        "",
        e(_("Your answer: {value}").format(value=shorten(mine, EXTRACT) or "—")),
        "",
        e(_("Which one do we keep?")),
    ]
    whole = tuple(text for text in (theirs, mine) if len(text) > EXTRACT)  # cut above: sent whole after
    choices = [(_("Keep mine"), pick("m")), (_("Keep theirs"), pick("t"))]
    return Screen("\n".join(lines), keyboard(choices, [back_button(context, back)]), whole)


@screen(states.BILAN_REASON)
@screen_while_ahead
async def reason_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Why the action was dropped, with the reason given if it was already (« ✅ Keep » goes on); after a
    colleague's change meanwhile, theirs and mine to choose from."""
    _ = context._
    await editable_report(context, session, data.get("k"))  # its bilan's checkpoint still ahead
    action, _i, _d = await followed_action(context, session, data["walk"][data["i"]])
    if "mine" in data:  # a colleague changed its state or reason meanwhile
        return reason_conflict_screen(context, action, data)
    lines = [
        bold(_("Why was this action dropped?")),
        italic(_("e.g. The partner left the project; replaced by action 3.")),
    ]
    rows = []
    if action.status == DROPPED and action.note:  # 🚫 on an action dropped already: « ✅ Keep » goes on
        lines += ["", e(_("Currently: {value}").format(value=action.note))]
        rows.append([keep_button(context, cb.BILAN_ACTION_STATUS.pack(action.id, "k"))])
    return Screen(
        "\n".join(lines), keyboard(*rows, nav_row(context, cb.BILAN_ACTION_STATUS.pack(action.id, "r")))
    )


def reason_conflict_screen(context: QualiContext, action: Action, data: dict) -> Screen:
    """A dropped action's reason typed while a colleague changed its state or reason: theirs and mine."""

    def said(status: str, note: str | None) -> str:  # « 🚫 Dropped — the reason »
        return " ".join(state_of(context.t, status)) + (f" — {note}" if note else "")

    theirs, mine = said(*data["seen"]), said(DROPPED, data["mine"])
    pick = lambda choice: cb.BILAN_ACTION_STATUS.pack(action.id, choice)  # noqa: E731
    back = cb.BILAN_ACTION_STATUS.pack(action.id, "r")  # the action as it is now, the reason given back
    return conflict_screen(context, shorten(action.description, 60), theirs, mine, pick, back)


@screen(states.BILAN_DIFFICULTIES)
@screen(states.BILAN_HELP)
@screen_while_ahead
async def text_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The difficulties met, or the help wanted: the current text whole, and the question."""
    _ = context._
    _dossier, report = await editable_report(context, session, data.get("k"))
    name, _state = TEXTS[data["t"]]
    if "mine" in data:  # a colleague's text written meanwhile
        field = _(FIELD_LABELS[name])
        pick = lambda choice: cb.BILAN_TEXT.pack(choice, CODE_OF[report.checkpoint_kind])  # noqa: E731
        return conflict_screen(context, field, data["seen"] or "", data["mine"], pick, cb.BILAN.pack())
    question = (
        _("What difficulties did you run into?")
        if name == "difficulties"
        else _("What help would you like from the federation?")
    )
    example = (
        _("e.g. Few tenants came to the meetings; the survey was late.")
        if name == "difficulties"
        else _("e.g. An example of a tenant survey used by another coop.")
    )
    # where one is, as the walks say it (« Bilan · Indicateur 2/8 »): the bilan of which checkpoint
    where = _("Report · {event}").format(event=event_name(context.t, report.checkpoint_kind))
    lines = [e(where), bold(question), italic(example)]
    rows = []
    if getattr(report, name):
        lines = [e(where), e(_("Now:")), e(getattr(report, name)), "", *lines[1:]]
        rows.append([keep_button(context, cb.BILAN.pack())])
    if name == "help_wanted":
        rows.append([(_("🙅 No help needed"), cb.BILAN_NO_HELP.pack())])
    else:  # none met is an answer too, without typing one
        rows.append([(_("🙅 No difficulty"), NO_DIFFICULTY.pack())])
    return Screen("\n".join(lines), keyboard(*rows, nav_row(context, cb.BILAN.pack())))


async def ask_text(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """✏️ Difficulties / ✏️ Help wanted, with the text as it is now (of the bilan the screen showed); m / t:
    the conflict's choice."""
    if args[0] in ("m", "t"):
        return await _resolve(context, session, args[0])
    if args[0] not in TEXTS:  # a forged code
        return Step(Position(states.BILAN))
    _dossier, report = await editable_report(context, session, CODES[args[1]])
    name, state = TEXTS[args[0]]
    return Step(Position(state, {"t": args[0], "k": report.checkpoint_kind, "seen": getattr(report, name)}))


async def _resolve(context: QualiContext, session: AsyncSession, choice: str) -> Step:
    """Keep mine (over the colleague's text, which was shown) or keep theirs (mine handed back)."""
    position = await load_position(session, context.visitor.user.id)
    data = position.data
    if position.screen not in (states.BILAN_DIFFICULTIES, states.BILAN_HELP) or "mine" not in data:
        return Step(position)
    if choice == "m":
        return await _save_text(context, session, data, data["mine"])
    await editable_report(context, session, data.get("k"))
    notice = "✅ " + e(context._("The colleague’s value is kept."))
    return Step(Position(states.BILAN), notice, after=given_back(data))


async def _save_text(context: QualiContext, session: AsyncSession, data: dict, value: str) -> Step:
    """One of the two texts, saved with its audit entry unless a colleague wrote it meanwhile."""
    dossier, report = await editable_report(context, session, data.get("k"))
    name, state = TEXTS[data["t"]]
    seen = data.get("seen", UNSET)  # a question asked before this rule: as before
    try:
        await set_text(
            session, report, name, value, context.visitor.user.id, dossier.coop_id, context.now(), seen
        )
    except StaleValue as stale:  # both texts shown whole, the person chooses
        kept = {key: data[key] for key in ("t", "k") if key in data}
        return Step(Position(state, {**kept, "seen": stale.current, "mine": value}))
    return Step(Position(states.BILAN), "✅ " + e(context._("Saved.")))


@text_answer(states.BILAN_DIFFICULTIES)
@text_answer(states.BILAN_HELP)
@answer_while_ahead
async def take_text(context: QualiContext, session: AsyncSession, data: dict, text: str) -> Step:
    """The typed text (3,000 characters at most); typed on the conflict screen, it answers anew."""
    return await _save_text(context, session, data, check_text(text, max_length=TEXT_MAX))


async def no_help(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """🙅 No help needed."""
    position = await load_position(session, context.visitor.user.id)
    data = position.data if position.screen == states.BILAN_HELP else {}
    return await _save_text(context, session, {**data, "t": "h"}, "")


async def no_difficulty(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """🙅 No difficulty."""
    position = await load_position(session, context.visitor.user.id)
    data = position.data if position.screen == states.BILAN_DIFFICULTIES else {}
    return await _save_text(context, session, {**data, "t": "d"}, "")


def handlers() -> list:
    """The texts' buttons, each answering a checkpoint closed meanwhile (``bilan_closed``)."""
    return [
        button(cb.BILAN_TEXT, while_ahead(ask_text)),
        button(cb.BILAN_NO_HELP, while_ahead(no_help)),
        button(NO_DIFFICULTY, while_ahead(no_difficulty)),
    ]
