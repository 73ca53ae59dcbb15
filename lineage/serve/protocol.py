"""Read a SPARQL 1.1 Protocol query request: GET, form-encoded POST or ``application/sparql-query`` POST.

Updates (``update=``, ``application/sparql-update``) are refused with 403:
the endpoint is read-only.

>>> parse_request("GET", "query=ASK%7B%7D&default-graph-uri=http%3A%2F%2Fx%2Fg", None, b"").default_graphs
('http://x/g',)
>>> parse_request("POST", "", "application/sparql-update", b"DROP ALL")  # doctest: +ELLIPSIS
Traceback (most recent call last):
lineage.serve.protocol.ProtocolError: 403: ...
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"

READ_ONLY = (
    "this endpoint is read-only: SPARQL Update and Graph Store writes are refused; "
    "load changes with `lineage build` or publish them to a store with `lineage publish` / "
    "điểm truy vấn chỉ cho phép đọc: không nhận lệnh cập nhật hay ghi đồ thị"
)


class ProtocolError(Exception):
    """A request the endpoint will not run: the HTTP status and a message for the client."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status
        self.message = message


@dataclass(frozen=True)
class QueryRequest:
    """The query of a request and the protocol parameters that go with it."""

    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    format: str | None = None
    """The ``format=``/``output=`` parameter: short names or media types, comma-separated."""


def parse_params(text: str) -> dict[str, list[str]]:
    """URL-encoded parameters; invalid UTF-8 is a 400."""
    try:
        return parse_qs(text, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise ProtocolError(400, "parameters are not valid UTF-8 / tham số không phải UTF-8 hợp lệ") from None


def media_type(content_type: str | None) -> str:
    """The bare media type of a Content-Type header (``text/plain; charset=utf-8`` → ``text/plain``)."""
    return (content_type or "").split(";")[0].strip().lower()


def parse_request(method: str, query_string: str, content_type: str | None, body: bytes) -> QueryRequest | None:
    """The query request, ``None`` for a GET without a query, or a :class:`ProtocolError`."""
    params = parse_params(query_string)
    kind = media_type(content_type)
    if "update" in params or (method == "POST" and kind == SPARQL_UPDATE):
        raise ProtocolError(403, READ_ONLY)
    texts = params.get("query", [])
    if method == "POST":
        if kind == FORM:
            form = parse_params(_text(body))
            if "update" in form:
                raise ProtocolError(403, READ_ONLY)
            texts += form.get("query", [])
            for key in ("default-graph-uri", "named-graph-uri", "format", "output"):
                params.setdefault(key, []).extend(form.get(key, []))
        elif kind == SPARQL_QUERY:
            texts.append(_text(body))
        else:
            raise ProtocolError(
                415,
                f"unsupported Content-Type {content_type or '(none)'}; send {SPARQL_QUERY} or {FORM} / "
                "kiểu nội dung không được hỗ trợ",
            )
    if not texts:
        if method == "POST":
            raise ProtocolError(400, "missing query / thiếu truy vấn: send query=… or a SPARQL query body")
        return None
    if len(texts) > 1:
        raise ProtocolError(400, "more than one query in the request / yêu cầu có nhiều hơn một truy vấn")
    if not texts[0].strip():
        raise ProtocolError(400, "empty query / truy vấn rỗng")
    return QueryRequest(
        texts[0],
        tuple(params.get("default-graph-uri", [])),
        tuple(params.get("named-graph-uri", [])),
        format_hint(params),
    )


def format_hint(params: dict[str, list[str]]) -> str | None:
    """The result format asked by parameter: ``format=`` (Virtuoso, Fuseki) or ``output=`` (Fuseki), last one given."""
    for key in ("format", "output"):
        given = [value for value in params.get(key, []) if value.strip()]
        if given:
            return given[-1]
    return None


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError(400, "the request body is not valid UTF-8 / nội dung không phải UTF-8 hợp lệ") from None
