"""Shared practices in the dossier: « Chosen by other coops » when picking an indicator, and the
direction's consent to share its own (/partage). Coops are counted, never named, from 3 on."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.ext import CommandHandler

from conversations.dossier.editor.entities import INDICATOR
from conversations.dossier.editor.questions import next_step
from conversations.render.commitments.practices import (
    choice_title,
    coops_text,
    typical_target,
)
from conversations.render.formatting import KIND_LABELS, UNIT_LABELS, quoted, shorten
from conversations.render.html import bold, distinct_labels, e, italic
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import back_button, home_button
from conversations.ui.context import QualiContext
from conversations.ui.messages import Button, Screen, keyboard
from conversations.ui.middleware import require_member
from conversations.ui.router import Step, button, open_position, screen
from models.chat_state import Position
from models.dossier.indicators import TitleTaken, add_indicator
from models.dossier.practices import (
    MARK_LENGTH,
    SharedChoice,
    set_sharing,
    shared_choice,
    shared_choices,
    sharing_of,
    used_choices,
)
from models.dossier.reads import NotYours, dossier_of_member, hold_dossier
from models.parsing.names import in_reading_order
from models.values import Unit, ValueKind

RATIONALES_SHOWN = 3
SHOWN = 8  # the most chosen: 120 shared choices made 125 buttons over three messages


@dataclass
class SharedSection:
    """What the suggestion screen adds: counts beside the referential's suggestions, the coops' own."""

    counts: dict[str, int] = field(default_factory=dict)  # referential code -> coops
    lines: list[str] = field(default_factory=list)
    rows: list[list[Button]] = field(default_factory=list)

    def note(self, code: str) -> str:
        """« — 👥 4 » beside a suggestion chosen by enough coops."""
        return f" — 👥 {self.counts[code]}" if code in self.counts else ""


async def shared_section(
    context: QualiContext, session: AsyncSession, dossier_id: int, code: int
) -> SharedSection:
    """« Chosen by other coops » for an engagement (only coops that agreed, at least 3 each): the most
    chosen, those already among the coop's indicators marked as the referential's suggestions are."""
    _ = context._
    choices = await shared_choices(session, code, context.coop_id)
    section = SharedSection({c.suggested_code: len(c.coops) for c in choices if c.suggested_code})
    if not choices:
        return section
    used, shown = await used_choices(session, dossier_id, code), choices[:SHOWN]
    section.lines = ["", "👥 " + bold(_("Chosen by other coops"))]
    for choice in shown:
        title = choice_title(context.t, context.referential, choice, code)
        mine = " " + italic(_("(already among your indicators)")) if choice.key in used else ""
        section.lines.append(
            f"• {e(shorten(title, 80))} — {e(coops_text(context.t, len(choice.coops)))}{mine}"
        )
    if more := len(choices) - len(shown):
        said = context.t.ngettext(
            "…and {n} more indicator chosen by other coops (the most chosen are listed).",
            "…and {n} more indicators chosen by other coops (the most chosen are listed).",
            more,
        )
        section.lines.append(italic(said.format(n=context.t.format_number(more))))
    own = [c for c in shown if not c.suggested_code]
    for choice, label in zip(own, distinct_labels([c.title for c in own], 30), strict=True):
        label = ("✅ " if choice.key in used else "") + f"👥 {label}"  # ✅: pressing it continues that one
        section.rows.append([(label, cb.PICK_SHARED.pack(dossier_id, code, choice.mark))])
    return section


async def pressed_choice(
    context: QualiContext, session: AsyncSession, code: int, mark: str
) -> SharedChoice | None:
    """The coops' own indicator a button names by its mark; None when no longer shared by enough coops."""
    if len(mark) != MARK_LENGTH:  # an older button carried the choice's place in a list since rebuilt
        raise ValueError(f"not a shared choice's mark: {mark!r}")
    return await shared_choice(session, code, context.coop_id, mark)


def no_longer_shared(context: QualiContext, code: int) -> Step:
    """The choice a button named is shared by too few coops now: said, and the list as it is."""
    said = context._(
        "This indicator is no longer shared by enough coops to be shown: here is the list again."
    )
    return Step(Position(states.SUGGEST, {"code": code}), "⚠️ " + e(said))


def shape_text(context: QualiContext, choice: SharedChoice) -> str:
    """« A number (%) », « Yes / no »… of the choice."""
    kind, unit = choice.shape
    if kind not in set(ValueKind):
        return "—"
    text = context._(KIND_LABELS[ValueKind(kind)])
    return text + (f" ({context._(UNIT_LABELS[Unit(unit)])})" if unit in set(Unit) else "")


@screen(states.SHARED_CHOICE)
async def choice_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """One indicator other coops chose: how many, its kind, a typical target, why (if shared)."""
    _ = context._
    code, mark = int(data["code"]), str(data.get("choice", ""))
    dossier = await dossier_of_member(session, int(data["dossier"]), context.coop_id)
    choice = await shared_choice(session, code, context.coop_id, mark)
    if choice is None:  # no longer shared enough (or a position saved by an older version): home
        raise NotYours(f"no shared choice {mark!r} for engagement {code}")
    lines = [
        e(_("Engagement {code} · Chosen by other coops").format(code=code)),
        bold(choice.title),
        e(coops_text(context.t, len(choice.coops))) + " · " + e(shape_text(context, choice)),
    ]
    if target := typical_target(context.t, choice):
        lines.append(e(_("Typical target: {value}").format(value=target)))
    if choice.rationales:
        lines += ["", bold(_("Why they chose it"))]
        reasons = in_reading_order(choice.rationales)
        lines += [italic(quoted(context.t.language, shorten(why, 300))) for why in reasons[:RATIONALES_SHOWN]]
    if mine := choice.key in await used_choices(session, dossier.id, code):
        lines += ["", italic(_("(already among your indicators)"))]
    label = _("↩️ Continue this indicator") if mine else _("➕ Use this indicator")
    use = (label, cb.USE_SHARED.pack(dossier.id, code, choice.mark))
    back = back_button(context, cb.ADD_INDICATOR.pack(dossier.id, code))
    return Screen("\n".join(lines), keyboard([use], [back, home_button(context)]))


async def pick_shared(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """👥 an indicator of other coops: see it before using it."""
    dossier = await dossier_of_member(session, args[0], context.coop_id)
    if await pressed_choice(context, session, args[1], args[2]) is None:
        return no_longer_shared(context, args[1])
    return Step(Position(states.SHARED_CHOICE, {"dossier": dossier.id, "code": args[1], "choice": args[2]}))


async def use_shared(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """➕ Use this indicator: its title, kind and unit; the coop writes its own rationale and figures.
    Already among the engagement's indicators, it is continued, not added twice (as a suggestion is)."""
    dossier = await dossier_of_member(session, args[0], context.coop_id)
    choice = await pressed_choice(context, session, args[1], args[2])
    if choice is None:
        return no_longer_shared(context, args[1])
    from conversations.dossier.indicators import continue_indicator  # here: that module imports this one

    await hold_dossier(session, dossier.id)  # a colleague's same press waits here, then finds this one's
    if twin := (await used_choices(session, dossier.id, args[1])).get(choice.key):
        return await continue_indicator(context, session, twin)
    kind, unit = choice.shape
    try:
        indicator = await add_indicator(
            session, dossier, args[1], title=choice.title, value_kind=kind, unit=unit,
            actor_id=context.visitor.user.id, now=context.now(),
        )  # fmt: skip
    except TitleTaken as taken:  # a suggestion the coop chose has its title: that one continued
        return await continue_indicator(context, session, taken.indicator)
    notice = "✅ " + e(context._("Indicator added: {title}").format(title=context.indicator_title(indicator)))
    return await next_step(context, session, INDICATOR, indicator, INDICATOR.field("title"), True, notice)


@screen(states.SHARING)
async def sharing_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """What the coop shares with the network, and the direction's buttons to change it."""
    _ = context._
    sharing = await sharing_of(session, context.coop_id)
    mark = lambda on: "✅" if on else "⬜"  # noqa: E731
    lines = [
        "🤝 " + bold(_("Sharing with the network")),
        e(
            _(
                "Other coops see, engagement by engagement, which indicators were chosen, by how many "
                "coops, and their typical target. The federation sees the same, and the average progress "
                "toward the targets, from the starting and current values. Never your coop’s name, and no "
                "figure from fewer than 3 coops."
            )
        ),
        "",
        f"{mark(sharing.indicators)} " + e(_("Our indicators: titles, kinds, units, values and targets")),
        f"{mark(sharing.rationales)} " + e(_("Also why each indicator illustrates the Raison d’être")),
    ]
    rows = []
    if context.visitor.is_direction:
        rows.append(
            [
                (
                    _("⏹ Stop sharing") if sharing.indicators else _("📤 Share our indicators"),
                    cb.SHARING_SET.pack("i", int(not sharing.indicators)),
                )
            ]
        )
        rows.append(
            [
                (
                    _("⏹ Keep the rationales private")
                    if sharing.rationales
                    else _("📤 Share the rationales too"),
                    cb.SHARING_SET.pack("r", int(not sharing.rationales)),
                )
            ]
        )
    else:
        lines += ["", italic(_("Only the direction can change this."))]
    return Screen(
        "\n".join(lines), keyboard(*rows, [back_button(context, cb.OVERVIEW.pack()), home_button(context)])
    )


async def open_sharing(update: Update, context: QualiContext) -> None:
    """/partage."""
    if await require_member(update, context):
        await open_position(update, context, Position(states.SHARING))


async def show_sharing(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """🤝 Sharing with the network."""
    return Step(Position(states.SHARING))


async def set_consent(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """The direction agrees or stops (the button carries the wanted state)."""
    what = {"i": "indicators", "r": "rationales"}[args[0]]
    await set_sharing(session, context.visitor.member, what, bool(args[1]), context.now())
    return Step(Position(states.SHARING), "✅ " + e(context._("Saved.")))


def handlers() -> list:
    """/partage, the consent buttons, and the coops' own indicators on the suggestion screen."""
    return [
        CommandHandler(["partage", "sharing"], open_sharing),
        button(cb.SHARING, show_sharing),
        button(cb.SHARING_SET, set_consent),
        button(cb.PICK_SHARED, pick_shared),
        button(cb.USE_SHARED, use_shared),
    ]
