"""Requests to the federation as people read them: subjects, messages, the inbox's lines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from conversations.render.formatting import shorten
from conversations.render.html import MESSAGE_LIMIT, bold, e, italic, units
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
# a page's messages (in UTF-16 units, as Telegram counts): one Telegram message with the screen's heading
# and a notice; a single message longer than that still makes a page, over two Telegram messages
PAGE_UNITS = MESSAGE_LIMIT - 600


def subject_label(t: Translator, thread: RequestThread) -> str:
    """The subject in words (with its emoji)."""
    return t.gettext(SUBJECTS.get(thread.subject, SUBJECTS["other"]))


def author_label(t: Translator, message: RequestMessage, names: dict[int, str]) -> str:
    """« 🏛 Federation » or the coop member's first name (« former member » once erased)."""
    if message.from_federation:
        return "🏛 " + t.gettext("Federation")
    return "👤 " + (names.get(message.author_id) or t.gettext(FORMER_MEMBER))


def file_size(t: Translator, size: int) -> str:
    """350 kB / 1.2 MB, the reader's way."""
    if size >= 1024 * 1024:
        return t.gettext("{n} MB").format(n=t.format_number(round(size / 1024 / 1024, 1)))
    return t.gettext("{n} kB").format(n=t.format_number(max(1, round(size / 1024))))


def held_file_lines(t: Translator, file: dict | None, *, reply: bool = False) -> list[str]:
    """The file sent at a question, which goes with the text typed next (``federation.request_files``)."""
    if not file:
        return []
    if reply:
        said = t.gettext("📎 {name} ({size}) goes with your reply.")
    else:
        said = t.gettext("📎 {name} ({size}) goes with your message.")
    return [e(said.format(name=file["name"], size=file_size(t, file["size"])))]


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
        lines.append(f"📎 {e(message.file_name)} ({e(file_size(t, message.size))})")
    return lines


def thread_windows(sizes: list[int]) -> list[range]:
    """Which messages after the first each page shows, the latest page first: as many as fit in one
    Telegram message (``PAGE_UNITS``, the first message counted on the pages showing it), at most
    ``SHOWN_MESSAGES``, at least one."""
    windows: list[range] = []
    stop = len(sizes)
    while stop > 1:
        room = PAGE_UNITS - (sizes[0] if not windows else 0)  # the latest page always shows the question
        start, used = stop - 1, 0
        while start >= 1 and stop - start <= SHOWN_MESSAGES:
            cost = sizes[start] + (sizes[0] if start == 1 and windows else 0)
            if used and used + cost > room:
                break
            used, start = used + cost, start - 1
        windows.append(range(start + 1, stop))
        stop = start + 1
    return windows or [range(1, 1)]


def thread_page(
    t: Translator, messages: list[RequestMessage], names: dict[int, str], page: int = 0
) -> ThreadPage:
    """A page of the thread as HTML, going back from the latest: the latest page shows the first
    message (the question, always) then the latest ones; an older page, its messages between
    « … n earlier » and « … n later » (the oldest page starts with the question)."""
    if not messages:
        return ThreadPage([], 0, 1, [])
    blocks = [message_block(t, message, names) for message in messages]
    windows = thread_windows([units("\n".join(block)) + 1 for block in blocks])
    page = min(max(page, 0), len(windows) - 1)
    window = windows[page]
    lines: list[str] = []
    if page == 0 or window.start == 1:
        lines += blocks[0]
    if window.start > 1:
        before = window.start - (1 if page == 0 else 0)  # the latest page shows the question above
        if page == 0:
            said = t.ngettext("… {n} message in between", "… {n} messages in between", before)
        else:
            said = t.ngettext("… {n} earlier message", "… {n} earlier messages", before)
        lines += ["", italic(said.format(n=t.format_number(before)))]
    for index in window:
        lines += blocks[index]
    if after := len(messages) - window.stop:
        said = t.ngettext("… {n} later message", "… {n} later messages", after)
        lines += ["", italic(said.format(n=t.format_number(after)))]
    shown = ([messages[0]] if page == 0 or window.start == 1 else []) + [messages[i] for i in window]
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
