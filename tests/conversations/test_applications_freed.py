"""A stopped bot's application is freed with everything it holds: its send pipeline once lived in a module's
weak map whose value (the pipeline's stop watch) named its key, so no application was ever let go (every
test's bot stayed in memory, 560 MB after sixty tests)."""

from __future__ import annotations

import gc
import weakref

from bot.delivery.pipeline import pipeline_for
from tests.harness import BotHarness


async def test_a_stopped_bot_s_application_and_pipeline_are_freed(tmp_path):
    harness = BotHarness(tmp_path)
    await harness.start()
    application = weakref.ref(harness.application)
    pipeline = weakref.ref(pipeline_for(harness.application))
    await harness.user(9101, "Camille", "fr").send("/start")
    await harness.stop()
    del harness
    gc.collect()
    assert application() is None and pipeline() is None
