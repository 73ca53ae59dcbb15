"""``/trace?ref=REF[&inferred=true]``: what ``lineage trace REF --format json`` prints, over HTTP.

The answer is a lookup in the precomputed chain closure (:mod:`lineage.closure`),
built once when the endpoint starts, so a trace costs no SPARQL at all.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping

from lineage.closure import Closure
from lineage.errors import RefError
from lineage.serve.jobs import Reply
from lineage.serve.protocol import ProtocolError
from lineage.serve.served import ServedGraph
from lineage.trace import trace

_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no", ""}


class Tracer:
    """Traces of the served graph, stated links only or with inferred links too."""

    def __init__(self, served: ServedGraph) -> None:
        self.served = served
        self._closures: dict[bool, Closure] = {}
        self._lock = threading.Lock()

    def warm(self) -> None:
        """Build both closures now, so the first trace does not wait."""
        for inferred in (False, True):
            self._closure(inferred)

    def answer(self, params: Mapping[str, list[str]]) -> Reply:
        """The trace JSON of ``ref=``; 400 for a missing, unknown or ambiguous REF."""
        unknown = sorted(set(params) - {"ref", "inferred"})
        if unknown:
            raise ProtocolError(400, f"unknown parameter '{unknown[0]}'; use ref=REF and inferred=true|false")
        refs = params.get("ref", [])
        if len(refs) != 1 or not refs[0].strip():
            raise ProtocolError(400, "give one REF: /trace?ref=46-KH/TU%23PL01/B/12 / hãy nêu một tham chiếu")
        inferred = _flag(params.get("inferred", ["false"])[-1])
        with self._lock:
            try:
                iri = self.served.refs.resolve(refs[0])
            except RefError as err:
                raise ProtocolError(400, str(err)) from None
            if iri not in self.served.view:
                raise ProtocolError(
                    400, f"{iri} is not a document, part or task / không phải văn bản, phần hoặc nhiệm vụ"
                )
            body = trace(self._closure(inferred), iri).as_json()
        text = json.dumps(body, ensure_ascii=False, indent=2) + "\n"
        return Reply(200, "application/json; charset=utf-8", text.encode("utf-8"))

    def _closure(self, inferred: bool) -> Closure:
        if inferred not in self._closures:
            self._closures[inferred] = Closure.from_view(self.served.view, inferred=inferred)
        return self._closures[inferred]


def _flag(text: str) -> bool:
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ProtocolError(400, f"inferred={text} is not true or false / phải là true hoặc false")
