"""The Quali'Coop referential (3 axes, 12 engagements, suggested indicators) as frozen dataclasses.

Built from JSON by ``models.referential.parsing``, which checks every rule of the file;
``to_json`` writes it back in the same format.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from models.values import Unit, ValueKind


@dataclass(frozen=True)
class LocalizedText:
    """A text in French and English."""

    fr: str
    en: str

    def get(self, lang: str) -> str:
        """Return the text in `lang` ("en", "en-GB", ...), falling back to French."""
        # Telegram sends IETF tags such as "en-US"; only the primary subtag matters here.
        primary = lang.replace("_", "-").split("-")[0].lower()
        return self.en if primary == "en" else self.fr

    def to_dict(self) -> dict[str, str]:
        """Return the JSON form of this text."""
        return {"fr": self.fr, "en": self.en}


@dataclass(frozen=True)
class SuggestedIndicator:
    """An indicator the referential suggests for an engagement."""

    code: str
    title: LocalizedText
    kind: ValueKind
    unit: Unit | None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of this indicator."""
        return {
            "code": self.code,
            "title": self.title.to_dict(),
            "kind": self.kind.value,
            "unit": self.unit.value if self.unit is not None else None,
        }


@dataclass(frozen=True)
class Engagement:
    """One of the 12 engagements a coop may commit to."""

    code: int
    axis: int
    title: LocalizedText
    short_title: LocalizedText
    provisional: bool
    suggested_indicators: tuple[SuggestedIndicator, ...]

    @property
    def star(self) -> str:
        """« * » after a provisional title wherever it is named (a note on the screen says what it means)."""
        return "*" if self.provisional else ""

    def suggested(self, code: str) -> SuggestedIndicator | None:
        """Return the suggested indicator with this code, or None."""
        return next((s for s in self.suggested_indicators if s.code == code), None)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of this engagement."""
        return {
            "code": self.code,
            "axis": self.axis,
            "provisional": self.provisional,
            "title": self.title.to_dict(),
            "short_title": self.short_title.to_dict(),
            "suggested_indicators": [s.to_dict() for s in self.suggested_indicators],
        }


@dataclass(frozen=True)
class Axis:
    """One of the 3 axes of the Raison d'être."""

    code: int
    title: LocalizedText
    summary: LocalizedText

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of this axis."""
        return {
            "code": self.code,
            "title": self.title.to_dict(),
            "summary": self.summary.to_dict(),
        }


@dataclass(frozen=True)
class Referential:
    """The whole referential; axes and engagements are sorted by code."""

    version: str
    notice: LocalizedText
    axes: tuple[Axis, ...]
    engagements: tuple[Engagement, ...]

    def axis(self, code: int) -> Axis:
        """Return the axis with this code; KeyError if there is none."""
        for axis in self.axes:
            if axis.code == code:
                return axis
        raise KeyError(code)

    def engagement(self, code: int) -> Engagement:
        """Return the engagement with this code; KeyError if there is none."""
        for engagement in self.engagements:
            if engagement.code == code:
                return engagement
        raise KeyError(code)

    def engagements_of(self, axis_code: int) -> tuple[Engagement, ...]:
        """Return the engagements of an axis in code order; KeyError on an unknown axis."""
        self.axis(axis_code)  # an unknown axis is a caller bug, not an empty axis
        return tuple(e for e in self.engagements if e.axis == axis_code)

    def indicator_title(self, indicator: Any, lang: str) -> str:
        """An indicator's title as a reader of ``lang`` sees it: the referential's own words in their
        language while the coop kept a suggested indicator's title (in either language), else as typed.

        ``indicator`` has ``engagement_code``, ``suggested_code`` and ``title`` (a row or a view).
        """
        title = indicator.title or ""
        if not indicator.suggested_code:
            return title
        try:
            suggestion = self.engagement(indicator.engagement_code).suggested(indicator.suggested_code)
        except KeyError:
            return title
        kept = title.strip().replace("'", "’")  # stored before the referential's apostrophes were typographic
        if suggestion is None or kept not in (suggestion.title.fr, suggestion.title.en):
            return title
        return suggestion.title.get(lang)

    @property
    def has_provisional(self) -> bool:
        """Whether some engagement titles are still provisional drafts."""
        return any(e.provisional for e in self.engagements)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready form accepted by parse_referential."""
        return {
            "version": self.version,
            "notice": self.notice.to_dict(),
            "axes": [a.to_dict() for a in self.axes],
            "engagements": [e.to_dict() for e in self.engagements],
        }

    def to_json(self) -> str:
        """Return the referential as JSON text in the packaged file's format."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"
