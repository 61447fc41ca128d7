"""The two refusals of a value typed in the wrong unit have one shape: what the indicator is measured or
counted in, then what to type, its example in brackets (« … : tapez le nombre seul (ex. 12). »)."""

from __future__ import annotations

import pytest

from conversations.render.input_errors import input_error_text
from locales import translator
from models.parsing.text import InputError
from models.parsing.values import parse_value
from models.values import Unit, ValueKind


@pytest.mark.parametrize(
    ("language", "unit", "said"),
    [
        (
            "fr",
            "jours ouvrés",
            "Cet indicateur se compte en « jours ouvrés » : tapez le nombre seul (ex. 12).",
        ),
        (
            "en",
            "working days",
            "This indicator is counted in “working days”: please type the number alone (e.g. 12).",
        ),
    ],
)
def test_a_coops_own_unit_refusal_gives_its_example_in_brackets(language, unit, said):
    with pytest.raises(InputError) as refused:
        parse_value("12 %", language, ValueKind.NUMBER, unit)
    assert refused.value.code == "own_unit_mismatch"
    text = input_error_text(translator(language), refused.value, "12 %")
    assert text.replace("\u00a0", " ") == said, text


def test_the_euro_refusal_has_the_same_shape():
    """The shape the own unit's refusal follows (pinned here so the two stay alike)."""
    with pytest.raises(InputError) as refused:
        parse_value("12 %", "fr", ValueKind.NUMBER, Unit.EURO)
    text = input_error_text(translator("fr"), refused.value, "12 %").replace("\u00a0", " ")
    assert text.startswith("Cet indicateur se mesure en € : tapez sa valeur dans cette unité (ex. "), text
    assert text.endswith(" €)."), text
