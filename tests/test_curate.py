"""`lineage curate`: sheets and source texts become Turtle with provenance; bad sheets are named by file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lineage.config import Config
from lineage.curate.compile import compile_corpus
from lineage.errors import InputError
from lineage.records import document_records, task_records
from lineage.store import load

FIXTURE = Path(__file__).parent / "fixtures" / "curation"


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "w")
    monkeypatch.setenv("LINEAGE_SEEDS", str(tmp_path / "w" / "seeds"))
    monkeypatch.setenv("LINEAGE_BUILD_DIR", str(tmp_path / "build"))
    return tmp_path / "w" / "data"


def _config(data: Path) -> Config:
    return Config.default().with_data(data)


def test_compiled_sheets_load_as_one_graph_per_source(workspace: Path, run_cli) -> None:
    assert run_cli("curate", "--data", str(workspace)).code == 0
    assert {p.name for p in (workspace / "sources").iterdir()} == {"s1.ttl"}
    graph = load(_config(workspace), prefer_disk=False)
    documents = {r["symbol"]: r for r in document_records(graph)}
    assert documents["5-KH/TU"]["implements"] == [documents["57-NQ/TW"]["iri"]]
    assert documents["57-NQ/TW"]["level"] == "central" and documents["57-NQ/TW"]["issuer"] == "Bộ Chính trị"
    assert documents["68-NQ/TW"]["date"] is None
    tasks = task_records(graph)
    assert [(t["locator"], t["lead"], t["timing_kind"]) for t in tasks] == [
        ("PL01/1", ["Sở Nông nghiệp và Môi trường"], "period"), ("PL01/2", ["Sở Tài chính"], "continuous")]


def test_a_second_run_changes_nothing_and_check_agrees(workspace: Path, run_cli) -> None:
    run_cli("curate", "--data", str(workspace))
    assert "0 changed" in run_cli("curate", "--data", str(workspace)).err
    assert run_cli("curate", "--data", str(workspace), "--check").code == 0
    (workspace / "sources" / "s1.ttl").write_text("# edited by hand\n", encoding="utf-8")
    result = run_cli("curate", "--data", str(workspace), "--check")
    assert result.code == 1 and "out of date: sources/s1.ttl" in result.err


def test_a_document_cited_without_a_date_is_marked_date_not_printed(workspace: Path) -> None:
    text = compile_corpus(_config(workspace))[workspace / "sources" / "s1.ttl"]
    assert "lin:dateNotPrinted true" in text


def _edit(path: Path, line: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new)
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.mark.parametrize(("sheet", "line", "old", "new", "message"), [
    ("s1/tasks.tsv", 2, "Quý I/2026\t\t\t\t7\t7\t1 | Xây", "Quý I/2026\t\t\t\t7\t7\t1 | Xay",
     "quote not found in s1_plan.txt lines 7-7"),
    ("s1/tasks.tsv", 3, "Sở Tài chính\t\tThường xuyên", "Sở Tư pháp\t\tThường xuyên", "unknown body 'Sở Tư pháp'"),
    ("s1/tasks.tsv", 3, "\t68-NQ/TW\t8", "\t69-NQ/TW\t8", "'69-NQ/TW' in column 'cites' is not a document"),
    ("s1/documents.tsv", 3, "\timplements\t", "\tfulfils\t", "unknown relation 'fulfils'"),
    ("s1/targets.tsv", 2, "\t10\t\t=", "\t10,5\t\t=", "'10,5' in column 'value' is not a number"),
    ("s1/tasks.tsv", 2, "\t7\t7\t", "\t7\t70\t", "line 70 is past the end"),
    ("s1/documents.tsv", 2, "\tdoc\tself\t", "\tdoc\tself\textra\t", "15 cells where 14 columns"),
])
def test_bad_sheet_rows_are_named_by_file_and_line(workspace: Path, sheet: str, line: int, old: str, new: str,
                                                   message: str, run_cli) -> None:
    _edit(workspace / "curation" / sheet, line, old, new)
    result = run_cli("curate", "--data", str(workspace))
    assert result.code == 2
    assert f"{sheet.split('/')[-1]}:{line}" in result.err and message in result.err and "fix:" in result.err
    assert not (workspace / "sources").exists()


def test_a_subject_naming_rows_of_two_tables_must_say_which(workspace: Path) -> None:
    tasks = workspace / "curation" / "s1" / "tasks.tsv"
    lines = tasks.read_text(encoding="utf-8").split("\n")
    lines.append(lines[1].replace("PL01\t1\t1", "body\t1\t1"))
    tasks.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _edit(workspace / "curation" / "s1" / "documents.tsv", 4, "\tPL01/2\t", "\t1\t")
    with pytest.raises(InputError) as caught:
        compile_corpus(_config(workspace))
    assert caught.value.line == 4 and "several tables" in caught.value.problem and "body/1" in caught.value.fix


def test_a_wrong_header_names_the_expected_columns(workspace: Path) -> None:
    sheet = workspace / "curation" / "s1" / "targets.tsv"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("value_max", "max"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        compile_corpus(_config(workspace))
    assert caught.value.line == 1 and "value_max" in caught.value.fix


def test_a_sheet_that_is_not_utf8_is_rejected(workspace: Path) -> None:
    sheet = workspace / "curation" / "s1" / "tasks.tsv"
    import unicodedata

    text = unicodedata.normalize("NFD", sheet.read_text(encoding="utf-8"))
    sheet.write_bytes(text.encode("cp1258", errors="replace"))  # Windows-1258, as saved by older tools
    with pytest.raises(InputError, match="not UTF-8"):
        compile_corpus(_config(workspace))
