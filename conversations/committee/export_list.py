"""/export alone for the committee and the federation's admins: the coops whose bundle they may export,
a screen a page at a time (« Page 1/8 », ⬅️ ➡️ editing it in place), each page one message.

In the order /comite reads them, under its groups (the submitted first: what the committee has to read
next), the names in order within each; a direction's own coop first. Each by its number, « #12 », as
/comite lists it and /export takes it. ``export`` sends the bundles.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.committee.wording import APPLYING_AGAIN_GROUP, NEXT_CYCLE, committee_groups, cycle_words
from conversations.render.html import bold, e, escaped_within
from conversations.ui import states
from conversations.ui.callbacks import callback
from conversations.ui.common import page_in, page_turns
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard
from conversations.ui.middleware import require_federation
from conversations.ui.router import Step, button, screen
from models.chat_state import Position
from models.dossier.reads import NotAllowed
from models.federation.regions import coop_region
from models.label.committee import coops_count, dossiers_by_status
from models.parsing.names import SUGGESTED
from models.tables import Coop

EXPORT_LIST = states.EXPORT_LIST  # the screen (ui.states: saved in ChatState, never renamed)
EXPORTS = callback("cme", int, optional=1, anywhere=True)  # page: ⬅️ ➡️, from any older list too
# coops per page, and the room of a name as HTML (« & » is « &amp; »): 12 lines of names of 220 units,
# with the longest mark, a heading per group, the sentence on the coops not listed, stay one message
PAGE_SIZE = 12
NAME_UNITS = 220


@dataclass(frozen=True)
class Listed:
    """A coop of the list: its group's title (untranslated; None for the visitor's own coop, first)
    and what its line adds to its name (translated)."""

    coop: Coop
    group: str | None
    mark: str = ""


@dataclass(frozen=True)
class Exportable:
    """The list (``exportable``) and what it leaves out, counted: the coops that have not submitted yet
    (``waiting``), those preparing a new candidacy after a refusal on reading (``again``: they did
    submit), and whether the visitor's own coop is left out for them being a plain member of it."""

    listed: list[Listed]
    waiting: int
    again: int
    own_left_out: bool


async def exportable(context: QualiContext, session: AsyncSession) -> Exportable:
    """The coops with a dossier the committee follows (dossiers_by_status's rule), with the visitor's own
    coop when they are its direction (whatever its status, as /export alone gives it), and the others
    counted by why they are not listed."""
    _ = context._
    visitor = context.visitor
    own = visitor.coop.id if visitor.coop is not None else None
    by_status = await dossiers_by_status(session)
    # their own coop under its rule: listed for its direction, whatever its status; not for a member
    own_listed = bool(own and visitor.is_direction)
    listed = [Listed(visitor.coop, None, " — " + _("your coop"))] if own_listed else []
    own_left_out, again = False, 0
    for title, rows in committee_groups(by_status):
        for dossier, coop, _due in rows:
            if title == APPLYING_AGAIN_GROUP:  # they did submit; their draft, edited since, is theirs
                if not (coop.id == own and own_listed):
                    again += 1
                continue
            if coop.id == own:
                own_left_out = not visitor.is_direction
                continue
            # a coop preparing its next cycle, in /comite's words (the others' group says their cycle)
            mark = " — " + cycle_words(context.t, title, dossier) if title == NEXT_CYCLE else ""
            listed.append(Listed(coop, title, mark))
    # every coop listed is one of the federation's, once; the others have not submitted yet (their own
    # coop, when left out, has)
    waiting = await coops_count(session) - len(listed) - own_left_out - again
    return Exportable(listed, waiting, again, own_left_out)


@screen(EXPORT_LIST)
async def export_list(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The coops to export, numbered by id for /export ID, a page at a time under /comite's groups."""
    visitor = context.visitor
    if visitor is None or not (visitor.is_committee or visitor.is_admin):  # a role taken back since
        raise NotAllowed("the list of coops to export is the federation's")
    _ = context._
    found = await exportable(context, session)
    listed = found.listed
    page = page_in(len(listed), data.get("page"), PAGE_SIZE)
    ask = _("Which coop? Send /export followed by its number, e.g. /export {number}:")  # « #12 », as /comite
    lines = [e(ask.format(number=listed[0].coop.id))] if listed else []
    group = None
    for _number, entry in page.numbered(listed):
        if entry.group is not None and entry.group != group:  # each page says the group it starts in
            lines += ["", bold(_(entry.group))]
        group = entry.group
        lines.append(f"#{entry.coop.id} {escaped_within(entry.coop.name, NAME_UNITS)}{e(entry.mark)}")
    if not listed:
        lines.append(e(_("No dossier is with the committee yet.")))
    # a plain member of a coop the committee follows: why it is missing, what they may have
    if found.own_left_out:
        said = _(
            "{coop}, your coop, is not listed: its bundle is for your coop’s direction. For its dossier as a "
            "PDF, send /pdf."
        )
        lines += ["", e(said.format(coop=visitor.coop.name))]
    if found.waiting:
        lines += ["", e(not_listed(context, found.waiting))]
    if found.again:  # they did submit: not « not submitted yet »
        lines += ["", e(applying_again(context, found.again))]
    turn_lines, turn_row = page_turns(context, page, EXPORTS.pack)
    return Screen("\n".join(lines + turn_lines), keyboard(turn_row))


def choices(context: QualiContext, meant: list[Coop]) -> list[str]:
    """The coops a name may mean, each with its number (and region, which may tell them apart), and how
    to export one (HTML lines)."""
    lines = [f"#{coop.id} {escaped_within(coop.name, NAME_UNITS)}" + region(coop) for coop in meant]
    ask = context._("Send /export followed by the number of the one you mean, e.g. /export {number}.")
    return [*lines, e(ask.format(number=meant[0].id))]


def region(coop: Coop) -> str:
    """« — Bretagne » after a coop's name, when it has a region (HTML)."""
    return f" — {e(coop_region(coop))}" if coop.region else ""


def homonyms(context: QualiContext, meant: list[Coop]) -> str:
    """Twins of a name (added before they were refused): which one? (HTML)"""
    return "\n".join(["⚠️ " + e(context._("Several coops bear this name:")), *choices(context, meant)])


def not_found(context: QualiContext, reference: str, holding: list[Coop]) -> str:
    """No coop of this name: the coops whose name holds its words, if a few do, to choose by number;
    else the way to the list (HTML)."""
    _ = context._
    if not holding or len(holding) > SUGGESTED:
        return "⚠️ " + e(_("No coop « {name} ». Send /export alone for the list.").format(name=reference))
    said = _("No coop « {name} ». Did you mean:").format(name=reference)
    return "\n".join(["⚠️ " + e(said), *choices(context, holding)])


def not_listed(context: QualiContext, count: int) -> str:
    """Why some coops are not in the federation's list: their dossier is not submitted yet (plain text)."""
    return context.t.ngettext(
        "{n} coop has not submitted its dossier yet: it is not listed, its bundle comes once submitted.",
        "{n} coops have not submitted their dossier yet: they are not listed, their bundle comes once "
        "submitted.",
        count,
    ).format(n=context.t.format_number(count))


def applying_again(context: QualiContext, count: int) -> str:
    """Why the coops refused on reading and applying again are not in the list (plain text)."""
    return context.t.ngettext(
        "{n} coop is preparing a new candidacy after a refusal of the committee: it is not listed, its "
        "bundle comes once submitted again.",
        "{n} coops are preparing a new candidacy after a refusal of the committee: they are not listed, "
        "their bundle comes once submitted again.",
        count,
    ).format(n=context.t.format_number(count))


async def open_page(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """⬅️ ➡️: the list at another page."""
    return Step(Position(EXPORT_LIST, {"page": args[0]} if args and args[0] else {}))


def handlers() -> list:
    """The list's ⬅️ ➡️, for the committee and the admins."""
    return [button(EXPORTS, open_page, require_federation)]
