"""Shared practices in the dossier: « Chosen by other coops » when picking an indicator, and the
direction's consent to share its own (/partage). Coops are counted, never named, from 3 on."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.ext import CommandHandler

from conversations.dossier.editor.entities import INDICATOR
from conversations.dossier.editor.questions import next_step
from conversations.render.commitments.practices import choice_title, coops_text, typical_target
from conversations.render.formatting import KIND_LABELS, UNIT_LABELS, quoted, shorten
from conversations.render.html import bold, e, italic
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import back_button, home_button
from conversations.ui.context import QualiContext
from conversations.ui.messages import Button, Screen, keyboard
from conversations.ui.middleware import require_member
from conversations.ui.router import Step, button, open_position, screen
from models.chat_state import Position
from models.dossier.indicators import add_indicator
from models.dossier.practices import SharedChoice, set_sharing, shared_choices, sharing_of
from models.dossier.reads import NotYours, dossier_of_member
from models.values import Unit, ValueKind

RATIONALES_SHOWN = 3


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
    """« Chosen by other coops » for an engagement (only coops that agreed, at least 3 each)."""
    choices = await shared_choices(session, code, context.coop_id)
    section = SharedSection({c.suggested_code: len(c.coops) for c in choices if c.suggested_code})
    own = [c for c in choices if not c.suggested_code]
    if choices:
        section.lines = ["", "👥 " + bold(context._("Chosen by other coops"))]
    for choice in choices:
        title = choice_title(context.t, context.referential, choice, code)
        section.lines.append(f"• {e(shorten(title, 80))} — {e(coops_text(context.t, len(choice.coops)))}")
    for n, choice in enumerate(own):
        label = f"👥 {shorten(choice.title, 30)}"
        section.rows.append([(label, cb.PICK_SHARED.pack(dossier_id, code, n))])
    return section


async def own_choice(context: QualiContext, session: AsyncSession, code: int, index: int) -> SharedChoice:
    """One of the coops' own indicators shown for an engagement (by its place in the list)."""
    own = [c for c in await shared_choices(session, code, context.coop_id) if not c.suggested_code]
    if not 0 <= index < len(own):
        raise NotYours(f"no shared choice {index} for engagement {code}")
    return own[index]


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
    code, index = int(data["code"]), int(data["index"])
    choice = await own_choice(context, session, code, index)
    dossier = await dossier_of_member(session, int(data["dossier"]), context.coop_id)
    lines = [
        e(_("Engagement {code} · Chosen by other coops").format(code=code)),
        bold(choice.title),
        e(coops_text(context.t, len(choice.coops))) + " · " + e(shape_text(context, choice)),
    ]
    if target := typical_target(context.t, choice):
        lines.append(e(_("Typical target: {value}").format(value=target)))
    if choice.rationales:
        lines += ["", bold(_("Why they chose it"))]
        lines += [
            italic(quoted(context.t.language, shorten(text, 300)))
            for text in sorted(choice.rationales)[:RATIONALES_SHOWN]
        ]
    use = (_("➕ Use this indicator"), cb.USE_SHARED.pack(dossier.id, code, index))
    back = back_button(context, cb.ADD_INDICATOR.pack(dossier.id, code))
    return Screen("\n".join(lines), keyboard([use], [back, home_button(context)]))


async def pick_shared(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """👥 an indicator of other coops: see it before using it."""
    dossier = await dossier_of_member(session, args[0], context.coop_id)
    await own_choice(context, session, args[1], args[2])
    return Step(Position(states.SHARED_CHOICE, {"dossier": dossier.id, "code": args[1], "index": args[2]}))


async def use_shared(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """➕ Use this indicator: its title, kind and unit; the coop writes its own rationale and figures."""
    dossier = await dossier_of_member(session, args[0], context.coop_id)
    choice = await own_choice(context, session, args[1], args[2])
    kind, unit = choice.shape
    indicator = await add_indicator(
        session,
        dossier,
        args[1],
        title=choice.title,
        value_kind=kind,
        unit=unit,
        actor_id=context.visitor.user.id,
        now=context.now(),
    )
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
                "Other coops see, engagement by engagement, which indicators were chosen and by how many "
                "coops: never your coop’s name, and no figure from fewer than 3 coops. The federation sees "
                "the same."
            )
        ),
        "",
        f"{mark(sharing.indicators)} " + e(_("Our indicators: titles, kinds, units and targets")),
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
