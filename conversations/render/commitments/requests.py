"""Requests to the federation as people read them: subjects, messages, the inbox's lines."""

from __future__ import annotations

from datetime import date

from conversations.render.formatting import shorten
from conversations.render.html import bold, e, italic
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
SHOWN_MESSAGES = 12  # the latest ones, after the first; the rest is in the audit trail and the export


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


def message_lines(t: Translator, messages: list[RequestMessage], names: dict[int, str]) -> list[str]:
    """The thread as HTML: its first message (the question, always), then the latest ones; who,
    when, the text, the file."""
    hidden = max(0, len(messages) - 1 - SHOWN_MESSAGES)
    shown = [messages[0], *messages[1 + hidden :]] if messages else []
    lines = []
    for index, message in enumerate(shown):
        if index == 1 and hidden:
            earlier = t.ngettext("… {n} message in between", "… {n} messages in between", hidden)
            lines += ["", italic(earlier.format(n=t.format_number(hidden)))]
        when = t.format_datetime(message.created_at)
        lines += ["", f"{e(author_label(t, message, names))} · {italic(when)}", e(message.text)]
        if message.file_name:
            lines.append(f"📎 {e(message.file_name)} ({e(file_size(t, message.size))})")
    return lines


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
