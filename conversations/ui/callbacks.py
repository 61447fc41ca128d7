"""Every button's callback data in one place: a short prefix and typed arguments, packed and unpacked.

Telegram allows 64 bytes of callback data, so a button carries a prefix and ids, never a title.
Arguments are ``int`` (ids, codes, 0/1 flags) or ``str`` (one-letter codes); ``unpack`` raises
ValueError on anything else, which the router answers as a forged or outdated button.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from models.tables.base import LARGEST_ID

log = logging.getLogger(__name__)

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
        return tuple(_typed(kind, value) for kind, value in zip(self.args, values, strict=False))

    def fits(self, data: object) -> bool:
        """Whether pressed callback data is this kind of button's, with arguments it takes (a handler's
        pattern: an older version's arguments go on to the old menus' catch-all)."""
        try:
            self.unpack(str(data))
        except (ValueError, IndexError):
            if str(data).split(":")[0] == self.prefix:  # its prefix, another version's arguments (or forged)
                log.info("out-of-date callback data %r", data)
            return False
        return True

    @property
    def pattern(self) -> str:
        """The CallbackQueryHandler pattern: this prefix alone or followed by arguments."""
        return rf"^{re.escape(self.prefix)}(:|$)"


def _typed(kind: type, value: str) -> object:
    """One argument as its type; ValueError when it is not one (an id out of any table's range too)."""
    typed = kind(value)
    if kind is int and abs(typed) >= LARGEST_ID:
        raise ValueError(f"id out of range: {value!r}")
    return typed


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
# « r »: 1 on a screen opened from /recap's ✏️, carried by its own buttons (common.recap_rows leads back)
AXIS = callback("ax", int, int, optional=1)  # axis code, r
# dossier, engagement, 1 choose / 0 drop (the intent, not a flip), r
TOGGLE = callback("tg", int, int, int, int, optional=1)
# dossier, what the confirmation counted (its mark: ConfirmationNeeded.seen, carried by the button as the
# screen is never saved), r (0 or 1), engagement (last: the benchmark finds it there); older buttons,
# without the mark: dossier, engagement, r (optional)
CONFIRM_DROP = callback("tgy", int, int, int, int, optional=2)
OVERVIEW = callback("ov", int, optional=1)  # r
QUESTION_LEFT = callback("ql")  # reopen the question a command left (ui.left)
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
INVOLVEMENT = callback("iv", int, optional=1)  # r
INVOLVEMENT_WIZARD = callback("iw", int)  # dossier
DOCUMENTS = callback("docs", int, optional=1)  # r
UPLOAD = callback("ul", int, str)  # dossier, kind code
ATTACHMENT = callback("at", int)
REMOVE_ATTACHMENT = callback("rm", int)
CONFIRM_REMOVE_ATTACHMENT = callback("rmy", int)
REVIEW = callback("rv")
PDF = callback("pdf")
SUBMIT = callback("sb", int)  # dossier
CONFIRM_SUBMIT = callback("sby", int, int, optional=1)  # dossier, its version confirmed (none: older buttons)

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
PROGRESS_ACTIONS = callback("pga", int, optional=1)  # page (none: a button drawn before the pages, the first)
PROGRESS_ACTION = callback("pgs", int)  # action
ACTION_STATUS = callback("ast", int, str)  # action, status code
ACTION_NOTE = callback("pgn", int)  # action
CALENDAR = callback("cal", anywhere=True)
CALENDAR_FILE = callback("ics")

# ---- the validation committee ----------------------------------------------------------------------
COMMITTEE = callback("cm", int, int, optional=2, anywhere=True)  # page; or 0 and the dossier its page holds
COMMITTEE_DOSSIER = callback("cmd", int, anywhere=True)  # dossier
DECIDE = callback("cmx", int, str, str, optional=1)  # dossier, decision code, checkpoint code
DECIDE_TODAY = callback("cmt", str, optional=1)  # the day it shows (20260831); none before
CONFIRM_DECISION = callback("cmy")
COMMITTEE_REVIEW = callback("cmr", int)  # dossier
COMMITTEE_PDF = callback("cmp", int)  # dossier

# ---- federation announcements ----------------------------------------------------------------------
ANNOUNCEMENT_KEEP = callback("ank", int)
ANNOUNCEMENT_BACK = callback("anb", int)  # the composer's previous question
ANNOUNCEMENT_AUDIENCE = callback("ana", int, str)  # announcement, audience code
ANNOUNCEMENT_STAGE = callback("ans", int, str)  # announcement, stage code
ANNOUNCEMENT_REGION = callback("anr", int, str)  # announcement, the region's code (sending.region_code)
ANNOUNCEMENT_REGIONS = callback("anrp", int, int)  # announcement, page of the regions
ANNOUNCEMENT_EDIT = callback("ane", int, str)  # announcement, field code
ANNOUNCEMENT_SEND = callback("anc", int)
ANNOUNCEMENT_CANCEL = callback("anx", int)
ANNOUNCEMENT_ANSWERS = callback("anv", int)
ANNOUNCEMENT_FAILURES = callback("anf", int, int, optional=1)  # announcement, page (none: a new message)
RSVP = callback("rsvp", int, str)  # announcement, y / n
ANNOUNCEMENT_ICS = callback("anics", int)

# ---- language and settings -------------------------------------------------------------------------
LANGUAGE = callback("lang", str)  # language code
SETTINGS_ANNOUNCEMENTS = callback("sta", int)  # 1 receive / 0 stop
SETTINGS_LANGUAGE = callback("stl")
SETTINGS = callback("st")  # back to the settings (from their language picker)
SETTINGS_CHOOSE_LANGUAGE = callback("stg", str)  # a language chosen from the settings: back to them

# ---- the coop's team -------------------------------------------------------------------------------
TEAM = callback("tm", int, optional=1, anywhere=True)  # page; who has joined, the direction’s link
TEAM_NEW_LINK = callback("tmn")  # the direction replaces the link (the old one stops working)
TEAM_REMOVE = callback("tmr", int)  # the direction: take this person off the team? (user id)
TEAM_REMOVE_CONFIRM = callback("tmry", int)

# ---- issue 14: consultations -----------------------------------------------------------------------
# the coop's consultations (from the involvement part): page; a consultation (back from it: its page)
CONSULTATIONS = callback("cs", int, int, optional=2)
CONSULTATION = callback("cso", int)  # one consultation and its results
CONSULT_COMMENTS = callback("csm", int, int, optional=1)  # consultation, page: all its comments
CONSULT_NEW = callback("csn")  # the direction prepares a new one
CONSULT_KIND = callback("cse", int)  # consultation: which question (step 1)
CONSULT_DEFAULT = callback("csd", int)  # consultation: the default question (the 12 engagements)
CONSULT_FREE = callback("csf", int)  # consultation: write one's own question
CONSULT_KEEP_QUESTION = callback("csq", int)  # consultation: keep its own question, on to its choices
CONSULT_KEEP_CHOICES = callback("csj", int)  # consultation: keep its own choices, on to who is asked
CONSULT_AUDIENCE = callback("csa", int, str, int)  # consultation, m (members) / l (link), 1 on / 0 off
CONSULT_CLOSING = callback("csc", int)  # consultation: its closing date
CONSULT_KEEP_CLOSING = callback("csk", int)
CONSULT_PREVIEW = callback("csp", int)
CONSULT_OPEN = callback("csy", int)
CONSULT_DELETE = callback("csz", int)  # a draft
CONSULT_CLOSE = callback("csx", int)  # close before the date: confirm
CONSULT_CONFIRM_CLOSE = callback("csxy", int)
CONSULT_CHART = callback("csg", int)
BALLOT = callback("cb", int, anywhere=True)  # consultation (its invitation and reminder: « 🗳 Answer »)
BALLOT_TICK = callback("cbt", int, int, int)  # consultation, choice index, 1 tick / 0 untick
BALLOT_COMMENT = callback("cbc", int)
BALLOT_SEND = callback("cbs", int)

# ---- issue 14: requests to the federation ----------------------------------------------------------
# the coop's requests at a page; with a thread, at the page that holds it (« ⬅️ Back » from it: the list's
# order is read once the list is drawn, not at every screen of the thread)
REQUESTS = callback("rq", int, int, optional=2, anywhere=True)  # from a notice too
REQUEST_NEW = callback("rqn")
REQUEST_SUBJECT = callback("rqs", str)  # subject code
# a thread opens from any message: each reply's or new request's notice carries its own, however many
# came since (an older one is no out-of-date menu: it names the thread it opens)
REQUEST = callback("rqo", int, int, optional=1, anywhere=True)  # a thread, for the coop; page (0 latest)
REQUEST_FILE = callback("rqf", int)  # thread: add a file to the draft
REQUEST_SEND = callback("rqy", int)  # thread: send the draft
REQUEST_DISCARD = callback("rqz", int)  # thread: drop the draft
REQUEST_WRITE = callback("rqw", int)  # thread: write a follow-up (coop side)
REQUEST_REWRITE = callback("rqr", int)  # thread: rewrite the draft's message
INBOX = callback("ib", int, int, optional=2)  # the federation's inbox, the same way
INBOX_THREAD = callback("ibo", int, int, optional=1, anywhere=True)  # a thread, for the federation; page
INBOX_REPLY = callback("ibr", int)
INBOX_CLOSE = callback("ibx", int, int)  # thread, 1 close / 0 reopen
REQUEST_ATTACHMENT = callback("rqa", int)  # a message's file, sent to who may see the thread

# ---- issue 14: bilans d'étape ----------------------------------------------------------------------
BILAN = callback("bl", str, optional=1, anywhere=True)  # the coop's current bilan; a reminder's names its own
# the bilan's screen: its checkpoint's code (6 / 12, ``bilan_closed.CODES``), so that a bilan sent meanwhile
# is said so, never the next one opened in its place (older buttons, without it: out of date)
BILAN_VALUES = callback("blv", str)  # checkpoint: walk through the indicators' latest values
BILAN_SAME = callback("bls")  # the value shown is still right
BILAN_YES_NO = callback("blb", str)  # y / n: the value of a yes/no indicator of the walk
BILAN_AGAIN = callback("blc", int)  # the values walk's step to ask again (« ✏️ Correct »)
BILAN_SKIP = callback("blk")  # the next indicator, this one left not checked (its value not known yet)
BILAN_ACTIONS = callback("bla", str)  # checkpoint: walk through the actions
BILAN_ACTION_STATUS = callback("blt", int, str)  # action, status code
BILAN_TEXT = callback("blx", str, str)  # d: difficulties, h: help wanted (m / t: a conflict), checkpoint
BILAN_NO_HELP = callback("blh")
BILAN_SEND = callback("bly", str)  # checkpoint; the direction: confirm
BILAN_CONFIRM_SEND = callback("blyy", str)  # checkpoint (a double tap once sent: said sent, no other opened)
BILAN_HISTORY = callback("blo")
BILAN_READ = callback("blr", int)  # a sent bilan, as text
BILAN_PDF = callback("blp", int)
COMMITTEE_BILANS = callback("cmb", int, anywhere=True)  # dossier: its bilans, for the committee (a news)
# bilan, t (text) / p (PDF), the later cycle's dossier whose list it was read from (⬅️ back to it)
COMMITTEE_BILAN = callback("cmbr", int, str, int, optional=1)

# ---- issue 14: shared practices and personal data --------------------------------------------------
SHARING = callback("sh")
SHARING_SET = callback("shs", str, int)  # i (indicators) / r (rationales), 1 agree / 0 stop
PICK_SHARED = callback("isx", int, int, str)  # dossier, engagement, the shared choice's mark
USE_SHARED = callback("isy", int, int, str)  # the same: add it to the dossier (or continue it)
DASHBOARD_ENGAGEMENTS = callback("tbe")
DASHBOARD = callback("tb")  # the dashboard's figures again, under « 🎯 By engagement »
ERASE_CONFIRM = callback("ery", int)  # 1 erase / 0 keep
