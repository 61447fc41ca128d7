"""A date refused with its own example gets no second one under it.

Before, « 31/02/2027 » in « Date cible » read « Cette date n’existe pas. Tapez-en une autre, ex.
15/03/2027. » and then the field's example, « ex. 30/06/2028 ou juin 2028 »: two different examples where
the rule is one (ux.md); « je sais pas » alike. Now the refusal's own example stands alone."""

from __future__ import annotations

import re

import pytest

from tests.browser.test_miniapp_browser import bot, open_app, pytestmark  # noqa: F401
from tests.browser.test_miniapp_phone import a_dossier


@pytest.mark.parametrize(
    ("user_id", "typed", "said"),
    [
        (9531, "31/02/2027", "Cette date n’existe pas. Tapez-en une autre, ex. "),
        (9532, "je sais pas", "« je sais pas »"),
    ],
)
async def test_a_date_refused_with_its_own_example_gets_no_second_one(browser, bot, user_id, typed, said):  # noqa: F811
    director, _, row = await a_dossier(bot, user_id)
    page = await open_app(browser, bot, director.id)
    date = f"#indicator-{row}-target_date"
    await page.fill(date, typed)
    await page.locator(date).blur()
    status = page.locator(f"{date}-status.error")
    await status.wait_for()
    text = (await status.inner_text()).replace("\u00a0", " ")
    assert said in text and re.search(r"\d\d/\d\d/\d{4}\.$", text), text  # its own example, a day
    assert await page.locator(f"{date}-status .example").count() == 0, text  # and no other
    await page.context.close()
