"""The committee's « 📄 Relire » of the largest dossier the product allows, and its « 📜 Cycle 1 » of the
largest earlier cycle: a few messages (at most 12, ⬅️ and « 📄 PDF » on the last), not hundreds — the bot
answers one update at a time and Telegram about one message a second in a chat — « typing… » first; long
texts shortened with « … » and a line saying that everything is whole in the PDF, whose button is below
(the committee has no /dossier nor /pdf); every engagement, indicator and what is missing still there. A
dossier of a few messages is read whole, as before."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from sqlmodel import select

from models.referential.parsing import default_referential
from models.tables import Dossier, DossierStatus, EngagementChoice, FederationRoleName, Indicator
from models.users import grant_federation_role
from tests.conversations.test_bilan_reading_large import read
from tests.conversations.test_committee_earlier_cycle import both_cycles, submit
from tests.conversations.test_committee_next_cycle import renewed_coop
from tests.conversations.test_review_large_dossier import assert_titles_whole, largest, text_of
from tests.dossier_steps import join

COMMITTEE = 8960


async def submitted(harness, coop: str):
    """The coop's dossier submitted to the committee; a member of the committee at its screen in /comite."""
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        dossier.status, dossier.submitted_at = DossierStatus.SUBMITTED, datetime(2026, 11, 20, tzinfo=UTC)
        session.add(dossier)
        await grant_federation_role(session, COMMITTEE, FederationRoleName.COMMITTEE)
        dossier_id = dossier.id
    committee = harness.user(COMMITTEE, "Claude", "fr")
    await committee.send("/comite")
    await committee.press(coop)
    return committee, dossier_id


async def test_the_committee_reads_the_largest_dossier_in_a_few_messages(harness):
    await largest(harness, 8961)
    committee, dossier = await submitted(harness, "Coop Immense")
    first = len(harness.fake.calls)
    review = read(harness, first, await committee.press("📄 Relire"), f"cmp:{dossier}")
    assert_titles_whole(review)
    note = "✂️ Dossier très long\u00a0: pour tenir en quelques messages, ses textes longs sont abrégés ici (…)"
    assert note in review and "Tout est en entier dans son PDF («\u00a0📄 PDF\u00a0», ci-dessous)." in review
    gaps = re.search(
        r"\n… et (\d+) de plus\u00a0: chacun dans le PDF \(«\u00a0📄 PDF\u00a0», ci-dessous\)\.", review
    )
    assert "⚠️ Ce qui manque" in review and gaps and int(gaps[1]) > 90
    assert "/dossier" not in review and "/pdf" not in review and "📋" not in review  # the coop's, not theirs
    assert text_of(6000, "APPROACH") not in review and "…\n" in review


async def test_a_dossier_of_a_few_messages_is_read_whole_after_typing(harness):
    await join(harness, 8962, "fr", "Coop Longue")
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        dossier.approach = text_of(6000, "APPROCHE") + " FIN"
        session.add(dossier)
    committee, _dossier = await submitted(harness, "Coop Longue")
    first = len(harness.fake.calls)
    replies = await committee.press("📄 Relire")
    assert [c.method for c in harness.fake.calls[first:]][:3] == [
        "answerCallbackQuery",
        "sendChatAction",
        "sendMessage",
    ]
    review = "\n".join(m["text"] for m in replies)
    assert 1 < len(replies) <= 3 and "✂️" not in review and "…" not in review
    assert review.count("coopérative") >= 6000 // 60 and " FIN\n" in review
    assert committee.buttons(replies[-1]) == ["⬅️ Retour"]


async def test_a_short_dossier_is_one_message_without_typing(harness):
    await join(harness, 8963, "fr", "Coop Courte")
    committee, _dossier = await submitted(harness, "Coop Courte")
    first = len(harness.fake.calls)
    replies = await committee.press("📄 Relire")
    assert len(replies) == 1 and "✂️" not in replies[0]["text"]
    assert "sendChatAction" not in [c.method for c in harness.fake.calls[first:]]
    assert committee.buttons(replies[0]) == ["⬅️ Retour"]


async def test_the_largest_earlier_cycle_is_read_in_a_few_messages(world):
    """Cycle 1 with 12 engagements of 10 indicators, titles of 200 characters and values of 300: some
    forty messages whole; shortened, a few, every engagement and indicator still named."""
    harness, clock = world
    _director, committee = await renewed_coop(harness, clock)
    async with harness.database.transaction() as session:
        first, _second = await both_cycles(session)
        kept = {c.engagement_code for c in (await session.exec(select(EngagementChoice))).all()}
        for code in range(1, 13):
            if code not in kept:
                session.add(EngagementChoice(dossier_id=first.id, engagement_code=code))
            for position in range(11, 21):
                session.add(
                    Indicator(
                        dossier_id=first.id, engagement_code=code, position=position,
                        title=text_of(200, f"I{code}.{position}"), value_kind="text",
                        baseline_value=text_of(300, "B"), current_value=text_of(300, "C"),
                        target_value=text_of(300, "T"), target_date=date(2029, 5, 31),
                    )
                )  # fmt: skip
    await submit(harness)
    await committee.send("/comite")
    await committee.press("#1 Coop Ho")
    at = len(harness.fake.calls)
    said = read(harness, at, await committee.press("📜 Cycle 1"), f"cmp:{first.id}")
    referential = default_referential()
    for code in range(1, 13):
        assert f"{code}. {referential.engagement(code).title.get('fr')}" in said, code
        for position in range(11, 21):
            title = text_of(200, f"I{code}.{position}")
            shown = re.search(rf"📈 ({re.escape(title[:40])}[^\n]*)\n", said)
            assert shown and (shown[1] == title or shown[1].endswith("…")), (code, position)
    note = "✂️ Résultats longs\u00a0: pour tenir en quelques messages, leurs titres et valeurs longs sont abrégés ici"
    assert note in said and "dans le PDF de ce cycle («\u00a0📄 PDF\u00a0», ci-dessous)." in said
    assert text_of(300, "C") not in said and "Non reconduit au cycle 2." in said
