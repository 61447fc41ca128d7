"""Shared practices as people read them: « chosen by n coops », typical targets, the dashboard's view."""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP
from statistics import median

from conversations.render.commitments.consultations import percent
from conversations.render.formatting import format_value, shorten
from conversations.render.html import bold, e, italic
from locales import Translator
from models.dossier.practices import MIN_COOPS, EngagementFigures, SharedChoice
from models.parsing.values import counted_one_by_one, counted_whole
from models.referential.model import Referential
from models.values import ValueKind, number_from_storage, number_to_storage


def choice_title(t: Translator, referential: Referential, choice: SharedChoice, engagement: int) -> str:
    """A referential suggestion in the reader's language, or the title the coops wrote."""
    for suggestion in referential.engagement(engagement).suggested_indicators:
        if choice.suggested_code == suggestion.code:
            return suggestion.title.get(t.language)
    return choice.title


def coops_text(t: Translator, count: int) -> str:
    """« chosen by 4 coops »."""
    return t.ngettext("chosen by {n} coop", "chosen by {n} coops", count).format(n=t.format_number(count))


def is_stored(value: str) -> bool:
    """Whether a target is a stored number (not a value typed before its kind, in older data)."""
    try:
        number_from_storage(value)
    except ValueError:
        return False
    return True


def typical_target(t: Translator, choice: SharedChoice) -> str | None:
    """The median of the coops' numeric targets in the choice's usual unit, when MIN_COOPS coops set one.

    Coops are counted, not indicators: a coop with two such indicators (for its tenants, for its
    buyers) is one voice, its own median, so that the figure never stands for fewer coops than that.
    """
    kind, unit = choice.shape
    if kind != ValueKind.NUMBER:
        return None
    by_coop: dict[int, list] = defaultdict(list)
    for coop, value, value_kind, value_unit in choice.targets:
        if value_kind == kind and value_unit == unit and is_stored(value):
            by_coop[coop].append(number_from_storage(value))
    if len(by_coop) < MIN_COOPS:
        return None
    typical = median(median(values) for values in by_coop.values())
    if counts_whole(choice, unit):  # the median of an even count falls between two: « 35,5 personnes »
        typical = typical.to_integral_value(rounding=ROUND_HALF_UP)
    return format_value(t, number_to_storage(typical), kind, unit)


def counts_whole(choice: SharedChoice, unit: str | None) -> bool:
    """Whether targets in this unit are counted one by one (people, « ménages suivis »…): whole, as typed."""
    return bool(unit) and (counted_whole(unit) or counted_one_by_one(choice))


def progress_text(t: Translator, figures: EngagementFigures) -> str:
    """« progress toward the targets: 54 % on average (9 indicators of 4 coops, 1 reached) »."""
    # each count has its own plural (« 1 atteint », « 2 atteints »), written the reader's way
    measured, coops, reached = figures.measured, figures.progress_coops, figures.reached
    number = t.format_number
    text = t.gettext("progress toward the targets: {share} on average ({indicators} of {coops}, {reached})")
    return text.format(
        share=percent(t, round(figures.progress * 100), 100),
        indicators=t.ngettext("{n} indicator", "{n} indicators", measured).format(n=number(measured)),
        coops=t.ngettext("{n} coop", "{n} coops", coops).format(n=number(coops)),
        reached=t.ngettext("{n} reached", "{n} reached", reached).format(n=number(reached)),
    )


def board_text(t: Translator, referential: Referential, board: list[EngagementFigures]) -> str:
    """The federation's view, engagement by engagement (figures of fewer than 3 coops are left out)."""
    lines = ["🎯 " + bold(t.gettext("The engagements across the network"))]
    for figures in board:  # a blank line before each: a long board is cut between engagements
        lines.append("")
        engagement = referential.engagement(figures.code)
        chosen = t.ngettext("{n} coop chose it", "{n} coops chose it", figures.coops)
        chosen = chosen.format(n=t.format_number(figures.coops))
        lines.append(
            f"{bold(f'{figures.code}. ' + shorten(engagement.title.get(t.language), 70))} — {e(chosen)}"
        )
        for choice in figures.top:
            title = shorten(choice_title(t, referential, choice, figures.code), 60)
            lines.append(f"   • {e(title)} ({e(coops_text(t, len(choice.coops)))})")
        if figures.progress is not None:
            lines.append("   📈 " + e(progress_text(t, figures)))
    lines += [
        "",
        italic(
            t.gettext(
                "Indicators and progress come from the coops that agreed to share them, "
                "never from fewer than 3 coops."
            )
        ),
    ]
    return "\n".join(lines)
