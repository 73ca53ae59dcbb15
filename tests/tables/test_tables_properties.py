"""Properties: whatever the page breaks and repeated headers, a reader returns exactly the rows printed."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from lineage.tables import load_source, read_tables
from lineage.tables.locate import find_tables, heading_number
from lineage.text.normalize import nfc

ROMAN = ["I", "II", "III", "IV", "V", "VI"]
WORDS = ["phát", "triển", "kinh", "tế", "xã", "hội", "đầu", "tư", "công", "nghệ", "số", "du", "lịch", "rừng"]
OCR_WORDS = ["phat", "kinh", "te", "xa", "hoi", "dau", "cong", "nghe", "so", "rung", "giao", "tu", "trien"]
LEADS = ["", "Chi bộ Tổng hợp – Nội chính", "Chi bộ Kinh tế ngành – Văn xã"]
TIMINGS = ["", "Năm 2026", "Quý I/2026", "Thường xuyên"]
OCR_TIMINGS = ["Thuong xuyen", "Trong nam 2026", "Quy 1/2026", "Khi co dieu kien"]

text_words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
sub_item = st.tuples(st.sampled_from(["-", "+"]), text_words, st.sampled_from(["", "10%", "95%", "> 4.500 tỷ"]))
tsv_row = st.fixed_dictionaries({
    "text": text_words, "lead": st.sampled_from(LEADS), "timing": st.sampled_from(TIMINGS),
    "subs": st.lists(sub_item, max_size=3), "break_before": st.sampled_from(["", "blank", "header", "bold"]),
})
tsv_groups = st.lists(st.lists(tsv_row, min_size=1, max_size=5), min_size=1, max_size=4)


@settings(max_examples=60, deadline=None)
@given(tsv_groups)
def test_tsv_reads_every_generated_row(groups: list[list[dict[str, Any]]]) -> None:
    lines = ["Kế hoạch.", "**PHỤ LỤC 3****Danh mục**", "-----", "TT\tNhiệm vụ\tĐơn vị tham mưu\tThời gian"]
    expected: list[tuple[str, str, int, int, int]] = []
    for g, rows in enumerate(groups):
        lines.append(f"<b>{ROMAN[g]}</b>\t<b>Nhóm {g + 1}</b>\t\t")
        for k, row in enumerate(rows, start=1):
            if row["break_before"] == "blank":
                lines.append("")
            elif row["break_before"] in {"header", "bold"}:
                lines.extend(["", "<b>TT</b>\t<b>Nhiệm vụ</b>\t<b>Đơn vị tham mưu</b>\t<b>Thời gian</b>"
                              if row["break_before"] == "bold" else "TT\tNhiệm vụ\tĐơn vị tham mưu\tThời gian"])
            lines.append(f"{k}\t{row['text'].capitalize()}\t{row['lead']}\t{row['timing']}")
            start = len(lines)
            for mark, words, value in row["subs"]:
                lines.append(f"\t{mark} {words}\t{value}\t")
            expected.append((f"{ROMAN[g]}/{k}", str(k), start, len(lines), 1 + len(row["subs"])))
    [table] = read_tables("\n".join(lines))
    assert table.unread == ()
    assert [(r.locator, r.number, r.line_start, r.line_end) for r in table.rows] == [e[:4] for e in expected]
    for row, (*_, pieces) in zip(table.rows, expected):
        assert len(row.cell_map["Nhiệm vụ"].split("\n")) == pieces
        assert len(row.cell_map["Đơn vị tham mưu"].split("\n")) <= pieces


# Each line starts with a word that is no timing word: a line of timing words alone right under a
# timing cell reads as that cell's continuation (as "duoc ban hanh" does in 000 line 244).
ocr_line = st.tuples(st.sampled_from(OCR_WORDS[:-2]), st.lists(st.sampled_from(OCR_WORDS), min_size=1, max_size=6))
ocr_content = st.lists(ocr_line.map(lambda t: " ".join([t[0], *t[1]])), min_size=1, max_size=3)
ocr_row = st.fixed_dictionaries({
    "content": ocr_content, "timing": st.sampled_from(OCR_TIMINGS), "layout": st.sampled_from(["blocks", "dense"]),
    "header_before": st.booleans(),
})
ocr_sections = st.lists(st.lists(ocr_row, min_size=1, max_size=5), min_size=1, max_size=3)
SECTIONS = ["BAN TUYEN GIAO VA DAN VAN TINH UY", "DANG UY UY BAN NHAN DAN TINH", "DANG UY HOI DONG NHAN DAN TINH"]


@settings(max_examples=60, deadline=None)
@given(ocr_sections)
def test_ocr_reads_every_generated_row(sections: list[list[dict[str, Any]]]) -> None:
    lines = ["Phu luc 01", "Bieu phan cong nhiem vu", "STT", "Cac noi dung", "Thoi gian thuc hien", "Ghi chu"]
    expected = []
    for s, rows in enumerate(sections):
        lines.append(SECTIONS[s])
        for k, row in enumerate(rows, start=1):
            if row["header_before"]:
                lines.extend(["", "STT Cac noi dung Thoi gian thuc hien | Ghi chu"])
            text = [row["content"][0].capitalize()] + row["content"][1:]
            text[-1] += "."
            start = len(lines) + 1
            if row["layout"] == "blocks":
                lines.extend([str(k), "", *text, "", row["timing"], ""])
                end = len(lines) - 1
            else:
                middle = len(text) // 2
                text[middle] = f"{k} | {text[middle]} {row['timing']}"
                lines.extend(text)
                end = len(lines)
            expected.append((f"{chr(ord('A') + s)}/{k}", str(k), start, end, row["timing"]))
    [table] = read_tables("\n".join(lines))
    assert table.shape == "ocr" and table.unread == ()
    assert [(r.locator, r.number, r.line_start, r.line_end, r.timing) for r in table.rows] == expected


@given(st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), min_size=1)
       .filter(lambda t: t.strip() != ""))
def test_load_source_keeps_every_line(text: str) -> None:
    lines = load_source(text + "\n" if "\n" not in text else text).lines
    expected = nfc(text.lstrip("\ufeff")).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if expected and expected[-1] == "":
        expected.pop()
    if "\n" not in text:
        assert list(lines) == expected or list(lines) == [nfc(text.lstrip("\ufeff"))]
    else:
        assert list(lines) == expected


@given(st.lists(st.sampled_from(["văn bản", "", "**PHỤ LỤC 1**", " Phụ lục số 02", "Phu luc 03", "1\tA",
                                 "(Chi tiết tại Phụ lục số 02)"]), max_size=30))
def test_spans_are_ordered_disjoint_and_start_at_headings(lines: list[str]) -> None:
    spans = find_tables(lines)
    for span in spans:
        assert heading_number(lines[span.line_start - 1]) is not None
        assert span.line_start <= span.line_end
        assert lines[span.line_end - 1].strip()
    for before, after in zip(spans, spans[1:]):
        assert before.line_end < after.line_start
    assert len(spans) == sum(1 for line in lines if heading_number(line) is not None)
