"""The benchmark table: ratios against the baseline, their printing, the row order, and the run rules."""

from __future__ import annotations

import datetime
import time
from pathlib import Path

import pytest
from rdflib import Graph

from bench.memory import available_bytes, status_kib
from bench.runner import RUNS, Contender, fits, memory_skip, run, run_together, runs_note
from bench.suite import differ, results_path, severities, with_peaks
from bench.table import BASELINE, Cell, markdown, memory_text, ordered, ratio, seconds_text

BASE = Cell("load", "national", BASELINE, runs=2, seconds=84.0, peak_mib=2100.0, note="2 runs: one takes ≈ 84 s")
FAST = Cell("load", "national", "lineage", runs=5, seconds=5.25, peak_mib=410.0)


def test_ratio_is_baseline_median_over_engine_median() -> None:
    assert ratio(FAST, BASE) == "16×"
    assert ratio(Cell("trace", "small", "lineage", 5, 0.2, 1.0), Cell("trace", "small", BASELINE, 5, 0.6, 1.0)) \
        == "3.0×"
    assert ratio(Cell("x", "small", "lineage", 5, 2.0, 1.0), Cell("x", "small", BASELINE, 5, 1.0, 1.0)) == "0.5×"
    assert ratio(Cell("x", "small", "lineage", 5, 0.001, 1.0), Cell("x", "small", BASELINE, 5, 2.4, 1.0)) \
        == "2,400×"


def test_ratio_of_a_stopped_baseline_is_a_lower_bound() -> None:
    stopped = Cell("validate", "national", BASELINE, 1, 1200.5, 900.0, stopped=True)
    fast = Cell("validate", "national", "lineage", 5, 8.0, 300.0)
    assert ratio(fast, stopped) == "> 150×"
    assert seconds_text(stopped) == "> 1,200 s"


def test_ratio_without_baseline_or_without_time() -> None:
    audit = Cell("audit", "national", "lineage", 5, 51.0, 700.0)
    skipped = Cell("load", "large", BASELINE, 0, None, None, note="not run: needs ≈ 11.0 GiB, 8.0 GiB available")
    assert ratio(audit, None) == "no baseline"
    assert ratio(BASE, BASE) == "1 (baseline)"
    assert ratio(Cell("load", "large", "lineage", 5, 30.0, 2000.0), skipped) == "baseline not run"


def test_seconds_print_in_milliseconds_under_one_second() -> None:
    assert seconds_text(Cell("impact", "small", "lineage", 5, 0.000061, 0.0)) == "0.061 ms"
    assert seconds_text(Cell("trace", "small", "lineage", 5, 0.581, 0.0)) == "581 ms"
    assert seconds_text(Cell("load", "small", BASELINE, 5, 8.04, 0.0)) == "8.0 s"
    assert seconds_text(Cell("validate", "national", BASELINE, 1, 191.4, 0.0)) == "191 s"


def test_markdown_puts_each_cell_on_a_row_with_its_own_baseline() -> None:
    small_base = Cell("load", "small", BASELINE, 5, 8.0, 160.0)
    small_fast = Cell("load", "small", "lineage", 5, 0.8, 44.0)
    lines = markdown([FAST, BASE, small_fast, small_base])
    assert lines[0].startswith("| operation | size | engine | runs | median | peak MiB | × baseline |")
    assert lines[2] == "| load | national | lineage | 5 | 5.2 s | 410 | 16× |  |"
    assert lines[3] == "| load | national | baseline | 2 | 84.0 s | 2,100 | 1 (baseline) | 2 runs: one takes ≈ 84 s |"
    assert lines[4] == "| load | small | lineage | 5 | 800 ms | 44 | 10× |  |"
    assert len(lines) == 6


def test_ordered_sorts_by_operation_then_size_then_engine() -> None:
    cells = [Cell("trace", "small", BASELINE, 5, 1.0, 1.0), Cell("load", "national", "lineage", 5, 1.0, 1.0),
             Cell("load", "small", BASELINE, 5, 1.0, 1.0), Cell("load", "small", "lineage", 5, 1.0, 1.0),
             Cell("trace", "small", "lineage", 5, 1.0, 1.0)]
    rows = [(c.operation, c.size, c.engine) for c in ordered(cells, ["load", "trace"], ["lineage", BASELINE])]
    assert rows == [("load", "small", "lineage"), ("load", "small", BASELINE), ("load", "national", "lineage"),
                    ("trace", "small", "lineage"), ("trace", "small", BASELINE)]


def test_memory_rule_and_its_reason() -> None:
    assert fits(8 * 2**30, 16 * 2**30)
    assert not fits(14 * 2**30, 16 * 2**30)
    assert memory_skip(2**30, 16 * 2**30) is None
    assert memory_skip(14 * 2**30, 16 * 2**30) == "not run: needs ≈ 14.0 GiB, 16.0 GiB available"
    assert status_kib("MemAvailable", "MemTotal: 100 kB\nMemAvailable:   2048 kB\n") == 2048
    assert available_bytes() > 0


def test_runs_note_says_when_fewer_runs_were_made() -> None:
    assert runs_note(RUNS, [1.0] * RUNS, False, 600) == ""
    assert runs_note(2, [84.0, 86.0], False, 600) == "2 runs: one takes ≈ 85 s"
    assert runs_note(1, [1200.2], True, 1200) == "stopped at the 1200 s limit"


def test_run_repeats_five_times_within_budget_and_keeps_the_answer() -> None:
    calls: list[int] = []
    outcome = run("count", "tiny", Contender("lineage", lambda: calls.append(1) or len(calls), budget=60))
    assert outcome.cell.runs == RUNS == len(calls)
    assert outcome.answer == RUNS
    assert outcome.cell.seconds is not None and outcome.cell.seconds < 1


def test_run_stops_repeating_once_the_budget_is_spent() -> None:
    outcome = run("sleep", "tiny", Contender(BASELINE, lambda: time.sleep(0.05), budget=0.08))
    assert outcome.cell.runs == 2
    assert outcome.cell.note.startswith("2 runs")


def test_run_stops_a_run_at_its_time_limit() -> None:
    def spin() -> None:
        end = time.perf_counter() + 5
        while time.perf_counter() < end:
            pass

    outcome = run("spin", "tiny", Contender(BASELINE, spin, limit=0.2))
    assert outcome.cell.stopped and outcome.cell.runs == 1
    assert outcome.answer is None
    assert outcome.cell.seconds is not None and 0.2 <= outcome.cell.seconds < 2


def test_engines_run_in_turns_until_each_is_done() -> None:
    order: list[str] = []
    fast = Contender("lineage", lambda: order.append("fast"), budget=60)
    slow = Contender(BASELINE, lambda: (order.append("slow"), time.sleep(0.05)), budget=0.08)
    outcomes = run_together("op", "tiny", [fast, slow])
    assert order == ["fast", "slow", "fast", "slow", "fast", "fast", "fast"]
    assert [o.cell.runs for o in outcomes] == [5, 2]


def test_run_skips_with_the_reason() -> None:
    outcome = run("load", "large", Contender(BASELINE, lambda: pytest.fail("must not run"), skip=lambda: "not run: x"))
    assert outcome.cell.runs == 0 and outcome.cell.seconds is None and outcome.cell.note == "not run: x"


def test_differ_compares_answers_and_names_the_engines() -> None:
    assert differ({"lineage": {("t", "r")}, BASELINE: {("t", "r")}, "other": None}, sorted) is None
    assert differ({"lineage": {("t", "r")}, BASELINE: {("t", "r"), ("t", "s")}}, sorted) \
        == "answers differ: lineage 1 items, baseline 2 items"


def test_severities_reads_a_report_graph() -> None:
    report = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        [] a sh:ValidationReport ; sh:result
          [ sh:focusNode <urn:a> ; sh:sourceConstraintComponent sh:MinCountConstraintComponent ;
            sh:resultSeverity sh:Violation ],
          [ sh:focusNode <urn:a> ; sh:sourceConstraintComponent sh:MinCountConstraintComponent ;
            sh:resultSeverity sh:Violation ; sh:resultPath <urn:p> ] .
    """, format="turtle")
    counted = severities(report)
    key = ("urn:a", "http://www.w3.org/ns/shacl#MinCountConstraintComponent", "http://www.w3.org/ns/shacl#Violation")
    assert counted == {key: 2}


def test_results_path_names_date_and_sizes(tmp_path: Path) -> None:
    when = datetime.datetime(2026, 5, 10, 14, 30)
    assert results_path(["small", "national"], when, tmp_path) == tmp_path / "2026-05-10-small-national.md"


def test_peaks_come_from_the_memory_pass_and_a_stopped_one_is_a_floor() -> None:
    timed = [FAST, BASE, Cell("audit", "national", "lineage", 5, 51.0, 3.0)]
    peaks = {("load", "lineage"): Cell("load", "national", "lineage", 1, 6.0, 398.0),
             ("load", BASELINE): Cell("load", "national", BASELINE, 1, 600.2, 1900.0, stopped=True)}
    merged = with_peaks(timed, peaks)
    assert [memory_text(c) for c in merged] == ["398", "≥ 1,900", "—"]
    assert [c.seconds for c in merged] == [5.25, 84.0, 51.0]


def test_a_rebuild_is_compared_with_the_full_build_of_the_same_state() -> None:
    from bench.table import FULL_BUILD

    full = Cell("rebuild", "national", FULL_BUILD, runs=2, seconds=36.0, peak_mib=900.0)
    incremental = Cell("rebuild", "national", "lineage", runs=5, seconds=9.0, peak_mib=700.0)
    rows = markdown([incremental, full])
    assert "| rebuild | national | lineage | 5 | 9.0 s | 700 | 4.0× |" in rows[2]
    assert "1 (baseline)" in rows[3]


def test_the_rebuild_edits_one_file_of_a_private_copy_back_and_forth(mini_copy: Path, tmp_path: Path) -> None:
    from bench.rebuild import EDIT_MARK, EditedCopy

    before = {p: p.read_bytes() for p in mini_copy.rglob("*.ttl")}
    copy = EditedCopy.of(mini_copy, tmp_path / "work")
    copy.flip()
    assert EDIT_MARK in copy.edited.read_text(encoding="utf-8") and not copy.is_original()
    changed = [p for p in copy.data.rglob("*.ttl") if p.read_bytes() != before[mini_copy / p.relative_to(copy.data)]]
    assert changed == [copy.edited]
    copy.flip()
    assert copy.is_original()
    assert {p: p.read_bytes() for p in mini_copy.rglob("*.ttl")} == before


def test_the_operations_run_can_be_chosen_and_load_comes_with_what_reads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from bench.suite import OPERATIONS, Operation, chosen_operations

    every = [Operation(name, []) for name in OPERATIONS]
    names = lambda chosen: [op.name for op in chosen]  # noqa: E731
    monkeypatch.delenv("LINEAGE_BENCH_OPERATIONS", raising=False)
    assert names(chosen_operations(every)) == list(OPERATIONS)
    monkeypatch.setenv("LINEAGE_BENCH_OPERATIONS", "rebuild")
    assert names(chosen_operations(every)) == ["rebuild --no-site, one file changed", "rebuild, one file changed"]
    monkeypatch.setenv("LINEAGE_BENCH_OPERATIONS", "audit; build --no-site")
    assert names(chosen_operations(every)) == ["load", "audit", "build --no-site"]
    monkeypatch.setenv("LINEAGE_BENCH_OPERATIONS", "nothing")
    with pytest.raises(SystemExit, match="names none of"):
        chosen_operations(every)
