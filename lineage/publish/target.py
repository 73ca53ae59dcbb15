"""The store to publish to: its URLs, credentials, and HTTP requests whose failures say what to do.

>>> authorization("reader:s3cret")
'Basic cmVhZGVyOnMzY3JldA=='
>>> authorization("Bearer abc.def")
'Bearer abc.def'
>>> graph_store_url("http://localhost:7878/store", "https://w3id.org/lineage-vn/graph/sources/001")
'http://localhost:7878/store?graph=https%3A%2F%2Fw3id.org%2Flineage-vn%2Fgraph%2Fsources%2F001'
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from lineage.errors import LineageError

URL_HELP = (
    "check the URLs: Oxigraph /query, /update, /store; Fuseki /DATASET/query, /DATASET/update, /DATASET/data; "
    "GraphDB /repositories/ID, /repositories/ID/statements, /repositories/ID/rdf-graphs/service; "
    "Virtuoso /sparql-auth, /sparql-graph-crud-auth"
)


class PublishError(LineageError):
    """A publish that could not be done: what happened and how to fix it."""

    def __init__(self, problem: str, fix: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.fix = fix

    def __str__(self) -> str:
        return f"{self.problem}\n  fix: {self.fix}"


@dataclass(frozen=True)
class Target:
    """Where to publish: the query endpoint (for the count check), the update and Graph Store endpoints."""

    query_url: str
    update_url: str
    graph_store_url: str | None = None
    authorization: str | None = None
    timeout: float = 300.0

    @property
    def method(self) -> str:
        """``graph-store`` when a Graph Store endpoint is given, else ``update``."""
        return "graph-store" if self.graph_store_url else "update"

    def send(self, method: str, url: str, body: bytes, content_type: str) -> None:
        """Send ``body``; a refusal or an unreachable store is a :class:`PublishError`."""
        self._open(method, url, body, {"Content-Type": content_type})

    def select(self, query: str) -> list[dict[str, dict[str, str]]]:
        """The solutions of a SELECT query, as SPARQL results JSON bindings."""
        url = f"{self.query_url}{'&' if '?' in self.query_url else '?'}{urlencode({'query': query})}"
        answer = self._open("GET", url, None, {"Accept": "application/sparql-results+json"})
        try:
            return json.loads(answer)["results"]["bindings"]
        except (ValueError, KeyError, TypeError):
            raise PublishError(
                f"{self.query_url} did not answer with SPARQL results JSON", "give --endpoint the store's query URL"
            ) from None

    def _open(self, method: str, url: str, body: bytes | None, headers: dict[str, str]) -> bytes:
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        if self.authorization:
            request.add_header("Authorization", self.authorization)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as err:
            detail = err.read().decode("utf-8", "replace").strip()[:400]
            problem = f"{method} {_shown(url)} answered {err.code} {err.reason}: {detail}"
            raise PublishError(problem, _fix(err.code)) from None
        except (urllib.error.URLError, OSError) as err:
            reason = getattr(err, "reason", err)
            raise PublishError(f"cannot reach {_shown(url)}: {reason}", "start the store, or correct the URL") from None


def authorization(credentials: str | None) -> str | None:
    """The ``Authorization`` header for ``user:password`` (Basic) or ``Bearer TOKEN``."""
    if not credentials:
        return None
    scheme, _, token = credentials.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return f"Bearer {token.strip()}"
    if ":" not in credentials:
        raise PublishError(
            "--auth must be USER:PASSWORD or 'Bearer TOKEN'", "write e.g. --auth admin:secret or --auth 'Bearer eyJ…'"
        )
    return "Basic " + base64.b64encode(credentials.encode("utf-8")).decode("ascii")


def graph_store_url(base: str, graph: str) -> str:
    """The Graph Store Protocol URL of a named graph (indirect identification: ``?graph=IRI``)."""
    return f"{base}{'&' if '?' in base else '?'}{urlencode({'graph': graph})}"


def _shown(url: str) -> str:
    """``url`` without any user:password part and without a long query string."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return f"{parts.scheme}://{host}{parts.path}"


def _fix(status: int) -> str:
    if status in (401, 403):
        return "check --auth: the store refused the credentials or does not allow writes here"
    if status in (404, 405):
        return URL_HELP
    if status == 413:
        return "lower --batch-size: the store refused a request that large"
    if status == 415:
        return "the store does not accept this format at that URL; " + URL_HELP
    return "see the store's log for the cause"
