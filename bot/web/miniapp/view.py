"""The dossier as the Mini App shows it: plain data, for the JSON API and for the page's templates.

Every field comes from the chat's tables (``render/fields`` through the editor's entities): its
label, example, how its value reads, its limit and which values it takes. The counters, the rule
messages, the gaps, the progress and the next step (``standing``) are the domain's rules
(``models.dossier.rules``), worded as in the chat.
"""

from __future__ import annotations

from datetime import date

from bot.web.miniapp.access import Visit
from bot.web.miniapp.standing import letter_note, summary_view
from bot.web.miniapp.texts import limit_text
from conversations.dossier.editor.entities import ACTION, ATTACHMENT, INDICATOR, INVOLVEMENT, Entity
from conversations.render.fields import CHOICES, STARTING, Answer, FieldSpec, field_anchor
from conversations.render.formatting import stage_lines
from conversations.render.input_errors import indicator_value
from locales import N_, Translator
from models.dossier.indicators import MAX_ACTIONS_PER_INDICATOR, MAX_INDICATORS_PER_ENGAGEMENT
from models.dossier.reads import DossierSnapshot
from models.dossier.rules import dossier_gaps
from models.parsing.values import MILESTONE_MAX
from models.referential.model import Referential
from models.tables import Attachment, AttachmentKind, MemberRole
from models.team import Teammate
from models.values import ValueKind

KIND_FIRST = N_("Choose the kind of value first")
CHOSEN = {True: N_("chosen"), False: N_("not chosen")}  # a read-only ✅ / ⬜, said to a screen reader


def encode(value: object) -> object:
    """A stored value as JSON (dates as ISO text): what the page sends back as ``expected``."""
    return value.isoformat() if isinstance(value, date) else value


def decode(spec: FieldSpec, value: object) -> object:
    """Back from the page's JSON to the stored type (ValueError on a malformed date)."""
    if spec.widget == "date" and isinstance(value, str):
        return date.fromisoformat(value)
    return value


def dom_id(entity: Entity, row_id: int, name: str) -> str:
    """The page's id of a field, also the Mini App's ``focus`` parameter: « indicator-12-rationale »."""
    return field_anchor(entity.name, row_id, name)


def input_text(t: Translator, spec: FieldSpec, row, value: object) -> str:
    """The value as the user edits it: « 12,5 % », « mars 2027 », the text itself (parsed back alike)."""
    if value is None or value == "":
        return ""
    return str(value) if spec.choice else spec.show(t, row, value)


def text_limit(spec: FieldSpec, row=None) -> int | None:
    """How many characters a free text takes at most (None: not a free text), a text milestone's too."""
    if spec.parse is indicator_value and getattr(row, "value_kind", None) == ValueKind.TEXT:
        return MILESTONE_MAX
    return getattr(spec.parse, "max_length", None)


def widget_of(spec: FieldSpec, row=None) -> str:
    """How the page asks a field: a short text (a title, a name, a milestone, a value) in a one-line text
    area that grows with it, so that it is read whole, not cut at the field's edge."""
    if spec.choice:
        return "select"
    # a value in the coop's own unit runs long on a phone (« 12 345,75 m² de toiture isolée »); « oui »
    # or « non » never does: a plain line
    yes_no = spec.parse is indicator_value and getattr(row, "value_kind", None) == ValueKind.YES_NO
    return "single" if spec.widget == "line" and not yes_no else spec.widget  # a yes/no's title grows too


def field_view(
    t: Translator,
    entity: Entity,
    spec: FieldSpec,
    row,
    editable: bool,
    missing=(),
    answer: Answer | None = None,
) -> dict:
    """One field: what it is called, its value (stored and as typed), how it is asked (its example
    counted from ``answer``'s day and next meeting, as the chat's question counts it)."""
    value = getattr(row, spec.name)
    view: dict = {
        "entity": entity.name,
        "id": row.id,
        "name": spec.name,
        "dom": dom_id(entity, row.id, spec.name),
        "label": t.gettext(spec.label),
        "widget": widget_of(spec, row),
        "limit": text_limit(spec, row),
        "value": encode(value),
        "text": input_text(t, spec, row, value),
        "shown": spec.display(t, row, value),
        "example": spec.example_for(t, row, answer),
        "editable": editable,
        "missing": spec.name in missing,
    }
    # what its value is read in: sent back with it, compared (the chat's rule)
    if spec.name in entity.in_terms:
        view["terms"] = [getattr(row, term) for term in entity.terms]
    if spec.choice:
        view["options"] = [
            {"value": v, "label": t.gettext(label)} for v, label in CHOICES[spec.choice].items()
        ]
        if value and value not in CHOICES[spec.choice]:  # a unit the coop typed
            view["options"].append({"value": value, "label": str(value), "own": True})
        view["own_unit"] = spec.choice == "unit"  # or typed in the coop's own words, as in the chat
    return view


def row_fields(
    t: Translator, entity: Entity, row, editable: bool, missing=(), answer: Answer | None = None
) -> list[dict]:
    """Every field that applies to a row, in the chat's order."""
    return [field_view(t, entity, s, row, editable, missing, answer) for s in entity.fields if s.applies(row)]


def axes_view(visit: Visit, referential: Referential, snapshot: DossierSnapshot) -> list[dict]:
    """The axes with their engagements, as checkboxes."""
    language = visit.t.language
    return [
        {
            "code": axis.code,
            "title": axis.title.get(language),
            "engagements": [
                {
                    "code": engagement.code,
                    "title": engagement.title.get(language),
                    "provisional": engagement.provisional,
                    "chosen": engagement.code in snapshot.chosen,
                    "mark": visit.t.gettext(CHOSEN[engagement.code in snapshot.chosen]),
                }
                for engagement in referential.engagements_of(axis.code)
            ],
        }
        for axis in referential.axes
    ]


def kind_first(t: Translator, indicator, editable: bool) -> str | None:
    """Before its kind is chosen, an indicator's values are not asked (the chat's rule): what to do."""
    return t.gettext(KIND_FIRST) if editable and not indicator.value_kind else None


def indicator_view(
    visit: Visit, referential: Referential, snapshot: DossierSnapshot, indicator, missing: dict
) -> dict:
    """An indicator's fields (a kept suggestion's title in the reader's language, as in the chat; its
    ``value``, which the conflict rule compares, as stored), then its actions' fields."""
    t, editable = visit.t, visit.editable
    fields = row_fields(
        t,
        INDICATOR,
        indicator,
        editable,
        missing.get(("indicator_incomplete", indicator.id, None), ()),
        visit.answer,
    )
    title = referential.indicator_title(indicator, t.language)
    for field in (f for f in fields if f["name"] == "title" and title != indicator.title):
        field["text"] = field["shown"] = title
    if indicator.baseline_value is not None:  # followed: where it started, read before its current value
        at = next((n for n, f in enumerate(fields) if f["name"] == "current_value"), len(fields))
        fields.insert(at, field_view(t, INDICATOR, STARTING, indicator, editable=False))

    actions = snapshot.actions_of(indicator.id)
    return {
        "id": indicator.id,
        "n": indicator.position,
        "full": len(actions) >= MAX_ACTIONS_PER_INDICATOR,  # no form to add one more: the limit, said
        "limit": limit_text(t, "actions"),
        "fields": fields,
        "kind_first": kind_first(t, indicator, editable),  # said after the kind, where the values go
        "actions": [
            {
                "id": action.id,
                "n": action.position,
                "fields": row_fields(
                    t,
                    ACTION,
                    action,
                    editable,
                    missing.get(("action_incomplete", indicator.id, action.id), ()),
                    visit.answer,
                ),
            }
            for action in actions
        ],
    }


def engagements_view(visit: Visit, referential: Referential, snapshot: DossierSnapshot, gaps) -> list[dict]:
    """Each chosen engagement with its indicators, their fields and their actions."""
    missing = {(g.kind, g.indicator_id, g.action_id): g.fields for g in gaps}
    known = {e.code for e in referential.engagements}
    return [
        {
            "code": code,
            "title": f"{code}. {referential.engagement(code).title.get(visit.t.language)}",
            "indicators": [
                indicator_view(visit, referential, snapshot, i, missing) for i in snapshot.indicators_of(code)
            ],
            "full": len(snapshot.indicators_of(code)) >= MAX_INDICATORS_PER_ENGAGEMENT,
            "limit": limit_text(visit.t, "indicators"),
        }
        for code in sorted(c for c in snapshot.chosen if c in known)
    ]


def documents_view(visit: Visit, attachments: list[Attachment]) -> list[dict]:
    """The documents, the letter first; uploads stay in the chat. A letter's label has no example: the
    field's (« Compte rendu de l’AG… ») names a supporting document."""
    letter = visit.t.gettext("Commitment letter")
    supporting = visit.t.gettext("Supporting document")
    return [
        {
            "id": a.id,
            "kind": letter if a.kind == AttachmentKind.COMMITMENT_LETTER else supporting,
            "file_name": a.file_name,
            "fields": document_fields(visit, a),
        }
        for a in attachments
    ]


def document_fields(visit: Visit, attachment: Attachment) -> list[dict]:
    """A document's fields (its label), without the supporting documents' example for the letter."""
    fields = row_fields(visit.t, ATTACHMENT, attachment, visit.may_rename(attachment))
    if attachment.kind != AttachmentKind.COMMITMENT_LETTER:
        return fields
    return [{**field, "example": ""} for field in fields]


def team_view(visit: Visit, team: list[Teammate] | None) -> dict | None:
    """Who has joined the coop, numbered as in the chat (for its members only: None for the committee)."""
    if team is None:
        return None
    t = visit.t
    return {
        "count": t.ngettext("{n} person has joined", "{n} people have joined", len(team)).format(n=len(team)),
        "members": [
            {"n": n, "name": mate.name, "direction": mate.role == MemberRole.DIRECTION}
            for n, mate in enumerate(team, start=1)
        ],
        "direction": visit.visitor.is_direction,
    }


def dossier_view(
    visit: Visit,
    referential: Referential,
    snapshot: DossierSnapshot,
    attachments: list[Attachment],
    team: list[Teammate] | None = None,
    words: dict | None = None,
    consultations: dict | None = None,
) -> dict:
    """The whole dossier for one visitor: ``GET /app/api/dossier`` and the page."""
    dossier = snapshot.dossier
    gaps = dossier_gaps(referential, snapshot)
    involvement_missing = next((g.fields for g in gaps if g.kind == "involvement_missing"), ())
    stage = stage_lines(visit.t, dossier, visit.today)
    return {
        "coop": visit.coop.name,
        "dossier": {
            "id": dossier.id,
            "cycle": dossier.cycle,
            "status": dossier.status,
            "status_label": stage[0],
            "label_ended": len(stage) > 1,  # its three years over: the home adds what comes next
            "version": dossier.version,
            "editable": visit.editable,
        },
        "summary": summary_view(visit, referential, snapshot, gaps),
        "axes": axes_view(visit, referential, snapshot),
        "engagements": engagements_view(visit, referential, snapshot, gaps),
        "involvement": row_fields(
            visit.t, INVOLVEMENT, dossier, visit.editable, involvement_missing, visit.answer
        ),
        "consultations": consultations,  # evidence of involvement, read-only (``evidence``)
        "committee": words,  # what the committee asked, or its comment on a refusal
        "documents": documents_view(visit, attachments),
        # who provides the missing letter and where (a gap's link lands here)
        "letter": None if snapshot.has_commitment_letter else letter_note(visit),
        "team": team_view(visit, team),
        "examples": {  # of a new row's first field, said under its label and under a refused one
            "indicator": INDICATOR.field("title").example_for(visit.t, None),
            "action": ACTION.field("description").example_for(visit.t, None),
        },
        "limits": {
            "indicator": text_limit(INDICATOR.field("title")),
            "action": text_limit(ACTION.field("description")),
        },
    }
