"""What is still missing, in plain words (the buttons that fix each gap are the dossier's)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from conversations.render.fields import field_label
from conversations.render.formatting import quoted, shorten
from locales import N_, Translator
from models.dossier.reads import DossierSnapshot
from models.dossier.rules import MIN_ENGAGEMENTS, Gap
from models.parsing.names import loose_name_key
from models.referential.model import Referential
from models.referential.parsing import default_referential
from models.tables import DossierStatus

TITLE_LIMIT = 50  # an indicator's title in a gap, in the chat
# once nothing is missing, what to do: the chat's home says it, the Mini App too (with where in the chat).
# The committee asked more of it: it stays so until the direction submits it again (writes.mark_ready).
SUBMIT_AGAIN = N_("Everything is complete: you can submit the dossier again to the validation committee.")
MARK_FOR_DIRECTION = N_(
    "Everything is complete: mark the dossier as ready to tell the direction, which submits it again."
)
MARK_READY = N_("Everything is complete: you can mark the dossier as ready.")


def complete_step(status: str, direction: bool, has_direction: bool) -> str | None:
    """What to do once nothing is missing (its text to translate): mark the dossier ready; one the
    committee asked more of, submit it again (the direction) or tell the direction so by marking it ready
    (none left to submit it: marking it ready is what there is to do). None once marked ready."""
    if status == DossierStatus.INFO_REQUESTED:
        if direction:
            return SUBMIT_AGAIN
        return MARK_FOR_DIRECTION if has_direction else MARK_READY
    return MARK_READY if status == DossierStatus.DRAFT else None


def engagements_counter(t: Translator, chosen: int) -> str:
    """« Engagements : 5/8 minimum »; past the minimum « Engagements : 12 (minimum 8) », as « 12/8 » would
    read as a fraction over one (plain text; the chat's home and the Mini App's standing alike)."""
    counts = {"chosen": chosen, "minimum": MIN_ENGAGEMENTS}
    if chosen > MIN_ENGAGEMENTS:
        return t.gettext("Engagements: {chosen} (minimum {minimum})").format(**counts)
    return t.gettext("Engagements: {chosen}/{minimum} minimum").format(**counts)


def lower_first(label: str) -> str:
    """A field's name as a word within a sentence (its first letter only: « Raison d’être » stays)."""
    return label[:1].lower() + label[1:]


def indicator_names(
    t: Translator, snapshot: DossierSnapshot, referential: Referential, limit: int | None = TITLE_LIMIT
) -> dict[int, str]:
    """Each indicator as a gap names it: its quoted title in the reader's language (shortened to ``limit``
    characters, whole without one), and its number (« n° 2 ») when another of its engagement reads the
    same (``loose_name_key``: « taux de vacance » as « Taux de vacance », twins added before they were
    refused)."""
    titles = {i.id: referential.indicator_title(i, t.language) for i in snapshot.indicators}
    if limit is not None:
        titles = {key: shorten(title, limit) for key, title in titles.items()}
    read = {i.id: (i.engagement_code, loose_name_key(titles[i.id])) for i in snapshot.indicators}
    same = Counter(read.values())
    names = {}
    for i in snapshot.indicators:
        name = quoted(t.language, titles[i.id])
        if same[read[i.id]] > 1:
            name = t.gettext("{title} no. {n}").format(title=name, n=i.position)
        names[i.id] = name
    return names


def gap_texts(
    t: Translator,
    snapshot: DossierSnapshot,
    gaps: Iterable[Gap],
    referential: Referential | None = None,
    limit: int | None = TITLE_LIMIT,
) -> list[str]:
    """The gaps as sentences (plain text, to be escaped). Without ``referential``, the packaged one
    gives suggested indicators' titles in the reader's language; ``limit``: None for whole titles (the
    PDF has the room a chat has not). The indicators' names are read once for all the gaps, and only
    when a gap names one (a large dossier's review has a hundred gaps)."""
    names: dict[int, str] | None = None
    texts = []
    for gap in gaps:
        if gap.indicator_id is not None and names is None:
            names = indicator_names(t, snapshot, referential or default_referential(), limit)
        texts.append(gap_sentence(t, gap, names or {}, action_number(snapshot, gap)))
    return texts


def action_number(snapshot: DossierSnapshot, gap: Gap) -> int | None:
    """The number of a gap's action in its plan (« Action 2 », as its screen, its button and the Mini App
    show it): two incomplete actions of one indicator are told apart, even one with no words yet."""
    if gap.action_id is None:
        return None
    return next((a.position for a in snapshot.actions_of(gap.indicator_id) if a.id == gap.action_id), None)


def gap_text(
    t: Translator,
    snapshot: DossierSnapshot,
    gap: Gap,
    referential: Referential | None = None,
    limit: int | None = TITLE_LIMIT,
) -> str:
    """One gap as a sentence (see ``gap_texts``, for several)."""
    return gap_texts(t, snapshot, (gap,), referential, limit)[0]


def gap_sentence(t: Translator, gap: Gap, titles: dict[int, str], action: int | None = None) -> str:
    """One gap as a sentence, ``titles`` naming the indicators, ``action`` numbering an action's."""
    # the fields' names mid-sentence: « il manque en quoi il illustre…, valeur actuelle »
    fields = lambda entity: ", ".join(lower_first(field_label(t, entity, name)) for name in gap.fields)  # noqa: E731
    if gap.kind == "axis_short":
        return t.ngettext(
            "{n} engagement is missing in axis {axis}",
            "{n} engagements are missing in axis {axis}",
            gap.missing,
        ).format(n=gap.missing, axis=gap.axis)
    if gap.kind == "total_short":
        return t.ngettext(
            "Choose {n} more engagement, in the axis of your choice",
            "Choose {n} more engagements, in the axes of your choice",
            gap.missing,
        ).format(n=gap.missing)
    if gap.kind == "no_indicator":
        return t.gettext("Engagement {code} has no indicator yet").format(code=gap.engagement)
    if gap.kind == "indicator_incomplete":
        return t.gettext("Indicator {title} (engagement {code}): missing {fields}").format(
            title=titles.get(gap.indicator_id, ""), code=gap.engagement, fields=fields("indicator")
        )
    if gap.kind == "no_action":
        return t.gettext("Indicator {title} (engagement {code}) has no action yet").format(
            title=titles.get(gap.indicator_id, ""), code=gap.engagement
        )
    if gap.kind == "action_incomplete":
        return t.gettext("Action {n} of indicator {title} (engagement {code}): missing {fields}").format(
            n=action or "",
            title=titles.get(gap.indicator_id, ""),
            code=gap.engagement,
            fields=fields("action"),
        )
    if gap.kind == "no_commitment_letter":
        return t.gettext("The commitment letter of the direction is missing")
    return t.gettext("Approach and involvement: missing {fields}").format(fields=fields("dossier"))
