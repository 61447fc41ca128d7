"""Running the bot until SIGINT or SIGTERM: long polling (the default) or webhook mode.

PTB's ``run_polling`` is not used because of what it does with a 409 Conflict (another process is
polling the same token): it hands every one to the error handler, which alerted every admin every
few seconds. Here a few 409s in a row stop this instance with one clear line. Webhook mode, for
several instances behind a reverse proxy, registers the address and secret with ``setWebhook``;
the updates arrive on the bot's own web server (``bot/web/webhook.py``). Stopping never deletes the
webhook: the other instances go on serving it. Polling starts by deleting any webhook (PTB does):
a poller started by mistake beside webhook instances would cut them off silently, so it refuses
unless asked to (``--drop-webhook``).

What PTB retries by itself while polling (a 502 from Telegram, a timeout, a flood wait) is not an
error of the bot: one WARNING line when it starts, one ERROR and one alert to the admins if it lasts
over a minute, one line when Telegram answers again.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
import time
from functools import partial

from telegram import Bot, Update
from telegram.error import BadRequest, Conflict, InvalidToken, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application

from bot.errors import Said, tell_admins
from bot.maintenance import CliError
from bot.outages import DOWN, LASTING, TELEGRAM, Outage, outage_said
from bot.settings import Settings
from bot.updates.polling import PolledUpdates
from bot.web.webhook import PATH

log = logging.getLogger("qualicoop")
CONFLICTS_BEFORE_STOPPING = 3
EXIT_ANOTHER_POLLER = 3
EXIT_WEBHOOK_SET = 4
ANOTHER_POLLER = (
    "another instance is polling this bot token: this one stops "
    "(run one poller only, or every instance with --webhook)"
)
TOKEN_REFUSED = "Telegram refused TELEGRAM_BOT_TOKEN (revoked or mistyped): get it again from @BotFather"
LASTING_SECONDS = 60  # Telegram's blips last seconds; a minute without getUpdates is worth an alert
# what Telegram is asked for, polling and webhook alike: all but a member's Telegram Business chats (their
# talk with clients, not the bot's; the middleware drops them too, for a webhook set by hand)
BUSINESS = {
    Update.BUSINESS_CONNECTION, Update.BUSINESS_MESSAGE, Update.EDITED_BUSINESS_MESSAGE,
    Update.DELETED_BUSINESS_MESSAGES,
}  # fmt: skip
ALLOWED_UPDATES = [kind for kind in Update.ALL_TYPES if kind not in BUSINESS]


class WebhookSet(CliError):
    """Polling would delete the webhook other instances serve."""

    exit_code = EXIT_WEBHOOK_SET

    def __init__(self, url: str) -> None:
        super().__init__(
            f"a webhook is set for this bot ({url}): instances in webhook mode receive its updates and "
            "polling would cut them off; run this one with --webhook too, or, to switch the bot to "
            "polling, with --drop-webhook (then stop the webhook instances)"
        )


def refusal(error: TelegramError, settings: Settings) -> CliError:
    """Why the start failed, on one line: never the token (PTB's own message quotes it)."""
    address = settings.telegram_api_base_url
    if isinstance(error, InvalidToken | NetworkError) and not bot_api_address(address):
        return CliError(
            f"TELEGRAM_API_BASE_URL looks wrong ({address}): the Bot API's address ends with /bot, e.g. "
            "https://api.telegram.org/bot, or http://127.0.0.1:8081/bot for a Bot API server of your own"
        )
    if isinstance(error, InvalidToken):
        return CliError(TOKEN_REFUSED)
    if isinstance(error, BadRequest):  # Telegram's own words, e.g. "Bad webhook: failed to resolve host"
        return CliError(f"Telegram refused to start the bot: {error.message}")
    if isinstance(error, NetworkError):
        return CliError(
            f"Telegram does not answer at {address}: check this machine's network "
            "(or TELEGRAM_API_BASE_URL), then start again"
        )
    return CliError(f"Telegram refused to start the bot ({type(error).__name__})")


def bot_api_address(address: str) -> bool:
    """Whether an address is shaped like the Bot API's: the token comes right after « /bot »."""
    return address.endswith("/bot") or "/bot{token}" in address.replace("{TOKEN}", "{token}")


def retried_by_ptb(error: TelegramError) -> bool:
    """What PTB's polling asks again by itself: a network failure or a 5xx, a timeout, a flood wait."""
    return isinstance(error, NetworkError | RetryAfter) and not isinstance(error, BadRequest)


class TelegramWatch:
    """Whether getUpdates is answered: said once when it stops, once if it lasts, once when it is back."""

    def __init__(self, alert, clock=time.monotonic) -> None:
        self.alert = alert  # called with what to tell the admins (in each one's language), and its mark
        self.outage = Outage(clock)

    def failed(self, error: TelegramError) -> None:
        """A failure PTB retries: a WARNING at the first, an ERROR and an alert once it has lasted."""
        reason = f"{type(error).__name__}: {error}"
        change = self.outage.failed(LASTING_SECONDS)
        if change == DOWN:
            log.warning("Telegram did not answer getUpdates (%s): asking again", reason)
        elif change == LASTING:
            lasted = self.outage.clock() - self.outage.since
            log.error(
                "Telegram has not answered getUpdates for %d s (%s): no update comes in", lasted, reason
            )
            self.alert(partial(outage_said, TELEGRAM, lasted, False))  # the cause: in the log
        else:
            log.debug("Telegram still does not answer getUpdates (%s)", reason)

    def answered(self, asked_at: float) -> None:
        """getUpdates asked at ``asked_at`` succeeded: the end of an outage is said (to the admins too
        if they were told); a long poll answers when an update comes, so it counts from the asking."""
        outage = self.outage.answered(asked_at)
        if outage is None:
            return
        lasted, reported = outage
        log.warning("Telegram answers getUpdates again, after %d s", lasted)
        if reported:
            self.alert(partial(outage_said, TELEGRAM, lasted, True), "✅")


class WatchedPolls:
    """The bot as the updater uses it: each getUpdates' outcome told to the watch (PTB says nothing
    of a success, and only logs its timeouts and flood waits, at DEBUG), its offset past the updates
    handled only (``bot.updates.polling``)."""

    def __init__(self, bot: Bot, watch: TelegramWatch, polled: PolledUpdates) -> None:
        self._bot, self._watch, self._polled = bot, watch, polled

    def __getattr__(self, name: str):
        return getattr(self._bot, name)

    async def get_updates(self, *args, **kwargs):
        """getUpdates from the first update not handled, its outcome told to the watch."""
        kwargs["offset"] = await self._polled.offset()  # not PTB's: past what it queued, handled or not
        asked_at = self._watch.outage.clock()
        try:
            updates = await self._bot.get_updates(*args, **kwargs)
        except TelegramError as error:
            if retried_by_ptb(error):
                self._watch.failed(error)
            raise
        self._watch.answered(asked_at)
        return await self._polled.taken(updates)


class Stop:
    """What ends the run: a signal, or too many conflicts; and the exit code it leaves."""

    def __init__(self) -> None:
        self.event = asyncio.Event()
        self.code = 0
        self.conflicts = 0

    def polling_error(self, application: Application, error: TelegramError) -> None:
        """getUpdates failed: a 409 is counted (a few in a row stop us); what PTB retries was said by the
        watch; others go to the error handler."""
        if not isinstance(error, Conflict):
            self.conflicts = 0
            if not retried_by_ptb(error):
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
        allowed_updates=ALLOWED_UPDATES,
    )
    log.info("webhook mode: Telegram posts to %s%s", settings.public_url, PATH)


async def check_webhook(application: Application, *, drop: bool) -> None:
    """Before polling: a webhook set (by instances in webhook mode) is refused, or said to be dropped."""
    url = (await application.bot.get_webhook_info()).url
    if url and not drop:
        raise WebhookSet(url)
    if url:
        log.warning("webhook %s dropped: this instance polls; instances in webhook mode receive nothing", url)


async def start_polling(application: Application, stop: Stop) -> None:
    """Poll Telegram, each getUpdates watched, each update confirmed once handled."""

    def alert(text: Said, mark: str = "⚠️") -> None:
        application.create_task(tell_admins(application.bot, application.bot_data, text, mark=mark))

    polled = application.bot_data.polled = PolledUpdates(application.bot_data.database)
    application.updater.bot = WatchedPolls(application.updater.bot, TelegramWatch(alert), polled)
    await application.updater.start_polling(
        allowed_updates=ALLOWED_UPDATES,
        error_callback=lambda error: stop.polling_error(application, error),
    )


def say_what_is_off(settings: Settings) -> None:
    """A setting that does nothing without another one: said at start, in one line."""
    if settings.public_url is not None and not settings.web_enabled:
        log.warning(
            "QUALICOOP_PUBLIC_URL is set but QUALICOOP_WEB_PORT is not: no web server, so no Mini App "
            "(set QUALICOOP_WEB_PORT, e.g. 8080: the local port the reverse proxy forwards %s to)",
            settings.public_url,
        )


async def serve(application: Application, settings: Settings, *, webhook: bool, drop_webhook: bool) -> int:
    """Initialise, start, receive updates until stopped, then stop cleanly; return the exit code."""
    stop = Stop()
    loop = asyncio.get_running_loop()
    for stop_signal in (signal.SIGINT, signal.SIGTERM):  # before the web server, which passes them on
        loop.add_signal_handler(stop_signal, stop.event.set)
    say_what_is_off(settings)
    try:
        await application.initialize()  # getMe: the token is checked here
        if not webhook:
            await check_webhook(application, drop=drop_webhook)
    except TelegramError as error:
        raise refusal(error, settings) from None
    except WebhookSet:
        await application.shutdown()
        raise
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
                await start_polling(application, stop)
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


def run(
    application: Application, settings: Settings, *, webhook: bool = False, drop_webhook: bool = False
) -> int:
    """The blocking entry point of ``qualicoop run``."""
    # the modules and handlers built so far live as long as the process: full collections skip them
    gc.freeze()
    return asyncio.run(serve(application, settings, webhook=webhook, drop_webhook=drop_webhook))
