"""A function run in a forked process gives back what it returned, or what it raised, in words the user can act on."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from lineage import forked
from lineage.errors import InputError, LineageError, RefError
from lineage.forked import Forked


def _square(n: int) -> int:
    return n * n


def _bad_input(path: str) -> None:
    raise InputError(Path(path), 7, "a faulty shape", "fix the shape")


def _ambiguous() -> None:
    raise RefError("REF 'x' matches two nodes", ["a", "b"])


def _fault() -> None:
    raise KeyError("no such key")


def _dies() -> None:
    os._exit(3)


def test_the_return_value_comes_back() -> None:
    assert Forked("squaring", _square, 12).result() == 144


def test_an_input_error_comes_back_as_it_was_raised() -> None:
    with pytest.raises(InputError) as raised:
        Forked("validation", _bad_input, "shapes/x.ttl").result()
    assert str(raised.value).startswith("shapes/x.ttl:7: a faulty shape")


def test_an_error_that_cannot_travel_keeps_its_words() -> None:
    with pytest.raises(LineageError, match="REF 'x' matches two nodes"):
        Forked("lookup", _ambiguous).result()


def test_a_fault_names_the_step_and_shows_where_it_happened() -> None:
    with pytest.raises(LineageError, match=r"(?s)checking failed.*KeyError: 'no such key'"):
        Forked("checking", _fault).result()


def test_a_process_that_dies_is_reported_with_its_exit_code() -> None:
    with pytest.raises(LineageError, match=r"writing failed \(exit 3\)"):
        Forked("writing", _dies).result()


def test_without_fork_the_function_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    job = Forked("squaring", _square, 5)
    assert job.process is None
    assert job.result() == 25


def test_a_cancelled_job_leaves_no_process() -> None:
    job = Forked("squaring", _square, 3)
    job.cancel()
    assert job.process is None or not job.process.is_alive()


def test_a_faulty_shape_fails_the_build_with_its_line_and_keeps_the_previous_build(mini_copy: Path,
                                                                                  tmp_path: Path) -> None:
    """Validation runs in its own process during a build; its error still names the shape's file and line."""
    from dataclasses import replace

    from lineage.build import run_build
    from lineage.config import Config

    config = Config.default().with_data(mini_copy).with_build(tmp_path / "build")
    run_build(config, lambda _: None, site=False)
    before = (config.build_dir / "validation" / "report.ttl").read_bytes()
    shapes = tmp_path / "shapes"
    shutil.copytree(config.shapes_dir, shapes)
    text = (shapes / "task.ttl").read_text(encoding="utf-8")
    (shapes / "task.ttl").write_text(text.replace("    sh:path eli-dl:had_responsible_organization ;\n", "", 1),
                                     encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("lin-sh:TaskShape-lead "))
    with pytest.raises(LineageError) as raised:
        run_build(replace(config, shapes_dir=shapes), lambda _: None, site=False)
    assert f"{shapes / 'task.ttl'}:{line}" in str(raised.value)
    assert (config.build_dir / "validation" / "report.ttl").read_bytes() == before
    assert not list(tmp_path.glob(".build.*"))


def test_a_lowered_process_runs_at_the_priority_asked_for() -> None:
    now = os.nice(0)
    assert Forked("priority", os.nice, 0, nice=3).result() == min(now + 3, 19)


def test_a_swapped_folder_replaces_the_old_one_which_is_removed_in_the_background(tmp_path: Path) -> None:
    import time

    from lineage.atomic import atomic_dir

    target = tmp_path / "build"
    for text in ("first", "second"):
        with atomic_dir(target) as out:
            (out / "file.txt").write_text(text, encoding="utf-8")
    assert (target / "file.txt").read_text(encoding="utf-8") == "second"
    deadline = time.monotonic() + 30
    while list(tmp_path.glob(".build.*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not list(tmp_path.glob(".build.*"))


def test_a_result_asked_twice_is_the_same_and_so_is_an_error() -> None:
    job = Forked("squaring", _square, 4)
    assert job.result() == job.result() == 16
    died = Forked("writing", _dies)
    for _ in range(2):
        with pytest.raises(LineageError, match=r"\(exit 3\)"):
            died.result()
