"""What the bot needs and loses for a while — Telegram's getUpdates, the database — as one state: since
when, whether it was reported as lasting; and what the admins are told of it, in their language.
"""

from __future__ import annotations

import math
import time

from locales import N_, Translator

DOWN, LASTING = "down", "lasting"


class Outage:
    """Something the bot needs (Telegram's getUpdates, the database) that stopped answering: since
    when, and whether it was reported as lasting."""

    def __init__(self, clock=time.monotonic) -> None:
        self.clock = clock
        self.since: float | None = None
        self.reported = False

    def failed(self, lasting_after: float = math.inf) -> str:
        """What this failure changes: DOWN (the first), LASTING (the first ``lasting_after`` seconds
        or more after it), "" (nothing new to say)."""
        now = self.clock()
        if self.since is None:
            self.since = now
            return DOWN
        if not self.reported and now - self.since >= lasting_after:
            self.reported = True
            return LASTING
        return ""

    def answered(self, asked_at: float | None = None) -> tuple[float, bool] | None:
        """Back (to the request sent at ``asked_at``, now if not said): how long it was away and whether
        it had been reported (None if it was not down)."""
        if self.since is None:
            return None
        lasted, reported = (self.clock() if asked_at is None else asked_at) - self.since, self.reported
        self.since, self.reported = None, False
        return lasted, reported


# what a person is told of each while it lasts, then once it is back (the technical cause is in the log)
DATABASE = (
    N_(
        "The database has not answered for {duration}: Quali’Coop can neither answer anyone nor send "
        "anything until it is back. The technical cause is in the bot’s log."
    ),
    N_("The database answers again, after {duration}: Quali’Coop works normally."),
)
TELEGRAM = (
    N_(
        "Telegram has not answered the bot for {duration}: messages sent to Quali’Coop do not reach it "
        "until Telegram answers again. The technical cause is in the bot’s log."
    ),
    N_("Telegram answers again, after {duration}: Quali’Coop receives messages normally."),
)


def outage_said(what: tuple[str, str], lasted: float, back: bool, t: Translator) -> str:
    """The alert of ``what`` (DATABASE, TELEGRAM) not answering for ``lasted`` seconds, or of its end."""
    return t.gettext(what[back]).format(duration=duration(lasted, t))


def duration(seconds: float, t: Translator) -> str:
    """« 75 s » under two minutes, whole minutes under two hours, else hours and minutes (« 10 heures
    et 5 minutes », not « 605 minutes » for a night)."""
    if seconds < 120:
        return t.gettext("{seconds} s").format(seconds=t.format_number(int(seconds)))
    minutes = int(seconds // 60)
    if minutes < 120:
        return minutes_said(minutes, t)
    hours, minutes = divmod(minutes, 60)
    said = t.ngettext("{hours} hour", "{hours} hours", hours).format(hours=t.format_number(hours))
    if not minutes:
        return said
    return t.gettext("{hours} and {minutes}").format(hours=said, minutes=minutes_said(minutes, t))


def minutes_said(minutes: int, t: Translator) -> str:
    """« 1 minute », « 75 minutes »."""
    return t.ngettext("{minutes} minute", "{minutes} minutes", minutes).format(
        minutes=t.format_number(minutes)
    )
