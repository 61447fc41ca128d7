"""A page opened on a draft that a colleague submits meanwhile, in the chat: the first change refused as
locked draws the page again at once, read-only, as the server has it (its status, no « everything is
complete: mark it ready », no field nor box); whatever was typed is kept beside it to copy, under the true
reason (the dossier submitted: nobody changes it, unless the committee asks for more), on the phone too.

Before, the page stayed editable: every field, tick or menu was refused one at a time (« …it can no longer
be changed here », as if it could be elsewhere), the menu kept showing a kind not stored, and once the page
was opened again the texts kept said « what it belonged to was removed meanwhile, perhaps by a colleague »."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Dossier, DossierStatus
from tests.browser.test_miniapp_browser import bot, open_app, pytestmark  # noqa: F401
from tests.browser.test_miniapp_terms_changed import indicator_in_percent
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import submit

LONG = ("Our indicator shows access to affordable homes; it is “essential”! " * 40).strip()
SUBMITTED_EN = (
    "The dossier has been submitted to the validation committee: nobody can change it any more, unless "
    "the committee asks for more information. Your text is kept below to copy it."
)
SUBMITTED_FR = (
    "Le dossier a été soumis au comité de validation : plus personne ne peut le modifier, sauf si le "
    "comité demande des compléments."
)


def plain(text: str) -> str:
    return text.replace("\u00a0", " ")


async def submitted_in_the_db(bot, coop_id: int) -> None:  # noqa: F811
    """The direction submits in the chat (its status, as the submission leaves it)."""
    async with bot.database.transaction() as session:
        dossier = (await session.exec(select(Dossier).where(Dossier.coop_id == coop_id))).one()
        dossier.status = DossierStatus.SUBMITTED
        session.add(dossier)


async def test_a_text_typed_on_a_page_submitted_meanwhile_is_kept_under_the_true_reason(browser, bot):  # noqa: F811
    bob = bot.user(7502, "Bob", "en")
    director = await complete_coop(bot, bob)
    page = await open_app(browser, bot, bob.id, language="en")
    assert "Everything is complete" in plain(await page.inner_text("#summary"))
    await submit(director)  # in the chat, while Bob's page shows the draft
    field = page.locator("textarea[data-name='rationale']").first
    field_id = await field.get_attribute("id")
    await field.fill(LONG)
    await field.blur()
    box = page.locator(f"#{field_id}-gone")
    await box.wait_for(timeout=5000)  # refused: the page drawn again at once, read-only
    assert await page.locator("[data-field], [data-engagement], form[data-add]").count() == 0
    assert "Submitted" in await page.inner_text("#status-line")
    assert "Everything is complete" not in plain(await page.inner_text("#summary"))
    assert plain(await box.locator("p").inner_text()) == SUBMITTED_EN
    assert await box.locator("textarea").input_value() == LONG

    await page.reload()  # opened again: the phone kept it, with its reason
    await page.wait_for_selector("#dossier")
    box = page.locator(f"#{field_id}-gone")
    assert plain(await box.locator("p").inner_text()) == SUBMITTED_EN
    assert await box.locator("textarea").input_value() == LONG
    await page.context.close()


async def complete_coop(bot, member):  # noqa: F811
    """A coop whose direction completed the dossier in the chat, and a member who joined it."""
    invitations = await bot.add_coop("Coop Verrou")
    director = bot.user(7501, "Dominique", "fr")
    await director.send(f"/start {invitations.direction_token}")
    director.invitations = invitations
    await member.send(f"/start {invitations.member_token}")
    await complete_dossier(director)
    return director


async def test_a_tick_on_a_page_submitted_meanwhile_draws_it_read_only_keeping_what_was_typed(browser, bot):  # noqa: F811
    sam, bob, row = await indicator_in_percent(bot, 7511, "Coop Verrou Case")
    page = await open_app(browser, bot, bob.id)
    rationale = f"#indicator-{row}-rationale"
    await page.fill(rationale, "Un texte pas encore enregistré")  # its pause not over yet
    await submitted_in_the_db(bot, sam.invitations.coop.id)
    dialogs = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.message))
    await page.locator("[data-engagement='2']").click()  # not check(): the box is gone once redrawn
    said = page.locator("#locked-said")
    await said.wait_for(timeout=5000)  # the reason, at the top of the page drawn read-only
    assert plain(await said.inner_text()) == "🔒 " + SUBMITTED_FR
    assert dialogs == []  # no alert, one refusal per tap
    assert await page.locator("[data-field], [data-engagement], form[data-add]").count() == 0
    kept = page.locator(f"{rationale}-gone")
    assert plain(await kept.locator("p").inner_text()).startswith(SUBMITTED_FR)
    assert await kept.locator("textarea").input_value() == "Un texte pas encore enregistré"
    await page.context.close()


async def test_a_kind_picked_on_a_page_submitted_meanwhile_draws_it_read_only(browser, bot):  # noqa: F811
    sam, bob, row = await indicator_in_percent(bot, 7521, "Coop Verrou Genre")
    page = await open_app(browser, bot, bob.id)
    await submitted_in_the_db(bot, sam.invitations.coop.id)
    await page.select_option(f"#indicator-{row}-value_kind", "yes_no")
    said = page.locator("#locked-said")
    await said.wait_for(timeout=5000)
    assert plain(await said.inner_text()) == "🔒 " + SUBMITTED_FR
    assert await page.locator("select").count() == 0
    assert "Un nombre" in await page.inner_text(f"#indicator-{row}")  # the kind stored, read-only
    await page.context.close()


async def test_a_text_refused_then_the_dossier_submitted_while_the_page_was_closed_says_why(browser, bot):  # noqa: F811
    sam, bob, row = await indicator_in_percent(bot, 7531, "Coop Verrou Fermée")
    page = await open_app(browser, bot, bob.id, language="en")
    rationale = f"#indicator-{row}-rationale"
    await page.fill(rationale, LONG * 3)  # too long: refused, kept on the phone to shorten
    await page.locator(rationale).blur()
    await page.locator(f"{rationale}-status.error").wait_for(timeout=5000)
    await submitted_in_the_db(bot, sam.invitations.coop.id)  # while the page is closed
    await page.reload()
    await page.wait_for_selector("#dossier")
    kept = page.locator(f"{rationale}-gone")
    assert plain(await kept.locator("p").inner_text()) == SUBMITTED_EN  # not « removed meanwhile »
    assert await kept.locator("textarea").input_value() == LONG * 3
    await page.context.close()
