"""« 📜 Cycle 1 » on a renewal's screen in /comite: the earlier cycle's results, read-only, beside the
cycle under review (domain.md: at renewal, the coop shows at least that cycle 1's results are maintained,
ideally improved or enriched with indicators).

The comparison is the domain's (``models.label.renewal.results``, the renewal's PDF shows the same): per
engagement of the earlier cycle, each indicator's start, target, last value reached and when, and the same
indicator's value and target in the cycle under review when the coop carried it over; the indicators new
in the cycle under review, and the engagements it dropped or added.

Read in messages as the committee reads a dossier (``reading.send_read``), shortened beyond its bound.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update

from conversations.committee.bilans import bilans_to_read
from conversations.committee.choices import load_dossier
from conversations.committee.reading import send_read
from conversations.render.formatting import format_day, format_due, format_value, status_label
from conversations.render.html import bold, e, italic
from conversations.render.pdf.renewal.results import (
    NO_INDICATOR,
    NOT_CARRIED,
    NOT_KEPT,
    new_engagements,
    new_indicators,
)
from conversations.render.review import Shape
from conversations.ui import callbacks as cb
from conversations.ui.callbacks import callback
from conversations.ui.common import refusal
from conversations.ui.context import QualiContext
from conversations.ui.messages import Button
from conversations.ui.middleware import require_committee
from locales import N_
from models.dossier.reads import DossierError, NotYours, read_snapshot
from models.label.cycles import earlier_cycle_of
from models.label.renewal.results import CycleResults, EarlierIndicator, cycle_results
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


def engagement_title(context: QualiContext, code: int) -> str:
    """« 3. Title » in the reader's language; the code alone if the referential no longer has it."""
    try:
        return f"{code}. {context.referential.engagement(code).title.get(context.t.language)}"
    except KeyError:
        return str(code)


def indicator_lines(
    context: QualiContext, result: EarlierIndicator, cycles: tuple[int, int], shape: Shape
) -> list[str]:
    """An earlier indicator (HTML): its figures in its cycle, its counterpart's in the cycle under review;
    ``shape``: how much of its title and values is shown."""
    t, _ = context.t, context._
    item, twin, on = result.indicator, result.twin, result.reached_on

    def value(row: Indicator, stored: str | None) -> str:
        return shape.cut(format_value(t, stored, row.value_kind, row.unit), shape.short)

    earlier, current = cycles
    figures = {
        "cycle": earlier,
        "start": value(item, result.start),
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
    results = await cycle_results(session, earlier, await read_snapshot(session, dossier))
    return lambda shape: results_in(context, coop, results, shape)


def results_in(context: QualiContext, coop: Coop, results: CycleResults, shape: Shape) -> list[str]:
    """The sections of ``results_sections``."""
    t, _ = context.t, context._
    earlier, dossier = results.earlier, results.current
    cycles = (earlier.cycle, dossier.cycle)
    head = ["📜 " + bold(_(TITLE).format(cycle=earlier.cycle, coop=coop.name))]
    head.append(
        e(_("Cycle {cycle} · {status}").format(cycle=earlier.cycle, status=status_label(t, earlier.status)))
    )
    if earlier.labelled_on:
        head.append(e(_("Labelled on {date}").format(date=format_day(t, earlier.labelled_on))))
    head.append(italic(_(READ_ONLY).format(cycle=dossier.cycle)))
    sections = ["\n".join(head)]
    for engagement in results.engagements:
        lines = [bold(engagement_title(context, engagement.code))]
        if not engagement.kept:
            lines.append("⚠️ " + e(_(NOT_KEPT).format(cycle=dossier.cycle)))
        for result in engagement.indicators:
            lines += indicator_lines(context, result, cycles, shape)
        if not engagement.indicators:
            lines.append(e(_(NO_INDICATOR)))
        if engagement.new:
            titles = [shape.cut(context.indicator_title(i), shape.titles) for i in engagement.new]
            lines.append("➕ " + e(new_indicators(t, dossier.cycle, titles)))
        sections.append("\n".join(lines))
    if results.added:
        lines = ["➕ " + bold(new_engagements(t, dossier.cycle, len(results.added)))]
        sections.append(
            "\n".join(lines + ["• " + e(engagement_title(context, code)) for code in results.added])
        )
    return sections


async def show_earlier_cycle(update: Update, context: QualiContext) -> None:
    """📜 The earlier cycle's results, in messages cut between engagements, ⬅️ back to the dossier on the
    last, and its bilans d'étape when it has some (the renewal's list, which holds them); a button naming
    another coop's dossier, a later or a draft one, or none, is refused."""
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
            bilans = await bilans_to_read(session, earlier)
    except (ValueError, DossierError) as refused:  # forged, or a dossier that is not there
        await query.answer(refusal(context, getattr(refused, "code", "not_yours")), show_alert=True)
        return
    await query.answer()
    back, pdf = cb.COMMITTEE_DOSSIER.pack(dossier_id), cb.COMMITTEE_PDF.pack(earlier_id)
    reports = [(context._("📝 Checkpoint reports"), cb.COMMITTEE_BILANS.pack(dossier_id))] if bilans else []
    await send_read(update, context, sections, (SHORTENED,) * 3, back, pdf, (reports,))
