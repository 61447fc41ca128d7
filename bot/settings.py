"""Settings from environment variables and an optional .env file in the working directory."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import make_url

from bot.logs import HIDDEN_PASSWORD, Secret
from locales import SUPPORTED_LANGUAGES
from models.db import DEFAULT_DATABASE_URL, DatabaseUrlError, async_database_url
from models.operations.instances import DEFAULT_LEASE_SECONDS

# the environment variable of each field, for error messages
ENV_NAMES = {
    "telegram_bot_token": "TELEGRAM_BOT_TOKEN",
    "database_url": "DATABASE_URL",
    "admin_ids": "QUALICOOP_ADMIN_IDS",
    "telegram_api_base_url": "TELEGRAM_API_BASE_URL",
    "telegram_api_file_url": "TELEGRAM_API_FILE_URL",
    "default_language": "QUALICOOP_DEFAULT_LANGUAGE",
    "rate_limit": "QUALICOOP_RATE_LIMIT",
    "log_level": "QUALICOOP_LOG_LEVEL",
    "files_dir": "QUALICOOP_FILES_DIR",
    "committee_dates": "QUALICOOP_COMMITTEE_DATES",
    "reminder_leads": "QUALICOOP_REMINDER_DAYS",
    "reminder_hour": "QUALICOOP_REMINDER_HOUR",
    "public_url": "QUALICOOP_PUBLIC_URL",
    "web_port": "QUALICOOP_WEB_PORT",
    "web_host": "QUALICOOP_WEB_HOST",
    "miniapp_max_age": "QUALICOOP_MINIAPP_MAX_AGE",
    "webhook_secret": "QUALICOOP_WEBHOOK_SECRET",
    "log_format": "QUALICOOP_LOG_FORMAT",
    "lease_seconds": "QUALICOOP_LEASE_SECONDS",
    "invitation_days": "QUALICOOP_INVITATION_DAYS",
}
# what a setting refused by pydantic's own checks (a type, a range) must be, with a valid example,
# by environment variable
EXPECTED = {
    "QUALICOOP_RATE_LIMIT": "true or false, e.g. QUALICOOP_RATE_LIMIT=true",
    # from 7, not at night; until 19, so that the day's reminders have two hours before 21:00, when
    # they stop until the next morning (models.label.reminders.CIVIL_END_HOUR)
    "QUALICOOP_REMINDER_HOUR": (
        "an hour from 7 to 19 (Paris time; none after 21:00), e.g. QUALICOOP_REMINDER_HOUR=9"
    ),
    "QUALICOOP_WEB_PORT": "a port from 1 to 65535, e.g. QUALICOOP_WEB_PORT=8080",
    "QUALICOOP_MINIAPP_MAX_AGE": "a number of seconds, 60 or more, e.g. QUALICOOP_MINIAPP_MAX_AGE=86400",
    "QUALICOOP_LOG_FORMAT": "text or json, e.g. QUALICOOP_LOG_FORMAT=json",
    "QUALICOOP_LEASE_SECONDS": "a number of seconds from 3 to 600, e.g. QUALICOOP_LEASE_SECONDS=20",
    "QUALICOOP_INVITATION_DAYS": "a number of days from 1 to 3650, e.g. QUALICOOP_INVITATION_DAYS=90",
}
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
# what webhook mode needs: Telegram posts to the public address, the proxy forwards to the port
WEBHOOK_SETTINGS = ("public_url", "web_port", "webhook_secret")
LARGEST_USER_ID = 2**52 - 1  # Telegram: "at most 52 significant bits"; negative ids are groups, channels


class SettingsError(Exception):
    """A setting is missing or malformed; the message is one line saying what to set."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    telegram_bot_token: str | None = Field(default=None, validation_alias="TELEGRAM_BOT_TOKEN")
    database_url: str = Field(default=DEFAULT_DATABASE_URL, validation_alias="DATABASE_URL")
    admin_ids: Annotated[frozenset[int], NoDecode] = Field(
        default=frozenset(), validation_alias="QUALICOOP_ADMIN_IDS"
    )
    telegram_api_base_url: str = Field(
        default="https://api.telegram.org/bot", validation_alias="TELEGRAM_API_BASE_URL"
    )
    telegram_api_file_url: str = Field(
        default="https://api.telegram.org/file/bot", validation_alias="TELEGRAM_API_FILE_URL"
    )
    default_language: str = Field(default="fr", validation_alias="QUALICOOP_DEFAULT_LANGUAGE")
    rate_limit: bool = Field(default=True, validation_alias="QUALICOOP_RATE_LIMIT")
    log_level: str = Field(default="INFO", validation_alias="QUALICOOP_LOG_LEVEL")
    files_dir: str = Field(default="files", validation_alias="QUALICOOP_FILES_DIR")
    committee_dates: Annotated[tuple[date, ...], NoDecode] = Field(
        default=(), validation_alias="QUALICOOP_COMMITTEE_DATES"
    )

    reminder_leads: Annotated[tuple[int, ...], NoDecode] = Field(
        default=(30, 7, 1), validation_alias="QUALICOOP_REMINDER_DAYS"
    )
    reminder_hour: int = Field(default=9, ge=7, le=19, validation_alias="QUALICOOP_REMINDER_HOUR")
    # the bot's web server (Mini App, webhook, health): the address users reach, the local port
    public_url: str | None = Field(default=None, validation_alias="QUALICOOP_PUBLIC_URL")
    web_port: int | None = Field(default=None, ge=1, le=65535, validation_alias="QUALICOOP_WEB_PORT")
    web_host: str = Field(default="127.0.0.1", validation_alias="QUALICOOP_WEB_HOST")
    # how long the Mini App's signed init data is accepted after Telegram issued it, in seconds
    miniapp_max_age: int = Field(default=86400, ge=60, validation_alias="QUALICOOP_MINIAPP_MAX_AGE")
    # Telegram sends it with every webhook request; requests without it are refused (403)
    webhook_secret: str | None = Field(default=None, validation_alias="QUALICOOP_WEBHOOK_SECRET")
    log_format: Literal["text", "json"] = Field(default="text", validation_alias="QUALICOOP_LOG_FORMAT")
    # how long an instance that stopped answering keeps its sends before another one takes over
    lease_seconds: int = Field(
        default=DEFAULT_LEASE_SECONDS, ge=3, le=600, validation_alias="QUALICOOP_LEASE_SECONDS"
    )

    # how long a new invitation link stays valid (coop add; coop invite without --days)
    invitation_days: int = Field(default=90, ge=1, le=3650, validation_alias="QUALICOOP_INVITATION_DAYS")

    @field_validator("reminder_leads", mode="before")
    @classmethod
    def _parse_leads(cls, value: object) -> object:
        """Accept "30,7,1": days before each due date."""
        if isinstance(value, str):
            parts = [p.strip() for p in value.split(",") if p.strip()]
            if not parts or not all(p.isdigit() and 0 < int(p) <= 365 for p in parts):
                raise ValueError("expected days before the due date, e.g. 30,7,1")
            return tuple(sorted({int(p) for p in parts}, reverse=True))
        return value

    @field_validator("committee_dates", mode="before")
    @classmethod
    def _parse_dates(cls, value: object) -> object:
        """Accept "2027-03-02, 2027-06-01"; empty means the default quarterly rule."""
        if isinstance(value, str):
            try:
                return tuple(date.fromisoformat(p.strip()) for p in value.split(",") if p.strip())
            except ValueError:
                raise ValueError("expected dates like 2027-03-02,2027-06-01") from None
        return value

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _parse_admin_ids(cls, value: object) -> object:
        """Accept "123, 456" as well as a list: people's ids, as ``qualicoop admin add`` takes them."""
        if isinstance(value, str):
            parts = [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]
            if not all(re.fullmatch(r"-?[0-9]+", part) for part in parts):
                raise ValueError("expected Telegram user ids separated by commas, e.g. 12345,67890")
            numbers = [int(part) for part in parts]
            if wrong := [number for number in numbers if not 0 < number <= LARGEST_USER_ID]:
                raise ValueError(
                    "expected Telegram user ids, which are positive numbers of 52 bits at most "
                    f"({wrong[0]} is not), e.g. 12345,67890"
                )
            return frozenset(numbers)
        return value

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str) -> str:
        try:
            async_database_url(value)
        except DatabaseUrlError as error:
            raise ValueError(f"{error}, e.g. postgresql://user:pass@host/qualicoop") from error
        return value

    @field_validator("log_level")
    @classmethod
    def _check_log_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in LOG_LEVELS:
            raise ValueError(f"expected one of {', '.join(LOG_LEVELS)}")
        return level

    @field_validator("default_language")
    @classmethod
    def _check_language(cls, value: str) -> str:
        if value not in SUPPORTED_LANGUAGES:
            raise ValueError(f"expected one of {', '.join(SUPPORTED_LANGUAGES)}")
        return value

    @field_validator("telegram_api_base_url", "telegram_api_file_url")
    @classmethod
    def _check_url(cls, value: str, info: ValidationInfo) -> str:
        if not value.startswith(("http://", "https://")) or not urlsplit(value).hostname:
            example = cls.model_fields[info.field_name].default
            raise ValueError(f"expected an http:// or https:// URL with its host, e.g. {example}")
        return value

    @field_validator("public_url")
    @classmethod
    def _check_public_url(cls, value: str | None) -> str | None:
        """Telegram opens Mini Apps and delivers webhooks over HTTPS only."""
        value = (value or "").strip().rstrip("/") or None
        if value is not None and not value.startswith("https://"):
            raise ValueError("expected the https:// address users reach, e.g. https://qualicoop.example.org")
        return value

    @field_validator("web_host")
    @classmethod
    def _check_web_host(cls, value: str) -> str:
        """Left empty, uvicorn listened on every interface: every one is asked for by name (0.0.0.0)."""
        if not value.strip():
            raise ValueError("expected the address to listen on, e.g. 127.0.0.1 (0.0.0.0: every interface)")
        return value.strip()

    @field_validator("webhook_secret")
    @classmethod
    def _check_secret(cls, value: str | None) -> str | None:
        """Telegram accepts 1 to 256 of A-Z a-z 0-9 _ -; fewer than 16 would be guessable."""
        value = (value or "").strip() or None
        if value is not None and not re.fullmatch(r"[A-Za-z0-9_-]{16,256}", value):
            raise ValueError("expected 16 to 256 letters, digits, _ or - (e.g. from: openssl rand -hex 32)")
        return value

    @property
    def secrets(self) -> list[Secret]:
        """What the logs must never show: the token and the webhook secret anywhere, the token's secret
        part alone too (an HTTP library splitting a URL at its « : » quoted it as a port), the database
        password where a URL carries it (a short one is also a word of the logs)."""
        return [
            Secret(self.telegram_bot_token),
            Secret(secret_part(self.telegram_bot_token)),
            Secret(self.webhook_secret, "<webhook-secret>"),
            Secret(make_url(self.database_url).password, HIDDEN_PASSWORD, in_urls_only=True),
        ]

    @property
    def web_enabled(self) -> bool:
        """The web server runs when a port is given."""
        return self.web_port is not None

    @field_validator("telegram_bot_token")
    @classmethod
    def _check_token(cls, value: str | None) -> str | None:
        value = (value or "").strip() or None
        if value is not None and ":" not in value:
            raise ValueError("expected the token BotFather gave, like 123456:ABC-DEF...")
        return value

    def require_token(self) -> str:
        """The bot token, or a SettingsError telling where to set it."""
        if not self.telegram_bot_token:
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN is not set: put the token BotFather gave you in the "
                "environment or in a .env file (TELEGRAM_BOT_TOKEN=123456:ABC...)"
            )
        return self.telegram_bot_token

    def require_webhook(self) -> None:
        """Webhook mode's settings are all set, or a SettingsError naming those missing."""
        missing = [ENV_NAMES[name] for name in WEBHOOK_SETTINGS if getattr(self, name) is None]
        if missing:
            raise SettingsError(
                f"--webhook needs {', '.join(missing)}: the https:// address Telegram posts to, the local "
                "port the reverse proxy forwards to, and a secret of 16 to 256 letters, digits, _ or -"
            )


def secret_part(token: str | None) -> str | None:
    """What follows the token's « : » (Telegram's: 35 characters); None when too short to be told from a
    word of the logs (a malformed token, « 1:bad »), which replacing everywhere would garble."""
    part = (token or "").partition(":")[2]
    return part if len(part) >= 8 else None


def load_settings(**overrides: object) -> Settings:
    """Read the settings; a malformed one becomes a one-line SettingsError."""
    try:
        return Settings(**overrides)
    except ValidationError as error:
        first = error.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else ""
        name = ENV_NAMES.get(field, field.upper())
        message = (
            f"expected {EXPECTED[name]}" if name in EXPECTED else first["msg"].removeprefix("Value error, ")
        )
        raise SettingsError(f"{name} is malformed: {message}") from None
    except UnicodeDecodeError:  # the .env written in another encoding (Latin-1, by an old editor)
        raise SettingsError(".env is not UTF-8 text: save it as UTF-8 (its accents, its names)") from None
