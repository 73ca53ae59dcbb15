"""Render the pages of nodes in several processes: forked children share the collected data and write their own files.

The nodes are cut into chunks that every process takes in turn from a shared
counter, so a process slowed by large pages takes fewer; the parent first does
the other work it is given (lists, search, home page), then joins in. Each
child sends back what it wrote, for the manifest. Without ``fork`` (or with one
worker, or few pages) everything is rendered in the calling process.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.sharedctypes import Synchronized

    from lineage.site.render import Writer

MIN_ITEMS = 1000
"""Pages per process below which another process costs more than it saves."""
CHUNK = 64
"""Pages a process takes at a time."""


def render_in_parallel(writer: Writer, items: list[tuple[str, str]], workers: int,
                       others: Sequence[Callable[[], None]] = ()) -> None:
    """Render the pages of ``items`` (IRI, kind) with ``workers`` processes in all, and run ``others`` meanwhile."""
    workers = max(1, min(workers, len(items) // MIN_ITEMS or 1))
    if workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
        writer.node_pages(items)
        for job in others:
            job()
        return
    context = multiprocessing.get_context("fork")
    counter = context.Value("i", 0)
    chunks = [items[start:start + CHUNK] for start in range(0, len(items), CHUNK)]
    children = []
    for _ in range(workers - 1):
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(writer, chunks, counter, sender), daemon=True)
        process.start()
        sender.close()
        children.append((process, receiver))
    try:
        for job in others:
            job()
        _take_chunks(writer, chunks, counter)
    except BaseException:
        for process, _ in children:
            process.terminate()
        raise
    failures = []
    for process, receiver in children:
        try:
            result = receiver.recv()
        except EOFError:
            result = {"error": "a page-rendering process ended without a result"}
        process.join()
        if "error" in result:
            failures.append(result["error"])
            continue
        writer.output.merge(result["files"], result["written"], result["unchanged"], result["wrote"])
        writer.summary.pages += result["pages"]
        writer.summary.rendered += result["rendered"]
        for kind, count in result["by_kind"].items():
            writer.summary.by_kind[kind] = writer.summary.by_kind.get(kind, 0) + count
    if failures:
        raise RuntimeError("rendering pages failed / lỗi khi xuất trang:\n" + "\n".join(failures))


def _take_chunks(writer: Writer, chunks: list[list[tuple[str, str]]], counter: Synchronized[int]) -> None:
    """Render chunks until none is left."""
    while True:
        with counter.get_lock():
            number = counter.value
            counter.value += 1
        if number >= len(chunks):
            return
        writer.node_pages(chunks[number])


def _child(writer: Writer, chunks: list[list[tuple[str, str]]], counter: Synchronized[int],
           sender: Connection) -> None:
    """Render chunks and send back the files written and the counts (or the error)."""
    from lineage.site.render import SiteSummary

    output = writer.output
    output.files, output.written, output.unchanged = {}, 0, 0
    wrote_before = set(output.wrote)
    writer.summary = SiteSummary()
    result: dict[str, Any]
    try:
        _take_chunks(writer, chunks, counter)
        result = {"files": output.files, "written": output.written, "unchanged": output.unchanged,
                  "wrote": output.wrote - wrote_before,
                  "pages": writer.summary.pages, "rendered": writer.summary.rendered,
                  "by_kind": writer.summary.by_kind}
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises it
        result = {"error": traceback.format_exc()}
    sender.send(result)
    sender.close()
