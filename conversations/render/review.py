"""The whole dossier as chat messages (/recap): HTML sections, put in messages at their borders.

A dossier too long for a few messages (``REVIEW_MESSAGES``) is read with its long texts shortened
(``Shape``: « … », and a line saying where each is whole), its structure whole: every engagement, every
indicator, what is missing. Nothing stored changes: the shortening is the review's only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from conversations.render.commitments.consultations import summary_line
from conversations.render.formatting import FIGURES_UNDATED, colon, quoted
from conversations.render.html import MESSAGE_LIMIT, bold, e, shown_length, split_text
from conversations.render.report import DossierReport, EngagementView, IndicatorView
from locales import N_, translator

# At most 11 messages of the review's text, its buttons the 12th. The bot handles one update at a time and
# Telegram lets a bot send about one message a second in a chat (short bursts allowed): each message of a
# review delays every other user's answer, and a long burst meets 429s (the largest dossier read whole is
# over 600 messages: ten minutes). 12 go out in a few seconds and hold 11 × 4,096 characters: every
# engagement and indicator of the largest dossier allowed (12 engagements × 10 indicators × 10 actions)
# and what it is missing, its long texts shortened; a typical dossier (1 to 4 messages) is read whole.
REVIEW_MESSAGES = 11
READ_MESSAGES = REVIEW_MESSAGES + 1  # a reading with its buttons on its last message (a bilan, the committee)
SHORTENED = N_(
    "✂️ A long dossier: to fit in a few messages, its long texts are shortened here (…). Each one is "
    "whole on its own screen (/dossier) and in the PDF (/pdf)."
)
COUNTED = N_(
    "✂️ A very long dossier: to fit in a few messages, its long texts are shortened here (…), and each "
    "indicator is shown with the number of its actions. Everything is whole on its own screen (/dossier) "
    "and in the PDF (/pdf)."
)
BARE = N_(
    "✂️ A very long dossier: to fit in a few messages, its long texts are shortened here (…), and each "
    "indicator is shown without why it illustrates the Raison d’être and with the number of its actions. "
    "Everything is whole on its own screen (/dossier) and in the PDF (/pdf)."
)
GAPS_BUTTON = N_("📋 What is missing")  # the dossier's home's button to its gaps


@dataclass(frozen=True)
class Shape:
    """How much of each text the review shows: None, whole; a number, at most so many characters."""

    long: int | None = None  # rationales, actions, the approach's answers, the committee's request
    short: int | None = None  # values, who carries an action, documents' labels and file names
    titles: int | None = None  # indicators' titles (the engagements' are the referential's, short: whole)
    rationale: bool = True  # each indicator's « why » (else only on its screen and in the PDF)
    actions: bool = True  # each action on a line, else how many (and how many incomplete)
    evidence: bool = True  # the consultations' results, else a line each (at most ``listed``)
    listed: int | None = None  # the gaps and consultations listed at most, the others counted

    def cut(self, text: str, limit: int | None) -> str:
        """The text whole when it fits, else on one line, cut after a word with « … »."""
        if limit is None or len(text) <= limit:
            return text
        flat = " ".join(text.split())  # every run of spaces and line breaks as one space
        if len(flat) <= limit:
            return flat
        kept = flat[: limit - 1]
        if (space := kept.rfind(" ")) > limit // 2:  # after a whole word when there is one
            kept = kept[:space]
        return kept.rstrip(" ,;:.-") + "…"


WHOLE = Shape()
# from the whole dossier to its bare structure, the first that fits in REVIEW_MESSAGES is sent: long
# texts shortened; then short ones too and the consultations a line each; actions counted; the « why »
# left out; fewer gaps listed; indicators' titles shortened (a coop typing emoji: two units each)
SHAPES = (
    WHOLE,
    Shape(long=600),
    Shape(long=200, short=80, evidence=False),
    Shape(long=80, short=40, actions=False, evidence=False, listed=30),
    Shape(long=80, short=40, rationale=False, actions=False, evidence=False, listed=10),
    Shape(long=80, short=40, titles=80, rationale=False, actions=False, evidence=False, listed=5),
    Shape(long=50, short=20, titles=50, rationale=False, actions=False, evidence=False, listed=5),
)


def review_sections(
    report: DossierReport,
    evidence: list[str] | None = None,
    shape: Shape = WHOLE,
    listing: Callable[[DossierReport, Shape], str] | None = None,
) -> list[str]:
    """The report as HTML sections (where long reviews are split); ``evidence`` (HTML sections, the
    consultations' results) follows the involvement part; ``shape``: how much of each text is shown;
    ``listing``: the consultations a line each, where the shape leaves out results (``consultations``)."""
    labels = report.labels
    title = f"{labels['title']} — {report.coop_name}"
    sections = [f"📄 {bold(title)}\n{e(labels['cycle'])} {report.cycle} · {e(report.status)}"]
    starred = next((en.code for axis in report.axes for en in axis.engagements if en.provisional), None)
    for axis in report.axes:
        heading = f"{labels['axis']} {axis.code} — {axis.title}"
        sections.append(f"{bold(heading)} ({axis.chosen}/{axis.available})")
        sections += [engagement_section(report, en, shape, en.code == starred) for en in axis.engagements]
    involvement = ["👥 " + bold(labels["involvement"])]
    involvement += [
        f"{bold(question)}\n{e(shape.cut(answer, shape.long))}" for question, answer in report.involvement
    ]
    sections.append("\n".join(involvement))
    results = shape.evidence or not report.consultations  # else a line each
    sections += (evidence or []) if results else [(listing or consultations)(report, shape)]
    sections.append(documents_section(report, shape))
    sections.append(gaps_section(report, shape))
    return sections


def engagement_section(report: DossierReport, engagement: EngagementView, shape: Shape, note=False) -> str:
    """An engagement with its indicators, each with its values and its action plan; the first whose title
    is provisional (``note``) says what its asterisk means under its title, as the PDF does."""
    labels = report.labels
    lines = [bold(f"{engagement.code}. {engagement.title}") + ("*" if engagement.provisional else "")]
    lines += [f"<i>{e(labels['provisional_note'])}</i>"] if note else []
    for indicator in engagement.indicators:
        lines += indicator_lines(report, indicator, shape)
    if not engagement.indicators:
        lines.append(f"⚠️ {e(labels['no_indicator'])}")
    return "\n".join(lines)


def indicator_lines(report: DossierReport, indicator: IndicatorView, shape: Shape) -> list[str]:
    """An indicator's lines: its title, why, values, and its actions (or how many there are)."""
    labels, t = report.labels, translator(report.language)
    said, cut, short = colon(t), shape.cut, shape.short
    lines = ["📈 " + bold(cut(indicator.title, shape.titles))]
    if shape.rationale:
        lines.append(f"   {e(labels['rationale'])}{said} {e(cut(indicator.rationale, shape.long))}")
    start, now, target = (cut(v, short) for v in (indicator.start or "", indicator.current, indicator.target))
    figures = f"{now} → {target}"
    if start:  # followed: from where it started, as /progres says it
        figures = t.gettext(FIGURES_UNDATED).format(start=start, latest=now, target=target)
    lines.append(f"   {e(figures)} · {e(labels['target_date'])}{said} {e(indicator.target_date)}")
    if shape.actions:
        for action in indicator.actions:  # what is missing (« à renseigner ⚠️ ») is short: never cut
            owner = cut(action.owner, short) if action.carried else action.owner
            lines.append(f"   • {e(cut(action.description, shape.long))} — {e(owner)} — {e(action.due)}")
    elif indicator.actions:
        count = t.ngettext("{n} action", "{n} actions", n := len(indicator.actions)).format(n=n)
        if incomplete := sum(1 for a in indicator.actions if not (a.dated and a.carried)):
            said = t.ngettext("{n} incomplete", "{n} incomplete", incomplete).format(n=incomplete)
            count += f" (⚠️ {said})"
        lines.append(f"   • {e(count)}")
    if not indicator.actions:
        lines.append(f"   ⚠️ {e(labels['no_action'])}")
    return lines


def consultations(report: DossierReport, shape: Shape) -> str:
    """The consultations, a line each (their results are in the PDF), at most ``shape.listed``."""
    views = report.consultations[: shape.listed]
    lines = ["🗳 " + bold(report.labels["consultations"]), *map(summary_line, views)]
    if more := len(report.consultations) - len(views):
        said = translator(report.language).ngettext(
            "… and {n} more consultation: with its results in the PDF (/pdf).",
            "… and {n} more consultations: with their results in the PDF (/pdf).",
            more,
        )
        lines.append(e(said.format(n=more)))
    return "\n".join(lines)


def documents_section(report: DossierReport, shape: Shape) -> str:
    """The documents attached, each with its kind, label, file name and size."""
    labels, t = report.labels, translator(report.language)
    said, cut = colon(t), shape.cut
    documents = ["📎 " + bold(labels["documents"])]
    documents += [
        f"• {e(a.kind)}{said} {e(quoted(t.language, cut(a.label, shape.short)))}"
        f" ({e(cut(a.file_name, shape.short))}, {e(a.size)})"
        for a in report.attachments
    ]
    if not report.attachments:
        documents.append(e(labels["no_documents"]))
    return "\n".join(documents)


def gaps_section(report: DossierReport, shape: Shape) -> str:
    """What is still missing (at most ``shape.listed`` of it, the rest counted), or that nothing is."""
    labels = report.labels
    if not report.gaps:
        return "✅ " + e(labels["complete"])
    gaps = [f"• {e(gap)}" for gap in report.gaps[: shape.listed]]
    if more := len(report.gaps) - len(gaps):
        t = translator(report.language)
        said = t.ngettext(
            "… and {n} more: under {button} on /dossier, and in the PDF (/pdf).",
            "… and {n} more: each one under {button} on /dossier, and in the PDF (/pdf).",
            more,
        )
        gaps.append(e(said.format(n=more, button=quoted(t.language, t.gettext(GAPS_BUTTON)))))
    return f"⚠️ {bold(labels['missing'])}\n" + "\n".join(gaps)


def review_messages(
    report: DossierReport, sections_of: Callable[[Shape], list[str]], bound: int = REVIEW_MESSAGES
) -> list[str]:
    """The review in at most ``bound`` messages: whole when it fits, else in the first of ``SHAPES``
    that fits (a line under the title says its long texts are shortened, and where they are whole)."""
    return shaped_messages(report.language, sections_of, (SHORTENED, COUNTED, BARE), bound)[1]


def shaped_messages(
    language: str,
    sections_of: Callable[[Shape], list[str]],
    notes: tuple[str, ...],
    bound: int = REVIEW_MESSAGES,
) -> tuple[Shape, list[str]]:
    """Sections in at most ``bound`` messages, and the shape they are in (the review's, a bilan's, the
    committee's readings): ``notes`` under the first line of a shortened one, by shape: long texts
    shortened, actions counted, the « why » left out."""
    t = translator(language)
    for shape in SHAPES:
        sections = sections_of(shape)
        if shape is not WHOLE:
            note = notes[0] if shape.actions else notes[1] if shape.rationale else notes[2]
            sections[0] += "\n" + e(t.gettext(note))
        if shape is not SHAPES[-1] and longer_than(sections, bound * (MESSAGE_LIMIT + 2)):
            continue  # more than ``bound`` messages for sure: not worth putting in messages
        messages = []
        if shape is WHOLE or all(shown_length(section) <= MESSAGE_LIMIT for section in sections):
            messages = in_messages(sections)  # sections whole in a message, as ever
        if shape is not WHOLE and not 0 < len(messages) <= bound:
            messages = packed(sections)  # a section may go on in the next message: fuller messages
        if len(messages) <= bound:
            return shape, messages
    return shape, messages  # the barest shape: the largest dossier allowed fits in it (test_review_large_*)


def longer_than(sections: list[str], most: int) -> bool:
    """Whether the sections end to end are longer than ``most`` units (as Telegram counts them), read
    only as far as needed. Messages of at most MESSAGE_LIMIT units, each dropping at most the break of
    two before it, hold at most ``count × (MESSAGE_LIMIT + 2)`` of them."""
    total = -2
    for section in sections:
        total += shown_length(section) + 2
        if total > most:
            return True
    return False


def in_messages(sections: list[str], limit: int = MESSAGE_LIMIT) -> list[str]:
    """The sections put in as few messages as hold them (as Telegram counts them, once the HTML is
    parsed), each section whole in one where it fits; a longer one (a long answer) is cut as every
    long message is (``split_text``: at a break, its tags closed and opened again), never mid-word."""
    messages: list[str] = []
    for section in sections:
        joined = f"{messages[-1]}\n\n{section}" if messages else section
        if messages and shown_length(joined) <= limit:
            messages[-1] = joined
        elif shown_length(section) <= limit:
            messages.append(section)
        else:
            messages += split_text(section, limit, shown=True)
    return messages


def packed(sections: list[str], limit: int = MESSAGE_LIMIT) -> list[str]:
    """The sections end to end, each message filled block by block (a section may go on in the next
    message, an indicator's indented lines stay with it where they fit): never inside a tag (``blocks``),
    so a message's length is its lines' and breaks'."""
    messages: list[str] = []
    lines: list[str] = []
    used = 0
    for block in blocks("\n\n".join(sections)):
        for line in blocks(block, indented=False) if shown_length(block) > limit else [block]:
            length = shown_length(line)
            if lines and used + 1 + length > limit:
                messages.append("\n".join(lines).strip("\n"))
                lines, used = [], 0
            if not lines and not line:
                continue  # no message starts with a blank line (Telegram would trim it)
            if length > limit:  # a word longer than a message: cut as every long text is, the rest goes on
                *whole, line = split_text(line, limit, shown=True)
                messages += whole
                length = shown_length(line)
            used += length + (1 if lines else 0)
            lines.append(line)
    if lines:
        messages.append("\n".join(lines).strip("\n"))
    return messages


def blocks(text: str, indented: bool = True) -> list[str]:
    """The text's lines, ``indented``: each with the indented lines after it (an indicator's values and
    actions); a tag's lines always as one (a note typed on two lines, in italics): a message cut between
    them would end inside the tag and the next begin with its end tag, which Telegram refuses."""
    found: list[str] = []
    depth = 0  # the tags open (what is typed is escaped: every « < » is a tag's)
    for line in text.split("\n"):
        if depth > 0 or (indented and found and found[-1] and line.startswith(" ")):
            found[-1] += "\n" + line
        else:
            found.append(line)
        depth += line.count("<") - 2 * line.count("</")
    return found
