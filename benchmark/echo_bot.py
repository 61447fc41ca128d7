"""The baseline: a bare python-telegram-bot Application answering each update with the product's calls.

It is what the product would cost if its own code were free: the same PTB version and settings (HTML
by default, one update at a time, the rate limiter when the product has it), the same long polling,
and for each update the same Bot API calls, in the same order, with the same texts and keyboards,
read from the plan the calibration wrote (``QUALICOOP_BENCH_PLAN``). No database, no rendering.

    QUALICOOP_BENCH_PLAN=plan.json TELEGRAM_BOT_TOKEN=… TELEGRAM_API_BASE_URL=… python -m benchmark.echo_bot
"""

from __future__ import annotations

import json
import logging
import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import AIORateLimiter, Application, ContextTypes, Defaults, TypeHandler

# the parameters passed as arguments of PTB's methods; any other goes through api_kwargs as it is
KNOWN = {"text", "reply_markup", "parse_mode", "show_alert"}


@dataclass(frozen=True)
class Call:
    """One planned call, with its keyboard already parsed (the product builds its own per update)."""

    method: str
    text: str | None
    markup: InlineKeyboardMarkup | None
    parse_mode: str | None
    show_alert: bool
    extra: dict


def load_plan(path: str | None) -> dict[int, list[list[Call]]]:
    """Per Telegram user, the calls of each step of their script."""
    if not path:
        return {}
    payload = json.loads(Path(path).read_text(encoding="utf-8"))
    plans = {
        name: [[_call(call) for call in step] for step in steps] for name, steps in payload["plans"].items()
    }
    return {int(user): plans[name] for user, name in payload["users"].items()}


def _call(planned: dict) -> Call:
    """One call of the plan, ready to make: its keyboard parsed once, here, not per update."""
    params = planned["params"]
    markup = params.get("reply_markup")
    return Call(
        method=planned["method"],
        text=params.get("text"),
        markup=InlineKeyboardMarkup.de_json(markup, None) if markup else None,
        parse_mode=params.get("parse_mode"),
        show_alert=bool(params.get("show_alert", False)),
        extra={key: value for key, value in params.items() if key not in KNOWN},
    )


async def perform(update: Update, context: ContextTypes.DEFAULT_TYPE, call: Call, screens: list[int]) -> None:
    """Make one planned call for this update, through PTB's own methods like the product.

    ``screens``: the messages the echo sent in this chat, oldest first. The product takes the keyboard
    off its screen before (``editMessageReplyMarkup``, no message id in the plan): the echo does the
    same to its own message before the newest one (or to the pressed one), so the call succeeds too.
    """
    query, chat = update.callback_query, update.effective_chat
    if call.method == "sendMessage":
        sent = await chat.send_message(
            call.text, parse_mode=call.parse_mode, reply_markup=call.markup, api_kwargs=call.extra or None
        )
        screens.append(sent.message_id)
    elif call.method == "editMessageText" and query is not None:
        await query.edit_message_text(
            call.text, parse_mode=call.parse_mode, reply_markup=call.markup, api_kwargs=call.extra or None
        )
    elif call.method == "answerCallbackQuery" and query is not None:
        await query.answer(call.text, show_alert=call.show_alert, api_kwargs=call.extra or None)
    elif call.method == "editMessageReplyMarkup":
        before = screens[-2] if len(screens) >= 2 else (query.message.message_id if query else None)
        await context.bot.edit_message_reply_markup(chat.id, before, reply_markup=None)
    else:  # not in today's script: still the same call, by name
        params = {**call.extra, "chat_id": chat.id, "text": call.text, "parse_mode": call.parse_mode}
        await context.bot.do_api_request(call.method, api_kwargs={k: v for k, v in params.items() if v})


def build(token: str, base_url: str, file_url: str, rate_limit: bool, plan: dict) -> Application:
    """The echo Application: PTB configured as the product configures it, one handler for everything."""
    builder = (
        Application.builder()
        .token(token)
        .base_url(base_url)
        .base_file_url(file_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .concurrent_updates(False)
    )
    if rate_limit:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
    application = builder.build()
    steps_done: dict[int, int] = defaultdict(int)
    screens: dict[int, list[int]] = defaultdict(list)

    async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The next step of this user's plan (steps repeat when the script does)."""
        user = update.effective_user
        steps = plan.get(user.id) if user else None
        if not steps:
            return
        step = steps[steps_done[user.id] % len(steps)]
        steps_done[user.id] += 1
        for call in step:
            await perform(update, context, call, screens[update.effective_chat.id])

    application.add_handler(TypeHandler(Update, answer))
    return application


def main() -> None:
    """Read the same environment variables as ``qualicoop run`` and poll until interrupted."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # as the product: the URL holds the token
    application = build(
        token=os.environ["TELEGRAM_BOT_TOKEN"],
        base_url=os.environ.get("TELEGRAM_API_BASE_URL", "https://api.telegram.org/bot"),
        file_url=os.environ.get("TELEGRAM_API_FILE_URL", "https://api.telegram.org/file/bot"),
        rate_limit=os.environ.get("QUALICOOP_RATE_LIMIT", "true").lower() not in ("false", "0", "no"),
        plan=load_plan(os.environ.get("QUALICOOP_BENCH_PLAN")),
    )
    application.run_polling(allowed_updates=Update.ALL_TYPES)


if __name__ == "__main__":
    main()
