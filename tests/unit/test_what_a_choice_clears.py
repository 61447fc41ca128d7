"""What the chat's kind and unit buttons and the Mini App announce a choice clears (``kind_clears``,
``unit_clears``: the marks they compare, the words they say) is what ``update_indicator`` clears."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from models.coops import create_coop
from models.dossier.current import current_dossier
from models.dossier.indicators import add_indicator, update_indicator
from models.dossier.writes import set_engagement
from models.parsing.values import KIND_CLEARS, kind_clears, unit_clears

NOW = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("before", "change"),
    [
        ({"unit": None, "current_value": "12.5", "target_value": "150"}, ("unit", "percent")),  # a first unit
        ({"unit": None, "current_value": "12", "target_value": "30"}, ("unit", "homes")),  # both fit
        ({"unit": "percent", "current_value": "12.5", "target_value": "30"}, ("unit", "euros")),
        ({"unit": "percent", "current_value": "12.5", "target_value": "30"}, ("unit", "percent")),
        ({"unit": "percent", "current_value": "12.5", "target_value": "30"}, ("value_kind", "yes_no")),
        ({"unit": "percent", "current_value": "12.5", "target_value": "30"}, ("value_kind", "number")),
    ],
)
async def test_what_a_choice_is_said_to_clear_is_what_it_clears(db, before: dict, change: tuple) -> None:
    name, value = change
    async with db.transaction() as session:
        coop = await create_coop(session, f"Coop {name} {value} {before['unit']}", now=NOW)
        dossier = await current_dossier(session, coop.id)
        await set_engagement(session, dossier, 1, True, actor_id=None, now=NOW)
        indicator = await add_indicator(session, dossier, 1, title="Part", actor_id=None, now=NOW)
        for field, typed in (("value_kind", "number"), *before.items()):
            await update_indicator(session, dossier, indicator, field, typed, actor_id=None, now=NOW)
        said = (kind_clears if name == "value_kind" else unit_clears)(indicator, value)
        held = {field for field in KIND_CLEARS if getattr(indicator, field) is not None}
        await update_indicator(session, dossier, indicator, name, value, actor_id=None, now=NOW)
        cleared = {field for field in held if getattr(indicator, field) is None}
    assert cleared == held & set(said), (said, cleared)
