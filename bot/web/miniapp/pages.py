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
    """The templates, escaped by default; ``tojson`` writes accents as themselves (« é », not six
    characters of escape: a French text's weight in the page), still escaping < > & ' for HTML."""
    templates = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    templates.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return templates


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
    """The whole dossier, as inputs (or values, read-only); for the federation, a way back to its list
    (from their own coop's dossier, a way to it) and how to get the files in the chat."""
    template = environment().get_template("dossier.html")
    page = translated(visit.t, PAGE)
    listed = visit.is_federation and not visit.is_member  # opened from the committee's list
    files = page["export"].format(number=visit.coop.id) if listed else None  # /export's number is the coop's
    return template.render(
        view=view, page=page, member=visit.is_member, listed=listed, files=files,
        to_committee=visit.is_federation and visit.is_member,  # their role is the committee's too
    )  # fmt: skip


def summary_html(visit: Visit, summary: dict) -> str:
    """The counters, the rule messages, the gaps and the progress."""
    template = environment().get_template("summary.html")
    return template.render(s=summary, page=translated(visit.t, PAGE))


def dossiers_html(visit: Visit, groups: list) -> str:
    """For the federation: the dossiers the committee follows, in /comite's groups, each opened read-only;
    for one of them on a coop's team, a way back to their own coop's dossier (the menu button's)."""
    template = environment().get_template("dossiers.html")
    own = visit.visitor.coop is not None
    return template.render(groups=groups, page=translated(visit.t, PAGE), own=own)
