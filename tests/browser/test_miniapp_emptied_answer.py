"""A saved answer erased in the page comes back, said so: the page shows what the dossier holds.

Before, a member who cleared « Qui la porte » (holding « La directrice ») and left the field read « Votre
réponse est vide. » and an example above an empty field, kept empty after a reload (its empty draft
restored and refused again), Telegram asking before every closing; the server, the chat, the gaps and the
committee still had « La directrice », which the page never named: the person believed it erased. Now, the
field left (or Enter), the saved answer is put back in it with « Une réponse ne peut pas rester vide :
celle qui est enregistrée est remise dans son champ. … »; nothing is sent, nothing kept as a draft. While
the person is still in the field (emptied to type another), nothing is said nor put back."""

from __future__ import annotations

from tests.browser.test_miniapp_browser import bot, open_app, pytestmark, saved  # noqa: F401
from tests.browser.test_miniapp_phone import a_dossier

PUT_BACK = "Une réponse ne peut pas rester vide : celle qui est enregistrée est remise dans son champ."


async def owner_of_an_action(bot, browser, user_id: int):  # noqa: F811
    """The page of a director whose first action is carried by « La directrice »: the page, the field."""
    director, _, _ = await a_dossier(bot, user_id)
    page = await open_app(browser, bot, director.id)
    action = (await page.locator(".action").first.get_attribute("id")).split("-")[1]
    field = f"#action-{action}-owner"
    await page.fill(field, "La directrice")
    await saved(page, field)
    return page, field


def sent_fields(page) -> list[str]:
    """The values the page sends to be saved, as they go."""
    bodies: list[str] = []
    page.on(
        "request", lambda request: bodies.append(request.post_data) if "/api/field" in request.url else None
    )
    return bodies


async def test_an_emptied_answer_left_comes_back_and_is_said_saved(browser, bot):  # noqa: F811
    page, field = await owner_of_an_action(bot, browser, 9511)
    bodies = sent_fields(page)
    await page.fill(field, "")
    await page.locator(field).blur()
    status = page.locator(f"{field}-status.error")
    await status.wait_for()
    assert (await status.inner_text()).replace("\u00a0", " ").startswith(PUT_BACK)
    assert await page.input_value(field) == "La directrice"
    assert await page.get_attribute(field, "aria-invalid") is None  # nothing wrong stands in the field
    assert bodies == []  # the chat has no empty answer: nothing to send
    assert not await page.evaluate("window.Telegram.WebApp.isClosingConfirmationEnabled")
    await page.reload()
    await page.wait_for_selector("#dossier")
    await page.wait_for_timeout(300)
    assert await page.input_value(field) == "La directrice"  # no empty draft restored
    assert await page.inner_text(f"{field}-status") == ""
    await page.context.close()


async def test_enter_on_an_emptied_answer_puts_it_back(browser, bot):  # noqa: F811
    page, field = await owner_of_an_action(bot, browser, 9512)
    await page.fill(field, "")
    await page.locator(field).press("Enter")
    await page.locator(f"{field}-status.error").wait_for()
    assert await page.input_value(field) == "La directrice"
    await page.context.close()


async def test_an_answer_emptied_to_type_another_is_left_alone_meanwhile(browser, bot):  # noqa: F811
    page, field = await owner_of_an_action(bot, browser, 9513)
    bodies = sent_fields(page)
    await page.locator(field).click()
    await page.keyboard.press("Control+A")
    await page.keyboard.press("Backspace")
    await page.wait_for_timeout(3000)  # longer than a pause in typing, which saves
    assert await page.input_value(field) == ""
    assert await page.locator(f"{field}-status.error").count() == 0 and bodies == []  # nothing said, nor sent
    await page.keyboard.type("Le gérant")
    await saved(page, field)
    assert await page.input_value(field) == "Le gérant"
    await page.context.close()
