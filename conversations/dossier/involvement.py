"""The approach and involvement part: how the staff and the coopérateurs took part."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.dossier.editor.entities import INVOLVEMENT
from conversations.dossier.editor.positions import ask
from conversations.dossier.editor.rows import editable, locked_lines
from conversations.render.commitments.consultations import summary_line
from conversations.render.formatting import shorten
from conversations.render.html import bold, e
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.callbacks import callback
from conversations.ui.common import from_recap, home_row, page_turns, recap_flag
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, in_rows, keyboard, page_in
from conversations.ui.reports import consultation_views
from conversations.ui.router import Step, button, member_dossier, screen
from locales import N_
from models.chat_state import Position
from models.dossier.reads import dossier_of_member

PREVIEW = 300  # a text is previewed here; its question shows it whole
# the consultations' lines a page (nothing caps how many a coop opens): with the four texts previewed and
# the longest lines (an open one's figures, opened after the submission), the screen stays one message
PAGE_SIZE = 6
PAGE_TURN = callback("ivp", int, int, optional=1)  # ⬅️ ➡️: page, r
# the ✏️ buttons, two to a row: their fields' names are too long for a button (cut mid-word in English)
EDIT_LABELS = {
    "approach": N_("✏️ Approach"),
    "staff_information": N_("✏️ Staff info"),
    "members_information": N_("✏️ Coopérateurs info"),
    "members_consultation": N_("✏️ Consultation"),
}


@screen(states.INVOLVEMENT)
async def involvement_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Each text with its state, and a button to write or edit each."""
    _ = context._
    dossier = await member_dossier(context, session)
    lines = ["👥 " + bold(_("Approach and involvement")), ""]
    edits = []
    for spec in INVOLVEMENT.fields:
        value = getattr(dossier, spec.name)
        lines.append(("✅ " if value else "⬜ ") + bold(_(spec.label)))
        lines.append("    " + e(shorten(value, PREVIEW) if value else _("not written yet")))
        edits.append((_(EDIT_LABELS[spec.name]), cb.EDIT_FIELD.pack(INVOLVEMENT.code, dossier.id, spec.code)))
    rows = in_rows(edits)
    if not editable(dossier):  # a submitted dossier is read only
        rows = []
    elif not all(getattr(dossier, spec.name) for spec in INVOLVEMENT.fields):
        rows.insert(0, [(_("✍️ Answer the questions"), cb.INVOLVEMENT_WIZARD.pack(dossier.id))])
    # the consultations' results are evidence of involvement (issue 14), a page at a time
    consultations = await consultation_views(context, session, dossier)
    page = page_in(len(consultations), data.get("page"), PAGE_SIZE)
    lines += ["", "🗳 " + bold(_("Consultations"))] + [
        summary_line(v) for _n, v in page.numbered(consultations)
    ]
    if not consultations:
        lines.append("    " + e(_("none yet: the direction can consult the staff and the coopérateurs")))
    turn_lines, turn_row = page_turns(context, page, lambda n: PAGE_TURN.pack(n, *recap_flag(data)))
    lines += turn_lines + locked_lines(context, dossier)
    rows += [turn_row, [(_("🗳 Consultations"), cb.CONSULTATIONS.pack())], home_row(context, data)]
    return Screen("\n".join(lines), keyboard(*rows))


async def open_involvement(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """👥 Approach and involvement (from the recap's ✏️, or back from its questions: with its way back)."""
    return Step(Position(states.INVOLVEMENT, from_recap(args, 0)))


async def turn_page(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """⬅️ ➡️ among the consultations' pages, still on the way from the recap when opened from it."""
    return Step(Position(states.INVOLVEMENT, {"page": args[0]} | from_recap(args, 1)))


async def start_wizard(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """✍️ Answer the questions: from the first unanswered one, one after the other."""
    dossier = await dossier_of_member(session, args[0], context.coop_id)
    unanswered = [spec for spec in INVOLVEMENT.fields if not getattr(dossier, spec.name)]
    return Step(ask(INVOLVEMENT, dossier, (unanswered or INVOLVEMENT.fields)[0], True))


def handlers() -> list:
    """Involvement buttons."""
    return [
        button(cb.INVOLVEMENT, open_involvement),
        button(PAGE_TURN, turn_page),
        button(cb.INVOLVEMENT_WIZARD, start_wizard),
    ]
