"""The CLI contract: every command and format on the fixture, REF forms, exit codes, bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from lineage.records import DOCUMENT_KEYS, TASK_KEYS

MINI = Path(__file__).parent / "fixtures" / "mini"

DATA = ("--data", str(MINI))
KH5 = "https://w3id.org/lineage-vn/eli/vn-x/tu/kh/2026/5"


@pytest.fixture(autouse=True)
def _no_shared_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands must not pick up the project's own build/ while reading the fixture."""
    monkeypatch.setenv("LINEAGE_BUILD_DIR", str(tmp_path / "no-build"))


def test_documents_json_has_the_contract_keys(run_cli) -> None:
    result = run_cli("documents", *DATA, "--format", "json")
    assert result.code == 0
    records = result.json()
    assert [r["symbol"] for r in records] == ["5-KH/TU", "57-NQ/TW", "68-NQ/TW", "bc-ubnd-x"]
    assert all(tuple(r) == DOCUMENT_KEYS for r in records)
    plan = records[0]
    assert plan["implements"] == ["https://w3id.org/lineage-vn/eli/vn/tw/nq/2024/57"]
    assert plan["type"] == "KH" and plan["issuer"] == "Ban Thường vụ Tỉnh ủy" and plan["level"] == "province"
    assert plan["date"] == "2026-01-10"
    assert {d["printed"] for d in plan["dates_printed"]} == {"ngày 10 tháng 01 năm 2026", "ngày 10/01/2026"}
    assert len(plan["sources"]) == 2


def test_documents_csv_and_table(run_cli) -> None:
    rows = list(csv.DictReader(io.StringIO(run_cli("documents", *DATA, "--format", "csv").out)))
    assert tuple(rows[0]) == DOCUMENT_KEYS and len(rows) == 4
    table = run_cli("documents", *DATA).out
    assert "57-NQ/TW" in table and "(4 rows)" in table


def test_tasks_json_keys_and_values(run_cli) -> None:
    records = run_cli("tasks", *DATA, "--format", "json").json()
    assert all(tuple(r) == TASK_KEYS for r in records)
    first = records[0]
    assert first["locator"] == "PL01/1" and first["document_symbol"] == "5-KH/TU"
    assert first["lead"] == ["Sở Nông nghiệp và Môi trường"] and first["coordinating"] == ["Sở Tài chính"]
    assert (first["timing_text"], first["timing_kind"]) == ("Quý I/2026", "period")
    assert (first["timing_start"], first["timing_end"]) == ("2026-01-01", "2026-03-31")


@pytest.mark.parametrize("ref", ["5-KH/TU", "5-kh/tu", "5- KH/TU", "Số 5-KH/TU", KH5, f"<{KH5}>"])
def test_tasks_of_one_document_by_any_ref(run_cli, ref: str) -> None:
    result = run_cli("tasks", *DATA, "--document", ref, "--format", "csv")
    assert result.code == 0
    assert [r["locator"] for r in csv.DictReader(io.StringIO(result.out))] == ["PL01/1", "PL01/2"]


@pytest.mark.parametrize("ref", ["5-KH/TU#PL01/2", "5-kh/tu#pl01/2", "5-KH/TU#2"])
def test_show_a_task_by_symbol_and_locator(run_cli, ref: str) -> None:
    result = run_cli("show", *DATA, ref)
    assert result.code == 0
    assert "Thực hiện Nghị quyết số 68-NQ/TW" in result.out
    assert "[s1.txt:8-8]" in result.out


def test_show_json_lists_statements_per_source_and_passages(run_cli) -> None:
    description = run_cli("show", *DATA, "57-NQ/TW", "--format", "json").json()
    sources = {s["source"] for s in description["statements"]}
    assert sources == {"s1.txt", "s2.txt"}
    assert any("22/12/2025" in (p["quote"] or "") for p in description["passages"])


def test_unknown_ref_exits_2_and_names_the_closest(run_cli) -> None:
    result = run_cli("show", *DATA, "58-NQ/TW")
    assert result.code == 2
    assert "unknown reference" in result.err and "57-NQ/TW" in result.err


def test_ambiguous_ref_exits_2_and_lists_candidates(run_cli, mini_copy: Path) -> None:
    extra = mini_copy / "sources" / "s3.ttl"
    extra.write_text(
        '@prefix eli: <http://data.europa.eu/eli/ontology#> .\n'
        '<https://w3id.org/lineage-vn/eli/vn/tw/nq/2019/57> a eli:LegalResource ; eli:id_local "57-NQ/TW" .\n',
        encoding="utf-8",
    )
    result = run_cli("show", "--data", str(mini_copy), "57-NQ/TW")
    assert result.code == 2
    assert "ambiguous" in result.err and "/2019/57" in result.err and "/2024/57" in result.err


@pytest.mark.parametrize("fmt", ["ttl", "nt", "nq", "trig", "jsonld"])
def test_export_every_format_round_trips(run_cli, fmt: str, tmp_path: Path) -> None:
    import pyoxigraph as ox

    target = tmp_path / f"graph.{fmt}"
    result = run_cli("export", *DATA, "--format", fmt, "--out", str(target))
    assert result.code == 0
    parsed = list(ox.parse(path=str(target), format={"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
                   "nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD}[fmt]))
    assert len(parsed) > 1000
    if fmt in ("nq", "trig", "jsonld"):
        assert len({q.graph_name.value for q in parsed}) == 13


def test_export_to_stdout(run_cli) -> None:
    assert "57-NQ/TW" in run_cli("export", *DATA, "--format", "nt").out


def test_build_writes_outputs_and_a_summary(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "build"
    result = run_cli("build", *DATA, "--out", str(out))
    assert result.code == 0
    assert "documents / văn bản:        4" in result.err and "tasks / nhiệm vụ:           2" in result.err
    for name in ("ontology/index.html", "lineage.trig", "documents.json", "tasks.json", "store", "store.json"):
        assert (out / name).exists(), name
    assert len(json.loads((out / "tasks.json").read_text(encoding="utf-8"))) == 2
    for name in ("site/index.html", "validation/report.ttl", "audit/report.json"):
        assert (out / name).exists(), name


def test_build_without_the_site(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "build"
    result = run_cli("build", *DATA, "--out", str(out), "--no-site")
    assert result.code == 0 and "site / trang web" not in result.err
    assert (out / "audit" / "report.json").exists() and not (out / "site").exists()


def test_a_bad_data_file_fails_the_build_and_keeps_the_previous_one(run_cli, mini_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    assert run_cli("build", "--data", str(mini_copy), "--out", str(out)).code == 0
    before = (out / "documents.json").read_bytes()
    (mini_copy / "bodies.ttl").write_text("@prefix o: <http://x/> .\no:a o:b o:c ;\n", encoding="utf-8")
    result = run_cli("build", "--data", str(mini_copy), "--out", str(out))
    assert result.code == 2
    assert "bodies.ttl:" in result.err and "fix:" in result.err
    assert (out / "documents.json").read_bytes() == before
    assert not list(tmp_path.glob(".build.*"))


def test_usage_error_exits_2(run_cli) -> None:
    assert run_cli("documents", "--format", "xml").code == 2
    assert run_cli("frobnicate").code == 2
