"""Naming a dossier's gaps reads each indicator's title once, not once per gap: a large dossier's review
lists about a hundred gaps over as many indicators (a tenth of the conversation tests' CPU went there)."""

from __future__ import annotations

from conversations.render.gaps import gap_text, gap_texts
from locales import translator
from models.dossier.reads import DossierSnapshot
from models.dossier.rules import Gap
from models.referential.model import Referential
from models.referential.parsing import default_referential
from models.tables import Dossier, Indicator


def test_the_titles_are_read_once_for_all_the_gaps(monkeypatch):
    indicators = [
        Indicator(id=n, dossier_id=1, engagement_code=1 + n % 12, position=n, title=f"Indicateur {n}")
        for n in range(1, 41)
    ]
    snapshot = DossierSnapshot(Dossier(id=1, coop_id=1, cycle=1), set(range(1, 13)), indicators)
    gaps = [Gap("no_action", engagement=i.engagement_code, indicator_id=i.id) for i in indicators]
    reads = []
    title = Referential.indicator_title
    monkeypatch.setattr(Referential, "indicator_title", lambda self, *a: reads.append(a) or title(self, *a))
    texts = gap_texts(translator("fr"), snapshot, gaps, default_referential())
    assert len(reads) == len(indicators)
    assert texts[6] == "L’indicateur «\u00a0Indicateur 7\u00a0» (engagement 8) n’a pas encore d’action"
    assert texts == [gap_text(translator("fr"), snapshot, gap, default_referential()) for gap in gaps]


def test_gaps_that_name_no_indicator_read_no_title(monkeypatch):
    snapshot = DossierSnapshot(Dossier(id=1, coop_id=1, cycle=1), {1}, [Indicator(id=1, engagement_code=1)])
    monkeypatch.setattr(Referential, "indicator_title", lambda *a: (_ for _ in ()).throw(AssertionError))
    texts = gap_texts(
        translator("en"), snapshot, [Gap("no_indicator", engagement=2), Gap("axis_short", axis=3, missing=1)]
    )
    assert texts == ["Engagement 2 has no indicator yet", "1 engagement is missing in axis 3"]
