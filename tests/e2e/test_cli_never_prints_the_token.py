"""The command line never prints the bot token (README: « the token never appears »), even when Telegram
refuses it while ``admin add/remove`` or ``user erase`` set or delete the person's « / » menu: PTB's
InvalidToken message quotes the token whole (« The token `…` was rejected by the server. »)."""

from __future__ import annotations

import asyncio

import pytest

from bot import staff
from bot.runner import TOKEN_REFUSED
from models.tables import FederationRoleName
from tests.databases import database_url
from tests.e2e.processes import SCRIPT, TOKEN, bot_env
from tests.fakes import FakeBotApiServer, FakeTelegram
from tests.fakes.request import FakeRequest


def refuse_the_token(harness) -> None:
    harness.fake.fail_next("getMe", 401, "Unauthorized", count=5)


async def test_admin_add_and_remove_say_the_token_was_refused_without_printing_it(harness, capsys):
    user = harness.user(8810099, language_code="fr")
    await user.send("/start")
    request, token = FakeRequest(harness.fake), harness.settings.telegram_bot_token
    refuse_the_token(harness)
    await staff.add_role(harness.settings, harness.database, user.id, FederationRoleName.COMMITTEE, request)
    said = capsys.readouterr().out
    assert "8810099 is now committee" in said and TOKEN_REFUSED in said, said
    assert token not in said and token.split(":")[1] not in said
    refuse_the_token(harness)
    await staff.remove_role(
        harness.settings, harness.database, user.id, FederationRoleName.COMMITTEE, request
    )
    said = capsys.readouterr().out
    assert "8810099 is no longer committee" in said and TOKEN_REFUSED in said, said
    assert token not in said and token.split(":")[1] not in said


@pytest.fixture
async def telegram():
    fake = FakeTelegram(bot_username="QualiCoopCliBot")
    api = FakeBotApiServer(fake)
    await api.start()
    yield api, fake
    await api.stop()


async def qualicoop(env: dict, cwd, *args: str) -> tuple[int, str]:
    """The installed console script, as an IT person runs it: its exit code, and all it printed."""
    process = await asyncio.create_subprocess_exec(
        str(SCRIPT), *args, cwd=cwd, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await process.communicate()
    return process.returncode, out.decode() + err.decode()


async def test_user_erase_with_a_revoked_token_erases_and_does_not_print_it(telegram, tmp_path):
    api, fake = telegram
    env = bot_env(api, database_url(tmp_path, "token"))
    assert (await qualicoop(env, tmp_path, "db", "upgrade"))[0] == 0
    assert (await qualicoop(env, tmp_path, "admin", "add", "123456789", "--committee"))[0] == 0
    fake.fail_next("getMe", 401, "Unauthorized", count=5)
    code, said = await qualicoop(env, tmp_path, "user", "erase", "123456789")
    assert code == 0 and "123456789 erased" in said, said
    assert TOKEN not in said and TOKEN.split(":")[1] not in said, said
