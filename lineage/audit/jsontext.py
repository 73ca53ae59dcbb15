"""JSON with two-space indentation, as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it, faster.

The standard library encodes with ``indent`` in Python, one generator step per
value; a report of a national corpus holds a quarter of a million values. Here
strings are escaped by the C encoder and the layout is joined in one pass. The
bytes are the standard encoder's (the tests compare both); a value holding
anything else (a dict with keys that are not strings, a subclass of str) is
handed to the standard encoder whole.

>>> dumps({"a": [1, 2.5, None], "b": {}, "c": "đ\\n"}) == json.dumps(
...     {"a": [1, 2.5, None], "b": {}, "c": "đ\\n"}, ensure_ascii=False, indent=2)
True
"""

from __future__ import annotations

import json
import math
from typing import Any

try:
    from _json import encode_basestring as _string
except ImportError:  # pragma: no cover - CPython always has the C encoder
    from json.encoder import py_encode_basestring as _string

_INDENT = "  "


class _Unwritten(Exception):
    """A value this writer leaves to the standard encoder."""


def dumps(value: Any) -> str:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it."""
    parts: list[str] = []
    try:
        _write(value, "\n", parts)
    except _Unwritten:
        return json.dumps(value, ensure_ascii=False, indent=2)
    return "".join(parts)


def _write(value: Any, newline: str, parts: list[str]) -> None:
    """Append ``value`` to ``parts``; ``newline`` is a line break and the indentation of the value's own line."""
    kind = type(value)
    if kind is str:
        parts.append(_string(value))
    elif value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif kind is int:
        parts.append(int.__repr__(value))
    elif kind is float:
        parts.append(_float(value))
    elif kind is dict:
        if not value:
            parts.append("{}")
            return
        inner = newline + _INDENT
        separator = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _Unwritten
            parts.append(separator)
            parts.append(_string(key))
            parts.append(": ")
            _write(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            parts.append("[]")
            return
        inner = newline + _INDENT
        separator = "[" + inner
        for item in value:
            parts.append(separator)
            _write(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "]")
    else:
        raise _Unwritten


def _float(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == -float("inf"):
        return "-Infinity"
    return float.__repr__(value)
