"""Invitations: long random tokens, an expiry the federation sets, revocation, and guessing slowed down.

Revoking is the CLI's (``qualicoop coop revoke TOKEN``): links are made and handed out by the
federation's IT person from the command line, so that is where they are withdrawn too.
"""

from __future__ import annotations

import asyncio
import logging
import os
from datetime import timedelta

from sqlmodel import select

from bot.cli import main
from models.coops import FAILED_JOINS_ALLOWED, FAILED_JOINS_WINDOW, new_token, revoke_invitation
from models.db import Database
from models.tables import Invitation, Member
from tests.conftest import NOW
from tests.e2e.test_cli import workdir  # noqa: F401 (the fixture)
from tests.harness import BotHarness


def test_tokens_are_long_random_and_fit_a_deep_link():
    tokens = {new_token() for _ in range(2000)}
    assert len(tokens) == 2000
    assert all(len(t) >= 22 and t.isascii() and t.isalnum() for t in tokens)
    assert len(set("".join(tokens))) == 62  # every letter and digit is used: 22 × log2(62) ≈ 131 bits


async def invitations_of(url: str) -> list[Invitation]:
    database = Database(url)
    try:
        async with database.transaction() as session:
            return list((await session.exec(select(Invitation))).all())
    finally:
        await database.dispose()


def test_the_validity_of_new_links_is_a_setting(workdir, capsys, monkeypatch):  # noqa: F811
    monkeypatch.setenv("QUALICOOP_INVITATION_DAYS", "7")
    assert main(["coop", "add", "Coop Courte"]) == 0
    assert "valid 7 days" in capsys.readouterr().out
    assert main(["coop", "invite", "Coop Courte"]) == 0
    assert "valid 7 days" in capsys.readouterr().out
    assert main(["coop", "invite", "Coop Courte", "--days", "30"]) == 0
    invitations = asyncio.run(invitations_of(os.environ["DATABASE_URL"]))
    validity = sorted(round((i.expires_at - i.created_at) / timedelta(days=1)) for i in invitations)
    assert validity == [7, 7, 7, 30]


async def test_an_expired_or_revoked_link_lets_nobody_in(tmp_path):
    moments = [NOW]
    harness = BotHarness(tmp_path, clock=lambda: moments[0])
    await harness.start()
    try:
        invitations = await harness.add_coop("Coop Habitat")  # valid 90 days from the real now
        async with harness.database.transaction() as session:
            await revoke_invitation(session, invitations.member_token)
        late = harness.user(9400001, language_code="en")
        await late.send(f"/start {invitations.member_token}")
        assert "has been withdrawn" in late.last_text
        moments[0] = NOW + timedelta(days=5000)
        await late.send(f"/start {invitations.direction_token}")
        assert "has expired" in late.last_text
        async with harness.database.transaction() as session:
            assert (await session.exec(select(Member))).all() == []
    finally:
        await harness.stop()


async def test_repeated_failed_joins_are_slowed_down_and_logged(tmp_path, caplog):
    moments = [NOW]
    harness = BotHarness(tmp_path, clock=lambda: moments[0])
    await harness.start()
    try:
        invitations = await harness.add_coop("Coop Habitat")
        guesser = harness.user(9400002, language_code="fr")
        for attempt in range(FAILED_JOINS_ALLOWED):
            moments[0] = NOW + timedelta(seconds=attempt)
            await guesser.send(f"/start {'A' * 21}{attempt}")
            assert "n’est pas reconnu" in guesser.last_text
        with caplog.at_level(logging.INFO):
            await guesser.send(f"/start {invitations.member_token}")  # even the right one waits
        assert "Veuillez patienter 15\u00a0minutes" in guesser.last_text
        assert "too many failed links" in caplog.text
        moments[0] = NOW + FAILED_JOINS_WINDOW + timedelta(seconds=1)
        await guesser.send(f"/start {invitations.member_token}")
        assert "Bienvenue" in guesser.reply_text()
        other = harness.user(9400003, language_code="en")  # one guesser holds up nobody else
        await other.send(f"/start {invitations.member_token}")
        assert "Welcome" in other.reply_text()
    finally:
        await harness.stop()
