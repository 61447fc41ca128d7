"""/progres « ✅ Actions »: a coop whose eight indicators each have an action « Former l’équipe — La
directrice » read eight identical lines, and an action's screen said neither which indicator it serves
nor when it is due. Each line now says its engagement, its indicator (short) and its due date, each button
its number, and an action's screen its engagement, indicator and due date; a page at its longest is still
one message."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from conversations.render.html import MESSAGE_LIMIT, units
from models.dossier.current import current_dossier
from models.tables import Action, Indicator
from tests.conversations.test_action_taken_up_page import REASON
from tests.conversations.test_bilans import admissible_coop
from tests.conversations.test_progress_actions_pages import actions_on, keyboard, page_of, with_many_actions
from tests.unit.test_query_counts import counting

ACTION = "Former l’équipe"
# the list opened reads the visitor, saves where they are, reads the plan (indicators and actions, one
# join) and the documents, however many actions it lists: no statement per action nor per indicator
PAGE_STATEMENTS = 4
# each part of a line at the most it shows as HTML: a few « & » (five units each), the rest plain, cut
LONGEST_DESCRIPTION = "&&&&& " + "Former l’équipe aux économies d’énergie " * 30
LONGEST_OWNER = "&& " + "La responsable de la gestion locative " * 5
LONGEST_TITLE = ("& Part des logements rénovés en classe A ou B " * 7)[:300]  # an indicator's title, its most
LONGEST_NOTE = "&& " + "Trois ateliers tenus en juin, un quatrième à l’automne " * 18


def title_of(code: int) -> str:
    """An indicator's own title, its engagement's number in it (shorter than a list's room: whole)."""
    return f"Logements rénovés ({code})"


async def with_own_titles(harness, director) -> dict[int, int]:
    """Each indicator titled by its engagement, the action of engagement 3 due on 31 December 2027 (the
    others stay « mars 2027 »); each action's id by its engagement."""
    async with harness.database.transaction() as session:
        dossier = await current_dossier(session, director.invitations.coop.id)
        found = await session.exec(
            select(Indicator, Action)
            .join(Action, Action.indicator_id == Indicator.id)
            .where(Indicator.dossier_id == dossier.id)
        )
        actions = {}
        for indicator, action in found.all():
            indicator.title, indicator.suggested_code = title_of(indicator.engagement_code), None
            if indicator.engagement_code == 3:
                action.due_date, action.due_precision = date(2027, 12, 31), "day"
            session.add_all([indicator, action])
            actions[indicator.engagement_code] = action.id
        return actions


def plain(text: str) -> str:
    return text.replace("\u00a0", " ")


async def test_actions_alike_say_their_engagement_indicator_and_due_date(world):
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Pareilles")
    actions = await with_own_titles(harness, director)
    await director.send("/progres")
    with counting(harness.database.engine) as counted:
        await director.press("✅ Actions")
    assert len(counted.statements) <= PAGE_STATEMENTS, counted.said()
    lines = [line for line in plain(director.last_text).splitlines() if ACTION in line]
    assert len(lines) == 8 and len(set(lines)) == 8, director.last_text
    for code in actions:
        (line,) = [line for line in lines if f"(Eng. {code} · {title_of(code)})" in line]
        due = "31 décembre 2027" if code == 3 else "mars 2027"
        assert f"{ACTION} — La directrice — {due} (Eng." in line, line
    labels = [b["text"] for b in keyboard(director.last) if b["callback_data"].startswith("pgs:")]
    assert len(labels) == 8 and len(set(labels)) == 8, labels
    (third,) = [line for line in lines if "(Eng. 3 · " in line]
    number = third.split(". ", 1)[0].split()[-1]
    (pressed,) = [b for b in keyboard(director.last) if b["text"].startswith(f"⬜ {number} · ")]
    assert pressed["callback_data"] == f"pgs:{actions[3]}", pressed
    await director.press(f"⬜ {number} · ")
    said = plain(director.last_text).splitlines()
    assert said[:4] == [
        "Plan d’actions · Engagement 3 · Indicateur 1",
        title_of(3),
        ACTION,
        "Porteur : La directrice · échéance : 31 décembre 2027",
    ], director.last_text


async def test_in_english_too(world):
    harness, _clock = world
    director, member, _committee = await admissible_coop(harness, "Coop Alike")
    await with_own_titles(harness, director)
    await member.send("/progress")
    await member.press("✅ Actions")
    (line,) = [line for line in member.last_text.splitlines() if "(Eng. 3 · " in line]
    assert line.endswith(f"La directrice — 31 December 2027 (Eng. 3 · {title_of(3)})"), line
    number = line.split(". ", 1)[0].split()[-1]
    await member.press(f"⬜ {number} · ")
    assert member.last_text.splitlines()[:4] == [
        "Action plan · Engagement 3 · Indicator 1",
        title_of(3),
        ACTION,
        "In charge: La directrice · due: 31 December 2027",
    ], member.last_text


async def test_a_page_at_its_longest_with_a_notice_above_is_one_message(world):
    """A plan of 1,200 actions at its page 101 (« 🚫 1001. » to « 1010. »), every part of every line at the
    most it shows as HTML: the longest indicator titles (« & » five units), no due date yet (« échéance à
    renseigner ⚠️ », longer than any date), a taken-up action's reason of 1,000 characters quoted above;
    the page is still one message, the reason given back whole below it."""
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Longue")
    await with_many_actions(harness, director, 1200 - 8)
    await director.send("/progres")
    await director.press("✅ Actions")
    await director.press_data(director.last, "pga:100")
    assert page_of(director.last_text) == "Page 101/120"
    shown = actions_on(director.last)
    number = max(shown)
    async with harness.database.transaction() as session:
        for n, action_id in shown.items():
            action = await session.get(Action, action_id)
            action.description, action.owner = LONGEST_DESCRIPTION, LONGEST_OWNER
            action.due_date, action.status = None, "dropped"
            action.note = REASON if n == number else LONGEST_NOTE
            indicator = await session.get(Indicator, action.indicator_id)
            indicator.title, indicator.suggested_code = LONGEST_TITLE, None
            session.add_all([action, indicator])
    await director.press("➡️")
    await director.press("⬅️")  # the page drawn again, at its longest
    await director.press(f"🚫 {number} · ")
    await director.press("⏳ En cours")
    await director.press("Oui, reprendre")
    page, *after = director.replies
    assert page_of(page["text"]) == "Page 101/120", page["text"]  # the notice and the page: one message
    assert [m["text"] for m in after] == [REASON]  # the reason whole, below it
    texts = [c.params.get("text") or "" for c in harness.fake.calls]
    *_earlier, drawn = [text for text in texts if "Page 101/120" in text]  # the page, as sent (HTML)
    assert units(drawn) <= MESSAGE_LIMIT, units(drawn)  # as HTML, what a message is cut by
    assert units(drawn) > 3700, units(drawn)  # every part at its longest: the case the room is for
    lines = [line for line in page["text"].splitlines() if "(Eng. " in line]
    assert len(lines) == len(shown), page["text"]
    assert all("échéance à renseigner ⚠️ (Eng. 10 · " in line and line.endswith("…)") for line in lines), lines
