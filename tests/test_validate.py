"""``lineage validate`` on the corpus and on the small fixture: results, their locations, formats, exit codes.

The corpus has no Violation; every Warning on it is a defect of a source document,
listed here and checked against the source text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, SH

from lineage.config import Config
from lineage.errors import InputError
from lineage.store import LoadedGraph, load
from lineage.validate import Severity, ValidationReport, validate, write_reports
from lineage.validate.render import render
from lineage.validate.results import ValidationResult

CONFIG = Config.default()
PLAN_004 = "kh-dangu-vpubnd-2026-daihoi"

CORPUS_WARNINGS = sorted([
    ("DateAfterSourceShape", "52-KH/ĐU"),
    ("DocumentShape-dateCount", "65-CTr/TU"),
    ("ImplementationDateShape", PLAN_004),
    ("TimingBodyNameShape", f"{PLAN_004}#PL3/III/2/2.5 › timing"),
    ("TimingBodyNameShape", f"{PLAN_004}#PL4/B/V/1 › timing"),
    ("TimingBodyNameShape", f"{PLAN_004}#PL4/B/V/2 › timing"),
    ("TimingOrderShape", f"{PLAN_004}#PL4/A/IX/1 › timing"),
    ("TimingOrderShape", f"{PLAN_004}#PL4/A/VIII/2 › timing"),
    ("TimingOrderShape", f"{PLAN_004}#PL4/B/I/1 › timing"),
    ("TimingOrderShape", f"{PLAN_004}#PL4/B/I/2 › timing"),
    ("TimingOrderShape", f"{PLAN_004}#PL4/B/I/3 › timing"),
    ("TimingOrderShape", f"{PLAN_004}#PL4/B/I/4 › timing"),
    ("TimingOrderShape", f"{PLAN_004}#PL4/B/I/5 › timing"),
])
"""What the five Lai Châu documents get wrong, as the shapes see it (verified against the texts below)."""


@pytest.fixture(scope="session")
def corpus() -> LoadedGraph:
    return load(CONFIG, prefer_disk=False)


@pytest.fixture(scope="session")
def corpus_report(corpus: LoadedGraph) -> ValidationReport:
    return validate(corpus, CONFIG.shapes_dir)


@pytest.fixture(autouse=True)
def _no_shared_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands read the data folder they are given, never the project's build/."""
    monkeypatch.setenv("LINEAGE_BUILD_DIR", str(tmp_path / "no-build"))


def _of(report: ValidationReport, severity: Severity) -> list[ValidationResult]:
    return [r for r in report.results if r.severity is severity]


def _shape(result: ValidationResult) -> str:
    return result.shape.split("#")[1]


def _label(result: ValidationResult) -> str:
    assert result.focus_location is not None
    return result.focus_location.label


# -- the corpus -------------------------------------------------------------------------------------


def test_the_corpus_conforms_with_no_violation(corpus_report: ValidationReport) -> None:
    assert _of(corpus_report, Severity.VIOLATION) == []
    assert corpus_report.conforms


def test_the_corpus_warnings_are_the_known_defects_of_its_documents(corpus_report: ValidationReport) -> None:
    assert sorted((_shape(r), _label(r)) for r in _of(corpus_report, Severity.WARNING)) == CORPUS_WARNINGS


def _seed_text(seeds_dir: Path, file: str, lines: tuple[int, int]) -> str:
    text = (seeds_dir / file).read_text(encoding="utf-8").splitlines()
    return " ".join(text[lines[0] - 1: lines[1]])


def test_each_corpus_warning_is_in_the_source_text(corpus_report: ValidationReport, seeds_dir: Path) -> None:
    """The passage of each Warning, read from the seed file at its lines, shows the defect."""
    for result in _of(corpus_report, Severity.WARNING):
        where = result.focus_location
        assert where is not None and where.passage is not None and where.passage.lines is not None, result
        passage = where.passage
        assert passage.file is not None
        printed = _seed_text(seeds_dir, passage.file, passage.lines)
        assert re.sub(r"\s+", " ", passage.quote or "") in re.sub(r"\s+", " ", printed)
        shape = _shape(result)
        if shape == "TimingBodyNameShape":  # the lead body printed again in the timing cell
            assert printed.split("\t")[-1].strip() == result.value and printed.count(result.value or "?") == 2
        elif shape == "TimingOrderShape":  # the end year cut short
            assert printed.split("\t")[-1].strip() == result.value == "Năm 2026-203"
        elif shape == "DateAfterSourceShape":
            assert "52-KH/ĐU ngày 25/3/2206" in printed


def test_the_plan_dated_before_what_it_implements_is_52_kh_du(corpus_report: ValidationReport, seeds_dir: Path) -> None:
    [result] = [r for r in corpus_report.results if _shape(r) == "ImplementationDateShape"]
    assert result.value_label == "52-KH/ĐU"
    assert "before 2206-03-25" in result.message.en and "trước ngày 2206-03-25" in result.message.vi
    heading = (seeds_dir / "004_37c5d7600e8f8767.txt").read_text(encoding="utf-8")
    assert "Kế hoạch số 52-KH/ĐU ngày 25/3/2206" in heading


def test_65_ctr_tu_is_printed_with_two_dates(corpus_report: ValidationReport, seeds_dir: Path) -> None:
    [result] = [r for r in corpus_report.results if _shape(r) == "DocumentShape-dateCount"]
    assert result.focus_location is not None and len(result.focus_location.sources) == 2
    printed = set()
    for path in seeds_dir.glob("*.txt"):
        text = re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))
        printed |= set(re.findall(r"65-CTr/TU,? ngày (\d{1,2}/\d{1,2}/\d{4})", text))
    assert printed == {"09/7/2025", "07/7/2025"}


def test_known_gaps_of_the_sources_are_info_not_violations(corpus: LoadedGraph, corpus_report: ValidationReport) -> None:
    """Documents no source gives an issuer or a level for are notes (Info), each one of them."""
    no_issuer = {r["d"].value for r in corpus.query(
        "SELECT DISTINCT ?d WHERE { ?d a eli:LegalResource FILTER NOT EXISTS { ?d eli:passed_by ?o } }")}
    no_level = {r["d"].value for r in corpus.query(
        "SELECT DISTINCT ?d WHERE { ?d a lin:UnnumberedDocument FILTER NOT EXISTS { ?d lin:level ?l } }")}
    infos = _of(corpus_report, Severity.INFO)
    assert {r.focus for r in infos if _shape(r) == "DocumentShape-issuerPrinted"} == no_issuer
    assert {r.focus for r in infos if _shape(r) == "UnnumberedDocumentShape-level"} == no_level
    assert len(no_issuer) > 100 and len(no_level) > 80


def test_body_text_items_without_a_lead_body_are_notes(corpus_report: ValidationReport) -> None:
    labels = {_label(r) for r in corpus_report.results if _shape(r) == "BodyTextTaskShape-lead"}
    assert "46-KH/TU#body/III/1.2" in labels and "11-CTr/TU#body/III/7" in labels
    assert all("#body/" in label for label in labels)


# -- the human report -------------------------------------------------------------------------------


def test_the_human_report_groups_by_shape_and_source_and_quotes_the_passage(corpus_report: ValidationReport) -> None:
    text = render(corpus_report.at_least(Severity.WARNING), "human")
    assert "conforms / hợp lệ — 0 Violation / Vi phạm · 13 Warning / Cảnh báo" in text
    block = text.split("lin-sh:TimingBodyNameShape")[1].split("\n== ")[0]
    assert f"-- {PLAN_004} (004_37c5d7600e8f8767.txt)" in block
    assert f"• {PLAN_004}#PL3/III/2/2.5 › timing" in block
    assert "[004_37c5d7600e8f8767.txt:666] “2.5 Triển khai thực hiện Đề án của Trung ương" in block
    assert "en: The timing cell holds the name of a body, Chi bộ Kinh tế ngành – Văn xã" in block
    assert "vi: Ô thời gian ghi tên một cơ quan, Chi bộ Kinh tế ngành – Văn xã" in block


def test_severity_filter_keeps_the_more_severe(corpus_report: ValidationReport) -> None:
    warnings = corpus_report.at_least(Severity.WARNING)
    assert {r.severity for r in warnings.results} == {Severity.WARNING}
    assert len(corpus_report.results) > len(warnings.results)
    assert corpus_report.at_least(Severity.VIOLATION).results == ()


def test_turtle_is_a_standard_validation_report(corpus_report: ValidationReport) -> None:
    graph = Graph().parse(data=render(corpus_report.at_least(Severity.WARNING), "turtle"), format="turtle")
    [report] = graph.subjects(RDF.type, SH.ValidationReport)
    assert graph.value(report, SH.conforms).toPython() is True
    assert len(list(graph.objects(report, SH.result))) == len(CORPUS_WARNINGS)
    assert {graph.value(r, SH.resultSeverity) for r in graph.objects(report, SH.result)} == {SH.Warning}


def test_json_names_focus_sources_and_passage(corpus_report: ValidationReport) -> None:
    data = json.loads(render(corpus_report.at_least(Severity.WARNING), "json"))
    assert data["conforms"] is True and data["counts"]["Warning"] == len(CORPUS_WARNINGS)
    first = next(r for r in data["results"] if r["focus_label"] == "52-KH/ĐU")
    assert first["passage"]["file"] == "004_37c5d7600e8f8767.txt" and first["passage"]["lines"] == [9, 9]
    assert first["shape_name"] == {"vi": "ngày trước văn bản nguồn nhắc đến", "en": "dated before the source that names it"}


def test_write_reports_writes_three_forms(corpus_report: ValidationReport, tmp_path: Path) -> None:
    written = write_reports(corpus_report, tmp_path)
    assert sorted(Path(p).name for p in written.values()) == ["report.json", "report.ttl", "report.txt"]
    assert all(Path(p).parent == tmp_path / "validation" for p in written.values())
    assert all(" / " in label for label in written)
    assert "lin-sh:TimingOrderShape" in (tmp_path / "validation" / "report.txt").read_text(encoding="utf-8")


# -- the command ------------------------------------------------------------------------------------

MINI = Path(__file__).parent / "fixtures" / "mini"


def test_validate_the_fixture_conforms(run_cli: Callable[..., object]) -> None:
    result = run_cli("validate", "--data", str(MINI))
    assert result.code == 0  # type: ignore[attr-defined]
    assert "lin-sh:DocumentShape-dateCount" in result.out and "• 57-NQ/TW" in result.out  # type: ignore[attr-defined]


def test_a_violation_exits_1_and_says_the_fix(run_cli: Callable[..., object], mini_copy: Path) -> None:
    source = mini_copy / "sources" / "s1.ttl"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace('dcterms:description "Xây dựng cơ sở dữ liệu đất đai"@vi ;', ""), encoding="utf-8")
    result = run_cli("validate", "--data", str(mini_copy), "--severity", "violation")
    assert result.code == 1  # type: ignore[attr-defined]
    out = result.out  # type: ignore[attr-defined]
    assert "does NOT conform" in out and "lin-sh:TaskShape-text" in out
    assert "• 5-KH/TU#PL01/1" in out and "fill the text column of tasks.tsv" in out
    assert "[s1.txt:7]" in out


def test_a_turtle_error_in_the_data_exits_2_with_file_and_line(run_cli: Callable[..., object], mini_copy: Path) -> None:
    (mini_copy / "bodies.ttl").write_text("@prefix o: <http://x/> .\no:a o:b o:c ;\n", encoding="utf-8")
    result = run_cli("validate", "--data", str(mini_copy))
    assert result.code == 2 and "bodies.ttl:" in result.err and "fix:" in result.err  # type: ignore[attr-defined]


def _broken_shapes(tmp_path: Path, text: str) -> Path:
    """A shapes folder holding the shared declarations and ``text`` as task.ttl."""
    folder = tmp_path / "shapes"
    folder.mkdir()
    (folder / "shapes.ttl").write_text((CONFIG.shapes_dir / "shapes.ttl").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "task.ttl").write_text(text, encoding="utf-8")
    return folder


def test_a_turtle_error_in_the_shapes_exits_2_with_file_and_line(run_cli: Callable[..., object], tmp_path: Path) -> None:
    shapes = _broken_shapes(tmp_path, "@prefix sh: <http://www.w3.org/ns/shacl#> .\n<urn:x> a sh:NodeShape\n")
    result = run_cli("validate", "--data", str(MINI), "--shapes", str(shapes))
    assert result.code == 2 and f"{shapes / 'task.ttl'}:" in result.err  # type: ignore[attr-defined]


def test_a_malformed_shape_exits_2_with_file_and_line(run_cli: Callable[..., object], tmp_path: Path) -> None:
    text = (CONFIG.shapes_dir / "task.ttl").read_text(encoding="utf-8")
    shapes = _broken_shapes(tmp_path, text.replace("    sh:path eli-dl:had_responsible_organization ;\n", "", 1))
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("lin-sh:TaskShape-lead "))
    for extra in ((), ("--check-shapes",)):
        result = run_cli("validate", "--data", str(MINI), "--shapes", str(shapes), *extra)
        assert result.code == 2, extra  # type: ignore[attr-defined]
        assert f"{shapes / 'task.ttl'}:{line}" in result.err  # type: ignore[attr-defined]


def test_formats_and_severity_on_the_command_line(run_cli: Callable[..., object]) -> None:
    table = run_cli("validate", "--data", str(MINI), "--format", "table")
    assert table.code == 0 and "DocumentShape-dateCount" in table.out  # type: ignore[attr-defined]
    data = json.loads(run_cli("validate", "--data", str(MINI), "--format", "json").out)  # type: ignore[attr-defined]
    assert data["conforms"] is True and data["counts"]["Warning"] == 1
    quiet = run_cli("validate", "--data", str(MINI), "--format", "json", "--severity", "Violation")
    assert json.loads(quiet.out)["results"] == [] and "conforms" in quiet.err  # type: ignore[attr-defined]
    assert run_cli("validate", "--data", str(MINI), "--severity", "loud").code == 2  # type: ignore[attr-defined]


def test_build_stores_the_validation_report(run_cli: Callable[..., object], mini_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    result = run_cli("build", "--data", str(mini_copy), "--out", str(out))
    assert result.code == 0, result.err  # type: ignore[attr-defined]
    assert "conforms / hợp lệ:          yes / có" in result.err  # type: ignore[attr-defined]
    for name in ("report.txt", "report.ttl", "report.json"):
        assert (out / "validation" / name).is_file()
        assert f"{out / 'validation' / name}" in result.err  # type: ignore[attr-defined]


@pytest.mark.parametrize("corpus_name", ["lai-chau", "small"])
def test_both_engines_give_the_same_report(run_cli: Callable[..., object], corpus_name: str,
                                           request: pytest.FixtureRequest) -> None:
    """The fast engine and pySHACL agree on every result, its location and message, on the corpus and on `small`."""
    data = CONFIG.data_dir if corpus_name == "lai-chau" else request.getfixturevalue("small_synthetic")
    reports, codes = {}, {}
    for engine in ("fast", "pyshacl"):
        result = run_cli("validate", "--data", str(data), "--engine", engine, "--format", "json")
        codes[engine] = result.code  # type: ignore[attr-defined]
        reports[engine] = json.loads(result.out)  # type: ignore[attr-defined]
    assert reports["fast"]["results"], "both engines must find something for the comparison to mean anything"
    assert reports["fast"] == reports["pyshacl"]
    assert codes["fast"] == codes["pyshacl"] == (0 if corpus_name == "lai-chau" else 1)  # small has planted violations


def test_unknown_severity_is_an_input_error() -> None:
    with pytest.raises(InputError):
        Severity.parse("Fatal")


def test_results_name_documents_parts_and_tasks_as_refs_do(corpus: LoadedGraph) -> None:
    from lineage.graphview import directive_graph
    from lineage.refs import ref_index
    from lineage.validate.locate import display

    view, refs = directive_graph(corpus), ref_index(corpus)
    assert all(refs.resolve(display(view, iri)) == iri for iri in view)  # each name leads back to its node
    assert display(view, "https://w3id.org/lineage-vn/eli/unnumbered/kh-dangu-vpubnd-2026-daihoi/body/b/v/1") == (
        "kh-dangu-vpubnd-2026-daihoi#body/B/V/1")
    assert display(view, "https://example.org/not-in-the-view") == "https://example.org/not-in-the-view"
