"""The bot token appears in no artifact of a realistic run: the process's logs at DEBUG (text and JSON),
the messages sent (an error included), the PDF, the export ZIP (and every file in it), the database."""

from __future__ import annotations

import io
import json
import logging
import re
import zipfile

import pytest
from sqlmodel import SQLModel

from tests.databases import database_url
from tests.e2e.processes import TOKEN, bot_env, start_bot, wait_until
from tests.e2e.test_end_to_end import cli
from tests.fakes import FakeBotApiServer, FakeTelegram

# the token whole, its secret half, and both as a URL carries them
SECRETS = [TOKEN, TOKEN.split(":")[1], TOKEN.replace(":", "%3A")]


def leaks(artifact: bytes | str) -> list[str]:
    """The forms of the token found in an artifact."""
    text = artifact if isinstance(artifact, str) else artifact.decode("latin-1")
    return [secret for secret in SECRETS if secret in text]


def sent_file(fake: FakeTelegram, message: dict) -> bytes:
    return fake.file_content(fake.handle("getFile", {"file_id": message["document"]["file_id"]})["file_path"])


async def database_text(url: str) -> str:
    """Every row of every table, as text."""
    from models.db import Database

    database = Database(url)
    try:
        async with database.transaction() as session:
            connection = await session.connection()
            rows = []
            for table in SQLModel.metadata.sorted_tables:
                rows += (await connection.execute(table.select())).all()
        return repr(rows)
    finally:
        await database.dispose()


@pytest.mark.parametrize("log_format", ["text", "json"])
async def test_the_token_is_in_no_log_message_pdf_zip_or_row(tmp_path, log_format):
    fake = FakeTelegram(bot_username="QualiCoopSecretsBot")
    api = FakeBotApiServer(fake)
    await api.start()
    url = database_url(tmp_path, "secrets")
    env = bot_env(api, url, QUALICOOP_LOG_LEVEL="DEBUG", QUALICOOP_LOG_FORMAT=log_format)
    cli(env, "db", "upgrade")  # only run and db upgrade create a database
    out = cli(env, "coop", "add", "Coop Secrète")
    token = re.search(r"direction +token (\S+)", out).group(1)
    bot = await start_bot(env, tmp_path)
    director = {"id": 9600001, "is_bot": False, "first_name": "Dana", "language_code": "fr"}
    try:
        await wait_until(lambda: any(c.method == "deleteWebhook" for c in fake.calls), what="polling")
        fake.user_text(director, f"/start {token}")
        await fake.wait_for_message(director["id"], lambda m: "Dossier Quali’Coop" in m.get("text", ""))
        fake.user_document(director, "lettre.pdf", b"%PDF-1.4\n% lettre\n%%EOF\n", "application/pdf")
        await fake.wait_for_message(director["id"], lambda m: "Document enregistré" in m.get("text", ""))
        fake.fail_next("sendMessage", 500, "Internal Server Error", chat_id=director["id"])
        fake.user_text(director, "/help")  # its answer fails once: the error is logged
        fake.user_text(director, "/pdf")
        pdf = await fake.wait_for_message(director["id"], lambda m: "document" in m)
        fake.user_text(director, "/export")
        bundle = await fake.wait_for_message(
            director["id"], lambda m: m.get("document", {}).get("file_name", "").endswith(".zip")
        )
        artifacts = {"pdf": sent_file(fake, pdf), "zip": sent_file(fake, bundle)}
        with zipfile.ZipFile(io.BytesIO(artifacts["zip"])) as archive:
            artifacts |= {f"zip/{name}": archive.read(name) for name in archive.namelist()}
    finally:
        output = await bot.stop()
        await api.stop()
    artifacts["log"] = output
    artifacts["messages"] = json.dumps(fake.messages, ensure_ascii=False)
    artifacts["database"] = await database_text(url)
    assert "DEBUG" in output or '"level": "DEBUG"' in output  # the run did log at DEBUG
    assert "500" in output or "Internal Server Error" in output  # and the failure was logged
    assert "<token>" in output  # the Bot API URLs were logged, redacted
    found = {name: leaks(content) for name, content in artifacts.items()}
    assert not any(found.values()), found
    assert len(artifacts) >= 6


def formatted(
    settings, message: str, *args, as_json: bool = False, logger: str = "qualicoop.instances"
) -> str:
    """One log line through the formatter the bot configures with these settings."""
    from bot.logs import RedactingFormatter

    record = logging.LogRecord(logger, logging.INFO, "bot/application.py", 1, message, args, None)
    return RedactingFormatter(settings.secrets, as_json=as_json).format(record)


@pytest.mark.parametrize(
    "url, user",
    [("postgresql://qualicoop:qualicoop@db/qualicoop", "qualicoop"), ("postgresql://app:app@db/app", "app")],
)
def test_a_short_database_password_is_hidden_in_urls_and_leaves_the_words_of_the_logs(url, user):
    """compose's « qualicoop:qualicoop » (or « app ») is a word of every line: only the URL's password
    part is replaced, with its own label; a logger's name or a path keeps its letters."""
    from bot.settings import load_settings

    settings = load_settings(TELEGRAM_BOT_TOKEN=TOKEN, DATABASE_URL=url)
    line = formatted(settings, "instance %s started from bot/application.py", "ab12")
    assert "INFO qualicoop.instances: instance ab12 started from bot/application.py" in line, line
    line = formatted(settings, "cannot reach %s", url)
    assert line.endswith(f"cannot reach postgresql://{user}:<db-password>@db/{user}"), line
    entry = json.loads(formatted(settings, "connecting to %s", url, as_json=True))
    assert entry["logger"] == "qualicoop.instances"
    assert entry["message"] == f"connecting to postgresql://{user}:<db-password>@db/{user}"


def test_the_token_stays_hidden_everywhere_and_an_encoded_password_in_a_url():
    from bot.settings import load_settings

    settings = load_settings(
        TELEGRAM_BOT_TOKEN=TOKEN,
        QUALICOOP_WEBHOOK_SECRET="a-webhook-secret-of-some-length",
        DATABASE_URL="postgresql://qualicoop:p%40ss@db/qualicoop",
    )
    line = formatted(
        settings,
        "bot%s/getMe, x%sy, %s, secret a-webhook-secret-of-some-length, url postgresql://qualicoop:%s@db",
        TOKEN,
        TOKEN.replace(":", "%3A"),
        "p@ss",
        "p%40ss",
    )
    assert line.endswith(
        "bot<token>/getMe, x<token>y, p@ss, secret <webhook-secret>, url postgresql://qualicoop:<db-password>@db"
    ), line  # the password alone is any text; in a URL it is the password
