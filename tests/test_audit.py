"""The policy-coherence audit, asked what a careful reader of the five documents finds.

Corpus tests run the audit once over data/ and check each finding against the
source texts in ../shared/seeds/; fixture tests (tests/fixtures/audit/) show
that every rule fires on the ``defects`` folder and stays silent on ``clean``.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from lineage.audit import CHECKS, AuditReport, Finding, duplication, run_audit, timings
from lineage.audit.context import AuditContext
from lineage.audit.registry import halves, merge_reports
from lineage.audit.render import render, write_reports
from lineage.audit.sparql import audit_queries
from lineage.build import run_build
from lineage.config import Config
from lineage.errors import LineageError
from lineage.site.paths import page_path
from lineage.store import LoadedGraph, load
from lineage.text.normalize import squash_spaces

CONFIG = Config.default()
FIXTURES = Path(__file__).parent / "fixtures" / "audit"
CLEAN, DEFECTS = FIXTURES / "clean", FIXTURES / "defects"
ELI = CONFIG.base_iri + "/eli/"
PLAN_004 = ELI + "unnumbered/kh-dangu-vpubnd-2026-daihoi"
FILE = {"000": "000_9f757bec08af7d21.txt", "001": "001_8996d6eaac77d4bb.txt", "002": "002_8ff477bdec1c364d.txt",
        "003": "003_3c849f3b1affa55f.txt", "004": "004_37c5d7600e8f8767.txt"}

RULES = {
    "coverage": ("not-implemented",),
    "orphans": ("no-root", "programme-without-plan", "plan-without-tasks", "chain-cycle"),
    "time": ("implausible-date", "implements-earlier", "implausible-deadline", "deadline-before-issue",
             "deadline-after-period", "timing-is-body", "overdue", "no-deadline"),
    "conflicts": ("document-date", "document-issuer", "document-type", "document-title", "target-value",
                  "target-below-achieved"),
    "numbering": ("number-gap", "number-duplicate", "number-out-of-sequence", "number-style", "document-number-order",
                  "malformed-symbol", "issuer-type-mismatch", "footnote-number"),
    "arithmetic": ("period-average", "contributions-sum", "components-sum", "shares-sum"),
    "responsibility": ("no-lead", "name-spelling"),
    "duplication": ("cascade", "overlap"),
    "reporting": ("no-report", "report-without-plan"),
}
"""Every rule that reports a defect, by check: each must fire on the defects fixture and not on the clean one."""
AS_OF = datetime.date(2026, 1, 1)


# -- fixtures ----------------------------------------------------------------------------------------------


def _fixture_graph(folder: Path) -> LoadedGraph:
    config = dataclasses.replace(CONFIG.with_data(folder), seeds_dir=folder / "texts")
    return load(config, prefer_disk=False)


@pytest.fixture(scope="session")
def corpus_graph() -> LoadedGraph:
    return load(CONFIG, prefer_disk=False)


@pytest.fixture(scope="session")
def corpus(corpus_graph: LoadedGraph) -> AuditReport:
    return run_audit(corpus_graph)


@pytest.fixture(scope="session")
def clean() -> AuditReport:
    return run_audit(_fixture_graph(CLEAN), as_of=datetime.date(2025, 1, 1))


@pytest.fixture(scope="session")
def defects() -> AuditReport:
    return run_audit(_fixture_graph(DEFECTS), as_of=AS_OF)


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> dict[str, list[str]]:
    return {p.name: p.read_text(encoding="utf-8").splitlines() for p in seeds_dir.glob("*.txt")}


def _one(report: AuditReport, check: str, rule: str, test: Callable[[Finding], bool]) -> Finding:
    found = [f for f in report.of_check(check, rule) if test(f)]
    assert len(found) == 1, f"expected one {check}/{rule} finding, got {[f.message['en'] for f in found]}"
    return found[0]


def _about(*iris: str) -> Callable[[Finding], bool]:
    return lambda f: all(any(s.iri == iri for s in f.subjects) for iri in iris)


def _task(locator: str) -> str:
    return f"{PLAN_004}/{locator.lower()}"


def _lines(finding: Finding, source: str) -> set[str]:
    return {e.lines for e in finding.evidence if e.source == FILE[source]}


# -- the corpus: what a careful reader finds -----------------------------------------------------------------


def test_52_kh_du_printed_in_2206_is_an_impossible_date(corpus: AuditReport) -> None:
    finding = _one(corpus, "time", "implausible-date", _about(ELI + "vn-laichau/du/kh/na/52"))
    assert finding.severity == "error"
    assert "2206-03-25" in finding.message["en"] and "2206" in finding.message["vi"]
    assert any("25/3/2206" in e.quote and e.lines == "9-9" for e in finding.evidence)


def test_65_ctr_tu_is_dated_9_july_by_001_and_7_july_by_003(corpus: AuditReport) -> None:
    finding = _one(corpus, "conflicts", "document-date", _about(ELI + "vn-laichau/tu/ctr/2025/65"))
    assert "2025-07-09" in finding.message["en"] and "2025-07-07" in finding.message["en"]
    quotes = {e.source: e.quote for e in finding.evidence}
    assert "09/7/2025" in quotes[FILE["001"]] and "07/7/2025" in quotes[FILE["003"]]


def test_appendix_3_of_the_004_plan_skips_six_task_numbers(corpus: AuditReport) -> None:
    gaps = [f for f in corpus.of_check("numbering", "number-gap") if "PL3" in f.message["en"]]
    missing = {re.search(r"no item (\S+) ", f.message["en"]).group(1) for f in gaps}  # type: ignore[union-attr]
    assert missing == {"4.6", "6.8", "8.4", "9.6", "9.7", "9.9"}
    stand_in = next(f for f in gaps if "no item 8.4" in f.message["en"])
    assert "without a number stands in its place" in stand_in.message["en"]
    assert _lines(stand_in, "004") == {"554-554", "555-555", "556-556"}


def test_task_4_0_stands_where_3_10_is_expected(corpus: AuditReport) -> None:
    finding = _one(corpus, "numbering", "number-out-of-sequence", _about(_task("PL3/II/3/4.0")))
    assert "3.10" in finding.message["en"]
    assert any(e.quote.startswith("4.0 Triển khai") and e.lines == "650-650" for e in finding.evidence)


def test_timing_cells_holding_a_body_name(corpus: AuditReport) -> None:
    found = corpus.of_check("time", "timing-is-body")
    assert {f.subjects[0].iri for f in found} == {_task(t) for t in ("PL3/III/2/2.5", "PL4/B/V/1", "PL4/B/V/2")}
    assert all("Chi bộ Kinh tế ngành – Văn xã" in f.message["vi"] for f in found)


def test_tourist_arrivals_of_003_do_not_add_up(corpus: AuditReport) -> None:
    finding = _one(corpus, "arithmetic", "components-sum", lambda f: "khách du lịch" in f.message["vi"])
    assert "13500" in finding.message["en"] and "116.500" in finding.message["en"]
    assert {e.lines for e in finding.evidence} == {"215-217", "217-217"}


def test_footnote_25_of_003_is_printed_as_18(corpus: AuditReport) -> None:
    finding = _one(corpus, "numbering", "footnote-number", lambda f: f.subjects[0].locator == "II.3/fn25")
    assert "printed with the number 18" in finding.message["en"]
    assert [e.lines for e in finding.evidence] == ["566-566"]


def test_decisions_134_and_135_run_against_their_dates(corpus: AuditReport) -> None:
    finding = _one(corpus, "numbering", "document-number-order",
                   _about(ELI + "vn-laichau/ubnd/qd/2026/134", ELI + "vn-laichau/ubnd/qd/2026/135"))
    assert finding.subjects[0].symbol == "134/QĐ-UBND"
    assert any("21/01/2026" in e.quote for e in finding.evidence) and any("26/01/2026" in e.quote
                                                                          for e in finding.evidence)


def test_a_new_party_term_restarting_the_numbers_is_not_an_inversion(corpus: AuditReport) -> None:
    flagged = {s.symbol for f in corpus.of_check("numbering", "document-number-order") for s in f.subjects}
    assert not flagged & {"04-CTr/TU", "66-CTr/TU", "15-KH/ĐU", "41-KH/ĐU"}


def test_period_averages_of_001_appendix_1_that_the_years_do_not_give(corpus: AuditReport) -> None:
    found = corpus.of_check("arithmetic", "period-average")
    printed = {re.search(r"is printed (\S+),", f.message["en"]).group(1) for f in found}  # type: ignore[union-attr]
    assert printed == {"13,57", "12,87", "16,06"}
    row = next(f for f in found if "13,57" in f.message["en"])
    assert "average 13.550" in row.message["en"] and _lines(row, "001") == {"273-274"}


def test_the_growth_contributions_of_000_add_up_to_10(corpus: AuditReport) -> None:
    assert not corpus.of_check("arithmetic", "contributions-sum")


def test_002_sets_targets_below_what_it_reports_as_reached(corpus: AuditReport) -> None:
    found = [f for f in corpus.of_check("conflicts", "target-below-achieved")
             if f.subjects[0].symbol == "bc-chinhtri-daihoi-xv-du-thao"]
    names = {f.subjects[0].label.split(" (")[0] for f in found if f.subjects[0].label}
    assert {"Tỷ lệ thôn, bản, khu dân cư có nhà văn hóa", "Tỷ lệ hộ gia đình đạt tiêu chuẩn văn hóa"} <= names
    houses = next(f for f in found if "nhà văn hóa" in (f.subjects[0].label or ""))
    assert "88,6" in houses.message["en"] and all(e.source == FILE["002"] for e in houses.evidence)


def test_the_same_target_set_differently_by_002_and_004(corpus: AuditReport) -> None:
    found = corpus.of_check("conflicts", "target-value")
    productivity = next(f for f in found if "năng suất lao động" in f.message["vi"])
    assert {e.source for e in productivity.evidence} == {FILE["002"], FILE["004"]}
    assert "8-9%/năm" in productivity.message["en"]


def test_timings_printed_2026_203_cannot_be_deadlines(corpus: AuditReport) -> None:
    found = corpus.of_check("time", "implausible-deadline")
    assert len(found) == 7 and all("Năm 2026-203" in f.message["vi"] for f in found)


def test_004_assigns_tasks_due_after_its_2025_2030_term(corpus: AuditReport) -> None:
    found = corpus.of_check("time", "deadline-after-period")
    assert _task("PL3/I/12/12.3") in {f.subjects[0].iri for f in found}
    assert all(f.subjects[1].iri == PLAN_004 for f in found)


def test_overdue_needs_an_as_of_date(corpus: AuditReport, corpus_graph: LoadedGraph) -> None:
    assert not corpus.of_check("time", "overdue")
    later = run_audit(corpus_graph, as_of=datetime.date(2026, 3, 1), checks=["time"])
    overdue = {f.subjects[0].display() for f in later.of_check("time", "overdue")}
    assert "11-CTr/TU#PL02/A/1" in overdue and later.as_of == "2026-03-01"


def test_directives_without_a_report_or_without_a_plan(corpus: AuditReport) -> None:
    assert _one(corpus, "reporting", "no-report", _about(ELI + "vn/tw/kl/na/203"))
    finding = _one(corpus, "reporting", "report-without-plan", _about(ELI + "vn/cp/nq/2026/01"))
    assert finding.subjects[1].symbol == "bc-ubnd-laichau-2026-02-nq01"


def test_coverage_of_68_nq_tw_lacks_a_party_committee_plan(corpus: AuditReport) -> None:
    finding = _one(corpus, "coverage", "levels", lambda f: f.subjects[0].symbol == "68-NQ/TW")
    missing = finding.message["en"].split("Missing:")[1]
    assert "Party-committee plan" in missing and "action programme" not in missing
    assert "65-CTr/TU" in finding.message["en"]


def test_tasks_in_the_body_text_with_no_lead(corpus: AuditReport) -> None:
    leaderless = {s.display() for f in corpus.of_check("responsibility", "no-lead") for s in f.subjects}
    assert {f"11-CTr/TU#body/III/{n}" for n in range(1, 8)} <= leaderless


def test_the_004_plan_repeats_a_task_of_the_001_programme_outside_its_chain(corpus: AuditReport) -> None:
    overlap = _one(corpus, "duplication", "overlap", _about(_task("PL3/I/4/4.2")))
    assert "11-CTr/TU#PL02/B/1" in {s.display() for s in overlap.subjects}
    cascade = _one(corpus, "duplication", "cascade",
                   lambda f: "46-KH/TU#body/IV/3" in {s.display() for s in f.subjects})
    assert "11-CTr/TU#body/V/3" in {s.display() for s in cascade.subjects}


def test_every_quotation_is_in_its_source_at_its_lines(corpus: AuditReport, seeds: dict[str, list[str]]) -> None:
    checked = 0
    for finding in corpus.findings:
        for evidence in finding.evidence:
            start, end = (int(n) for n in evidence.lines.split("-"))
            text = squash_spaces(" ".join(seeds[evidence.source][start - 1:end]))
            assert squash_spaces(evidence.quote) in text, (finding.rule, evidence)
            checked += 1
    assert checked > 200


def test_every_finding_speaks_both_languages_and_names_known_subjects(corpus: AuditReport,
                                                                      corpus_graph: LoadedGraph) -> None:
    context = AuditContext(corpus_graph)
    for finding in corpus.findings:
        assert finding.message["vi"].strip() and finding.message["en"].strip()
        assert finding.subjects and all(context.kind(s.iri) for s in finding.subjects), finding.message["en"]
    assert {f.check for f in corpus.findings} == set(CHECKS)


def test_the_summary_counts_findings_by_check_and_directive(corpus: AuditReport) -> None:
    summary = corpus.as_json()["summary"]
    assert summary["findings"] == len(corpus.findings)  # type: ignore[index]
    assert sum(c["total"] for c in summary["by_check"].values()) == len(corpus.findings)  # type: ignore[index]
    assert summary["by_directive"]["68-NQ/TW"]["coverage"] >= 1  # type: ignore[index]
    assert corpus.about(ELI + "vn-laichau/tu/ctr/2025/65")


# -- each rule fires on the defects fixture and not on the clean one ---------------------------------------


@pytest.mark.parametrize(("check", "rule"), [(c, r) for c, rules in RULES.items() for r in rules])
def test_rule_fires_on_defects_and_not_on_clean(check: str, rule: str, defects: AuditReport,
                                                clean: AuditReport) -> None:
    fired = defects.of_check(check, rule)
    assert fired, f"{check}/{rule} did not fire on the defects fixture"
    assert all(f.evidence for f in fired)
    assert not clean.of_check(check, rule), [f.message["en"] for f in clean.of_check(check, rule)]


def test_the_clean_chain_has_nothing_to_warn_about(clean: AuditReport) -> None:
    assert {f.severity for f in clean.findings} == {"info"}
    levels = clean.of_check("coverage", "levels")
    assert len(levels) == 1 and levels[0].message["en"].endswith("Missing: none.")


def test_a_directive_nothing_carries_out_is_a_coverage_warning(defects: AuditReport) -> None:
    finding = _one(defects, "coverage", "levels", lambda f: f.subjects[0].symbol == "59-NQ/TW")
    assert finding.severity == "warning" and "no level at all" in finding.message["en"]


def test_defects_fixture_findings_in_detail(defects: AuditReport) -> None:
    assert "3.3" in defects.of_check("numbering", "number-gap")[0].message["en"]
    assert "printed with the number 5" in defects.of_check("numbering", "footnote-number")[0].message["en"]
    assert "110" in defects.of_check("arithmetic", "components-sum")[0].message["en"]
    assert {s.display() for s in defects.of_check("duplication", "cascade")[0].subjects} == {
        "3-CTr/TU#body/2", "4-KH/TU#PL01/5/5.2"}
    cycle = defects.of_check("orphans", "chain-cycle")[0]
    assert {s.symbol for s in cycle.subjects} == {"42-KH/TU", "43-KH/TU"}


# -- look-alike tasks: one finding per group, in one jurisdiction, of bounded size --------------------------------

_PLAN_PREFIXES = """@prefix lin: <https://w3id.org/lineage-vn/def#> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""
SHARED_TASK = "Nâng cấp hạ tầng mạng dùng chung của các cơ quan nhà nước trên địa bàn"


def _plans(folder: Path, plans: dict[str, tuple[str, list[str]]], implements: dict[str, str] | None = None,
           ) -> AuditReport:
    """The duplication check over plans written as Turtle: IRI path under /eli/ → (symbol, its task texts)."""
    for n, (path, (symbol, texts)) in enumerate(plans.items()):
        iri = ELI + path
        lines = [_PLAN_PREFIXES, f'<{iri}> a eli:LegalResource ; eli:id_local "{symbol}" .']
        if implements and path in implements:
            lines.append(f"<{iri}> eli:ensures_implementation_of <{ELI}{implements[path]}> .")
        lines += [f'<{iri}/pl/{i}> a lin:Task ; eli:is_part_of <{iri}> ; lin:locator "PL/{i}" ; lin:sequence {i} ; '
                  f'dcterms:description "{text}"@vi .' for i, text in enumerate(texts, 1)]
        (folder / f"plan-{n:02d}.ttl").write_text("\n".join(lines), encoding="utf-8")
    return run_audit(load(CONFIG.with_data(folder), prefer_disk=False), checks=["duplication"])


def test_two_provinces_setting_the_same_task_do_parallel_work_not_the_same_work_twice(tmp_path: Path) -> None:
    report = _plans(tmp_path, {
        "vn-a/ubnd/kh/2026/1": ("1/KH-UBND", [SHARED_TASK, "Tổ chức hội nghị sơ kết công tác chuyển đổi số"]),
        "vn-a/tu/kh/2026/7": ("7-KH/TU", [SHARED_TASK + "."]),
        "vn-b/ubnd/kh/2026/1": ("1/KH-UBND", [SHARED_TASK]),
    })
    (finding,) = report.findings
    assert finding.rule == "overlap" and finding.severity == "warning"
    assert {s.iri for s in finding.subjects} == {ELI + "vn-a/ubnd/kh/2026/1/pl/1", ELI + "vn-a/tu/kh/2026/7/pl/1"}


def test_a_task_handed_down_from_the_centre_is_a_cascade(tmp_path: Path) -> None:
    report = _plans(tmp_path, {
        "vn/tw/ctr/2025/5": ("5-CTr/TW", [SHARED_TASK]),
        "vn-a/ubnd/kh/2026/1": ("1/KH-UBND", [SHARED_TASK]),
        "vn-b/ubnd/kh/2026/2": ("2/KH-UBND", [SHARED_TASK]),
    }, implements={"vn-a/ubnd/kh/2026/1": "vn/tw/ctr/2025/5"})
    (finding,) = report.findings
    assert finding.rule == "cascade" and finding.severity == "info"
    assert {s.symbol for s in finding.subjects} == {"5-CTr/TW", "1/KH-UBND"}


def test_a_large_group_names_a_sample_spread_over_its_documents_and_counts_the_rest(tmp_path: Path) -> None:
    plans = {f"vn-a/ubnd/kh/2026/{n}": (f"{n}/KH-UBND", [SHARED_TASK, SHARED_TASK]) for n in range(1, 21)}
    (finding,) = _plans(tmp_path, plans).findings
    assert len(finding.subjects) == duplication.LISTED < 40
    assert len({s.symbol for s in finding.subjects}) == duplication.LISTED
    assert "In all 40 tasks in 20 documents; 12 are named." in finding.message["en"]
    assert "Tổng cộng 40 nhiệm vụ ở 20 văn bản" in finding.message["vi"]
    assert finding.message["en"].count("/KH-UBND,") < 20


def test_alike_tasks_of_one_document_alone_are_no_duplication(tmp_path: Path) -> None:
    report = _plans(tmp_path, {"vn-a/ubnd/kh/2026/1": ("1/KH-UBND", [SHARED_TASK, SHARED_TASK + "."])})
    assert report.findings == []


# -- the deadline queries run only when they can find something ----------------------------------------------


@pytest.mark.parametrize("folder", [CLEAN, DEFECTS, None])
def test_the_deadline_queries_are_skipped_only_where_they_find_nothing(folder: Path | None,
                                                                       corpus_graph: LoadedGraph) -> None:
    context = AuditContext(_fixture_graph(folder) if folder else corpus_graph)
    rows = timings.task_timings(context)
    implausible, early = context.query("implausible-deadlines"), context.query("tasks-due-before-issue")
    assert timings.may_be_implausible(rows) or not implausible
    assert timings.may_precede_issue(context, rows) or not early
    if folder == CLEAN:
        assert not timings.may_be_implausible(rows) and not timings.may_precede_issue(context, rows)
    if folder == DEFECTS:
        assert implausible and early


def test_checks_can_be_chosen_and_unknown_names_are_refused() -> None:
    graph = _fixture_graph(DEFECTS)
    report = run_audit(graph, checks=["numbering", "time"])
    assert {f.check for f in report.findings} == {"numbering", "time"} and report.checks == ("time", "numbering")
    with pytest.raises(LineageError, match="coverage, orphans, time"):
        run_audit(graph, checks=["tiem"])


@pytest.mark.parametrize("which", ["corpus", "defects"])
def test_the_audit_in_two_halves_joins_into_the_report_of_one_run(which: str, corpus_graph: LoadedGraph,
                                                                  corpus: AuditReport, defects: AuditReport) -> None:
    """``lineage build`` runs the checks in two processes: the joined report is the one a single run gives."""
    graph, whole, as_of = (corpus_graph, corpus, None) if which == "corpus" else (_fixture_graph(DEFECTS), defects, AS_OF)
    groups = halves()
    assert len(groups) == 2 and sorted(sum(groups, [])) == sorted(CHECKS)
    joined = merge_reports([run_audit(graph, as_of=as_of, checks=group) for group in reversed(groups)])
    found = {f.check for f in whole.findings}
    assert found & set(groups[0]) and found & set(groups[1])  # both halves find something to interleave
    assert render(joined, "json") == render(whole, "json")
    assert (joined.checks, joined.directives, joined.findings) == (whole.checks, whole.directives, whole.findings)
    assert list(joined.directives) == list(whole.directives)
    assert halves(["numbering", "time"]) == [["time"], ["numbering"]] and halves(["coverage"]) == [["coverage"]]


def test_every_check_is_described_in_both_languages() -> None:
    assert list(CHECKS) == list(RULES)
    for check in CHECKS.values():
        assert all(check.title[lang] and check.description[lang] for lang in ("vi", "en"))


def test_every_audit_query_has_its_header_and_runs() -> None:
    graph = _fixture_graph(CLEAN)
    queries = audit_queries(CONFIG.queries_dir)
    assert len(queries) >= 8
    for query in queries:
        assert query.header.kind == "check" and "audit" in query.header.tags
        assert query.header.summary.vi and query.header.description.en
        if not query.header.params:
            list(graph.query(query.text))


# -- output --------------------------------------------------------------------------------------------------


def test_json_report_has_the_documented_shape(defects: AuditReport) -> None:
    data = json.loads(render(defects, "json"))
    assert set(data) == {"as_of", "findings", "summary"} and data["as_of"] == "2026-01-01"
    finding = data["findings"][0]
    assert {"check", "severity", "subjects", "message", "evidence"} <= set(finding)
    assert set(finding["evidence"][0]) == {"source", "quote", "lines"}
    assert set(finding["message"]) == {"vi", "en"}


def test_html_report_links_each_subject_to_its_page(defects: AuditReport) -> None:
    page = render(defects, "html")
    task = next(s for f in defects.findings for s in f.subjects if s.kind == "task")
    assert f'href="../{page_path(task.iri, "task")}"' in page
    assert "Rà soát" in page and "Audit" in page
    beside = render(defects, "html", site="../site")
    assert f'href="../site/{page_path(task.iri, "task")}"' in beside and 'href="../site/index.html"' in beside


def test_markdown_report_has_a_table_per_check_and_per_directive(defects: AuditReport) -> None:
    text = render(defects, "md")
    assert "## Theo kiểm tra / By check" in text and "## Theo văn bản chỉ đạo / By directive" in text
    assert "| 58-NQ/TW |" in text and "> d4.txt, dòng / lines 12-12" in text


def test_write_reports_puts_three_files_under_audit(defects: AuditReport, tmp_path: Path) -> None:
    written = write_reports(defects, tmp_path)
    assert {p.relative_to(tmp_path).as_posix() for p in written.values()} == {
        "audit/report.json", "audit/report.md", "audit/index.html"}


def test_build_writes_the_audit_and_counts_its_findings(tmp_path: Path) -> None:
    config = dataclasses.replace(CONFIG.with_data(DEFECTS), shapes_dir=tmp_path / "no-shapes",
                                 build_dir=tmp_path / "build")
    summary = run_build(config, lambda _: None)
    report = json.loads((tmp_path / "build" / "audit" / "report.json").read_text(encoding="utf-8"))
    assert summary.findings == len(report["findings"]) > 0
    page = (tmp_path / "build" / "audit" / "index.html").read_text(encoding="utf-8")
    link = re.search(r'<a href="(\.\./site/task/[^"]+)"', page)
    assert link and (tmp_path / "build" / "audit" / link.group(1)).resolve().is_file()


def test_cli_audit_prints_json_and_exits_0(run_cli: Callable[..., object]) -> None:
    result = run_cli("audit", "--data", str(DEFECTS), "--check", "time", "--as-of", "01/01/2026", "--format", "json")
    assert result.code == 0  # type: ignore[attr-defined]
    data = result.json()  # type: ignore[attr-defined]
    assert data["as_of"] == "2026-01-01" and {f["check"] for f in data["findings"]} == {"time"}
    assert any(f["rule"] == "overdue" for f in data["findings"])


def test_cli_audit_refuses_an_unknown_check_with_the_list(run_cli: Callable[..., object]) -> None:
    result = run_cli("audit", "--data", str(CLEAN), "--check", "dates")
    assert result.code == 2  # type: ignore[attr-defined]
    assert "unknown check 'dates'" in result.err and "duplication" in result.err  # type: ignore[attr-defined]
    assert result.out == ""  # type: ignore[attr-defined]


def test_cli_audit_refuses_a_date_it_cannot_read(run_cli: Callable[..., object]) -> None:
    result = run_cli("audit", "--data", str(CLEAN), "--as-of", "2026-02-30")
    assert result.code == 2 and "YYYY-MM-DD" in result.err  # type: ignore[attr-defined]


def test_cli_audit_markdown_by_default(run_cli: Callable[..., object]) -> None:
    result = run_cli("audit", "--data", str(CLEAN))
    assert result.code == 0 and result.out.startswith("# Rà soát")  # type: ignore[attr-defined]
