"""Edge cases on small inline documents: one per layout trap, and the input errors."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from lineage.tables import TableReadError, Unread, read_tables
from lineage.tables.locate import detect_shape, find_footers, find_tables, heading_number

FOOTER = "Tài liệu này thuộc quyền sở hữu của cơ quan ban hành văn bản."

WRAPPED = f"""Kế hoạch có một phụ lục.
{FOOTER}
 Phụ lục số 02
Danh mục nhiệm vụ
(Kèm theo Kế hoạch số 1-KH/TU)
-----
TT Tên nhiệm vụ Mục tiêu/Chỉ tiêu
Cơ quan chủ
trì
Cơ quan phối
hợp
Thời gian
ban hành Nguồn lực

A NHIỆM VỤ TRỌNG TÂM

1
Xây dựng đề án phát triển
du lịch cộng đồng.

Tăng lượt khách
mỗi năm.

Sở Văn hóa, Thể thao
và Du lịch

Các xã,

phường

Quý II/2026 NSNN
{FOOTER}
 TT Tên nhiệm vụ Mục tiêu/Chỉ tiêu
Cơ quan chủ
trì
Cơ quan phối
hợp
Thời gian
ban hành Nguồn lực

2 Hoàn thiện cơ sở dữ liệu
đất đai, gắn với

Dữ liệu đúng, đủ.

Sở Nông nghiệp

Các xã

Thường
xuyên NSNN
{FOOTER}
 TT Tên nhiệm vụ Mục tiêu/Chỉ tiêu
Cơ quan chủ
trì
Cơ quan phối
hợp
Thời gian
ban hành Nguồn lực

chuyển đổi số toàn tỉnh.
"""


def test_wrapped_cells_page_footer_and_repeated_header() -> None:
    [table] = read_tables(WRAPPED)
    assert (table.name, table.shape, table.title) == ("PL02", "wrapped", "Danh mục nhiệm vụ")
    assert table.columns == ("TT", "Tên nhiệm vụ", "Mục tiêu/Chỉ tiêu", "Cơ quan chủ trì", "Cơ quan phối hợp",
                             "Thời gian ban hành", "Nguồn lực")
    assert [(g.locator, g.title) for g in table.groups] == [("A", "NHIỆM VỤ TRỌNG TÂM")]
    first, second = table.rows
    assert (first.locator, first.number, first.lines) == ("A/1", "1", (17, 31))
    assert first.text == "Xây dựng đề án phát triển du lịch cộng đồng."
    assert first.cell("Mục tiêu/Chỉ tiêu") == "Tăng lượt khách mỗi năm."
    assert (first.lead, first.coordinating) == ("Sở Văn hóa, Thể thao và Du lịch", "Các xã, phường")
    assert (first.timing, first.resources) == ("Quý II/2026", "NSNN")
    # the second row's name goes on after the footer and the repeated header of the next page
    assert (second.locator, second.lines) == ("A/2", (41, 61))
    assert second.text == "Hoàn thiện cơ sở dữ liệu đất đai, gắn với chuyển đổi số toàn tỉnh."
    assert (second.timing, second.resources) == ("Thường xuyên", "NSNN")
    assert second.remarks == ("Tên nhiệm vụ continues after the page break (lines 61-61)",)
    assert FOOTER not in second.raw and "Cơ quan chủ" not in second.raw
    assert table.unread == ()


def test_wrapped_text_after_a_complete_row_without_page_break_is_unread() -> None:
    text = WRAPPED.replace("Quý II/2026 NSNN\n", "Quý II/2026 NSNN\n\nGhi chú lạc chỗ.\n")
    [table] = read_tables(text)
    assert table.unread == (Unread("PL02", 33, "Ghi chú lạc chỗ.", "text after a complete row, not a numbered row"),)
    assert table.numbers == ["1", "2"]


GRID = """ Phụ lục số 01
Kịch bản tăng trưởng
 Đơn vị tính: %
Chỉ tiêu Năm
2026

Năm
2027

Ghi
chú

Tổng sản phẩm
trên địa bàn

(GRDP)
10 10
1. Nông, lâm nghiệp
và thủy sản 4,55 4,4
 - Lâm nghiệp 3,1 3,2
Dòng lạc không có số liệu
"""


def test_grid_rows_sub_items_and_leftover_label() -> None:
    [table] = read_tables(GRID)
    assert table.columns == ("Chỉ tiêu", "Năm 2026", "Năm 2027", "Ghi chú")
    assert table.captions == ("Đơn vị tính: %",)
    assert table.numbers == ["", "1."]
    total, farm = table.rows
    assert (total.locator, total.cell("Chỉ tiêu"), total.cell("Năm 2027"), total.lines) == (
        "0", "Tổng sản phẩm trên địa bàn (GRDP)", "10", (13, 17))
    assert farm.cell("Chỉ tiêu") == "Nông, lâm nghiệp và thủy sản\n- Lâm nghiệp"
    assert farm.cell("Năm 2026") == "4,55\n3,1"
    assert farm.lines == (18, 20)
    assert table.unread == (Unread("PL01", 21, "Dòng lạc không có số liệu", "label without values at the end of the "
                                   "table"),)


TSV = "\n".join([
    "Phần thân văn bản.",
    "**PHỤ LỤC 1****Danh mục chỉ tiêu**",
    "(Kèm theo Kế hoạch)",
    "-----",
    "STT\tChỉ tiêu\tMục tiêu 2030\tĐơn vị tham mưu",
    "<b>I</b>\t<b>Về kinh tế</b>\t\t",
    "1\t- Tăng trưởng GRDP\tKhoảng 10%\tChi bộ Tổng hợp",
    "\t- GRDP bình quân\t\t",
    "\t+ Khu vực nông thôn\t90 triệu đồng",
    "",
    "<b>STT</b>\t<b>Chỉ tiêu</b>\t<b>Mục tiêu 2030</b>\t<b>Đơn vị tham mưu</b>",
    "\tvà thành thị\t\t",
    "<b>III Về môi trường</b>\t\t\t",
    "2\tTỷ lệ che phủ rừng\t55%\t",
    "\tTỷ lệ thu gom rác thải\t95%\tChi bộ Kinh tế",
    "Dòng không có tab",
    "3\tA\tB\tC\tthừa",
])


def test_tsv_groups_continuations_and_leftovers() -> None:
    [table] = read_tables(TSV)
    assert (table.name, table.shape, table.title, table.captions) == ("PL1", "tsv", "Danh mục chỉ tiêu",
                                                                        ("(Kèm theo Kế hoạch)",))
    assert [(g.locator, g.number, g.title) for g in table.groups] == [("I", "I", "Về kinh tế"),
                                                                       ("III", "III", "Về môi trường")]
    assert table.numbers == ["1", "2", "", "3"]
    one = table.rows[0]
    assert one.lines == (7, 12)  # sub-items, then a wrapped piece after the repeated bold header
    assert one.cell("Chỉ tiêu") == "- Tăng trưởng GRDP\n- GRDP bình quân\n+ Khu vực nông thôn và thành thị"
    assert one.cell("Mục tiêu 2030") == "Khoảng 10%\n\n90 triệu đồng"
    assert one.lead == "Chi bộ Tổng hợp"
    unnumbered = table.rows[2]
    # 3 is printed on the next row, so the unnumbered row gets a key that cannot be mistaken for a number
    assert (unnumbered.locator, unnumbered.text, unnumbered.lead) == ("III/_2", "Tỷ lệ thu gom rác thải",
                                                                       "Chi bộ Kinh tế")
    assert unnumbered.remarks == ("no number printed; locator III/_2 taken from the row sequence",)
    assert table.rows[3].locator == "III/3"
    assert table.unread == (Unread("PL1", 16, "Dòng không có tab", "line without tabs inside a tab-separated table"),)
    assert table.rows[3].lead == "C thừa"
    assert table.rows[3].remarks == ("line 17 has 5 cells for 4 columns; the surplus is joined into the last column",)


OCR = """Phu luc 01
Bieu phan cong nhiem vu
STT
Cac ngi dung
Thoi gian thuc hien
Ghi chu
DPANG UY UY BAN NHAN DAN TINH
Nhom nhiem vu phat trien kinh te
Tap trung phat trien nong nghiep
hang hoa.

Thuong xuyen

2
Xay dung ke hoach dau tu cong.

Trong nam 2026
STT Cac ngi dung Thoi gian thuce hien | Ghi chu
I Nhom nhiem vu ve giao thong
7 | Hoan thanh tuyen duong noi. Quy 1/2026
Kien nghi voi Trung uong som trien khai tuyen cao toc - 5
1 : 1 . : ; T 2026
8 Lai Chau (CT.13). rong am
Ban hanh Danh muc co so du lieu | Hoan thanh trong Quy
P2 2 A s : A A A,
cap nhat thuong xuyen. 1/2026
C |PANG UY HOI PONG NHAN DAN TINH
Tang cuong giam sat viec thuc hien .
' | muc tieu tang truong nam 2026 Trong nam 2026
"""


def test_ocr_broken_rows() -> None:
    [table] = read_tables(OCR)
    assert (table.shape, table.columns) == ("ocr", ("STT", "Cac ngi dung", "Thoi gian thuc hien", "Ghi chu"))
    assert [(g.locator, g.number) for g in table.groups] == [("A", ""), ("A/I", ""), ("A/II", "I"), ("B", "C")]
    assert [(r.locator, r.number, r.lines) for r in table.rows] == [
        ("A/I/1", "", (9, 12)),
        ("A/I/2", "2", (14, 17)),
        ("A/II/3", "7", (20, 20)),
        ("A/II/4", "18", (21, 23)),
        ("A/II/5", "P2", (24, 26)),
        ("B/1", "'", (28, 29)),
    ]
    rows = {r.locator: r for r in table.rows}
    assert rows["A/I/1"].text == "Tap trung phat trien nong nghiep hang hoa."
    assert rows["A/I/2"].timing == "Trong nam 2026"
    assert rows["A/II/3"].remarks == ("number printed as '7'; numbered 3 by the row sequence of the section",)
    assert rows["A/II/4"].remarks[0] == "number printed over lines 22-23 ('1' above '8')"
    assert rows["A/II/5"].timing == "Hoan thanh trong Quy 1/2026"
    assert rows["A/II/5"].text == "Ban hanh Danh muc co so du lieu cap nhat thuong xuyen."
    assert rows["B/1"].timing == "Trong nam 2026"
    assert table.unread == ()


def test_a_number_printed_twice_gets_a_distinct_locator() -> None:
    [table] = read_tables("PHỤ LỤC 2\nTT\tTên\tThời gian\n1\tMột\tNăm 2026\n1\tHai\tNăm 2027\n")
    assert [r.locator for r in table.rows] == ["1", "1~2"]
    assert table.rows[1].remarks == ("number 1 follows 1 in the printed sequence",
                                     "locator 1 already used in this table; this row is 1~2")


@pytest.mark.parametrize(("heading", "body", "shape"), [
    ("**PHỤ LỤC 1**", ["Danh mục", "1\tmột dòng có tab", "2\tdòng khác"], "tsv"),
    (" Phụ lục số 02", ["Danh mục chương trình", "Nội dung không có tiêu đề cột."], "wrapped"),
    ("Phu luc 01", ["Bieu phan cong", "Noi dung khong co dong tieu de."], "ocr"),
])
def test_a_table_without_column_header_is_all_unread(heading: str, body: list[str], shape: str) -> None:
    [table] = read_tables("\n".join(["Văn bản.", heading, *body]))
    assert (table.shape, table.rows) == (shape, ())
    assert [(u.line, u.text) for u in table.unread] == [(3 + i, " ".join(text.split())) for i, text in enumerate(body)]
    assert all("no column header" in u.reason for u in table.unread)


def test_no_table_in_a_document_without_appendix() -> None:
    assert read_tables("Báo cáo không có phụ lục.\n(Chi tiết tại Phụ lục số 02)\n") == []


def test_heading_forms() -> None:
    assert [heading_number(h) for h in ("**PHỤ LỤC 3****Danh mục", " Phụ lục số 02", "Phu luc 01", "PHỤ LỤC II",
                                        "#### **2. Mục tiêu (Phụ lục 1 kèm theo)**", "Phụ lục 1 kèm theo")] == [
        "3", "02", "01", "II", None, None]


def test_spans_and_shapes() -> None:
    lines = TSV.split("\n") + ["", " Phụ lục số 02", "TT Tên", "1 Việc một", ""]
    spans = find_tables(lines)
    assert [(s.name, s.line_start, s.line_end) for s in spans] == [("PL1", 2, 17), ("PL02", 19, 21)]
    assert [detect_shape(lines, s) for s in spans] == ["tsv", "wrapped"]
    assert find_footers(WRAPPED.split("\n"), find_tables(WRAPPED.split("\n"))) == frozenset({FOOTER})


# --- input errors: the message names the file and says what to do --------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(TableReadError, match=r"empty\.txt: the file is empty"):
        read_tables(path)
    path.write_text(" \n\t\n", encoding="utf-8")
    with pytest.raises(TableReadError, match="empty"):
        read_tables(str(path))


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.7\n\x00\x01\x02binary")
    with pytest.raises(TableReadError, match=r"scan\.pdf: looks binary \(NUL byte at offset 9\); export the document "
                                             r"as plain UTF-8 text"):
        read_tables(path)


def _cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: precomposed base letters, tone marks as combining characters."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


def test_windows_1258_bytes(tmp_path: Path) -> None:
    path = tmp_path / "cp1258.txt"
    path.write_bytes(_cp1258("PHỤ LỤC 1\nSTT\tChỉ tiêu\n1\tĐảng ủy tỉnh\n"))
    with pytest.raises(TableReadError) as caught:
        read_tables(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: not valid UTF-8 (byte 0x")
    assert "convert it to UTF-8" in message and "WINDOWS-1258" in message
    assert isinstance(caught.value, ValueError)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(TableReadError, match="no such file"):
        read_tables(tmp_path / "missing.txt")
    with pytest.raises(TableReadError, match="is a directory"):
        read_tables(tmp_path)
    with pytest.raises(TableReadError, match=r"missing\.txt: no such file; check the path"):
        read_tables(str(tmp_path / "missing.txt"))
    with pytest.raises(TableReadError, match="no such file"):
        read_tables("000_typo.txt")


def test_bytes_text_bom_and_crlf() -> None:
    data = ("\ufeff" + TSV.replace("\n", "\r\n")).encode("utf-8")
    [table] = read_tables(data)
    assert table.numbers == ["1", "2", "", "3"]
    assert table.rows[0].lines == (7, 12)
    with pytest.raises(TableReadError, match="<bytes>: not valid UTF-8"):
        read_tables(_cp1258("Đảng ủy"))
