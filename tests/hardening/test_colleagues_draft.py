"""The authorization matrix's announcement rows on a REAL draft another federation admin is writing
(``matrix_rows.COLLEAGUES_DRAFT``), × every kind of visitor: the world's own admin is refused as
everyone else is (a draft is its author's), politely and with no side effect; the draft stays as its
author left it, nothing sent."""

from __future__ import annotations

from sqlmodel import select

from bot.delivery.announcements import deliver_announcements
from models.tables import Announcement, AnnouncementStatus, Delivery, FederationRoleName
from models.users import grant_federation_role
from tests.hardening.matrix_rows import COLLEAGUES_DRAFT, fill
from tests.hardening.test_matrix import try_cell
from tests.hardening.world import USER_IDS, Kind, build_world, dump
from tests.miniapp import local_client

AUTHOR = 9100011  # another federation admin, none of the matrix's kinds of visitor


async def colleagues_draft(harness) -> int:
    """Another admin writes a complete announcement, left on its preview, to everyone: its id."""
    author = harness.user(AUTHOR, "Dominique", "en")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, AUTHOR, FederationRoleName.ADMIN)
    await author.send("/announce")
    for answer in ("VisioCoop of Dominique", "December 9 at 9am", "https://visio.example.org/d", "-"):
        await author.send(answer)
    await author.press("Everyone")
    async with harness.database.transaction() as session:
        return (await session.exec(select(Announcement.id))).one()


async def test_a_colleagues_draft_is_refused_to_every_other_visitor(web_harness):
    harness = web_harness
    async with local_client(harness.web_url) as api:
        world = await build_world(harness, api)
        world.ids["colleagues_draft"] = draft_id = await colleagues_draft(harness)
        cells = [
            (fill(data, world.ids), kind, kind in allowed)
            for data, allowed in COLLEAGUES_DRAFT.items()
            for kind in Kind
        ]
        failures = []
        for row, kind, allowed in sorted(cells, key=lambda cell: cell[2]):  # the refused cells first
            before = None if allowed else await dump(harness)
            calls_before = len(harness.fake.calls)
            answered, how = await try_cell(harness, world, api, "button", row, kind, allowed)
            if not answered:
                failures.append(f"{row} × {kind}: no answer ({how})")
            if allowed:
                continue
            others = [c for c in harness.fake.calls[calls_before:] if c.chat_id not in (None, USER_IDS[kind])]
            changed = sorted(t for t, rows in (await dump(harness)).items() if before[t] != rows)
            if changed or others:
                failures.append(f"{row} × {kind}: refused cell changed {changed} / {how}")
        assert not failures, f"{len(failures)} cell(s) failed:\n" + "\n".join(failures)
        assert sum(not allowed for *_, allowed in cells) == 13 * len(Kind) + 3 * (len(Kind) - 1)
    await deliver_announcements(harness.application)
    async with harness.database.transaction() as session:
        draft = await session.get(Announcement, draft_id)
        assert (await session.exec(select(Delivery))).all() == []
    assert draft.status == AnnouncementStatus.DRAFT and draft.title == "VisioCoop of Dominique"
