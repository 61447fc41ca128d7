"""Tests for loading and validating the Quali'Coop referential."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from models.referential.checks import ReferentialError
from models.referential.model import LocalizedText, Referential
from models.referential.parsing import (
    default_referential,
    load_referential_file,
    parse_referential,
    parse_referential_json,
)
from models.values import Unit, ValueKind

OFFICIAL_TITLE_1 = "Permettre l’accès à un logement abordable au plus grand nombre"


def packaged_data() -> dict[str, Any]:
    """Return a fresh, mutable copy of the packaged referential as decoded JSON."""
    resource = resources.files("models") / "data" / "referential.json"
    return json.loads(resource.read_text(encoding="utf-8"))


def engagement_data(data: dict[str, Any], code: int) -> dict[str, Any]:
    """Return the raw engagement with this code from decoded JSON."""
    return next(e for e in data["engagements"] if e["code"] == code)


def axis_data(data: dict[str, Any], code: int) -> dict[str, Any]:
    """Return the raw axis with this code from decoded JSON."""
    return next(a for a in data["axes"] if a["code"] == code)


def all_texts(referential: Referential) -> list[LocalizedText]:
    """Every localized text in the referential."""
    texts = [referential.notice]
    for axis in referential.axes:
        texts += [axis.title, axis.summary]
    for engagement in referential.engagements:
        texts += [engagement.title, engagement.short_title]
        texts += [s.title for s in engagement.suggested_indicators]
    return texts


# --- the packaged file ---------------------------------------------------------------------


def test_packaged_referential_has_three_axes_of_four_engagements() -> None:
    ref = default_referential()
    assert [a.code for a in ref.axes] == [1, 2, 3]
    assert [e.code for e in ref.engagements] == list(range(1, 13))
    assert [e.code for e in ref.engagements_of(1)] == [1, 2, 3, 4]
    assert [e.code for e in ref.engagements_of(2)] == [5, 6, 7, 8]
    assert [e.code for e in ref.engagements_of(3)] == [9, 10, 11, 12]


def test_packaged_referential_has_french_and_english_everywhere() -> None:
    for text in all_texts(default_referential()):
        assert text.fr.strip() and text.en.strip()
        assert text.fr != text.en or text.fr.isupper()  # only acronyms may read the same


def test_only_engagement_1_is_official() -> None:
    ref = default_referential()
    assert ref.engagement(1).provisional is False
    assert ref.engagement(1).title.fr == OFFICIAL_TITLE_1
    assert all(e.provisional for e in ref.engagements if e.code != 1)
    assert ref.has_provisional
    assert ref.version.strip()


def test_packaged_short_titles_fit_phone_buttons() -> None:
    for engagement in default_referential().engagements:
        assert len(engagement.short_title.fr) <= 24
        assert len(engagement.short_title.en) <= 24


def test_packaged_suggested_indicators_are_consistent() -> None:
    codes: list[str] = []
    for engagement in default_referential().engagements:
        assert 2 <= len(engagement.suggested_indicators) <= 3
        for indicator in engagement.suggested_indicators:
            codes.append(indicator.code)
            assert indicator.code.startswith(str(engagement.code))
            assert (indicator.unit is not None) == (indicator.kind is ValueKind.NUMBER)
    assert len(codes) == len(set(codes))


def test_default_referential_is_cached() -> None:
    assert default_referential() is default_referential()


# --- lookups -------------------------------------------------------------------------------


def test_lookups() -> None:
    ref = default_referential()
    assert ref.axis(2).title.fr == "Gouvernance coopérative"
    assert ref.engagement(7).axis == 2
    assert ref.engagement(1).suggested("1a") is not None
    assert ref.engagement(1).suggested("1a").unit is Unit.PERCENT  # type: ignore[union-attr]
    assert ref.engagement(1).suggested("2a") is None
    with pytest.raises(KeyError):
        ref.engagement(13)
    with pytest.raises(KeyError):
        ref.axis(4)
    with pytest.raises(KeyError):
        ref.engagements_of(0)


def test_localized_text_falls_back_to_french() -> None:
    text = LocalizedText(fr="Bonjour", en="Hello")
    assert text.get("fr") == "Bonjour"
    assert text.get("en") == "Hello"
    assert text.get("en-GB") == "Hello"
    assert text.get("de") == "Bonjour"
    assert text.get("") == "Bonjour"


def test_has_provisional_is_false_once_all_titles_are_official() -> None:
    data = packaged_data()
    for engagement in data["engagements"]:
        engagement["provisional"] = False
    assert not parse_referential(data).has_provisional


# --- round trip ----------------------------------------------------------------------------


def test_to_json_round_trips() -> None:
    ref = default_referential()
    assert parse_referential_json(ref.to_json()) == ref


def test_to_json_keeps_the_file_format() -> None:
    assert json.loads(default_referential().to_json()) == packaged_data()


def test_parse_sorts_axes_and_engagements_by_code() -> None:
    data = packaged_data()
    data["axes"].reverse()
    data["engagements"].reverse()
    assert parse_referential(data) == default_referential()


# --- validation rules ----------------------------------------------------------------------

Breaker = Callable[[dict[str, Any]], None]
E = "engagement"  # path step kinds for _locate, e.g. (E, 7) is engagement 7
A = "axis"


def _drop_axis_3(data: dict[str, Any]) -> None:
    """Remove axis 3."""
    data["axes"].remove(axis_data(data, 3))


def _locate(data: dict[str, Any], path: list[Any]) -> Any:
    """Follow `path` (keys, list indexes, or ("engagement"|"axis", code) look-ups) in data."""
    target: Any = data
    for step in path:
        if isinstance(step, tuple):
            kind, code = step
            target = engagement_data(target, code) if kind == E else axis_data(target, code)
        else:
            target = target[step]
    return target


def _set(path: list[Any], value: Any) -> Breaker:
    """A breaker that sets the value at the end of `path` (see _locate)."""

    def breaker(data: dict[str, Any]) -> None:
        _locate(data, path[:-1])[path[-1]] = value

    return breaker


def _delete(path: list[Any]) -> Breaker:
    """A breaker that deletes the key at the end of `path` (see _locate)."""

    def breaker(data: dict[str, Any]) -> None:
        del _locate(data, path[:-1])[path[-1]]

    return breaker


def _drop_engagement_12(data: dict[str, Any]) -> None:
    """Remove engagement 12, leaving axis 3 with three."""
    data["engagements"].remove(engagement_data(data, 12))


def _rename_indicator_3a_as_2a(data: dict[str, Any]) -> None:
    """Give indicator 3a the code of indicator 2a."""
    engagement_data(data, 3)["suggested_indicators"][0]["code"] = "2a"


def _first_indicator(code: int, key: str, value: Any) -> Breaker:
    """A breaker that sets `key` of the first suggested indicator of engagement `code`."""

    def breaker(data: dict[str, Any]) -> None:
        engagement_data(data, code)["suggested_indicators"][0][key] = value

    return breaker


RULES: list[tuple[str, Breaker, str]] = [
    # top level
    ("unknown top-level key", lambda d: d.update(x=1), "referential: unknown key 'x'"),
    ("version missing", _delete(["version"]), "referential: missing 'version'"),
    ("version empty", _set(["version"], "  "), "version must be a non-empty string"),
    ("version not a string", _set(["version"], 2021), "version must be a non-empty string"),
    ("notice without fr", _delete(["notice", "fr"]), "referential: notice has no 'fr' text"),
    ("axes not a list", _set(["axes"], "1,2,3"), "referential: axes must be a list, got string"),
    (
        "engagements not a list",
        _set(["engagements"], {}),
        "engagements must be a list, got object",
    ),
    # axes
    ("two axes", _drop_axis_3, "expected axes with codes 1, 2, 3, found 1, 2"),
    ("axis code 4", _set([(A, 3), "code"], 4), "expected axes with codes 1, 2, 3, found 1, 2, 4"),
    ("duplicate axis", _set([(A, 3), "code"], 2), "duplicate axis code 2"),
    (
        "axis code a string",
        _set([(A, 1), "code"], "1"),
        "axis at position 1: code must be an integer",
    ),
    (
        "axis summary without en",
        _delete([(A, 2), "summary", "en"]),
        "axis 2: summary has no 'en' text",
    ),
    # engagement structure
    ("axis 3 short of one", _drop_engagement_12, "axis 3 has 3 engagements, expected 4"),
    ("axis 1 has five", _set([(E, 5), "axis"], 1), "axis 1 has 5 engagements, expected 4"),
    ("duplicate engagement", _set([(E, 6), "code"], 5), "duplicate engagement code 5"),
    ("unknown axis", _set([(E, 3), "axis"], 4), "engagement 3: unknown axis 4"),
    (
        "code a string",
        _set(["engagements", 4, "code"], "5"),
        "engagement at position 5: code must be an integer, got string",
    ),
    (
        "code a boolean",
        _set(["engagements", 0, "code"], True),
        "code must be an integer, got boolean",
    ),
    ("code zero", _set(["engagements", 0, "code"], 0), "code must be a positive integer, got 0"),
    (
        "engagement not an object",
        _set(["engagements", 0], "1"),
        "engagement at position 1 must be an object, got string",
    ),
    (
        "missing short title",
        _delete([(E, 1), "short_title"]),
        "engagement 1: missing 'short_title'",
    ),
    (
        "misspelt key",
        lambda d: engagement_data(d, 1).update(short_tilte={}),
        "engagement 1: unknown key 'short_tilte'",
    ),
    (
        "provisional a string",
        _set([(E, 2), "provisional"], "yes"),
        "engagement 2: provisional must be true or false, got string",
    ),
    # texts
    ("title without en", _delete([(E, 7), "title", "en"]), "engagement 7: title has no 'en' text"),
    (
        "title with blank fr",
        _set([(E, 7), "title", "fr"], " "),
        "engagement 7: title has no 'fr' text",
    ),
    (
        "title en a number",
        _set([(E, 7), "title", "en"], 7),
        "engagement 7: title 'en' text must be a string, got number",
    ),
    (
        "title a string",
        _set([(E, 7), "title"], "Dialogue"),
        "engagement 7: title must be an object, got string",
    ),
    (
        "title in German too",
        _set([(E, 7), "title", "de"], "Dialog"),
        "engagement 7: title: unknown key 'de'",
    ),
    (
        "short title too long",
        _set([(E, 4), "short_title", "fr"], "x" * 25),
        "engagement 4: short_title 'fr' text 'xxxxxxxxxxxxxxxxxxxxxxxxx' has 25 characters, "
        "at most 24 allowed",
    ),
    # suggested indicators
    (
        "indicators not a list",
        _set([(E, 1), "suggested_indicators"], "1a"),
        "engagement 1: suggested_indicators must be a list, got string",
    ),
    (
        "unknown unit",
        _first_indicator(9, "unit", "kg"),
        "engagement 9, suggested indicator '9a': unknown unit 'kg'",
    ),
    (
        "unknown kind",
        _first_indicator(9, "kind", "date"),
        "engagement 9, suggested indicator '9a': unknown kind 'date'",
    ),
    (
        "number without unit",
        _first_indicator(9, "unit", None),
        "suggested indicator '9a': a number indicator needs a unit",
    ),
    (
        "yes/no with a unit",
        _first_indicator(6, "unit", "percent"),
        "suggested indicator '6a': a yes_no indicator must have a null unit, got 'percent'",
    ),
    (
        "indicator code empty",
        _first_indicator(2, "code", ""),
        "engagement 2: suggested indicator at position 1: code must be a non-empty string",
    ),
    (
        "indicator without title",
        lambda d: engagement_data(d, 2)["suggested_indicators"][0].pop("title"),
        "engagement 2, suggested indicator '2a': missing 'title'",
    ),
    (
        "duplicate indicator code",
        _rename_indicator_3a_as_2a,
        "suggested indicator code '2a' appears twice",
    ),
]


@pytest.mark.parametrize(
    ("breaker", "message"), [(b, m) for _, b, m in RULES], ids=[name for name, _, _ in RULES]
)
def test_validation_error_names_the_problem(breaker: Breaker, message: str) -> None:
    data = packaged_data()
    breaker(data)
    with pytest.raises(ReferentialError) as excinfo:
        parse_referential(data)
    assert message in str(excinfo.value)


@pytest.mark.parametrize("value", [None, "x", 0, 1.5, True, [], {}, [1], {"fr": 1}])
def test_wrong_types_raise_referential_error_only(value: object) -> None:
    # Any field of any shape may be wrong: the parser must never leak TypeError or KeyError.
    targets: list[list[Any]] = [[]]
    data = packaged_data()
    targets += [[key] for key in data]
    targets += [["axes", 0, key] for key in data["axes"][0]]
    targets += [["engagements", 5, key] for key in data["engagements"][5]]
    indicator = data["engagements"][5]["suggested_indicators"][0]
    targets += [["engagements", 5, "suggested_indicators", 0, key] for key in indicator]
    for path in targets:
        data = packaged_data()
        if path:
            _set(path, value)(data)
        else:
            data = value  # type: ignore[assignment]
        with contextlib.suppress(ReferentialError):
            parse_referential(data)


def test_top_level_must_be_an_object() -> None:
    with pytest.raises(ReferentialError, match="referential must be an object, got list"):
        parse_referential([])


# --- JSON text and files -------------------------------------------------------------------


def test_non_json_text() -> None:
    message = "not valid JSON at line 2 column 14: Expecting value"
    with pytest.raises(ReferentialError, match=message):
        parse_referential_json('{\n  "version": ,\n}')


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "referential.json"
    with pytest.raises(ReferentialError) as excinfo:
        load_referential_file(path)
    assert str(path) in str(excinfo.value)
    assert "does not exist" in str(excinfo.value)


def test_bad_json_file_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "referential.json"
    path.write_text("{ not json", encoding="utf-8")
    with pytest.raises(ReferentialError) as excinfo:
        load_referential_file(path)
    assert str(path) in str(excinfo.value)
    assert "not valid JSON at line 1 column 3" in str(excinfo.value)


def test_invalid_file_names_the_path_and_the_problem(tmp_path: Path) -> None:
    data = packaged_data()
    data["engagements"].pop()
    path = tmp_path / "referential.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ReferentialError) as excinfo:
        load_referential_file(str(path))
    assert str(path) in str(excinfo.value)
    assert "axis 3 has 3 engagements, expected 4" in str(excinfo.value)


def test_non_utf8_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "referential.json"
    path.write_bytes('{"version": "é"}'.encode("latin-1"))
    with pytest.raises(ReferentialError, match="is not UTF-8 text"):
        load_referential_file(path)


def test_a_replacement_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "referential.json"
    path.write_text(default_referential().to_json(), encoding="utf-8")
    assert load_referential_file(path) == default_referential()


def test_a_file_typed_with_straight_apostrophes_is_read_with_typographic_ones() -> None:
    """The federation's file may say « l'accès »: the bot writes ’ everywhere, in the chat, the page
    and the PDF alike, so the referential's texts are read that way."""
    data = packaged_data()
    data["engagements"][0]["title"]["fr"] = "Permettre l'accès à un logement abordable"
    data["axes"][0]["title"]["en"] = "The coop's mission"
    referential = parse_referential(data)
    assert referential.engagements[0].title.fr == "Permettre l’accès à un logement abordable"
    assert referential.axes[0].title.en == "The coop’s mission"


def test_a_suggestion_kept_before_the_apostrophes_were_typographic_is_still_the_suggestion() -> None:
    """An indicator stored as « Nombre d'associés » (the suggestion's words then) is still the
    suggestion: an English reader gets its English title, a French one the typographic spelling."""
    kept = SimpleNamespace(engagement_code=5, suggested_code="5a", title="Nombre d'associés")
    assert default_referential().indicator_title(kept, "en") == "Number of cooperative members"
    assert default_referential().indicator_title(kept, "fr") == "Nombre d’associés"
    own = SimpleNamespace(engagement_code=5, suggested_code="5a", title="Nombre d'associés actifs")
    assert default_referential().indicator_title(own, "en") == "Nombre d'associés actifs"  # as typed
