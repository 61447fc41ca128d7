"""The screens of a consultation's preparation: the question, who is asked, until when, the preview.

What each button and answer does is in ``preparation``.
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.consultation.listing import of_direction, public_link
from conversations.render.commitments.consultations import audience_text, choices_line, question_text
from conversations.render.commitments.words import colon
from conversations.render.formatting import quoted
from conversations.render.html import bold, e, italic
from conversations.render.notifications import moment_said, name_or_former_member
from conversations.ui import callbacks as cb
from conversations.ui import states
from conversations.ui.common import back_button, home_button
from conversations.ui.context import QualiContext
from conversations.ui.messages import Screen, keyboard
from conversations.ui.router import screen
from locales import N_
from models.clock import paris_time
from models.consultations.drafts import earlier_own, is_untouched, lacks_choices, last_change
from models.consultations.reach import members_to_ask
from models.consultations.store import choices_of, closing_bounds, dossier_of_opening
from models.tables import Consultation, Dossier
from models.users import first_name_of

# « ✅ Open » pressed on a preview drawn before the draft changed (a fellow director's edit): nothing opens
CHANGED_BY = N_(
    "{name} changed this draft {when}, after this preview was shown: the consultation was not opened. "
    "Check it below, then open it."
)
CHANGED = N_(
    "This draft changed after this preview was shown, perhaps by a colleague: the consultation was not "
    "opened. Check it below, then open it."
)
# a preview drawn before it kept what it showed: whether the draft changed is not known, only its age
OLDER_PREVIEW = N_(
    "This preview was out of date: the consultation was not opened. Check it below, then open it."
)
# « 🗑 Delete the draft » pressed on a preview drawn before the draft changed: nothing deleted
NOT_DELETED = (
    N_(
        "This preview was out of date: the draft was not deleted. Check it below, then delete it if you wish."
    ),
    N_(
        "This draft changed after this preview was shown, perhaps by a colleague: it was not deleted. "
        "Check it below, then delete it if you wish."
    ),
    N_(
        "{name} changed this draft {when}, after this preview was shown: it was not deleted. "
        "Check it below, then delete it if you wish."
    ),
)
# a preview's choices when one's own question has none yet (typed after « ⭐ The engagements »)
NO_CHOICES_YET = N_("none yet: type 2 to 8 before opening it")
UNTIL = N_("✏️ Until")  # the preview's button to the closing day
# the committee reads the consultations of a submitted dossier marked so (``render.evidence_when``)
AFTER_SUBMISSION = N_(
    "Your dossier was submitted on {date}: this consultation will be marked “opened after the dossier was "
    "submitted”."
)


def step(context: QualiContext, n: int, title: str) -> str:
    """« 🗳 New consultation · Step n/4 » and the question of the step."""
    where = context._("New consultation · Step {n}/4").format(n=n)
    return f"🗳 {e(where)}\n\n{bold(title)}"


async def changed_since_shown(
    context: QualiContext,
    session: AsyncSession,
    consultation: Consultation,
    seen: int | None,
    words: tuple[str, str, str] = (OLDER_PREVIEW, CHANGED, CHANGED_BY),
) -> str:
    """Why a preview's « ✅ Open » opened nothing (or, in ``NOT_DELETED``'s words, its « 🗑 Delete the
    draft » deleted nothing): who changed the draft and when, if the audit knows."""
    older, changed, changed_by = words
    if seen is None:
        return context._(older)
    change = await last_change(session, consultation)
    if change is None or change.actor_id in (None, context.visitor.user.id):
        return context._(changed)
    t, now = context.t, context.now()
    name = name_or_former_member(t, await first_name_of(session, change.actor_id))
    return context._(changed_by).format(name=name, when=moment_said(t, change.at, now))


async def draft(context: QualiContext, session: AsyncSession, data: dict) -> Consultation:
    """The draft a position is about, if the visitor is its coop's direction."""
    return await of_direction(context, session, int(data["id"]))


# « ⭐ The engagements » in place of one's own question: kept (``earlier_own``), offered back
OWN_KEPT = N_("Your question {question} is kept: “✏️ My own question” offers it back.")


@screen(states.CONSULT_KIND)
async def kind_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Step 1: the default question about the engagements, or one's own; the one chosen marked, and one's
    own question said kept while the engagements are chosen."""
    _ = context._
    consultation = await draft(context, session, data)
    lines = [
        step(context, 1, _("Which question?")),
        "⭐ "
        + e(_("The default question: « {question} », with the 12 engagements as choices.")).format(
            question=e(_("Which engagements matter most to you?"))
        ),
        "✏️ " + e(_("Or your own question, with 2 to 8 choices.")),
    ]
    lang = context.t.language
    chosen = not await is_untouched(session, consultation)  # a new draft: nothing chosen, nothing marked
    own = consultation.question is not None
    if own:
        now = _("Now: your own question {question}").format(question=quoted(lang, consultation.question))
        lines += ["", "✅ " + e(now)]
    elif chosen:
        lines += ["", "✅ " + e(_("Now: the default question."))]
        if (kept := (await earlier_own(session, consultation))[0]) is not None:
            lines.append("ℹ️ " + e(_(OWN_KEPT).format(question=quoted(lang, kept))))
    mark = lambda on: ("✅ " if on else "⬜ ") if chosen else ""  # noqa: E731
    cid = consultation.id
    return Screen(
        "\n".join(lines),
        keyboard(
            [(mark(not own) + _("⭐ The engagements"), cb.CONSULT_DEFAULT.pack(cid))],
            [(mark(own) + _("✏️ My own question"), cb.CONSULT_FREE.pack(cid))],
            [back_button(context, cb.CONSULTATIONS.pack()), home_button(context)],
        ),
    )


@screen(states.CONSULT_QUESTION)
async def question_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Step 1: one's own question, typed; the one it has (or had, before « ⭐ »), shown to keep."""
    _ = context._
    consultation = await draft(context, session, data)
    lines = [step(context, 1, _("Your question?"))]
    current = consultation.question or (await earlier_own(session, consultation))[0]
    if current:
        now = _("Now: {question}") if consultation.question else _("Your question before: {question}")
        lines.append(e(now.format(question=quoted(context.t.language, current))))
    lines.append(italic(_("e.g. Which day suits you best for our general assembly?")))
    keep = [(_("✅ Keep"), cb.CONSULT_KEEP_QUESTION.pack(consultation.id))] if current else []
    back = [back_button(context, cb.CONSULT_KIND.pack(consultation.id)), home_button(context)]
    return Screen("\n".join(lines), keyboard(keep, back))


@screen(states.CONSULT_CHOICES)
async def choices_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Step 1: the choices of one's own question, one per line; the ones it has (or had), shown to keep."""
    _ = context._
    consultation = await draft(context, session, data)
    lines = [
        step(context, 1, _("The choices, one per line (2 to 8)?")),
        e(quoted(context.t.language, question_text(context.t, consultation))),
    ]
    choices = choices_of(consultation) or (await earlier_own(session, consultation))[1]
    if choices:
        now = _("Now: {choices}") if choices_of(consultation) else _("Your choices before: {choices}")
        lines.append(e(now.format(choices=" · ".join(choices))))
    lines.append(italic(_("e.g.") + "\n" + _("Tuesday evening") + "\n" + _("Saturday morning")))
    keep = [(_("✅ Keep"), cb.CONSULT_KEEP_CHOICES.pack(consultation.id))] if choices else []
    back = [back_button(context, cb.CONSULT_FREE.pack(consultation.id)), home_button(context)]
    return Screen("\n".join(lines), keyboard(keep, back))


@screen(states.CONSULT_AUDIENCE)
async def audience_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Step 2: the coop's members in the assistant, a public link for coopérateurs, or both."""
    _ = context._
    consultation = await draft(context, session, data)
    # the colleagues the opening will invite, as it then says (« n members will be invited »)
    colleagues = len(await members_to_ask(session, consultation.coop_id) - {context.visitor.user.id})
    mark = lambda on: "✅" if on else "⬜"  # noqa: E731
    lines = [
        step(context, 2, _("Who is asked?")),
        f"{mark(consultation.for_members)} 👥 "
        + e(
            context.t.ngettext(
                "All the members of the coop in the assistant: you and {n} colleague",
                "All the members of the coop in the assistant: you and {n} colleagues",
                colleagues,
            ).format(n=colleagues)
            if colleagues
            else _("All the members of the coop in the assistant: no other member of the coop uses it yet")
        ),
        f"{mark(consultation.public_token)} 🔗 "
        + e(
            _("A public link for coopérateurs who are not in the assistant: it opens this consultation only.")
        ),
    ]
    cid = consultation.id
    # the previous question: one's own choices (« ✅ Keep » of its question leads there), or Step 1
    previous = cb.CONSULT_KEEP_QUESTION.pack(cid) if consultation.question else cb.CONSULT_KIND.pack(cid)
    return Screen(
        "\n".join(lines),
        keyboard(
            [
                (
                    f"{mark(consultation.for_members)} 👥 " + _("Members"),
                    cb.CONSULT_AUDIENCE.pack(cid, "m", int(not consultation.for_members)),
                ),
                (
                    f"{mark(consultation.public_token)} 🔗 " + _("Public link"),
                    cb.CONSULT_AUDIENCE.pack(cid, "l", int(not consultation.public_token)),
                ),
            ],
            [(_("➡️ Continue"), cb.CONSULT_CLOSING.pack(cid))],
            [back_button(context, previous), home_button(context)],
        ),
    )


@screen(states.CONSULT_CLOSING)
async def closing_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Step 3: until which day people can answer."""
    _ = context._
    consultation = await draft(context, session, data)
    earliest, _latest = closing_bounds(context.now())
    example = context.t.format_date(earliest, "dd/MM/y")
    lines = [step(context, 3, _("Until which day can people answer?"))]
    if passed := closing_passed(context, consultation):  # never offered to keep: a new day, asked
        lines.append("⚠️ " + e(passed))
    text = "\n".join([*lines, italic(_("e.g. {date}").format(date=example))])
    keep = _("✅ Keep {date}").format(date=context.t.format_date(consultation.closes_on))
    return Screen(
        text,
        keyboard(
            [] if passed else [(keep, cb.CONSULT_KEEP_CLOSING.pack(consultation.id))],
            [
                back_button(
                    context, cb.CONSULT_AUDIENCE.pack(consultation.id, "m", int(consultation.for_members))
                ),
                home_button(context),
            ],
        ),
    )


def closing_passed(context: QualiContext, consultation: Consultation) -> str:
    """Why a draft's closing day can no longer be kept (a draft kept while the day came or passed), or ""."""
    earliest, _latest = closing_bounds(context.now())
    day = context.t.format_date(consultation.closes_on, "full")
    if consultation.closes_on >= earliest:
        return ""
    if consultation.closes_on < earliest - timedelta(days=1):
        return context._("Its closing day, {date}, has passed: type a new one.").format(date=day)
    return context._(
        "Its closing day, {date}, is today: a consultation stays open until tomorrow at least. Type a "
        "new one."
    ).format(date=day)


@screen(states.CONSULT_PREVIEW)
async def preview_screen(context: QualiContext, session: AsyncSession, data: dict) -> Screen:
    """Step 4: everything at a glance, then open (or change a part, or delete the draft)."""
    _ = context._
    consultation = await draft(context, session, data)
    said = choices_line(context.t, context.referential, consultation)  # the note on « * » titles below them
    choices = "⚠️ " + e(_(NO_CHOICES_YET)) if lacks_choices(consultation) else said
    lang = context.t.language
    sep = colon(lang)
    lines = [
        step(context, 4, _("Check, then open the consultation")),
        bold(_("Question")) + sep + e(quoted(lang, question_text(context.t, consultation))),
        bold(_("Choices")) + sep + choices,  # whole: the direction checks them here
        bold(_("Who is asked")) + sep + e(audience_text(context.t, consultation)),
        bold(_("Closing")) + sep + e(context.t.format_date(consultation.closes_on, "full")),  # « Clôture : »
    ]
    if closing_passed(context, consultation):  # « ✅ Open » would ask another day: said before
        said = _("This day can no longer be kept: choose another with {button}.").format(button=_(UNTIL))
        lines.append("⚠️ " + e(said))
    if link := public_link(context, consultation):
        lines += ["", e(_("Public link, to share once the consultation is open:")), e(link)]
    dossier = await session.get(Dossier, await dossier_of_opening(session, consultation))  # if opened now
    if dossier is not None and dossier.submitted_at is not None:
        submitted = context.t.format_date(paris_time(dossier.submitted_at).date())
        lines += ["", "ℹ️ " + e(_(AFTER_SUBMISSION).format(date=submitted))]
    cid = consultation.id
    return Screen(
        "\n".join(lines),
        keyboard(
            [(_("✅ Open the consultation"), cb.CONSULT_OPEN.pack(cid))],
            [
                (_("✏️ Question"), cb.CONSULT_KIND.pack(cid)),
                (_("✏️ Who"), cb.CONSULT_AUDIENCE.pack(cid, "m", int(consultation.for_members))),
            ],
            [(_(UNTIL), cb.CONSULT_CLOSING.pack(cid))],
            [(_("🗑 Delete the draft"), cb.CONSULT_DELETE.pack(cid))],
            [back_button(context, cb.CONSULTATIONS.pack()), home_button(context)],
        ),
    )
