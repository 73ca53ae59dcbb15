"""Run the engines of one operation: up to five timed runs each, in turns, within a budget, a limit and the memory.

- **Turns:** each engine runs once, then each again, so that a change in the
  machine's load (it is shared) falls on every engine alike.
- **Runs:** five, the median reported; fewer when the runs so far already took
  the engine's ``budget`` (a baseline that takes minutes runs once or twice,
  and the table says how many times).
- **Time limit:** a run still going after ``limit`` seconds is stopped
  (``SIGALRM``, raised between Python bytecodes, so it stops pure-Python
  engines such as pySHACL); its time is then a lower bound.
- **Skipped:** an engine whose input is missing, or whose estimated memory
  exceeds what is available (:func:`memory_skip`), is not run, with the
  reason in the table, rather than push the machine into swapping or the OOM
  killer.
"""

from __future__ import annotations

import gc
import signal
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from bench.memory import available_bytes, measured
from bench.table import Cell

RUNS = 5


class Stopped(BaseException):
    """A run reached its time limit (a BaseException, so engines that catch Exception do not swallow it)."""


@dataclass(frozen=True)
class Contender:
    """An engine doing an operation: what to run, what to reset before each run, and its limits."""

    engine: str
    run: Callable[[], object]
    before: Callable[[], None] | None = None
    skip: Callable[[], str | None] | None = None
    """Checked just before the first run: a reason not to run, or None."""
    budget: float = 120.0
    limit: float | None = None


@dataclass(frozen=True)
class Outcome:
    """The table cell of a contender and the answer of its last complete run (None when none completed)."""

    cell: Cell
    answer: object


def fits(needs: int, available: int, margin: float = 0.8) -> bool:
    """Whether ``needs`` bytes fit in ``margin`` of the ``available`` ones."""
    return needs <= available * margin


def memory_skip(needs: int, available: int | None = None) -> str | None:
    """Why an engine needing ``needs`` bytes is not run (None when it fits in what is available)."""
    available = available_bytes() if available is None else available
    if fits(needs, available):
        return None
    return f"not run: needs ≈ {needs / 2**30:.1f} GiB, {available / 2**30:.1f} GiB available"


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`Stopped` inside the block once ``seconds`` have passed (no limit when None)."""
    if not seconds:
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise Stopped

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def runs_note(runs: int, seconds: list[float], stopped: bool, limit: float | None, wanted: int = RUNS) -> str:
    """What the table says when a contender ran fewer than ``wanted`` times."""
    if stopped:
        return f"stopped at the {limit:.0f} s limit"
    if runs < wanted:
        return f"{runs} run{'s' if runs > 1 else ''}: one takes ≈ {statistics.median(seconds):,.0f} s"
    return ""


class Series:
    """The runs of one contender so far."""

    def __init__(self, operation: str, size: str, contender: Contender, runs: int = RUNS) -> None:
        self.operation, self.size, self.contender, self.runs = operation, size, contender, runs
        self.seconds: list[float] = []
        self.peaks: list[float] = []
        self.answer: object = None
        self.stopped = False
        self.reason: str | None = None
        self.checked = False

    @property
    def done(self) -> bool:
        """No run left to make: skipped, stopped, all runs made, or the budget spent."""
        return (self.reason is not None or self.stopped or len(self.seconds) >= self.runs
                or sum(self.seconds) >= self.contender.budget)

    def step(self) -> None:
        """Make one run (after checking, on the first, whether to run at all)."""
        contender = self.contender
        if not self.checked:
            self.checked = True
            self.reason = contender.skip() if contender.skip else None
            if self.reason:
                self._say(self.reason)
                return
        self.answer = None  # let the previous answer go before the next run builds its own
        if contender.before:
            contender.before()
        gc.collect()  # untimed: the garbage of earlier runs is theirs (a command starts with a fresh heap)
        with measured() as peak:
            start = time.perf_counter()
            try:
                with time_limit(contender.limit):
                    self.answer = contender.run()
            except Stopped:
                self.stopped = True
            self.seconds.append(time.perf_counter() - start)
        if peak.mib is not None:
            self.peaks.append(peak.mib)
        self._say(f"run {len(self.seconds)} {self.seconds[-1]:.3f} s{' (stopped)' if self.stopped else ''}")

    def outcome(self) -> Outcome:
        """The cell of the runs made."""
        engine = self.contender.engine
        if self.reason or not self.seconds:
            return Outcome(Cell(self.operation, self.size, engine, 0, None, None, note=self.reason or ""), None)
        cell = Cell(self.operation, self.size, engine, len(self.seconds), statistics.median(self.seconds),
                    max(self.peaks) if self.peaks else None, stopped=self.stopped,
                    note=runs_note(len(self.seconds), self.seconds, self.stopped, self.contender.limit, self.runs))
        return Outcome(cell, self.answer)

    def _say(self, what: str) -> None:
        print(f"  {self.size} {self.operation} {self.contender.engine}: {what}", file=sys.stderr)


def run_together(operation: str, size: str, contenders: list[Contender], runs: int = RUNS) -> list[Outcome]:
    """Time the contenders of one operation in turns (one run each, then again), so a change of load hits all."""
    series = [Series(operation, size, contender, runs) for contender in contenders]
    while not all(one.done for one in series):
        for one in series:
            if not one.done:
                one.step()
    return [one.outcome() for one in series]


def run(operation: str, size: str, contender: Contender) -> Outcome:
    """Time ``contender`` alone (see the module's rules) and return its cell."""
    return run_together(operation, size, [contender])[0]
