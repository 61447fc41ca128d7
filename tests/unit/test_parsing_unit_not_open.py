"""A number typed with a unit for an indicator that has none is refused, never stored without it: while
the dossier is edited, with the way to choose that unit; at the follow-up's figure questions, where a
frozen dossier's unit can no longer be chosen, with the number alone to type and an example."""

import pytest

from conversations.render.input_errors import input_error_text
from locales import translator
from models.parsing.text import InputError
from models.parsing.values import parse_value


def refusal(language: str, text: str, **how) -> str:
    with pytest.raises(InputError) as refused:
        parse_value(text, language, "number", None, **how)
    return input_error_text(translator(language), refused.value, text)


def test_the_follow_ups_refusal_asks_for_the_number_alone():
    said = refusal("en", "45 %", unit_open=False)
    assert said == "This indicator has no unit: please type the number alone (e.g. 12).", said
    said = refusal("fr", "45 %", unit_open=False).replace("\u00a0", " ")
    assert said == "Cet indicateur n’a pas d’unité : tapez le nombre seul (ex. 12).", said


def test_the_editors_refusal_still_points_to_the_unit():
    assert "choose “%” as its unit first" in refusal("en", "45 %")


def test_the_number_alone_is_taken_at_the_follow_up():
    assert parse_value("45", "en", "number", None, unit_open=False) == "45"
