"""What removing an engagement takes with it, and what it leaves short: said by its confirmation
(ux.md: a destructive action says exactly what will happen), then said again as done.

The counts come from the dossier's own rules (``selection_progress``), the chat's and the Mini App's
confirmations can say them alike. And any change that makes a dossier marked ready a draft again says so
once, in the same words (``with_draft_again``): the direction, told it was ready, learns it there, not
when it tries to submit.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel.ext.asyncio.session import AsyncSession

from conversations.render.formatting import shorten
from conversations.render.html import bold, e
from conversations.ui.context import QualiContext
from locales import N_, Translator
from models.dossier.rules import MIN_ENGAGEMENTS, MIN_PER_AXIS, selection_progress
from models.dossier.writes import back_to_draft
from models.referential.model import Referential

# any change puts a dossier marked ready back to draft (models.dossier.writes.touch_dossier): what the
# direction submits is what was checked and marked ready since the last change; to be marked ready again
NO_LONGER_READY = N_("The dossier is no longer ready to submit: it is a draft again.")


def with_draft_again(t: Translator, session: AsyncSession, notice: str) -> str:
    """An answer's ``notice`` (HTML), with « Le dossier n’est plus prêt à soumettre : il est repassé en
    brouillon. » under it when this transaction's change made the dossier marked ready a draft (said once)."""
    if not back_to_draft(session):
        return notice
    return "\n".join(filter(None, (notice, "ℹ️ " + e(t.gettext(NO_LONGER_READY)))))


def what_goes(t: Translator, indicators: int, actions: int) -> str:
    """« Retirer cet engagement supprime aussi 1 indicateur et 2 actions. C’est définitif. » (the chat's
    confirmation and the Mini App's say it alike)."""
    its_indicators = t.ngettext("its indicator", "its {n} indicators", indicators).format(n=indicators)
    its_actions = t.ngettext("its action", "its {n} actions", actions).format(n=actions)
    counted = (
        t.gettext("Removing this engagement also deletes {indicators} and {actions}.")
        if actions
        else t.gettext("Removing this engagement also deletes {indicators}.")
    ).format(indicators=its_indicators, actions=its_actions)
    return counted + " " + t.gettext("This cannot be undone.")


def drop_lines(context: QualiContext, snapshot, engagement, counted: str, left: list[str]) -> list[str]:
    """An engagement's removal confirmation (HTML lines): where, its title (« * » after a provisional one,
    which the caller's note explains), the indicators it deletes, what it ``counted`` and leaves short."""
    t, code = context.t, engagement.code
    where = t.gettext("Axis {axis} · Engagement {code}").format(axis=engagement.axis, code=code)
    title = bold(f"{code}. {engagement.title.get(t.language)}") + engagement.star
    going = indicators_going(context, snapshot, code)
    return [e(where), title, "", *going, confirmation_text(counted, left)]


def indicators_going(context: QualiContext, snapshot, code: int) -> list[str]:
    """The indicators an engagement's removal deletes (HTML lines, a blank one after), each by its title
    with its actions counted: « 📈 Délai de réparation — 2 actions »: which ones, not only how many."""
    lines = []
    for indicator in snapshot.indicators_of(code):
        n = len(snapshot.actions_of(indicator.id))
        counted = context.t.ngettext("{n} action", "{n} actions", n).format(n=n)
        lines.append(f"📈 {bold(shorten(context.indicator_title(indicator), 80))} — {e(counted)}")
    return [*lines, ""] if lines else []


def what_is_left(
    t: Translator,
    referential: Referential,
    chosen_after: Iterable[int],
    axis: int,
    ready_lost: bool,
    done: bool,
) -> list[str]:
    """Only what the removal of the engagement of ``axis`` breaks (``chosen_after``: what is left): its axis
    falling under its minimum, the dossier under its 8, a dossier marked ready no longer so (``ready_lost``);
    said ahead (the confirmation), or ``done`` (after the removal). A dossier still being built, under
    its minimums before, is told nothing more: its home and its gaps say what is missing."""
    progress = selection_progress(referential, chosen_after)
    left = next(a for a in progress.axes if a.axis == axis)
    said = []
    if left.chosen == MIN_PER_AXIS - 1:  # it was at its minimum: one engagement fewer
        said.append(
            (
                t.ngettext(
                    "Axis {axis} now has {n} engagement, where at least {minimum} are needed.",
                    "Axis {axis} now has {n} engagements, where at least {minimum} are needed.",
                    left.chosen,
                )
                if done
                else t.ngettext(
                    "Axis {axis} will then have {n} engagement, where at least {minimum} are needed.",
                    "Axis {axis} will then have {n} engagements, where at least {minimum} are needed.",
                    left.chosen,
                )
            ).format(axis=axis, n=left.chosen, minimum=MIN_PER_AXIS)
        )
    if progress.chosen == MIN_ENGAGEMENTS - 1:
        said.append(
            (
                t.ngettext(
                    "The dossier now has {n} engagement, where at least {minimum} are needed.",
                    "The dossier now has {n} engagements, where at least {minimum} are needed.",
                    progress.chosen,
                )
                if done
                else t.ngettext(
                    "The dossier will then have {n} engagement, where at least {minimum} are needed.",
                    "The dossier will then have {n} engagements, where at least {minimum} are needed.",
                    progress.chosen,
                )
            ).format(n=progress.chosen, minimum=MIN_ENGAGEMENTS)
        )
    if ready_lost:  # any change puts a dossier marked ready back to draft (NO_LONGER_READY)
        said.append(no_longer_ready(t, done))
    return said


def no_longer_ready(t: Translator, done: bool) -> str:
    """A dossier marked ready a draft again: said ahead by a confirmation, or ``done``."""
    if done:
        return t.gettext(NO_LONGER_READY)
    return t.gettext("The dossier will no longer be ready to submit: it becomes a draft again.")


def what_deletion_leaves(t: Translator, short: str | None, ready: bool) -> list[str]:
    """What deleting an indicator, an action or a file will leave short, said by its confirmation (as
    ``what_is_left`` says an engagement's): the rule it breaks (``short``, said by the caller: an engagement
    left without an indicator, an indicator without an action, the dossier without its letter), and a
    dossier marked ready (``ready``) no longer so."""
    return [said for said in (short, no_longer_ready(t, False) if ready else None) if said]


def confirmation_text(question: str, left: list[str]) -> str:
    """A deletion's confirmation (HTML): « ⚠️ question », then each thing it leaves short as a bullet."""
    return "\n".join(["⚠️ " + e(question), *("• " + e(said) for said in left)])
