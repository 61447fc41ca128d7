"""Checks of the referential file's shape, with messages that name the problem for its author."""

from __future__ import annotations

from typing import Any


class ReferentialError(ValueError):
    """A referential file or document is missing, malformed or inconsistent."""


def _type_name(value: object) -> str:
    """Name a JSON value's type the way a file author would understand it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _object(value: object, where: str) -> dict[str, Any]:
    """Check that `value` is a JSON object."""
    if not isinstance(value, dict):
        raise ReferentialError(f"{where} must be an object, got {_type_name(value)}")
    return value


def _known_keys(obj: dict[str, Any], where: str, allowed: frozenset[str]) -> None:
    """Reject keys outside `allowed`, which are most likely misspellings."""
    for key in obj:
        if key not in allowed:
            raise ReferentialError(f"{where}: unknown key {key!r}")


def _field(obj: dict[str, Any], key: str, where: str) -> Any:
    """Return a required field of an object."""
    if key not in obj:
        raise ReferentialError(f"{where}: missing {key!r}")
    return obj[key]


def _int(value: object, where: str) -> int:
    """Check that `value` is a positive integer (booleans excluded)."""
    # bool is a subclass of int in Python, but `true` is never a valid code in the file.
    if not isinstance(value, int) or isinstance(value, bool):
        raise ReferentialError(f"{where} must be an integer, got {_type_name(value)}")
    if value < 1:
        raise ReferentialError(f"{where} must be a positive integer, got {value}")
    return value


def _list(value: object, where: str) -> list[Any]:
    """Check that `value` is a list."""
    if not isinstance(value, list):
        raise ReferentialError(f"{where} must be a list, got {_type_name(value)}")
    return value
