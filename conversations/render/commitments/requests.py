"""Requests to the federation as people read them: subjects, messages, the inbox's lines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from conversations.render.formatting import shorten
from conversations.render.html import MESSAGE_LIMIT, bold, e, italic, units
from conversations.render.report import format_size
from locales import N_, Translator
from models.clock import paris_time
from models.tables import RequestMessage, RequestStatus, RequestThread

SUBJECTS = {
    "dossier": N_("📁 The dossier"),
    "indicators": N_("📊 Indicators"),
    "checkpoint": N_("📍 A checkpoint"),
    "other": N_("💬 Something else"),
}
STATUS_MARKS = {RequestStatus.DRAFT: "✏️", RequestStatus.OPEN: "🟠", RequestStatus.CLOSED: "✅"}
FORMER_MEMBER = N_("former member")
SHOWN_MESSAGES = 12  # a thread's messages on one page at most (its screen pages back through the rest)
# a page's messages (in UTF-16 units of their HTML, as Telegram counts): one Telegram message with the
# screen's heading and a notice, so that turning a page edits it in place; only a single message longer
# than that (its text escaped: 3,000 « & ») still makes a page over two Telegram messages
PAGE_UNITS = MESSAGE_LIMIT - 600
QUESTION_CUT = 300  # characters of a long question shown on the latest page, when it does not fit whole


def subject_label(t: Translator, thread: RequestThread) -> str:
    """The subject in words (with its emoji)."""
    return t.gettext(SUBJECTS.get(thread.subject, SUBJECTS["other"]))


def author_label(t: Translator, message: RequestMessage, names: dict[int, str]) -> str:
    """« 🏛 Federation » or the coop member's first name (« former member » once erased)."""
    if message.from_federation:
        return "🏛 " + t.gettext("Federation")
    return "👤 " + (names.get(message.author_id) or t.gettext(FORMER_MEMBER))


def held_file_lines(t: Translator, file: dict | None, *, reply: bool = False) -> list[str]:
    """The file sent at a question, which goes with the text typed next (``federation.request_files``)."""
    if not file:
        return []
    if reply:
        said = t.gettext("📎 {name} ({size}) goes with your reply.")
    else:
        said = t.gettext("📎 {name} ({size}) goes with your message.")
    return [e(said.format(name=file["name"], size=format_size(t, file["size"])))]


@dataclass(frozen=True)
class ThreadPage:
    """A page of a thread's messages: ``page`` from 0 (the latest) among ``pages``, as HTML lines."""

    lines: list[str]
    page: int
    pages: int
    shown: list[RequestMessage]  # the messages on it (their files get a button)


def message_block(t: Translator, message: RequestMessage, names: dict[int, str]) -> list[str]:
    """One message as HTML: who, when, the text, the file."""
    when = t.format_datetime(message.created_at)
    lines = ["", f"{e(author_label(t, message, names))} · {italic(when)}", e(message.text)]
    if message.file_name:
        lines.append(f"📎 {e(message.file_name)} ({e(format_size(t, message.size))})")
    return lines


@dataclass(frozen=True)
class Window:
    """What a page shows: which messages after the first (``messages``), and the first one, the question:
    ``WHOLE``, ``CUT`` (its start, the whole of it on the oldest page) or not at all."""

    messages: range
    question: str = ""


WHOLE, CUT = "whole", "cut"


def fitting(sizes: list[int], stop: int, room: int) -> int:
    """Where a page ending before message ``stop`` starts: as many messages (after the question) as fit
    in ``room``, at most ``SHOWN_MESSAGES``; ``stop`` when none does."""
    start, used = stop, 0
    while start > 1 and stop - start < SHOWN_MESSAGES and used + sizes[start - 1] <= room:
        start, used = start - 1, used + sizes[start - 1]
    return start


def thread_windows(sizes: list[int], cut: int) -> list[Window]:
    """The pages of a thread, the latest first, each fitting one Telegram message (``PAGE_UNITS``): the
    latest shows the question whole with the latest messages, or its start (``cut`` units) when not one
    message fits with it whole; the oldest page starts with the whole question, alone if the message after
    it does not fit with it; the pages between, as many messages as fit (one, however long)."""
    windows: list[Window] = []
    stop = len(sizes)
    while True:
        start = fitting(sizes, stop, PAGE_UNITS - sizes[0])
        if start == 1 or (not windows and start < stop):  # the oldest page, or the latest with it whole
            windows.append(Window(range(start, stop), WHOLE))
            if start == 1:
                return windows
        elif not windows:  # the latest page: the question's start, and at least the latest message
            start = min(fitting(sizes, stop, PAGE_UNITS - cut), stop - 1)
            windows.append(Window(range(start, stop), CUT))
        else:
            windows.append(Window(range(min(fitting(sizes, stop, PAGE_UNITS), stop - 1), stop)))
        stop = windows[-1].messages.start


def question_cut(t: Translator, message: RequestMessage, names: dict[int, str]) -> list[str]:
    """The question's start, on the latest page when it does not fit there whole: where to read it all."""
    block = message_block(t, message, names)
    block[2] = e(shorten(message.text, QUESTION_CUT))
    said = t.gettext("Shortened: the whole question is with the first messages (“⬆️ Earlier messages”).")
    return [*block[:3], italic(said), *block[3:]]


def thread_page(
    t: Translator, messages: list[RequestMessage], names: dict[int, str], page: int = 0
) -> ThreadPage:
    """A page of the thread as HTML, going back from the latest: the latest page shows the first
    message (the question, its start when too long) then the latest ones; an older page, its messages
    between « … n earlier » and « … n later » (the oldest page starts with the whole question)."""
    if not messages:
        return ThreadPage([], 0, 1, [])
    blocks = [message_block(t, message, names) for message in messages]
    cut = question_cut(t, messages[0], names)
    windows = thread_windows([units("\n".join(block)) + 1 for block in blocks], units("\n".join(cut)) + 1)
    page = min(max(page, 0), len(windows) - 1)
    window = windows[page]
    lines = {WHOLE: blocks[0], CUT: cut}.get(window.question, [])
    # the messages before this page's: between the question and them, or before them (the question too)
    before = window.messages.start - (1 if window.question else 0)
    if before:
        if window.question:
            said = t.ngettext("… {n} message in between", "… {n} messages in between", before)
        else:
            said = t.ngettext("… {n} earlier message", "… {n} earlier messages", before)
        lines = [*lines, "", italic(said.format(n=t.format_number(before)))]
    for index in window.messages:
        lines = [*lines, *blocks[index]]
    if after := len(messages) - window.messages.stop:
        said = t.ngettext("… {n} later message", "… {n} later messages", after)
        lines = [*lines, "", italic(said.format(n=t.format_number(after)))]
    shown = ([messages[0]] if window.question else []) + [messages[i] for i in window.messages]
    return ThreadPage(lines, page, len(windows), shown)


def day_label(t: Translator, day: date, today: date) -> str:
    """« 3 Dec », with its year when not this year's (« 3 Dec 2025 »)."""
    return t.format_date(day, "d MMM" if day.year == today.year else "d MMM y")


def thread_line(t: Translator, thread: RequestThread, last: RequestMessage | None, today: date) -> str:
    """One request in a list: its state, subject, day and the start of its last message."""
    mark = STATUS_MARKS[RequestStatus(thread.status)]
    preview = shorten(last.text, 60) if last is not None else ""
    day = day_label(t, paris_time(thread.updated_at).date(), today)
    return f"{mark} {bold(subject_label(t, thread))} — {e(day)} · {e(preview)}"


def waiting_mark(last: RequestMessage | None, thread: RequestThread) -> str:
    """⏳ when an open request's last word is the coop's: the federation owes an answer."""
    waiting = thread.status == RequestStatus.OPEN and last is not None and not last.from_federation
    return "⏳ " if waiting else ""
