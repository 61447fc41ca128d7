"""The commitment letter's label is not offered a supporting document's example.

Before, « Intitulé » of the commitment letter showed « ex. Compte rendu de l’assemblée générale de juin
2026 », the example of a supporting document's label: a letter named so would mislead the committee. Now
the letter's label has no example; a supporting document's keeps its own."""

from __future__ import annotations

from sqlmodel import select

from models.dossier.attachments import add_attachment
from models.tables import Attachment, AttachmentKind, Dossier
from tests.browser.test_miniapp_browser import bot, open_app, pytestmark  # noqa: F401
from tests.browser.test_miniapp_phone import a_dossier
from tests.conftest import NOW

MINUTES = "ex. Compte rendu de l’assemblée générale de juin 2026"


async def test_the_letters_label_has_no_supporting_documents_example(browser, bot):  # noqa: F811
    director, dossier_id, _ = await a_dossier(bot, 9551)  # its letter uploaded in the chat
    async with bot.database.transaction() as session:
        dossier = await session.get(Dossier, dossier_id)
        supporting, _ = await add_attachment(
            session, dossier, AttachmentKind.SUPPORTING, label="Compte rendu du conseil",
            file_name="conseil.pdf", mime_type="application/pdf", size=10, sha256="1" * 64,
            telegram_file_id=None, actor_id=director.id, by_direction=True, now=NOW,
        )  # fmt: skip
        of_dossier = select(Attachment).where(Attachment.dossier_id == dossier_id)
        letter = (
            await session.exec(of_dossier.where(Attachment.kind == AttachmentKind.COMMITMENT_LETTER))
        ).one()
        rows = {"letter": letter.id, "supporting": supporting.id}
    page = await open_app(browser, bot, director.id)
    letter_label = f"#attachment-{rows['letter']}-label"
    await page.locator(letter_label).wait_for()
    assert await page.locator(f"{letter_label}-example").count() == 0
    assert MINUTES not in await page.inner_text(f"{letter_label}-wrap")
    assert await page.inner_text(f"#attachment-{rows['supporting']}-label-example") == MINUTES
    await page.context.close()
