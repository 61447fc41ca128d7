"""A bilan d'étape as the coop and the committee read it: figures with their dates, actions, texts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import partial

from conversations.render.charts import ProgressRow
from conversations.render.commitments.words import colon
from conversations.render.formatting import (
    FIGURES_NOW,
    FIGURES_UNDATED,
    event_name,
    format_due,
    format_value,
    quoted,
    shorten,
)
from conversations.render.html import MESSAGE_LIMIT, bold, e, italic, split_text
from conversations.render.review import READ_MESSAGES, WHOLE, Shape, longer_than, shaped_messages
from locales import N_, Translator, translator
from models.tables import Checkpoint
from models.values import ValueKind, number_from_storage

ACTION_STATES = {
    "not_started": ("⬜", N_("Not started yet")),
    "in_progress": ("⏳", N_("In progress")),
    "done": ("✅", N_("Done")),
    "dropped": ("🚫", N_("Dropped")),
}
LABELS = {
    "title": N_("Checkpoint report"),
    "indicators": N_("Indicators: latest value and its date"),
    "indicator": N_("Indicator"),
    "start": N_("Start"),
    "latest": N_("Latest value"),
    "on": N_("On"),
    "target": N_("Target"),
    "actions": N_("Action plan"),
    "action": N_("Action"),
    "who": N_("Person in charge"),
    "state": N_("State"),
    "difficulties": N_("Difficulties met"),
    "help": N_("Help wanted from the federation"),
    "committee": N_("The committee’s comment"),
    "none": N_("None."),
    "not_written": N_("Not written yet."),
    "chart": N_("Progress toward the targets"),
    "legend_start": N_("start"),
    "legend_target": N_("target"),
    "legend_progress": N_("progress"),
    "legend_empty": N_("No indicator with a target to chart yet."),
}
# an indicator's figures in the chat, named as /progres names them; the latest with its day (a bilan is
# read later: not « now »), or without one when the value has no date (``FIGURES_UNDATED``)
FIGURES = N_("start {start} → on {on}: {latest} → target {target}")
# before admissibility (no start yet): the date named as the indicator's screen and /recap name it, not
# « échéance », an action's due date
FIGURES_PREPARED = N_("{current} → {target} (target date: {date})")
# a bilan too long for a few messages (its buttons on the last: ``READ_MESSAGES``) is read shortened, as the
# review of a long dossier is: a line under its title says so, and that its PDF (its button below) is whole
SHORTENED = N_(
    "✂️ A long checkpoint report: to fit in a few messages, its long texts are shortened here (…). Each "
    "one is whole in its PDF (“📄 PDF”, below)."
)
COUNTED = N_(
    "✂️ A very long checkpoint report: to fit in a few messages, its long texts are shortened here (…), "
    "and each indicator’s actions are counted by state. Everything is whole in its PDF (“📄 PDF”, below)."
)
TEXTS = 600  # the difficulties, the help wanted and the committee's comment: at least so much, shortened


@dataclass(frozen=True)
class ActionLine:
    mark: str
    description: str
    owner: str
    state: str
    note: str


@dataclass(frozen=True)
class IndicatorLine:
    title: str
    start: str
    latest: str
    on: str
    target: str
    actions: tuple[ActionLine, ...]
    figures: str = ""  # the four above in one line, each named (the chat's)


@dataclass(frozen=True)
class BilanView:
    """A bilan in one language, ready for the chat and the PDF."""

    language: str
    coop: str
    checkpoint: str  # « 6-month checkpoint — 3 June 2027 »
    sent: str  # « Sent on … » or « Draft »
    indicators: tuple[IndicatorLine, ...]
    difficulties: str
    help_wanted: str
    committee: str  # the comment recorded with « checkpoint held », or ""
    progress: tuple[ProgressRow, ...]
    labels: dict[str, str]


def state_of(t: Translator, status: str) -> tuple[str, str]:
    """An action's mark and state in words."""
    mark, words = ACTION_STATES.get(status, ACTION_STATES["not_started"])
    return mark, t.gettext(words)


def _text(t: Translator, value: str | None) -> str:
    """A written part: the text, « None. » when explicitly empty, « Not written yet. » when missing."""
    if value is None:
        return t.gettext(LABELS["not_written"])
    return value or t.gettext(LABELS["none"])


def chart_value(kind: str | None, stored: str | None) -> float | None:
    """A value on the chart's scale: the number itself, or 1 for « yes » and 0 for « no » (the bilan's
    chart and /progres alike)."""
    if not stored:
        return None
    if kind == ValueKind.YES_NO:
        return 1.0 if stored == "yes" else 0.0
    try:
        return float(number_from_storage(stored))
    except ValueError:  # typed before its kind was chosen (older data): written, not charted
        return None


def title_of(t: Translator, item: dict) -> str:
    """An indicator's title for this reader: a suggestion kept as suggested in their language (the
    bilan stores it in each), else as the coop wrote it (a bilan sent before: as it was sent)."""
    return (item.get("titles") or {}).get(t.language) or item["title"]


def figures_line(t: Translator, indicator, *, followed: bool = False) -> str:
    """An indicator's figures on a line: « 12,5 % → 30 % (target date: 31 May 2028) »; once followed,
    from its starting value, as /progres says them (``followed``: /progres itself, from the current value
    when none was copied at admissibility)."""
    i = indicator
    if not (i.current_value or i.target_value or i.target_date):  # nothing measured yet: words, not « — → — »
        return t.gettext("values and target not filled in yet")
    now, target = (format_value(t, v, i.value_kind, i.unit) for v in (i.current_value, i.target_value))
    start, date = i.baseline_value or (i.current_value if followed else None), format_due(t, i.target_date)
    if start is None:
        return t.gettext(FIGURES_PREPARED).format(current=now, target=target, date=date)
    start = format_value(t, start, i.value_kind, i.unit)
    return t.gettext(FIGURES_NOW).format(start=start, now=now, target=target, date=date)


def progress_row(t: Translator, item: dict) -> ProgressRow | None:
    """An indicator with a target, numbers and yes/no alike, for the chart (the bilan's and /progres's):
    a value typed before its kind was chosen (older data) is written, not charted."""
    kind = item.get("kind")
    if kind not in (ValueKind.NUMBER, ValueKind.YES_NO) or not item.get("target"):
        return None
    target = chart_value(kind, item["target"])
    if target is None:
        return None
    return ProgressRow(
        label=shorten(title_of(t, item), 60),
        baseline=chart_value(kind, item.get("baseline") or item.get("current")),
        current=chart_value(kind, item.get("current")),
        target=target,
        current_text=format_value(t, item.get("current"), kind, item.get("unit")),
        target_text=format_value(t, item["target"], kind, item.get("unit")),
        exact=kind == ValueKind.YES_NO,
    )


def _indicator(t: Translator, item: dict) -> IndicatorLine:
    """One indicator of the content, formatted."""
    value = lambda key: format_value(t, item.get(key), item.get("kind"), item.get("unit"))  # noqa: E731
    on = item.get("current_on")
    actions = []
    for action in item.get("actions", []):
        mark, words = state_of(t, action.get("status"))
        actions.append(
            ActionLine(
                mark, action["description"], action.get("owner") or "—", words, action.get("note") or ""
            )
        )
    figures = {"start": value("baseline"), "latest": value("current"), "target": value("target")}
    day = format_due(t, date.fromisoformat(on)) if on else ""
    return IndicatorLine(
        title=title_of(t, item),
        on=day or "—",
        actions=tuple(actions),
        figures=t.gettext(FIGURES if day else FIGURES_UNDATED).format(on=day, **figures),
        **figures,
    )


def bilan_view(t: Translator, content: dict, coop: str, sent: str, held: Checkpoint | None) -> BilanView:
    """The view of a bilan's content (frozen or live) in ``t``'s language."""
    due = date.fromisoformat(content["due_on"])
    committee = ""
    if held is not None and held.held_on is not None:
        committee = t.gettext("Checkpoint held on {date}.").format(date=t.format_date(held.held_on))
        committee += " " + quoted(t.language, held.notes) if held.notes else ""
    rows = [progress_row(t, item) for item in content["indicators"]]
    return BilanView(
        language=t.language,
        coop=coop,
        checkpoint=f"{event_name(t, content['checkpoint'])} — {t.format_date(due)}",
        sent=sent,
        indicators=tuple(_indicator(t, item) for item in content["indicators"]),
        difficulties=_text(t, content.get("difficulties")),
        help_wanted=_text(t, content.get("help_wanted")),
        committee=committee,
        progress=tuple(row for row in rows if row is not None),
        labels={key: t.gettext(message) for key, message in LABELS.items()},
    )


def bilan_text(view: BilanView) -> str:
    """The whole bilan as HTML sections (split between messages at their breaks if long)."""
    return "\n\n".join(bilan_sections(view))


def bilan_messages(view: BilanView, text: str) -> tuple[bool, list[str]]:
    """The bilan (``text``: ``bilan_text``) as messages, and whether it is shortened: whole, cut at its
    breaks as ever, within ``READ_MESSAGES``; else in the first shape that fits (``review.SHAPES``)."""
    fewer = not longer_than([text], READ_MESSAGES * (MESSAGE_LIMIT + 2))  # else more for sure
    if fewer and len(whole := split_text(text)) <= READ_MESSAGES:
        return False, whole
    notes = (SHORTENED, COUNTED, COUNTED)  # a bilan has no « why »: counted is its barest
    shape, messages = shaped_messages(view.language, partial(bilan_sections, view), notes, READ_MESSAGES)
    return shape is not WHOLE, messages


def bilan_sections(view: BilanView, shape: Shape = WHOLE) -> list[str]:
    """The bilan as HTML sections; ``shape``: how much of each text is shown (whole by default)."""
    labels, cut = view.labels, shape.cut
    texts = shape.long and max(shape.long, TEXTS)  # the coop's own words: more of them
    sections = [f"📝 {bold(labels['title'] + ' — ' + view.coop)}\n{e(view.checkpoint)}\n{italic(view.sent)}"]
    lines = ["📈 " + bold(labels["indicators"])]
    pad = "" if shape is WHOLE else "   "  # shortened: its figures indented, in a message with its title
    for item in view.indicators:
        lines += [bold(cut(item.title, shape.titles)), pad + e(figures(view, item, shape))]
        if shape.actions:  # each action's state in words, the PDF's (« ⬜ Not started yet: … »)
            lines += [action_line(view, action, shape) for action in item.actions]
        elif item.actions:
            lines.append("   • " + e(counted(translator(view.language), item.actions)))
    sections.append("\n".join(lines))
    sections.append(f"⚠️ {bold(labels['difficulties'])}\n{e(cut(view.difficulties, texts))}")
    sections.append(f"🤝 {bold(labels['help'])}\n{e(cut(view.help_wanted, texts))}")
    if view.committee:
        sections.append(f"🏛 {bold(labels['committee'])}\n{e(cut(view.committee, texts))}")
    return sections


def figures(view: BilanView, item: IndicatorLine, shape: Shape) -> str:
    """An indicator's figures in one line, its values shortened to the shape's."""
    if shape.short is None:
        return item.figures
    value = {key: shape.cut(getattr(item, key), shape.short) for key in ("start", "latest", "target")}
    said = FIGURES_UNDATED if item.on == "—" else FIGURES  # as ``_indicator`` words them
    return translator(view.language).gettext(said).format(on=item.on, **value)


def action_line(view: BilanView, action: ActionLine, shape: Shape) -> str:
    """An action: its mark, state, description and who carries it; its note below (a dropped one's why)."""
    said = action.state + colon(view.language) + shape.cut(action.description, shape.long)
    line = f"   {action.mark} {e(said)} — {e(shape.cut(action.owner, shape.short))}"
    return line + (f"\n      {italic(shape.cut(action.note, shape.long))}" if action.note else "")


def counted(t: Translator, actions: tuple[ActionLine, ...]) -> str:
    """An indicator's actions counted, by state: « 10 actions — ⬜ Not started yet: 2 · ✅ Done: 8 »."""
    by_state = Counter((action.mark, action.state) for action in actions)
    order = [mark for mark, _words in ACTION_STATES.values()]
    states = sorted(by_state.items(), key=lambda item: order.index(item[0][0]))
    count = t.ngettext("{n} action", "{n} actions", len(actions)).format(n=len(actions))
    return f"{count} — " + " · ".join(f"{mark} {state}{colon(t.language)}{n}" for (mark, state), n in states)
