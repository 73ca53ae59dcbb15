"""How pySHACL, the reference, judges literals — and sound SPARQL filters that leave it only the doubtful ones.

Most checks run in SPARQL, but rdflib (which pySHACL uses) and SPARQL disagree
at the edges: ill-typed literals, comparisons across datatypes, Python regular
expressions. Each check here has two halves: a SPARQL expression true only for
values pySHACL certainly accepts, and a Python function giving pySHACL's verdict
on the rest. The query returns the rest; Python decides.

>>> from rdflib import Literal, XSD
>>> datatype_matches(Literal("2026-02-30", datatype=XSD.date), XSD.date)
False
>>> in_range(Literal(5), Literal(1), SH.minInclusive), in_range(Literal("5"), Literal(1), SH.minInclusive)
(True, False)
"""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, BNode, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Identifier, _toPythonMapping

from lineage.fastshacl.errors import DataError

_WHOLE = {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.byte, XSD.nonNegativeInteger, XSD.positiveInteger,
          XSD.nonPositiveInteger, XSD.negativeInteger, XSD.unsignedInt, XSD.unsignedLong, XSD.unsignedShort,
          XSD.unsignedByte}
EXACT_NUMBERS = frozenset({*_WHOLE, XSD.decimal})
"""Datatypes SPARQL and Python compare identically (no float rounding)."""

_SAFE_FORMS = {
    XSD.integer: r"^-?[0-9]+$",
    XSD.decimal: r"^-?[0-9]+(\.[0-9]+)?$",
    XSD.boolean: r"^(true|false)$",
    XSD.date: r"^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
    XSD.dateTime: r"^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$",
}
"""Lexical forms rdflib always reads as a value of the right Python type."""
_CASTS = {XSD.date, XSD.dateTime}
"""Types whose safe form must also be a real calendar day (checked by casting in SPARQL)."""

_FORCE_VALUE_COMPARE = (datetime.datetime, datetime.time)

_quiet = logging.getLogger("rdflib.term")


def _sparql_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


# -- sh:datatype --------------------------------------------------------------

def datatype_ok_sparql(var: str, datatype: URIRef) -> str:
    """True only for values of ``var`` that pySHACL accepts for ``sh:datatype datatype``."""
    if datatype == RDFS.Literal:
        return f"isLiteral({var})"
    if datatype == XSD.string:
        return f"(isLiteral({var}) && DATATYPE({var}) = <{XSD.string}>)"
    if datatype == RDF.langString:
        return f'(isLiteral({var}) && LANG({var}) != "")'
    same = f"(isLiteral({var}) && DATATYPE({var}) = <{datatype}>"
    if datatype in _SAFE_FORMS:
        check = f"{same} && REGEX(STR({var}), {_sparql_string(_SAFE_FORMS[datatype])})"
        if datatype in _CASTS:
            check += f" && COALESCE(sameTerm(<{datatype}>(STR({var})), {var}), false)"
        return check + ")"
    if datatype in _toPythonMapping:
        return "false"  # rdflib reads these itself: let Python look at every one
    return same + ")"


def datatype_matches(value: Identifier, rule: URIRef) -> bool:
    """pySHACL's verdict for ``sh:datatype rule`` (DatatypeConstraintComponent)."""
    if not isinstance(value, Literal):
        return False
    datatype, lang = value.datatype, value.language
    if datatype == rule:
        return value.ill_typed is not True and _actual_datatype(value, rule)
    if rule == RDFS.Literal:
        return True
    if rule == RDFS.Datatype and datatype:
        return True
    if datatype is None and lang is None and rule == XSD.string:
        return _actual_datatype(value, rule)
    if rule == RDF.langString and lang:
        return _actual_datatype(value, rule)
    return False


def _actual_datatype(value: Literal, rule: URIRef) -> bool:
    python = value.value
    checks: dict[URIRef, type | tuple[type, ...]] = {
        XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int, XSD.float: float,
        XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: datetime.date, XSD.time: datetime.time,
        XSD.dateTime: datetime.datetime,
    }
    return isinstance(python, checks[rule]) if rule in checks else True


# -- counting value nodes ------------------------------------------------------

def count_key(var: str) -> str:
    """What to COUNT(DISTINCT …) so that values count as rdflib counts them.

    Oxigraph keeps ``"2026-01-05Z"^^xsd:date`` and ``"2026-01-05"^^xsd:date``
    apart; rdflib drops the time zone of a date, so pySHACL sees one value.
    Every other datatype is normalised alike by both.
    """
    zoned = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})$"
    return (f"IF(isLiteral({var}) && DATATYPE({var}) = <{XSD.date}> && REGEX(STR({var}), {_sparql_string(zoned)}), "
            f"STRDT(SUBSTR(STR({var}), 1, 10), <{XSD.date}>), {var})")


# -- sh:minInclusive and siblings ---------------------------------------------

_RANGE_TESTS: dict[URIRef, tuple[str, Callable[[int], bool]]] = {
    SH.minInclusive: (">=", lambda c: c >= 0),
    SH.minExclusive: (">", lambda c: c > 0),
    SH.maxInclusive: ("<=", lambda c: c <= 0),
    SH.maxExclusive: ("<", lambda c: c < 0),
}


def range_ok_sparql(var: str, bound: Literal, parameter: URIRef, bound_sparql: str) -> str:
    """True only for values of ``var`` that pySHACL accepts against ``bound``."""
    operator = _RANGE_TESTS[parameter][0]
    compare = f"COALESCE({var} {operator} {bound_sparql}, false)"
    if bound.datatype in EXACT_NUMBERS:
        listed = ", ".join(f"<{d}>" for d in sorted(EXACT_NUMBERS))
        return f"(isLiteral({var}) && DATATYPE({var}) IN ({listed}) && {compare})"
    return f"(isLiteral({var}) && DATATYPE({var}) = DATATYPE({bound_sparql}) && {compare})"


def in_range(value: Identifier, bound: Literal, parameter: URIRef) -> bool:
    """pySHACL's verdict for ``value`` against a range bound (Min/MaxIn/ExclusiveConstraintComponent)."""
    if not isinstance(value, Literal):
        return False
    if isinstance(bound.value, str) != isinstance(value.value, str):
        return False
    try:
        return _RANGE_TESTS[parameter][1](compare_literal(value, bound))
    except (TypeError, NotImplementedError):
        return False


def compare_literal(first: Literal, second: Literal) -> int:
    """-1, 0 or 1 as pySHACL orders two literals."""
    if first.eq(second):
        return 0
    if first.value.__class__ in _FORCE_VALUE_COMPARE:
        if first.value == second.value:
            return 0
        if first.value > second.value:
            return 1
    elif first > second:
        return 1
    return -1


# -- sh:lessThan, sh:lessThanOrEquals -----------------------------------------

def less_ok_sparql(value: str, other: str, or_equal: bool) -> str:
    """True only for pairs pySHACL accepts: two literals of one datatype, in order."""
    operator = "<=" if or_equal else "<"
    return (f"(isLiteral({value}) && isLiteral({other}) && DATATYPE({value}) = DATATYPE({other}) "
            f"&& COALESCE({value} {operator} {other}, false))")


def less_than(value: Identifier, other: Identifier, or_equal: bool, shape: str) -> bool:
    """pySHACL's verdict for a pair (LessThan[OrEquals]ConstraintComponent); blank nodes stop it."""
    refuse_blank(value, or_equal, shape)
    refuse_blank(other, or_equal, shape)
    left, left_string = _comparable(value)
    right, right_string = _comparable(other)
    if left_string != right_string:
        return False
    return bool(left <= right) if or_equal else bool(left < right)


def refuse_blank(node: Identifier, or_equal: bool, shape: str) -> None:
    """pySHACL stops when sh:lessThan[OrEquals] meets a blank node; so does the fast validator."""
    if isinstance(node, BNode):
        name = "sh:lessThanOrEquals" if or_equal else "sh:lessThan"
        raise DataError(f"shape {shape}: {name} cannot compare a blank node (pySHACL stops here too)\n"
                        f"  ràng buộc {shape}: {name} không so sánh được nút rỗng")


def _comparable(node: Identifier) -> tuple[object, bool]:
    if isinstance(node, URIRef):
        return str(node), True
    if isinstance(node, Literal) and isinstance(node.value, str):
        return node.value, True
    return node, False


# -- strings: sh:minLength, sh:maxLength, sh:pattern ---------------------------

def string_form(node: Identifier) -> str:
    """The string pySHACL measures and matches for a value node."""
    if isinstance(node, Literal) and node.value is not None and node.datatype in (None, RDF.langString, XSD.string):
        return str(node.value)
    return str(node)


def length_doubt_sparql(var: str) -> str:
    """True for values whose SPARQL STR may differ from pySHACL's string (typed, non-string literals)."""
    return f'(isLiteral({var}) && LANG({var}) = "" && DATATYPE({var}) != <{XSD.string}>)'


def pattern_matcher(pattern: str, flags: str) -> Callable[[str], bool]:
    """pySHACL's test for ``sh:pattern`` (Python ``re``, flags i and m)."""
    options = 0
    if "i" in flags.lower():
        options |= re.IGNORECASE
    if "m" in flags.lower():
        options |= re.MULTILINE
    compiled = re.compile(pattern, options)
    return lambda text: compiled.search(text) is not None


@contextmanager
def quiet_rdflib() -> Iterator[None]:
    """Silence rdflib's log lines about ill-typed literals (pySHACL meets the same literals)."""
    level = _quiet.level
    _quiet.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        _quiet.setLevel(level)
