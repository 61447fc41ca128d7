"""/progres « ✅ Actions » a page at a time: nothing caps an action plan (12 engagements, 10 indicators
each, 10 actions each), and a list of one button per action ran past Telegram's 100 buttons (1,202 on
one message, which Telegram refuses: no action reachable). Each page is one message Telegram takes,
every action is reached in the list's order, and a change of an action's state comes back to its page."""

from __future__ import annotations

import re

from sqlmodel import select

from models.dossier.current import current_dossier
from models.tables import Action, Indicator
from tests.conversations.test_bilans import admissible_coop
from tests.fakes.entities import utf16_len
from tests.unit.test_query_counts import counting

TELEGRAM_MAX_BUTTONS = 100  # more, and Telegram refuses the message (« reply markup is too long »)
# long, and longer still as HTML (« & » is « &amp; », « < » is « &lt; »): each line is kept short
DESCRIPTION = "Former « R&D » <l’équipe> & les locataires aux économies d’énergie " * 3
OWNER = ("Direction & <Conseil> " * 10)[:200]
NOTE = "Deux sessions & <ateliers> tenues, une en juin ; " * 20
ADDED = 150  # actions added to the 8 of the dossier: 158 in all, 16 pages of 10
# a state changed: the visitor (1), the action and its indicator (2), the dossier's version, the state and
# its audit entry (3), the list to draw its page (2: the indicators with their actions, the attachments)
STATE_CHANGE = 8
OPEN_ACTION = 3  # the visitor (1), the action and its indicator (2)


def keyboard(message: dict) -> list[dict]:
    return [b for row in (message.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]


def page_of(text: str) -> str:
    """« Page 3/11 » as the list says it."""
    return re.search(r"Page \d+/\d+", text).group(0)


async def with_many_actions(harness, director, count: int = ADDED) -> list[int]:
    """``count`` actions more, spread over the dossier's indicators, their positions out of the order of
    their ids; every action's id in the list's order (the indicators' order, then each one's plan's)."""
    async with harness.database.transaction() as session:
        dossier = await current_dossier(session, director.invitations.coop.id)
        indicators = (await session.exec(select(Indicator).where(Indicator.dossier_id == dossier.id))).all()
        for k in range(count):
            session.add(
                Action(
                    indicator_id=indicators[k % len(indicators)].id, position=(count - k) % 7,
                    description=f"A{k:03d} {DESCRIPTION}", owner=OWNER, note=NOTE if k % 2 else None,
                    status=("not_started", "in_progress", "done")[k % 3],
                )
            )  # fmt: skip
        await session.flush()
        listed = await session.exec(
            select(Action.id)
            .join(Indicator, Action.indicator_id == Indicator.id)
            .where(Indicator.dossier_id == dossier.id)
            .order_by(Indicator.engagement_code, Indicator.position, Indicator.id, Action.position, Action.id)
        )
        return list(listed.all())


async def open_actions(director) -> None:
    await director.send("/progres")
    await director.press("✅ Actions")


async def turn(user, arrow: str) -> None:
    """⬅️ or ➡️ of the list's pages (not « ⬅️ Retour »)."""
    (data,) = [b["callback_data"] for b in keyboard(user.last) if b["text"] == arrow]
    await user.press_data(user.last, data)


def actions_on(message: dict) -> dict[int, int]:
    """The actions a page lists: number → id."""
    return {
        int(re.match(r"\S+ (\d+) · ", b["text"]).group(1)): int(b["callback_data"].split(":")[1])
        for b in keyboard(message)
        if b["callback_data"].startswith("pgs:")
    }


async def test_every_action_of_a_long_plan_is_reached_a_page_at_a_time(world):
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Actions")
    expected = await with_many_actions(harness, director)
    await open_actions(director)
    listed, pages = {}, []
    while True:
        message = director.last
        assert len(keyboard(message)) <= TELEGRAM_MAX_BUTTONS, f"{len(keyboard(message))} buttons"
        assert utf16_len(message["text"]) <= 4096
        pages.append(page_of(message["text"]))
        listed |= actions_on(message)
        if not any(b["text"] == "➡️" for b in keyboard(message)):
            break
        count = len(director.messages)
        await turn(director, "➡️")
        assert len(director.messages) == count, "a page is the list's message, edited, not new messages"
    assert sorted(listed) == list(range(1, len(expected) + 1))  # numbered across pages, none twice
    assert [listed[n] for n in sorted(listed)] == expected  # every action, in the list's order
    assert pages == [f"Page {n}/{len(pages)}" for n in range(1, len(pages) + 1)]
    assert "🏠 Mon dossier" in director.buttons() and "⬅️ Retour" in director.buttons()
    await turn(director, "⬅️")
    assert page_of(director.last_text) == f"Page {len(pages) - 1}/{len(pages)}"


async def at_page_three(harness, name: str):
    """The direction of a coop with a long plan, at its third page of actions; that page's actions."""
    director, _member, _committee = await admissible_coop(harness, name)
    await with_many_actions(harness, director)
    await open_actions(director)
    await turn(director, "➡️")
    await turn(director, "➡️")
    assert page_of(director.last_text).startswith("Page 3/")
    return director, actions_on(director.last)


async def test_a_state_changed_comes_back_to_the_page_it_was_pressed_on(world):
    harness, _clock = world
    director, shown = await at_page_three(harness, "Coop Pages")
    number = sorted(shown)[4]
    count = len(director.messages)
    await director.press(f" {number} · ")
    await director.press("⏳ En cours")
    assert page_of(director.last_text).startswith("Page 3/")
    assert f"⏳ {number} · " in " ".join(director.buttons())
    assert len(director.messages) == count, "the list's message, edited in place"
    async with harness.database.transaction() as session:
        assert (await session.get(Action, shown[number])).status == "in_progress"
    # « ⬅️ Retour » from an action, and from its note once saved, back to its page too
    await director.press(f" {sorted(shown)[0]} · ")
    await director.press("⬅️ Retour")
    assert page_of(director.last_text).startswith("Page 3/")
    await director.press(f" {number} · ")
    await director.press("✏️ Note")
    await director.send("Trois ateliers tenus.")
    await director.press("⬅️ Retour")
    assert page_of(director.last_text).startswith("Page 3/")
    assert "Trois ateliers tenus." in director.last_text


async def test_a_dropped_action_taken_up_comes_back_to_its_page(world):
    harness, _clock = world
    director, shown = await at_page_three(harness, "Coop Reprise")
    number = sorted(shown)[-1]
    async with harness.database.transaction() as session:
        action = await session.get(Action, shown[number])
        action.status, action.note = "dropped", "Plus de budget."
        session.add(action)
    await director.press("⬅️")
    await director.press("➡️")  # the page drawn again, the action dropped
    await director.press(f"🚫 {number} · ")
    await director.press("⏳ En cours")
    await director.press("Annuler")  # back to the action, then its page
    await director.press("⬅️ Retour")
    assert page_of(director.last_text).startswith("Page 3/")
    await director.press(f"🚫 {number} · ")
    await director.press("⏳ En cours")
    await director.press("Oui, reprendre")
    assert "Action reprise" in director.last_text and "Plus de budget." in director.last_text
    assert page_of(director.last_text).startswith("Page 3/")
    assert f"⏳ {number} · " in " ".join(director.buttons())


async def test_after_a_restart_the_page_is_found_again(world):
    """The page on display is known to the process that drew it; another process (a restart, another
    instance) finds the page that holds the action."""
    harness, _clock = world
    director, shown = await at_page_three(harness, "Coop Relance")
    number = sorted(shown)[2]
    await harness.restart()
    await director.press(f" {number} · ")
    await director.press("⬅️ Retour")
    assert page_of(director.last_text).startswith("Page 3/")
    await director.press(f" {number} · ")
    await harness.restart()
    await director.press("✅ Terminée")
    assert page_of(director.last_text).startswith("Page 3/")
    assert f"✅ {number} · " in " ".join(director.buttons())


async def test_a_button_of_the_list_before_its_pages_still_opens_it(world):
    harness, _clock = world
    director, _shown = await at_page_three(harness, "Coop Ancienne")
    await director.press_data(director.last, "pga")  # a list drawn before its pages: the first page
    assert page_of(director.last_text).startswith("Page 1/")
    await director.press_data(director.last, "pga:999")  # a page gone since: the last one
    assert page_of(director.last_text) == "Page 16/16"


async def test_a_short_plan_is_one_page_as_before(world):
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Courte")
    await open_actions(director)
    assert "Page " not in director.last_text
    assert not {"⬅️", "➡️"} & set(director.buttons())
    assert len(actions_on(director.last)) == 8


async def test_a_state_change_costs_no_more_statements(world):
    """What a change of an action's state runs: the visitor, the action, its indicator, the change with its
    audit entry and the dossier's version, and the list read once to draw its page."""
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Compte")
    await open_actions(director)
    await director.press(" 1 · ")
    with counting(harness.database.engine) as counted:
        await director.press("⏳ En cours")
    assert "⏳ 1 · " in " ".join(director.buttons())
    assert counted.commits == 1, counted.said()
    assert len(counted.statements) <= STATE_CHANGE, counted.said()


async def test_opening_an_action_from_its_page_costs_no_more_statements(world):
    """The page it was opened from is the list on display: the action's screen reads no list to find it."""
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Ouvre")
    await open_actions(director)
    with counting(harness.database.engine) as counted:
        await director.press(" 1 · ")
    assert "✏️ Note" in director.buttons()
    assert counted.commits == 0, counted.said()
    assert len(counted.statements) <= OPEN_ACTION, counted.said()
