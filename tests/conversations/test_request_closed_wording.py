"""A request closed: the coop's notice quotes its question without doubling its final punctuation, and
an admin pressing « ✅ Clore » on a request a colleague closed first is told so.

Before: '“… admissible in June.”.' and « … en juin. ». », and the second admin read « ✅ Clôturée : … »
as if they had closed it themselves."""

from __future__ import annotations

from models.tables import FederationRoleName
from models.users import grant_federation_role
from tests.conftest import ADMIN_ID
from tests.dossier_steps import join

COLLEAGUE = 9903


async def request_sent(harness, tg: int, language: str, question: str):
    member = await join(harness, tg, language, f"Coop {tg}", role="member")
    await member.send("/federation")
    await member.press("✍️")
    await member.press("💬")
    await member.send(question)
    await member.press("📤")
    await harness.run_background()
    return member


async def test_the_closed_notice_quotes_the_question_once_punctuated(harness):
    admin = harness.user(ADMIN_ID, "Dominique", "fr")
    await admin.send("/start")
    english = await request_sent(harness, 5701, "en", "When is our checkpoint? We were admissible in June.")
    french = await request_sent(harness, 5702, "fr", "Avez-vous des exemples d’affiches ?")
    for n in ("1", "1"):  # the first open request, twice: each closed moves to the closed ones
        await admin.send("/demandes")
        await admin.press(n)
        await admin.press("✅ Clore")
    await harness.run_background()
    said = english.last_text
    assert "“When is our checkpoint? We were admissible in June.”\n" in said, said
    said = french.last_text
    assert "«\u00a0Avez-vous des exemples d’affiches ?\u00a0»\n" in said, said


async def test_closing_what_a_colleague_closed_says_so(harness):
    admin, colleague = harness.user(ADMIN_ID, "Dominique", "fr"), harness.user(COLLEAGUE, "Alex", "fr")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COLLEAGUE, FederationRoleName.ADMIN)
    for person in (admin, colleague):
        await person.send("/start")
    await request_sent(harness, 5703, "fr", "Une question.")
    for person in (admin, colleague):
        await person.send("/demandes")
        await person.press("1")
    await admin.press("✅ Clore")
    assert "Clôturée" in admin.last_text
    await colleague.press("✅ Clore")
    said = colleague.last_text
    assert "Déjà clôturée par Dominique" in said and not said.startswith("✅ Clôturée"), said
