"""A pool of query workers with a hard time limit: a query past it is stopped by ending its process.

The engine cannot cancel a running query, so each query runs in a worker
process (:mod:`lineage.serve.worker`); when the limit passes, the worker is
killed, the client is told, and a fresh worker takes its place in the
background while the others keep serving.
"""

from __future__ import annotations

import json
import queue
import select
import subprocess
import sys
import threading
from pathlib import Path

from lineage.errors import LineageError
from lineage.serve.jobs import Job, Reply, read_reply

STARTUP_SECONDS = 60.0
"""How long a new worker may take to open the store."""


class WorkerGone(Exception):
    """The worker process ended without answering."""


class WorkerTimeout(Exception):
    """The worker did not answer within the time limit."""


class Worker:
    """One worker process and the pipes to it."""

    def __init__(self, store: Path, prefixes: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "lineage.serve.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self._send(json.dumps({"store": str(store), "prefixes": prefixes}))

    def wait_ready(self) -> None:
        """Block until the worker has opened the store; a :class:`LineageError` says why it could not."""
        try:
            reply = self._receive(STARTUP_SECONDS)
        except (WorkerGone, WorkerTimeout):
            self.kill()
            raise LineageError("a query worker could not start / không khởi động được tiến trình truy vấn") from None
        if reply.status != 200:
            self.kill()
            raise LineageError(reply.body.decode("utf-8").strip())

    def ask(self, job: Job, timeout: float) -> Reply:
        """Run ``job``; :class:`WorkerTimeout` after ``timeout`` seconds, :class:`WorkerGone` if the process died."""
        try:
            self._send(job.to_json())
        except OSError:
            raise WorkerGone from None
        return self._receive(timeout)

    def kill(self) -> None:
        """End the process at once and reap it."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()

    def _send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line.encode("utf-8") + b"\n")
        self.process.stdin.flush()

    def _receive(self, timeout: float) -> Reply:
        assert self.process.stdout is not None
        readable, _, _ = select.select([self.process.stdout], [], [], timeout)
        if not readable:
            raise WorkerTimeout
        reply = read_reply(self.process.stdout)
        if reply is None:
            raise WorkerGone
        return reply


class WorkerPool:
    """``size`` workers over one store; :meth:`run` answers a job within ``timeout`` seconds or says why not."""

    def __init__(self, store: Path, prefixes: dict[str, str], size: int, timeout: float) -> None:
        self.store = store
        self.prefixes = prefixes
        self.size = max(1, size)
        self.timeout = timeout
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.replaced = 0

    def start(self) -> None:
        """Start every worker and wait until each has the store open."""
        for _ in range(self.size):
            self._idle.put(self._spawn())

    def run(self, job: Job) -> Reply:
        """The worker's reply, or 503 when the query ran past the limit or no worker was free in time.

        The limit counts from when a worker takes the query; waiting for a free worker is bounded
        by the same number of seconds.
        """
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return Reply.error(
                503,
                f"every query worker stayed busy for {self.timeout:g} s; try again later / "
                "máy chủ đang bận, hãy thử lại sau",
            )
        try:
            reply = worker.ask(job, self.timeout)
        except WorkerTimeout:
            self._retire(worker)
            return Reply.error(
                503,
                f"the query ran past the time limit of {self.timeout:g} s and was stopped; narrow it or add LIMIT "
                f"(the server's --timeout) / truy vấn chạy quá {self.timeout:g} giây nên đã bị dừng",
            )
        except WorkerGone:
            self._retire(worker)
            return Reply.error(500, "the query worker stopped unexpectedly / tiến trình truy vấn dừng bất thường")
        self._idle.put(worker)
        return reply

    def close(self) -> None:
        """Kill every worker."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()

    def _spawn(self) -> Worker:
        worker = Worker(self.store, self.prefixes)
        worker.wait_ready()
        with self._lock:
            if self._closed:
                worker.kill()
                raise LineageError("the pool is closed")
            self._all.add(worker)
        return worker

    def _retire(self, worker: Worker) -> None:
        """Kill ``worker`` and start its replacement in the background."""
        with self._lock:
            self._all.discard(worker)
            self.replaced += 1
        worker.kill()
        threading.Thread(target=self._replace, name="lineage-worker-start", daemon=True).start()

    def _replace(self) -> None:
        try:
            self._idle.put(self._spawn())
        except LineageError as err:
            if not self._closed:
                print(f"lineage serve: {err}", file=sys.stderr)
