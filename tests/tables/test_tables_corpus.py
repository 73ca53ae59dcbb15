"""The appendix tables of the corpus, counted by hand: every row, in order, nothing unread.

The expected lists below were written from reading the source files, not from
the readers' output: printed numbers as printed (``""`` where none is printed,
``"0y"``, ``"P2"``, ``"73"`` … where the OCR mangled them), locators from the
sequence where the print fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lineage.tables import Table, read_tables
from lineage.text.normalize import squash_spaces

Tables = dict[str, dict[str, Table]]
Lines = dict[str, tuple[str, ...]]

# --- printed row numbers per table, in order -------------------------------------------------

NUMBERS_000_PL01 = [
    "",  # A
    "", "", "", "", "5", "6", "7",  # B / I
    "2", "9", "10", "11",  # B / II (8 printed as "2")
    "12", "13", "14", "15",  # B / III
    "16", "17", "18", "19", "20", "1",  # B / IV (21 printed as "1")
    "0y", "23", "P2", "25", "26",  # B / V (22 as "0y", 24 as "P2")
    "7", "73", "29",  # B / VI (27 as "7", 28 as "73")
    "30", "31",  # B / VII
    "'", "2",  # C (1 printed as an apostrophe)
    "",  # D
    "1",  # E
]
LOCATORS_000_PL01 = [
    "A/1",
    "B/I/1", "B/I/2", "B/I/3", "B/I/4", "B/I/5", "B/I/6", "B/I/7",
    "B/II/8", "B/II/9", "B/II/10", "B/II/11",
    "B/III/12", "B/III/13", "B/III/14", "B/III/15",
    "B/IV/16", "B/IV/17", "B/IV/18", "B/IV/19", "B/IV/20", "B/IV/21",
    "B/V/22", "B/V/23", "B/V/24", "B/V/25", "B/V/26",
    "B/VI/27", "B/VI/28", "B/VI/29",
    "B/VII/30", "B/VII/31",
    "C/1", "C/2",
    "D/1",
    "E/1",
]
SPANS_000_PL01 = [
    (176, 180),
    (188, 195), (197, 201), (203, 207), (209, 212), (225, 230), (231, 232), (233, 236),
    (239, 244), (245, 246), (247, 249), (262, 270),
    (276, 283), (285, 292), (294, 301), (303, 310),
    (317, 317), (318, 318), (319, 321), (322, 324), (325, 326), (327, 328),
    (331, 334), (335, 339), (340, 342), (355, 359), (360, 361),
    (363, 368), (369, 370), (371, 373),
    (376, 379), (381, 385),
    (387, 388), (389, 391),
    (393, 394),
    (396, 400),
]
NUMBERS_001_PL01 = ["", "1.", "2.", "3.", "4."]  # GRDP total unnumbered; "- Công nghiệp", "- Xây dựng" belong to 2.
NUMBERS_001_PL02 = ["1", "2", "3", "4", "5", "6", "7", "1", "2"]
NUMBERS_004_PL1 = [
    "1", "2", "3", "4", "5", "6", "7",
    "8", "9", "10", "11", "12", "13", "14", "15",
    "16", "17", "18", "19",
    "20", "21", "22",
]
NUMBERS_004_PL2 = ["1", "2", "3", "4", "5", "6", "7", "8", "1", "2", "3", "4", "1", "2"]
NUMBERS_004_PL3 = [
    # I / 1–12
    "1.1", "1.2", "1.3",
    "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8", "2.9", "2.10", "2.11", "2.12", "2.13", "2.14",
    "2.15", "2.16",
    "3.1", "3.2", "3.3", "3.4", "3.5",
    "4.1", "4.2", "4.3", "4.4", "4.5", "4.7", "4.8", "4.9", "4.10", "4.11",
    "5.1", "5.2", "5.3", "5.4", "5.5", "5.6", "5.7", "5.8", "5.9", "5.10",
    "6.1", "6.2", "6.3", "6.4", "6.5", "6.6", "6.7", "6.9", "6.10", "6.11", "6.12", "6.13", "6.14", "6.15",
    "6.16", "6.17", "6.18",
    "7.1", "7.2", "7.3",
    "8.1", "8.2", "8.3", "", "8.5", "8.6",
    "9.1", "9.2", "9.3", "9.4", "9.5", "9.8", "9.10", "9.11", "9.12", "9.13", "9.14", "9.15", "9.16", "9.17",
    "9.18", "9.19", "9.20", "9.21", "9.22",
    "10.1", "10.2", "10.3",
    "11.1", "11.2", "11.3", "11.4", "11.5", "11.6",
    "12.1", "12.2", "12.3", "12.4",
    # II
    "1",
    "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8", "2.9", "2.10", "2.11", "2.12", "2.13", "2.14",
    "2.15", "2.16", "2.17", "2.18", "2.19", "2.20", "2.21", "2.22", "2.23", "2.24",
    "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8", "3.9", "4.0",
    # III
    "1.1", "1.2", "1.3", "1.4",
    "2.1", "2.2", "2.3", "2.4", "2.5",
    "1",
    "4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.8",
    # IV
    "1.1", "1.2",
    "2.1", "2.2", "2.3",
]
NUMBERS_004_PL4 = [
    # A: I–IX
    "1", "2", "3", "4", "5", "6", "7", "8", "9", "10",
    "1", "2", "3", "4", "5", "6",
    "1", "2", "3", "4", "5",
    "1", "2", "3", "4",
    "1",
    "1", "2", "3",
    "1", "2", "3", "4",
    "1", "2",
    "1",
    # B: I–X
    "1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.", "9.", "10.", "11.", "12.", "13.", "14.", "15.", "16.", "17.",
    "18.", "19.", "20.", "21.", "22.", "23.", "24.", "25.",
    "1", "2",
    "1.1", "1.2", "1.3", "1.4",
    "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8", "2.9", "2.10", "2.11", "2.12", "2.13",
    "3.1", "3.2", "3.3", "3.4",
    "4.1", "4.2", "4.3", "4.4", "4.5",
    "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9",
    "2.1", "2.2", "2.3",
    "1", "2",
    "1", "2", "3", "4",
    "1", "2",
    "1", "2",
    "1", "2",
    "1", "2",
]

EXPECTED_NUMBERS = {
    ("000", "PL01"): NUMBERS_000_PL01,
    ("001", "PL01"): NUMBERS_001_PL01,
    ("001", "PL02"): NUMBERS_001_PL02,
    ("004", "PL1"): NUMBERS_004_PL1,
    ("004", "PL2"): NUMBERS_004_PL2,
    ("004", "PL3"): NUMBERS_004_PL3,
    ("004", "PL4"): NUMBERS_004_PL4,
}

# Non-blank lines of each table that belong to no row, group or unread entry: the heading,
# title and captions, column headers (first and repeated), page footers and `-----` breaks.
LAYOUT_LINES = {
    ("000", "PL01"): [161, 163, 164, 166, 168, 170, 172, 217, 219, 221, 223, 254, 256, 258, 260, 315,
                      347, 349, 351, 353, 380],
    ("001", "PL01"): [235, 237, 238, 240, 241, 243, 244, 246, 247, 249, 250, 252, 253, 255, 256, 258, 259,
                      261, 262, 282],
    ("001", "PL02"): [283, 284, 286, 288, 290, 291, 293, 294, 296, 297, 299, 300, 392, 393, 394, 396, 397,
                      399, 400, 402, 403, 493, 494, 495, 497, 498, 500, 501, 503, 504, 642],
    ("004", "PL1"): [351, 353, 354, 356, 358],
    ("004", "PL2"): [423, 425, 426, 427, 429, 431, 440],
    ("004", "PL3"): [452, 454, 455, 457, 459, 467, 477, 488, 497, 506, 515, 538, 549, 559, 569, 582, 593,
                     614, 624, 634, 645, 656, 665, 675, 686],
    ("004", "PL4"): [691, 693, 694, 696, 698, 709, 723, 738, 754, 767, 779, 793, 805, 817, 832, 844, 858],
}

def test_the_corpus_has_exactly_these_tables(corpus_tables: Tables) -> None:
    found = {doc: [(t.name, t.shape, t.line_start, t.line_end) for t in tables.values()]
             for doc, tables in corpus_tables.items()}
    assert found == {
        "000": [("PL01", "ocr", 161, 400)],
        "001": [("PL01", "wrapped", 235, 282), ("PL02", "wrapped", 283, 642)],
        "004": [("PL1", "tsv", 351, 421), ("PL2", "tsv", 423, 450), ("PL3", "tsv", 452, 689),
                ("PL4", "tsv", 691, 864)],
    }


def test_documents_without_appendices_have_no_tables(seeds_dir: Path) -> None:
    assert read_tables(seeds_dir / "002_8ff477bdec1c364d.txt") == []
    assert read_tables(seeds_dir / "003_3c849f3b1affa55f.txt") == []


@pytest.mark.parametrize(("doc", "name"), list(EXPECTED_NUMBERS))
def test_every_printed_row_is_read_once_in_order(corpus_tables: Tables, doc: str, name: str) -> None:
    table = corpus_tables[doc][name]
    assert table.numbers == EXPECTED_NUMBERS[(doc, name)]
    assert len(table.rows) == len(EXPECTED_NUMBERS[(doc, name)])


@pytest.mark.parametrize(("doc", "name"), list(EXPECTED_NUMBERS))
def test_no_line_is_left_unread(corpus_tables: Tables, doc: str, name: str) -> None:
    assert list(corpus_tables[doc][name].unread) == []


@pytest.mark.parametrize(("doc", "name"), list(LAYOUT_LINES))
def test_every_other_line_is_layout(corpus_tables: Tables, corpus_lines: Lines, doc: str,
                                    name: str) -> None:
    table = corpus_tables[doc][name]
    lines = corpus_lines[doc]
    covered: set[int] = {u.line for u in table.unread}
    for item in (*table.rows, *table.groups):
        covered.update(range(item.line_start, item.line_end + 1))
    outside = [n for n in range(table.line_start, table.line_end + 1) if lines[n - 1].strip() and n not in covered]
    assert outside == LAYOUT_LINES[(doc, name)]


@pytest.mark.parametrize(("doc", "name"), list(EXPECTED_NUMBERS))
def test_rows_are_disjoint_in_order_and_uniquely_located(corpus_tables: Tables, corpus_lines: Lines, doc: str,
                                                         name: str) -> None:
    table = corpus_tables[doc][name]
    locators = [row.locator for row in table.rows]
    assert len(set(locators)) == len(locators)
    for before, after in zip(table.rows, table.rows[1:]):
        assert before.line_end < after.line_start
    lines = corpus_lines[doc]
    for row in table.rows:
        span_words = squash_spaces(" ".join(lines[row.line_start - 1 : row.line_end])).split()
        assert _is_subsequence(row.raw.split(), span_words), row.locator


def _is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(word in it for word in needle)


def test_ocr_locators_and_spans(corpus_tables: Tables) -> None:
    table = corpus_tables["000"]["PL01"]
    assert [row.locator for row in table.rows] == LOCATORS_000_PL01
    assert [row.lines for row in table.rows] == SPANS_000_PL01


def test_ocr_sections_and_groups(corpus_tables: Tables) -> None:
    groups = [(g.locator, g.number, g.line_start, g.line_end) for g in corpus_tables["000"]["PL01"].groups]
    assert groups == [
        ("A", "", 174, 174), ("B", "", 182, 182),
        ("B/I", "", 184, 186), ("B/II", "I", 237, 238), ("B/III", "I", 272, 274), ("B/IV", "IV", 316, 316),
        ("B/V", "v", 329, 330), ("B/VI", "VI", 362, 362), ("B/VII", "VI", 374, 375),
        ("C", "C", 386, 386), ("D", "D", 392, 392), ("E", "E", 395, 395),
    ]


def test_ocr_mangled_numbers_are_kept_and_noted(corpus_tables: Tables) -> None:
    noted = {row.locator: row.remarks for row in corpus_tables["000"]["PL01"].rows if row.remarks}
    assert set(noted) == {"A/1", "B/I/1", "B/I/2", "B/I/3", "B/I/4", "B/II/8", "B/IV/18", "B/IV/21", "B/V/22",
                          "B/V/24", "B/VI/27", "B/VI/28", "C/1", "D/1"}
    assert noted["B/VI/28"] == ("number printed as '73'; numbered 28 by the row sequence of the section",)
    assert noted["B/IV/18"] == ("number printed over lines 320-321 ('1' above '8')",)
    assert noted["D/1"] == ("no number printed; numbered 1 by the row sequence of the section",)


def test_group_headings_of_the_tsv_tables(corpus_tables: Tables) -> None:
    pl1 = corpus_tables["004"]["PL1"]
    assert [(g.locator, g.title) for g in pl1.groups] == [
        ("I", "Về kinh tế"), ("II", "Về xã hội"), ("III", "Về môi trường"),
        ("IV", "Về xây dựng Đảng và hệ thống chính trị"),
    ]
    pl3 = corpus_tables["004"]["PL3"]
    assert len(pl3.groups) == 24
    wrapped = next(g for g in pl3.groups if g.locator == "II")
    assert (wrapped.line_start, wrapped.line_end) == (602, 605)
    assert wrapped.title.endswith("ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ LÀM ĐỘNG LỰC CHÍNH THỨC ĐẨY THỰC HIỆN MỤC "
                                  "TIÊU TĂNG TRƯỞNG XANH, NHANH VÀ BỀN VỮNG")
    pl4 = corpus_tables["004"]["PL4"]
    assert len(pl4.groups) == 27
    zones = next(g for g in pl4.groups if g.locator == "B/III/4")
    assert zones.cells == (("Đơn vị tham mưu", "Chi bộ Kinh tế ngành – Văn xã"),)


def test_tsv_numbering_irregularities_are_remarked(corpus_tables: Tables) -> None:
    noted = {row.locator: row.remarks for row in corpus_tables["004"]["PL3"].rows if row.remarks}
    assert noted == {
        "I/4/4.7": ("number 4.7 follows 4.5 in the printed sequence",),
        "I/6/6.9": ("number 6.9 follows 6.7 in the printed sequence",),
        "I/8/8.4": ("no number printed; locator I/8/8.4 taken from the row sequence",),
        "I/9/9.8": ("number 9.8 follows 9.5 in the printed sequence",),
        "I/9/9.10": ("number 9.10 follows 9.8 in the printed sequence",),
        "II/3/4.0": ("number 4.0 printed under group 3",),
    }
    for name in ("PL1", "PL2", "PL4"):
        assert [row.remarks for row in corpus_tables["004"][name].rows if row.remarks] == []
