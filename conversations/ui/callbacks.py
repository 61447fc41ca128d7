"""Every button's callback data in one place: a short prefix and typed arguments, packed and unpacked.

Telegram allows 64 bytes of callback data, so a button carries a prefix and ids, never a title.
Arguments are ``int`` (ids, codes, 0/1 flags) or ``str`` (one-letter codes); ``unpack`` raises
ValueError on anything else, which the router answers as a forged or outdated button.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_BYTES = 64  # Telegram's limit for callback_data
REGISTRY: dict[str, Callback] = {}


@dataclass(frozen=True)
class Callback:
    """The data of one kind of button: ``prefix:arg:arg``; the last ``optional`` args may be left out."""

    prefix: str
    args: tuple[type, ...] = ()
    optional: int = 0
    # a button that only opens a screen, changing nothing: it works from any message (a reminder,
    # an older screen), drawing that screen as a new message instead of calling the menu out of date
    anywhere: bool = False

    def pack(self, *values: object) -> str:
        """The callback data of a button with these arguments."""
        if not len(self.args) - self.optional <= len(values) <= len(self.args):
            raise TypeError(f"{self.prefix} takes {len(self.args)} argument(s), got {len(values)}")
        data = ":".join([self.prefix, *(str(v) for v in values)])
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
        return data

    def unpack(self, data: str) -> tuple:
        """The typed arguments of pressed callback data; ValueError when it does not fit."""
        prefix, *values = data.split(":")
        if prefix != self.prefix or not len(self.args) - self.optional <= len(values) <= len(self.args):
            raise ValueError(f"not {self.prefix} data: {data!r}")
        return tuple(kind(value) for kind, value in zip(self.args, values, strict=False))

    @property
    def pattern(self) -> str:
        """The CallbackQueryHandler pattern: this prefix alone or followed by arguments."""
        return rf"^{re.escape(self.prefix)}(:|$)"


def callback(prefix: str, *args: type, optional: int = 0, anywhere: bool = False) -> Callback:
    """Declare a kind of button; every prefix is unique."""
    if prefix in REGISTRY:
        raise ValueError(f"callback prefix {prefix!r} declared twice")
    REGISTRY[prefix] = Callback(prefix, args, optional, anywhere)
    return REGISTRY[prefix]


# ---- the dossier ---------------------------------------------------------------------------------
HOME = callback("home", anywhere=True)
GAPS = callback("gaps")
READY = callback("rd", int)  # dossier
AXIS = callback("ax", int)  # axis code
TOGGLE = callback("tg", int, int, int)  # dossier, engagement, 1 choose / 0 drop (the intent, not a flip)
CONFIRM_DROP = callback("tgy", int, int)  # dossier, engagement
OVERVIEW = callback("ov")
ENGAGEMENT = callback("en", int, int)  # dossier, engagement
ADD_INDICATOR = callback("ia", int, int)  # dossier, engagement
PICK_SUGGESTION = callback("is", int, int, int)  # dossier, engagement, index in the suggestions
OWN_INDICATOR = callback("ic", int, int)  # dossier, engagement
INDICATOR = callback("in", int)
SET_KIND = callback("ik", int, str)  # indicator, kind code
SET_UNIT = callback("iu", int, str)  # indicator, unit code
DELETE_INDICATOR = callback("ix", int)
CONFIRM_DELETE_INDICATOR = callback("ixy", int)
ADD_ACTION = callback("aa", int)  # indicator
ACTION = callback("ac", int)
DELETE_ACTION = callback("ad", int)
CONFIRM_DELETE_ACTION = callback("ady", int)
INVOLVEMENT = callback("iv")
INVOLVEMENT_WIZARD = callback("iw", int)  # dossier
DOCUMENTS = callback("docs")
UPLOAD = callback("ul", int, str)  # dossier, kind code
ATTACHMENT = callback("at", int)
REMOVE_ATTACHMENT = callback("rm", int)
CONFIRM_REMOVE_ATTACHMENT = callback("rmy", int)
REVIEW = callback("rv")
PDF = callback("pdf")
SUBMIT = callback("sb", int)  # dossier
CONFIRM_SUBMIT = callback("sby", int)  # dossier

# ---- the field editor ------------------------------------------------------------------------------
EDIT_FIELD = callback("fe", str, int, str)  # entity code, row id, field code
ASK_IN_WIZARD = callback("fw", str, int, str)  # the same, within the wizard (Back one question, Correct)
ANSWER_OPTION = callback("fo", int)  # a ready answer of the current question (Yes, No, the default date)
KEEP = callback("kp")
RESOLVE_CONFLICT = callback("cf", str)  # m: keep mine, t: keep theirs

# ---- follow-up after admissibility ----------------------------------------------------------------
PROGRESS = callback("pg", anywhere=True)
PROGRESS_WALK = callback("pgu")
PROGRESS_KEEP = callback("pgk")
PROGRESS_YES_NO = callback("pgy", str)  # y / n: the new value of a yes/no indicator of the walk
PROGRESS_AGAIN = callback("pgr", int)  # the walk's step to ask again (« ✏️ Correct »)
PROGRESS_CHART = callback("pgc")
PROGRESS_ACTIONS = callback("pga")
PROGRESS_ACTION = callback("pgs", int)  # action
ACTION_STATUS = callback("ast", int, str)  # action, status code
ACTION_NOTE = callback("pgn", int)  # action
CALENDAR = callback("cal")
CALENDAR_FILE = callback("ics")

# ---- the validation committee ----------------------------------------------------------------------
COMMITTEE = callback("cm", int, optional=1, anywhere=True)  # page
COMMITTEE_DOSSIER = callback("cmd", int, anywhere=True)  # dossier
DECIDE = callback("cmx", int, str, str, optional=1)  # dossier, decision code, checkpoint code
DECIDE_TODAY = callback("cmt")
CONFIRM_DECISION = callback("cmy")
COMMITTEE_REVIEW = callback("cmr", int)  # dossier
COMMITTEE_PDF = callback("cmp", int)  # dossier

# ---- federation announcements ----------------------------------------------------------------------
ANNOUNCEMENT_KEEP = callback("ank", int)
ANNOUNCEMENT_AUDIENCE = callback("ana", int, str)  # announcement, audience code
ANNOUNCEMENT_STAGE = callback("ans", int, str)  # announcement, stage code
ANNOUNCEMENT_REGION = callback("anr", int, int)  # announcement, index in the regions
ANNOUNCEMENT_EDIT = callback("ane", int, str)  # announcement, field code
ANNOUNCEMENT_SEND = callback("anc", int)
ANNOUNCEMENT_CANCEL = callback("anx", int)
ANNOUNCEMENT_ANSWERS = callback("anv", int)
ANNOUNCEMENT_FAILURES = callback("anf", int)
RSVP = callback("rsvp", int, str)  # announcement, y / n
ANNOUNCEMENT_ICS = callback("anics", int)

# ---- language and settings -------------------------------------------------------------------------
LANGUAGE = callback("lang", str)  # language code
SETTINGS_ANNOUNCEMENTS = callback("sta", int)  # 1 receive / 0 stop
SETTINGS_LANGUAGE = callback("stl")
