"""Every refusal a button answers with a pop-up fits Telegram's 200 characters, in each language: past them
Telegram refuses the answer and the person sees nothing happen. The fake Bot API refuses them too, but
only the refusals a test happens to press; this reads them all. (« renewal_opened » was 203 in French.)"""

from __future__ import annotations

import pytest

from conversations.ui.common import REFUSALS
from locales import translator
from tests.fakes.methods import CALLBACK_ANSWER_LIMIT


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_pop_up_refusal_fits(language):
    t = translator(language)
    long = {code: len(t.gettext(text)) for code, text in REFUSALS.items()}
    assert {code: n for code, n in long.items() if n > CALLBACK_ANSWER_LIMIT} == {}
