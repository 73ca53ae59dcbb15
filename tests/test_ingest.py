"""``lineage ingest``: draft Turtle from a text, on the real corpus and on small fixtures."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF

from lineage.config import Config
from lineage.curate.sheets import read_sheet
from lineage.errors import InputError
from lineage.ingest.run import IngestResult, ingest
from lineage.namespaces import ELI, LIN, LIN_VALUE, OA
from lineage.text.symbols import parse_symbol

FIXTURE = Path(__file__).parent / "fixtures" / "ingest" / "plan.txt"
FIXTURE_BODIES = Path(__file__).parent / "fixtures" / "curation" / "data" / "curation" / "bodies.tsv"
BASE = Config.default().base_iri
OWN = {"001": "11-CTr/TU", "002": "bc-chinhtri-daihoi-xv-du-thao", "003": "bc-ubnd-laichau-2026-02-nq01",
       "004": "kh-dangu-vpubnd-2026-daihoi"}
"""Sources whose heading prints no number: the document each one is (as curated)."""


@pytest.fixture(scope="module")
def drafts(seeds_dir: Path) -> dict[str, IngestResult]:
    """Every seed ingested once."""
    config = Config.default()
    return {path.name[:3]: ingest(config, path, document=OWN.get(path.name[:3]))
            for path in sorted(seeds_dir.glob("0*.txt"))}


def graph_of(result: IngestResult) -> Graph:
    return Graph().parse(data=result.turtle, format="turtle")


def curated(source: str, kind: str) -> list[dict[str, str]]:
    path = Config.default().data_dir / "curation" / source / f"{kind}.tsv"
    return [row.cells for row in read_sheet(path, kind)]


# -- the real corpus ----------------------------------------------------------------------------------


def test_every_symbol_the_curators_found_is_found(drafts: dict[str, IngestResult]) -> None:
    for source, result in drafts.items():
        drafted = {row["symbol"] for row in result.draft.sheets["documents"] if row["symbol"]}
        printed = {parse_symbol(row["symbol"]).canonical for row in curated(source, "documents") if row["symbol"]}
        assert printed == drafted, source


def test_every_task_row_of_the_appendix_tables_is_read(drafts: dict[str, IngestResult]) -> None:
    for source in ("000", "001", "004"):
        # 000's curated locators skip the table's sub-groups (B/1 for B/I/1) and leave OCR-damaged numbers
        # blank: rows match by the line they start on
        drafted = {(row["table"], row["line_start"]) for row in drafts[source].draft.sheets["tasks"]}
        tables = {row["table"] for row in drafts[source].draft.sheets["tasks"]}
        expected = {(row["table"], row["line_start"])
                    for row in curated(source, "tasks") if row["table"] in tables}
        assert drafted == expected, source
    assert {t.name: len(t.rows) for t in drafts["004"].draft.tables} == {"PL1": 22, "PL2": 14, "PL3": 160, "PL4": 115}


def test_own_document_from_the_ocr_heading(drafts: dict[str, IngestResult]) -> None:
    own = drafts["000"].draft.own
    assert (own["symbol"], own["type"], own["date"]) == ("46-KH/TU", "KH", "2026-02-12")
    assert drafts["000"].draft.source.quality == "ocr"
    assert drafts["004"].draft.source.quality == "clean"


def test_task_reaches_68_through_the_programme_it_names(drafts: dict[str, IngestResult]) -> None:
    graph = graph_of(drafts["004"])
    task = URIRef(f"{BASE}/eli/unnumbered/kh-dangu-vpubnd-2026-daihoi/pl3/ii/2/2.13")
    resolution_68 = URIRef(f"{BASE}/eli/vn/tw/nq/2025/68")
    reached = set(graph.transitive_objects(task, ELI.ensures_implementation_of))
    assert resolution_68 in reached
    assert (task, LIN.locator, Literal("PL3/II/2/2.13")) in graph


def test_implausible_date_kept_as_printed(drafts: dict[str, IngestResult]) -> None:
    graph = graph_of(drafts["004"])
    plan_52 = next(graph.subjects(ELI.id_local, Literal("52-KH/ĐU")))
    assert graph.value(plan_52, LIN.printedDate) == Literal("ngày 25/3/2206")
    assert str(graph.value(plan_52, ELI.date_document)) == "2206-03-25"


def test_scenario_table_values(drafts: dict[str, IngestResult]) -> None:
    targets = drafts["001"].draft.sheets["targets"]
    grdp_2026 = next(t for t in targets if t["indicator"].startswith("Tổng sản phẩm") and t["period"] == "2026")
    assert (grdp_2026["value"], grdp_2026["kind"]) == ("10", "scenario")
    graph = graph_of(drafts["001"])
    assert any(graph.triples((None, LIN.valueKind, LIN_VALUE.scenario)))


def test_every_fact_has_a_passage_that_quotes_its_lines(drafts: dict[str, IngestResult]) -> None:
    for result in drafts.values():
        graph = graph_of(result)
        lines = result.draft.source.lines
        for node in graph.subjects(RDF.type, LIN.Task):
            passage = graph.value(node, PROV.wasDerivedFrom)
            selectors = list(graph.objects(passage, OA.hasSelector))
            exact = next(str(graph.value(s, OA.exact)) for s in selectors if graph.value(s, OA.exact))
            start = next(int(graph.value(s, LIN.lineStart)) for s in selectors if graph.value(s, LIN.lineStart))
            end = next(int(graph.value(s, LIN.lineEnd)) for s in selectors if graph.value(s, LIN.lineEnd))
            assert exact == " ".join(" ".join(lines[start - 1: end]).split())


def test_unknown_bodies_are_reported_not_invented(drafts: dict[str, IngestResult]) -> None:
    problems = drafts["004"].problems
    assert any(p.line == 521 and "Chi bộ Hành chính – Quản trị và các chi bộ" in p.problem for p in problems)


# -- fixtures and the command -------------------------------------------------------------------------


def test_fixture_plan(tmp_path: Path, run_cli: Callable[..., object]) -> None:
    out = tmp_path / "plan.ttl"
    result = run_cli("ingest", str(FIXTURE), "--bodies", str(FIXTURE_BODIES), "--out", str(out))
    assert result.code == 0, result.err
    graph = Graph().parse(out)
    plan = next(graph.subjects(ELI.id_local, Literal("5-KH/TU")))
    assert str(graph.value(plan, ELI.date_document)) == "2026-01-10"
    assert (plan, ELI.ensures_implementation_of, next(graph.subjects(ELI.id_local, Literal("57-NQ/TW")))) in graph
    tasks = set(graph.subjects(RDF.type, LIN.Task))
    assert len(tasks) == 2
    target = next(graph.subjects(RDF.type, LIN.Target))
    assert (graph.value(target, LIN.value).toPython(), str(graph.value(target, LIN.comparator))) == (10, "~")
    assert "line 18: lead body 'Sở Khoa học Vũ trụ'" in result.err
    assert "tasks / nhiệm vụ:           2" in result.err


def test_existing_output_is_kept_without_force(tmp_path: Path, run_cli: Callable[..., object]) -> None:
    out = tmp_path / "plan.ttl"
    out.write_text("keep me", encoding="utf-8")
    refused = run_cli("ingest", str(FIXTURE), "--bodies", str(FIXTURE_BODIES), "--out", str(out))
    assert refused.code == 2 and "--force" in refused.err
    assert out.read_text(encoding="utf-8") == "keep me"
    forced = run_cli("ingest", str(FIXTURE), "--bodies", str(FIXTURE_BODIES), "--out", str(out), "--force")
    assert forced.code == 0 and out.read_text(encoding="utf-8").startswith("@prefix")


def test_stdout_output(run_cli: Callable[..., object]) -> None:
    result = run_cli("ingest", str(FIXTURE), "--bodies", str(FIXTURE_BODIES), "--out", "-")
    assert result.code == 0
    assert len(Graph().parse(data=result.out, format="turtle")) > 100


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text: str) -> bytes:
    """``text`` as a Vietnamese Windows file stores it: base letters and separate tone marks."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            tone = next(mark for mark in decomposed if mark in TONE_MARKS)
            base = unicodedata.normalize("NFC", decomposed.replace(tone, ""))
            out += base.encode("cp1258") + tone.encode("cp1258")
    return out


@pytest.mark.parametrize(("content", "message", "line"), [
    (b"", "the file is empty", None),
    (b"K\x00\x00 ho", "looks binary", 1),
    (windows_1258("Số 5-KH/TU\nKế hoạch thực hiện"), "not valid UTF-8", 1),
    ("dòng một\nKẾ HOẠCH\nThực hiện ".encode() + windows_1258("Kế hoạch"), "not valid UTF-8", 3),
])
def test_bad_input_names_file_and_line_and_writes_nothing(tmp_path: Path, run_cli: Callable[..., object],
                                                          content: bytes, message: str, line: int | None) -> None:
    source = tmp_path / "bad.txt"
    source.write_bytes(content)
    out = tmp_path / "bad.ttl"
    result = run_cli("ingest", str(source), "--document", "5-KH/TU", "--out", str(out))
    assert result.code == 2
    where = f"{source}:{line}:" if line else f"{source}:"
    assert where in result.err and message in result.err and "fix:" in result.err
    assert not out.exists() and list(tmp_path.iterdir()) == [source]


def test_heading_without_number_asks_for_document(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text("ỦY BAN NHÂN DÂN\nSố:   /KH-UBND\nKẾ HOẠCH\nthực hiện\n", encoding="utf-8")
    with pytest.raises(InputError, match="--document"):
        ingest(Config.default(), source, bodies_file=FIXTURE_BODIES)
    drafted = ingest(Config.default(), source, document="kh-ubnd-thu", bodies_file=FIXTURE_BODIES)
    assert (drafted.draft.own["key"], drafted.draft.own["type"]) == ("kh-ubnd-thu", "KH")
