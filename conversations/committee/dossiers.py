"""/comite: the validation committee's dossiers by status, and one dossier with its decisions.

The decisions themselves (comment, date, confirmation) are in ``decisions``.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.constants import ChatAction
from telegram.ext import CommandHandler

from conversations.committee.bilans import bilans_to_read
from conversations.committee.choices import (
    decision_rows,
    load_dossier,
    own_coop,
    own_coop_note,
    renewal_opens,
)
from conversations.committee.earlier_cycle import EARLIER_CYCLE, earlier_cycle_rows, show_earlier_cycle
from conversations.committee.reading import REVIEW_NOTES, review_of, send_read
from conversations.committee.visit_ready import ready_flags, ready_line
from conversations.committee.wording import (
    ASK_TO_COMPLETE,
    DECISIONS,
    INCOMPLETE,
    REFUSED_ON,
    applying_again_lines,
    committee_groups,
    cycle_words,
)
from conversations.render.changes import revision_text
from conversations.render.formatting import (
    CLOSED,
    checkpoint_state,
    event_name,
    format_day,
    labelled,
    quoted,
    stage_status,
)
from conversations.render.html import MESSAGE_LIMIT, bold, e, escaped_within, names_room, units
from conversations.render.notifications import letter_caption
from conversations.render.pdf import render_pdf
from conversations.render.report import DossierReport, pdf_file_name
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import back_button, open_app_row, page_turns, refusal
from conversations.ui.context import QualiContext
from conversations.ui.messages import Page, Screen, fitted, in_rows, keyboard
from conversations.ui.middleware import require_committee
from conversations.ui.reports import NOT_BEFORE_THE_VISIT, dossier_report, evidence_sections
from conversations.ui.router import Step, button, on_button, open_position, screen
from locales import N_
from models.chat_state import Position
from models.clock import paris_today
from models.dossier.reads import FOLLOWED, DossierError, NotYours
from models.federation.regions import coop_region
from models.label.committee import (
    dossier_with_coop,
    dossiers_by_status,
    followed_by_committee,
    refusals_of,
    refused_again,
)
from models.label.lifecycle import Transition, superseded_by_visit
from models.label.transitions import checkpoints_of
from models.tables import Coop, Dossier, DossierStatus

NOT_RETAINED = N_("Not retained by the committee:")  # a refusal with no entry (set by hand)
OVERDUE = N_("{event} — {date}, overdue")  # the day passed, the committee has not recorded it
LATE = N_("{state}, overdue")  # the same, on the dossier's screen: « due on 22 May 2028, overdue »
PAGE_SIZE = 20  # dossiers per page: the text and the keyboard stay within Telegram's limits
GAPS_SHOWN = 6  # what an incomplete dossier misses, on its screen: the rest in « 📄 Review »


@screen(states.COMMITTEE)
async def list_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Every followed dossier, grouped by where it stands, a page at a time."""
    _ = context._
    today = paris_today(context.now())
    groups = committee_groups(await dossiers_by_status(session))
    lines = ["🏛 " + bold(_("Validation committee"))]
    lines += [e(labelled(context.t, _(title), str(len(found)))) for title, found in groups]
    listed = [(title, row) for title, found in groups for row in found]
    dossiers = [dossier for _title, (dossier, *_rest) in listed]
    page = Page.listed([dossier.id for dossier in dossiers], data, PAGE_SIZE)  # back from one: its page
    ready = await ready_flags(context, session, dossiers)  # 🚪
    buttons, current_group, named = [], None, []
    # by the coop's number, the one /export takes: two coops whose names start alike are two distinct buttons
    for _n, (title, (dossier, coop, next_due)) in page.numbered(listed):
        if title != current_group:
            lines += ["", bold(_(title))]
            current_group = title
        flag = ""
        if next_due is not None and next_due[1] <= today + timedelta(days=30):
            event, day = event_name(context.t, next_due[0]), context.t.format_date(next_due[1])
            # « event — day »: an event's name may hold punctuation; a day passed is still to record
            flag = " ⏰ " + e(
                _(OVERDUE).format(event=event, date=day) if next_due[1] < today else f"{event} — {day}"
            )
        flag += f" {ready[dossier.id]}" if dossier.id in ready else ""
        cycle = cycle_words(context.t, title, dossier)
        named.append((len(lines), f"#{coop.id} ", coop.name, f" — {e(cycle)}{flag}"))
        lines.append("")  # the line once the names' room is known
        buttons.append((fitted(f"#{coop.id} ", coop.name), cb.COMMITTEE_DOSSIER.pack(dossier.id)))
    turn_lines, turn_row = page_turns(context, page, cb.COMMITTEE.pack)
    # the names whole when the page is one message with them, else the longest cut alike with « … »
    room = MESSAGE_LIMIT - units("\n".join(lines + turn_lines))
    room -= sum(units(n + said) for _at, n, _name, said in named)
    most = names_room([name for _at, _n, name, _said in named], room)
    for at, n, name, said in named:
        lines[at] = n + escaped_within(name, most) + said
    return Screen("\n".join(lines + turn_lines), keyboard(*in_rows(buttons), turn_row))


def checkpoint_lines(context: QualiContext, dossier, checkpoints: list) -> list[str]:
    """Each checkpoint, held, due (overdue) or, the dossier closed, not recorded, in date order; an interim
    one the visit came before (removed then, so neither held nor due) is said so."""
    t = context.t
    today = paris_today(context.now())
    dated = []
    for checkpoint in checkpoints:
        state = checkpoint_state(t, checkpoint, dossier.status)  # the PDF's course says it alike
        if checkpoint.held_on:
            state = "✅ " + state
        elif dossier.status in CLOSED:
            state = "➖ " + state
        elif checkpoint.due_on < today:  # the day passed, the committee has not recorded it yet
            state = "⏰ " + context._(LATE).format(state=state)
        else:
            state = "⏳ " + state
        dated.append((checkpoint.due_on, checkpoint.kind, state))
    superseded = "➖ " + context._(NOT_BEFORE_THE_VISIT)
    dated += [(due_on, kind, superseded) for kind, due_on in superseded_by_visit(dossier, checkpoints)]
    return [f"• {e(event_name(t, kind))} — {e(state)}" for _due, kind, state in sorted(dated)]


def submission_line(context: QualiContext, report: DossierReport) -> str:
    """When the dossier was last submitted, and by whom: a submitter who erased their data is a former
    member (mid-sentence, as a document's « Ajouté par un ancien membre »), never no one."""
    _ = context._
    if report.submitted_by:
        text = _("Submitted on {date} by {name}").format(date=report.submitted_on, name=report.submitted_by)
    else:
        text = _("Submitted on {date} by a former member").format(date=report.submitted_on)
    return "📥 " + e(text)


def incomplete_lines(context: QualiContext, dossier: Dossier, report: DossierReport) -> list[str]:
    """A submitted dossier that does not meet every rule: what is missing, and to ask the coop for it
    (it cannot be declared admissible); nothing for another."""
    if dossier.status != DossierStatus.SUBMITTED or not report.gaps:
        return []
    _ = context._
    shown = report.gaps[:GAPS_SHOWN]
    lines = ["", "⚠️ " + bold(_(INCOMPLETE)), *("• " + e(gap) for gap in shown)]
    if more := len(report.gaps) - len(shown):
        # « see »: a very long dossier's review lists some and points to the PDF for the others
        said = context.t.ngettext("… and {n} more: see “{review}”.", "… and {n} more: see “{review}”.", more)
        lines.append("• " + e(said.format(n=more, review=_("📄 Review"))))
    ask = _(ASK_TO_COMPLETE).format(button=_(DECISIONS[Transition.REQUEST_INFO]))
    return [*lines, "👉 " + e(ask)]


async def load_listed(session: AsyncSession, dossier_id: int) -> tuple[Dossier, Coop]:
    """A dossier the list shows and its coop: one the committee follows, or one refused on reading and
    prepared again (its screen says the refusal only); NotYours for another (a draft, an id forged)."""
    found = await dossier_with_coop(session, dossier_id)
    if found is None or not (followed_by_committee(found[0].status) or refused_again(found[0])):
        raise NotYours(f"dossier {dossier_id} is not one /comite lists")
    return found


@screen(states.COMMITTEE_DOSSIER)
async def dossier_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """One dossier: status, submission, the dossier at a glance, what changed, the decisions possible now
    (a coop preparing a new candidacy after a refusal on reading: that refusal only)."""
    _ = context._
    t = context.t
    dossier, coop = await load_listed(session, int(data["id"]))
    title = f"{coop.name} — {coop_region(coop)}" if coop.region else coop.name
    if refused_again(dossier):  # preparing a new candidacy: its refusal, not its draft
        refusals = await refusals_of(session, dossier.id)
        lines = ["🏛 " + bold(title), *applying_again_lines(t, dossier, refusals)]
        return Screen("\n".join(lines), keyboard([back_button(context, cb.COMMITTEE.pack(0, dossier.id))]))
    report = await dossier_report(context, session, coop, dossier=dossier)
    pair = _("{what}: {value}")
    status = stage_status(t, dossier, paris_today(context.now()))  # a label over said so, as the coop's home
    lines = ["🏛 " + bold(title), e(_("Cycle {cycle} · {status}").format(cycle=dossier.cycle, status=status))]
    if report.submitted_on:
        lines.append(submission_line(context, report))
    lines += [
        "",
        *("• " + e(pair.format(what=what, value=value)) for what, value in report.summary),
    ]
    if dossier.admissible_on:
        lines.append(e(_("Admissible on {date}").format(date=format_day(t, dossier.admissible_on))))
    if dossier.labelled_on:
        lines.append(e(_("Labelled on {date}").format(date=format_day(t, dossier.labelled_on))))
    checkpoints = await checkpoints_of(session, dossier.id)
    lines += checkpoint_lines(context, dossier, checkpoints)
    lines += await ready_line(context, session, dossier)  # the coop said it is ready for the visit
    if dossier.status == DossierStatus.LABELLED and (opens := renewal_opens(context, dossier)):
        lines.append("🔄 " + e(_("The renewal can be opened from {date}.").format(date=t.format_date(opens))))
    if dossier.status == DossierStatus.REFUSED:
        refusals = await refusals_of(session, dossier.id)  # the day it gave, as the PDF says it
        heading = _(REFUSED_ON).format(date=format_day(t, refusals[-1][0])) if refusals else _(NOT_RETAINED)
        lines += ["", "⛔ " + bold(heading), e(quoted(t.language, refusals[-1][1] if refusals else "—"))]
    if report.revision is not None:
        lines += ["", revision_text(t, report.revision)]
    lines += incomplete_lines(context, dossier, report)
    rows = decision_rows(context, dossier, checkpoints, complete=not report.gaps)
    if own_coop(context, dossier):
        lines += ["", "ℹ️ " + e(await own_coop_note(context, session, dossier))]
    # issue 14: the coop's bilans d'étape beside the dossier; once its cycle ended (renewed, refused after
    # the visit) still, and the renewal's with them, while there are some: the next cycle is judged on them
    if dossier.status in FOLLOWED or await bilans_to_read(session, dossier):
        rows.append([(_("📝 Checkpoint reports"), cb.COMMITTEE_BILANS.pack(dossier.id))])
    rows += await earlier_cycle_rows(context, session, dossier)  # a renewal: cycle 1's results beside it
    rows.append(
        [
            (_("📄 Review"), cb.COMMITTEE_REVIEW.pack(dossier.id)),
            (_("📄 PDF"), cb.COMMITTEE_PDF.pack(dossier.id)),
        ]
    )
    rows.append(open_app_row(context, dossier=dossier.id))  # read-only, the same page as the coop's
    rows.append([back_button(context, cb.COMMITTEE.pack(0, dossier.id))])  # to the list's page holding it
    return Screen("\n".join(lines), keyboard(*rows))


async def open_list(context: QualiContext, session: AsyncSession, args: tuple) -> Step:
    """The list, at a page (⬅️ ➡️), or at the page holding a dossier (« ⬅️ Back » from it)."""
    held = {"holding": args[1]} if len(args) > 1 else {}
    return Step(Position(states.COMMITTEE, {"page": args[0] if args else 0} | held))


async def open_dossier(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    dossier, _coop = await load_listed(session, int(args[0]))
    return Step(Position(states.COMMITTEE_DOSSIER, {"id": dossier.id}))


async def open_committee(update: Update, context: QualiContext) -> None:
    """/comite: the list of dossiers."""
    if not await require_committee(update, context):
        return
    await open_position(update, context, Position(states.COMMITTEE))


async def committee_review(update: Update, context: QualiContext) -> None:
    """📄 Review / PDF of a coop's dossier, for the committee."""
    if not await require_committee(update, context):
        return
    query = update.callback_query
    review = query.data.startswith(cb.COMMITTEE_REVIEW.prefix + ":")
    try:
        (dossier_id,) = (cb.COMMITTEE_REVIEW if review else cb.COMMITTEE_PDF).unpack(query.data)
        async with context.db.transaction() as session:
            dossier, coop = await load_dossier(session, dossier_id)
            report = await dossier_report(context, session, coop, dossier=dossier, with_letter=not review)
            evidence = await evidence_sections(context, session, coop, dossier)  # as its PDF
    except (ValueError, DossierError) as refused:  # a forged id, a dossier that is not there
        await query.answer(refusal(context, getattr(refused, "code", "not_yours")), show_alert=True)
        return
    await query.answer()
    if review:  # as /recap reads it: sections whole where they fit, a very long dossier shortened
        back, pdf = cb.COMMITTEE_DOSSIER.pack(dossier_id), cb.COMMITTEE_PDF.pack(dossier_id)
        await send_read(update, context, review_of(context, report, evidence), REVIEW_NOTES, back, pdf)
        return
    await update.effective_chat.send_action(ChatAction.UPLOAD_DOCUMENT)
    content = await asyncio.to_thread(render_pdf, report)
    await update.effective_chat.send_document(content, filename=pdf_file_name(report))
    letter = report.letter
    if letter is not None and letter.kind == "other":  # named in the PDF: the file itself follows
        caption = letter_caption(context.t, report.coop_name)
        await update.effective_chat.send_document(letter.content, filename=letter.file_name, caption=caption)


def handlers() -> list:
    """The committee's command and buttons (every one checks the committee role)."""
    return [
        CommandHandler(["comite", "committee"], open_committee),
        button(cb.COMMITTEE, open_list, require_committee),
        button(cb.COMMITTEE_DOSSIER, open_dossier, require_committee),
        on_button(cb.COMMITTEE_REVIEW, committee_review),
        on_button(cb.COMMITTEE_PDF, committee_review),
        on_button(EARLIER_CYCLE, show_earlier_cycle),
    ]
