"""The dossier survives restarts, colleagues, bad input, forged buttons and submission."""

from __future__ import annotations

from sqlmodel import select

from models.db import Database
from models.dossier.current import current_dossier
from models.dossier.writes import set_engagement
from models.tables import Action, AuditEntry, Dossier, DossierStatus, EngagementChoice, Indicator
from tests.dossier_steps import choose, join, open_home


async def start_indicator(user, code: int) -> None:
    await open_home(user)
    await user.press("📊 Indicators")
    await user.press(f" {code} · ")
    await user.press("➕ Add an indicator")


async def test_restart_in_the_middle_of_an_indicator_resumes_at_the_same_question(harness):
    sam = await join(harness, 501, "en")
    await choose(sam, [1])
    await start_indicator(sam, 1)
    await sam.press("1 · ")
    await sam.send("It keeps homes affordable.")
    await sam.send("12.5")
    assert "What target value do you aim for?" in sam.last_text
    await harness.restart()  # a new Application on the same database, like a crash and restart
    await sam.send("30")
    assert "Target value: 30%" in sam.last_text and "By when should the target be reached?" in sam.last_text
    await harness.restart()
    await sam.press("📅 ")  # the question's own buttons still act after a restart: the default date
    assert "Target date: 1 June 2028" in sam.last_text and "What action will you carry out" in sam.last_text
    async with harness.database.transaction() as session:
        indicator = (await session.exec(select(Indicator))).one()
    assert (indicator.rationale, indicator.current_value, indicator.target_value) == (
        "It keeps homes affordable.",
        "12.5",
        "30",
    )


async def test_two_colleagues_editing_the_same_field_never_lose_a_word(harness):
    sam = await join(harness, 502, "en")
    alex = harness.user(503, first_name="Alex", language_code="en")
    await alex.send(f"/start {sam.invitations.member_token}")
    await choose(sam, [1])
    await start_indicator(sam, 1)
    await sam.press("1 · ")
    await sam.send("First rationale.")
    # both open the rationale of the same indicator
    for user in (sam, alex):
        await open_home(user)
        await user.press("📊 Indicators")
        await user.press(" 1 · ")
        await user.press("· Share of")
        await user.press("✏️ Why")
        assert "Currently: First rationale." in user.last_text
    await alex.send("Alex's rationale.")
    assert "Why it illustrates the Raison d’être: Alex's rationale." in alex.replies[0]["text"]
    await sam.send("Sam's rationale.")
    assert (
        "A colleague changed “Why it illustrates the Raison d’être” while you were typing." in sam.last_text
    )
    assert (
        "Their value: Alex's rationale." in sam.last_text and "Your answer: Sam's rationale." in sam.last_text
    )
    await sam.press("Keep mine")
    async with harness.database.transaction() as session:
        indicator = (await session.exec(select(Indicator))).one()
        trail = (await session.exec(select(AuditEntry).where(AuditEntry.field == "rationale"))).all()
    assert indicator.rationale == "Sam's rationale."
    assert [(a.actor_id, a.new_value) for a in trail] == [
        (502, "First rationale."),
        (503, "Alex's rationale."),
        (502, "Sam's rationale."),
    ]
    # and the other way: keep the colleague's
    await alex.press("✏️ Why")
    await sam.press("✏️ Why")
    await sam.send("Sam again.")
    await alex.send("Alex again.")
    assert "Their value: Sam again." in alex.last_text
    await alex.press("Keep theirs")
    assert "The colleague’s value is kept." in alex.reply_text()
    assert alex.last_text == "Alex again."  # given back: stored nowhere else
    async with harness.database.transaction() as session:
        assert (await session.exec(select(Indicator))).one().rationale == "Sam again."


def words_of(messages: list[dict]) -> list[str]:
    """The words of messages read one after the other (however a text was cut between them)."""
    return " ".join(m.get("text", "") for m in messages).split()


async def test_a_conflict_on_long_texts_shows_both_whole_and_gives_mine_back(harness):
    sam = await join(harness, 531, "en")
    alex = harness.user(532, first_name="Alex", language_code="en")
    await alex.send(f"/start {sam.invitations.member_token}")
    theirs = " ".join(f"alex{n}" for n in range(750))  # about 5,000 characters each
    mine = " ".join(f"sam{n}" for n in range(800))
    for user in (sam, alex):
        await open_home(user)
        await user.press("👥 Approach")
        await user.press("✏️ Approach")
    await alex.paste(theirs[:4096], theirs[4096:])
    first = len(sam.messages)
    await sam.paste(mine[:4096], mine[4096:])
    shown = sam.messages[first:]
    screen = next(m for m in shown if "A colleague changed" in m.get("text", ""))
    assert "Your colleague’s whole text follows, then yours." in screen["text"]
    # both cut on the screen follow it whole: theirs to read, the user's stored nowhere yet, so that
    # leaving by 🏠 or /cancel loses nothing
    assert words_of(shown[shown.index(screen) + 1 :]) == theirs.split() + mine.split()
    await sam.press("Keep theirs", screen)
    assert "The colleague’s value is kept." in sam.reply_text()
    async with harness.database.transaction() as session:
        assert (await session.exec(select(Dossier))).one().approach == theirs


async def test_colleagues_see_each_others_saved_work(harness):
    sam = await join(harness, 504, "en")
    alex = harness.user(505, first_name="Alex", language_code="en")
    await alex.send(f"/start {sam.invitations.member_token}")
    await choose(sam, [1, 2])
    await alex.send("/dossier")
    assert "Engagements: 2/8 minimum" in alex.last_text
    await choose(alex, [5])
    await sam.send("/dossier")
    assert "Engagements: 3/8 minimum" in sam.last_text


async def test_bad_answers_get_a_clear_message_and_the_same_question(harness):
    sam = await join(harness, 506, "en")
    await choose(sam, [1])
    await start_indicator(sam, 1)
    await sam.press("✏️ My own indicator")
    await sam.send("x" * 201)
    assert "Your text has 201 characters; the limit is 200." in sam.replies[0]["text"]
    assert sam.replies[1]["text"] == "x" * 201  # sent back, nothing lost
    assert "What is the indicator called?" in sam.last_text
    await sam.send("Share of <BRS> & PSLA homes")
    assert "Why does this indicator illustrate" in sam.last_text
    await sam.send_photo(b"\x89PNG")
    assert "I need a written answer to this question." in sam.replies[0]["text"]
    assert "Why does this indicator illustrate" in sam.last_text
    await sam.paste("y" * 4096, "y" * 1905)  # 6,001 characters, cut by Telegram in two
    assert "Your text has 6,001 characters; the limit is 6,000." in sam.reply_text()
    await sam.send("Affordable homes for modest households.")
    await sam.press("🔢 A number")
    await sam.press("%")
    assert "e.g. 12.5%" in sam.last_text  # the English way, as the echo writes it
    for bad, message in (
        ("a lot", "I cannot read “a lot” as a number."),
        ("150 %", "A share cannot be more than 100%."),
        ("12 €", "This indicator is measured in %: please type its value in that unit (e.g. 12.5%)."),
    ):
        await sam.send(bad)
        assert message in sam.replies[0]["text"], bad
        assert "What is its current value?" in sam.last_text
    await sam.send("12.5 %")
    assert "Current value: 12.5%" in sam.last_text
    await sam.send("nonsense")
    await sam.send("25")
    await sam.press("📅 1 June 2028")  # the default target date, offered
    await sam.paste("z" * 1001)
    assert (
        "the limit is 1,000" in sam.replies[0]["text"] and "What action will you carry out" in sam.last_text
    )
    await sam.send("Train the team")
    await sam.send("w" * 201)
    assert "the limit is 200" in sam.replies[0]["text"]
    await sam.send("Sales manager")
    for bad, message in (
        ("yesterday", "This date is already past."),  # read (a deadline is ahead)
        ("someday", "I cannot read “someday” as a date."),
        ("31/02/2027", "This date does not exist."),
        ("01/2020", "This date is already past."),
        ("2040", "This date is too far ahead."),  # a year alone: asked its month, once within reach
    ):
        await sam.send(bad)
        assert message in sam.replies[0]["text"], bad
        assert "By when?" in sam.last_text
    await sam.send("15/03/2027")
    assert "Due date: 15 March 2027" in sam.last_text
    async with harness.database.transaction() as session:
        indicator = (await session.exec(select(Indicator))).one()
        action = (await session.exec(select(Action))).one()
    assert indicator.title == "Share of <BRS> & PSLA homes"
    assert (indicator.current_value, indicator.target_value, indicator.unit) == ("12.5", "25", "percent")
    assert (action.owner, action.due_precision) == ("Sales manager", "day")


async def test_involvement_answers_are_checked(harness):
    sam = await join(harness, 507, "en")
    await sam.send("/dossier")
    await sam.press("👥 Approach")
    await sam.press("✍️ Answer")
    await sam.paste("a" * 4096, "a" * 2404)  # 6,500 characters, as Telegram cuts them
    assert "Your text has 6,500 characters; the limit is 6,000." in sam.replies[0]["text"]
    assert [m["text"] for m in sam.replies[1:3]] == ["a" * 4096, "a" * 2404]  # given back whole
    assert "Explain your approach" in sam.last_text
    await sam.send("Our approach")
    for question, answer in (
        ("How were the staff informed", "Staff meeting"),
        ("How were the coopérateurs informed", "Letter"),
        ("Were the staff and the coopérateurs consulted", "Not yet"),
    ):
        assert question in sam.last_text
        await sam.paste("b" * 4096, "b" * 1905)
        assert "the limit is 6,000" in sam.replies[0]["text"] and question in sam.last_text
        await sam.send(answer)
        if answer == "Staff meeting":
            await sam.send("/cancel")  # leave in the middle: what was answered stays
            await sam.send("/dossier")
            assert "Approach and involvement: 2/4" in sam.last_text
            await sam.press("👥 Approach")
            await sam.press("✍️ Answer")
    assert "✅ Consultation of the staff and the coopérateurs" in sam.last_text


async def test_buttons_of_another_coop_or_a_forged_id_do_nothing(harness):
    sam = await join(harness, 508, "en", "Coop One")
    kim = await join(harness, 509, "en", "Coop Two")
    await choose(sam, [1])
    async with harness.database.transaction() as session:
        sam_dossier = (
            await session.exec(select(Dossier).where(Dossier.coop_id == sam.invitations.coop.id))
        ).one()
        indicator_count = len((await session.exec(select(Indicator))).all())
    await kim.send("/dossier")
    for forged in (
        f"tg:{sam_dossier.id}:2:1",
        f"ia:{sam_dossier.id}:1",
        "in:99999",
        f"fe:d:{sam_dossier.id}:a",
        "is:1:1:99",
    ):
        await kim.press_data(kim.last, forged)
        assert kim.alerts == [
            "This button is not for your coop’s dossier, or what it pointed to was removed."
        ], forged
    # no version's arguments, an axis no referential has: an out-of-date menu, kim's home drawn anew
    for malformed in ("tg:abc:1:1", "ax:9", "is:1:1:zz"):
        await kim.press_data(kim.last, malformed)
        assert kim.alerts == ["This menu is out of date: here is where you are."], malformed
        assert "Quali’Coop dossier — Coop Two" in kim.last_text
    async with harness.database.transaction() as session:
        chosen = (
            await session.exec(
                select(EngagementChoice.engagement_code).where(EngagementChoice.dossier_id == sam_dossier.id)
            )
        ).all()
        assert chosen == [1] and len((await session.exec(select(Indicator))).all()) == indicator_count


async def test_a_submitted_dossier_is_read_only(harness):
    sam = await join(harness, 510, "en")
    await choose(sam, [1])
    menu = sam.last
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        dossier.status = DossierStatus.SUBMITTED
        session.add(dossier)
    await sam.press("✅ 1 · ", menu)
    assert sam.alerts == ["The dossier has been submitted: it can no longer be changed. 🔒"]
    await sam.send("/dossier")
    assert "Submitted to the committee 🔒" in sam.last_text and "✅ Mark as ready" not in sam.buttons()
    async with harness.database.transaction() as session:
        assert (await session.exec(select(EngagementChoice.engagement_code))).all() == [1]


async def test_every_button_fits_in_64_bytes(harness):
    sam = await join(harness, 511, "en")
    await choose(sam, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    datas = [
        b.get("callback_data", "")
        for m in harness.fake.messages[511]
        for row in (m.get("reply_markup") or {}).get("inline_keyboard", [])
        for b in row
    ]
    assert datas and max(len(d.encode()) for d in datas) <= 64


async def test_text_typed_on_a_screen_of_buttons_redraws_it(harness):
    sam = await join(harness, 512, "en")
    await sam.send("/dossier")
    await sam.press("Axis 2")
    await sam.send("engagement 5 please")
    assert sam.replies[0]["text"] == "👇 Please choose with the buttons of this screen."
    assert sam.last_text.startswith("Axis 2 — 0/4")
    await sam.press("⬜ 5 · ")
    assert sam.last_text.startswith("Axis 2 — 1/4")


async def test_an_engagement_a_colleague_chose_on_another_instance_meanwhile_shows_as_chosen(harness):
    # the visit read the choices before the colleague's; the screen takes that read (this process ran
    # no transaction between): the choice found already there must still show on it
    sam = await join(harness, 502, "en")
    await sam.send("/dossier")
    await sam.press("Axis 1")
    other_instance = Database(harness.database.url)

    async def colleague_chooses(_update, _context) -> None:
        async with other_instance.transaction() as session:
            dossier = await current_dossier(session, sam.invitations.coop.id)
            await set_engagement(session, dossier, 1, True, actor_id=None)

    try:
        with harness.meanwhile(colleague_chooses):
            await sam.press("⬜ 1 · ")
    finally:
        await other_instance.dispose()
    assert "✅ 1 · " in " ".join(sam.buttons())
    async with harness.database.transaction() as session:
        chosen = (await session.exec(select(AuditEntry).where(AuditEntry.action == "choose"))).all()
    assert [entry.actor_id for entry in chosen] == [None]  # the colleague's only: Sam's was not needed
