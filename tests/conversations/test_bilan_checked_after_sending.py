"""An indicator checked for the bilan while the direction sends it: the check is refused, as a bilan's
text is (``set_text``), never written into the bilan the committee reads — the report is read again
under its lock and found sent, though it was a draft when the check began (another instance's send)."""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.label.bilans import BilanSent, mark_reviewed, report_of, reviewed_ids, send_report
from models.tables import Member, ReportStatus
from tests.conftest import NOW
from tests.conversations.test_bilan_races import plan, the_report
from tests.conversations.test_bilans import admissible_coop


async def test_an_indicator_checked_as_the_bilan_is_sent_is_not_written_into_it(world):
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Envoi Croisé")
    await director.send("/bilan")
    await director.press("📈")  # the bilan is started
    dossier_id, (first, *_rest), _actions = await plan(harness)
    with pytest.raises(BilanSent):
        async with harness.database.transaction() as mine:
            report = await report_of(mine, dossier_id, "six_months")  # read: a draft
            async with harness.database.transaction() as colleague:  # the direction sends it meanwhile
                theirs = await report_of(colleague, dossier_id, "six_months")
                sender = (await colleague.exec(select(Member).where(Member.user_id == director.id))).one()
                await send_report(colleague, theirs, sender, {}, NOW)
            await mark_reviewed(mine, report, first, NOW)
    stored = await the_report(harness)
    assert stored.status == ReportStatus.SENT
    assert reviewed_ids(stored) == set()  # the bilan stays as it was sent
