"""Errors that reach the user: each names the file, the line and what to do.

Exit codes follow pySHACL: 0 ok/conforms, 1 does not conform, 2 usage or input error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

EXIT_OK = 0
EXIT_NONCONFORMING = 1
EXIT_ERROR = 2


class LineageError(Exception):
    """Any error reported to the user with exit code 2."""

    exit_code = EXIT_ERROR


@dataclass
class InputError(LineageError):
    """Bad input: the file, the line (when known), what is wrong and how to fix it."""

    path: Path | str
    line: int | None
    problem: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.problem}\n  fix: {self.fix}"


class RefError(LineageError):
    """A REF that matches nothing, or more than one thing."""

    def __init__(self, message: str, candidates: list[str]) -> None:
        super().__init__(message)
        self.candidates = candidates

    def __str__(self) -> str:
        lines = [self.args[0]]
        lines += [f"  - {c}" for c in self.candidates]
        return "\n".join(lines)
