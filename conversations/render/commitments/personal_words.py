"""The words of the readable /mesdonnees: each stored column's name for a person, and the audit's.

Data, not branches: a column named here is shown under its label; a column in ``INTERNAL`` (ids,
message numbers, tokens, the sending machinery) is left out of the text, kept in the JSON file. A
test checks that every column of a table about people is in one or the other. The stored codes
(roles, statuses, kinds of news…) have their words here too: a code without words is left out of
the text, never shown as stored.
"""

from __future__ import annotations

from locales import N_

LABELS = {
    "action": N_("What"),
    "announcements": N_("Receives the federation’s announcements"),
    "answered_at": N_("Answered on"),
    "approved_at": N_("Approved on"),
    "at": N_("On"),
    "attending": N_("Attending"),
    "audience": N_("Sent to"),
    "audience_value": N_("Which ones"),
    "catch_up": N_("Sent late"),
    "changed": N_("Fields changed in the Mini App"),
    "checkpoint_kind": N_("Checkpoint"),
    "choices": N_("Choices"),
    "chosen_at": N_("Chosen on"),
    "closed_at": N_("Closed on"),
    "closes_on": N_("Closes on"),
    "comment": N_("Comment"),
    "content": N_("Content"),
    "created_at": N_("Created on"),
    "data": N_("Answers being typed"),
    "decided_at": N_("Decided on"),
    "description": N_("Description"),
    "difficulties": N_("Difficulties"),
    "due_on": N_("Due on"),
    "duration_minutes": N_("Length (minutes)"),
    "engagement_code": N_("Engagement"),
    "event_key": N_("Event"),
    "file_name": N_("File name"),
    "finished_at": N_("Finished on"),
    "first_name": N_("First name"),
    "for_members": N_("For the members"),
    "via_link": N_("Through a public link"),
    "from_federation": N_("From the federation"),
    "held_on": N_("Held on"),
    "help_wanted": N_("Help wanted"),
    "indicators": N_("Shares the indicators"),
    "is_active": N_("Reachable (has not blocked the assistant)"),
    "joined_at": N_("Joined on"),
    "kind": N_("Kind"),
    "label": N_("Label"),
    "language": N_("Language chosen"),
    "last_seen_at": N_("Last message on"),
    "lead_days": N_("Days before"),
    "mime_type": N_("File type"),
    "notes": N_("Notes"),
    "opened_at": N_("Opened on"),
    "payload": N_("What the news said"),
    "question": N_("Question"),
    "rationales": N_("Shares the rationales"),
    "reached": N_("People reached"),
    "received_at": N_("Received on"),
    "reviewed": N_("Indicators checked"),
    "role": N_("Role"),
    "screen": N_("Screen"),
    "sent_at": N_("Sent on"),
    "size": N_("Size"),
    "starts_at": N_("Starts on"),
    "status": N_("Status"),
    "subject": N_("Subject"),
    "submitted_at": N_("Submitted on"),
    "telegram_language": N_("Language of your Telegram app"),
    "text": N_("Text"),
    "title": N_("Title"),
    "updated_at": N_("Changed on"),
    "uploaded_at": N_("Sent on"),
    "username": N_("Username"),
    "version": N_("Version"),
    "video_link": N_("Video link"),
}

# numbers and machinery: in the JSON file, not in the text
INTERNAL = frozenset(
    {
        "id", "actor_id", "announcement_id", "attempts", "author_id", "body", "claim", "claimed_at",
        "claimed_by", "closed_by", "consultation_id", "coop_id", "created_by", "chosen_by", "decided_by",
        "dossier_id", "entity", "entity_id", "error", "field", "invitation_id", "message_id", "new_value",
        "old_value", "opened_by", "progress_chat_id", "progress_message_id", "public_token", "receiver",
        "recorded_by", "screen_message_id", "sender", "sent_by", "sha256", "submitted_by",
        "telegram_file_id", "telegram_id", "thread_id", "token", "update_id", "uploaded_by", "user_id",
        "waiting",
    }
)  # fmt: skip
# the coop a row or an audit entry is about, by its name (the caller reads it): someone who moved coops
# tells their memberships and what they did in each apart; its id stays in the JSON file
COOP = N_("Coop")
# what a row points to, named by the text (an announcement received, a dossier submitted)
ANNOUNCEMENT, CHOSEN = N_("Announcement"), N_("Engagements chosen")
INDICATORS, FILES = N_("Indicators"), N_("Documents")

# an audit entry in a few words: (entity, action) → what happened; {n} is an engagement's number
AUDIT = {
    ("engagement", "choose"): N_("engagement {n} chosen"),
    ("engagement", "drop"): N_("engagement {n} dropped"),
    ("member", "join"): N_("joined the team"),
    ("member", "remove"): N_("took a colleague off the team"),  # only its actor reads it: the director
    ("member", "update"): N_("role in the team changed"),
    ("dossier", "update"): N_("dossier changed"),
    ("dossier", "submit"): N_("dossier submitted to the committee"),
    ("dossier", "reapply"): N_("new candidacy prepared"),
    ("indicator", "create"): N_("indicator added"),
    ("indicator", "update"): N_("indicator changed"),
    ("indicator", "delete"): N_("indicator removed"),
    ("action", "create"): N_("action added to the plan"),
    ("action", "update"): N_("action of the plan changed"),
    ("action", "delete"): N_("action removed from the plan"),
    ("attachment", "create"): N_("document provided"),
    ("attachment", "delete"): N_("document removed"),
    ("sharing", "agree"): N_("agreed to share the coop’s practices"),
    ("sharing", "stop"): N_("stopped sharing the coop’s practices"),
    ("bilan", "update"): N_("checkpoint report changed"),
    ("bilan", "send"): N_("checkpoint report sent"),
    ("consultation", "create"): N_("consultation prepared"),
    ("consultation", "update"): N_("consultation changed"),
    ("consultation", "open"): N_("consultation opened"),
    ("consultation", "close"): N_("consultation closed"),
    ("request", "create"): N_("request to the federation started"),
    ("request", "write"): N_("request to the federation written"),
    ("request", "send"): N_("request sent to the federation"),
    ("request", "reply"): N_("reply to the federation"),
    ("request", "close"): N_("request to the federation closed"),
    ("request", "reopen"): N_("request to the federation reopened"),
    ("announcement", "approve"): N_("announcement approved"),
    ("announcement", "cancel_meeting"): N_("meeting cancelled after its announcement"),
    ("announcement", "move_meeting"): N_("meeting moved after its announcement"),
    ("invitation", "create"): N_("invitation link created"),
    ("invitation", "revoke"): N_("invitation link withdrawn"),
    ("invitation", "failed_join"): N_("invitation link that did not work"),
    ("dossier", "ask_letter"): N_("commitment letter asked of the direction"),
    ("request", "update"): N_("request to the federation changed"),
    ("checkpoint", "superseded_by_visit"): N_("checkpoint replaced by the visit"),
    ("dossier", "visit_ready"): N_("told the committee the coop is ready for its visit"),
    ("dossier", "refusal_day"): N_("date of the committee’s decision"),  # written beside a refusal
}
DECIDED = N_("decision of the committee on the dossier")  # any other change of the dossier's status
ENTITIES = {
    "engagement": N_("engagement"),
    "dossier": N_("dossier"),
    "indicator": N_("indicator"),
    "action": N_("action of the plan"),
    "attachment": N_("document"),
    "consultation": N_("consultation"),
    "request": N_("request to the federation"),
    "member": N_("team"),
    "checkpoint": N_("checkpoint"),
    "bilan": N_("checkpoint report"),
    "invitation": N_("invitation link"),
    "sharing": N_("sharing of practices"),
    "announcement": N_("announcement"),
    "coop": N_("coop"),
}


# per table: what it holds about the person, and why it is kept
TOPICS = {
    "user": (
        N_("Your profile"),
        N_("to write to you in your language, and to know if you blocked the assistant"),
    ),
    "member": (N_("Your coop"), N_("to open your coop’s dossier and allow what your role allows")),
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
    "checkpoint": (N_("Checkpoints you recorded"), N_("the committee’s decisions")),
    "announcement": (N_("Announcements you wrote"), N_("to send them and report on them")),
    "delivery": (N_("Announcements sent to you"), N_("so that each is sent once")),
    "rsvp": (N_("Your answers to announcements"), N_("to remind those who attend, one hour before")),
    "sentreminder": (N_("Reminders sent to you"), N_("so that each reminder is sent once")),
    "notification": (N_("News sent to you"), N_("so that each piece of news is sent once")),
    "consultation": (N_("Consultations you prepared"), N_("the coop’s evidence of involvement")),
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
        N_("the coop’s consent to share its practices"),
    ),
}

# per stored code, its words
# fmt: off
ROLES = {
    "member": N_("member"), "direction": N_("direction"),
    "admin": N_("administrator of the federation"), "committee": N_("member of the validation committee"),
}
STATES = {  # a row's status, whatever its table (an announcement, a consultation, a message sent…)
    "draft": N_("being prepared"), "approved": N_("confirmed, to be sent"), "open": N_("under way"),
    "closed": N_("closed"), "pending": N_("waiting to be sent"), "sending": N_("being sent"),
    "sent": N_("sent out"), "done": N_("sent out"), "failed": N_("not delivered"),
    "blocked": N_("not delivered: the assistant is blocked"), "uncertain": N_("perhaps delivered"),
    "cancelled": N_("cancelled"),
}
NEWS_KINDS = {  # the outbox's kinds of news (a test checks that every kind sent is here)
    "submitted": N_("dossier submitted to the committee"), "decision": N_("decision of the committee"),
    "submitted_committee": N_("a dossier for the committee to read"),
    "letter_file": N_("commitment letter for the committee"), "new_cycle": N_("new candidacy prepared"),
    "dossier_ready": N_("dossier ready to submit"), "letter_added": N_("commitment letter added"),
    "letter_asked": N_("commitment letter asked of the direction"),
    "team_joined": N_("joined the team"), "team_removed": N_("taken off the team"),
    "request_to_federation": N_("request sent to the federation"),
    "request_file": N_("file sent with a request"), "request_reply": N_("reply of the federation"),
    "consultation_opened": N_("consultation opened"), "bilan_sent": N_("checkpoint report sent"),
    "bilan_sent_team": N_("checkpoint report sent by a colleague"),
    "announcement_report": N_("report on an announcement sent"),
    "request_reply_file": N_("file sent with a reply of the federation"),
    "request_closed": N_("request closed by the federation"),
    "letter_replaced": N_("commitment letter replaced"),
    "attachment_removed": N_("document removed by a colleague"),
    "coop_without_direction": N_("coop left without direction"),
    "bundle_part": N_("part of a dossier’s complete bundle (/export)"),
    "visit_ready": N_("coop ready for the committee’s visit"),
    "meeting_cancelled": N_("a meeting announced, then cancelled"),
    "meeting_moved": N_("a meeting announced, then moved"),
}
AUDIENCES = {
    "all": N_("Everyone"), "stage": N_("By stage of the label"), "direction": N_("Directions only"),
    "region": N_("By region"),
}
DECISIONS = {  # a committee's decision by the status it led to (a checkpoint recorded: by its name)
    "request_info": "info_requested", "declare_admissible": "admissible", "refuse": "refused",
    "refuse_label": "refused", "record_visit": "visited", "grant_label": "labelled",
    "open_renewal": "renewed",
}
PRECISIONS = {"day": N_("to the day"), "month": N_("to the month")}  # a due date typed as a day or a month
# fmt: on
