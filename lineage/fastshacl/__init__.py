"""A fast SHACL validator: SHACL Core (and SHACL-SPARQL) shapes compiled to SPARQL and run on Oxigraph.

The shapes in ``shapes/`` stay the source of truth and pySHACL the reference:
:func:`validate_fast` gives the results pySHACL gives on the same data (as
``lineage validate`` runs it: no inference, warnings allowed, SPARQL targets on),
each check being one query over all its focus nodes instead of a walk over
every focus node in Python. A shape that uses anything it does not implement is
an error naming the shape — never skipped.

Usage::

    report = validate_fast(load(config, prefer_disk=False), shapes_graph)
    report.conforms, report.results, report.report_graph()

Where the two differ by design: messages of SHACL-SPARQL results keep their
language tags (pySHACL drops them), and a shape without ``sh:message`` gets an
English and a Vietnamese default message (pySHACL: English only). To compare
with pySHACL, :func:`result_keys` reads any sh:ValidationReport graph into the
keys of :attr:`ValidationResult.key`.
"""

from __future__ import annotations

from lineage.fastshacl.errors import DataError, ShapeError
from lineage.fastshacl.report import FastReport, ValidationResult, result_keys
from lineage.fastshacl.validate import validate_fast

__all__ = ["DataError", "FastReport", "ShapeError", "ValidationResult", "result_keys", "validate_fast"]
