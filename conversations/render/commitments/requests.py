"""Requests to the federation as people read them: subjects, messages, the inbox's lines."""

from __future__ import annotations

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
SHOWN_MESSAGES = 12  # the latest ones; the rest is in the audit trail and the export


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


def message_lines(t: Translator, messages: list[RequestMessage], names: dict[int, str]) -> list[str]:
    """The thread's latest messages as HTML: who, when, the text, the file."""
    lines = []
    if len(messages) > SHOWN_MESSAGES:
        lines.append(italic(t.gettext("… {n} earlier messages").format(n=len(messages) - SHOWN_MESSAGES)))
    for message in messages[-SHOWN_MESSAGES:]:
        when = t.format_datetime(message.created_at)
        lines += ["", f"{e(author_label(t, message, names))} · {italic(when)}", e(message.text)]
        if message.file_name:
            lines.append(f"📎 {e(message.file_name)} ({e(file_size(t, message.size))})")
    return lines


def thread_line(t: Translator, thread: RequestThread, last: RequestMessage | None) -> str:
    """One request in a list: its state, subject and the start of its last message."""
    mark = STATUS_MARKS[RequestStatus(thread.status)]
    preview = shorten(last.text, 60) if last is not None else ""
    day = t.format_date(paris_time(thread.updated_at).date(), "d MMM")
    return f"{mark} {bold(subject_label(t, thread))} — {e(day)} · {e(preview)}"


def waiting_mark(last: RequestMessage | None, thread: RequestThread) -> str:
    """⏳ when an open request's last word is the coop's: the federation owes an answer."""
    waiting = thread.status == RequestStatus.OPEN and last is not None and not last.from_federation
    return "⏳ " if waiting else ""
