"""The Mini App's addresses: the page at /app, its script and style, its JSON API under /app/api/.

    GET  /app                  the page's frame (the dossier needs the signed init data first)
    GET  /app/api/page         the dossier drawn for the page, its script's texts (?list=1: /comite's list)
    GET  /app/api/dossier      the visitor's current dossier as JSON, with the coop's name
    POST /app/api/field        one field: {entity, id, field, value, expected, own, terms, values}
    POST /app/api/engagement   {dossier, code, chosen, confirmed}
    POST /app/api/indicator    {dossier, code, value}: a new indicator, from its title
    POST /app/api/action       {indicator, value}: a new action, from its description
    POST /app/api/closed       {session}: the page was left; the chat is told what changed (signed
                               init data past its age is accepted here: it only reports the session)

Every API request carries ``Authorization: tma <initData>``: 401 when it is missing, unsigned, tampered or
stale; 403 when the user may not see or do this; 422 with the chat's own message for a value the chat would
refuse; 409 for a colleague's change (both values), for a value typed in terms changed since (an indicator's
kind or unit: the chat's words, the page drawn again), for a kind or unit sent with the ``values`` it clears
as shown, one changed since (the same), or a confirmation to ask. What the page caused itself, named in
``own`` (a save whose answer was lost, the value its own unit change cleared), is no colleague's change: saved
over, without a 409. The visitor's own change elsewhere (the chat): a 409 saying so (``elsewhere``). 503
when the database does not answer (``answers.unavailable``: one log line, no statement nor parameters).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from sqlmodel.ext.asyncio.session import AsyncSession
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from telegram.ext import Application

from bot.errors import database_away
from bot.web.miniapp import pages, saves
from bot.web.miniapp.access import Forbidden, Visit, check_ids, init_language, open_visit
from bot.web.miniapp.answers import locked_answer, refusal, request_body, request_session, unavailable
from bot.web.miniapp.auth import InitData, Stale, Unauthenticated, check_init_data, from_header
from bot.web.miniapp.chat import report_changes
from bot.web.miniapp.evidence import consultations_view
from bot.web.miniapp.shell import expired_answer
from bot.web.miniapp.standing import ahead_view, committee_words, status_line, summary_view
from bot.web.miniapp.texts import removed_text, script_texts
from bot.web.miniapp.view import dossier_view
from conversations.committee.wording import committee_groups, cycle_words
from conversations.dossier.editor.entities import ENTITIES
from locales import Translator, translator
from models.chat_state import count_app_change, open_app_session
from models.dossier.attachments import attachments_of
from models.dossier.reads import (
    ConfirmationNeeded,
    DossierError,
    DossierLocked,
    NotYours,
    StaleValue,
    read_snapshot,
)
from models.dossier.rules import dossier_gaps
from models.label.committee import dossiers_by_status, followed_by_committee
from models.parsing.text import InputError
from models.team import team_of

log = logging.getLogger("qualicoop.web")
CLOSING_GRACE = 1.5  # seconds: a page's last saves, sent with its /closed, are stored before it counts

# a body that is not what the API reads; RecursionError: JSON nested deeper than its decoder goes;
# OverflowError: an infinite number (JSON as Python reads it: « Infinity », « 1e400 ») made a whole one
MALFORMED = (KeyError, ValueError, TypeError, RecursionError, OverflowError)
ID_KEYS = ("id", "dossier", "code", "indicator")  # the request's keys that name a row
Work = Callable[[AsyncSession, Visit, dict], Awaitable[dict | Response]]


class MiniApp:
    """The Mini App's handlers, on the bot's services (database, referential, clock)."""

    def __init__(self, application: Application) -> None:
        self.application = application
        self.services = application.bot_data

    def authenticate(self, request: Request) -> InitData:
        """The Telegram user of the request's signed init data (Unauthenticated otherwise)."""
        raw = from_header(request.headers.get("authorization"))
        now, max_age = self.services.clock(), self.services.miniapp_max_age
        return check_init_data(raw, self.application.bot.token, now=now, max_age=max_age)

    async def run(self, request: Request, work: Work) -> Response:
        """Check who asks, open their visit and run the work in one transaction; refusals as statuses."""
        try:
            init = self.authenticate(request)
        except Unauthenticated as error:  # too old, said in the language they chose if Telegram signed it
            log.info("Mini App request refused (401): %s", error)
            return await expired_answer(self.services, error)
        visit, body = None, {}
        try:
            body = await request_body(request) if request.method == "POST" else {}
            ids = [body[key] for key in ID_KEYS if key in body]  # not typed texts: « 12345678901234567890 »
            check_ids([*ids, request.query_params.get("dossier") or 0])
            dossier_id, listing = request.query_params.get("dossier"), bool(request.query_params.get("list"))
            opened = int(dossier_id) if dossier_id else None
            try:
                async with self.services.database.transaction() as session:
                    visit = await open_visit(session, self.services, init, opened, listing)
                    answer = await work(session, visit, body)
            except DossierLocked as locked:  # submitted since the page was drawn: rolled back, drawn again
                async with self.services.database.transaction() as session:  # as it is now: read-only
                    visit = await open_visit(session, self.services, init, opened, listing)
                    html = await self.redrawn(session, visit) if visit.dossier else None  # (a forged one)
                    answer = locked_answer(visit.t, getattr(visit.dossier, "status", ""), locked.code, html)
            return answer if isinstance(answer, Response) else JSONResponse(answer)
        except (Forbidden, DossierError, InputError, *MALFORMED) as error:
            return self.refused(error, visit, body, init)
        except Exception as error:  # the database away: a 503 the page sends again, one line (no SQL)
            if not await database_away(self.services, error):
                raise
            return unavailable(visit.t if visit is not None else self.translator(init), init.user_id, error)

    def refused(self, error: Exception, visit: Visit | None, body: dict, init: InitData) -> JSONResponse:
        """A refusal, worded as the chat words it, with its language (the page's « Close » speaks it)."""
        # before the visit exists: in the language it was refused in, else (a malformed request) their app's
        t = visit.t if visit is not None else getattr(error, "t", None)
        t = t or self.translator(init)
        log.info("Mini App request of %s refused: %r", init.user_id, error)
        answer, status = refusal(t, error, body)
        return JSONResponse(answer, status, headers={"Content-Language": t.language})

    def translator(self, init: InitData) -> Translator:
        """The language of the visitor's Telegram app (the one chosen in the chat is not read yet)."""
        return translator(init_language(init, self.services.default_language))

    async def dossier_data(self, session: AsyncSession, visit: Visit) -> dict:
        """The visited dossier as data (for the JSON and for the page)."""
        snapshot = await read_snapshot(session, visit.dossier)
        attachments = await attachments_of(session, visit.dossier.id)
        team = await team_of(session, visit.coop.id) if visit.is_member else None  # not the committee's
        words = await committee_words(session, visit)
        evidence = await consultations_view(session, visit, self.services)  # the consultations, read-only
        view = dossier_view(visit, self.services.referential, snapshot, attachments, team, words, evidence)
        return {**view, "ahead": await ahead_view(session, visit, self.services)}  # as the chat's home

    async def redrawn(self, session: AsyncSession, visit: Visit) -> str:
        """The whole page again, after a change of its structure (an engagement, a new row)."""
        return pages.dossier_html(visit, await self.dossier_data(session, visit))

    async def followed(self, session: AsyncSession, visit: Visit) -> list[tuple[str, list]]:
        """The dossiers the committee follows in /comite's groups (none empty) and words, with their coops,
        and whether each opens here (not a coop's draft prepared again after a refusal)."""
        groups = committee_groups(await dossiers_by_status(session))
        t = visit.t
        return [
            (
                t.gettext(title),
                [(d, c, cycle_words(t, title, d), followed_by_committee(d.status)) for d, c, _ in rows],
            )
            for title, rows in groups
            if rows
        ]

    # ---- reading -------------------------------------------------------------------------------

    async def page(self, session: AsyncSession, visit: Visit, body: dict) -> dict:
        """The dossier drawn for the page (for the federation without one, the list), and a session."""
        texts = script_texts(visit.t, visit.dossier)
        answer = {"language": visit.t.language, "texts": texts, "session": None}
        if visit.dossier is None:
            return {**answer, "html": pages.dossiers_html(visit, await self.followed(session, visit))}
        html = pages.dossier_html(visit, await self.dossier_data(session, visit))
        if visit.editable:
            answer["session"] = await open_app_session(session, visit.visitor.user.id, self.services.clock())
        return {**answer, "html": html}

    async def dossier(self, session: AsyncSession, visit: Visit, body: dict) -> dict:
        """``GET /app/api/dossier``: the dossier as JSON (for the federation without one: the list)."""
        if visit.dossier is None:
            listed = [
                {
                    "id": d.id,
                    "coop": c.name,
                    "status": d.status,
                    "group": group,
                    "cycle": cycle,
                    "opens": opening,
                }
                for group, rows in await self.followed(session, visit)
                for d, c, cycle, opening in rows
            ]
            return {"dossiers": listed}
        return await self.dossier_data(session, visit)

    # ---- changing ------------------------------------------------------------------------------

    async def field(self, session: AsyncSession, visit: Visit, body: dict) -> dict | Response:
        """One field, parsed and stored as the chat does; a colleague's change comes back as 409."""
        now = self.services.clock()
        try:
            row, spec, changed = await saves.save_field(session, visit, body, now)
        except StaleValue as stale:
            return JSONResponse(await saves.conflict_of(session, visit, body, stale), status_code=409)
        except saves.TermsChanged as told:  # the page redraws the row in its new terms, the text kept
            return JSONResponse({**told.answer, "html": await self.redrawn(session, visit)}, status_code=409)
        except NotYours:
            return await self.gone(session, visit, str(body["entity"]))
        entity = ENTITIES[str(body["entity"])]
        if changed:
            await self.count(session, visit, request_session(body), f"{entity.name}:{row.id}:{spec.name}")
        snapshot = await read_snapshot(session, visit.dossier)
        gaps = dossier_gaps(self.services.referential, snapshot)
        summary = summary_view(visit, self.services.referential, snapshot, gaps)
        answer = {
            "field": await saves.saved_field(session, visit, entity, spec, row),
            "changed": changed,
            "summary": pages.summary_html(visit, summary),
            # a change to a dossier marked ready makes it a draft again, as in the chat: said at the top
            "status": status_line(visit, snapshot.dossier),
        }
        if spec.choice:  # a kind or a unit changes which fields the row has: the page is drawn again
            answer["html"] = await self.redrawn(session, visit)
        return answer

    async def engagement(self, session: AsyncSession, visit: Visit, body: dict) -> dict | Response:
        """Tick or untick an engagement; the page is drawn again (counters, rules, indicators)."""
        referential = self.services.referential
        try:
            changed, note = await saves.choose_engagement(
                session, visit, referential, body, self.services.clock()
            )
        except ConfirmationNeeded as needed:  # the page drawn again: cancelled, it shows what was counted
            asked = saves.drop_question(visit.t, int(body["code"]), needed)  # the chat's words
            return JSONResponse({**asked, "html": await self.redrawn(session, visit)}, status_code=409)
        if changed:
            await self.count(session, visit, request_session(body), f"engagement:{int(body['code'])}")
        return {"changed": changed, "note": note, "html": await self.redrawn(session, visit)}

    async def gone(self, session: AsyncSession, visit: Visit, entity: str) -> Response:
        """What was changed or added to was removed meanwhile: the page drawn again without it, the text typed
        kept aside under a sentence naming what went (``entity``)."""
        said, html = removed_text(visit.t, entity), await self.redrawn(session, visit)
        return JSONResponse({"error": said, "code": NotYours.code, "gone": True, "html": html}, 403)

    async def indicator(self, session: AsyncSession, visit: Visit, body: dict) -> dict | Response:
        """A new indicator; the page is drawn again with its fields."""
        referential = self.services.referential
        try:
            row = await saves.new_indicator(session, visit, referential, body, self.services.clock())
        except NotYours:  # its engagement unticked meanwhile
            return await self.gone(session, visit, "engagement")
        await self.count(session, visit, request_session(body), f"indicator:{row.id}:new")
        note = saves.draft_note(session, visit)  # the dossier marked ready a draft again, as the chat says
        return {"changed": True, "note": note, "html": await self.redrawn(session, visit)}

    async def action(self, session: AsyncSession, visit: Visit, body: dict) -> dict | Response:
        """A new action; the page is drawn again with its fields."""
        try:
            row = await saves.new_action(session, visit, body, self.services.clock())
        except NotYours:  # its indicator removed meanwhile
            return await self.gone(session, visit, "indicator")
        await self.count(session, visit, request_session(body), f"action:{row.id}:new")
        note = saves.draft_note(session, visit)
        return {"changed": True, "note": note, "html": await self.redrawn(session, visit)}

    async def count(self, session: AsyncSession, visit: Visit, token: str | None, key: str) -> None:
        """One more field changed from this opening of the page."""
        await count_app_change(session, token, visit.visitor.user.id, key)

    async def closed(self, request: Request) -> Response:
        """The page was left (closed, or hidden behind the chat): one message if something changed.

        Init data past its age is accepted here when Telegram signed it: the page may have stayed open
        for days, and this only tells its user what this opening (its token, tied to them) changed.
        """
        try:
            init = self.authenticate(request)
        except Stale as stale:
            init = stale.init
        except Unauthenticated:
            return JSONResponse({"error": "unauthenticated"}, status_code=401)
        try:
            body = await request_body(request)
            token = request_session(body)
            if token is None:
                raise ValueError("no page token")
        except (*MALFORMED, AttributeError):
            return JSONResponse({"error": "malformed"}, status_code=400)
        if body.get("pending"):  # the page's last saves left with this request (its script is gone
            await asyncio.sleep(CLOSING_GRACE)  # before their answers): a moment for them to be stored
        try:
            told = await report_changes(self.application, init.user_id, token)
        except Exception as error:
            if not await database_away(self.services, error):
                raise
            return unavailable(self.translator(init), init.user_id, error)
        return JSONResponse({"told": told})

    async def shell(self, request: Request) -> Response:
        """``GET /app``: the page's frame."""
        return HTMLResponse(
            pages.shell(self.services.default_language), headers={"Cache-Control": "no-store"}
        )
