"""Where the dossier stands, as the chat's home says it: its status line, the committee's words, the
counters, the gaps with where each is fixed (the missing letter: who provides it, where), and the next
step for this visitor (the chat's home's, by the dossier's status, their role and whether their coop has a
direction: mark it ready, submit it again, the direction submits it),
redrawn after every save; once it is no longer prepared, what it waits for (the committee's meeting, the
next checkpoint) and where the coop's follow-up is done.
"""

from __future__ import annotations

import re

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.web.miniapp.access import Visit
from bot.web.miniapp.texts import NEXT_STEPS, translated
from conversations.dossier.editor.entities import ACTION, INDICATOR, INVOLVEMENT
from conversations.render.fields import field_anchor
from conversations.render.formatting import colon, quoted, stage_lines, step_ahead_text
from conversations.render.gaps import (
    MARK_FOR_DIRECTION,
    MARK_READY,
    SUBMIT_AGAIN,
    complete_step,
    engagements_counter,
    gap_texts,
)
from conversations.render.notifications import NO_DIRECTION
from conversations.ui.context import BotServices
from conversations.ui.reports import committee_asks
from locales import N_, Translator
from models.dossier.reads import FOLLOWED, DossierSnapshot
from models.dossier.rules import Gap, completion_percent, selection_progress
from models.label.ahead import next_steps
from models.label.committee import refusal_comment
from models.referential.model import Referential
from models.tables import CheckpointKind, DossierStatus

AXIS_RULES = ("axis_short", "total_short")  # the gaps said beside the engagements' checkboxes
INSTRUCTIONS = ("total_short",)  # gaps worded as what to do (« Choose 2 more… »): for who can do it
# a number and its word never apart at a line's end: the word it counts (« 2 engagements »), or, ending
# a phrase, the word it numbers (« l’axe 1 », « (engagement 3) »); one side only, so that no chain of
# words too long for a zoomed phone's line is cut mid-word
NUMBER_SPACE = re.compile(r"(?<=\d) (?=\w)|(?<=\w) (?=\d+(?!\d)(?! \w))")
NBSP = "\u00a0"
# during the follow-up, where the coop does it (the chat's commands: /progres and /bilan in French)
FOLLOW_UP = N_(
    "The follow-up is done in the chat: /progress to update your indicators and actions, /report to write "
    "the checkpoint report before each checkpoint."
)

# where the missing commitment letter comes from: the direction, in the chat (the chat's own buttons)
LETTER_DIRECTION = N_(
    "The commitment letter is the direction’s to provide: send it to the bot in the chat, with “{documents}” "
    "then “{letter}”."
)
LETTER_MEMBER = N_(
    "The commitment letter is provided by the direction. To ask for it, in the chat: “{documents}” then "
    "“{ask}”."
)
# … to a member whose coop has no direction in the assistant: the chat's « 📨 Ask » would answer so
LETTER_NO_DIRECTION = N_("The commitment letter is provided by the direction.")
LETTER_BUTTONS = {
    "documents": N_("📎 Documents"),
    "letter": N_("📎 Commitment letter"),
    "ask": N_("📨 Ask the direction for the letter"),
}


def bind_numbers(text: str) -> str:
    """A sentence whose numbers stay on the line of their word: « Il manque 2 engagements dans l’axe 1 »."""
    return NUMBER_SPACE.sub(NBSP, text)


def gap_anchor(gap: Gap, dossier_id: int) -> str:
    """Where on the page a gap is fixed: a field, a form to add a row, a section or the letter's note."""
    if gap.kind == "indicator_incomplete":
        return field_anchor(INDICATOR.name, gap.indicator_id, gap.fields[0])
    if gap.kind == "action_incomplete":
        return field_anchor(ACTION.name, gap.action_id, gap.fields[0])
    if gap.kind == "no_action":
        return f"add-action-{gap.indicator_id}"
    if gap.kind == "no_indicator":
        return f"add-indicator-{gap.engagement}"
    if gap.kind == "involvement_missing":
        return field_anchor(INVOLVEMENT.name, dossier_id, gap.fields[0])
    if gap.kind == "no_commitment_letter":
        return "letter"  # who provides it and where, in the documents' section
    return f"axis-{gap.axis}" if gap.axis else "engagements"


def letter_note(visit: Visit) -> str:
    """Who provides the missing commitment letter, and where in the chat (the direction's, a member asks;
    with no direction in the assistant, whom to ask for one)."""
    t, visitor = visit.t, visit.visitor
    if visit.is_member and not visitor.is_direction and not visitor.coop_has_direction:
        return f"{t.gettext(LETTER_NO_DIRECTION)} {t.gettext(NO_DIRECTION)}"
    buttons = translated(t, LETTER_BUTTONS)
    return t.gettext(LETTER_DIRECTION if visitor.is_direction else LETTER_MEMBER).format(**buttons)


# the chat's step once nothing is missing, then where it is done there: the page has no such button
IN_THE_CHAT = N_("From the dossier’s home in the chat: “{button}”.")
STEP_BUTTONS = {SUBMIT_AGAIN: NEXT_STEPS["submit_button"], MARK_FOR_DIRECTION: N_("✅ Mark as ready")}


def next_step(visit: Visit, status: DossierStatus, gaps: list[Gap]) -> dict | None:
    """Once nothing is missing, what comes next for this visitor, as the chat's home says it: mark the
    dossier ready (one the committee asked more of: the direction submits it again); once ready, the
    direction submits it (said so to a member; with no direction, whom to ask for one). None while gaps
    remain."""
    if gaps or not visit.editable:
        return None
    t, visitor = visit.t, visit.visitor
    if status == DossierStatus.READY:
        return ready_step(visit)
    step = complete_step(status, visitor.is_direction, visitor.coop_has_direction)
    if step in (MARK_READY, None):
        return {"mark": "✅", "text": t.gettext(NEXT_STEPS["mark_ready"])}  # the chat's, with « in the chat »
    where = t.gettext(IN_THE_CHAT).format(button=t.gettext(STEP_BUTTONS[step]))
    return {"mark": "✅", "text": f"{t.gettext(step)} {where}"}


def ready_step(visit: Visit) -> dict:
    """A dossier marked ready: the direction submits it; a member is told so, or, when their coop has no
    direction in the assistant, whom to ask for one (as the chat says on marking it ready)."""
    t, visitor = visit.t, visit.visitor
    if visitor.is_direction:
        button = t.gettext(NEXT_STEPS["submit_button"])
        return {"mark": "✅", "text": t.gettext(NEXT_STEPS["submit"]).format(button=button)}
    if not visitor.coop_has_direction:  # nobody to submit it: as the chat says on marking it ready
        return {"mark": "⚠️", "text": t.gettext(NO_DIRECTION)}
    return {"mark": "ℹ️", "text": t.gettext(NEXT_STEPS["direction_submits"])}


def status_line(visit: Visit, dossier) -> str:
    """« Cycle 1 · Labellisé 🏅 », as the chat's home says it: a label whose three years are over ended."""
    return stage_lines(visit.t, dossier, visit.today)[0]


def summary_view(visit: Visit, referential: Referential, snapshot: DossierSnapshot, gaps: list[Gap]) -> dict:
    """The counters, the rule messages, the gaps and the progress: redrawn after every save.

    Who cannot change the dossier (the committee, or its coop once submitted) reads the state as facts:
    no « choose », no links to fields that have no inputs, no next step."""
    t, _, guide = visit.t, visit.t.gettext, visit.editable
    progress = selection_progress(referential, snapshot.chosen)
    gaps = [gap for gap in gaps if guide or gap.kind not in INSTRUCTIONS]
    axes = []
    for axis in progress.axes:
        counter = _("Axis {axis} — {chosen}/{available}").format(
            axis=axis.axis, chosen=axis.chosen, available=axis.available
        )
        if axis.missing and guide:
            counter += " " + _("({missing} more to choose)").format(missing=axis.missing)
        axes.append({"code": axis.axis, "counter": bind_numbers(counter), "complete": not axis.missing})
    percent = completion_percent(referential, snapshot)
    texts = [bind_numbers(text) for text in gap_texts(t, snapshot, gaps)]
    return {
        "percent": percent,
        "progress": _("Progress: {percent}%").format(percent=percent),
        "engagements": engagements_counter(t, progress.chosen),
        "axes": axes,
        "guide": guide,
        "rules": [text for gap, text in zip(gaps, texts, strict=True) if gap.kind in AXIS_RULES],
        "gaps": [
            {"text": text, "anchor": gap_anchor(gap, snapshot.dossier.id)}
            for gap, text in zip(gaps, texts, strict=True)
        ],
        "next": next_step(visit, snapshot.dossier.status, gaps),
    }


def said(t: Translator, mark: str, heading: str, comment: str) -> dict:
    """The committee's words as the page shows them: what it is, then its text quoted."""
    return {"mark": mark, "heading": heading, "comment": quoted(t.language, comment or "—")}


async def committee_words(session: AsyncSession, visit: Visit) -> dict | None:
    """What the validation committee wrote to the coop, shown at the top as on the chat's home: its
    request for more information, its comment on a refusal (on a candidacy prepared again, the last
    refusal's). None when it has nothing to say to this dossier now."""
    t, dossier = visit.t, visit.dossier
    if dossier.status == DossierStatus.REFUSED:
        comment = await refusal_comment(session, dossier.id)
        heading = t.gettext("The committee’s comment") + colon(t)
        return said(t, "⛔", heading, comment) if comment else None
    if (asked := await committee_asks(session, dossier)) is not None:  # as the chat's home says it
        mark, heading, comment = asked
        return said(t, mark, t.gettext(heading), comment)
    return None


async def ahead_view(session: AsyncSession, visit: Visit, services: BotServices) -> dict:
    """What the dossier waits for, as the chat's home says it (« Next: 6-month checkpoint on 3 June 2027 »,
    the committee's meeting while it decides; a label's end passed is said by the page's note, not again),
    and to its coop during the 18 months and the label, where the follow-up is done (the chat's)."""
    t, dossier = visit.t, visit.dossier
    steps = await next_steps(session, dossier, services.clock(), services.committee_dates)
    ended = len(stage_lines(t, dossier, visit.today)) > 1
    return {
        "steps": [
            bind_numbers(step_ahead_text(t, s)) for s in steps if s.kind != CheckpointKind.EXPIRY or not ended
        ],  # a date's words on one line (« le 23 mai 2027 »)
        "follow_up": t.gettext(FOLLOW_UP) if visit.is_member and dossier.status in FOLLOWED else None,
    }
