"""The approach and involvement part: four texts about how staff and members took part."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.dossier.editor.questions import ask
from conversations.render.formatting import field_label, shorten
from conversations.render.html import e
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import home_button
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard
from conversations.ui.router import Step, button, member_dossier, screen
from models.chat_state import Position
from models.dossier.rules import INVOLVEMENT_REQUIRED
from models.dossier.writes import dossier_of_member

FIELD_BUTTONS = {
    "approach": "a",
    "staff_information": "s",
    "members_information": "m",
    "members_consultation": "c",
}


@screen(states.INVOLVEMENT)
async def involvement_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """The four texts with their state and a button to write or edit each."""
    _ = context._
    dossier = await member_dossier(context, session)
    lines = ["👥 <b>" + e(_("Approach and involvement")) + "</b>", ""]
    rows = []
    for name in INVOLVEMENT_REQUIRED:
        value = getattr(dossier, name)
        mark = "✅" if value else "⬜"
        label = field_label(context.t, "dossier", name)
        lines.append(f"{mark} <b>{e(label)}</b>")
        lines.append("    " + e(shorten(value, 300) if value else _("not written yet")))
        rows.append([(f"✏️ {shorten(label, 30)}", cb.EDIT_FIELD.pack("d", dossier.id, FIELD_BUTTONS[name]))])
    if not all(getattr(dossier, name) for name in INVOLVEMENT_REQUIRED):
        rows.insert(0, [(_("✍️ Answer the questions"), cb.INVOLVEMENT_WIZARD.pack(dossier.id))])
    rows.append([home_button(context)])
    return Screen("\n".join(lines), keyboard(*rows))


async def open_involvement(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """👥 Approach and involvement."""
    return Step(Position(states.INVOLVEMENT))


async def start_wizard(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """✍️ Answer the questions: from the first unanswered one, one after the other."""
    dossier = await dossier_of_member(session, int(args[0]), context.visitor.coop.id)
    first = next(
        (name for name in INVOLVEMENT_REQUIRED if not getattr(dossier, name)), INVOLVEMENT_REQUIRED[0]
    )
    return Step(ask("dossier", dossier, first, True))


def handlers() -> list:
    """Involvement buttons."""
    return [button(cb.INVOLVEMENT, open_involvement), button(cb.INVOLVEMENT_WIZARD, start_wizard)]
