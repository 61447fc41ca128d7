"""What every journey shares: the navigation buttons, the refusals, the language buttons, a text given
back. Labels are defined once here, so « ⬅️ Retour » and « 🏠 Mon dossier » read the same on every screen."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import urlencode

from telegram import InlineKeyboardMarkup, Update, WebAppInfo

from conversations.render.html import e

# a file's words (what is taken, why not) live with the other refusals of what a person gives
from conversations.render.input_errors import ACCEPTED_FILES as ACCEPTED_FILES
from conversations.render.input_errors import FILE_REFUSALS as FILE_REFUSALS
from conversations.render.input_errors import TO_FEDERATION as TO_FEDERATION
from conversations.ui import callbacks as cb
from conversations.ui.context import COMMITTEE_ONLY, WAY_FORWARD, QualiContext
from conversations.ui.messages import Button, keyboard, reply, send_plain

# a list's pages are laid out with its buttons (ui.messages); their turns, labelled, are here
from conversations.ui.messages import Page as Page
from conversations.ui.messages import page_in as page_in
from conversations.ui.shown import known_on_display, mark_followed
from locales import N_, SUPPORTED_LANGUAGES, translator
from models.chat_state import HOME as HOME_SCREEN
from models.chat_state import Position
from models.dossier.reads import DossierError
from models.users import set_language

BACK = N_("⬅️ Back")
HOME = N_("🏠 My dossier")
KEEP = N_("✅ Keep")
CANCEL = N_("Cancel")
OPEN_APP = N_("🖊 Open the dossier in full")
RECAP_BACK = N_("⬅️ Recap")  # short: it shares its row with 🏠
FROM_RECAP = "recap"  # in a screen's position: opened from /recap's ✏️, which it leads back to
LANGUAGE_NAMES = {"fr": "🇫🇷 Français", "en": "🇬🇧 English"}

# why a button or an answer was refused, by the code of the domain's error
REFUSALS = {
    "not_yours": N_("This button is not for your coop’s dossier, or what it pointed to was removed."),
    "locked": N_("The dossier has been submitted: it can no longer be changed. 🔒"),  # nowhere: no « here »
    # the same in the words of the dossier's state: submitted, or admissible and after
    # (no « here », as if it could be elsewhere: ``TO_FEDERATION`` follows, the file's way on)
    "with_committee": N_("Your dossier is with the validation committee: it can no longer be changed. 🔒"),
    "closed": N_(
        "Your candidacy’s dossier is closed: the committee declared it admissible, and it can no longer be "
        "changed. 🔒"
    ),
    "not_retained": N_(
        "The committee did not retain this candidacy: nothing can be changed until the direction prepares "
        "a new one, from the dossier’s home. 🔒"
    ),
    "limit_reached": N_("That is the maximum for this part of the dossier."),
    "changed_meanwhile": N_(
        "A colleague changed the dossier a moment ago: nothing was submitted. Check it, then submit again."
    ),
    "not_followed": N_(
        "Progress is followed once the validation committee has declared the dossier admissible."
    ),
    "follow_up_not_retained": N_(
        "The validation committee did not retain this candidacy: no follow-up is in progress."
    ),
    "transition_refused": N_("This decision is not possible at this stage of the dossier."),
    "decided_meanwhile": N_(
        "Another decision on this dossier was recorded a moment ago: nothing was changed. Look at it again."
    ),
    "not_allowed": N_("Your role does not allow this."),
    "committee_only": COMMITTEE_ONLY,  # taken off the committee at its question: /comite's words
    # issue 14
    "consultation_closed": N_("This consultation is closed: answers are no longer accepted."),
    "not_sent_to_you": N_("This consultation was not sent to you."),  # a ballot's button, pressed by another
    "not_sent_open_link": N_(
        "This consultation was not sent to you. If you were given its link, open it again to answer."
    ),
    "empty_answer": N_("Tick at least one choice."),
    "bilan_sent": N_("This checkpoint report has been sent: it can no longer be changed."),
    "renewal_opened": N_(  # a cycle's follow-up, reached after the committee opened the next one
        "The renewal of your label has opened: the previous cycle’s follow-up is closed, its checkpoint "
        "reports stay with the validation committee. The new cycle’s dossier is prepared from 🏠 My dossier."
    ),
}


# a typed answer's refusal where the button's would not fit (« this button »)
ANSWER_REFUSALS = {
    "not_yours": N_("What you were answering has been removed in the meantime, perhaps by a colleague."),
}


def refusal(context: QualiContext, code: str) -> str:
    """The sentence explaining a refusal (plain text)."""
    return context._(REFUSALS.get(code, REFUSALS["not_yours"]))


ROLE_LOST = frozenset({"committee_only", "not_allowed"})  # a staff role taken back at its question


class OffCommittee(DossierError):
    """A committee question answered by someone taken off the committee meanwhile."""

    code = "committee_only"


def answer_refusal(context: QualiContext, code: str) -> str:
    """The sentence explaining why a typed answer could not be stored (plain text); a role lost, for
    someone in no coop (no home follows, ``pastes.give_back``): where to go, as a command's refusal says."""
    said = context._(ANSWER_REFUSALS[code]) if code in ANSWER_REFUSALS else refusal(context, code)
    if code in ROLE_LOST and context.visitor is not None and context.visitor.coop is None:
        said += " " + context._(WAY_FORWARD[False])
    return said


def back_button(context: QualiContext, data: str) -> Button:
    """« ⬅️ Back » to the given callback data."""
    return (context._(BACK), data)


def home_button(context: QualiContext) -> Button:
    """« 🏠 My dossier »."""
    return (context._(HOME), cb.HOME.pack())


def nav_row(context: QualiContext, back: str | None = None) -> list[Button]:
    """The last row of a screen: back (when there is somewhere to go back to) and home."""
    return ([back_button(context, back)] if back else []) + [home_button(context)]


def from_recap(args: tuple, index: int) -> dict:
    """What a screen's position keeps of a button's flag ``r`` at ``index`` (callbacks): opened from the
    recap, or not (older buttons, without it, are not)."""
    return {FROM_RECAP: 1} if len(args) > index and args[index] == 1 else {}


def recap_flag(data: dict) -> tuple[int, ...]:
    """The flag ``r`` a screen's own buttons carry on, to stay a screen opened from the recap."""
    return (1,) if data.get(FROM_RECAP) else ()


def recap_kept(context: QualiContext, position: Position) -> Position:
    """Where a step deeper, a step back or a change leads, still on the way from the recap when the
    screen it was made from is: the flag ``r`` travels in positions where buttons' data have no room
    for it (a question, a file, a row, another journey's screen), so the screen after an edit and the
    one « ⬅️ Back » returns to keep « ⬅️ Back to the recap ». The dossier's home ends the way.
    The way is taken from what the user is on only: after a restart the saved menu may be an older
    one than the menu on display, reached since from the home (``shown.known_on_display``)."""
    here = context.where.position.data if known_on_display(context) else {}
    if not here.get(FROM_RECAP) or position.data.get(FROM_RECAP) or position.screen == HOME_SCREEN:
        return position
    return Position(position.screen, {**position.data, FROM_RECAP: 1})


def recap_button(context: QualiContext, data: dict) -> list[Button]:
    """« ⬅️ Recap » on a screen opened from /recap, where its way back leads; nothing otherwise."""
    return [(context._(RECAP_BACK), cb.REVIEW.pack())] if data.get(FROM_RECAP) else []


def recap_rows(context: QualiContext, data: dict) -> list[list[Button]]:
    """« ⬅️ Recap » on a row of its own, above a screen's « ⬅️ Back | 🏠 » (three are too wide for a row)."""
    return [row] if (row := recap_button(context, data)) else []


def home_row(context: QualiContext, data: dict) -> list[Button]:
    """The last row of a screen whose way back is home: « ⬅️ Recap | 🏠 My dossier » opened from /recap."""
    return [*recap_button(context, data), home_button(context)]


def keep_button(context: QualiContext, data: str) -> Button:
    """« ✅ Keep » the current value of a question, on to the given callback data."""
    return (context._(KEEP), data)


def page_turns(
    context: QualiContext, page: Page, turn: Callable[[int], str]
) -> tuple[list[str], list[Button]]:
    """Under a list of several pages, « Page 2/3 » and the ⬅️ ➡️ row (``turn`` packs a page's button)."""
    if page.count == 1:
        return [], []
    said = context._("Page {n}/{total}").format(n=page.number + 1, total=page.count)
    row = [("⬅️", turn(page.number - 1))] if page.number > 0 else []
    row += [("➡️", turn(page.number + 1))] if page.number + 1 < page.count else []
    return ["", e(said)], row


def app_url(services, **query: object) -> str | None:
    """The Mini App's address (with a query), when the bot serves it: a public URL and a port are set."""
    if not services.public_url or services.web is None:
        return None
    return f"{services.public_url}/app" + (f"?{urlencode(query)}" if query else "")


def open_app_row(context: QualiContext, **query: object) -> list[Button]:
    """« 🖊 Open the dossier in full » (the Mini App), or nothing when the bot does not serve it."""
    url = app_url(context.bot_data, **query)
    return [] if url is None else [(context._(OPEN_APP), WebAppInfo(url))]


def cancel_button(context: QualiContext, data: str) -> Button:
    """« Cancel » a confirmation, back to the given screen."""
    return (context._(CANCEL), data)


def language_keyboard(*rows: list[Button], choose: cb.Callback = cb.LANGUAGE) -> InlineKeyboardMarkup:
    """One button per supported language (each in its own language), then the given rows (the way back)."""
    return keyboard([(LANGUAGE_NAMES[code], choose.pack(code)) for code in SUPPORTED_LANGUAGES], *rows)


# what follows a language chosen in the bot, registered by the journey that names the commands
# (onboarding.language): the chat's « / » menu in it, the command a question was left for named in it
LANGUAGE_FOLLOWERS: list[Callable[[QualiContext], Awaitable[None]]] = []


async def speak(context: QualiContext, language: str) -> None:
    """A language chosen in the bot, from /language or /settings alike: stored and spoken from now on,
    then, the choice committed, what follows it (``LANGUAGE_FOLLOWERS``), before the answer is drawn."""
    async with context.db.transaction() as session:
        context.visitor.user = await set_language(session, context.visitor.user.id, language)
    context.t = translator(language)
    for follow in LANGUAGE_FOLLOWERS:
        await follow(context)


# federation staff in no coop, by (committee, admin): their commands as /help lists them, in a line
STAFF_WAY = {
    (True, False): N_(
        "Use /committee for the dossiers and the committee’s decisions, /dashboard for the coops engaged, "
        "or /help for help."
    ),
    (False, True): N_(
        "Use /requests for the coops’ requests, /announce to announce a VisioCoop meeting, /dashboard for "
        "the coops engaged, or /help for help."
    ),
    (True, True): N_(
        "Use /committee for the dossiers, /requests for the coops’ requests, /announce to announce a "
        "VisioCoop meeting, /dashboard for the coops engaged, or /help for help."
    ),
}


def staff_way(context: QualiContext, why: str) -> str:
    """Why federation staff in no coop go no further (``why``, translated), then their commands."""
    visitor = context.visitor
    return f"{context._(why)} {context._(STAFF_WAY[visitor.is_committee, visitor.is_admin])}"


async def not_understood(update: Update, context: QualiContext) -> None:
    """Anything no other handler took: say so and point to the way forward."""
    visitor = context.visitor
    if visitor is not None and visitor.coop is None and not (visitor.is_committee or visitor.is_admin):
        # not in a coop yet: /dossier would only say so; the way in, and the languages (maybe not chosen)
        text = context._(
            "I did not understand. To start, open the invitation link your coop’s direction or the "
            "federation sent you. You can choose your language below."
        )
        await reply(update, e(text), language_keyboard())
        return
    if visitor is not None and visitor.coop is None:  # federation staff: their own work, no dossier
        await reply(update, e(staff_way(context, N_("I did not understand."))))
        return
    text = context._("I did not understand. Use /dossier to open your dossier or /help for help.")
    await reply(update, e(text))


async def hand_back(update: Update, context: QualiContext, why: str, text: str) -> None:
    """Say why a typed text could not be taken, and send it back whole, so that it is not lost."""
    if not text.strip():  # nothing but spaces: nothing to give back
        await reply(update, f"⚠️ {e(why)}")
        return
    kept = context._("Here is what you wrote, so that it is not lost:")
    await reply(update, f"⚠️ {e(why)}\n{e(kept)}")
    await send_plain(update, text)


DRAFT_TEXT_FOLLOWS = N_("Its text follows, so that nothing is lost.")
DRAFT_ALREADY_DELETED = N_("This draft was already deleted.")


def giving_back(*texts: str):
    """A deleted draft's texts sent whole below the screen, plain (a step's ``after``); the screen then
    marked followed: the next one comes below them, not above, unseen."""

    async def send(update: Update, context: QualiContext) -> None:
        if any(text.strip() for text in texts):
            await send_plain(update, texts)
            await mark_followed(context)

    return send


def handing_back(text: str):
    """After « Keep theirs »: the person's own text, stored nowhere, sent back whole (a step's ``after``)."""

    async def send(update: Update, context: QualiContext) -> None:
        await reply(update, e(context._("Your answer, not kept, follows so that it is not lost:")))
        await send_plain(update, text)
        await mark_followed(context)  # below the screen: the next one comes below it, not above, unseen

    return send
