"""A consultation's comments, all of them: its screen shows the first few; the rest, read nowhere else in the
chat (the PDF holds them), come a page at a time, each page one message, every comment whole."""

from __future__ import annotations

from conversations.render.commitments.consultations import COMMENTS_ON_SCREEN, ConsultationView, shortened
from conversations.render.formatting import quoted, shorten
from conversations.render.html import MESSAGE_LIMIT, bold, e, escaped_within, italic, units
from conversations.ui import callbacks as cb
from conversations.ui.common import back_button, home_button, page_in, page_turns
from conversations.ui.context import QualiContext
from conversations.ui.messages import Button, Screen, keyboard
from locales import N_
from models.tables import Consultation

ALL_COMMENTS = N_("💬 All the comments ({n})")
BETWEEN_COMMENTS = "\n\n"
TURN_UNITS = 40  # « Page 12/13 » below a page of comments, and the lines around it


def more_comments(
    context: QualiContext, consultation: Consultation, view: ConsultationView
) -> tuple[list[str], list[list[Button]]]:
    """Under the first comments on a consultation's screen, how many more and « 💬 All the comments »;
    with none more, how many of them are shortened there, and the same button to read them whole."""
    more = len(view.comments) - COMMENTS_ON_SCREEN
    cut = shortened(view.comments[:COMMENTS_ON_SCREEN])
    if more > 0:
        said = context.t.ngettext(
            "… {n} more comment: read it with the button below",
            "… {n} more comments: read them with the button below",
            more,
        ).format(n=context.t.format_number(more))
    elif cut:
        said = context.t.ngettext(
            "{n} comment is shortened here: read it whole with the button below",
            "{n} comments are shortened here: read them whole with the button below",
            cut,
        ).format(n=context.t.format_number(cut))
    else:
        return [], []
    label = context._(ALL_COMMENTS).format(n=context.t.format_number(len(view.comments)))
    return [italic(said)], [[(label, cb.CONSULT_COMMENTS.pack(consultation.id))]]


def comment_entries(context: QualiContext, comments: tuple[str, ...], room: int) -> list[tuple[str, str]]:
    """Each comment numbered, as HTML, whole when a page holds it; one longer as HTML than a page (« & »
    is five) cut to the page with a note, and given whole as well (the entry's second part)."""
    language, note = context.t.language, " " + italic(context._("(cut here: the whole comment follows)"))
    entries = []
    for n, text in enumerate(comments, 1):
        whole = f"{n}. " + e(quoted(language, text))
        if units(whole) <= room:
            entries.append((whole, ""))
            continue
        kept = escaped_within(text, room - units(f"{n}. " + quoted(language, "") + note))
        entries.append((f"{n}. " + quoted(language, kept) + note, text))
    return entries


def comment_pages(entries: list[tuple[str, str]], room: int) -> list[list[tuple[str, str]]]:
    """The entries in order, as many a page as ``room`` holds (each entry fits one alone)."""
    pages: list[list[tuple[str, str]]] = [[]]
    used = 0
    for entry in entries:
        size = units(BETWEEN_COMMENTS) + units(entry[0])
        if pages[-1] and used + size > room:
            pages.append([])
            used = 0
        pages[-1].append(entry)
        used += size
    return pages


def comments_screen(
    context: QualiContext, consultation: Consultation, view: ConsultationView, wanted: object
) -> Screen:
    """💬 All the comments, numbered, a message a page (⬅️ ➡️); one cut on its page follows whole, plain."""
    count = f" ({context.t.format_number(len(view.comments))})" if view.comments else ""
    head = "\n".join(
        [
            "🗳 " + bold(quoted(context.t.language, shorten(view.question, 120))),
            "💬 " + bold(view.labels["comments"] + count),
        ]
    )
    room = MESSAGE_LIMIT - units(head) - TURN_UNITS
    entries = comment_entries(context, view.comments, room - units(BETWEEN_COMMENTS))
    pages = comment_pages(entries, room)
    page = page_in(len(pages), wanted, 1)
    shown = pages[page.number]
    turn_lines, turn_row = page_turns(context, page, lambda n: cb.CONSULT_COMMENTS.pack(consultation.id, n))
    body = BETWEEN_COMMENTS.join(line for line, _whole in shown) or italic(view.labels["no_comment"])
    text = "\n".join([head + BETWEEN_COMMENTS + body, *turn_lines])
    back = back_button(context, cb.CONSULTATION.pack(consultation.id))
    return Screen(text, keyboard(turn_row, [back, home_button(context)]), tuple(w for _line, w in shown if w))
