"""The progress chart of any dossier reaches the phone and the PDF: a coop named « Habitat & Partage » gets
its chart (the caption is HTML), a dossier of many indicators gets it in images of at most 12 rows each,
sent as one album whose photos Telegram accepts (width + height ≤ 10,000 px), and its bilan's PDF
builds, the chart over as many pictures as it takes, each fitting a page."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from PIL import Image
from pypdf import PdfReader
from sqlmodel import select

from models.tables import Indicator
from tests.conversations.test_bilans import admissible_coop, pdf_text
from tests.conversations.test_committee_cycle_bilans import send_six_month_bilan


async def with_indicators(harness, count: int) -> None:
    """The dossier's own indicators, then number ones up to ``count`` charted in all, short titles."""
    async with harness.database.transaction() as session:
        existing = (await session.exec(select(Indicator).order_by(Indicator.id))).all()
        model = next(i for i in existing if i.value_kind == "number" and i.target_value)
        for n in range(count - len(existing)):
            copy = model.model_dump(exclude={"id", "created_at", "updated_at"})
            copy |= {"position": 100 + n, "title": f"Indicateur ajouté n° {n + 1}", "current_value": str(n)}
            session.add(Indicator(**copy))
    async with harness.database.transaction() as session:
        indicators = (await session.exec(select(Indicator))).all()
        assert sum(1 for i in indicators if i.target_value) >= count


def size_of(harness, message) -> tuple[int, int]:
    """The pixels of the largest size of a photo the bot sent."""
    path = harness.fake.handle("getFile", {"file_id": message["photo"][-1]["file_id"]})["file_path"]
    return Image.open(io.BytesIO(harness.fake.file_content(path))).size


async def test_progress_of_a_coop_whose_name_has_an_ampersand(world):
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Habitat & Partage <Sud>")
    await director.send("/progres")
    photos = [m for m in director.replies if "photo" in m]
    assert len(photos) == 1 and photos[0]["caption"].startswith("Avancement — Habitat & Partage <Sud> · ")
    assert "📈 Avancement — Habitat & Partage <Sud>" in director.last_text  # the figures follow
    await director.press("📊 ")
    assert [m["caption"] for m in director.replies if "photo" in m] == [photos[0]["caption"]]


async def test_the_chart_of_80_indicators_is_one_album_of_photos_telegram_accepts(world):
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Grande & Fière")
    await with_indicators(harness, 80)
    await director.send("/progres")
    photos = [m for m in director.replies if "photo" in m]
    assert len(photos) == 7  # 80 rows: 7 images of 11 or 12
    assert len({m["media_group_id"] for m in photos}) == 1  # one album
    assert photos[0]["caption"].startswith("Avancement — Coop Grande & Fière · ")
    assert [m.get("caption") for m in photos[1:]] == [None] * 6  # the album's caption is the first's
    for photo in photos:
        width, height = size_of(harness, photo)
        assert width == 1080 and height <= 2 * width, (width, height)  # a phone screen's proportions
    assert "📈 Avancement — Coop Grande & Fière" in director.reply_text()  # the figures follow


async def test_bilan_pdf_of_an_ordinary_dossier_of_16_charted_indicators(world):
    """16 rows drawn as one picture at 70 % of the page's width were taller than the page (LayoutError)."""
    harness, clock = world
    director, _member, committee = await admissible_coop(harness, "Coop Horizon")
    await with_indicators(harness, 16)
    clock.now = datetime(2027, 5, 1, 8, 0, tzinfo=UTC)
    await send_six_month_bilan(director, harness)
    await committee.press("📝 ")
    await committee.press("(PDF)")
    assert "Indicateur ajouté n° 8" in pdf_text(harness, committee.last)
    await director.send("/bilan")
    await director.press("📚 ")
    await director.press("📄 1. PDF")
    data = harness.fake.file_content(
        harness.fake.handle("getFile", {"file_id": director.last["document"]["file_id"]})["file_path"]
    )
    images = sum(len(page.images) for page in PdfReader(io.BytesIO(data)).pages)
    assert images == 2  # 16 rows: two pictures of 8
