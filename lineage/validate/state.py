"""What a build keeps for the next one to validate only what changed: every result as the fast engine
gave it, and how far each shape reads (:class:`lineage.fastshacl.reach.Reach`).

``validation/state.json`` is written beside the reports. Reading it back needs
no Turtle parser and no SPARQL parser: the results are rdflib terms written as
JSON, and a SHACL-SPARQL constraint (a blank node of the shapes graph) is named
by its shape and its query, so that it is found again in the shapes read anew.
A file that cannot be read, or that names something the shapes do not hold,
gives ``None``: the build then validates everything.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from lineage.atomic import write_text
from lineage.fastshacl import model as m
from lineage.fastshacl.paths import AlternativePath, InversePath, Path, PredicatePath, RepeatPath, SequencePath
from lineage.fastshacl.reach import Reach, read_reach
from lineage.fastshacl.reader import ShapesIndex
from lineage.fastshacl.report import ValidationResult

STATE_FILE = "state.json"
_VERSION = 1

Reaches = dict[Identifier, Reach | None]


class Unreadable(ValueError):
    """The state names a term, path or constraint that cannot be read back."""


@dataclass
class State:
    """The fast engine's results of one validation, and the shapes they were validated against."""

    results: tuple[ValidationResult, ...]
    index: ShapesIndex
    reaches: Reaches | None = field(default=None)
    """Each targeted shape's reach; worked out when first needed."""

    def reach(self) -> Reaches:
        """Each targeted shape's :class:`Reach` (``None`` where it cannot be bounded)."""
        if self.reaches is None:
            self.reaches = read_reach(self.index)
        return self.reaches


def write_state(state: State, folder: FilePath) -> FilePath:
    """Write ``state`` as ``folder/state.json``; returns its path."""
    path = folder / STATE_FILE
    data = {
        "version": _VERSION,
        "reach": {str(node): _reach_json(reach) for node, reach in state.reach().items()},
        "results": [_result_json(result, state.index) for result in state.results],
    }
    write_text(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    return path


def read_state(path: FilePath, index: ShapesIndex) -> State | None:
    """The state in ``path`` with its results and reaches read against ``index``; ``None`` when it cannot be used."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != _VERSION:
            return None
        reaches = _reaches(data["reach"], index)
        results = tuple(_result(item, index) for item in data["results"])
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None  # Unreadable is a ValueError
    return State(results, index, reaches)


def _reaches(found: Mapping[str, Any], index: ShapesIndex) -> Reaches:
    targeted = {str(shape.node): shape.node for shape in index.targeted}
    if set(found) != set(targeted):
        raise Unreadable("the state was written for other shapes")
    return {targeted[name]: None if reach is None else Reach(
        reach["hops"], set(reach["forward"]), set(reach["backward"]),
        set(reach["repeated_forward"]), set(reach["repeated_backward"])) for name, reach in found.items()}


def _reach_json(reach: Reach | None) -> dict[str, Any] | None:
    if reach is None:
        return None
    return {"hops": reach.hops, "forward": sorted(reach.forward), "backward": sorted(reach.backward),
            "repeated_forward": sorted(reach.repeated_forward), "repeated_backward": sorted(reach.repeated_backward)}


# -- results ------------------------------------------------------------------------------------

def _result_json(result: ValidationResult, index: ShapesIndex) -> dict[str, Any]:
    return {
        "focus": term_json(result.focus),
        "path": None if result.path is None else path_json(result.path),
        "value": None if result.value is None else term_json(result.value),
        "shape": term_json(result.source_shape),
        "component": str(result.component),
        "severity": str(result.severity),
        "messages": [term_json(message) for message in result.messages],
        "constraint": _constraint_json(result, index),
    }


def _result(item: Mapping[str, Any], index: ShapesIndex) -> ValidationResult:
    shape = term(item["shape"])
    if not isinstance(shape, URIRef) or shape not in index.shapes:  # a blank node is named anew by each parse
        raise Unreadable(f"no shape {shape} in the shapes")
    messages = tuple(term(message) for message in item["messages"])
    if not all(isinstance(message, Literal) for message in messages):
        raise Unreadable("a message is not a literal")
    return ValidationResult(
        focus=term(item["focus"]),
        path=None if item["path"] is None else read_path_json(item["path"]),
        value=None if item["value"] is None else term(item["value"]),
        source_shape=shape,
        component=URIRef(item["component"]),
        severity=URIRef(item["severity"]),
        messages=messages,  # type: ignore[arg-type]
        source_constraint=_constraint(item["constraint"], index.shapes[shape]),
    )


def _constraint_json(result: ValidationResult, index: ShapesIndex) -> Any:
    """A constraint node: an IRI as itself, a blank node as the query of its shape's sh:sparql constraint."""
    node = result.source_constraint
    if node is None or not isinstance(node, BNode):
        return None if node is None else term_json(node)
    shape = index.shapes.get(result.source_shape)
    for constraint in shape.constraints if shape is not None else ():
        if isinstance(constraint, m.SparqlConstraint) and constraint.node == node:
            return {"sparql": constraint.query.select}
    return {"unknown": str(node)}


def _constraint(found: Any, shape: m.Shape) -> Identifier | None:
    if found is None:
        return None
    if "unknown" in found:
        raise Unreadable(f"a constraint of {shape.node} that is not in the shapes")
    if "sparql" not in found:
        return term(found)
    same = [c.node for c in shape.constraints if isinstance(c, m.SparqlConstraint) and c.query.select == found["sparql"]]
    if len(same) != 1:
        raise Unreadable(f"the SPARQL constraint of {shape.node} is not found once in the shapes")
    return same[0]


# -- terms and paths ------------------------------------------------------------------------------

def term_json(node: Identifier) -> dict[str, str]:
    """An rdflib term as JSON: ``{"iri"}``, ``{"bnode"}`` or ``{"literal", "lang"|"datatype"}``."""
    if isinstance(node, URIRef):
        return {"iri": str(node)}
    if isinstance(node, BNode):
        return {"bnode": str(node)}
    if isinstance(node, Literal):
        found = {"literal": str(node)}
        if node.language:
            found["lang"] = node.language
        elif node.datatype is not None:
            found["datatype"] = str(node.datatype)
        return found
    raise Unreadable(f"not an RDF term: {node!r}")


def term(found: Mapping[str, str]) -> Identifier:
    """The rdflib term :func:`term_json` wrote."""
    if "iri" in found:
        return URIRef(found["iri"])
    if "bnode" in found:
        return BNode(found["bnode"])
    datatype = found.get("datatype")
    return Literal(found["literal"], lang=found.get("lang"), datatype=URIRef(datatype) if datatype else None)


def path_json(path: Path) -> Any:
    """A property path as JSON: an IRI string, or ``{"inverse"|"sequence"|"alternative"|"repeat": …}``."""
    if isinstance(path, PredicatePath):
        return str(path.iri)
    if isinstance(path, InversePath):
        return {"inverse": path_json(path.path)}
    if isinstance(path, SequencePath):
        return {"sequence": [path_json(step) for step in path.steps]}
    if isinstance(path, AlternativePath):
        return {"alternative": [path_json(option) for option in path.options]}
    return {"repeat": path_json(path.path), "times": path.repeat}


def read_path_json(found: Any) -> Path:
    """The path :func:`path_json` wrote."""
    if isinstance(found, str):
        return PredicatePath(URIRef(found))
    if "inverse" in found:
        return InversePath(read_path_json(found["inverse"]))
    if "sequence" in found:
        return SequencePath(_paths(found["sequence"]))
    if "alternative" in found:
        return AlternativePath(_paths(found["alternative"]))
    return RepeatPath(read_path_json(found["repeat"]), found["times"])


def _paths(found: Iterable[Any]) -> tuple[Path, ...]:
    return tuple(read_path_json(item) for item in found)
