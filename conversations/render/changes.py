"""What changed since the version the committee read, in words: a short list for the chat, the whole
of it (old → new) for the PDF's appendix.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace

from conversations.render.fields import field_label, field_spec
from conversations.render.formatting import format_moment, quoted, shorten
from conversations.render.html import bold, e, italic
from locales import N_, Translator
from models.dossier.changes import Change, Revision
from models.referential.model import Referential
from models.tables import AttachmentKind

WHAT = {
    "engagement_added": N_("Engagement added"),
    "engagement_removed": N_("Engagement removed, with its indicators"),
    "indicator_added": N_("New indicator « {title} »"),
    "indicator_removed": N_("Indicator « {title} » removed"),
    "action_added": N_("New action « {action} »"),
    "action_removed": N_("Action « {action} » removed"),
    "action_changed": N_("Action « {action} »: {field}"),
    "document_added": N_("Added: {kind} « {label} » ({file})"),
    "document_removed": N_("Removed: {kind} « {label} » ({file})"),
    "document_renamed": N_("Renamed: {kind} “{old}” → “{label}” ({file})"),
}
DOCUMENT_KINDS = {
    AttachmentKind.COMMITMENT_LETTER: N_("commitment letter"),
    AttachmentKind.SUPPORTING: N_("document"),
}
DATES = ("target_date", "due_date")
CHAT_LIMIT = 12  # changes listed in the chat; the PDF's appendix has them all


@dataclass(frozen=True)
class ChangeView:
    """One change as read: where, what, and the value before and now (empty when not a field)."""

    where: str
    what: str
    old: str = ""
    new: str = ""
    brief: str = ""  # where, shortened for the chat
    short: str = ""  # what, its action's text shortened for the chat (the PDF prints ``what`` in full)


@dataclass(frozen=True)
class RevisionView:
    """The changes since the version the committee read, with the texts that introduce them."""

    title: str
    intro: str  # which version, when the committee asked
    request: str  # the committee's words, « » when it gave none
    changes: tuple[ChangeView, ...]
    none: str  # said when the coop changed nothing
    before: str  # « Avant : {value} »
    after: str


def _value(t: Translator, entity: str, name: str, row: dict, value: object) -> str:
    """A stored value (of a version's JSON) as the reader sees it, in its row's kind and unit."""
    if value in (None, ""):
        return "—"
    if name in DATES:
        value = date.fromisoformat(str(value))
    return field_spec(entity, name).display(t, SimpleNamespace(**row), value)


def _where(t: Translator, referential: Referential, change: Change) -> tuple[str, str]:
    """What a change is about, in full (« Engagement 6 — Rendre compte… · « Rapport annuel » ») and brief."""
    if change.kind == "involvement_changed":
        return (t.gettext("Approach and involvement"),) * 2
    if change.kind.startswith("document_"):
        return (t.gettext("Documents"),) * 2
    known = {engagement.code: engagement for engagement in referential.engagements}
    number = t.gettext("Engagement") + f" {change.engagement}"
    title = known[change.engagement].title.get(t.language) if change.engagement in known else ""
    full, brief = (f"{number} — {title}", f"{number} — {shorten(title, 45)}") if title else (number, number)
    if change.kind.startswith(("indicator_changed", "action_")):
        indicator = indicator_title(t, referential, change)
        return (
            f"{full} · {quoted(t.language, indicator)}",
            f"{number} · {quoted(t.language, shorten(indicator, 50))}",
        )
    return full, brief


def indicator_title(t: Translator, referential: Referential, change: Change, row: dict | None = None) -> str:
    """The change's indicator's title (``row``'s: as it was) as the reader reads it everywhere else: a kept
    suggestion's in their language (a French coop's « Part de logements… » is « Share of… » to an English
    committee member)."""
    row = row or change.indicator or {}
    code, suggested = row.get("engagement_code", change.engagement), row.get("suggested_code")
    as_stored = SimpleNamespace(engagement_code=code, suggested_code=suggested, title=row.get("title", ""))
    return referential.indicator_title(as_stored, t.language)


def _what(t: Translator, referential: Referential, change: Change, action: str) -> str:
    """What changed, ``action`` the text its action is named by."""
    kind, _ = change.kind, t.gettext
    if kind in ("indicator_changed", "action_changed", "involvement_changed"):
        entity = {"indicator_changed": "indicator", "action_changed": "action"}.get(kind, "dossier")
        what = field_label(t, entity, change.field)
        return _(WHAT[kind]).format(field=what, action=action) if kind == "action_changed" else what
    if kind.startswith("document_"):
        d = change.document or {}
        kind_name = _(DOCUMENT_KINDS.get(d.get("kind"), DOCUMENT_KINDS[AttachmentKind.SUPPORTING]))
        label, file = d.get("label", ""), d.get("file_name", "")
        return _(WHAT[kind]).format(kind=kind_name, label=label, file=file, old=change.old or "")
    return _(WHAT[kind]).format(title=indicator_title(t, referential, change), action=action)


def change_view(t: Translator, referential: Referential, change: Change) -> ChangeView:
    """One change in words: its action's text in full, and shortened for the chat."""
    where, brief = _where(t, referential, change)
    action = (change.action or {}).get("description", "")
    what, short = _what(t, referential, change, action), _what(t, referential, change, shorten(action, 80))
    if change.kind in ("indicator_changed", "action_changed", "involvement_changed"):
        entity = {"indicator_changed": "indicator", "action_changed": "action"}.get(change.kind, "dossier")
        now = change.action or change.indicator or {}
        old = _value(t, entity, change.field, change.previous or now, change.old)
        new = _value(t, entity, change.field, now, change.new)
        if change.kind == "indicator_changed" and change.field == "title":  # both as the reader read them
            old = indicator_title(t, referential, change, change.previous)  # the row before: its title
            new = indicator_title(t, referential, change)
        return ChangeView(where, what, old, new, brief, short)
    return ChangeView(where, what, brief=brief, short=short)


def revision_view(t: Translator, referential: Referential, revision: Revision) -> RevisionView:
    """The revision with its introduction, in the reader's language."""
    _ = t.gettext
    intro = _(
        "The committee read the version submitted on {read}; it asked for more information on {asked}."
    ).format(read=format_moment(t, revision.read_at), asked=format_moment(t, revision.asked_at))
    return RevisionView(
        title=_("What changed since the version the committee read"),
        intro=intro,
        request=revision.request,
        changes=tuple(change_view(t, referential, change) for change in revision.changes),
        none=_("Nothing changed since the version the committee read."),
        before=_("Before: {value}"),
        after=_("Now: {value}"),
    )


def revision_text(t: Translator, view: RevisionView, limit: int = CHAT_LIMIT) -> str:
    """The changes as a short HTML list for the chat (the PDF's appendix has every one, in full)."""
    lines = ["🔄 " + bold(view.title), italic(view.intro)]
    if view.request:
        lines.append(e(t.gettext("Asked: « {request} »").format(request=shorten(view.request, 300))))
    where = None
    for change in view.changes[:limit]:
        if change.brief != where:  # the changes of one engagement or indicator under one heading
            where = change.brief
            lines.append(bold(where))
        what = change.short or change.what
        if change.old or change.new:
            what = t.gettext("{what}: {old} → {new}").format(
                what=what, old=shorten(change.old, 50), new=shorten(change.new, 50)
            )
        lines.append(f"• {e(what)}")
    if not view.changes:
        lines.append(e(view.none))
    if len(view.changes) > limit:
        more = len(view.changes) - limit
        lines.append(
            e(
                t.ngettext(
                    "… and {n} other change: see the PDF.", "… and {n} other changes: see the PDF.", more
                ).format(n=more)
            )
        )
    return "\n".join(lines)
