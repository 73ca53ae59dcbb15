"""A query worker: a process that holds the store open read-only and answers one job at a time.

Started as ``python -m lineage.serve.worker``; its first input line names the
store and the prefixes, then each line is a :class:`~lineage.serve.jobs.Job`.
The endpoint kills a worker whose query runs past the time limit, which is
the only way to stop a running query in the engine, and starts a fresh one.
"""

from __future__ import annotations

import json
import sys
from typing import IO, Any

import pyoxigraph as ox

from lineage.serve.jobs import Job, Reply, Term, write_reply
from lineage.serve.negotiation import GRAPHS, SOLUTIONS, ResultFormat, choose, describe


class ResultTooLarge(Exception):
    """The serialised result passed the size limit."""


class LimitedWriter:
    """A byte sink that refuses to grow past ``limit`` bytes (0: no limit), so serialisation stops early."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.chunks: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        """Keep ``data`` unless it takes the total past the limit."""
        self.size += len(data)
        if self.limit and self.size > self.limit:
            raise ResultTooLarge
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: the bytes are kept in memory."""

    def getvalue(self) -> bytes:
        """Everything written."""
        return b"".join(self.chunks)


def term(value: Term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The RDF term a SPARQL-results-JSON term describes (``ValueError`` when invalid)."""
    kind = value.get("type")
    if kind == "uri":
        return ox.NamedNode(value["value"])
    if kind == "bnode":
        return ox.BlankNode(value["value"])
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            return ox.Literal(value["value"], language=value["xml:lang"])
        if "datatype" in value:
            return ox.Literal(value["value"], datatype=ox.NamedNode(value["datatype"]))
        return ox.Literal(value["value"])
    raise ValueError(f"unknown term type {kind!r}")


def run(store: ox.Store, job: Job, prefixes: dict[str, str]) -> Reply:
    """Answer one job: the serialised result, or an error reply that says what went wrong."""
    try:
        options = _options(job)
        if job.require_graph and not store.contains_named_graph(ox.NamedNode(job.require_graph)):
            return Reply.error(404, f"no graph <{job.require_graph}> in the store / không có đồ thị này trong kho")
    except ValueError as err:
        return Reply.error(400, f"bad IRI or value / IRI hoặc giá trị không hợp lệ: {err}")
    try:
        result = store.query(job.query, prefixes=prefixes, **options)
    except SyntaxError as err:
        return Reply.error(400, f"malformed query / truy vấn sai cú pháp: {err}")
    except (OSError, RuntimeError, ValueError) as err:
        return Reply.error(500, f"query failed / truy vấn lỗi: {err}")
    offered = GRAPHS if isinstance(result, ox.QueryTriples) else SOLUTIONS
    fmt = choose(offered, job.accept, job.format)
    if fmt is None:
        asked = f"format={job.format}" if job.format else f"Accept: {job.accept}"
        return Reply.error(406, f"cannot answer {asked}; offered / định dạng hỗ trợ: {describe(offered)}")
    return _serialise(result, fmt, job.max_bytes, prefixes)


def _options(job: Job) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if job.default_graphs:
        options["default_graph"] = [ox.NamedNode(iri) for iri in job.default_graphs]
    else:
        options["use_default_graph_as_union"] = True
    if job.named_graphs:
        options["named_graphs"] = [ox.NamedNode(iri) for iri in job.named_graphs]
    if job.bindings:
        options["substitutions"] = {ox.Variable(name): term(value) for name, value in job.bindings.items()}
    return options


def _serialise(result: Any, fmt: ResultFormat, max_bytes: int, prefixes: dict[str, str]) -> Reply:
    output = LimitedWriter(max_bytes)
    try:
        if isinstance(result, ox.QueryTriples):
            turtle = fmt.engine == ox.RdfFormat.TURTLE
            ox.serialize(result, output, fmt.engine, prefixes=prefixes if turtle else None)
        else:
            result.serialize(output, fmt.engine)
    except ResultTooLarge:
        return Reply.error(
            422,
            f"the result is larger than the limit of {max_bytes} bytes; narrow the query or add LIMIT "
            f"(the server's --max-result-size) / kết quả vượt giới hạn {max_bytes} byte; "
            "hãy thu hẹp truy vấn hoặc thêm LIMIT",
        )
    except (OSError, RuntimeError, ValueError) as err:
        return Reply.error(500, f"query failed / truy vấn lỗi: {err}")
    return Reply(200, fmt.content_type, output.getvalue())


def serve(source: IO[bytes], sink: IO[bytes]) -> int:
    """Open the store named on the first line, say ready, then answer jobs until the input ends."""
    setup = json.loads(source.readline() or b"{}")
    try:
        store = ox.Store.read_only(setup["store"])
    except (KeyError, OSError, ValueError) as err:
        write_reply(sink, Reply.error(500, f"cannot open the store {setup.get('store')}: {err}"))
        return 1
    prefixes: dict[str, str] = setup.get("prefixes", {})
    write_reply(sink, Reply(200))
    for line in source:
        write_reply(sink, run(store, Job.from_json(line.decode("utf-8")), prefixes))
    return 0


if __name__ == "__main__":
    sys.exit(serve(sys.stdin.buffer, sys.stdout.buffer))
