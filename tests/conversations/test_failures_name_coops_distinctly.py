"""« ⚠️ Voir les échecs » names each coop so that two coops never read alike: whole when the page holds
them, else cut alike to fit one message, keeping the end of those whose start is the same (« Société
Coopérative d’Intér…Haute-Garonne et des Pyrénées »).

Before: every coop name was cut at 60 characters at its end (``failure_line``'s ``COOP_LENGTH``): two
coops of the network whose official names start alike read the same (« Société Coopérative d'Intérêt
Collectif d'Habitations à Loy… »), and the admin could not tell whose members were not reached."""

from __future__ import annotations

from bot.delivery.announcements import deliver_announcements
from conversations.render.html import units
from conversations.ui import callbacks as cb
from tests.conftest import ADMIN_ID
from tests.conversations.test_announce_failures import failed_announcement
from tests.conversations.test_broadcast import approved_announcement, seed_members
from tests.sends import retries_due

START = "Société Coopérative d'Intérêt Collectif d'Habitations à Loyer Modéré de la "
GARONNE = START + "Vallée de la Haute-Garonne et des Pyrénées"
GIRONDE = START + "Gironde"


def coops_named(page: str) -> list[str]:
    """The coop of each line of a page of failures: « • Camille (Coop) — reason »."""
    lines = [line for line in page.splitlines() if line.startswith("• ")]
    return [line[line.index("(") + 1 : line.rindex(") — ")] for line in lines]


async def test_failed_deliveries_name_their_coop_whole_when_the_page_holds_it(harness):
    for user_id, name in ((42001, GARONNE), (42002, GIRONDE)):
        coop = await harness.add_coop(name)
        await seed_members(harness.database, coop.member_token, range(user_id, user_id + 1))
        harness.fake.fail_next("sendMessage", 400, "Bad Request: chat not found", count=10, chat_id=user_id)
    admin = harness.user(ADMIN_ID, language_code="fr")
    await admin.send("/start")
    await approved_announcement(harness.database)
    await deliver_announcements(harness.application)
    while await retries_due(harness.database):
        await deliver_announcements(harness.application)
    await admin.press("⚠️ Voir les échecs")
    assert sorted(coops_named(admin.last_text)) == sorted([GARONNE, GIRONDE]), admin.last_text


def alike(i: int) -> tuple[str, str]:
    """Long first names, and 200-character coop names alike but for their last words."""
    end = f" de la vallée n°{i:03d}"
    return f"Camille{i:03d} " + "de la Grande Maison" * 3, (START * 3)[: 200 - len(end)] + end


async def test_coops_alike_but_for_their_end_stay_distinct_on_a_full_page(harness):
    announcement_id = await failed_announcement(harness, 45, alike)
    admin = harness.user(ADMIN_ID, language_code="fr")
    await admin.send("/aide")
    await admin.press_data(admin.last, cb.ANNOUNCEMENT_FAILURES.pack(announcement_id))
    for number in (1, 2, 3):
        page = admin.last_text
        assert f"Page {number}/3" in page and len(admin.replies) == 1 and units(page) <= 4096
        named = coops_named(page)
        assert len(named) == (20 if number < 3 else 5) and len(set(named)) == len(named), named
        assert all(name.startswith("Société Coopérative") for name in named), named
        assert all(("…" in name) == (number < 3) for name in named), named  # the last page holds them whole
        if number < 3:
            await admin.press("➡️")
