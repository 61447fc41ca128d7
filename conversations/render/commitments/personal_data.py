"""/mesdonnees as files: the JSON of every row about a person, and the same as a readable text."""

from __future__ import annotations

import json
from datetime import datetime

from locales import N_, Translator

# per table: what it holds about the person, and why it is kept
TOPICS = {
    "user": (
        N_("Your profile"),
        N_("to write to you in your language, and to know if you blocked the assistant"),
    ),
    "member": (N_("Your coop"), N_("to open your coop's dossier and allow what your role allows")),
    "federationrole": (
        N_("Your federation roles"),
        N_("to give the committee and the administrators their screens"),
    ),
    "chatstate": (
        N_("Where you are in the conversation"),
        N_("so that a restart takes you back to the same question"),
    ),
    "textpart": (
        N_("Text you sent, waiting to be read whole"),
        N_("a long paste arrives in parts: they are kept until they are read together, then deleted"),
    ),
    "unhandledupdate": (
        N_("A message you sent, not handled yet"),
        N_("kept from its arrival until the assistant has handled it, then deleted (a few seconds)"),
    ),
    "receivedupdate": (
        N_("The numbers of your latest messages"),
        N_("so that a message Telegram delivers twice is handled once; kept two days"),
    ),
    "appsession": (
        N_("Your openings of the Mini App"),
        N_("to tell the chat, once, which fields you changed in the application"),
    ),
    "auditentry": (
        N_("What you wrote or changed (audit trail)"),
        N_("so that the coop and the committee know who changed what, and when"),
    ),
    "engagementchoice": (N_("Engagements you chose"), N_("the audit of the dossier")),
    "attachment": (N_("Documents you provided"), N_("the audit of the dossier")),
    "dossierversion": (N_("Dossiers you submitted"), N_("the version the committee received")),
    "checkpoint": (N_("Checkpoints you recorded"), N_("the committee's decisions")),
    "announcement": (N_("Announcements you wrote"), N_("to send them and report on them")),
    "delivery": (N_("Announcements sent to you"), N_("so that each is sent once")),
    "rsvp": (N_("Your answers to announcements"), N_("to remind those who attend, one hour before")),
    "sentreminder": (N_("Reminders sent to you"), N_("so that each reminder is sent once")),
    "notification": (N_("News sent to you"), N_("so that each piece of news is sent once")),
    "consultation": (N_("Consultations you prepared"), N_("the coop's evidence of involvement")),
    "consultationanswer": (
        N_("Your answers to consultations"),
        N_("one answer per person, changeable until closing; results never say who answered"),
    ),
    "consultationaccess": (
        N_("Consultations you opened through a public link"),
        N_("to let you answer that consultation only"),
    ),
    "requestthread": (
        N_("Requests to the federation you opened or closed"),
        N_("to follow the exchange with the federation"),
    ),
    "requestmessage": (
        N_("Your messages to the federation"),
        N_("to follow the exchange with the federation"),
    ),
    "progressreport": (
        N_("Checkpoint reports you started or sent"),
        N_("what the committee reads before a checkpoint"),
    ),
    "practicesharing": (
        N_("What you agreed to share for your coop"),
        N_("the coop's consent to share its practices"),
    ),
}


def export_json(telegram_id: int, rows: dict[str, list[dict]], now: datetime) -> bytes:
    """The machine-readable file: every row, by table."""
    data = {"telegram_id": telegram_id, "generated_at": now.isoformat(), "tables": rows}
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def _value(value: object) -> str:
    """A stored value, on one line when short, indented when it runs over several."""
    text = "—" if value in (None, "") else str(value)
    return text.replace("\n", "\n      ")


def export_text(t: Translator, telegram_id: int, rows: dict[str, list[dict]], now: datetime) -> bytes:
    """The same, readable: a section per kind of data, what it is for, and every row's fields."""
    lines = [
        t.gettext("Quali’Coop assistant — everything stored about you"),
        t.gettext("Telegram id: {id} · generated on {date}").format(
            id=telegram_id, date=t.format_datetime(now)
        ),
        "",
    ]
    for table, found in rows.items():
        title, why = TOPICS.get(table, (table, ""))
        lines += [
            "",
            f"== {t.gettext(title)} ({len(found)}) ==",
            t.gettext("Why: {why}").format(why=t.gettext(why)) if why else "",
        ]
        for row in found:
            lines += ["-" + "".join(f"  {key}: {_value(value)}\n " for key, value in row.items()).rstrip()]
    if not rows:
        lines.append(t.gettext("Nothing is stored about you."))
    return ("\n".join(lines) + "\n").encode("utf-8")
