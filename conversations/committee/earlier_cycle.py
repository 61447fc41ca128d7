"""« 📜 Cycle 1 » on a renewal's screen in /comite: the earlier cycle's results, read-only, beside the
cycle under review (domain.md: at renewal, the coop shows at least that cycle 1's results are maintained,
ideally improved or enriched with indicators).

Per engagement of the earlier cycle, each indicator: its start, its target, the last value reached and
when (``value_dates``, as the bilan dates it), and the same indicator's value and target in the cycle under
review when the coop carried it over. The renewal copies indicators without a link to their source
(``transitions._next_cycle``): one is matched on its engagement and the referential's code, else its
title. The indicators new in the cycle under review, and the engagements it dropped or added, are said.

Read in messages as the committee reads a dossier (``reading.send_read``), shortened beyond its bound.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update

from conversations.committee.choices import load_dossier
from conversations.committee.reading import send_read
from conversations.render.formatting import format_day, format_due, format_value, quoted, status_label
from conversations.render.html import bold, e, italic
from conversations.render.review import (
    WHOLE,
    Shape,
)
from conversations.ui import callbacks as cb
from conversations.ui.callbacks import callback
from conversations.ui.common import refusal
from conversations.ui.context import QualiContext
from conversations.ui.messages import Button
from conversations.ui.middleware import require_committee
from locales import N_
from models.dossier.reads import DossierError, DossierSnapshot, NotYours, read_snapshot
from models.label.bilans import value_dates
from models.label.committee import earlier_cycle_of
from models.tables import Coop, Dossier, Indicator

EARLIER_CYCLE = callback("cmc", int, int)  # 📜 the dossier under review, its earlier cycle's dossier

BUTTON = N_("📜 Cycle {cycle}")
TITLE = N_("Cycle {cycle} results — {coop}")
READ_ONLY = N_(
    "Read-only: this cycle is closed. Under each indicator, its value in cycle {cycle}, under review, "
    "when the coop carried it over."
)
EARLIER_FIGURES = N_("Cycle {cycle}: start {start} → target {target} ({date}) → reached {latest} on {on}")
EARLIER_UNDATED = N_("Cycle {cycle}: start {start} → target {target} ({date}) → reached {latest}")
NOW_FIGURES = N_("Cycle {cycle}: current value {value} → target {target} ({date})")
NOT_CARRIED = N_("Not carried over to cycle {cycle}.")
NOT_KEPT = N_("Engagement not kept in cycle {cycle}.")
NEW_ENGAGEMENTS = N_("Engagements added in cycle {cycle}:")
NO_INDICATOR = N_("No indicator in this cycle.")
SHORTENED = N_(
    "✂️ Long results: to fit in a few messages, their long titles and values are shortened here (…). Each "
    "one is whole in that cycle’s PDF (“📄 PDF”, below)."
)


async def earlier_cycle_rows(context: QualiContext, session: AsyncSession, dossier: Dossier) -> list:
    """« 📜 Cycle 1 » on the screen of a cycle ≥ 2 (a row), none for a first cycle."""
    earlier = await earlier_cycle_of(session, dossier)
    if earlier is None:
        return []
    button: Button = (
        context._(BUTTON).format(cycle=earlier.cycle),
        EARLIER_CYCLE.pack(dossier.id, earlier.id),
    )
    return [[button]]


def carried_key(indicator: Indicator) -> tuple:
    """What an indicator is recognised by from one cycle to the next: its engagement and the referential's
    code (a suggested one), else its title (spaces and case aside)."""
    if indicator.suggested_code:
        return (indicator.engagement_code, "code", indicator.suggested_code)
    return (indicator.engagement_code, "title", " ".join((indicator.title or "").split()).casefold())


def carried_over(earlier: DossierSnapshot, current: DossierSnapshot) -> dict[int, Indicator]:
    """Each earlier indicator's counterpart in the cycle under review, by the earlier one's id (each once)."""
    waiting: dict[tuple, list[Indicator]] = {}
    for indicator in current.indicators:
        waiting.setdefault(carried_key(indicator), []).append(indicator)
    found = {}
    for indicator in earlier.indicators:
        if candidates := waiting.get(carried_key(indicator)):
            found[indicator.id] = candidates.pop(0)
    return found


def engagement_title(context: QualiContext, code: int) -> str:
    """« 3. Title » in the reader's language; the code alone if the referential no longer has it."""
    try:
        return f"{code}. {context.referential.engagement(code).title.get(context.t.language)}"
    except KeyError:
        return str(code)


def indicator_lines(
    context: QualiContext, item: Indicator, on, cycles: tuple[int, int], twin, shape: Shape = WHOLE
) -> list[str]:
    """An earlier indicator (HTML): its figures in its cycle, its counterpart's in the cycle under review;
    ``shape``: how much of its title and values is shown."""
    t, _ = context.t, context._

    def value(row: Indicator, stored: str | None) -> str:
        return shape.cut(format_value(t, stored, row.value_kind, row.unit), shape.short)

    earlier, current = cycles
    figures = {
        "cycle": earlier,
        "start": value(item, item.baseline_value or item.current_value),
        "target": value(item, item.target_value),
        "date": format_due(t, item.target_date),
        "latest": value(item, item.current_value),
    }
    said = (
        _(EARLIER_FIGURES).format(on=format_day(t, on), **figures)
        if on
        else _(EARLIER_UNDATED).format(**figures)
    )
    lines = ["📈 " + bold(shape.cut(context.indicator_title(item), shape.titles)), "   " + e(said)]
    if twin is None:
        lines.append("   ➖ " + e(_(NOT_CARRIED).format(cycle=current)))
    else:
        now = _(NOW_FIGURES).format(
            cycle=current,
            value=value(twin, twin.current_value),
            target=value(twin, twin.target_value),
            date=format_due(t, twin.target_date),
        )
        lines.append("   🔄 " + e(now))
    return lines


async def results_sections(
    context: QualiContext, session: AsyncSession, coop: Coop, earlier: Dossier, dossier: Dossier
) -> Callable[[Shape], list[str]]:
    """The earlier cycle's results as HTML sections in a shape, one per engagement (messages break between
    them): read once, drawn in as many shapes as it takes."""
    before, now = await read_snapshot(session, earlier), await read_snapshot(session, dossier)
    dates = await value_dates(session, earlier, [i.id for i in before.indicators])
    read = (before, now, dates, carried_over(before, now))
    return lambda shape: results_in(context, coop, (earlier, dossier), read, shape)


def results_in(context: QualiContext, coop: Coop, dossiers: tuple, read: tuple, shape: Shape) -> list[str]:
    """The sections of ``results_sections``: ``dossiers`` the earlier and the one under review, ``read``
    their snapshots, the earlier values' dates and each earlier indicator's counterpart."""
    t, _ = context.t, context._
    (earlier, dossier), (before, now, dates, twins) = dossiers, read
    matched = {twin.id for twin in twins.values()}
    cycles = (earlier.cycle, dossier.cycle)
    head = ["📜 " + bold(_(TITLE).format(cycle=earlier.cycle, coop=coop.name))]
    head.append(
        e(_("Cycle {cycle} · {status}").format(cycle=earlier.cycle, status=status_label(t, earlier.status)))
    )
    if earlier.labelled_on:
        head.append(e(_("Labelled on {date}").format(date=format_day(t, earlier.labelled_on))))
    head.append(italic(_(READ_ONLY).format(cycle=dossier.cycle)))
    sections = ["\n".join(head)]
    for code in sorted(before.chosen | {i.engagement_code for i in before.indicators}):
        lines = [bold(engagement_title(context, code))]
        if code not in now.chosen:
            lines.append("⚠️ " + e(_(NOT_KEPT).format(cycle=dossier.cycle)))
        for item in before.indicators_of(code):
            lines += indicator_lines(context, item, dates.get(item.id), cycles, twins.get(item.id), shape)
        if not before.indicators_of(code):
            lines.append(e(_(NO_INDICATOR)))
        if new := [i for i in now.indicators_of(code) if i.id not in matched]:
            named = (shape.cut(context.indicator_title(i), shape.titles) for i in new)
            titles = ", ".join(quoted(t.language, title) for title in named)
            said = t.ngettext(
                "New indicator in cycle {cycle}: {titles}",
                "New indicators in cycle {cycle}: {titles}",
                len(new),
            )
            lines.append("➕ " + e(said.format(cycle=dossier.cycle, titles=titles)))
        sections.append("\n".join(lines))
    if added := sorted(now.chosen - before.chosen):
        lines = ["➕ " + bold(_(NEW_ENGAGEMENTS).format(cycle=dossier.cycle))]
        sections.append("\n".join(lines + ["• " + e(engagement_title(context, code)) for code in added]))
    return sections


async def show_earlier_cycle(update: Update, context: QualiContext) -> None:
    """📜 The earlier cycle's results, in messages cut between engagements, ⬅️ back to the dossier on the
    last; a button naming another coop's dossier, a later or a draft one, or none, is refused."""
    if not await require_committee(update, context):
        return
    query = update.callback_query
    try:
        dossier_id, earlier_id = EARLIER_CYCLE.unpack(query.data)
        async with context.db.transaction() as session:
            dossier, coop = await load_dossier(session, dossier_id)
            earlier = await earlier_cycle_of(session, dossier)
            if earlier is None or earlier.id != earlier_id:
                raise NotYours(f"dossier {earlier_id} is not the cycle before dossier {dossier_id}")
            sections = await results_sections(context, session, coop, earlier, dossier)
    except (ValueError, DossierError) as refused:  # forged, or a dossier that is not there
        await query.answer(refusal(context, getattr(refused, "code", "not_yours")), show_alert=True)
        return
    await query.answer()
    back, pdf = cb.COMMITTEE_DOSSIER.pack(dossier_id), cb.COMMITTEE_PDF.pack(earlier_id)
    await send_read(update, context, sections, (SHORTENED,) * 3, back, pdf)
