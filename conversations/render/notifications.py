"""What the outbox's messages say, in each recipient's language."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_time
from babel.lists import format_list

from conversations.render.formatting import LATE_STEP, event_name, format_moment, quoted
from conversations.render.html import bold, e
from conversations.render.report import LETTER_KINDS, DossierReport
from locales import N_, Translator
from models.clock import PARIS, as_utc, paris_time
from models.label.lifecycle import timeline
from models.privacy.erase import erased_in

SUBMITTED, SUBMITTED_COMMITTEE, DECISION = "submitted", "submitted_committee", "decision"
LETTER_FILE = "letter_file"  # the committee's copy of a letter its PDF cannot reproduce (a Word file)
NEW_CYCLE = "new_cycle"  # the direction prepared a new candidacy as a new cycle: its colleagues are told
READY_NEWS = "dossier_ready"  # a member marked the dossier ready: the direction is told (it submits)
LETTER_ASKED = "letter_asked"  # a member asks the direction for its commitment letter
LETTER_ADDED = "letter_added"  # the direction added the letter: the coop's other members are told
# true whether the direction never came or erased its data (« yet » would say it never came)
NO_DIRECTION = N_(
    "Nobody from your direction is in the assistant: ask the federation for a direction invitation "
    "with /federation."
)
TIME_PATTERNS = {"fr": "H 'h' mm", "en": "HH:mm"}  # « 9 h 05 », "09:05", as ux.md writes a time
A_FORMER_MEMBER = N_("A former member")  # whom a piece of news named, once they erased their data


def named(t: Translator, data: dict) -> str:
    """Whom a piece of news names, at its sentence's start: their first name, or « Un ancien membre »,
    in the reader's language, once they erased their data (``erase`` left its mark in the payload)."""
    return t.gettext(A_FORMER_MEMBER) if erased_in(data) else data["name"]


def name_or_former_member(t: Translator, first_name: str | None) -> str:
    """Who acted, at a sentence's start: their first name (``models.users.first_name_of``), or « Un ancien
    membre » in the reader's language when none is known (they erased their data)."""
    return first_name or t.gettext(A_FORMER_MEMBER)


def names_of(t: Translator, names: list[str]) -> str:
    """« Dominique et Claude », "Dominique and Claude"."""
    return format_list(names, locale=t.locale)


def time_of_day(t: Translator, instant: datetime) -> str:
    """An instant's time of day in Paris: « 9 h 05 », "09:05"."""
    return format_time(as_utc(instant), TIME_PATTERNS[t.language], tzinfo=PARIS, locale=t.locale)


def moment_said(t: Translator, at: datetime, now: datetime) -> str:
    """« à 14 h 32 » the same day (Paris), else « le mardi 1er décembre 2026 à 14 h 32 »."""
    if paris_time(at).date() == paris_time(now).date():
        return t.gettext("at {time}").format(time=time_of_day(t, at))
    return t.gettext("on {moment}").format(moment=format_moment(t, at))


def told_text(t: Translator, names: list[str], by_direction: bool) -> str:
    """« The direction was told: Dominique and Claude. », or where to find a direction when none is here."""
    if names:
        return e(t.gettext("The direction was told: {names}.").format(names=names_of(t, names)))
    return "" if by_direction else "⚠️ " + e(t.gettext(NO_DIRECTION))


def told_earlier_text(t: Translator, at: datetime) -> str:
    """Marked ready again the same day: the direction was told once already, and when."""
    said = t.gettext(
        "The direction was already told today at {time} that the dossier is ready: once a day at most."
    )
    return "ℹ️ " + e(said.format(time=time_of_day(t, at)))


def new_cycle_text(t: Translator, data: dict) -> str:
    """To the coop's other members: the new dossier after a label not granted."""
    news = t.gettext(
        "{name} prepared a new candidacy of {coop}: a new dossier (cycle {cycle}) with your engagements "
        "and indicators, to complete with /dossier."
    )
    return "📝 " + e(news.format(name=named(t, data), coop=data["coop"], cycle=data["cycle"]))


def not_in_the_pdf(mime_type: str | None) -> bool:
    """A letter the PDF can only name (a Word or spreadsheet file): its reader needs the file itself."""
    return (mime_type or "") not in LETTER_KINDS


def letter_caption(t: Translator, coop_name: str) -> str:
    """Said with the letter's file: whose letter it is, and why it comes on its own."""
    said = t.gettext(
        "Commitment letter of the direction of {coop}: the PDF of the dossier cannot reproduce it."
    )
    return "📎 " + e(said.format(coop=coop_name))


NEWS = {  # what every member reads; the direction reads DIRECTION_NEWS's instead, where there is one
    "request_info": N_(  # the direction submits (submission.may_submit); a member marks it ready
        "The validation committee asks for more information. Your dossier is open again: "
        "complete it, then mark it as ready; your direction will submit it again."
    ),
    "declare_admissible": N_(
        "The validation committee declared your dossier admissible on {date}. You have until {visit} to "
        "put your approach in place (the committee visits by then); checkpoints on {six} and {twelve}."
    ),
    "refuse": N_(
        "The validation committee did not retain your candidacy. Your direction may prepare a new one "
        "from /dossier, for a later committee: everything you wrote is kept."
    ),
    "refuse_label": N_(
        "The validation committee did not grant the label after its visit. Your direction may prepare a "
        "new candidacy from /dossier: a new dossier with your engagements and indicators."
    ),
    "record_checkpoint": N_("The validation committee recorded your checkpoint of {date}."),
    # which checkpoint, said in the sentence: « …du 25 mai 2027 : Point d’étape à 6 mois. » put its
    # name, capital and all, mid-sentence
    "record_checkpoint:six_months": N_(
        "The validation committee recorded your 6-month checkpoint, held on {date}."
    ),
    "record_checkpoint:twelve_months": N_(
        "The validation committee recorded your 12-month checkpoint, held on {date}."
    ),
    "record_visit": N_("The validation committee recorded its visit of {date}."),
    "grant_label": N_(
        "Congratulations! The validation committee granted the Quali’Coop label on {date}, for 3 years."
    ),
    "record_mid_term": N_(
        "The validation committee recorded the mid-term checkpoint of your label ({date})."
    ),
    "open_renewal": N_(
        "The renewal of your label is open: a new dossier (cycle {cycle}) is ready, "
        "with your engagements and indicators."
    ),
}
DIRECTION_NEWS = {  # the direction is told what it does itself: it submits, it prepares a new candidacy
    "request_info": N_(
        "The validation committee asks for more information. Your dossier is open again: "
        "complete it, then submit it again."
    ),
    "refuse": N_(
        "The validation committee did not retain your candidacy. You may prepare a new one "
        "from /dossier, for a later committee: everything you wrote is kept."
    ),
    "refuse_label": N_(
        "The validation committee did not grant the label after its visit. You may prepare a "
        "new candidacy from /dossier: a new dossier with your engagements and indicators."
    ),
}


def submitted_text(t: Translator, data: dict) -> str:
    """To the coop's members: a colleague submitted the dossier."""
    news = t.gettext(
        "{name} submitted the Quali’Coop dossier of {coop} to the validation committee. "
        "It is now read-only; you will be told of the committee’s decision."
    )
    return "📤 " + e(news.format(name=named(t, data), coop=data["coop"]))


def submitted_caption(t: Translator, report: DossierReport) -> str:
    """To the committee: the caption of the submitted dossier's PDF (a resubmission says what changed)."""
    if report.revision is None:
        news = t.gettext("New dossier submitted: {coop} (cycle {cycle}).")
        return "📥 " + e(news.format(coop=report.coop_name, cycle=report.cycle))
    news = t.gettext(
        "Dossier submitted again after your request for more information: {coop} (cycle {cycle})."
    )
    count = len(report.revision.changes)
    if not count:  # no appendix to point at
        unchanged = t.gettext("Nothing changed since the version you read.")
        return "📥 " + e(news.format(coop=report.coop_name, cycle=report.cycle)) + "\n" + e(unchanged)
    changes = t.ngettext(
        "{n} change since the version you read: see the appendix of the PDF.",
        "{n} changes since the version you read: see the appendix of the PDF.",
        count,
    )
    return (
        "📥 " + e(news.format(coop=report.coop_name, cycle=report.cycle)) + "\n" + e(changes.format(n=count))
    )


# a coop with no direction (its last one left): nobody to « submit it again », marking it ready is what is
# left (its home then points to /federation)
HEADLESS_NEWS = {
    "request_info": N_(
        "The validation committee asks for more information. Your dossier is open again: "
        "complete it, then mark it as ready."
    ),
    "refuse": N_(
        "The validation committee did not retain your candidacy. Only a direction can prepare a new one, and "
        "nobody from your coop’s direction is in the assistant any more: ask the federation for a direction "
        "invitation with /federation. Everything you wrote is kept."
    ),
    "refuse_label": N_(
        "The validation committee did not grant the label after its visit. Only a direction can prepare a "
        "new candidacy, and nobody from your coop’s direction is in the assistant any more: ask the "
        "federation for a direction invitation with /federation."
    ),
}
# who reads a decision's news (``decision_text``): the words of its next step
READERS = {
    "direction": {**NEWS, **DIRECTION_NEWS},
    "member": NEWS,
    "headless": {**NEWS, **HEADLESS_NEWS},
    None: {**NEWS, "request_info": DIRECTION_NEWS["request_info"]},  # queued before 6 December 2026: as then
}


# an admissibility dated back (recorded at a later meeting): by how many of its steps' days (the 6- and
# 12-month checkpoints, the visit, in that order) had passed on the day it was recorded; each is said
# after it as the home and /calendrier say a step overdue (« ⏳ … due on …, not recorded yet »)
ADMISSIBLE_LATE = {
    1: N_(
        "The validation committee declared your dossier admissible on {date}. You have until {visit} to "
        "put your approach in place (the committee visits by then); next checkpoint on {twelve}."
    ),
    2: N_(
        "The validation committee declared your dossier admissible on {date}. You have until {visit} to "
        "put your approach in place (the committee visits by then)."
    ),
    3: N_("The validation committee declared your dossier admissible on {date}."),
}


def decision_text(t: Translator, data: dict, *, reader: str | None = "member") -> str:
    """To a member of the coop: the committee's decision, with its comment; the next step said as their
    role allows (``reader``, of READERS: the direction submits and prepares a new candidacy)."""
    kind = data["transition"]
    named = f"{kind}:{data.get('checkpoint')}"  # a checkpoint is named since 3 December 2026
    on = date.fromisoformat(data["date"])
    # the steps' dates, not « 18 months from now »: an admissibility recorded late has less time left
    steps = timeline(on, None)
    six, twelve, visit = (t.format_date(day) for _kind, day in steps)
    said = READERS.get(reader, NEWS)
    # the day it was recorded (older news carry none: as then): a step due before it is not « ahead »
    recorded = date.fromisoformat(data["recorded"]) if data.get("recorded") else on
    passed = [(step, day) for step, day in steps if day < recorded] if kind == "declare_admissible" else []
    words = ADMISSIBLE_LATE[len(passed)] if passed else said.get(named, said[kind])
    news = t.gettext(words).format(
        date=t.format_date(on), cycle=data.get("cycle", ""), six=six, twelve=twelve, visit=visit
    )
    text = "🏛 " + bold(t.gettext("Validation committee")) + f"\n{e(news)}"
    for step, day in passed:
        late = t.gettext(LATE_STEP.get(step, LATE_STEP[""]))
        text += "\n⏳ " + e(late.format(event=event_name(t, step), date=t.format_date(day, "long")))
    if data.get("closed"):  # an early visit: the interim checkpoints not held are no longer due
        closed = N_(
            "The checkpoints not held before it are closed: no checkpoint report is expected for them."
        )
        text += "\n" + e(t.gettext(closed))
    if data.get("draft_unsent"):  # the coop's bilan for it stayed a draft: not lost, said where it is
        unsent = N_(
            "Your checkpoint report for it was not sent: its draft stays readable in “📚 Previous reports”."
        )
        text += "\n" + e(t.gettext(unsent))
    if data.get("comment"):
        text += "\n\n" + e(quoted(t.language, data["comment"]))
    return text


def ready_text(t: Translator, data: dict, meeting: date) -> str:
    """To the direction: a colleague marked the dossier ready; the direction reviews and submits it."""
    news = t.gettext(
        "{name} marked the Quali’Coop dossier of {coop} as ready to submit. Review it, then submit it "
        "to the validation committee: its next meeting is on {date}."
    )
    date_text = t.format_date(meeting, "full")
    return "📋 " + e(news.format(name=named(t, data), coop=data["coop"], date=date_text))


def letter_asked_text(t: Translator, data: dict) -> str:
    """To the direction: a colleague asks for the commitment letter, which only the direction gives."""
    news = t.gettext(
        "{name} asks you for the commitment letter of the direction, for the Quali’Coop dossier of "
        "{coop}. Only the direction can provide it, and the dossier cannot be submitted without it."
    )
    lines = ["📨 " + e(news.format(name=named(t, data), coop=data["coop"]))]
    if data.get("only"):
        lines.append(e(t.gettext("It is the last thing missing from the dossier.")))
    how = t.gettext(
        "Press “Add the commitment letter” below, then send the signed letter: a PDF, or photos of its pages."
    )
    return "\n".join([*lines, e(how)])


def letter_added_text(t: Translator, data: dict) -> str:
    """To the coop's other members: the direction added its letter (what is left, if anything)."""
    news = t.gettext(
        "{name} added the commitment letter of the direction to the Quali’Coop dossier of {coop}."
    )
    if data.get("complete"):
        then = t.gettext("Everything is complete: the dossier can be marked ready.")
    else:
        then = t.gettext("Some parts are still to complete: see “What is missing” in the dossier.")
    return "📎 " + e(news.format(name=named(t, data), coop=data["coop"])) + "\n" + e(then)
