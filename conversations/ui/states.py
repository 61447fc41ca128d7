"""Every screen and question a user can be on, by name (saved in ``ChatState``: never rename a value).

A screen registers its renderer with ``@screen(states.X)``; a screen that waits for typed text also
registers what the text means with ``@text_answer(states.X)``.
"""

from __future__ import annotations

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

# a question waits for typed text: /dossier offers to come back to it
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
