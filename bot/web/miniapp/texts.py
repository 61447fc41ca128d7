"""Every text of the Mini App's page, translated where the user's language is known.

The templates hold no words of their own: they show these (and the fields' labels, examples and
error messages, which are the chat's), so the catalogs and their test see every text.
"""

from __future__ import annotations

from conversations.committee.wording import COMES_BACK
from conversations.render.formatting import RENEWAL_AHEAD, quoted
from conversations.ui.common import ANSWER_REFUSALS, REFUSALS
from conversations.ui.middleware import NOT_A_MEMBER
from locales import N_, Translator
from models.dossier.indicators import MAX_ACTIONS_PER_INDICATOR, MAX_INDICATORS_PER_ENGAGEMENT
from models.dossier.reads import EDITABLE
from models.tables import Dossier

# shown by the page as it is drawn (the server renders them in the page)
PAGE = {
    "title": N_("Quali’Coop dossier — {coop}"),
    "progress": N_("Progress: {percent}%"),
    "engagements": N_("Engagements"),
    "choose_rule": N_("Choose at least 8 engagements, at least 2 in each axis."),
    "provisional": N_("provisional title, until the federation publishes the official wording"),
    "indicators": N_("Indicators and action plans"),
    "no_engagement": N_("No engagement chosen yet: start with an axis."),
    "indicator": N_("Indicator {n}"),
    "action": N_("Action {n}"),
    "add_indicator": N_("➕ Add an indicator"),
    "add_action": N_("➕ Add an action"),
    "new_indicator": N_("Title of the new indicator"),
    "new_action": N_("Description of the new action"),
    # the compact list of the page's parts at its top, and the button that brings it back from below
    "parts": N_("Parts of the dossier"),
    "to_parts": N_("Back to the parts of the dossier"),
    "part_indicators": N_("Indicators"),
    "part_involvement": N_("Approach"),
    "part_consultations": N_("Consultations"),
    "involvement": N_("Approach and involvement"),
    "documents": N_("Documents"),
    "documents_note": N_("Documents are added in the chat: send the file to the bot."),
    # the page adds and edits the rows; deleting one is the chat's, with its confirmation
    "delete_note": N_(
        "To delete an indicator or an action, use the chat: /dossier, 📊 Indicators, then the 🗑 button of "
        "the indicator or the action."
    ),
    "no_document": N_("No document yet."),
    "letter": N_("Commitment letter"),
    "supporting": N_("Supporting document"),
    "gaps": N_("Still missing:"),
    "read_only": N_("Read-only: this dossier is with the validation committee."),
    "not_retained": N_(
        "Read-only: the committee did not retain this candidacy. The direction may prepare a new one "
        "from the dossier’s home, in the chat."
    ),
    "not_retained_reader": N_("Read-only: the committee did not retain this candidacy."),
    # read-only while the coop holds the dossier (the committee reading): said so, not “with the committee”
    "read_only_info_requested": N_(
        "Read-only: the committee asked for more information; the coop is completing this dossier."
    ),
    "read_only_admissible": N_(
        "Read-only: this dossier was found admissible; the coop is putting its approach in place."
    ),
    "read_only_labelled": N_("Read-only: the coop holds the label; it is carrying out its action plans."),
    "read_only_renewed": N_("Read-only: this cycle is closed; the next cycle’s dossier carries on."),
    # a label whose three years are over (the chat's home says it ended): to the coop, with what comes
    # next in the home's words; to a reader, the coop's renewal
    "read_only_ended": N_("Read-only: the label has ended."),
    "renewal": RENEWAL_AHEAD,
    "read_only_ended_reader": N_(
        "Read-only: the label has ended; the validation committee is to open the coop’s renewal "
        "(cycle {cycle})."
    ),
    "pick_date": N_("Choose the date: {field}"),
    "team": N_("The team"),
    "direction": N_("direction"),
    "team_direction": N_(
        "To invite a colleague, or take off the team someone who has left the coop: “🤝 My team” in the chat."
    ),
    "team_member": N_("To invite a colleague, ask your direction for the coop’s link."),
    "dossiers": N_("Dossiers followed by the committee"),
    "no_dossier": N_("No dossier is with the committee yet."),
    "to_list": N_("⬅️ Back to the list"),
    # a committee member (or an admin) on a coop's team too: from their coop's dossier to the list, and back
    "to_committee": N_("📋 Dossiers followed by the committee"),
    "to_own": N_("⬅️ Your coop’s dossier"),
    # the committee reading a dossier: its files come in the chat, in /export's ZIP
    "export": N_(
        "The files: send /export {number} in the chat (a ZIP with the dossier’s PDF and every file)."
    ),
    # a unit in the coop's own words, typed as the chat lets them (« jours ouvrés »)
    "own_unit_option": N_("✏️ Other unit…"),
    "own_unit": N_("Your own unit"),
    "own_unit_example": N_("e.g. working days"),
    "missing": N_("not set yet"),  # a field still to fill, in words after its label (its ⚠️ is not read)
}
# once nothing is missing, the next step, by the dossier's status and the visitor's role (as the chat's home)
NEXT_STEPS = {
    "mark_ready": N_("Everything is complete: you can mark the dossier as ready in the chat."),
    "submit": N_(
        "Everything is complete and the dossier is ready: submit it to the validation committee from its "
        "home in the chat, with “{button}”."
    ),
    "submit_button": N_("📤 Submit to the committee"),  # the chat's own button
    "direction_submits": N_("The direction submits the dossier to the validation committee."),
}
# used by the page's script while the user works (sent with the page, as data)
SCRIPT = {
    "saving": N_("saving…"),
    "saved": N_("saved"),
    "added_indicator": N_("indicator added"),  # under the form that added it, as the chat's history says
    "added_action": N_("action added to the plan"),
    "conflict": N_("A colleague changed « {field} » while you were typing."),
    "elsewhere": N_(
        "You changed “{field}” elsewhere (in the chat, or in another window) since this page showed it."
    ),
    "theirs": N_("Their value: {value}"),
    "stored": N_("What is saved: {value}"),
    "mine": N_("Your answer: {value}"),
    "keep_mine": N_("Keep mine"),
    "keep_theirs": N_("Keep theirs"),
    "keep_page": N_("Keep this page’s"),
    "keep_stored": N_("Keep the saved one"),
    "not_kept": N_("Your answer, not kept, to copy if you need it:"),
    # a text typed in a field removed meanwhile (its indicator, its engagement), kept beside the page
    "gone": N_(
        "Not saved: what “{field}” belonged to was removed meanwhile, perhaps by a colleague. Your text, "
        "to copy if you need it:"
    ),
    "close": N_("Close"),
    "offline": N_(
        "Not saved: the connection was lost. Your text is still here: leave the field to try again."
    ),
    "expired": N_("This page has expired: close it and open it again from the chat."),
    # a long text's length near its limit, counted as the server counts it
    "count": N_("{count} / {limit} characters"),
    "offline_tick": N_("Not saved: the connection was lost. Tick it again in a moment."),
    "offline_untick": N_("Not saved: the connection was lost. Untick it again in a moment."),
    # a kind or a unit not stored: the menu back on the dossier's, to choose again (it has no text to keep)
    "offline_choice": N_("Not saved: the connection was lost. Choose again in a moment."),
    "offline_add": N_("Not added: the connection was lost. Your text is still here: press ➕ again."),
    # a value the page's own change of the indicator's kind or unit cleared (the server's rule)
    "cleared_unit": N_("Cleared: the unit changed (it was “{value}”). Type it again in the new unit."),
    # a number's first unit clears what does not fit it: the chat's words (no unit changed, nothing to retype)
    "cleared_fit": N_("{field} cleared: {value} does not fit this unit."),
    "cleared_kind": N_(
        "Cleared: the kind of value changed (it was “{value}”). Type it again in the new kind."
    ),
    # a saved answer erased and left: the chat has no empty answer, so the saved one is put back in its field
    "emptied": N_(
        "An answer cannot stay empty: the saved one is back in its field. To change it, type the new one in "
        "its place."
    ),
    "expired_typed": N_(
        "This page has expired: copy your text (it is still in its field), then close the page and open it "
        "again from the chat."
    ),
}
# why the page cannot be opened (a member sees their coop's current dossier; the federation, the
# dossiers the committee follows); who is in no coop is told as the chat tells them (NOT_A_MEMBER)
NOT_THEIR_DOSSIER = N_(
    "This is not your coop’s current dossier: open the app again from the chat to see yours."
)
NOT_SUBMITTED = N_(
    "This dossier has not been submitted to the validation committee yet: it can be read here once submitted."
)
NO_DOSSIER = N_("There is no such dossier.")
# a candidacy not retained on reading, prepared again (the same dossier a draft again): /comite's words
NOT_RETAINED_AGAIN = (N_("The validation committee did not retain this candidacy."), COMES_BACK)
# the dossier submitted, closed or not retained since the page was drawn editable: why nothing more is saved
# and who may change what now (the page is drawn again read-only, what was typed kept beside it)
LOCKED_NOW = {
    "submitted": N_(
        "The dossier has been submitted to the validation committee: nobody can change it any more, unless "
        "the committee asks for more information."
    ),
    "closed": N_(
        "The committee has declared this dossier admissible: it is closed, and nobody can change it any more."
    ),  # and later: visited, labelled, renewed
    "refused": N_(
        "The committee did not retain this candidacy: nothing can be changed until the direction prepares a "
        "new one, from the dossier’s home in the chat."
    ),
}
KEPT_BELOW = N_("Your text is kept below to copy it.")
# a row removed meanwhile, said when a save to it is refused: the page is drawn again without it, the text
# typed in it kept below this sentence, to copy (the chat's « what you were answering » fits no page)
REMOVED = {
    "attachment": N_(
        "This document was removed meanwhile, perhaps by a colleague: your text is kept below to copy it."
    ),
    "indicator": N_(
        "This indicator was removed meanwhile, perhaps by a colleague: your text is kept below to copy it."
    ),
    "action": N_(
        "This action was removed meanwhile, perhaps by a colleague: your text is kept below to copy it."
    ),
    "engagement": N_(
        "This engagement was unticked meanwhile, perhaps by a colleague: your text is kept below to copy it."
    ),
}
REMOVED_ITEM = N_(
    "This item was removed meanwhile, perhaps by a colleague: your text is kept below to copy it."
)
NOT_ALLOWED = REFUSALS["not_allowed"]


# texts the chat says with their places quoted (« … » in French, “…” in English): sent with the marks around
# each place, for the page to fill in
QUOTED = {"cleared_fit"}


class Quoting(dict):
    """A text's places, each left for the page to fill, within the language's quotation marks."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language

    def __missing__(self, place: str) -> str:
        return quoted(self.language, "{" + place + "}")


def translated(t: Translator, table: dict[str, str]) -> dict[str, str]:
    """A table of texts in the user's language."""
    texts = {key: t.gettext(message) for key, message in table.items()}
    for key in QUOTED.intersection(texts):
        texts[key] = texts[key].format_map(Quoting(t.language))
    return texts


def limit_text(t: Translator, rows: str) -> str:
    """How many rows a part of the dossier takes at most: « 10 indicateurs au plus par engagement »."""
    if rows == "indicators":
        n = MAX_INDICATORS_PER_ENGAGEMENT
        return t.ngettext(
            "At most {n} indicator per engagement", "At most {n} indicators per engagement", n
        ).format(n=n)
    n = MAX_ACTIONS_PER_INDICATOR
    return t.ngettext("At most {n} action per indicator", "At most {n} actions per indicator", n).format(n=n)


def locked_text(t: Translator, status: str, kept: bool = False) -> str:
    """Why a page drawn editable saves nothing more, by its dossier's status now (an earlier cycle's, the
    page open since: closed); with ``kept``, that what was typed is kept below to copy."""
    said = t.gettext(LOCKED_NOW.get(status, LOCKED_NOW["closed"]))
    return f"{said} {t.gettext(KEPT_BELOW)}" if kept else said


def script_texts(t: Translator, dossier: Dossier | None) -> dict[str, str]:
    """The script's texts; on a page its visitor can no longer change, why a text kept on the phone from
    when it could is not on it (a draft whose field is gone: not « removed meanwhile »)."""
    texts = translated(t, SCRIPT)
    if dossier is not None and dossier.status not in EDITABLE:
        texts["locked"] = locked_text(t, dossier.status, kept=True)
    return texts


def removed_text(t: Translator, entity: str) -> str:
    """Why a field's save was refused when its row was removed meanwhile, naming the row's kind if known."""
    return t.gettext(REMOVED.get(entity, REMOVED_ITEM))


def refusal_text(t: Translator, code: str, typed: bool = False) -> str:
    """Why an action was refused, as the chat says it: a typed value (a field, a new row's title) as
    the chat refuses a typed answer (« what you were answering has been removed »), a tick as a button."""
    if typed and code in ANSWER_REFUSALS:
        return t.gettext(ANSWER_REFUSALS[code])
    return t.gettext(REFUSALS.get(code, NOT_ALLOWED))


__all__ = [
    "NEXT_STEPS",
    "NOT_A_MEMBER",
    "NOT_SUBMITTED",
    "NOT_THEIR_DOSSIER",
    "NO_DOSSIER",
    "PAGE",
    "SCRIPT",
    "limit_text",
    "refusal_text",
    "removed_text",
    "translated",
]
