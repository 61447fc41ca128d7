"""/export alone for the federation: one screen a page at a time (« Page 1/13 », ⬅️ ➡️ editing it in
place), every page one message whatever the names, the submitted dossiers first under /comite's groups;
before, 150 coops with long names came as 6 messages in a row."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from conversations.render.html import units
from models.tables import Coop, Dossier, DossierStatus
from tests.conftest import ADMIN_ID

NBSP = "\u00a0"
LONG = (
    "Coopérative d’Habitat Social & Accession « Les Jardins < Les Tilleuls » 🏡 n°{n:04d} Société "
    "Coopérative d’Intérêt Collectif HLM de la Région Auvergne-Rhône-Alpes, pour un habitat participatif, "
    "solidaire."
)
# the committee's order (/comite's groups), a draft not listed, a renewed coop preparing its cycle 2
STATUSES = [
    DossierStatus.LABELLED,
    DossierStatus.SUBMITTED,
    DossierStatus.ADMISSIBLE,
    DossierStatus.REFUSED,
    DossierStatus.DRAFT,
    DossierStatus.RENEWED,
]


def long_name(n: int) -> str:
    """A name of the longest a coop may have: 200 characters with « & », « < » and an emoji."""
    name = LONG.format(n=n)
    assert len(name) == 200
    return name


async def seed(harness, count: int, name) -> None:
    """``count`` coops named ``name(n)``, their dossiers at the STATUSES in turn."""
    async with harness.database.transaction() as session:
        for n in range(count):
            coop = Coop(name=name(n), created_at=datetime(2026, 1, 1, tzinfo=UTC))
            session.add(coop)
            await session.flush()
            status = STATUSES[n % len(STATUSES)]
            submitted = None if status == DossierStatus.DRAFT else datetime(2026, 6, 1, tzinfo=UTC)
            session.add(Dossier(coop_id=coop.id, cycle=1, status=status, submitted_at=submitted))
            if status == DossierStatus.RENEWED:
                session.add(Dossier(coop_id=coop.id, cycle=2, status=DossierStatus.DRAFT))


async def every_page(user) -> list[str]:
    """/export, then ➡️ to the last page: each page's text, checked to be ONE message edited in place."""
    await user.send("/export")
    assert len(user.replies) == 1
    screen = user.last
    pages = [screen["text"]]
    while "➡️" in user.buttons(screen):
        await user.press("➡️", screen)
        assert [m["message_id"] for m in user.replies] == [screen["message_id"]]  # edited, not sent anew
        screen = user.replies[0]
        pages.append(screen["text"])
    return pages


def listed_ids(pages: list[str]) -> list[int]:
    """The coops' numbers, in the order the pages list them."""
    return [int(found) for page in pages for found in re.findall(r"^#(\d+) ", page, re.MULTILINE)]


async def test_150_coops_with_long_names_are_one_screen_of_pages(harness):
    await seed(harness, 150, long_name)
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    pages = await every_page(admin)
    assert len(pages) == 11  # 125 listed, 12 a page; 25 drafts not listed
    assert pages[0].startswith(f"Quelle coopérative{NBSP}? Envoyez /export suivi de son numéro")
    assert all(units(page) <= 4096 for page in pages)
    assert [f"Page {n}/11" in page for n, page in enumerate(pages, 1)] == [True] * 11
    ids = listed_ids(pages)
    assert len(ids) == len(set(ids)) == 125
    # the names whole, « & » and « < » included, as the lines said before
    assert long_name(1) in pages[0]
    # the submitted first (what the committee reads next), then in /comite's order
    assert pages[0].split("\n")[2] == "Soumis"
    groups = [
        line for page in pages for line in page.split("\n") if line and not re.match(r"#\d+ |Page ", line)
    ]
    assert "Cycle suivant en préparation" in groups[-2]
    assert f"pas encore soumis leur dossier{NBSP}: elles ne sont pas dans la liste" in pages[-1]
    assert f"— cycle 2 en préparation{NBSP}; cycle 1 à relire" in pages[-1]  # /comite's words
    # and back: ⬅️ edits the same message to the page before
    await admin.press("⬅️")
    assert "Page 10/11" in admin.last_text and len(admin.replies) == 1


async def test_names_of_escaped_characters_still_make_one_message_a_page(harness):
    """200 characters of « & », « < » and emoji are 1,000 units once escaped: cut with « … »."""
    await seed(harness, 30, lambda n: f"{n:03d} " + "&<🏡" * 49)
    committee = harness.user(ADMIN_ID, "Fédé", "en")
    pages = await every_page(committee)
    assert len(pages) == 3 and all(units(page) <= 4096 for page in pages)
    assert all("…" in line for page in pages for line in page.split("\n") if re.match(r"#\d+ ", line))
    assert len(listed_ids(pages)) == 25


async def test_a_page_past_the_end_and_a_direction_alone(harness):
    """An old ➡️ past the last page (coops submitted back to draft meanwhile) shows the last; a coop's
    direction's /export is its own bundle, as before."""
    await seed(harness, 30, lambda n: f"Coop {n:02d}")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await admin.send("/export")
    await admin.press_data(admin.last, "cme:9")
    assert "Page 3/3" in admin.last_text and len(admin.replies) == 1
    coop = await harness.add_coop("Coop Zip")
    direction = harness.user(171)
    await direction.send(f"/start {coop.direction_token}")
    await direction.send("/export")
    assert direction.last["document"]["file_name"].endswith(".zip")
    await direction.press_data(direction.last, "cme:1")
    assert "réservé à la fédération" in " ".join(direction.alerts)
