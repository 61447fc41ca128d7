"""Reading the referential from JSON: every rule of the file checked, errors that name the problem.

From decoded JSON, from JSON text, from a file (``qualicoop referential load``), or the one
packaged in models/data (parsed once).
"""

from __future__ import annotations

import json
import os
from functools import cache
from importlib import resources

from models.referential.checks import (
    ReferentialError,
    _field,
    _int,
    _known_keys,
    _list,
    _object,
    _type_name,
)
from models.referential.model import Axis, Engagement, LocalizedText, Referential, SuggestedIndicator
from models.values import Unit, ValueKind

LANGUAGES: tuple[str, ...] = ("fr", "en")
AXIS_CODES: tuple[int, ...] = (1, 2, 3)
ENGAGEMENTS_PER_AXIS = 4
SHORT_TITLE_MAX = 24  # longer labels get cut off on phone inline keyboards

_TOP_KEYS = frozenset({"version", "notice", "axes", "engagements"})
_AXIS_KEYS = frozenset({"code", "title", "summary"})
_ENGAGEMENT_KEYS = frozenset({"code", "axis", "provisional", "title", "short_title", "suggested_indicators"})
_INDICATOR_KEYS = frozenset({"code", "title", "kind", "unit"})


def _text(value: object, where: str, name: str, max_length: int | None = None) -> LocalizedText:
    """Parse a {"fr": ..., "en": ...} object whose texts are all non-empty."""
    obj = _object(value, f"{where}: {name}")
    _known_keys(obj, f"{where}: {name}", frozenset(LANGUAGES))
    texts: dict[str, str] = {}
    for lang in LANGUAGES:
        text = obj.get(lang)
        if text is not None and not isinstance(text, str):
            raise ReferentialError(f"{where}: {name} {lang!r} text must be a string, got {_type_name(text)}")
        if text is None or not text.strip():
            raise ReferentialError(f"{where}: {name} has no {lang!r} text")
        if max_length is not None and len(text) > max_length:
            raise ReferentialError(
                f"{where}: {name} {lang!r} text {text!r} has {len(text)} characters, "
                f"at most {max_length} allowed"
            )
        texts[lang] = text.replace("'", "’")  # the typographic apostrophe, as the bot writes everywhere
    return LocalizedText(fr=texts["fr"], en=texts["en"])


def _parse_axis(value: object, position: int) -> Axis:
    """Parse one entry of "axes"."""
    where = f"axis at position {position}"
    obj = _object(value, where)
    code = _int(_field(obj, "code", where), f"{where}: code")
    where = f"axis {code}"
    _known_keys(obj, where, _AXIS_KEYS)
    return Axis(
        code=code,
        title=_text(_field(obj, "title", where), where, "title"),
        summary=_text(_field(obj, "summary", where), where, "summary"),
    )


def _parse_indicator(value: object, where: str, position: int) -> SuggestedIndicator:
    """Parse one suggested indicator of an engagement."""
    at_position = f"{where}: suggested indicator at position {position}"
    obj = _object(value, at_position)
    code = _field(obj, "code", at_position)
    if not isinstance(code, str) or not code.strip():
        raise ReferentialError(f"{at_position}: code must be a non-empty string")
    where = f"{where}, suggested indicator {code!r}"
    _known_keys(obj, where, _INDICATOR_KEYS)
    title = _text(_field(obj, "title", where), where, "title")

    raw_kind = _field(obj, "kind", where)
    try:
        kind = ValueKind(raw_kind)
    except ValueError:
        raise ReferentialError(f"{where}: unknown kind {raw_kind!r}") from None

    # "unit" may be left out for yes/no and text indicators, which have none.
    raw_unit = obj.get("unit")
    unit: Unit | None = None
    if raw_unit is not None:
        try:
            unit = Unit(raw_unit)
        except ValueError:
            raise ReferentialError(f"{where}: unknown unit {raw_unit!r}") from None
    if kind is ValueKind.NUMBER and unit is None:
        raise ReferentialError(f"{where}: a number indicator needs a unit")
    if kind is not ValueKind.NUMBER and unit is not None:
        raise ReferentialError(f"{where}: a {kind.value} indicator must have a null unit, got {unit.value!r}")
    return SuggestedIndicator(code=code, title=title, kind=kind, unit=unit)


def _parse_engagement(value: object, position: int) -> Engagement:
    """Parse one entry of "engagements"."""
    at_position = f"engagement at position {position}"
    obj = _object(value, at_position)
    code = _int(_field(obj, "code", at_position), f"{at_position}: code")
    where = f"engagement {code}"
    _known_keys(obj, where, _ENGAGEMENT_KEYS)
    axis = _int(_field(obj, "axis", where), f"{where}: axis")
    provisional = _field(obj, "provisional", where)
    if not isinstance(provisional, bool):
        raise ReferentialError(f"{where}: provisional must be true or false, got {_type_name(provisional)}")
    title = _text(_field(obj, "title", where), where, "title")
    short_title = _text(_field(obj, "short_title", where), where, "short_title", SHORT_TITLE_MAX)
    raw_indicators = _list(_field(obj, "suggested_indicators", where), f"{where}: suggested_indicators")
    indicators = tuple(_parse_indicator(item, where, i) for i, item in enumerate(raw_indicators, start=1))
    return Engagement(
        code=code,
        axis=axis,
        title=title,
        short_title=short_title,
        provisional=provisional,
        suggested_indicators=indicators,
    )


def parse_referential(data: object, *, numbered: bool = True) -> Referential:
    """Validate decoded JSON and build the Referential; ReferentialError says what is wrong; ``numbered``
    requires the engagements numbered 1 to 12."""
    obj = _object(data, "referential")
    _known_keys(obj, "referential", _TOP_KEYS)

    version = _field(obj, "version", "referential")
    if not isinstance(version, str) or not version.strip():
        raise ReferentialError("referential: version must be a non-empty string")
    notice = _text(_field(obj, "notice", "referential"), "referential", "notice")

    raw_axes = _list(_field(obj, "axes", "referential"), "referential: axes")
    axes = [_parse_axis(item, i) for i, item in enumerate(raw_axes, start=1)]
    seen_axes: set[int] = set()
    for axis in axes:
        if axis.code in seen_axes:
            raise ReferentialError(f"duplicate axis code {axis.code}")
        seen_axes.add(axis.code)
    if sorted(seen_axes) != list(AXIS_CODES):
        found = ", ".join(str(c) for c in sorted(seen_axes)) or "none"
        raise ReferentialError(f"expected axes with codes 1, 2, 3, found {found}")

    raw_engagements = _list(_field(obj, "engagements", "referential"), "referential: engagements")
    engagements = [_parse_engagement(item, i) for i, item in enumerate(raw_engagements, start=1)]
    seen_engagements: set[int] = set()
    seen_indicators: set[str] = set()
    for engagement in engagements:
        if engagement.code in seen_engagements:
            raise ReferentialError(f"duplicate engagement code {engagement.code}")
        seen_engagements.add(engagement.code)
        if numbered and engagement.code > (last := len(AXIS_CODES) * ENGAGEMENTS_PER_AXIS):
            # 12 renumbered 13 would silently take engagement 12 out of every dossier that chose it
            raise ReferentialError(
                f"engagement {engagement.code}: engagement codes must be 1 to {last}, "
                "as dossiers keep the number they chose"
            )
        if engagement.axis not in AXIS_CODES:
            raise ReferentialError(f"engagement {engagement.code}: unknown axis {engagement.axis}")
        for indicator in engagement.suggested_indicators:
            # Unique across the file so that a code alone identifies the indicator.
            if indicator.code in seen_indicators:
                raise ReferentialError(f"suggested indicator code {indicator.code!r} appears twice")
            seen_indicators.add(indicator.code)
    for axis_code in AXIS_CODES:
        count = sum(1 for e in engagements if e.axis == axis_code)
        if count != ENGAGEMENTS_PER_AXIS:
            raise ReferentialError(
                f"axis {axis_code} has {count} engagements, expected {ENGAGEMENTS_PER_AXIS}"
            )

    return Referential(
        version=version,
        notice=notice,
        axes=tuple(sorted(axes, key=lambda a: a.code)),
        engagements=tuple(sorted(engagements, key=lambda e: e.code)),
    )


def parse_referential_json(text: str, *, numbered: bool = True) -> Referential:
    """Parse and validate a referential given as JSON text (``numbered``: as parse_referential)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReferentialError(f"not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from exc
    return parse_referential(data, numbered=numbered)


def load_referential_file(path: str | os.PathLike[str]) -> Referential:
    """Load and validate a referential JSON file (UTF-8)."""
    try:
        with open(path, encoding="utf-8-sig") as file:  # a BOM (Notepad, Excel's habit) is no JSON
            text = file.read()
    except FileNotFoundError:
        raise ReferentialError(f"referential file {os.fspath(path)} does not exist") from None
    except UnicodeDecodeError as exc:
        raise ReferentialError(f"referential file {os.fspath(path)} is not UTF-8 text: {exc}") from exc
    except OSError as exc:
        raise ReferentialError(f"cannot read referential file {os.fspath(path)}: {exc.strerror}") from exc
    try:
        return parse_referential_json(text)
    except ReferentialError as exc:
        raise ReferentialError(f"referential file {os.fspath(path)}: {exc}") from exc


@cache
def default_referential() -> Referential:
    """Return the referential shipped in models/data (parsed once)."""
    resource = resources.files("models") / "data" / "referential.json"
    try:
        text = resource.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReferentialError(f"cannot read packaged referential {resource}: {exc}") from exc
    try:
        return parse_referential_json(text)
    except ReferentialError as exc:
        raise ReferentialError(f"packaged referential {resource}: {exc}") from exc
