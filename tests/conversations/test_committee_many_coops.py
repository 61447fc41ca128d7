"""The committee's lists with many coops: /export's and /comite's pages run the same statements for 30
coops as for 300 (/export counted the coops not listed with two statements per coop: ~4,000 for 2,000
coops at every page turn); /comite's pages stay one message whatever the names (20 names of 200
characters of « & », « < » and emoji came as two messages, the page turns then failing to edit them);
and /export NAME, when coops added twice before 4ad2713 share that name, asks which one."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from conversations.render.html import units
from models.coops import list_coops
from models.tables import (
    Checkpoint,
    Coop,
    Dossier,
    DossierStatus,
    FederationRoleName,
    Member,
    MemberRole,
    User,
)
from models.users import grant_federation_role
from tests.conftest import ADMIN_ID, NOW
from tests.conversations.test_dashboard_many_coops import statements
from tests.conversations.test_export_pages import long_name, seed

NBSP = "\u00a0"
COMMITTEE_ID = 8000002


async def committee_member(harness, language: str = "fr"):
    """A member of the validation committee, on no coop's team."""
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    return harness.user(COMMITTEE_ID, "Claude", language)


async def counted(harness, member) -> list[int]:
    """The statements of /export, its ➡️, /comite and its ➡️ (both lists of several pages)."""
    counts = []
    for command in ("/export", "/comite"):
        with statements(harness) as opened:
            await member.send(command)
        with statements(harness) as turned:
            await member.press("➡️")
        assert len(member.replies) == 1 and "Page 2/" in member.last_text, member.last_text
        counts += [len(opened), len(turned)]
    return counts


async def test_the_lists_run_the_same_statements_for_30_coops_as_for_300(harness):
    """Counted on the engine: no statement per coop, listed or not (the drafts are 1 in 6)."""
    await seed(harness, 30, lambda n: f"Coop {n:04d}")
    member = await committee_member(harness)
    await member.send("/comite")  # the first visit registers the person
    small = await counted(harness, member)
    await seed(harness, 270, lambda n: f"Coop {n + 30:04d}")
    large = await counted(harness, member)
    assert small == large, (small, large)
    assert f"50 coopératives n’ont pas encore soumis leur dossier{NBSP}:" in (await last_export_page(member))


async def test_the_coop_list_of_the_cli_reads_the_coops_in_three_statements(harness):
    """`qualicoop coop list` (models.coops.list_coops) read two statements a coop; its counts unchanged:
    the members, the directions among them, the latest cycle's status (a renewed coop's draft)."""
    await seed(harness, 12, lambda n: f"Coop {n:04d}")
    async with harness.database.transaction() as session:
        session.add(User(id=9_100_000, first_name="Dana"))
        await session.flush()
        session.add(Member(user_id=9_100_000, coop_id=1, role=MemberRole.DIRECTION))
    async with harness.database.transaction() as session:
        with statements(harness) as read:
            summaries = await list_coops(session)
    assert len(read) == 3, read
    by_name = {summary.coop.name: summary for summary in summaries}
    assert (by_name["Coop 0000"].members, by_name["Coop 0000"].direction_members) == (1, 1)
    assert (
        by_name["Coop 0001"].members == 0 and by_name["Coop 0001"].dossier_status == DossierStatus.SUBMITTED
    )
    assert by_name["Coop 0005"].dossier_status == DossierStatus.DRAFT  # renewed: its cycle 2 a draft


async def last_export_page(member) -> str:
    """/export's last page, where the sentence on the coops not listed is."""
    await member.send("/export")
    total = int(re.search(r"Page 1/(\d+)", member.last_text)[1])
    await member.press_data(member.last, f"cme:{total - 1}")
    return member.last_text


async def overdue_coops(harness, count: int, name) -> None:
    """``count`` coops declared admissible, each with its visit overdue (the longest line /comite shows:
    « ⏰ Visite du comité (18 mois) — 20 novembre 2026, en retard »), in cycle 3."""
    async with harness.database.transaction() as session:
        for n in range(count):
            coop = Coop(name=name(n), created_at=datetime(2026, 1, 1, tzinfo=UTC))
            session.add(coop)
            await session.flush()
            dossier = Dossier(
                coop_id=coop.id,
                cycle=3,
                status=DossierStatus.ADMISSIBLE,
                submitted_at=NOW - timedelta(days=90),
            )
            session.add(dossier)
            await session.flush()
            session.add(
                Checkpoint(dossier_id=dossier.id, kind="visit", due_on=NOW.date() - timedelta(days=3))
            )


async def comite_pages(member) -> list[str]:
    """/comite, then ➡️ to the last page: each page ONE message, edited in place."""
    await member.send("/comite")
    assert len(member.replies) == 1, [units(reply["text"]) for reply in member.replies]
    screen = member.last
    pages = [screen["text"]]
    while "➡️" in member.buttons(screen):
        await member.press("➡️", screen)
        assert [m["message_id"] for m in member.replies] == [screen["message_id"]]
        screen = member.replies[0]
        pages.append(screen["text"])
    return pages


def listed_lines(page: str) -> list[str]:
    """The coops' lines of a /comite page."""
    return re.findall(r"^#\d+ .*$", page, re.MULTILINE)


async def test_comite_pages_of_the_longest_names_are_one_message_each(harness):
    """20 names of 200 characters a page, with the longest line (an overdue visit), in both languages:
    each page one message, the names cut alike with « … », the buttons Telegram's (the harness checks
    every keyboard drawn)."""
    await overdue_coops(harness, 25, long_name)
    await overdue_coops(harness, 25, lambda n: f"{n:03d} " + "&<🏡" * 49)
    for language in ("fr", "en"):
        member = await committee_member(harness, language)
        pages = await comite_pages(member)
        assert len(pages) == 3 and all(units(page) <= 4096 for page in pages)
        lines = [line for page in pages for line in listed_lines(page)]
        assert len(lines) == 50 and all("…" in line for line in lines[:40])
        assert all(long_name(n) in page for n in range(15, 25) for page in pages[2:])  # 10 fit whole
        overdue = "en retard" if language == "fr" else "overdue"
        assert all(line.endswith(overdue) for line in lines), lines[0]
        assert len(member.buttons(member.last)) == 10 + 1  # the page's coops, and ⬅️


async def test_comite_names_are_whole_when_the_page_holds_them(harness):
    """A page of a few long names, or of usual ones, shows them whole, as before; on a full page only
    the long names are cut, the short ones whole."""
    await overdue_coops(harness, 3, long_name)
    member = await committee_member(harness)
    (page,) = await comite_pages(member)
    assert all(long_name(n) in page for n in range(3))
    await overdue_coops(harness, 17, lambda n: f"{n:03d} " + "&<🏡" * 49)
    await overdue_coops(harness, 5, lambda n: f"Coop du Lac {n}")
    pages = await comite_pages(member)
    assert len(pages) == 2 and units(pages[0]) <= 4096
    assert [line.count("…") for line in listed_lines(pages[0])] == [1] * 17 + [0] * 3
    assert [f"Coop du Lac {n} — cycle 3" in "".join(pages) for n in range(5)] == [True] * 5


async def twins(harness) -> list[Coop]:
    """Two coops named alike, added before 4ad2713 refused it, both submitted, one in a region."""
    async with harness.database.transaction() as session:
        found = [
            Coop(name="Élan Habitat", region="Bretagne", created_at=datetime(2025, 1, 1, tzinfo=UTC)),
            Coop(name="élan habitat", created_at=datetime(2025, 2, 1, tzinfo=UTC)),
        ]
        session.add_all(found)
        await session.flush()
        for coop in found:
            session.add(
                Dossier(coop_id=coop.id, status=DossierStatus.SUBMITTED, submitted_at=NOW - timedelta(days=9))
            )
    return found


async def test_export_of_a_name_twins_share_asks_which(harness):
    """Both named with their numbers (and the region that tells them apart), how to choose said, in
    both languages; the number then exports that one."""
    first, second = await twins(harness)
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await admin.send("/export Élan Habitat")
    assert admin.last_text == (
        f"⚠️ Plusieurs coopératives portent ce nom{NBSP}:\n"
        f"#{first.id} Élan Habitat — Bretagne\n"
        f"#{second.id} élan habitat\n"
        f"Envoyez /export suivi du numéro de celle que vous voulez, par exemple /export {first.id}."
    )
    await admin.send("/export ELAN HABITAT")  # without accents: the same two
    assert f"#{second.id} élan habitat" in admin.last_text
    committee = await committee_member(harness, "en")
    await committee.send("/export élan habitat")
    assert committee.last_text.startswith("⚠️ Several coops bear this name:\n")
    assert committee.last_text.endswith(f"e.g. /export {first.id}.")
    await committee.send(f"/export {second.id}")
    assert committee.last["document"]["file_name"].endswith(".zip")
    await committee.send(f"/export #{first.id}")
    assert committee.last["document"]["file_name"].endswith(".zip")
