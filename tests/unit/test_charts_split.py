"""The progress chart of many indicators is cut into images of at most 12 rows, as even as can be: each
one a photo Telegram accepts and a phone shows whole, each one a picture that fits a page of the
bilan's PDF (one image of 16 rows ran off the page: reportlab's LayoutError)."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pypdf import PdfReader

from conversations.render import charts
from conversations.render.charts import ProgressRow, progress_chart
from conversations.render.commitments.bilan_pdf import bilan_pdf
from conversations.render.commitments.bilans import bilan_view
from locales import Translator
from tests.fakes.methods import check_photo_dimensions
from tests.fakes.protocol import BotApiError

LEGEND = {"start": "départ", "target": "cible", "progress": "avancement", "empty": "—"}


def rows(count: int) -> list[ProgressRow]:
    label = "Part des logements rénovés en bail réel solidaire, mesurée chaque année au 31 décembre"
    return [ProgressRow(f"{n}. {label}", 0, n, 30, f"{n} %", "30 %") for n in range(count)]


@pytest.mark.parametrize(
    ("count", "sizes"),
    [
        (0, [0]),  # the empty chart, one image
        (1, [1]),
        (12, [12]),
        (13, [6, 7]),
        (16, [8, 8]),
        (80, [11, 11, 12, 11, 12, 11, 12]),
        (120, [12] * 10),
    ],
)
def test_the_rows_go_into_images_of_at_most_12_as_even_as_can_be(count: int, sizes: list[int]) -> None:
    parts = charts.chart_parts(rows(count))
    assert [len(part) for part, _mark in parts] == sizes
    assert [row for part, _mark in parts for row in part] == rows(count)  # every row once, in order
    marks = [mark for _part, mark in parts]
    assert marks == ([""] if len(parts) == 1 else [f"{n}/{len(parts)}" for n in range(1, len(parts) + 1)])


def test_the_tallest_image_is_a_photo_telegram_accepts_and_a_phone_shows_whole() -> None:
    (part, mark), *_ = charts.chart_parts(rows(120))
    width, height = Image.open(io.BytesIO(progress_chart(part, "Avancement — Coop", LEGEND, mark))).size
    assert width == 1080 and width + height <= 10_000 and height <= 2 * width, (width, height)


def test_the_fake_bot_api_refuses_a_photo_telegram_refuses() -> None:
    """What /progres sent for 80 rows: 1,080 × 11,585 px, over sendPhoto's width + height ≤ 10,000."""
    for size in ((1080, 11_585), (100, 2100)):  # too big, too thin
        with pytest.raises(BotApiError, match="PHOTO_INVALID_DIMENSIONS"):
            check_photo_dimensions(png_of(size))
    check_photo_dimensions(png_of((1080, 1865)))


def png_of(size: tuple[int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_part_s_mark_is_drawn_at_the_top_right(monkeypatch) -> None:
    drawn = []
    real_png = charts.png
    monkeypatch.setattr(charts, "png", lambda figure: drawn.append(figure) or real_png(figure))
    progress_chart(rows(3), "Avancement — Coop", LEGEND, "2/7")
    progress_chart(rows(3), "Avancement — Coop", LEGEND)
    marked, alone = ([text.get_text() for text in figure.texts] for figure in drawn)
    assert "2/7" in marked and "2/7" not in alone


def bilan_of(count: int) -> bytes:
    indicator = {
        "kind": "number",
        "unit": "percent",
        "baseline": "12.5",
        "current": "18.5",
        "current_on": "2027-04-23",
        "target": "30",
        "target_date": "2028-05-31",
        "actions": [],
    }
    content = {
        "checkpoint": "six_months",
        "due_on": "2027-05-23",
        "indicators": [indicator | {"title": f"Indicateur {n // 3 + 1}.{n % 3 + 1}"} for n in range(count)],
        "difficulties": "Peu de locataires aux réunions.",
        "help_wanted": "",
    }
    return bilan_pdf(bilan_view(Translator("fr"), content, "Coop Bilan", "Envoyé le …", None))


@pytest.mark.parametrize(("count", "pictures"), [(12, 1), (16, 2), (120, 10)])
def test_the_bilan_pdf_holds_its_chart_in_pictures_each_within_a_page(count: int, pictures: int) -> None:
    reader = PdfReader(io.BytesIO(bilan_of(count)))
    assert sum(len(page.images) for page in reader.pages) == pictures
    assert f"Indicateur {(count - 1) // 3 + 1}." in " ".join(page.extract_text() for page in reader.pages)
