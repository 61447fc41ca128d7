"""What the Mini App changes, through the chat's own functions and tables.

A field is parsed by its field's parser (``render/fields``), found for the member and stored by its
entity (``dossier/editor/entities``: coop check, submitted dossiers refused, audit row, version,
and the conflict rule through ``expected``, the value the page showed). What the page itself caused
since — a save whose answer was lost, the value their own unit change cleared — it names in ``own``:
a value found there and written last by this visitor (the audit says) is no one else's change, nor is
an empty value they left (nothing typed to protect: their unit change whose answer had not come). Their
own non-empty change elsewhere (the chat, another window) is not the page's: shown beside theirs, as a
colleague's would be, said as theirs (``ChangedElsewhere``). A value sent with the terms the page showed
(an indicator's kind and unit) that a colleague changed since is not stored: told as the chat tells it
(``TermsChanged``), before any conflict of the value itself; so is a value for a field the row no longer
has (a unit, the indicator made a text one). Engagements and new rows go through the same domain
functions as the chat's buttons. Each returns whether something changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.web.miniapp.access import Forbidden, Visit, typed_value
from bot.web.miniapp.texts import NOT_THEIR_DOSSIER
from bot.web.miniapp.view import decode, encode, field_view
from conversations.dossier.editor.choices import choice_overtaken
from conversations.dossier.editor.entities import ACTION, ENTITIES, INDICATOR, Entity, Write
from conversations.dossier.editor.meanwhile import no_longer_asked, terms_told
from conversations.dossier.editor.removal import NO_LONGER_READY, what_is_left
from conversations.dossier.engagements import CHANGED_MEANWHILE, OLDER_CONFIRMATION, what_goes
from conversations.render.fields import CHOICES, FieldSpec
from locales import Translator
from models.audit import last_writer
from models.dossier.indicators import add_action, add_indicator
from models.dossier.reads import (
    ConfirmationNeeded,
    NotYours,
    StaleValue,
    chosen_engagements,
    dossier_of_member,
    indicator_of_member,
)
from models.dossier.writes import back_to_draft, set_engagement
from models.parsing.due_dates import DueDate
from models.parsing.text import InputError
from models.parsing.values import parse_unit
from models.referential.model import Referential
from models.tables import Action, Attachment, Dossier, DossierStatus, Indicator

FIRST_UNIT = "miniapp.first_unit"  # the session's note: this save is a number's first unit
OWN_KEPT = 20  # the values a page may name as its own for one field: more is no lost answer
TABLES = {"indicator": Indicator, "action": Action, "dossier": Dossier, "attachment": Attachment}


class ChangedElsewhere(StaleValue):
    """The visitor changed the field elsewhere (the chat, another window) since this page showed it."""


class TermsChanged(Exception):
    """A value typed in terms (an indicator's kind, its unit) changed since the page showed them: the
    409's answer, the chat's words (``said``) and what the row holds now, for the page to read it so."""

    def __init__(self, said: str, terms: list, value: object) -> None:
        super().__init__(said)
        self.answer = {"error": said, "terms": terms, "value": value}


def parse(visit: Visit, spec: FieldSpec, row, typed: str) -> object:
    """A typed value as the chat would read it; a choice must be one of its options, or for a unit the
    coop's own words (« jours ouvrés »: the chat's rule, which refuses a value typed as a unit)."""
    if spec.choice:
        if typed in CHOICES[spec.choice] or (row is not None and typed == getattr(row, spec.name)):
            return typed  # a listed option, or the coop's own unit kept as is
        if spec.choice == "unit":  # the coop's own words, read as the chat reads a unit typed at its question
            return parse_unit(typed, getattr(row, "unit", None))  # « Working days » retyped: the same unit
        raise KeyError(spec.name)  # the field, never the words typed: they would go to the log
    return spec.parse(typed, row, visit.answer)


async def save_field(
    session: AsyncSession, visit: Visit, change: dict, now: datetime
) -> tuple[object, FieldSpec, bool]:
    """One field of one row: (the row, its field, whether it changed).

    KeyError or ValueError for a malformed request, NotYours/DossierLocked/NotAllowed for a row the
    visitor may not change, InputError for a value the chat would refuse, StaleValue for a conflict.
    """
    entity = ENTITIES[str(change["entity"])]
    spec = entity.field(str(change["field"]))
    row, dossier = await of_their_coop(session, visit, entity.name, int(change["id"]), entity.load)
    await check_terms(session, visit, entity, spec, row, change)
    value = parse(visit, spec, row, typed_value(change))
    session.info[FIRST_UNIT] = spec.name == "unit" and row.unit is None  # clears what does not fit it
    before = dossier.version
    visitor = visit.visitor
    write = Write(
        spec.name, value, decode(spec, change["expected"]), visitor.user.id, visitor.is_direction, now
    )
    try:
        await entity.write(session, dossier, row, write)
    except StaleValue as stale:
        if not await own_value(session, visit, entity.name, spec, row):
            raise
        if stale.current not in (None, "") and stale.current not in page_values(visit, spec, row, change):
            raise ChangedElsewhere(stale.current) from stale
        # what is stored is this visitor's own: sent again, stored by a request whose answer was lost, or
        # emptied by them (their own unit change, whose answer the page did not have yet): no text to protect
        await entity.write(session, dossier, row, replace(write, expected=getattr(row, spec.name)))
    return row, spec, dossier.version != before


async def of_their_coop(session: AsyncSession, visit: Visit, table: str, row_id: int, load: Callable):
    """A row of the visitor's coop and its dossier, through ``load`` (the coop's check, an editable
    dossier). One that is there but another coop's (a page of a coop they left, still open) is refused as
    the page refuses another coop's dossier, not as a thing removed meanwhile: nobody removed anything."""
    try:
        return await load(session, row_id, visit.member_coop_id, for_edit=True)
    except NotYours:
        if await session.get(TABLES[table], row_id) is None:
            raise  # removed meanwhile: said as the chat says it to a typed answer
        raise Forbidden(f"{table} {row_id} is another coop's", visit.t.gettext(NOT_THEIR_DOSSIER)) from None


async def check_terms(
    session: AsyncSession, visit: Visit, entity: Entity, spec: FieldSpec, row, change: dict
) -> None:
    """TermsChanged (the chat's words) for a value typed in terms the row no longer has (never read in terms
    the user did not see; a page sending none is not checked), for a field it no longer has (a unit, now a
    text indicator), or a kind or unit sent with ``values`` a colleague changed since that it clears."""
    asked, typed, visitor, t = change.get("terms"), typed_value(change), visit.visitor.user.id, visit.t
    told = await no_longer_asked(t, visitor, session, entity, row, spec, typed)
    if told is None and isinstance(values := change.get("values"), dict):
        told = await choice_overtaken(t, visitor, session, row, spec, typed, change.get("expected"), values)
    if told is None and spec.name in entity.in_terms and isinstance(asked, list):
        terms_were = await terms_told(t, visitor, session, entity, row, asked[: len(entity.terms)], typed)
        told = terms_were[1] if terms_were is not None else None
    if told is not None:
        terms = [getattr(row, term) for term in entity.terms]
        raise TermsChanged("\n".join(told), terms, encode(getattr(row, spec.name)))


async def conflict_of(session: AsyncSession, visit: Visit, change: dict, stale: StaleValue) -> dict:
    """The 409 of a field changed since the page showed it: what it holds now (stored, as typed, as
    shown), and whether it was the visitor's own change elsewhere."""
    entity = ENTITIES[str(change["entity"])]
    row, _dossier = await entity.load(session, int(change["id"]), visit.member_coop_id, for_edit=False)
    current = field_view(visit.t, entity, entity.field(str(change["field"])), row, True, answer=visit.answer)
    conflict = {key: current[key] for key in ("value", "text", "shown")}
    conflict["elsewhere"] = isinstance(stale, ChangedElsewhere)  # their own, in the chat
    return {"conflict": conflict}


async def saved_field(session: AsyncSession, visit: Visit, entity: Entity, spec: FieldSpec, row) -> dict:
    """A saved field as the page shows it, with the chat's remark on it (« ⚠️ after the indicator’s target
    date (31 December 2027) »): a value kept, said under its « ✓ Saved »; and, as the chat says it, that
    the save made the dossier marked ready a draft again."""
    remark = await entity.remark(visit.t, session, row, spec.name)
    return {
        **field_view(visit.t, entity, spec, row, True, answer=visit.answer),
        "note": "\n".join(filter(None, (remark, draft_note(session, visit)))),
        # the dossier's version once saved: a page drawn at an older one (a late answer) is out of date
        "version": visit.dossier.version,
        "first_unit": bool(session.info.pop(FIRST_UNIT, False)),  # its cleared values did not fit it
    }


def draft_note(session: AsyncSession, visit: Visit) -> str:
    """« The dossier is no longer ready to submit: it is a draft again. » when this transaction's change made
    the dossier marked ready a draft, as the chat says it (once); "" otherwise."""
    return visit.t.gettext(NO_LONGER_READY) if back_to_draft(session) else ""


def stored_form(value: object) -> object:
    """A parsed value as its field stores it (a due date as its day)."""
    return value.value if isinstance(value, DueDate) else value


async def own_value(session: AsyncSession, visit: Visit, entity: str, spec: FieldSpec, row) -> bool:
    """Whether what the row holds is this visitor's: a value they wrote last (the audit says who). The
    very value held already is no conflict (``write_field``): the same text held in other terms (a
    colleague's unit and the same number) is the colleague's, and stays a conflict."""
    return await last_writer(session, entity, row.id, spec.name) == visit.visitor.user.id


def page_values(visit: Visit, spec: FieldSpec, row, change: dict) -> list:
    """The stored forms of what the page names as its own (typed as sent, or as the page showed them)."""
    own = change.get("own")
    found: list = []
    for typed in own[:OWN_KEPT] if isinstance(own, list) else ():
        if str(typed).strip() == "":
            found += [None, ""]  # cleared by their own change of the indicator's kind or unit
            continue
        try:
            found.append(stored_form(parse(visit, spec, row, str(typed))))
        except (InputError, KeyError, ValueError):
            continue  # refused now (another unit since): not what the row holds
    return found


async def choose_engagement(
    session: AsyncSession, visit: Visit, referential: Referential, change: dict, now: datetime
) -> tuple[bool, str]:
    """Tick or untick an engagement; untick one with indicators only ``confirmed`` (ConfirmationNeeded),
    and only if they are still those the page's confirmation named (``seen``, from ``drop_question``): a
    confirmation without it (a page loaded before it was sent) is asked again, as the chat's older button.
    Whether it changed, and the chat's note after it: a confirmed drop's « what is left » (its readiness
    included), else the dossier no longer ready if it was."""
    # another coop's (a page of a coop they left, still open): refused as its other rows are
    dossier = await of_their_coop(session, visit, "dossier", int(change["dossier"]), dossier_of_member)
    engagement = referential.engagement(int(change["code"]))
    seen, confirmed, chosen = change.get("seen"), flag(change.get("confirmed", False)), flag(change["chosen"])
    try:
        changed = await set_engagement(
            session, dossier, engagement.code, chosen, actor_id=visit.visitor.user.id,
            confirmed=confirmed, seen=None if seen is None else int(seen), now=now,
        )  # fmt: skip
    except ConfirmationNeeded as needed:  # nothing written: what the drop would leave short, as the chat
        after = await chosen_engagements(session, dossier.id) - {engagement.code}
        ready = dossier.status == DossierStatus.READY
        left = what_is_left(visit.t, referential, after, engagement.axis, ready, done=False)
        if confirmed and seen is None:  # said as the chat says it, not as a colleague's change
            raise OlderConfirmation(needed.indicators, needed.actions, needed.seen, left=left) from needed
        raise DropToConfirm(needed.indicators, needed.actions, needed.seen, needed.changed, left) from needed
    if chosen or not confirmed:  # a tick, or a drop with nothing to delete: as the chat's toggle
        return changed, draft_note(session, visit)
    after = await chosen_engagements(session, dossier.id)  # as the chat's confirm_drop
    return changed, "\n".join(
        what_is_left(visit.t, referential, after, engagement.axis, back_to_draft(session), done=True)
    )


class DropToConfirm(ConfirmationNeeded):
    """A drop to confirm, with what it would leave short (``left``: the chat's lines, ``what_is_left``)."""

    def __init__(self, indicators: int, actions: int, seen: int, changed=False, left=()) -> None:
        super().__init__(indicators, actions, seen, changed)
        self.left = list(left)


class OlderConfirmation(DropToConfirm):
    """A drop confirmed without naming what it counted (``seen``): asked again, said as from an older page."""


def drop_question(t: Translator, code: int, needed: ConfirmationNeeded) -> dict:
    """The page's confirmation of a drop (409), worded as the chat's (what goes, then what it would leave
    short), with which ones it names (``seen``, sent back with the confirmation)."""
    said = [t.gettext("Engagement {code}").format(code=code), what_goes(t, needed.indicators, needed.actions)]
    said += ["• " + line for line in getattr(needed, "left", ())]
    if isinstance(needed, OlderConfirmation):  # without its mark: asked again, as the chat's older button
        said.insert(0, t.gettext(OLDER_CONFIRMATION))
    elif needed.changed:  # confirmed for other indicators or actions: said, then asked again
        said.insert(0, t.gettext(CHANGED_MEANWHILE))
    return {"confirm": "\n".join(said), "seen": needed.seen}


def flag(value: object) -> bool:
    """A tick as the page sends it, JSON's true or false; anything else (« "false" », 1) is a forged
    request (TypeError: 400), never read as ticked."""
    if not isinstance(value, bool):
        raise TypeError(f"not a boolean: {value!r}")
    return value


async def new_indicator(
    session: AsyncSession, visit: Visit, referential: Referential, change: dict, now: datetime
) -> Indicator:
    """A new indicator of a chosen engagement, from its title (as the chat's « my own indicator »)."""
    dossier = await of_their_coop(session, visit, "dossier", int(change["dossier"]), dossier_of_member)
    code = referential.engagement(int(change["code"])).code
    title = parse(visit, INDICATOR.field("title"), None, typed_value(change))
    # no target date yet, as in the chat: the end of the 18-month period is offered, not assumed
    return await add_indicator(session, dossier, code, title=title, actor_id=visit.visitor.user.id, now=now)


async def new_action(session: AsyncSession, visit: Visit, change: dict, now: datetime) -> Action:
    """A new action of an indicator's plan, from its description."""
    indicator, dossier = await of_their_coop(
        session, visit, "indicator", int(change["indicator"]), indicator_of_member
    )
    description = parse(visit, ACTION.field("description"), None, typed_value(change))
    return await add_action(session, dossier, indicator, description, actor_id=visit.visitor.user.id, now=now)


__all__ = [
    "ChangedElsewhere",
    "InputError",
    "TermsChanged",
    "choose_engagement",
    "conflict_of",
    "drop_question",
    "new_action",
    "new_indicator",
    "save_field",
    "saved_field",
]
