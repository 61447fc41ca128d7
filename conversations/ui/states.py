"""Every screen and question a user can be on, by name (saved in ``ChatState``: never rename a value).

A screen registers its renderer with ``@screen(states.X)``; a screen that waits for typed text also
registers what the text means with ``@text_answer(states.X)``.
"""

from __future__ import annotations

from collections.abc import Callable

from models.chat_state import HOME as HOME  # the dossier home, where every journey returns

# the dossier
GAPS = "gaps"
AXIS = "axis"
DROP_ENGAGEMENT = "drop"
OVERVIEW = "ov"
ENGAGEMENT = "engagement"
SUGGEST = "suggest"
INDICATOR = "indicator"
KIND = "kind"
UNIT = "unit"
DELETE_INDICATOR = "delete_indicator"
ACTION = "action"
DELETE_ACTION = "delete_action"
INVOLVEMENT = "involvement"
DOCUMENTS = "docs"
UPLOAD = "upload"
ATTACHMENT = "attachment"
REMOVE_ATTACHMENT = "remove_attachment"
SUBMIT = "submit_confirm"

# the field editor: one question about one field, and a colleague's conflicting change
ASK = "ask"
CONFLICT = "conflict"

# follow-up after admissibility
PROGRESS = "pg"
PROGRESS_VALUE = "pg_value"
PROGRESS_ACTIONS = "pg_actions"
PROGRESS_ACTION = "pg_action"
PROGRESS_NOTE = "pg_note"

# the validation committee
COMMITTEE = "cm"
COMMITTEE_DOSSIER = "cmd"
COMMITTEE_COMMENT = "cm_comment"
COMMITTEE_DAY = "cm_date"
COMMITTEE_CONFIRM = "cm_confirm"
EXPORT_LIST = "cm_export"  # /export's list of the coops, a page at a time

# federation announcements
ANNOUNCEMENT_TITLE = "an_title"
ANNOUNCEMENT_WHEN = "an_when"
ANNOUNCEMENT_LINK = "an_link"
ANNOUNCEMENT_DESCRIPTION = "an_desc"
ANNOUNCEMENT_AUDIENCE = "an_audience"
ANNOUNCEMENT_STAGE = "an_stage"
ANNOUNCEMENT_REGION = "an_region"
ANNOUNCEMENT_PREVIEW = "an_preview"
ANNOUNCEMENT_SENDING = "an_sending"

# the field editor's questions: they wait for typed text (a file sent there is refused)
QUESTIONS = (ASK, CONFLICT)

# ---- issue 14 -------------------------------------------------------------------------------------
# consultations: the list, one consultation, its preparation, the ballot
CONSULTATIONS = "cs_list"
CONSULTATION = "cs_view"
CONSULT_KIND = "cs_kind"
CONSULT_QUESTION = "cs_question"
CONSULT_CHOICES = "cs_choices"
CONSULT_AUDIENCE = "cs_audience"
CONSULT_CLOSING = "cs_closing"
CONSULT_PREVIEW = "cs_preview"
CONSULT_CLOSE = "cs_close"
BALLOT = "cs_ballot"
BALLOT_COMMENT = "cs_comment"
# requests to the federation: the coop's side and the federation's inbox
REQUESTS = "rq_list"
REQUEST_SUBJECT = "rq_subject"
REQUEST_MESSAGE = "rq_message"
REQUEST_DRAFT = "rq_draft"
REQUEST_FILE = "rq_file"
REQUEST = "rq_thread"
REQUEST_FOLLOW_UP = "rq_follow_up"
INBOX = "ib_list"
INBOX_THREAD = "ib_thread"
INBOX_REPLY = "ib_reply"
# bilans d'étape
BILAN = "bl"
BILAN_VALUE = "bl_value"
BILAN_ACTION = "bl_action"
BILAN_REASON = "bl_reason"
BILAN_DIFFICULTIES = "bl_difficulties"
BILAN_HELP = "bl_help"
BILAN_SEND = "bl_send"
BILAN_HISTORY = "bl_history"
COMMITTEE_BILANS = "cm_bilans"
# shared practices and personal data
SHARING = "sh"
SHARED_CHOICE = "sh_choice"
ERASE = "erase"
TEAM = "team"  # the coop's members, and the direction's link for colleagues
TEAM_REMOVE = "team_remove"  # the direction confirms taking a colleague off the team

# ---- issue 12: the menus -------------------------------------------------------------------------
# Screens of buttons only, every button carrying in its data the ids it acts on: the message on
# display is their state. Moving from one to another in the same message saves nothing (pure
# navigation commits nothing); the saved position stays the last screen that asked something or
# was sent as a new message (``ui.shown``). Never a screen that waits for text or a file, nor one
# whose buttons read the saved position back (listed below, checked by a test).
MENUS = frozenset(
    {
        HOME, GAPS, AXIS, DROP_ENGAGEMENT, OVERVIEW, ENGAGEMENT, SUGGEST, INDICATOR, KIND,
        DELETE_INDICATOR, ACTION, DELETE_ACTION, INVOLVEMENT, DOCUMENTS, ATTACHMENT, REMOVE_ATTACHMENT,
        SUBMIT, PROGRESS_ACTIONS, PROGRESS_ACTION, COMMITTEE, COMMITTEE_DOSSIER, COMMITTEE_BILANS,
        EXPORT_LIST, CONSULTATIONS, CONSULTATION, REQUESTS, INBOX, BILAN, BILAN_HISTORY,
        SHARING, SHARED_CHOICE, TEAM, TEAM_REMOVE,
    }
)  # fmt: skip
# (a request's thread, REQUEST and INBOX_THREAD, is no menu: a text typed there is given back whole
# with the button to use, which needs the thread saved as the position)
# screens whose buttons act on what the saved position holds (the question, the walk, the draft)
READ_BACK = frozenset(
    {
        ASK, CONFLICT, UPLOAD, REQUEST_FILE, PROGRESS, PROGRESS_VALUE, BILAN_VALUE, BILAN_ACTION,
        BILAN_REASON, COMMITTEE_DAY, COMMITTEE_CONFIRM, ANNOUNCEMENT_TITLE, ANNOUNCEMENT_WHEN,
        ANNOUNCEMENT_LINK, ANNOUNCEMENT_DESCRIPTION, ANNOUNCEMENT_AUDIENCE, ANNOUNCEMENT_PREVIEW,
    }
)  # fmt: skip

# ---- what a typed text or a file answers ---------------------------------------------------------
# The screens that wait for a typed text, with what it means there (filled by ``router.text_answer``),
# and those that wait for a file. A command leaves them (``menus.leave_for_command``): its answer
# stands between the user and the question, so the next text or file is no answer to it.
TEXT_SCREENS: dict[str, Callable] = {}
FILE_SCREENS = frozenset({UPLOAD, REQUEST_FILE})

# ---- what a question holds that the person typed or sent, stored nowhere else yet -----------------
# A question's position may carry what was typed or sent at the steps before it: the committee's
# comment while the date is asked, a reply held back by a colleague's, one's own text beside a
# colleague's in a conflict, a file waiting for the reply it goes with. The journeys keep them under
# these keys, so that leaving the question for a command (``menus.leave_for_command``) gives every
# text back whole and says the file was not sent, without knowing the journey.
TYPED_KEYS = ("comment", "pending", "mine")  # a text as typed (str); never a value someone else wrote
FILE_KEY = "file"  # a file received, not sent yet: {"name", "type", "size", "sha256"}
# beside FILE_KEY, the album (photos sent at once) that file was the first photo of: {"id":
# media_group_id, "name", "n"}, so that its next photos are said not added (``federation.request_threads``);
# written there and by the dossier handing a file to a new request (``dossier.uploads.to_federation``)
ALBUM_KEY = "album"
# what is said of a file a question held when it is left (an ``N_`` text with {name} its journey
# registers; « {name} was not sent. » unless registered), and how to send it again (an ``N_`` text)
FILE_LEFT: dict[str, str] = {}
FILE_AGAIN: dict[str, str] = {}
# the question a command left, kept in the home's position saved with that move (``menus.
# leave_for_command``): {"screen", "data", "by": the command}; a text typed next leads back to it
LEFT_KEY = "left"
