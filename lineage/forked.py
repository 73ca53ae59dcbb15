"""Run a function in a forked process, on the second core, and take its result back.

A forked child shares the loaded store copy-on-write, so it starts at once with
the whole graph; it sends its return value (or the exception it raised) through a
pipe. Where processes cannot be forked (no ``fork``, or inside a daemonic worker),
the function runs in this process when its result is asked for, so callers need
no second code path. The child must not touch a RocksDB store: forking a process
that has one open can deadlock (an in-memory store is safe).
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.connection
import multiprocessing.process
import os
import pickle
import traceback
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from lineage.errors import LineageError

T = TypeVar("T")


def can_fork() -> bool:
    """Whether this process can fork a worker."""
    return "fork" in multiprocessing.get_all_start_methods() and not multiprocessing.current_process().daemon


class Forked(Generic[T]):
    """``function(*args)`` started in a forked process; :meth:`result` waits for it.

    A positive ``nice`` lowers the process's priority: work that may take its time
    leaves the cores to the work the caller waits on first.
    """

    def __init__(self, what: str, function: Callable[..., T], *args: Any, nice: int = 0) -> None:
        self.what = what
        """What the function does, for the error when the process dies."""
        self.function, self.args = function, args
        self.process: multiprocessing.process.BaseProcess | None = None
        self._outcome: tuple[str, Any] | None = None
        self.receiver: multiprocessing.connection.Connection | None = None
        if can_fork():
            context = multiprocessing.get_context("fork")
            self.receiver, sender = context.Pipe(duplex=False)
            self.process = context.Process(target=_run_and_send, args=(sender, function, args, nice))
            gc.freeze()  # the child's collector then leaves the shared heap alone, so its pages stay shared
            try:
                self.process.start()
            finally:
                gc.unfreeze()
            sender.close()  # the child holds the only writing end: its death reads as end of file

    def result(self) -> T:
        """The function's return value; raises what it raised, or a :class:`LineageError` if the process died.

        Asked again, it gives the same value (or raises the same error) without waiting.
        """
        if self._outcome is None:
            self._outcome = self._receive()
        outcome, value = self._outcome
        if outcome == "raised":
            raise value
        if outcome == "failed":
            raise LineageError(f"{self.what} failed / thất bại:\n{value}")
        if outcome == "died":
            raise LineageError(f"{self.what} failed (exit {value}) / thất bại")
        return value  # type: ignore[no-any-return]

    def _receive(self) -> tuple[str, Any]:
        """What the child sent (or, without a child, what running the function here gave)."""
        if self.process is None or self.receiver is None:
            try:
                return ("returned", self.function(*self.args))
            except LineageError as error:
                return ("raised", error)
        try:
            received: tuple[str, Any] = self.receiver.recv()
        except EOFError:  # it died without a word
            self.process.join()
            return ("died", self.process.exitcode)
        finally:
            self.receiver.close()
        self.process.join()
        return received

    def cancel(self) -> None:
        """Stop the process (its result is no longer wanted)."""
        if self.process is not None and self.process.is_alive():
            self.process.kill()
            self.process.join()
        if self.receiver is not None:
            self.receiver.close()


def _travels(error: BaseException) -> bool:
    """Whether ``error`` is one for the user that the parent can unpickle as it was."""
    if not isinstance(error, LineageError):
        return False
    try:
        return str(pickle.loads(pickle.dumps(error))) == str(error)
    except Exception:  # noqa: BLE001 — any failure means: send its text instead
        return False


def _run_and_send(sender: multiprocessing.connection.Connection, function: Callable[..., Any],
                  args: tuple[Any, ...], nice: int) -> None:
    """The child: run (``nice`` steps lower), send ``("returned", value)``, ``("raised", error)`` or ``("failed", traceback)``."""
    if nice:
        os.nice(nice)
    try:
        message: tuple[str, Any] = ("returned", function(*args))
    except BaseException as error:  # noqa: BLE001 — every failure goes back to the parent
        if _travels(error):
            message = ("raised", error)
        else:  # a user's error keeps its words; anything else is a fault, with where it happened
            message = ("failed", str(error) if isinstance(error, LineageError) else traceback.format_exc())
    try:
        sender.send(message)
    except Exception:  # noqa: BLE001 — an unpicklable value or error: send its text
        sender.send(("failed", traceback.format_exc()))
    finally:
        sender.close()
