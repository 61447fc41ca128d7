"""« Oui, reprendre » on an action dropped in the bilan comes back to the list's page with the drop's
reason said, as it is taken off the action's note. A page of the plan is sized to be one message with a
notice above it; a reason is up to 1,000 characters (« & » five as HTML), so the notice quotes it
shortened and gives it back whole below the page, plain, so that it is not lost, and the page stays one
message. A short reason is quoted whole, nothing more sent."""

from __future__ import annotations

from conversations.render.html import e, units
from models.tables import Action, Indicator
from tests.conversations.test_progress_actions_pages import NOTE, at_page_three, page_of
from tests.fakes.entities import utf16_len

# the longest reason the bilan takes (1,000 characters), longer still as HTML
REASON = ("Le formateur & <l’animatrice> sont partis, le budget R&D est épuisé ; " * 15)[:1000]
SHORT = "Plus de budget."


async def taken_up(harness, reason: str):
    """The direction at the third page of a long plan, every action there with the longest note, the last
    one dropped with ``reason`` and taken up again (« ⏳ En cours », « Oui, reprendre »); its number."""
    director, shown = await at_page_three(harness, "Coop Reprise Longue")
    number = sorted(shown)[-1]
    async with harness.database.transaction() as session:
        for n, action_id in shown.items():
            action = await session.get(Action, action_id)
            action.note = reason if n == number else NOTE
            action.status = "dropped" if n == number else action.status
            session.add(action)
    await director.press("⬅️")
    await director.press("➡️")  # the page drawn again, the action dropped
    await director.press(f"🚫 {number} · ")
    await director.press("⏳ En cours")
    await director.press("Oui, reprendre")
    return director, number


async def test_a_long_reason_is_shortened_above_the_page_and_given_back_whole_below(world):
    harness, _clock = world
    director, number = await taken_up(harness, REASON)
    page, *after = director.replies
    said = page["text"].replace("\u00a0", " ")
    assert said.startswith("↩️ Action reprise : ⏳ En cours. La raison de son abandon, retirée de sa note : ")
    assert page_of(said).startswith("Page 3/"), said  # the notice and the whole page: one message
    assert f"⏳ {number} · " in " ".join(director.buttons(page))
    assert utf16_len(said) <= 4096
    assert REASON not in said and REASON[:150] in said, said  # shortened there
    assert "Son texte entier suit, pour ne pas le perdre." in said, said
    assert [m["text"] for m in after] == [REASON], after  # whole below, plain (« & », « < » as typed)
    (sent,) = [c for c in harness.fake.calls if c.method == "sendMessage" and c.params.get("text") == REASON]
    assert not sent.params.get("parse_mode"), sent.params
    count = len(director.messages)
    await director.press(f"⏳ {number} · ", page)  # the next screen comes below the reason, not above it
    assert len(director.messages) == count + 1 and "✏️ Note" in director.buttons(), director.texts()[-2:]


async def test_a_short_reason_is_quoted_whole_and_nothing_more_is_sent(world):
    harness, _clock = world
    director, _number = await taken_up(harness, SHORT)
    (page,) = director.replies
    said = page["text"].replace("\u00a0", " ")
    assert f"La raison de son abandon, retirée de sa note : {SHORT}" in said, said
    assert "Son texte entier suit" not in said
    assert page_of(said).startswith("Page 3/")


# plain French at the longest each field takes (no « & », which escaped_within cuts far shorter as HTML):
# every line of the page and the notice at the most they show
FORMER = "Former les équipes de gestion locative à l’accueil des nouveaux locataires "
# their words held by no-break spaces: shortened between words, a text with spaces may end a little
# before its room; these fill it, the longest a line can be
WHOLE_WIDTH = str.maketrans(" ", "\u00a0")
PLAIN_DESCRIPTION = (FORMER * 14)[:1000].translate(WHOLE_WIDTH)
PLAIN_OWNER = ("La responsable de la gestion locative et le conseil d’administration " * 4)[:200].translate(
    WHOLE_WIDTH
)
PLAIN_NOTE = ("Trois ateliers tenus en juin avec les locataires, un quatrième prévu à l’automne " * 13)[
    :1000
].translate(WHOLE_WIDTH)
PLAIN_TITLE = ("Part des logements rénovés en classe énergétique A ou B " * 6)[:300].translate(
    WHOLE_WIDTH
)  # an indicator's most
BUDGET = (
    "Le budget de formation a été réaffecté aux travaux de rénovation énergétique décidés par le conseil "
)
PLAIN_REASON = (BUDGET * 3)[:199] + "."  # 200 characters, the longest quoted whole


async def test_plain_text_at_its_longest_with_a_reason_of_200_characters_is_one_message(world):
    harness, _clock = world
    director, shown = await at_page_three(harness, "Coop Reprise Pleine")
    number = sorted(shown)[-1]
    reason = PLAIN_REASON
    assert len(reason) == 200 and units(e(reason)) == 200
    async with harness.database.transaction() as session:
        for n, action_id in shown.items():
            action = await session.get(Action, action_id)
            action.description, action.owner = PLAIN_DESCRIPTION, PLAIN_OWNER
            action.note = reason if n == number else PLAIN_NOTE
            action.status, action.due_date = "dropped" if n == number else "in_progress", None
            indicator = await session.get(Indicator, action.indicator_id)  # each line names it
            indicator.title, indicator.suggested_code = PLAIN_TITLE, None
            session.add_all([action, indicator])
    await director.press("⬅️")
    await director.press("➡️")
    await director.press(f"🚫 {number} · ")
    await director.press("⏳ En cours")
    await director.press("Oui, reprendre")
    (page,) = director.replies  # the notice and the whole page: one message, nothing given back
    said = page["text"]  # as Telegram counts it, once parsed
    assert utf16_len(said) <= 4096, utf16_len(said)
    assert utf16_len(said) > 3400, utf16_len(said)  # every line at its longest: the case the room is for
    assert page_of(said).startswith("Page 3/"), said
    assert f"retirée de sa note\u00a0: {reason}" in said, said  # quoted whole
    assert "Son texte entier suit" not in said
    assert said.count(PLAIN_NOTE[:90]) == len(shown) - 1, said  # each note, shortened on its own line
    assert said.count(f" · {PLAIN_TITLE[:30]}") == len(shown), said  # each indicator, shortened
