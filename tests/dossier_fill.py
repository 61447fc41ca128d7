"""A dossier filled as the chat's walk fills it, without the walk: for the tests whose subject comes after.

Typing a whole dossier takes some 120 updates (eight engagements, seven answers for each indicator and its
first action, the four texts of the approach): the 49 files whose set-up it is took 179 s of CPU, 102 s
without it. Here the same answers are read by the editor's own field table (``FieldSpec.parse``, in the
user's language, today in Paris) and stored by the editor's own writers (``Entity.write``: audit, version,
the rules of kinds and units), as the member, at the bot's clock, in one transaction; what a button creates
is created as it does (``set_engagement``, ``add_indicator`` as ``pick_suggestion`` does). The walk itself
stays tested through the chat: ``typed=True`` types it all, and ``test_dossier_fill`` checks that both
leave the same rows and the same audit trail.
"""

from __future__ import annotations

from conversations.dossier.editor.entities import ACTION, INDICATOR, INVOLVEMENT, Write
from conversations.dossier.editor.questions import walk
from conversations.render.fields import Answer
from conversations.render.input_errors import answer_at
from locales import translator_for
from models.dossier.current import current_dossier
from models.dossier.indicators import add_action, add_indicator
from models.dossier.reads import UNSET
from models.dossier.writes import set_engagement
from models.parsing.values import counted_one_by_one
from models.tables import MemberRole
from models.users import load_visit
from models.values import Unit, ValueKind
from tests.dossier_steps import FR_ANSWERS, choose, fill_suggested_indicator, open_home, upload_letter
from tests.harness import ChatUser

COUNTED = (Unit.HOMES, Unit.PEOPLE)  # typed whole, as the chat's walk types them
CODES = [1, 2, 3, 5, 6, 9, 10, 12]
INVOLVEMENT_TEXTS = (
    "Notre démarche « cœur de métier » : l’œuvre coopérative.",
    "Réunion du personnel.",
    "Lettre aux accédants.",
    "Oui, par questionnaire (coût : 1 200 €).",
)


async def complete_dossier(user, letter: bool = True, typed: bool = False) -> None:
    """Eight engagements each with an indicator and an action, the approach answered, the letter sent: the
    answers stored as the editor stores them (``fill_dossier``), or ``typed`` through the chat."""
    if typed:
        await choose(user, CODES)
        for code in CODES:
            await fill_suggested_indicator(user, code, FR_ANSWERS)
        await open_home(user)
        await user.press("👥 Démarche")
        await user.press("✍️ Répondre")
        for text in INVOLVEMENT_TEXTS:
            await user.send(text)
    else:
        await fill_dossier(user, CODES, FR_ANSWERS, INVOLVEMENT_TEXTS)
    if letter:
        await upload_letter(user)


async def fill_dossier(user: ChatUser, codes: list[int], answers: dict[str, str], involvement: tuple) -> None:
    """Choose ``codes``, give each its first suggested indicator and an action answered with ``answers``
    (those of ``fill_suggested_indicator``), and answer the approach with the ``involvement`` texts."""
    harness, actor_id = user.harness, user.id
    now, bot_data = harness.clock(), harness.application.bot_data  # the chat's referential and meetings
    referential = bot_data.referential
    async with harness.database.transaction() as session:
        visit = await load_visit(session, actor_id)
        language = translator_for(visit.user).language  # the language the bot reads them in
        dossier = await current_dossier(session, visit.coop.id)
        by_direction = visit.member.role == MemberRole.DIRECTION
        writer = _Writer(
            session, dossier, actor_id, by_direction, answer_at(language, now, bot_data.committee_dates), now
        )
        for code in codes:
            await set_engagement(session, dossier, code, True, actor_id=actor_id, now=now)
        for code in codes:
            suggestion = referential.engagement(code).suggested_indicators[0]
            indicator = await add_indicator(
                session, dossier, code, title=suggestion.title.get(language), suggested_code=suggestion.code,
                value_kind=suggestion.kind.value, unit=suggestion.unit.value if suggestion.unit else None,
                actor_id=actor_id, now=now,
            )  # fmt: skip
            await writer.walk(INDICATOR, indicator, _indicator_answers(indicator, answers))
            description = ACTION.fields[0].parse(answers["action"], None, writer.answer)  # its creation
            action = await add_action(session, dossier, indicator, description, actor_id=actor_id, now=now)
            await writer.walk(ACTION, action, {"owner": answers["owner"], "due_date": answers["due"]})
        named = dict(zip((spec.name for spec in INVOLVEMENT.fields), involvement, strict=True))
        await writer.walk(INVOLVEMENT, dossier, named)


def _indicator_answers(indicator, answers: dict[str, str]) -> dict[str, str]:
    """The answers the walk types for this indicator: yes and no for a yes-or-no one, whole numbers of
    homes, people and the referential's counts."""
    current, target = answers["current"], answers["target"]
    if indicator.value_kind == ValueKind.YES_NO:
        current, target = "no", "yes"
    elif indicator.unit in COUNTED or counted_one_by_one(indicator):
        current, target = (value.replace(".", ",").split(",")[0] for value in (current, target))
    return {
        "rationale": answers["rationale"], "current_value": current, "target_value": target,
        "target_date": answers["date"],
    }  # fmt: skip


class _Writer:
    """Stores a row's answers as the editor stores typed ones: each parsed, then written."""

    def __init__(self, session, dossier, actor_id: int, by_direction: bool, answer: Answer, now) -> None:
        self.session, self.dossier, self.answer, self.now = session, dossier, answer, now
        self.actor_id, self.by_direction = actor_id, by_direction

    async def walk(self, entity, row, typed: dict[str, str]) -> None:
        """The wizard's questions of ``row`` in order, each answered; one it asks without an answer here
        fails the test's set-up (the walk changed: this helper must follow)."""
        asked = [spec for spec in walk(entity, row) if getattr(row, spec.name) in (None, "")]
        if [spec.name for spec in asked] != list(typed):
            raise AssertionError(
                f"{entity.name} asks {[spec.name for spec in asked]}, answered {list(typed)}"
            )
        for spec in asked:
            value = spec.parse(typed[spec.name], row, self.answer)
            write = Write(spec.name, value, UNSET, self.actor_id, self.by_direction, self.now)
            await entity.write(self.session, self.dossier, row, write)
