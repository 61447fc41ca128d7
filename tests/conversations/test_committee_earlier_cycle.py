"""A renewal submitted (cycle 2): the committee reaches cycle 1's results from the coop's screen in /comite
(« 📜 Cycle 1 »), read-only, each indicator's start, target and last value reached with its date, beside
the same indicator in cycle 2 when the coop carried it over (domain.md: at renewal, cycle 1's results are
at least maintained); only the committee, and only the cycle before the one it names."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from sqlmodel import delete, select

from models.audit import record_change
from models.referential.parsing import default_referential
from models.tables import Action, Dossier, DossierStatus, EngagementChoice, Indicator
from tests.conversations.test_committee_followed import REFUSED
from tests.conversations.test_committee_next_cycle import renewed_coop
from tests.submitted_rows import complete_content

SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})
MESSAGE_LIMIT = 4096


def plain(text: str) -> str:
    """French typography's no-break spaces as plain ones, to read the texts."""
    return text.translate(SPACES)


async def both_cycles(session) -> tuple[Dossier, Dossier]:
    rows = (await session.exec(select(Dossier).order_by(Dossier.cycle))).all()
    return rows[0], rows[1]


async def indicators_of(session, dossier: Dossier) -> list[Indicator]:
    rows = await session.exec(
        select(Indicator).where(Indicator.dossier_id == dossier.id).order_by(Indicator.engagement_code)
    )
    return list(rows.all())


def engagement(code: int) -> str:
    return f"{code}. {default_referential().engagement(code).title.fr}"


async def submit(harness) -> None:
    async with harness.database.transaction() as session:
        _first, second = await both_cycles(session)
        await complete_content(session, second)
        second.status = DossierStatus.SUBMITTED
        session.add(second)


async def renewal_compared(harness, clock):
    """Cycle 1: its first indicator reached 15 % on 3 March 2028. Cycle 2, submitted: that indicator at
    16 %, aiming at 25 %; the second engagement's indicator renamed (a new one); the third engagement
    dropped for one cycle 1 did not hold."""
    director, committee = await renewed_coop(harness, clock)
    async with harness.database.transaction() as session:
        first, second = await both_cycles(session)
        await complete_content(session, second)
        old, new = await indicators_of(session, first), await indicators_of(session, second)
        old[0].current_value = "15"
        await record_change(
            session, actor_id=701, coop_id=first.coop_id, entity="indicator", entity_id=old[0].id,
            action="update", field="current_value", old="10", new="15", now=datetime(2028, 3, 3, 9, tzinfo=UTC),
        )  # fmt: skip
        new[0].current_value, new[0].target_value, new[0].target_date = "16", "25", date(2031, 5, 31)
        new[1].title = "Taux <réel> & présence"
        dropped = new[2]
        await session.exec(delete(Action).where(Action.indicator_id == dropped.id))
        await session.exec(delete(Indicator).where(Indicator.id == dropped.id))
        await session.exec(
            delete(EngagementChoice).where(
                EngagementChoice.dossier_id == second.id,
                EngagementChoice.engagement_code == dropped.engagement_code,
            )
        )
        codes = {i.engagement_code for i in old}
        added = next(e.code for e in default_referential().engagements if e.code not in codes)
        session.add(EngagementChoice(dossier_id=second.id, engagement_code=added))
        second.status = DossierStatus.SUBMITTED
        session.add_all([old[0], new[0], new[1], second])
    return director, committee, [i.engagement_code for i in old], added


async def test_the_committee_reads_cycle_1s_results_beside_cycle_2(world):
    harness, clock = world
    _director, committee, codes, added = await renewal_compared(harness, clock)
    await committee.send("/comite")
    await committee.press("#1 Coop Ho")
    assert "Cycle 2 · Soumis au comité" in committee.last_text
    assert "📜 Cycle 1" in committee.buttons()
    await committee.press("📜 Cycle 1")
    assert committee.alerts == [""]
    said = plain(committee.reply_text())
    assert "Résultats du cycle 1 — Coop Horizon" in said
    assert "Cycle 1 · Clos" in said and "Labellisé le 22 novembre 2026" in said
    assert "Lecture seule" in said
    assert engagement(codes[0]) in said
    first_line = "Cycle 1 : départ 10 % → cible 20 % (31 mai 2028) → atteint 15 % le 3 mars 2028"
    assert first_line in said
    assert "Cycle 2 : valeur actuelle 16 % → cible 25 % (31 mai 2031)" in said
    # carried over unchanged: the value it starts cycle 2 with
    assert f"Indicateur {codes[3]}" in said and "Cycle 2 : valeur actuelle 10 % → cible 20 %" in said
    # renamed in cycle 2: not recognised, said as not carried over, and the new one named, escaped
    assert "Non reconduit au cycle 2." in said
    assert "Nouvel indicateur au cycle 2 : « Taux <réel> & présence »" in said
    assert "Engagement non reconduit au cycle 2." in said
    assert "Engagement ajouté au cycle 2 :" in said and engagement(added) in said  # one: the singular
    # back to the coop's screen
    assert committee.buttons() == ["⬅️ Retour"]
    await committee.press("⬅️ Retour")
    assert "Cycle 2 · Soumis au comité" in committee.last_text


async def test_a_long_cycle_1_comes_in_messages_cut_between_engagements(world):
    harness, clock = world
    _director, committee = await renewed_coop(harness, clock)
    async with harness.database.transaction() as session:
        first, _second = await both_cycles(session)
        for old in (await indicators_of(session, first))[:4]:
            for n in range(9):  # ten indicators for four engagements, long titles
                title = (
                    f"Indicateur long {old.engagement_code}.{n} <b>&</b> " + "mesuré chaque trimestre " * 9
                )
                session.add(
                    Indicator(
                        dossier_id=first.id, engagement_code=old.engagement_code, position=n + 2,
                        title=title[:200], value_kind="number", unit="percent", current_value="12",
                        target_value="30", baseline_value="5",
                    )
                )  # fmt: skip
    await submit(harness)
    await committee.send("/comite")
    await committee.press("#1 Coop Ho")
    await committee.press("📜 Cycle 1")
    sent = committee.replies
    assert len(sent) >= 3
    for number, message in enumerate(sent):
        text = message["text"]
        assert len(text.encode("utf-16-le")) // 2 <= MESSAGE_LIMIT
        if number:  # each following message opens on an engagement, never mid-indicator
            assert re.match(r"\d+\. ", text), text[:80]
        keys = (message.get("reply_markup") or {}).get("inline_keyboard", [])
        assert bool(keys) == (number == len(sent) - 1)  # ⬅️ on the last only
    assert "<b>&</b> mesuré chaque trimestre" in committee.reply_text()  # escaped, shown as typed


async def test_only_the_committee_and_only_the_cycle_before(world):
    harness, clock = world
    director, committee = await renewed_coop(harness, clock)
    async with harness.database.transaction() as session:
        first, second = await both_cycles(session)
    await committee.send("/comite")
    await committee.press("#1 Coop Ho")  # cycle 1 to read, cycle 2 a draft: nothing before cycle 1
    assert "Cycle 1 · Clos" in committee.last_text
    assert not any(b.startswith("📜") for b in committee.buttons())
    sent = len(committee.messages)
    await committee.press_data(committee.last, f"cmc:{second.id}:{first.id}")  # cycle 2 still the coop's
    assert committee.alerts == [REFUSED]

    await submit(harness)
    other = await harness.add_coop("Coop Autre")
    async with harness.database.transaction() as session:
        elsewhere = Dossier(coop_id=other.coop.id, cycle=2, status=DossierStatus.SUBMITTED)
        session.add(elsewhere)
        await session.flush()
    for forged in (
        f"cmc:{second.id}:{elsewhere.id}",  # another coop's dossier
        f"cmc:{elsewhere.id}:{first.id}",  # this coop's cycle 1 under another coop's
        f"cmc:{second.id}:{second.id}",  # not an earlier cycle
        f"cmc:{first.id}:{first.id}",  # a first cycle has none
    ):
        await committee.press_data(committee.last, forged)
        assert committee.alerts == [REFUSED], forged
    assert len(committee.messages) == sent

    await director.send("/dossier")
    before = len(director.messages)
    await director.press_data(director.last, f"cmc:{second.id}:{first.id}")
    assert director.alerts == ["Ceci est réservé au comité de validation."]
    assert len(director.messages) == before

    await committee.press_data(committee.last, f"cmc:{second.id}:{first.id}")
    assert committee.alerts == [""] and "Résultats du cycle 1 — Coop Horizon" in committee.reply_text()
