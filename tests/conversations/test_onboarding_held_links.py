"""Joins held after too many failed links: when the last one was a dead link of a coop (expired,
withdrawn), the wait is not sold as the cure: a new link is, in both languages."""

from __future__ import annotations

from datetime import timedelta

from models.coops import FAILED_JOINS_ALLOWED, create_invitation, revoke_invitation

SAME_LINK_AGAIN = ("le lien envoyé par votre coopérative", "the link your coop sent you")


async def expired_link(harness, name: str) -> str:
    """A link of a new coop that expired ten days ago."""
    invitations = await harness.add_coop(name)
    async with harness.database.transaction() as session:
        made = harness.clock() - timedelta(days=100)
        return (await create_invitation(session, invitations.coop, now=made)).token


async def test_an_expired_link_opened_again_and_again_asks_for_a_new_one_in_both_languages(harness):
    token = await expired_link(harness, "Coop Est")
    said = {
        "fr": (
            "⏳ Trop de liens d’invitation n’ont pas fonctionné, et le dernier avait expiré\u00a0: il ne "
            "fonctionnera plus jamais. Demandez un nouveau lien à la direction de votre coopérative ou à la "
            "fédération, et ouvrez-le dans 15\u00a0minutes."
        ),
        "en": (
            "⏳ Too many invitation links did not work, and the last one had expired: it will never work again. "
            "Ask your coop’s direction or the federation for a new link, and open it in 15 minutes."
        ),
    }
    for user_id, language in ((4700001, "fr"), (4700002, "en")):
        person = harness.user(user_id, "Marie", language)
        for _ in range(FAILED_JOINS_ALLOWED):
            await person.send(f"/start {token}")
            assert "expir" in person.last_text
        await person.send(f"/start {token}")
        assert person.last_text == said[language]
        assert not any(words in person.last_text for words in SAME_LINK_AGAIN)


async def test_a_withdrawn_link_asks_for_a_new_one_and_an_unknown_one_for_the_coops_link(harness):
    invitations = await harness.add_coop("Coop Ouest")
    async with harness.database.transaction() as session:
        await revoke_invitation(session, invitations.member_token)
    withdrawn, guessed = harness.user(4700003, "Luc", "fr"), harness.user(4700004, "Léa", "fr")
    for _ in range(FAILED_JOINS_ALLOWED):
        await withdrawn.send(f"/start {invitations.member_token}")
        await guessed.send("/start notatoken")
    await withdrawn.send(f"/start {invitations.member_token}")
    assert "le dernier avait été désactivé\u00a0: il ne fonctionnera plus jamais" in withdrawn.last_text
    assert "Demandez un nouveau lien" in withdrawn.last_text
    await guessed.send("/start notatoken")  # maybe a link cut short: the coop's link, opened whole, may work
    assert "Veuillez patienter 15\u00a0minutes, puis ouvrir le lien envoyé par votre coopérative." in (
        guessed.last_text
    )
