"""The page's HTML: Jinja2 templates rendered by the server, with the visitor's texts.

The templates (``templates/``) hold no words: every text is passed in, translated, from
``texts.py``, the chat's field tables and the rules' messages. Everything is escaped (autoescape).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from bot.web.miniapp.access import Visit
from bot.web.miniapp.shell import shell_texts
from bot.web.miniapp.texts import PAGE, translated

HERE = Path(__file__).parent
STATIC = HERE / "static"
# Telegram's script, loaded from Telegram as its documentation asks (tests serve a stand-in)
TELEGRAM_SDK = "https://telegram.org/js/telegram-web-app.js"


@cache
def environment() -> Environment:
    """The templates, escaped by default."""
    return Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def assets_version() -> str:
    """Changes when the script or the style changes, so that a phone does not keep an old copy."""
    stamps = [int(path.stat().st_mtime) for path in STATIC.iterdir()]
    return str(max(stamps, default=0))


def shell(language: str) -> str:
    """The page's frame, before the dossier is known, with its words for a failed load in every language."""
    template = environment().get_template("app.html")
    return template.render(
        language=language, sdk_url=TELEGRAM_SDK, version=assets_version(), texts=shell_texts()
    )


def dossier_html(visit: Visit, view: dict) -> str:
    """The whole dossier, as inputs (or values, read-only); for the federation, a way back to its list."""
    template = environment().get_template("dossier.html")
    listed = visit.is_federation and not visit.is_member  # opened from the committee's list
    return template.render(view=view, page=translated(visit.t, PAGE), member=visit.is_member, listed=listed)


def summary_html(visit: Visit, summary: dict) -> str:
    """The counters, the rule messages, the gaps and the progress."""
    template = environment().get_template("summary.html")
    return template.render(s=summary, page=translated(visit.t, PAGE))


def dossiers_html(visit: Visit, groups: list) -> str:
    """For the federation: the dossiers the committee follows, in /comite's groups, each opened read-only."""
    template = environment().get_template("dossiers.html")
    return template.render(groups=groups, page=translated(visit.t, PAGE))
