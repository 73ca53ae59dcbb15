"""The SPARQL query library: every file parses and validates, and answers the researchers' questions."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from lineage.config import Config
from lineage.errors import InputError, RefError
from lineage.graphview import directive_graph
from lineage.queries import Catalogue, Resolver, UnknownQuery, bind, load_query, run
from lineage.queries.header import KINDS, TYPES
from lineage.refs import RefIndex
from lineage.store import LoadedGraph, load

CATALOGUE = Catalogue(Config.default().queries_dir)
LIBRARY = CATALOGUE.names()
ELI = "https://w3id.org/lineage-vn/eli/"
PLAN_004 = "kh-dangu-vpubnd-2026-daihoi"

GOOD_HEADER = """\
#+ summary:
#+   en: Tasks of one body
#+   vi: Nhiệm vụ của một cơ quan
#+ description:
#+   en: Every task the body leads.
#+   vi: Mọi nhiệm vụ cơ quan chủ trì.
#+ kind: report
#+ tags: [tasks]
#+ params:
#+   body:
#+     type: body
#+     example: "Sở Tài chính"
#+     description: {en: the body, vi: cơ quan}
"""
GOOD_BODY = "SELECT ?task ?body WHERE { ?task eli-dl:had_responsible_organization ?body }\n"


@pytest.fixture(scope="module")
def corpus(seeds_dir: Path) -> LoadedGraph:
    return load(Config.default(), prefer_disk=False)


@pytest.fixture(scope="module")
def resolver(corpus: LoadedGraph) -> Resolver:
    return Resolver(corpus, lambda: RefIndex(corpus, directive_graph(corpus)))


@pytest.fixture(scope="module")
def ask(corpus: LoadedGraph, resolver: Resolver) -> Callable[..., list[dict[str, Any]]]:
    """Run a library query by name with parameters as people type them."""

    def answer(name: str, **params: str) -> list[dict[str, Any]]:
        query = CATALOGUE.get(name)
        return run(corpus, query, bind(query, params, resolver)).records()

    return answer


def write_query(tmp_path: Path, text: str, name: str = "q.rq") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problem(path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        load_query(path)
    return caught.value


# --- the library as a whole ---------------------------------------------------------------


def test_the_library_holds_the_questions_of_the_issue() -> None:
    required = {
        "trace", "impact", "coverage", "tasks-by-body", "bodies-by-load", "tasks-due-in-period",
        "tasks-due-before-plan", "tasks-without-deadline", "tasks-overdue", "targets-by-topic",
        "targets-by-document", "targets-same-indicator", "source-passages", "links-stated-inferred",
        "reports-by-directive", "directives-without-report", "unnumbered-documents",
        "documents-cited-not-described",
    }
    assert required <= set(LIBRARY)


@pytest.mark.parametrize("name", LIBRARY)
def test_every_query_parses_and_its_header_validates(name: str) -> None:
    query = CATALOGUE.get(name)
    header = query.header
    assert header is not None and header.kind in KINDS and header.tags
    assert header.summary.en and header.summary.vi and header.description.en and header.description.vi
    for param in header.params:
        assert param.type in TYPES and param.example
        assert param.name in query.columns


@pytest.mark.parametrize("name", LIBRARY)
def test_every_query_runs_on_the_corpus_with_its_examples(name: str, corpus: LoadedGraph, resolver: Resolver) -> None:
    query = CATALOGUE.get(name)
    assert query.header is not None
    examples = {p.name: p.example for p in query.header.params}
    answer = run(corpus, query, bind(query, examples, resolver))
    if query.kind == "report":
        assert answer.rows, f"{name} answers nothing for its own examples"
    for param in query.header.params:
        if param.type in ("ref", "body", "iri"):
            assert {row[param.name] for row in answer.records()} == {resolver.term(param.type, param.example).value}


# --- the researchers' questions on the corpus ----------------------------------------------


def test_task_213_traces_through_the_tinh_uy_programme_to_68_nq_tw(ask: Callable) -> None:
    rows = ask("trace", subject=f"{PLAN_004}#PL3/II/2/2.13")
    links = {(r["symbol"], r["locator"], r["relation"], r["up"]) for r in rows}
    assert (PLAN_004, "PL3/II/2/2.13", "implements", ELI + "unnumbered/ctr-tu-nq68") in links
    assert ("ctr-tu-nq68", None, "implements", ELI + "vn/tw/nq/2025/68") in links
    root = next(r for r in rows if r["symbol"] == "68-NQ/TW")
    assert root["root"] is True and root["date"] == "2025-05-04" and root["issuer"] == "Bộ Chính trị"
    # the Tỉnh ủy programme is printed by two sources with two issuers; both are kept
    programme = next(r for r in rows if r["symbol"] == "ctr-tu-nq68")
    assert set(programme["issuer"].split(" | ")) == {"Ban Thường vụ Tỉnh ủy Lai Châu", "Tỉnh ủy Lai Châu"}


def test_the_congress_chain_is_marked_inferred_in_the_trace(ask: Callable) -> None:
    rows = ask("trace", subject=f"{PLAN_004}#PL3/II/2/2.13")
    provincial = next(r for r in rows if r["symbol"] == "nq-daihoi-tinh-xv" and r["relation"])
    assert provincial["up"].endswith("nq-daihoi-toanquoc-xiv") and provincial["inferred"] is True
    stated = next(r for r in rows if r["symbol"] == "ctr-tu-nq68")
    assert stated["inferred"] is False


def test_tasks_under_57_nq_tw_include_the_004_phu_luc_3_task_on_the_tinh_uy_programme(ask: Callable) -> None:
    rows = ask("impact", directive="57-NQ/TW")
    tasks = {(r["symbol"], r["locator"]): r for r in rows if r["category"] == "task"}
    task = tasks[(PLAN_004, "PL3/III/3/1")]
    assert task["text"].startswith("Thực hiện hiệu quả Chương trình hành động của Tỉnh ủy về thực hiện Nghị quyết số 57")
    assert task["body"] == "Chi bộ Kinh tế ngành – Văn xã"
    by_category = {r["symbol"]: r["category"] for r in rows if r["category"] in ("programme", "plan")}
    assert by_category["63-CTr/TU"] == "programme" and by_category["978/KH-UBND"] == "plan"
    assert [r["category"] for r in rows] == sorted((r["category"] for r in rows), key=[
        "programme", "plan", "document", "part", "task", "target"].index)


def test_impact_of_11_ctr_tu_reaches_the_tasks_and_targets_of_46_kh_tu(ask: Callable) -> None:
    rows = ask("impact", directive="11-CTr/TU")
    assert ("46-KH/TU", "PL01/B/12") in {(r["symbol"], r["locator"]) for r in rows if r["category"] == "task"}
    targets = [r for r in rows if r["category"] == "target" and r["symbol"] == "46-KH/TU"]
    assert any(r["text"] == "Tốc độ tăng trưởng tổng sản phẩm (GRDP): 1a 10%" for r in targets)


def test_coverage_shows_68_nq_tw_has_no_party_committee_plan(ask: Callable) -> None:
    rows = {r["symbol"]: r for r in ask("coverage")}
    # 003 lines 960-963 and footnote 38: a BTV programme (65-CTr/TU) and a UBND plan (3583/KH-UBND) only
    nq68 = rows["68-NQ/TW"]
    assert nq68["programmes"] >= 1 and nq68["ubnd_plans"] >= 1 and nq68["party_plans"] == 0
    assert "party-committee plan/kế hoạch cấp ủy" in nq68["missing"]
    nq57 = rows["57-NQ/TW"]
    assert nq57["programmes"] >= 1 and nq57["party_plans"] >= 1 and nq57["ubnd_plans"] >= 1
    assert "programme" not in nq57["missing"]
    assert rows["nq-daihoi-toanquoc-xiv"]["tasks"] > 200


def test_tasks_by_body_finds_the_office_of_the_tinh_uy_without_diacritics(ask: Callable) -> None:
    rows = ask("tasks-by-body", body="van phong tinh uy", role="lead")
    assert [(r["symbol"], r["locator"]) for r in rows] == [("11-CTr/TU", "PL02/B/1")]
    assert rows[0]["role_name"] == "Cơ quan chủ trì"
    both = ask("tasks-by-body", body="Chi bộ Kinh tế ngành – Văn xã")
    assert (PLAN_004, "PL3/II/2/2.13") in {(r["symbol"], r["locator"]) for r in both}


def test_bodies_by_load_counts_agree_with_the_tasks_of_each_body(ask: Callable) -> None:
    rows = ask("bodies-by-load")
    top = rows[0]
    assert top["name"] == "Chi bộ Kinh tế ngành – Văn xã"
    assert top["lead"] == len(ask("tasks-by-body", body=top["body"], role="lead"))
    assert [r["total"] for r in rows] == sorted((r["total"] for r in rows), reverse=True)


def test_tasks_due_in_the_first_quarter_of_2026(ask: Callable) -> None:
    rows = ask("tasks-due-in-period", **{"from": "2026-01-01", "to": "31/03/2026"})
    found = {(r["symbol"], r["locator"]): r for r in rows}
    assert found[("46-KH/TU", "PL01/B/16")]["end"] == "2026-03-31"
    assert found[(PLAN_004, "PL2/I/2")]["timing"] == "Tháng 3/2026"
    assert all("2026-01-01" <= r["end"] <= "2026-03-31" for r in rows)


def test_tasks_due_before_their_plan_are_the_misprinted_2026_203_rows_of_phu_luc_4(ask: Callable) -> None:
    rows = ask("tasks-due-before-plan")
    # 004 lines 748-759 print "Năm 2026-203"; the plan is of 2026
    assert {r["timing"] for r in rows} == {"Năm 2026-203"}
    assert {r["locator"] for r in rows} >= {"PL4/A/VIII/2", "PL4/B/I/4"}
    assert len(rows) == 7


def test_tasks_without_deadline_include_continuous_work_and_never_a_dated_task(ask: Callable) -> None:
    rows = ask("tasks-without-deadline")
    found = {(r["symbol"], r["locator"]): r for r in rows}
    assert found[("46-KH/TU", "PL01/B/12")]["timing"] == "Thường xuyên"
    dated = {(r["symbol"], r["locator"]) for r in ask("tasks-due-in-period", **{"from": "0001-01-01", "to": "9999-12-31"})}
    assert not dated & set(found)


def test_overdue_depends_on_the_date_asked(ask: Callable) -> None:
    april = {(r["symbol"], r["locator"]) for r in ask("tasks-overdue", as_of="2026-04-01")}
    new_year = {(r["symbol"], r["locator"]) for r in ask("tasks-overdue", as_of="2026-01-01")}
    assert ("46-KH/TU", "PL01/B/16") in april - new_year
    assert ("11-CTr/TU", "PL02/A/1") in april - new_year  # Tháng 01/2026
    assert new_year <= april


def test_forest_cover_found_by_topic_typed_without_diacritics(ask: Callable) -> None:
    rows = ask("targets-by-topic", topic="che phu rung")
    values = {(r["symbol"], r["period"], r["printed"]) for r in rows}
    assert (PLAN_004, "2026-2030", "55%") in values
    assert all("rừng" in r["indicator"] for r in rows)
    target = next(r["value_node"] for r in rows if r["symbol"] == PLAN_004)
    passage = ask("source-passages", subject=target)[0]
    assert (passage["file"], passage["line_start"]) == ("004_37c5d7600e8f8767.txt", 411)
    assert passage["quote"] == "16 Tỷ lệ che phủ rừng 55% Chi bộ Kinh tế ngành – Văn xã"


def test_targets_of_46_kh_tu_include_10_percent_growth_in_2026(ask: Callable) -> None:
    rows = ask("targets-by-document", document="46-KH/TU")
    growth = next(r for r in rows if r["indicator"] == "Tốc độ tăng trưởng tổng sản phẩm (GRDP)")
    assert (growth["value"], growth["unit"], growth["period"]) == (10.0, "%", "2026")  # 000 line 49, OCR "1a 10%"


def test_forest_cover_across_documents(ask: Callable) -> None:
    rows = ask("targets-same-indicator", indicator="tỷ lệ che phủ rừng")
    by_document = {(r["symbol"], r["period"]): r["value"] for r in rows}
    assert by_document[(PLAN_004, "2026-2030")] == 55.0
    assert by_document[("bc-chinhtri-daihoi-xv-du-thao", "2030")] == 55.0
    assert {r["name"] for r in rows} == {"Tỷ lệ che phủ rừng"}
    everything = ask("targets-same-indicator")
    assert len({r["name"] for r in everything}) > 20


def test_the_passage_behind_task_213_is_line_622_of_004(ask: Callable) -> None:
    rows = ask("source-passages", subject=f"{PLAN_004}#PL3/II/2/2.13")
    described = next(r for r in rows if r["status"] == "described")
    assert (described["file"], described["line_start"]) == ("004_37c5d7600e8f8767.txt", 622)
    assert described["quote"].startswith("2.13 Thực hiện hiệu quả Chương trình hành động của Tỉnh ủy")
    link = next(r for r in rows if r["fact"] == "ensures_implementation_of")
    assert link["status"] == "stated" and link["other"] == ELI + "unnumbered/ctr-tu-nq68"


def test_inferred_links_carry_method_and_confidence(ask: Callable) -> None:
    rows = ask("links-stated-inferred", subject="32-KH/TU", status="inferred")
    inferred = {(r["from_symbol"], r["to_symbol"]): r for r in rows if r["status"] == "inferred"}
    link = inferred[("32-KH/TU", "63-CTr/TU")]
    assert (link["method"], link["confidence"]) == ("date-order", 0.5)
    assert {r["status"] for r in rows} == {"inferred"}
    stated = ask("links-stated-inferred", subject="32-KH/TU", status="stated")
    assert ("32-KH/TU", "57-NQ/TW") in {(r["from_symbol"], r["to_symbol"]) for r in stated}
    assert {r["status"] for r in stated} == {"stated"}


def test_reports_on_68_nq_tw_come_from_the_ubnd_report_of_february_2026(ask: Callable) -> None:
    rows = ask("reports-by-directive", directive="68-NQ/TW")
    assert {r["report_symbol"] for r in rows} == {"bc-ubnd-laichau-2026-02-nq01"}
    assert {r["aspect"] for r in rows} == {"Kết quả thực hiện", "Khó khăn, hạn chế", "Kiến nghị, đề xuất"}
    assert rows[0]["line_start"] == 960


def test_directives_without_report(ask: Callable) -> None:
    symbols = {r["symbol"] for r in ask("directives-without-report")}
    assert "203-KL/TW" in symbols
    assert not {"57-NQ/TW", "68-NQ/TW", "59-NQ/TW"} & symbols


def test_unnumbered_documents_with_their_numbered_match(ask: Callable) -> None:
    rows = {r["key"]: r for r in ask("unnumbered-documents")}
    assert (rows["ctr-tu-nq59"]["same_as"], rows["ctr-tu-nq59"]["confidence"]) == ("64-CTr/TU", 0.95)
    assert rows["ctr-tu-nq68"]["cited_by"] >= 2


def test_203_kl_tw_is_cited_but_never_described(ask: Callable) -> None:
    rows = {r["symbol"]: r for r in ask("documents-cited-not-described")}
    kl203 = rows["203-KL/TW"]
    assert kl203["missing"] == "title/trích yếu; date/ngày"
    assert kl203["first_file"].startswith("001_") and kl203["cited_by"] >= 1
    assert "57-NQ/TW" not in rows


# --- passages: a file and its lines come together, or not at all -------------------------------

PASSAGES = """\
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix lin: <https://w3id.org/lineage-vn/def#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix x: <https://example.org/> .

x:nq a eli:LegalResource ; eli:id_local "1-NQ/TW" .
x:bc a eli:LegalResource ; eli:id_local "2/BC-UBND" .
x:whole a lin:ReportStatement ; lin:aboutDirective x:nq ; lin:statedIn x:bc ; prov:wasDerivedFrom x:p-whole .
x:no-end a lin:ReportStatement ; lin:aboutDirective x:nq ; lin:statedIn x:bc ; prov:wasDerivedFrom x:p-no-end .
x:p-whole oa:hasSource x:file ; oa:hasSelector [ lin:lineStart 10 ; lin:lineEnd 12 ] , [ oa:exact "báo cáo" ] .
x:p-no-end oa:hasSource x:file ; oa:hasSelector [ lin:lineStart 20 ] .
x:p-no-file oa:hasSelector [ lin:lineStart 30 ; lin:lineEnd 31 ] .
x:file lin:fileName "bc.txt" .
x:link-whole a lin:StatedLink ; rdf:subject x:bc ; rdf:predicate lin:reportsOn ; rdf:object x:nq ;
    prov:wasDerivedFrom x:p-whole .
x:link-no-file a lin:StatedLink ; rdf:subject x:no-end ; rdf:predicate lin:aboutDirective ; rdf:object x:nq ;
    prov:wasDerivedFrom x:p-no-file .
"""


@pytest.fixture(scope="module")
def passages(tmp_path_factory: pytest.TempPathFactory) -> LoadedGraph:
    folder = tmp_path_factory.mktemp("passages")
    (folder / "report.ttl").write_text(PASSAGES, encoding="utf-8")
    return load(Config.default().with_data(folder), prefer_disk=False)


def test_a_passage_counts_only_with_its_file_and_both_lines(passages: LoadedGraph) -> None:
    def rows(name: str, column: str, **params: str) -> set[tuple]:
        terms = {k: ox.NamedNode("https://example.org/" + v) for k, v in params.items()}
        return {(r[column], r["file"], r["line_start"]) for r in run(passages, CATALOGUE.get(name), terms).records()}

    x = "https://example.org/"
    assert rows("reports-by-directive", "statement", directive="nq") == {(x + "whole", "bc.txt", 10),
                                                                         (x + "no-end", None, None)}
    assert rows("source-passages", "passage", subject="whole") == {(x + "p-whole", "bc.txt", 10)}
    assert rows("source-passages", "passage", subject="no-end") == {(x + "p-no-end", "bc.txt", None),
                                                                    (x + "p-no-file", None, 30)}
    assert rows("links-stated-inferred", "link", subject="nq") == {(x + "link-whole", "bc.txt", 10),
                                                                   (x + "link-no-file", None, None)}
    assert rows("links-stated-inferred", "link", subject="bc") == {(x + "link-whole", "bc.txt", 10)}
    assert rows("links-stated-inferred", "link", subject="file") == set()


# --- parameters are RDF terms, and bad values are refused ----------------------------------


def test_a_string_parameter_is_never_pasted_into_the_query(ask: Callable) -> None:
    assert ask("targets-by-topic", topic='rừng")) || true || (("') == []
    assert ask("targets-by-topic", topic="} UNION { ?a ?b ?c }") == []


def test_missing_and_unknown_parameters_name_the_header_line(resolver: Resolver) -> None:
    query = CATALOGUE.get("tasks-overdue")
    with pytest.raises(InputError) as missing:
        bind(query, {}, resolver)
    assert missing.value.line == query.header.param("as_of").line
    assert "--param as_of=2026-04-01" in missing.value.fix
    with pytest.raises(InputError) as unknown:
        bind(query, {"as_of": "2026-04-01", "asof": "x"}, resolver)
    assert "no parameter 'asof'" in unknown.value.problem and "as_of=" in unknown.value.fix


@pytest.mark.parametrize(("name", "values", "words"), [
    ("tasks-overdue", {"as_of": "2026-13-01"}, "is not a date"),
    ("tasks-by-body", {"body": "Sở Không Có"}, "no body"),
    ("tasks-by-body", {"body": "Văn phòng Tỉnh ủy", "role": "chairman"}, "no concept of lin-role"),
])
def test_ill_typed_values_are_refused_with_the_parameter_line(
    resolver: Resolver, name: str, values: dict[str, str], words: str
) -> None:
    query = CATALOGUE.get(name)
    with pytest.raises(InputError) as caught:
        bind(query, values, resolver)
    assert words in caught.value.problem and caught.value.path == query.path
    assert caught.value.line == next(p.line for p in query.header.params if p.name in caught.value.problem)


def test_an_unknown_ref_lists_the_closest(resolver: Resolver) -> None:
    with pytest.raises(RefError) as caught:
        bind(CATALOGUE.get("impact"), {"directive": "57-NQ/TX"}, resolver)
    assert "parameter 'directive'" in str(caught.value) and "57-NQ/TW" in str(caught.value)


def test_an_unknown_query_name_lists_the_closest() -> None:
    with pytest.raises(UnknownQuery) as caught:
        CATALOGUE.get("trase")
    assert "trace" in caught.value.close


# --- headers and files that are wrong ------------------------------------------------------


def test_a_good_header_parses(tmp_path: Path) -> None:
    query = load_query(write_query(tmp_path, GOOD_HEADER + GOOD_BODY))
    assert query.header.param("body").line == 10 and query.columns == ("task", "body")


@pytest.mark.parametrize(("old", "new", "line", "words"), [
    ("#+   vi: Nhiệm vụ của một cơ quan\n", "", 1, "both an English (en) and a Vietnamese (vi)"),
    ("#+ kind: report", "#+ kind: answer", 7, "unknown kind"),
    ("#+     type: body", "#+     type: organisation", 10, "has type 'organisation'"),
    ('#+     example: "Sở Tài chính"\n', "", 10, "has no example"),
    ("#+     description: {en: the body, vi: cơ quan}\n", "", 10, "has no description"),
    ("#+ tags: [tasks]", "#+ tags: [tasks", 9, "not valid YAML"),
    ("#+ tags: [tasks]", "#+ tags: [tasks]\n#+ author: me", 9, "unknown header key 'author'"),
])
def test_header_mistakes_name_their_line(tmp_path: Path, old: str, new: str, line: int, words: str) -> None:
    assert old in GOOD_HEADER
    error = problem(write_query(tmp_path, GOOD_HEADER.replace(old, new) + GOOD_BODY))
    assert words in error.problem and error.line == line


def test_a_declared_parameter_must_be_used_and_projected(tmp_path: Path) -> None:
    unused = problem(write_query(tmp_path, GOOD_HEADER + "SELECT ?task WHERE { ?task a lin:Task }\n"))
    assert "is not used" in unused.problem and unused.line == 10
    hidden = problem(write_query(tmp_path, GOOD_HEADER + "SELECT ?task WHERE { ?task eli-dl:had_responsible_organization ?body }\n"))
    assert "not in the SELECT projection" in hidden.problem and hidden.line == 10


def test_bound_on_a_parameter_is_refused(tmp_path: Path) -> None:
    body = "SELECT ?task ?body WHERE { ?task eli-dl:had_responsible_organization ?b FILTER(!BOUND(?body) || ?b = ?body) }\n"
    error = problem(write_query(tmp_path, GOOD_HEADER + body))
    assert "BOUND(?body)" in error.problem and "COALESCE" in error.fix


def test_a_sparql_syntax_error_names_the_query_line(tmp_path: Path) -> None:
    body = "SELECT ?task ?body\nWHERE {\n  ?task eli-dl:had_responsible_organization ?body .\n  OPTIONAL ?body\n}\n"
    error = problem(write_query(tmp_path, GOOD_HEADER + body))
    assert error.line == GOOD_HEADER.count("\n") + 4 and "SPARQL syntax error at column 12" in error.problem
    undeclared = problem(write_query(tmp_path, GOOD_HEADER + "SELECT ?task ?body WHERE { ?task foo:bar ?body }\n"))
    assert undeclared.line == GOOD_HEADER.count("\n") + 1


def test_a_library_query_without_header_is_refused_but_a_loose_file_is_run(
    tmp_path: Path, run_cli: Callable, seeds_dir: Path
) -> None:
    library = tmp_path / "queries"
    library.mkdir()
    write_query(library, GOOD_BODY, "bare.rq")
    with pytest.raises(InputError) as caught:
        Catalogue(library).get("bare")
    assert "no #+ header" in caught.value.problem
    loose = write_query(tmp_path, "SELECT (COUNT(DISTINCT ?t) AS ?tasks) WHERE { ?t a lin:Task }\n", "count.rq")
    result = run_cli("query", str(loose), "--format", "json")
    assert result.code == 0, result.err
    assert result.json() == [{"tasks": 356}]


def test_sub_folders_are_named_with_their_folder(tmp_path: Path) -> None:
    (tmp_path / "audit").mkdir()
    write_query(tmp_path, GOOD_HEADER + GOOD_BODY, "top.rq")
    write_query(tmp_path / "audit", GOOD_HEADER.replace("kind: report", "kind: check") + GOOD_BODY, "no-lead.rq")
    catalogue = Catalogue(tmp_path)
    assert catalogue.names() == ["top", "audit/no-lead"]
    assert catalogue.get("audit/no-lead").kind == "check"


# --- the command ---------------------------------------------------------------------------


def test_query_list_shows_every_query_with_its_summary(run_cli: Callable) -> None:
    result = run_cli("query", "--list", "--format", "json")
    assert result.code == 0, result.err
    listed = {q["name"]: q for q in result.json()}
    assert set(listed) == set(LIBRARY)
    assert listed["trace"]["params"] == ["subject"]
    assert listed["trace"]["summary_vi"].startswith("Truy")


def test_query_command_formats(run_cli: Callable, seeds_dir: Path) -> None:
    args = ("query", "tasks-by-body", "--param", "body=Văn phòng Tỉnh ủy", "-p", "role=lead")
    table = run_cli(*args)
    assert table.code == 0 and "PL02/B/1" in table.out and "(1 rows)" in table.out
    rows = json.loads(run_cli(*args, "--format", "json").out)
    assert rows[0]["role"] == "https://w3id.org/lineage-vn/scheme/role/lead"
    tsv = run_cli(*args, "--format", "tsv").out.splitlines()
    assert tsv[0].startswith("symbol\tlocator\trole_name") and len(tsv) == 2


def test_query_command_errors_exit_2(run_cli: Callable, seeds_dir: Path) -> None:
    unknown = run_cli("query", "trase")
    assert unknown.code == 2 and "trace" in unknown.err
    missing = run_cli("query", "trace")
    assert missing.code == 2 and "trace.rq:" in missing.err and "--param subject=" in missing.err
    bad = run_cli("query", "tasks-overdue", "--param", "as_of=yesterday")
    assert bad.code == 2 and "is not a date" in bad.err and "YYYY-MM-DD" in bad.err
    twice = run_cli("query", "tasks-overdue", "-p", "as_of=2026-01-01", "-p", "as_of=2026-02-01")
    assert twice.code == 2 and "given twice" in twice.err
    assert run_cli("query", "trace", "--param", "subject").code == 2
    assert run_cli("query").code == 2
