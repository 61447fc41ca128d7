"""The failing cases the matrix and the fuzzer found, kept as small tests (each fixed in this branch)."""

from __future__ import annotations

import pytest

from conversations.ui import callbacks as cb
from conversations.ui.messages import split_text, units
from tests.dossier_steps import join, open_home


def test_a_long_text_of_emoji_is_cut_as_telegram_counts_it():
    """Fuzz seed 20261202, update 976: 4,096 characters of emoji are 8,192 UTF-16 units."""
    text = "🏠" * 5000 + " " + "é" * 10 + "👍🏽" * 3000
    parts = split_text(text)
    assert all(units(part) <= 4096 for part in parts)
    assert "".join(parts).replace(" ", "") == text.replace(" ", "")


def test_an_id_beyond_the_database_range_is_a_forged_button():
    """Fuzz: 'rm:9223372036854775808' overflowed SQLite's integer instead of being refused."""
    with pytest.raises(ValueError):
        cb.REMOVE_ATTACHMENT.unpack("rm:9223372036854775808")
    assert cb.REMOVE_ATTACHMENT.unpack("rm:12") == (12,)


async def test_bilan_before_admissibility_is_explained_not_an_error(harness):
    """Matrix: /bilan on a draft dossier raised NotFollowed into the error handler."""
    sam = await join(harness, 9300001, "en")
    await sam.send("/bilan")
    assert "My dossier" in " ".join(sam.buttons()) or sam.last_text


async def test_a_button_pressed_on_a_file_message_draws_its_screen_anew(harness):
    """Matrix: a button on the PDF's message (no text to edit) raised BadRequest."""
    sam = await join(harness, 9300002, "en")
    await open_home(sam)
    await sam.send("/pdf")
    document = sam.last
    assert "document" in document
    await sam.press_data(document, "kp")
    await sam.press_data(document, "lang:en")
    assert sam.last is not document


async def test_a_forged_announcement_is_refused_even_for_an_admin(harness):
    """Matrix: 'anics:987654' from an admin raised AnnouncementError; 'rsvp:x:y' a ValueError."""
    from tests.conftest import ADMIN_ID

    admin = harness.user(ADMIN_ID, language_code="en")
    await admin.send("/start")
    await admin.press_data(admin.last, "anics:987654")
    await admin.press_data(admin.last, "rsvp:abc:y")
    await admin.press_data(admin.last, "cmr:abc")
    assert admin.alerts


def test_a_number_with_four_decimals_is_shown_whole():
    """Properties: 0.0001 was stored but shown « 0 » (babel shows three decimals by default)."""
    from conversations.render.formatting import format_number
    from locales import translator

    assert format_number(translator("fr"), "0.0001", None) == "0,0001"
    assert format_number(translator("fr"), "1200.5", "euro") == "1\u202f200,50\u00a0€"


def test_a_number_too_long_for_decimal_is_refused_as_too_large():
    """Properties: « 10000000000000000000000000000 » raised decimal.InvalidOperation."""
    from models.parsing.numbers import parse_number
    from models.parsing.text import InputError

    with pytest.raises(InputError, match="too_large"):
        parse_number("10000000000000000000000000000", "fr")


def test_a_meeting_at_one_on_the_first_of_a_month_reads_1_h():
    """Properties: « mardi 1er décembre 2026 à 1er h 00 » — the ordinal was applied twice."""
    from datetime import UTC, datetime

    from conversations.render.formatting import format_moment
    from locales import translator

    assert (
        format_moment(translator("fr"), datetime(2026, 12, 1, 0, 0, tzinfo=UTC))
        == "mardi 1er décembre 2026 à 1 h 00"
    )


async def test_the_mini_app_refuses_ids_beyond_the_database_range(web_harness):
    """An id of 30 digits in a Mini App request overflowed the database: a 500 instead of a refusal;
    so did a JSON float too large for an id, 1e300 or Infinity (the API fuzzer)."""
    import json

    from tests.miniapp import local_client, signed_init_data, tma

    director = await join(web_harness, 9300003, "en")
    headers = tma(signed_init_data(director.id, language="en"))
    requests = []
    for huge in (10**30, 1e300, float("inf")):
        requests += [
            ("GET", f"/app/api/dossier?dossier={huge}", None),
            (
                "POST",
                "/app/api/field",
                {"entity": "indicator", "id": huge, "field": "title", "value": "x", "expected": None},
            ),
            ("POST", "/app/api/action", {"indicator": huge, "value": "x"}),
            ("POST", "/app/api/engagement", {"dossier": huge, "code": huge, "chosen": True}),
        ]
    async with local_client(web_harness.web_url) as api:
        for method, path, body in requests:
            content = json.dumps(body) if body else None  # Infinity as Python's json writes it
            answer = await api.request(method, path, headers=headers, content=content)
            assert 400 <= answer.status_code < 500, (path, body, answer.status_code)


async def test_a_chat_left_on_a_screen_that_no_longer_applies_goes_home(harness):
    """Fuzz: a member left on the progress screen while the dossier is a draft; a typed text raised
    NotFollowed while the screen was drawn again."""
    from conversations.ui import states
    from models.chat_state import Position, load_where, store_position
    from tests.conftest import NOW

    sam = await join(harness, 9300004, "en")
    async with harness.database.transaction() as session:
        where = await load_where(session, sam.id)
        await store_position(session, sam.id, where, Position(states.PROGRESS), now=NOW)
    await sam.send("hello")
    assert "My dossier" in sam.reply_text() or "dossier" in sam.reply_text()


async def test_the_requests_of_a_coop_fit_a_phone_one_per_row(harness):
    """Fuzz: « 2 · 📍 Un point d’étape » side by side with another thread was too wide for a phone."""
    from models.federation.requests import new_draft
    from models.tables import RequestSubject
    from tests.conftest import NOW

    director = await join(harness, 9300005, "fr")
    async with harness.database.transaction() as session:
        for subject in (RequestSubject.CHECKPOINT, RequestSubject.INDICATORS, RequestSubject.CHECKPOINT):
            await new_draft(session, director.invitations.coop.id, director.id, subject, "Question", NOW)
    await director.send("/federation")  # the harness checks every keyboard as a phone shows it
    assert "1 · 📍 Un point d’étape" in director.buttons()


async def test_a_text_given_back_sends_no_blank_message(harness):
    """Fuzz: a paste left behind by a command came back in 4,096-character messages; one held only
    spaces and tabs, which Telegram refuses (« message text is empty »)."""
    sam = await join(harness, 9300006, "en")
    await open_home(sam)
    await sam.press("👥 Approach")
    await sam.press("✍️ Answer")
    await sam.send("x" + " \t\u00a0" * 1365)  # 4,096 characters: Telegram's cut, the rest may follow
    await sam.send("\u202f\n" * 2500)
    given_back = await sam.send("/dossier")  # the question is left, the parts given back at once
    assert "no longer open" in given_back[0]["text"]
    assert [m["text"] for m in given_back[1:-1]] == ["x"]  # its words, and no message of blanks
    assert await harness.settle(sam.id) == []


async def test_a_blank_text_left_behind_is_not_offered_back(harness):
    sam = await join(harness, 9300007, "en")
    await open_home(sam)
    await sam.press("👥 Approach")
    await sam.press("✍️ Answer")
    await sam.send("\u202f\n" * 2048)  # blanks, as long as Telegram's cut: stored to wait for the rest
    given_back = await sam.send("/dossier")
    assert "no longer open" in given_back[0]["text"] and "what you wrote" not in given_back[0]["text"]
    assert len(given_back) == 2  # the notice, then the home
    assert await harness.settle(sam.id) == []


@pytest.mark.parametrize("reference", ["99999999999999999999", "²", "١٢"])
async def test_export_of_a_number_no_coop_can_have_is_a_coop_not_found(harness, reference):
    """Fuzz: « /export 99999999999999999999 » overflowed SQLite's integer; « ² » is a digit to Python
    that int() refuses."""
    from tests.conftest import ADMIN_ID

    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await admin.send(f"/export {reference}")
    assert f"Aucune coopérative «\u00a0{reference}\u00a0»" in admin.last_text


async def test_two_requests_of_one_coop_on_one_subject_are_two_buttons(harness):
    """Fuzz: the federation's inbox showed « ⏳ Coop A · 📍 A checkpoint » twice, for two requests."""
    from models.federation.drafts import send_draft
    from models.federation.requests import new_draft
    from models.tables import RequestSubject
    from tests.conftest import ADMIN_ID, NOW

    director = await join(harness, 9300008, "en")
    async with harness.database.transaction() as session:
        for _ in range(2):
            thread = await new_draft(
                session, director.invitations.coop.id, director.id, RequestSubject.CHECKPOINT, "When?", NOW
            )
            await send_draft(session, thread, NOW)
    admin = harness.user(ADMIN_ID, "Fed", "en")
    await admin.send("/demandes")  # the harness checks every keyboard: no label twice on a screen
    assert [label[:4] for label in admin.buttons()] == ["1 · ", "2 · "]


async def test_the_calendar_file_of_a_draft_without_a_date_is_explained(harness):
    """Fuzz: 'anics:1' from an admin on a draft not yet dated raised a TypeError."""
    from models.announcements import create_announcement
    from tests.conftest import ADMIN_ID, NOW

    async with harness.database.transaction() as session:
        draft = await create_announcement(session, ADMIN_ID, "VisioCoop", now=NOW)
    admin = harness.user(ADMIN_ID, language_code="en")
    await admin.send("/start")
    await admin.press_data(admin.last, f"anics:{draft.id}")
    assert admin.alerts == ["This announcement has no date yet."]


async def test_the_committee_asking_for_a_dossier_that_is_not_there_is_told_so(harness):
    """Fuzz: 'cmr:9' for a dossier that does not exist raised NotYours into the error handler."""
    from models.tables import FederationRoleName
    from models.users import grant_federation_role

    async with harness.database.transaction() as session:
        await grant_federation_role(session, 9300009, FederationRoleName.COMMITTEE)
    claude = harness.user(9300009, language_code="en")
    await claude.send("/comite")
    for data in ("cmr:9", "cmp:9"):  # the review, the PDF
        await claude.press_data(claude.last, data)
        assert claude.alerts == [
            "This button is not for your coop’s dossier, or what it pointed to was removed."
        ]
