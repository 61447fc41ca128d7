"""Settings: defaults, parsing and one-line errors."""

import pytest

from bot.settings import SettingsError, load_settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    for name in (
        "TELEGRAM_BOT_TOKEN",
        "DATABASE_URL",
        "QUALICOOP_ADMIN_IDS",
        "TELEGRAM_API_BASE_URL",
        "TELEGRAM_API_FILE_URL",
        "QUALICOOP_DEFAULT_LANGUAGE",
    ):
        monkeypatch.delenv(name, raising=False)


def test_defaults():
    settings = load_settings()
    assert settings.telegram_bot_token is None
    assert settings.database_url == "sqlite:///qualicoop.sqlite3"
    assert settings.telegram_api_base_url == "https://api.telegram.org/bot"
    assert settings.telegram_api_file_url == "https://api.telegram.org/file/bot"
    assert settings.default_language == "fr" and settings.admin_ids == frozenset()


def test_values_from_the_environment(monkeypatch):
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:ABC")
    monkeypatch.setenv("QUALICOOP_ADMIN_IDS", "12, 34;56")
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "http://127.0.0.1:8081/bot")
    settings = load_settings()
    assert settings.require_token() == "123:ABC"
    assert settings.admin_ids == {12, 34, 56}
    assert settings.telegram_api_base_url == "http://127.0.0.1:8081/bot"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("TELEGRAM_BOT_TOKEN", "nocolon", "TELEGRAM_BOT_TOKEN is malformed"),
        (
            "QUALICOOP_DEFAULT_LANGUAGE",
            "de",
            "QUALICOOP_DEFAULT_LANGUAGE is malformed: expected one of fr, en",
        ),
        ("TELEGRAM_API_BASE_URL", "ftp://x", "TELEGRAM_API_BASE_URL is malformed: expected an http"),
        ("DATABASE_URL", "mysql://x/y", "DATABASE_URL is malformed: unsupported database"),
    ],
)
def test_malformed_values_name_the_variable(monkeypatch, name, value, message):
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert str(error.value).startswith(message) and "\n" not in str(error.value)


def test_missing_token_says_what_to_set():
    with pytest.raises(SettingsError, match="^TELEGRAM_BOT_TOKEN is not set"):
        load_settings().require_token()


def test_webhook_mode_names_what_it_lacks_and_refuses_a_weak_secret(monkeypatch):
    monkeypatch.setenv("QUALICOOP_WEB_PORT", "8080")
    with pytest.raises(
        SettingsError, match="^--webhook needs QUALICOOP_PUBLIC_URL, QUALICOOP_WEBHOOK_SECRET:"
    ):
        load_settings().require_webhook()
    monkeypatch.setenv("QUALICOOP_WEBHOOK_SECRET", "short")
    with pytest.raises(SettingsError, match="^QUALICOOP_WEBHOOK_SECRET is malformed: expected 16 to 256"):
        load_settings()
    monkeypatch.setenv("QUALICOOP_WEBHOOK_SECRET", "x" * 32)
    monkeypatch.setenv("QUALICOOP_PUBLIC_URL", "https://bot.example.org/")
    settings = load_settings()
    settings.require_webhook()
    assert settings.public_url == "https://bot.example.org" and settings.log_format == "text"
    monkeypatch.setenv("QUALICOOP_LOG_FORMAT", "xml")
    with pytest.raises(SettingsError, match="^QUALICOOP_LOG_FORMAT is malformed"):
        load_settings()


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "QUALICOOP_REMINDER_HOUR",
            "21",
            "expected an hour from 7 to 19 (Paris time; none after 21:00), e.g. QUALICOOP_REMINDER_HOUR=9",
        ),
        ("QUALICOOP_REMINDER_HOUR", "9h", "e.g. QUALICOOP_REMINDER_HOUR=9"),
        ("QUALICOOP_WEB_PORT", "80000", "expected a port from 1 to 65535, e.g. QUALICOOP_WEB_PORT=8080"),
        ("QUALICOOP_RATE_LIMIT", "maybe", "expected true or false, e.g. QUALICOOP_RATE_LIMIT=true"),
        ("QUALICOOP_LOG_FORMAT", "xml", "expected text or json, e.g. QUALICOOP_LOG_FORMAT=json"),
        ("QUALICOOP_MINIAPP_MAX_AGE", "10", "e.g. QUALICOOP_MINIAPP_MAX_AGE=86400"),
        ("QUALICOOP_LEASE_SECONDS", "1000", "from 3 to 600, e.g. QUALICOOP_LEASE_SECONDS=20"),
        ("QUALICOOP_INVITATION_DAYS", "0", "from 1 to 3650, e.g. QUALICOOP_INVITATION_DAYS=90"),
        ("TELEGRAM_API_FILE_URL", "api.telegram.org", "e.g. https://api.telegram.org/file/bot"),
        (
            "DATABASE_URL",
            "mysql://x/y",
            "use sqlite or postgresql, e.g. postgresql://user:pass@host/qualicoop",
        ),
    ],
)
def test_a_malformed_value_gets_a_valid_example_not_pydantic_s_words(monkeypatch, name, value, message):
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as error:
        load_settings()
    said = str(error.value)
    assert said.startswith(f"{name} is malformed: ") and said.endswith(message), said
    assert "Input should" not in said and "\n" not in said


def test_a_dot_env_not_in_utf_8_is_one_line_naming_it(tmp_path):
    """A .env saved in Latin-1 (« é » one byte) printed a UnicodeDecodeError's traceback: one line now."""
    (tmp_path / ".env").write_bytes("QUALICOOP_ADMIN_IDS=7\n# Élan Habitat\n".encode("latin-1"))
    with pytest.raises(SettingsError, match=r"\.env is not UTF-8"):
        load_settings()


def test_an_empty_web_host_is_refused_not_every_interface(monkeypatch):
    """QUALICOOP_WEB_HOST= left empty made the Mini App's server listen on 0.0.0.0, where 127.0.0.1 is
    the default: every interface is asked for by name."""
    monkeypatch.setenv("QUALICOOP_WEB_HOST", "")
    with pytest.raises(SettingsError, match="QUALICOOP_WEB_HOST is malformed: expected the address"):
        load_settings()
    monkeypatch.setenv("QUALICOOP_WEB_HOST", "0.0.0.0")
    assert load_settings().web_host == "0.0.0.0"
