"""The composition root: one place builds the Application and registers every handler."""

from __future__ import annotations

import asyncio
import logging
from functools import cache, partial

from telegram import BotCommandScopeAllPrivateChats, BotCommandScopeDefault, Update
from telegram.constants import ParseMode
from telegram.ext import AIORateLimiter, Application, ContextTypes, Defaults, TypeHandler
from telegram.request import BaseRequest, HTTPXRequest

from bot.delivery.lease import SendingLease
from bot.delivery.observed import ObservedSends
from bot.delivery.pacer import CONVERSATION_RESERVE, SlidingWindowPacer
from bot.errors import database_away, on_error, remember_admins
from bot.jobs import schedule_jobs
from bot.logs import Redaction, one_line
from bot.outages import remember_language
from bot.settings import Settings
from bot.updates.inbox import QualiApplication
from bot.web.miniapp.chat import set_menu_button
from conversations import onboarding, personal_data, preferences, team
from conversations.committee import bilans as committee_bilans
from conversations.committee import decisions, dossiers, export
from conversations.consultation import ballot, listing, preparation
from conversations.dossier import (
    actions,
    documents,
    engagements,
    gaps,
    home,
    indicators,
    involvement,
    practices,
    review,
    submission,
    uploads,
)
from conversations.dossier.editor import choices, conflicts, questions
from conversations.federation import (
    announcements,
    composer,
    dashboard,
    inbox,
    request_files,
    requests,
    sending,
)
from conversations.follow_up import bilan, bilan_history, bilan_walk, calendar, progress, updates
from conversations.onboarding.commands import default_commands, set_menu_of
from conversations.ui import middleware, pastes
from conversations.ui.context import BotServices, QualiContext
from locales import SUPPORTED_LANGUAGES, translator
from models.bot_settings import BOT_USERNAME, put_setting
from models.clock import Clock, utcnow
from models.db import Database
from models.dossier.files import FileStore
from models.operations.instances import InstanceId
from models.referential.store import active_referential

log = logging.getLogger("qualicoop")
# each person's « / » menu lists what /help lists for them (onboarding.commands): the team sets it anew
# for someone taken off, with onboarding's list (journeys import no other; the composition root joins them)
team.screens.MENU_SETTERS.append(set_menu_of)

# handler groups: access checks run first, as middleware
GROUP_JOURNEYS = 0
GROUP_LANGUAGE = -9  # right after the middleware: the visitor's language, kept for an apology (bot.outages)


async def on_startup(application: Application, *, upgrade: bool = True) -> None:
    """Create or upgrade the database (unless ``qualicoop run`` just did), learn the bot's name, load
    the referential, set the menus; then the jobs and the web server."""
    services: BotServices = application.bot_data
    if upgrade:
        applied = await services.database.upgrade()
        if applied:
            log.info("database upgraded: %s", ", ".join(m.description for m in applied))
    # the menus are Telegram's settings, independent of the database: both are awaited together
    await asyncio.gather(_prepare_services(application), _set_menus(application))
    schedule_jobs(application)
    if services.web is not None:
        await services.web.start()
    log.info("started as @%s", application.bot.username)


async def _prepare_services(application: Application) -> None:
    """Record the bot's name, load the referential in force, read the admins, join the instances."""
    services: BotServices = application.bot_data
    async with services.database.transaction() as session:
        await put_setting(session, BOT_USERNAME, application.bot.username)
        services.referential = await active_referential(session)
    await remember_admins(services)  # their languages, for an outage's alert (the database then away)
    await services.sending.start(services.database)  # alive, and sending if no other instance is


async def _set_menus(application: Application) -> None:
    """The command menu in each language and the Mini App's menu button, asked at once: the menu of a
    private chat whose own was never set (each person's is set at their first /start,
    ``onboarding.commands``). Groups get none: the bot works in private chats only (``ui.middleware.
    outside``), and the default scope's menu an older version set for every chat is taken off."""
    default = application.bot_data.default_language
    # French is the default menu; English speakers get theirs by language code
    codes = [None if language == default else language for language in SUPPORTED_LANGUAGES]
    menus = [
        application.bot.set_my_commands(
            default_commands(translator(language)), scope=BotCommandScopeAllPrivateChats(), language_code=code
        )
        for language, code in zip(SUPPORTED_LANGUAGES, codes, strict=True)
    ]
    cleared = [application.bot.delete_my_commands(BotCommandScopeDefault(), code) for code in codes]
    await asyncio.gather(*menus, *cleared, set_menu_button(application))


async def on_shutdown(application: Application) -> None:
    """Stop the web server, leave the instances (handing the sending over), close the connections."""
    services: BotServices = application.bot_data
    if services.web is not None:
        await services.web.stop()
    try:
        await services.sending.stop(services.database)
    except Exception as error:  # the database may be what stopped us: the lease then simply expires
        if not await database_away(services, error):
            log.exception("could not leave the instances cleanly")
        else:
            log.warning(
                "could not leave the instances, the database does not answer (%s): this instance's lease "
                "expires instead",
                one_line(error),
            )
    await services.database.dispose()


def build_application(
    settings: Settings,
    database: Database,
    *,
    request: BaseRequest | None = None,
    clock: Clock = utcnow,
    webhook: bool = False,
    upgraded: bool = False,
) -> Application:
    """Build the bot with every handler; ``request`` replaces the network in tests.

    With ``webhook``, updates come from Telegram's posts to the web server instead of polling;
    ``upgraded``: the schema was just brought up to date, the start does not check it again.
    """
    builder = (
        Application.builder()
        .application_class(QualiApplication)  # marks updates handled with their work (bot.updates.inbox)
        .token(settings.require_token())
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.telegram_api_file_url)
        .context_types(ContextTypes(context=QualiContext, bot_data=BotServices))
        .defaults(Defaults(parse_mode=ParseMode.HTML))  # every text is HTML, user input escaped
        .concurrent_updates(False)  # conversations expect one update at a time
        .post_init(partial(on_startup, upgrade=not upgraded))
        .post_shutdown(on_shutdown)
    )
    # one pacer per process: the pipeline's sends wait in it, the conversations' answers are counted
    pacer = SlidingWindowPacer(reserved=CONVERSATION_RESERVE)  # until the lease says it is alone
    builder = builder.rate_limiter(
        ObservedSends(pacer, AIORateLimiter(max_retries=3) if settings.rate_limit else None)
    )
    if request is None:
        builder = builder.request(telegram_request(256)).get_updates_request(telegram_request(1))
    else:
        builder = builder.request(request).get_updates_request(request)
    application = builder.build()
    provide_services(application, settings, database, clock)
    application.bot_data.pacer = pacer
    application.bot_data.sending.answer_peak = pacer.answer_peak  # reported with each heartbeat
    application.bot_data.webhook_secret = settings.webhook_secret if webhook else None
    application.add_handlers(middleware.handlers(), group=middleware.MIDDLEWARE_GROUP)
    application.add_handler(TypeHandler(Update, remember_language), group=GROUP_LANGUAGE)
    application.add_handlers(onboarding.pasted_invitation_handlers(), group=onboarding.PASTED_GROUP)
    application.add_handlers(request_files.file_handlers(), group=request_files.GROUP)  # issue 14
    application.add_handlers(journey_handlers(), group=GROUP_JOURNEYS)
    application.add_error_handler(on_error)
    return application


# a file sent (an /export part up to 50 MB, a PDF) may take this long to upload: PTB's 20 s would
# need 2.5 MB/s for a full part; 120 s lets it go at about 0.4 MB/s
MEDIA_WRITE_TIMEOUT = 120.0


def telegram_request(connections: int) -> HTTPXRequest:
    """PTB's own connection to Telegram (its pool sizes: 256 for sends, 1 for the long poll), but
    with the process's one TLS context: each new one reads the CA bundle again (30 ms, 1 MB)."""
    return HTTPXRequest(
        connection_pool_size=connections,
        media_write_timeout=MEDIA_WRITE_TIMEOUT,
        httpx_kwargs={"verify": _tls_context()},
    )


@cache
def _tls_context():
    """httpx's default verification (certifi's CA bundle, or SSL_CERT_FILE / SSL_CERT_DIR), once."""
    import httpx  # loaded already by telegram.request

    return httpx.create_ssl_context()


def provide_services(application: Application, settings: Settings, database: Database, clock: Clock) -> None:
    """What every handler reaches through ``context.bot_data``: the database, the settings, the clock."""
    services: BotServices = application.bot_data
    services.database = database
    services.admin_ids = settings.admin_ids
    services.default_language = settings.default_language
    services.clock = clock
    services.file_store = FileStore(database)
    services.redaction = Redaction(settings.secrets)  # the admins' alerts, as the logs (bot.errors)
    services.sending = SendingLease(InstanceId(), settings.lease_seconds)
    services.committee_dates = settings.committee_dates
    services.reminder_leads = settings.reminder_leads
    services.reminder_hour = settings.reminder_hour
    services.public_url = settings.public_url
    services.miniapp_max_age = settings.miniapp_max_age
    services.invitation_days = settings.invitation_days
    if settings.web_enabled:  # starlette and uvicorn load only when the web server is configured
        from bot.web.server import WebServer

        services.web = WebServer(application, settings.web_host, settings.web_port)


def journey_handlers() -> list:
    """Every journey's commands, buttons and answers; the first matching handler wins, catch-alls last."""
    return (
        ballot.handlers()  # its /start c_<token> goes before onboarding's /start
        + onboarding.handlers()
        + home.handlers()
        + gaps.handlers()
        + engagements.handlers()
        + indicators.handlers()
        + actions.handlers()
        + involvement.handlers()
        + documents.handlers()
        + uploads.handlers()  # files, before the answer handlers that refuse them
        + review.handlers()
        + submission.handlers()
        + export.handlers()
        + dossiers.handlers()
        + decisions.handlers()
        + progress.handlers()
        + updates.handlers()
        + calendar.handlers()
        + composer.handlers()
        + sending.handlers()
        + announcements.handlers()
        + dashboard.handlers()
        + preferences.handlers()
        # issue 14: the federation's commitments
        + listing.handlers()
        + preparation.handlers()
        + requests.handlers()
        + request_files.handlers()
        + inbox.handlers()
        + bilan.handlers()
        + bilan_walk.handlers()
        + bilan_history.handlers()
        + committee_bilans.handlers()
        + practices.handlers()
        + team.handlers()
        + personal_data.handlers()
        + questions.handlers()
        + choices.handlers()
        + conflicts.handlers()
        + pastes.answer_handlers()  # typed answers, after every command and button
        + onboarding.fallback_handlers()
    )
