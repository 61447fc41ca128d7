"""Running the bot until SIGINT or SIGTERM: long polling (the default) or webhook mode.

PTB's ``run_polling`` is not used because of what it does with a 409 Conflict (another process is
polling the same token): it hands every one to the error handler, which alerted every admin every
few seconds. Here a few 409s in a row stop this instance with one clear line. Webhook mode, for
several instances behind a reverse proxy, registers the address and secret with ``setWebhook``;
the updates arrive on the bot's own web server (``bot/web/webhook.py``). Stopping never deletes the
webhook: the other instances go on serving it.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import signal

from telegram import Update
from telegram.error import BadRequest, Conflict, InvalidToken, NetworkError, TelegramError
from telegram.ext import Application

from bot.maintenance import CliError
from bot.settings import Settings
from bot.web.webhook import PATH

log = logging.getLogger("qualicoop")
CONFLICTS_BEFORE_STOPPING = 3
EXIT_ANOTHER_POLLER = 3
ANOTHER_POLLER = (
    "another instance is polling this bot token: this one stops "
    "(run one poller only, or every instance with --webhook)"
)
TOKEN_REFUSED = "Telegram refused TELEGRAM_BOT_TOKEN (revoked or mistyped): get it again from @BotFather"


def refusal(error: TelegramError, settings: Settings) -> CliError:
    """Why the start failed, on one line: never the token (PTB's own message quotes it)."""
    if isinstance(error, InvalidToken):
        return CliError(TOKEN_REFUSED)
    if isinstance(error, BadRequest):  # Telegram's own words, e.g. "Bad webhook: failed to resolve host"
        return CliError(f"Telegram refused to start the bot: {error.message}")
    if isinstance(error, NetworkError):
        return CliError(
            f"Telegram does not answer at {settings.telegram_api_base_url}: check this machine's network "
            "(or TELEGRAM_API_BASE_URL), then start again"
        )
    return CliError(f"Telegram refused to start the bot ({type(error).__name__})")


class Stop:
    """What ends the run: a signal, or too many conflicts; and the exit code it leaves."""

    def __init__(self) -> None:
        self.event = asyncio.Event()
        self.code = 0
        self.conflicts = 0

    def polling_error(self, application: Application, error: TelegramError) -> None:
        """getUpdates failed: a 409 is counted (a few in a row stop us), others go to the error handler."""
        if not isinstance(error, Conflict):
            self.conflicts = 0
            application.create_task(application.process_error(update=None, error=error))
            return
        self.conflicts += 1
        if self.conflicts == CONFLICTS_BEFORE_STOPPING:
            log.error(ANOTHER_POLLER)
            self.code = EXIT_ANOTHER_POLLER
            self.event.set()


async def register_webhook(application: Application, settings: Settings) -> None:
    """Tell Telegram where to post updates, with the secret it must send back."""
    await application.bot.set_webhook(
        url=f"{settings.public_url}{PATH}",
        secret_token=settings.webhook_secret,
        allowed_updates=Update.ALL_TYPES,
    )
    log.info("webhook mode: Telegram posts to %s%s", settings.public_url, PATH)


async def serve(application: Application, settings: Settings, *, webhook: bool) -> int:
    """Initialise, start, receive updates until stopped, then stop cleanly; return the exit code."""
    stop = Stop()
    loop = asyncio.get_running_loop()
    for stop_signal in (signal.SIGINT, signal.SIGTERM):  # before the web server, which passes them on
        loop.add_signal_handler(stop_signal, stop.event.set)
    try:
        await application.initialize()  # getMe: the token is checked here
    except TelegramError as error:
        raise refusal(error, settings) from None
    try:
        await application.post_init(application)
        # what the start built (the mappers' configuration, the catalogs, the referential, the
        # pool) lives as long as the process too: a full collection under traffic, 9–18 ms when
        # it walked them, holds every update behind it
        gc.freeze()
        try:
            if webhook:
                await register_webhook(application, settings)
            else:
                await application.updater.start_polling(
                    allowed_updates=Update.ALL_TYPES,
                    error_callback=lambda error: stop.polling_error(application, error),
                )
        except TelegramError as error:
            raise refusal(error, settings) from None
        await application.start()
        await stop.event.wait()
    finally:
        if application.updater is not None and application.updater.running:
            # stopping polling asks getUpdates once more to confirm the last update: after 409s that
            # fails too, and PTB would log it with a traceback under our one clear line
            updater_log = logging.getLogger("telegram.ext.Updater")
            updater_log.disabled = stop.code == EXIT_ANOTHER_POLLER
            await application.updater.stop()
            updater_log.disabled = False
        if application.running:
            await application.stop()
        await application.shutdown()
        await application.post_shutdown(application)
    return stop.code


def run(application: Application, settings: Settings, *, webhook: bool = False) -> int:
    """The blocking entry point of ``qualicoop run``."""
    # the modules and handlers built so far live as long as the process: full collections skip them
    gc.freeze()
    return asyncio.run(serve(application, settings, webhook=webhook))
