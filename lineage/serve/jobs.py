"""What the endpoint asks a query worker and what the worker answers, and how both cross a pipe.

A job is one JSON line; a reply is one JSON line (status, content type, body
length, message) followed by exactly that many body bytes.

>>> job = Job(query="ASK {}", accept="text/csv", bindings={"g": {"type": "uri", "value": "http://x"}})
>>> Job.from_json(job.to_json()) == job
True
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import IO, Any

Term = dict[str, str]
"""An RDF term as SPARQL results JSON writes it: ``type``, ``value``, and ``datatype`` or ``xml:lang``."""


@dataclass(frozen=True)
class Job:
    """One query to run: its text, how to answer, and which graphs it sees."""

    query: str
    accept: str | None = None
    format: str | None = None
    bindings: dict[str, Term] = field(default_factory=dict)
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    max_bytes: int = 0
    require_graph: str | None = None

    def to_json(self) -> str:
        """The job as one line of JSON."""
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, line: str) -> Job:
        """The job a line of JSON describes."""
        data: dict[str, Any] = json.loads(line)
        data["default_graphs"] = tuple(data.get("default_graphs", ()))
        data["named_graphs"] = tuple(data.get("named_graphs", ()))
        return cls(**data)


@dataclass(frozen=True)
class Reply:
    """A worker's answer: an HTTP status, a content type and a body (or a message for the user)."""

    status: int
    content_type: str = "text/plain; charset=utf-8"
    body: bytes = b""

    @classmethod
    def error(cls, status: int, message: str) -> Reply:
        """A plain-text error reply."""
        return cls(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


def write_reply(stream: IO[bytes], reply: Reply) -> None:
    """Send ``reply`` on ``stream``: a header line, then the body."""
    header = {"status": reply.status, "content_type": reply.content_type, "length": len(reply.body)}
    stream.write(json.dumps(header).encode("utf-8") + b"\n")
    stream.write(reply.body)
    stream.flush()


def read_reply(stream: IO[bytes]) -> Reply | None:
    """Receive one reply from ``stream``; ``None`` when the worker has gone."""
    line = stream.readline()
    if not line:
        return None
    header = json.loads(line)
    body = stream.read(header["length"]) if header["length"] else b""
    if len(body) != header["length"]:
        return None
    return Reply(header["status"], header["content_type"], body)
