"""How the endpoint runs: address, store, limits and CORS — safe values by default.

>>> parse_size("50MB"), parse_size("512k"), parse_size("1000")
(50000000, 512000, 1000)
>>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
(True, True, False)
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RESULT = 50_000_000
DEFAULT_WORKERS = 2
MAX_REQUEST_BYTES = 1_000_000
"""The largest request body read (a query, a form)."""

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)b?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 1_000, "m": 1_000_000, "g": 1_000_000_000}


@dataclass(frozen=True)
class ServeSettings:
    """Everything ``lineage serve`` is told; only ``store`` has no default."""

    store: Path
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    site: Path | None = None
    timeout: float = DEFAULT_TIMEOUT
    max_result_bytes: int = DEFAULT_MAX_RESULT
    workers: int = DEFAULT_WORKERS
    cors: tuple[str, ...] = ()
    allow_service: bool = False
    log_requests: bool = True

    def allows_origin(self, origin: str | None) -> str | None:
        """The ``Access-Control-Allow-Origin`` value for ``origin``, or ``None`` when CORS does not allow it."""
        if not origin or not self.cors:
            return None
        if "*" in self.cors:
            return "*"
        return origin if origin.rstrip("/") in {o.rstrip("/") for o in self.cors} else None


def parse_size(text: str) -> int:
    """A byte count written ``50MB``, ``512k`` or ``1000`` (decimal units); ``ValueError`` otherwise."""
    match = _SIZE.match(text)
    if not match:
        raise ValueError(f"not a size: {text!r} (write e.g. 50MB, 512k or 1000)")
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
