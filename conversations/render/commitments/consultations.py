"""A consultation's question and results as the coop reads them: in the chat and in the review."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from conversations.render.formatting import format_percent, quoted, shorten
from conversations.render.html import bold, e, italic
from locales import N_, Translator, translator
from models.clock import paris_time
from models.consultations.answers import RESULTS_FLOOR, Results
from models.consultations.store import choices_of, state_of
from models.referential.model import Referential
from models.tables import Consultation, ConsultationStatus

DEFAULT_QUESTION = N_("Which engagements matter most to you?")
COMMENTS_ON_SCREEN = 5
COMMENT_CHARS = 200  # a comment among the results, beyond which it is shortened (read whole elsewhere)
LABELS = {
    "heading": N_("Consultations of the staff and the coopérateurs"),
    "question": N_("Question"),
    "choice": N_("Choice"),
    "votes": N_("Votes"),
    "share": N_("Share of answers"),
    "comments": N_("Comments"),
    "no_comment": N_("No comment."),
    "chart_title": N_("Answers per choice"),
}


@dataclass(frozen=True)
class ConsultationView:
    """One consultation with its results, every text in the reader's language."""

    language: str
    question: str
    when: str  # « open until … », « closed on … »
    audience: str
    participation: str  # « 12 answers out of 30 people reached (40 %) »
    choices: tuple[tuple[str, int, str], ...]  # (label, votes, share of answers)
    comments: tuple[str, ...]
    labels: dict[str, str]
    note: str = ""  # under the votes when they show provisional engagement titles (« * »)


def votes_text(view: ConsultationView, votes: int) -> str:
    """A choice's votes as the reader counts: « 1 137 » in French, « 1,137 » in English."""
    return translator(view.language).format_number(votes)


def percent(t: Translator, part: int, whole: int) -> str:
    """« 40 % » / « 40% » (0 when nobody answered), rounded half up as people expect, but never all nor
    none when it is not so (as the dashboard): there, one decimal toward the middle, 199 of 200 « 99,5 % »,
    1 of 201 « 0,5 % », 1 of 200,000 « 0,1 % »."""
    rounded = (200 * part + whole) // (2 * whole) if whole else 0  # half up: 1/8 is 13 %
    if rounded == 100 and part < whole:
        return format_percent(t, Decimal(min(999, 1000 * part // whole)) / 10)  # rounded down
    if rounded == 0 and part > 0:
        return format_percent(t, Decimal(max(1, -(-1000 * part // whole))) / 10)  # rounded up
    return format_percent(t, rounded)


def question_text(t: Translator, consultation: Consultation) -> str:
    """The question as asked (the default one in the reader's language)."""
    return consultation.question or t.gettext(DEFAULT_QUESTION)


def choice_labels(t: Translator, referential: Referential, consultation: Consultation) -> list[str]:
    """The choices in ballot order: the free question's, or « n. engagement title », a provisional title
    starred as everywhere else (``provisional_note`` says what the star means)."""
    free = choices_of(consultation)
    if free:
        return free
    return [f"{x.code}. {x.title.get(t.language)}{x.star}" for x in referential.engagements]


EMOJI = ("So", "Sk", "Cf", "Mn")  # what the fonts of the PDF and the chart have no glyph for: emoji, joiners


def numbered_if_alike(labels: list[str]) -> list[str]:
    """Choices numbered as on the ballot when two print alike: « Réunion 🌞 » and « Réunion 🌙 » are two
    choices, but the PDF and the chart print no emoji (« 1. Réunion », « 2. Réunion »)."""
    printed = [
        " ".join("".join(c for c in label if unicodedata.category(c) not in EMOJI).split())
        for label in labels
    ]
    if len(set(printed)) == len(printed):
        return labels
    return [f"{n}. {label}" for n, label in enumerate(labels, 1)]


def provisional_note(t: Translator, referential: Referential, consultation: Consultation) -> str:
    """What the star of a provisional engagement title means, when the choices are the engagements and
    some of their titles are provisional ("" otherwise): the review's and the PDF's own words."""
    from conversations.render.report import REPORT_LABELS  # here: report imports this module

    if choices_of(consultation) or not referential.has_provisional:
        return ""
    return t.gettext(REPORT_LABELS["provisional_note"])


def choices_line(t: Translator, referential: Referential, consultation: Consultation) -> str:
    """The choices on one line as HTML (a draft's preview), the note on provisional titles below them."""
    note = provisional_note(t, referential, consultation)
    return e(" · ".join(choice_labels(t, referential, consultation))) + (f"\n{italic(note)}" if note else "")


def when_text(t: Translator, consultation: Consultation, now: datetime) -> str:
    """Where the consultation stands, with its date."""
    state = state_of(consultation, now)
    if state == ConsultationStatus.DRAFT:
        return t.gettext("Draft, not opened yet")
    if state == ConsultationStatus.OPEN:
        return t.gettext("Open until {date}").format(date=t.format_date(consultation.closes_on))
    return t.gettext("Closed on {date}").format(date=t.format_date(closed_day(consultation)))


def closed_day(consultation: Consultation) -> date:
    """The day it closed, in Paris as every date the product shows: at 00:30 on the 15th is the 15th
    (UTC: the 14th); its closing day when the direction did not close it early."""
    return paris_time(consultation.closed_at).date() if consultation.closed_at else consultation.closes_on


def evidence_when(t: Translator, consultation: Consultation, results: Results, now: datetime) -> str:
    """When it was opened and closes (or closed); one opened after the dossier's submission says so,
    and while it runs its figures say on which day they were read."""
    if consultation.opened_at is None:
        return when_text(t, consultation, now)
    opened = t.format_date(paris_time(consultation.opened_at).date())
    if state_of(consultation, now) == ConsultationStatus.OPEN:
        until = t.format_date(consultation.closes_on)
        parts = [t.gettext("Opened on {opened}, open until {date}").format(opened=opened, date=until)]
    else:
        closed = t.format_date(closed_day(consultation))
        parts = [t.gettext("Opened on {opened}, closed on {date}").format(opened=opened, date=closed)]
    if results.submitted_before is not None:
        submitted = t.format_date(paris_time(results.submitted_before).date())
        parts.append(t.gettext("opened after the dossier was submitted ({date})").format(date=submitted))
    if state_of(consultation, now) == ConsultationStatus.OPEN:
        parts.append(t.gettext("figures as of {date}").format(date=t.format_date(paris_time(now).date())))
    return " · ".join(parts)


def back_to_ballot(t: Translator, coop_name: str, command: str) -> str:
    """For someone who came through a consultation's public link only, on /cancel, /help, /start, or a
    language chosen: what they are here for, then their ballot again (what they ticked and wrote kept)."""
    if command == "help":
        text = t.gettext(
            "You are here to answer the consultation of {coop}: tick one or more choices, add a comment "
            "if you wish, then press 📨 Send my answer. Your answer is anonymous."
        )
    elif command == "start":
        text = t.gettext(
            "Welcome back. What you ticked and wrote is kept: here is the consultation of {coop}."
        )
    elif command == "language":
        text = t.gettext("What you ticked and wrote is kept: here is the consultation of {coop}.")
    else:
        text = t.gettext("Stopped. What you ticked and wrote is kept: here is the consultation of {coop}.")
    return "ℹ️ " + e(text.format(coop=coop_name))


def audience_text(t: Translator, consultation: Consultation) -> str:
    """Who was asked: the coop's members in the bot, a public link, or both."""
    parts = []
    if consultation.for_members:
        parts.append(t.gettext("all the members of the coop in the assistant"))
    if consultation.public_token or consultation.via_link:  # the link withdrawn, the audience stays
        parts.append(t.gettext("coopérateurs through a public link"))
    return ", ".join(parts) or "—"


def hidden_because(t: Translator, consultation: Consultation, results: Results, now: datetime) -> str:
    """Why the votes and comments are not shown (empty: they are): a consultation still open shows its
    participation only, for the direction as for everyone (whoever watched the counts move would know
    what the last one chose); a closed one needs RESULTS_FLOOR answers (or who said what is guessed)."""
    if state_of(consultation, now) != ConsultationStatus.CLOSED:
        return t.gettext("results at closing")
    if not results.shown:
        return t.ngettext(
            "results visible from {n} answer", "results visible from {n} answers", RESULTS_FLOOR
        ).format(n=RESULTS_FLOOR)
    return ""


def consultation_view(
    t: Translator, referential: Referential, consultation: Consultation, results: Results, now: datetime
) -> ConsultationView:
    """The consultation and its anonymous results for a reader of ``t``'s language."""
    # two numbers, two agreements: « 1 réponse sur 1 personne consultée », « 2 réponses sur 5 personnes »;
    # written as the votes beside them are, « 1 137 réponses sur 1 500 personnes »
    reached = t.ngettext("{n} person reached", "{n} people reached", results.reached)
    reached = reached.format(n=t.format_number(results.reached))
    participation = t.ngettext(
        "{n} answer out of {reached} ({rate})",
        "{n} answers out of {reached} ({rate})",
        results.answered,
    ).format(
        n=t.format_number(results.answered),
        reached=reached,
        rate=percent(t, results.answered, results.reached),
    )
    labels = numbered_if_alike(choice_labels(t, referential, consultation))
    texts = {key: t.gettext(message) for key, message in LABELS.items()}
    hidden = hidden_because(t, consultation, results, now)
    if hidden:  # neither counts nor comments: the reason instead, in the chat, the review and the PDF
        participation, labels = f"{participation} · {hidden}", []
        texts["no_comment"] = hidden[:1].upper() + hidden[1:] + "."
    return ConsultationView(
        language=t.language,
        question=question_text(t, consultation),
        when=evidence_when(t, consultation, results, now),
        audience=audience_text(t, consultation),
        participation=participation,
        choices=tuple(
            (label, votes, percent(t, votes, results.answered))
            for label, votes in zip(labels, results.votes, strict=False)
        ),
        comments=() if hidden else results.comments,
        labels=texts,
        note=provisional_note(t, referential, consultation) if labels else "",
    )


def results_lines(view: ConsultationView) -> list[str]:
    """The results as HTML lines: participation, votes per choice, the comments given (the screen gives
    its first ones), each shortened to COMMENT_CHARS (the screen offers them whole, ``shortened``)."""
    lines = votes_lines(view)
    if view.comments:
        lines += ["", "💬 " + bold(view.labels["comments"])]
        lines += [e(quoted(view.language, shorten(text, COMMENT_CHARS))) for text in view.comments]
    return lines


def votes_lines(view: ConsultationView) -> list[str]:
    """Participation, then the votes per choice, as HTML lines (and what a star among them means)."""
    lines = [e(view.participation)]
    lines += [
        f"• {e(label)} — {bold(votes_text(view, votes))} ({e(share)})" for label, votes, share in view.choices
    ]
    return lines + ([italic(view.note)] if view.note else [])


def shortened(comments: tuple[str, ...]) -> int:
    """How many of these comments ``results_lines`` shortens (longer than COMMENT_CHARS, once its
    spaces and line breaks are made one space, as they are shown)."""
    return sum(len(shorten(text, len(text))) > COMMENT_CHARS for text in comments)


def evidence_section(views: list[ConsultationView], heading: str) -> str:
    """The consultations as one section of the dossier's review (evidence of involvement): every comment
    whole and numbered, as the committee reads them nowhere else in the chat (the review's messages cut a
    long section at a line break, each message within Telegram's limit)."""
    lines = ["🗳 " + bold(heading)]
    for view in views:
        lines += [
            "",
            bold(quoted(view.language, view.question)),
            e(f"{view.when} · {view.audience}"),
            *votes_lines(view),
        ]
        if view.comments:
            count = translator(view.language).format_number(len(view.comments))
            lines += ["", "💬 " + bold(f"{view.labels['comments']} ({count})")]
            lines += [f"{n}. " + e(quoted(view.language, text)) for n, text in enumerate(view.comments, 1)]
    return "\n".join(lines)


def summary_line(view: ConsultationView) -> str:
    """One line per consultation on the involvement part: the question, its state, participation."""
    question = quoted(view.language, shorten(view.question, 70))
    return f"🗳 {e(question)} — {e(view.when)} · {e(view.participation)}"


NOT_OPEN_YET = N_("This consultation is not open yet: open this link again once the coop has opened it.")
UNKNOWN_LINK = N_("This consultation link is not recognised. Check that you opened the whole link.")
CLOSED_LINK = N_("This consultation is closed: thank you for your interest.")


def link_refusal(t: Translator, consultation: Consultation | None, state: ConsultationStatus | None) -> str:
    """Why a consultation's public link, tapped (/start c_…) or pasted, shows no ballot ("": it does)."""
    if state == ConsultationStatus.DRAFT:  # shared from its preview before the direction opened it
        return "ℹ️ " + e(t.gettext(NOT_OPEN_YET))
    if consultation is None:
        return "⚠️ " + e(t.gettext(UNKNOWN_LINK))
    return "" if state == ConsultationStatus.OPEN else "ℹ️ " + e(t.gettext(CLOSED_LINK))
