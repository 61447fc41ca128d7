"""A dossier completed as a submission holds it, written straight into the database: for a test that puts
a dossier in SUBMITTED by hand, since the committee declares admissible only a dossier meeting every rule
(models.label.transitions)."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from models.dossier.current import choice_changed
from models.dossier.files import FileStore
from models.dossier.reads import read_snapshot
from models.dossier.rules import ACTION_REQUIRED, INDICATOR_REQUIRED, MIN_ENGAGEMENTS, MIN_PER_AXIS
from models.referential.parsing import default_referential
from models.tables import Action, Attachment, AttachmentKind, Dossier, EngagementChoice, Indicator
from tests.pdf_samples import letter_pdf

INVOLVEMENT = ("approach", "staff_information", "members_information", "members_consultation")
# what a missing answer is filled with: an indicator measured as a share, an action with its carrier
INDICATOR_ANSWERS = {
    "rationale": "Suivi.", "value_kind": "number", "unit": "percent", "current_value": "10",
    "target_value": "20", "target_date": date(2028, 5, 31),
}  # fmt: skip
ACTION_ANSWERS = {"owner": "La directrice", "due_date": date(2027, 12, 31)}


async def complete_content(session, dossier: Dossier) -> None:
    """What the dossier misses added, what it holds kept: engagements up to two per axis and eight in all
    (of the packaged referential, taken in turn from each axis), an indicator for each with every answer,
    an action for each, the involvement answered, the commitment letter attached."""
    referential = default_referential()
    chosen = (await read_snapshot(session, dossier)).chosen
    for axis in referential.axes:
        codes = [e.code for e in referential.engagements_of(axis.code)]
        for code in [c for c in codes if c not in chosen][: max(0, MIN_PER_AXIS - len(chosen & set(codes)))]:
            session.add(EngagementChoice(dossier_id=dossier.id, engagement_code=code))
            choice_changed(session, dossier.id, code, True)  # what this transaction knows follows
            chosen.add(code)
    others = [e.code for e in referential.engagements if e.code not in chosen]
    for code in others[: max(0, MIN_ENGAGEMENTS - len(chosen))]:
        session.add(EngagementChoice(dossier_id=dossier.id, engagement_code=code))
        choice_changed(session, dossier.id, code, True)
        chosen.add(code)
    await session.flush()
    indicators = list((await session.exec(select(Indicator).where(Indicator.dossier_id == dossier.id))).all())
    for code in sorted(chosen - {i.engagement_code for i in indicators}):
        indicator = Indicator(
            dossier_id=dossier.id, engagement_code=code, position=1, title=f"Indicateur {code}"
        )
        session.add(indicator)
        indicators.append(indicator)
    await session.flush()
    for indicator in indicators:
        for name in INDICATOR_REQUIRED[1:]:
            if getattr(indicator, name) in (None, ""):
                setattr(indicator, name, INDICATOR_ANSWERS[name])
        if indicator.value_kind == "number" and not indicator.unit:
            indicator.unit = INDICATOR_ANSWERS["unit"]
        actions = (await session.exec(select(Action).where(Action.indicator_id == indicator.id))).all()
        for action in actions or [
            Action(indicator_id=indicator.id, position=1, description="Former l’équipe")
        ]:
            for name in ACTION_REQUIRED[1:]:
                if getattr(action, name) in (None, ""):
                    setattr(action, name, ACTION_ANSWERS[name])
            session.add(action)
    for name in INVOLVEMENT:
        setattr(dossier, name, getattr(dossier, name) or "Réponse.")
    session.add(dossier)
    letter = letter_pdf()
    digest = await FileStore(None).keep(session, letter)  # stored in the database, as an upload's
    session.add(
        Attachment(dossier_id=dossier.id, kind=AttachmentKind.COMMITMENT_LETTER, label="Lettre d’engagement",
                   file_name="lettre.pdf", mime_type="application/pdf", size=len(letter), sha256=digest)
    )  # fmt: skip
    await session.flush()
