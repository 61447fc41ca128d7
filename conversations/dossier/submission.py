"""Submitting the dossier to the validation committee, and who is told."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.dossier.letter.news import render_letter_file
from conversations.render.fields import FIELDS
from conversations.render.formatting import quoted, shorten
from conversations.render.html import bold, e
from conversations.render.notifications import (
    LETTER_FILE,
    NEW_CYCLE,
    SUBMITTED,
    SUBMITTED_COMMITTEE,
    moment_said,
    name_or_former_member,
    named,
    names_of,
    new_cycle_text,
    not_in_the_pdf,
)
from conversations.ui import callbacks as cb
from conversations.ui import common, states
from conversations.ui.common import cancel_button
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard
from conversations.ui.router import Step, button, member_dossier, screen, where_now
from locales import N_
from models.chat_state import Position
from models.coops import coop_users
from models.dossier.attachments import attachments_of, letter_of
from models.dossier.changes import edits_after, last_entry_id, last_marked_ready, revision_against_request
from models.dossier.reads import dossier_of_member, read_snapshot
from models.dossier.record import latest_version
from models.dossier.rules import dossier_gaps
from models.dossier.submission import ChangedMeanwhile, dossier_content, submit_dossier
from models.label.meetings import next_meeting_at
from models.outbox import enqueue
from models.tables import AttachmentKind, DossierStatus, FederationRoleName
from models.users import federation_ids, first_name_of

DIRECTION_ONLY = N_(
    "Only a member of the direction can submit the dossier. "
    "Ask your director, or ask the federation for a direction invitation."
)
ONCE_SENT = N_(
    "Once sent, the dossier can no longer be changed by the coop; the committee may ask for more information."
)
# « ✅ Yes, submit » pressed on a confirmation drawn before a change (a colleague's): not what was read;
# every change since being the visitor's own (the Mini App, another device), said without a colleague
CHANGED_SINCE_SHOWN = N_(
    "The dossier changed after this confirmation was shown, perhaps by a colleague: nothing was submitted."
)
YOU_CHANGED_SINCE = N_("The dossier changed after this confirmation was shown: nothing was submitted.")
# a button from before it carried the version: whether the dossier changed is not known, only its age
OLDER_CONFIRMATION = N_(
    "This confirmation came from an older screen: check what will be sent, then confirm again."
)
# any change puts a dossier marked ready back to draft (models.dossier.writes.touch_dossier): what the
# direction submits is what was checked and marked ready since the last change, as on the home
DRAFT_AGAIN = N_(
    "The dossier is no longer marked ready, since it changed: read it again (📄 Review), "
    "then mark it ready (✅ Mark as ready) to submit it."
)
DRAFT_AGAIN_NEWS = N_(  # refused on reading: the same dossier, no new cycle (``home.reapply``)
    "{name} prepared a new candidacy of {coop}: the dossier is a draft again, to improve with /dossier."
)
# what the direction submits: marked ready, or asked more of by the committee (submitted again as it is)
SUBMITTABLE = (DossierStatus.READY, DossierStatus.INFO_REQUESTED)
EDITS_SHOWN = 3  # the changes named; the others counted
DID = {  # what someone did to a part of the dossier: said of a colleague (or a former member), and of you
    "update": (N_("{name} changed {part} {when}."), N_("You changed {part} {when}.")),
    "create": (N_("{name} added {part} {when}."), N_("You added {part} {when}.")),
    "delete": (N_("{name} removed {part} {when}."), N_("You removed {part} {when}.")),
    "ready": (N_("{name} marked the dossier ready {when}."), N_("You marked the dossier ready {when}.")),
}
DID["choose"], DID["drop"] = DID["create"], DID["delete"]
PARTS = {
    "engagement": N_("engagement {name}"),
    "indicator": N_("the indicator {name}"),
    "action": N_("the action {name}"),
    "attachment": N_("the document {name}"),
    AttachmentKind.COMMITMENT_LETTER.value: N_("the commitment letter {name}"),
}
OF_PART = {  # a row's texts changed: « « Valeur cible » de l’indicateur « … » », « … du document « … » »
    "indicator": N_("{fields} of the indicator {name}"),
    "action": N_("{fields} of the action {name}"),
    "attachment": N_("{fields} of the document {name}"),
}


def meeting_text(context: QualiContext) -> str:
    """The date of the next quarterly committee meeting, in the visitor's language."""
    return context.t.format_date(next_meeting_at(context.now(), context.bot_data.committee_dates), "full")


def what_is_sent(context: QualiContext, snapshot) -> list[str]:
    """« 8 engagements », « 9 indicateurs et 12 actions »… each counted in its language's plural."""
    t = context.t
    engagements, indicators = len(snapshot.chosen), len(snapshot.indicators)
    actions = sum(len(snapshot.actions_of(i.id)) for i in snapshot.indicators)
    supporting = sum(1 for a in snapshot.attachments if a.kind == AttachmentKind.SUPPORTING)
    documents = t.ngettext("{n} supporting document", "{n} supporting documents", supporting)
    items = [
        t.ngettext("{n} engagement", "{n} engagements", engagements).format(n=engagements),
        t.gettext("{indicators} and {actions}").format(
            indicators=t.ngettext("{n} indicator", "{n} indicators", indicators).format(n=indicators),
            actions=t.ngettext("{n} action", "{n} actions", actions).format(n=actions),
        ),
        t.gettext("the approach and involvement part"),
        t.gettext("the commitment letter and {documents}").format(documents=documents.format(n=supporting))
        if supporting
        else t.gettext("the commitment letter"),
    ]
    return ["• " + e(item) for item in items]


@screen(states.SUBMIT)
async def confirm_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """What will be sent, and what submitting means, before the confirmation."""
    _ = context._
    dossier = await member_dossier(context, session)
    snapshot = await read_snapshot(session, dossier)
    lines = [
        "📤 " + bold(_("Submit to the validation committee")),
        "",
        e(_("You are about to send:")),
        *what_is_sent(context, snapshot),
        "",
        "⚠️ " + e(_(ONCE_SENT)),
        e(_("Next committee meeting: {date}.").format(date=meeting_text(context))),
    ]
    content = dossier_content(snapshot, await attachments_of(session, dossier.id))
    revision = await revision_against_request(session, dossier, content)
    if revision is not None and not revision.changes:  # sent again as the committee read it
        unchanged = _(
            "Nothing changed since the version the committee read when it asked for more information."
        )
        lines[2:2] = ["⚠️ " + e(unchanged), ""]
    yes = (_("✅ Yes, submit"), cb.CONFIRM_SUBMIT.pack(dossier.id, dossier.version))
    return Screen("\n".join(lines), keyboard([yes, cancel_button(context, cb.HOME.pack())]))


def part_text(t, edit) -> str:
    """The part changed: « Démarche et objectifs », « Valeur cible » de l’indicateur « … », l’engagement 3."""
    labels = {spec.name: spec.label for spec in FIELDS.get(edit.entity, ())}
    fields = names_of(t, [quoted(t.language, t.gettext(labels.get(f, f))) for f in edit.fields])
    if edit.entity == "dossier":
        return fields
    name = quoted(t.language, shorten(edit.name, 60)) if edit.name else ""
    name = str(edit.entity_id) if edit.entity == "engagement" else name  # its number
    if edit.fields and edit.entity in OF_PART:
        return t.gettext(OF_PART[edit.entity]).format(fields=fields, name=name).strip()
    return t.gettext(PARTS.get(edit.kind, PARTS[edit.entity])).format(name=name).strip()


async def edit_line(context: QualiContext, session: AsyncSession, edit) -> str:
    """« Bob changed “Approach and objectives” at 14:32. »: who did what to which part, and when."""
    t = context.t
    said, yours = DID[edit.action]
    words = {"part": part_text(t, edit), "when": moment_said(t, edit.at, context.now())}
    if edit.actor_id is not None and edit.actor_id == context.visitor.user.id:
        return t.gettext(yours).format(**words)
    # an erased person's entries point to a former member, never named; nobody for the CLI
    name = name_or_former_member(t, await first_name_of(session, edit.actor_id))
    return t.gettext(said).format(name=name if edit.actor_id is not None else t.gettext("Someone"), **words)


async def edits_text(context: QualiContext, session: AsyncSession, dossier, after: int | None) -> list[str]:
    """What was changed since an audit entry: the first few changes named, the others counted."""
    if after is None:  # a screen drawn before it kept what it had seen
        return []
    edits = await edits_after(session, dossier, after)
    lines = ["• " + e(await edit_line(context, session, edit)) for edit in edits[:EDITS_SHOWN]]
    if (more := len(edits) - EDITS_SHOWN) > 0:
        others = context.t.ngettext("… and {n} other change.", "… and {n} other changes.", more)
        lines.append(e(others.format(n=more)))
    return lines


async def refusal(context: QualiContext, session: AsyncSession, dossier) -> Step | None:
    """Why this visitor cannot submit this dossier now, as the step to show; None if they can."""
    if not context.visitor.is_direction:
        return Step(Position(states.HOME), "⛔ " + e(context._(DIRECTION_ONLY)))
    if dossier_gaps(context.referential, await read_snapshot(session, dossier)):
        return Step(Position("gaps"), "⛔ " + e(context._("The dossier cannot be submitted yet:")))
    if dossier.status not in SUBMITTABLE:  # home: « 📄 Review » and « ✅ Mark as ready »
        return Step(Position(states.HOME), "⚠️ " + e(context._(DRAFT_AGAIN)))
    return None


def may_submit(context: QualiContext, dossier, complete: bool) -> bool:
    """Whether the visitor is offered « 📤 Submit »: the direction, a complete dossier (a new referential may
    leave one marked ready short) marked ready or asked more of (kept so: ``writes.mark_ready``)."""
    return context.visitor.is_direction and complete and dossier.status in SUBMITTABLE


async def confirmation(session: AsyncSession) -> Step:
    """The confirmation, keeping the audit trail's last entry it has seen (to name what changes after)."""
    return Step(Position(states.SUBMIT, {"seen": await last_entry_id(session)}))


async def ask_submit(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """📤 Submit: only the direction, a complete dossier marked ready (or asked more of by the committee);
    then the confirmation. An older button on a dossier changed since it was marked ready names them."""
    dossier = await dossier_of_member(session, int(args[0]), context.coop_id)
    refused = await refusal(context, session, dossier)
    if refused is None:
        return await confirmation(session)
    if refused.position.screen == states.HOME and context.visitor.is_direction:  # not marked ready
        edits = await edits_text(context, session, dossier, await last_marked_ready(session, dossier))
        return Step(refused.position, "\n".join([refused.notice, *edits]))
    return refused


async def confirm_submit(context: QualiContext, session: AsyncSession, args: list[str]) -> Step:
    """✅ Yes, submit: freeze the dossier, store its version, then tell everyone concerned; unless it
    changed since the confirmation (its version): then what changed since it was drawn, and the confirmation
    again, or what is missing, or (back to draft) the way to mark it ready again; submitted since: by whom."""
    dossier = await dossier_of_member(session, int(args[0]), context.coop_id, for_edit=False)
    if dossier.status == DossierStatus.SUBMITTED:  # a colleague's press came first (or this one, twice)
        return await already_submitted(context, session, dossier)
    dossier = await dossier_of_member(session, dossier.id, context.coop_id)  # else closed: refused so
    refused = await refusal(context, session, dossier)
    stale = len(args) < 2 or args[1] != dossier.version  # its version moved since the confirmation
    why = CHANGED_SINCE_SHOWN if len(args) > 1 else OLDER_CONFIRMATION
    if stale and context.visitor.is_direction:
        return await shown_again(context, session, dossier, why)
    if refused is not None:
        return refused
    try:
        version = await submit_dossier(
            session, dossier, context.visitor.member, context.referential, now=context.now()
        )
    except ChangedMeanwhile:  # a colleague's change committed between the read and the freeze (elsewhere)
        await session.refresh(dossier)
        if dossier.status == DossierStatus.SUBMITTED:  # that change the submission itself (a double tap)
            return await already_submitted(context, session, dossier)
        return await shown_again(context, session, dossier, CHANGED_SINCE_SHOWN)
    # the news goes out through the outbox, written in this same transaction: never lost
    me, team = context.visitor.user.id, await coop_users(session, dossier.coop_id, active_only=False)
    colleagues = [u.id for u in team if u.is_active and u.id != me]
    news = {"name": context.visitor.user.first_name, "by": me, "coop": context.visitor.coop.name}
    await enqueue(session, colleagues, SUBMITTED, news, now=context.now())
    # the committee's news, to who may judge the dossier: none of its team (the submitter, a colleague on
    # the committee), told above as such, decides on their own coop (committee.choices.own_coop)
    committee = set(await federation_ids(session, FederationRoleName.COMMITTEE)) - {u.id for u in team}
    about = {"dossier_id": dossier.id, "version": version.version}
    await enqueue(session, committee, SUBMITTED_COMMITTEE, about, now=context.now())
    letter = await letter_of(session, dossier.id)
    if letter is not None and not_in_the_pdf(letter.mime_type):  # the file itself follows the PDF
        await enqueue(session, committee, LETTER_FILE, about, now=context.now())
    notice = "📤 " + e(
        context._(
            "The dossier was submitted to the validation committee. Next committee meeting: {date}."
        ).format(date=meeting_text(context))
    )
    return Step(Position(states.HOME), notice)


async def already_submitted(context: QualiContext, session: AsyncSession, dossier) -> Step:
    """« ✅ Yes, submit » on a dossier submitted since: by whom and when (its last version), then the home."""
    version = await latest_version(session, dossier.id)
    if version is None:  # no version stored (a status set by hand): said as any closed dossier is
        return Step(Position(states.HOME), "🔒 " + e(common.refusal(context, "with_committee")))
    when = moment_said(context.t, version.submitted_at, context.now())
    if version.submitted_by == context.visitor.user.id:
        said = context._("You already submitted the dossier to the validation committee {when}.")
    else:
        said = context._("The dossier was already submitted to the validation committee by {name} {when}.")
    name = name_or_former_member(context.t, await first_name_of(session, version.submitted_by))
    return Step(Position(states.HOME), "🔒 " + e(said.format(name=name, when=when)))


async def render_new_cycle(t, session: AsyncSession, data: dict, services) -> tuple:
    """The news of a new candidacy (``home.reapply``): a new cycle, or the same dossier a ``draft`` again."""
    draft = "📝 " + e(t.gettext(DRAFT_AGAIN_NEWS).format(name=named(t, data), coop=data["coop"]))
    return (draft if data.get("draft") else new_cycle_text(t, data)), None, None


NOTICES = {LETTER_FILE: render_letter_file, NEW_CYCLE: render_new_cycle}


async def shown_again(context: QualiContext, session: AsyncSession, dossier, why: str) -> Step:
    """Nothing submitted, the dossier having changed since its confirmation: why (no « perhaps a colleague »
    when every change is the visitor's own), what changed, then the confirmation again (or what is
    missing, or how to mark it ready again)."""
    shown = (await where_now(context, session)).position  # the confirmation pressed: not out of date
    seen = shown.data.get("seen") if shown.screen == states.SUBMIT else None
    actors = {edit.actor_id for edit in await edits_after(session, dossier, seen)} if seen is not None else ()
    why = YOU_CHANGED_SINCE if why == CHANGED_SINCE_SHOWN and actors == {context.visitor.user.id} else why
    edits = await edits_text(context, session, dossier, seen)
    step = await refusal(context, session, dossier) or await confirmation(session)
    return Step(step.position, "\n".join(filter(None, ["⚠️ " + e(context._(why)), *edits, step.notice])))


def handlers() -> list:
    """Submission buttons."""
    return [button(cb.SUBMIT, ask_submit), button(cb.CONFIRM_SUBMIT, confirm_submit)]
