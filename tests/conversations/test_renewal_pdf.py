"""The PDF of a renewal (cycle 2), which the committee prints and archives, says it is a renewal and shows
cycle 1's results beside cycle 2 (domain.md: at renewal the coop shows at least that cycle 1's results
are maintained): the cover « Renouvellement — cycle 2 » with cycle 1's label dates, and a part « Résultats
du cycle 1 » listed in its contents, each cycle-1 indicator with its start, target, last value reached and
when, and its value in cycle 2 where the coop carried it over, as « 📜 Cycle 1 » says them in the chat.
A first cycle's PDF reads nothing more; a renewal's reads the earlier cycle only, never its own again."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from models.referential.parsing import default_referential
from models.tables import User
from tests.conversations.test_committee_earlier_cycle import renewal_compared, submit
from tests.conversations.test_committee_next_cycle import refused_and_applying_again
from tests.conversations.test_dashboard_many_coops import statements
from tests.conversations.test_early_visit import COMMITTEE_ID, submitted_coop

SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})
INDICATORS_READ = "LEFT OUTER JOIN action"  # one dossier's indicators and actions, in one statement


def title(code: int) -> str:
    return default_referential().engagement(code).title.fr


def layout_pages(harness, message, tmp_path) -> list[str]:
    """Each page of a PDF the bot sent, as poppler's pdftotext lays it out (a table's row on its line)."""
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext is missing: install the Debian package poppler-utils")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    file_id = message["document"]["file_id"]
    path = tmp_path / "sent.pdf"
    path.write_bytes(
        harness.fake.file_content(harness.fake.handle("getFile", {"file_id": file_id})["file_path"])
    )
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True).stdout
    return [re.sub(r" +", " ", page.translate(SPACES)) for page in text.decode().split("\f")]


async def committee_pdf(harness, committee, tmp_path, read: list | None = None) -> list[str]:
    """The committee opens the coop's dossier and presses « 📄 PDF » (its statements in ``read``)."""
    await committee.send("/comite")
    await committee.press("#1 Coop Ho")
    with statements(harness) as pressed:
        await committee.press("📄 PDF")
    (read if read is not None else []).extend(sql for sql, _calls in pressed)
    return layout_pages(harness, next(m for m in reversed(committee.messages) if "document" in m), tmp_path)


def line_with(page: str, *words: str) -> str:
    """The page's one line holding every word."""
    found = [line for line in page.splitlines() if all(w in line for w in words)]
    assert len(found) == 1, (words, page)
    return found[0]


async def test_the_renewal_pdf_says_it_is_one_and_compares_cycle_1_s_results(world, tmp_path):
    harness, clock = world
    _director, committee, codes, added = await renewal_compared(harness, clock)
    pages = await committee_pdf(harness, committee, tmp_path, read := [])
    assert sum(INDICATORS_READ in sql for sql in read) == 2  # cycle 1's, and cycle 2's once
    cover = pages[0]
    assert "Renouvellement — cycle 2" in cover
    assert "du 22 novembre 2026 au 22 novembre 2029" in line_with(cover, "Label du cycle 1")
    assert re.search(r"Résultats du cycle 1 \.* ?2\b", line_with(cover, "Résultats du cycle 1"))
    assert "Dossier de candidature" in cover  # the title the file name and the footers keep

    axes = next(n for n, page in enumerate(pages) if page.lstrip().startswith("Axe 1 —"))
    results = "".join(pages[1:axes])  # its own pages, between the cover and the engagements
    assert results.lstrip().startswith("Résultats du cycle 1")
    flat = " ".join(results.split())
    assert f"Engagement {codes[0]} — {title(codes[0])}" in flat
    # as « 📜 Cycle 1 »: start 10 %, target 20 % by 31 May 2028, 15 % reached on 3 March 2028; now 16 % → 25 %
    first = line_with(results, "Indicateur 1 ")
    assert re.search(r"Indicateur 1 10 % 20 % 15 % 16 % → 25 %", first), first
    assert "31 mai 2028" in results and "le 3 mars 2028" in results and "31 mai 2031" in results
    # carried over unchanged; renamed in cycle 2 (not recognised); the third engagement dropped
    assert re.search(rf"Indicateur {codes[3]} 10 % 20 % 10 % 10 % → 20 %", results)
    assert re.search(rf"Indicateur {codes[1]} 10 % 20 % 10 % Non reconduit\n", results)
    assert "Nouvel indicateur au cycle 2 : « Taux <réel> & présence »" in flat
    assert "Engagement non reconduit au cycle 2. Indicateur Départ" in flat  # under its own title
    assert f"Engagement ajouté au cycle 2 : • Engagement {added} — {title(added)}" in flat
    assert not re.search(r"[\U0001F300-\U0001FAFF]", "".join(pages))  # no emoji on paper

    async with harness.database.transaction() as session:
        (await session.get(User, COMMITTEE_ID)).language = "en"
    english = await committee_pdf(harness, committee, tmp_path)
    assert "Renewal — cycle 2" in english[0] and "Cycle 1 label" in english[0]
    assert "from 22 November 2026 to 22 November 2029" in english[0]
    assert english[1].lstrip().startswith("Cycle 1 results")
    assert "Not carried over" in english[1] and "on 3 March 2028" in english[1]


async def test_a_first_cycle_s_pdf_reads_no_earlier_cycle(world, tmp_path):
    harness, _clock = world
    _director, committee = await submitted_coop(harness)
    pages = await committee_pdf(harness, committee, tmp_path, first_cycle := [])
    assert "Renouvellement" not in pages[0] and "Résultats du cycle" not in "".join(pages)
    assert sum(INDICATORS_READ in sql for sql in first_cycle) == 1
    assert not [sql for sql in first_cycle if "dossier.cycle = " in sql]  # no earlier cycle looked for


async def test_a_new_candidacy_after_a_label_refused_is_not_called_a_renewal(world, tmp_path):
    harness, _clock = world
    _director, committee = await refused_and_applying_again(harness)
    await submit(harness)  # cycle 2 completed and submitted
    pages = await committee_pdf(harness, committee, tmp_path)
    cover = pages[0]
    assert "Nouvelle candidature — cycle 2" in cover and "Renouvellement" not in cover
    assert "Label du cycle 1" not in cover
    assert "Résultats du cycle 1" in cover and pages[1].lstrip().startswith("Résultats du cycle 1")
