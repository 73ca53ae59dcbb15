"""Field-by-field spot checks: at least five rows of every corpus table, values read off the source.

Each case: document, table, locator → printed number, start of the text, lead,
timing, first and last line. OCR text is checked as printed (no diacritics,
OCR damage kept); document errors are kept as printed too (004 PL3 2.5 and
PL4 V/1 print a body in the timing column; PL4 B/I/1 prints ``Năm 2026-203``).
"""

from __future__ import annotations

import pytest

from lineage.tables import Table

CASES = [
    # --- 000 Phụ lục 01 (OCR): no lead column; timing as the OCR printed it
    ("000", "PL01", "A/1", "", "Dinh hudng cac co quan bao chi, truyén thong", None, "Thuong xuyén", 176, 180),
    ("000", "PL01", "B/I/1", "", "Tap trung trién khai thuc hién diéu chinh Quy hoach tinh", None,
     "Hoan thanh trong Quy /2026", 188, 195),
    ("000", "PL01", "B/II/8", "2", "X4y dung va trién khai thuc hién hiéu qua Nghi quyét cia Ban Chap hanh Déng bg",
     None, "Hoan thanh xay dung Nghi quyét trong quy I/20?6; Thuong xuyén trién khai thyc hién Nghi quyét sau khi "
     "duoc ban hanh", 239, 244),
    ("000", "PL01", "B/III/12", "12", "Tang cudng quan 1y chit ché cong tac thu, chi ngan sach", None,
     "Thuong xuyén", 276, 283),
    ("000", "PL01", "B/IV/16", "16", "Hoan thanh tuyén dudng ndi cao tbc Noi Bai - Lao Cai", None, "Quy 1/2026",
     317, 317),
    ("000", "PL01", "B/IV/19", "19", "Phé duyé hoach chi tiét Cang hang khong Lai Chau", None, "Khi da didu kién",
     322, 324),
    ("000", "PL01", "B/V/22", "0y", "Hinh thanh trung tim doi méi sang tao gan truc tiép véi bai toan ctia doanh "
     "ng?iép", None, "Khi di didu kién", 331, 334),
    ("000", "PL01", "B/V/24", "P2", "Ban hanh Danh muc co s¢ dir liéu, bdo dam dir li€u phai dugc thuong xuyén cap",
     None, "Hoan thanh trong Quy 1/2026", 340, 342),
    ("000", "PL01", "B/VI/27", "7", "Xay dung va trién kbai thuc hién hiéu qua Nghi quyét ctia Tinh Gy", None,
     "Hoan thanh xay dung Nghi quyét trong Quy I/2Q26; thuong xuyén trién khai thyc hién Nghi quyét sau khi duoc "
     "ban hanh", 363, 368),
    ("000", "PL01", "C/2", "2", "Ra soat, nghién ctru xay dung, sua ddi, bd sung", None, "Thuong xuyén", 389, 391),
    ("000", "PL01", "D/1", "", "TEam muu. ABarf", None, "Trong nim 2026", 393, 394),
    ("000", "PL01", "E/1", "1", "Tuyén truyén, van dong doan vién, hoi vién va nhan dan", None, "Thuéng xuyén",
     396, 400),
    # --- 001 Phụ lục 02 (wrapped blocks)
    ("001", "PL02", "A/1", "1", "Nghị quyết về phát triển nông nghiệp hàng hóa, dược liệu theo hướng kinh tế xanh, "
     "giai đoạn 2026 - 2030.", "Đảng ủy UBND tỉnh", "Tháng 01/2026", 304, 335),
    ("001", "PL02", "A/2", "2", "Nghị quyết về phát triển du lịch giai đoạn 2026 - 2030, định hướng đến năm 2035.",
     "Đảng ủy UBND tỉnh", "Tháng 01/2026", 337, 362),
    ("001", "PL02", "A/4", "4", "Nghị quyết về phát triển khoa học công nghệ và chuyển đổi số.", "Đảng ủy UBND tỉnh",
     "Tháng 01/2026", 405, 441),
    ("001", "PL02", "A/6", "6", "Nghị quyết về hoàn thiện cơ sở dữ liệu đất đai trên địa bàn tỉnh.",
     "Đảng ủy UBND tỉnh", "Tháng 01/2026", 472, 491),
    ("001", "PL02", "A/7", "7", "Kết luận của Ban Chấp hành Đảng bộ tỉnh về tiếp tục thực hiện Nghị quyết số "
     "08-NQ/TU ngày 20/5/2021", "Đảng ủy UBND tỉnh", "Tháng 01/2026", 506, 537),
    ("001", "PL02", "B/1", "1", "Ứng dụng mạnh mẽ công nghệ số, tối ưu hóa mô hình vận hành",
     "- Đảng ủy UBND tỉnh - Văn phòng Tỉnh ủy", "Thường xuyên", 541, 581),
    ("001", "PL02", "B/2", "2", "Phân định rõ trách nhiệm, quyền hạn giữa cấp tỉnh và cấp xã", "Đảng ủy UBND tỉnh",
     "Thường xuyên", 583, 640),
    # --- 004 Phụ lục 1 (targets; no timing column; the lead cell is printed once per merged range)
    ("004", "PL1", "I/1", "1", "- Tốc độ tăng trưởng GRDP - GRDP bình quân đầu người - Thu nhập",
     "Chi bộ Tổng hợp – Nội chính", None, 360, 362),
    ("004", "PL1", "I/2", "2", "Thu ngân sách nhà nước trên địa bàn phân đấu đến năm 2030",
     "Chi bộ Kinh tế ngành – Văn xã", None, 363, 363),
    ("004", "PL1", "I/3", "3", "Giá trị hàng địa phương tham gia xuất khẩu", None, None, 364, 364),
    ("004", "PL1", "II/9", "9", "- Phổ cập giáo dục mầm non cho trẻ em từ 3 đến 5 tuổi", None, None, 372, 381),
    ("004", "PL1", "II/10", "10", "- Giải quyết việc làm - Đào tạo nghề", None, None, 383, 391),
    ("004", "PL1", "III/16", "16", "Tỷ lệ che phủ rừng", "Chi bộ Kinh tế ngành – Văn xã", None, 411, 411),
    ("004", "PL1", "IV/22", "22", "Cán bộ, công chức cơ quan làm chủ kỹ năng số", None, None, 421, 421),
    # --- 004 Phụ lục 2
    ("004", "PL2", "I/1", "1", "Đề án sắp xếp, kiện toàn thôn bản, tổ dân phố", "Chi bộ Kinh tế ngành – Văn xã",
     "Quý II/2026", 433, 433),
    ("004", "PL2", "I/3", "3", "Nghị quyết về phát triển du lịch giai đoạn 2026 - 2030",
     "Chi bộ Kinh tế ngành – Văn xã", "Đã tham mưu ban hành", 435, 435),
    ("004", "PL2", "I/7", "7", "Nghị quyết về tăng cường bảo vệ, chăm sóc và nâng cao sức khỏe Nhân dân",
     "Chi bộ Kinh tế ngành – Văn xã", "Đã tham mưu ban hành", 441, 441),
    ("004", "PL2", "II/1", "1", "Nghị quyết về nâng cao trình độ, năng lực cán bộ cấp xã",
     "Chi bộ Tổng hợp – Nội chính", "Đã tham mưu ban hành", 444, 444),
    ("004", "PL2", "III/2", "2", "Nghị quyết về tăng cường công tác phổ biến, giáo dục pháp luật",
     "Chi bộ Tổng hợp – Nội chính", "Đã ban hành", 450, 450),
    # --- 004 Phụ lục 3
    ("004", "PL3", "I/1/1.1", "1.1", "Thực hiện Đề án của Trung ương về tổng kết 100 năm Đảng lãnh đạo",
     "Chi bộ Hành chính – Quản trị", "Khi có chỉ đạo, hướng dẫn", 462, 462),
    ("004", "PL3", "I/2/2.13", "2.13", "Triển khai thực hiện Đề án của Ban Chấp hành Đảng bộ tỉnh về “Nâng cao chất "
     "lượng hoạt động báo cáo viên", "Chi bộ Hành chính – Quản trị", "Khi có chỉ đạo, hướng dẫn", 482, 482),
    ("004", "PL3", "I/4/4.9", "4.9", "Tham mưu chỉ đạo thực hiện số hóa tài liệu",
     "Chi bộ Tổng hợp – Nội chính; Kinh tế ngành - Văn xã", "Từ tháng 6/2026", 504, 504),
    ("004", "PL3", "I/6/6.2", "6.2", "Xây dựng và triển khai thực hiện các quy định, quy chế về tiêu chuẩn chức danh",
     "Chi bộ Hành chính – Quản trị", "Thực hiện thường xuyên", 524, 527),
    ("004", "PL3", "I/8/8.4", "", "Thực hiện đồng bộ, hiệu lực, hiệu quả thể chế của Trung ương để \"không thể\"",
     "Chi bộ Hành chính – Quản trị", "Thực hiện thường xuyên", 555, 555),
    ("004", "PL3", "II/2/2.13", "2.13", "Thực hiện hiệu quả Chương trình hành động của Tỉnh ủy thực hiện Nghị quyết "
     "số 68-NQ/TW", "Chi bộ Kinh tế ngành – Văn xã", "Năm 2026 - 2030", 622, 622),
    ("004", "PL3", "II/3/4.0", "4.0", "Triển khai thực hiện Đề án của Trung ương về bảo đảm an ninh nguồn nước",
     "Chi bộ Kinh tế ngành – Văn xã", "Từ khi ban hành đề án", 650, 650),
    ("004", "PL3", "III/2/2.5", "2.5", "Triển khai thực hiện Đề án của Trung ương về phát triển và ứng dụng trí tuệ "
     "nhân tạo", "Chi bộ Kinh tế ngành – Văn xã", "Chi bộ Kinh tế ngành – Văn xã", 666, 666),
    # --- 004 Phụ lục 4
    ("004", "PL4", "A/I/1", "1", "Cao tốc Bảo Hà (Lào Cai) - Lai Châu (CT13).", "Chi bộ Kinh tế ngành – Văn xã",
     "Năm 2026-2030", 701, 701),
    ("004", "PL4", "A/I/4", "4", "Hầm đường bộ qua đèo Hoàng Liên.", "Chi bộ Kinh tế ngành – Văn xã",
     "Hoàn thành năm 2027", 704, 704),
    ("004", "PL4", "A/III/1", "1", "Dự án xây dựng thao trường huấn luyện Bộ Chỉ huy Quân sự tỉnh.",
     "Chi bộ Tổng hợp – Nội chính", "Năm 2026-2030", 721, 721),
    ("004", "PL4", "B/I/1", "1.", "Quần thể du lịch nghỉ dưỡng, vui chơi giải trí", "Chi bộ Kinh tế ngành – Văn xã",
     "Năm 2026-203", 755, 755),
    ("004", "PL4", "B/III/4/4.1", "4.1", "Khu công nghiệp Mường So.", "Chi bộ Kinh tế ngành – Văn xã",
     "Năm 2026-2030", 819, 819),
    ("004", "PL4", "B/V/1", "1", "Phát triển các khu đô thị/nhà ở thương mại", "Chi bộ Kinh tế ngành – Văn xã",
     "Chi bộ Kinh tế ngành – Văn xã", 842, 842),
    ("004", "PL4", "B/X/2", "2", "Cơ sở xử lý chất thải rắn trên địa bàn tỉnh Lai Châu”.",
     "Chi bộ Kinh tế ngành – Văn xã", "Năm 2026-2030", 864, 864),
]


@pytest.mark.parametrize(("doc", "name", "locator", "number", "text", "lead", "timing", "start", "end"), CASES,
                         ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in CASES])
def test_row_fields(corpus_tables: dict[str, dict[str, Table]], doc: str, name: str, locator: str, number: str,
                    text: str, lead: str | None, timing: str | None, start: int, end: int) -> None:
    row = corpus_tables[doc][name].row(locator)
    assert row.number == number
    assert row.text.startswith(text)
    assert row.lead == lead
    assert row.timing == timing
    assert (row.line_start, row.line_end) == (start, end)


def test_at_least_five_spot_checks_per_table() -> None:
    counts: dict[tuple[str, str], int] = {}
    for case in CASES:
        counts[(case[0], case[1])] = counts.get((case[0], case[1]), 0) + 1
    counts[("001", "PL01")] = len(GRID)
    assert len(counts) == 7 and min(counts.values()) >= 5


# 001 Phụ lục 01: the growth scenario grid, (locator, number, label, 2026, 2030, 2026-2030, lines)
GRID = [
    ("0", "", "Tổng sản phẩm trên địa bàn (GRDP)", "10", "10", "10", 264, 268),
    ("1", "1.", "Nông, lâm nghiệp và thủy sản", "4,55", "4,52", "4,48", 270, 271),
    ("2", "2.", "Công nghiệp và Xây dựng\n- Công nghiệp\n- Xây dựng", "14,21\n13,93\n15,3", "12,94\n11,35\n18,35",
     "13,57\n12,87\n16,06", 273, 277),
    ("3", "3.", "Dịch vụ", "7,83", "8,15", "8,0", 278, 278),
    ("4", "4.", "Thuế sản phẩm trừ trợ cấp sản phẩm", "5,0", "5,5", "5,0", 279, 280),
]


@pytest.mark.parametrize("case", GRID, ids=[c[0] for c in GRID])
def test_growth_scenario_grid(corpus_tables: dict[str, dict[str, Table]],
                              case: tuple[str, str, str, str, str, str, int, int]) -> None:
    locator, number, label, y2026, y2030, period, start, end = case
    table = corpus_tables["001"]["PL01"]
    assert table.columns == ("Chỉ tiêu", "Năm 2026", "Năm 2027", "Năm 2028", "Năm 2029", "Năm 2030",
                             "Giai đoạn 2026-2030", "Ghi chú")
    assert "Đơn vị tính: %" in table.captions
    row = table.row(locator)
    assert row.number == number
    assert row.cell("Chỉ tiêu") == label
    assert (row.cell("Năm 2026"), row.cell("Năm 2030"), row.cell("Giai đoạn 2026-2030")) == (y2026, y2030, period)
    assert row.cell("Ghi chú") == ""
    assert (row.lead, row.timing) == (None, None)
    assert (row.line_start, row.line_end) == (start, end)


def test_programme_cells_of_001(corpus_tables: dict[str, dict[str, Table]]) -> None:
    table = corpus_tables["001"]["PL02"]
    assert table.columns == ("TT", "Tên Chương trình/nhiệm vụ/đề án", "Mục tiêu/Chỉ tiêu", "Cơ quan chủ trì",
                             "Cơ quan phối hợp", "Thời gian ban hành", "Nguồn lực")
    first = table.row("A/1")
    goal = first.cell_map["Mục tiêu/Chỉ tiêu"]
    assert goal.startswith("Khai thác tiềm năng, lợi thế địa phương")
    assert goal.endswith("phù hợp với xu thế phát triển bền vững.")
    assert (first.coordinating, first.resources) == ("Đảng ủy các xã, phường và Đảng ủy có liên quan", "NSNN")
    b1 = table.row("B/1")
    assert b1.coordinating == "- Các sở, ban, ngành, đoàn thể tỉnh - Các đảng ủy trực thuộc tỉnh"
    assert b1.resources == "NSNN NSNN"  # printed twice
    b2 = table.row("B/2")
    assert b2.text.endswith("Tiếp tục hoàn thiện, tháo gỡ, vướng mắc trong thực hiện mô hình chính quyền địa "
                            "phương hai cấp, gắn với đẩy mạnh phân cấp, phân quyền và đảm bảo phân bổ nguồn lực, "
                            "nâng cao năng lực thực thi, phù hợp thực tiễn địa phương. Rà soát, đánh giá tình hình "
                            "thực hiện phân cấp, ủy quyền cấp tỉnh, cấp xã và đề xuất kế hoạch phân cấp, ủy quyền "
                            "giai đoạn 2026-2030.")
    assert b2.remarks == ("Tên Chương trình/nhiệm vụ/đề án continues after the page break (lines 630-640)",)
    assert [g.title for g in table.groups] == ["CÁC NGHỊ QUYẾT CHUYÊN ĐỀ, KẾT LUẬN, CHỈ THỊ", "NHIỆM VỤ TRỌNG TÂM"]
    assert b2.group == ("NHIỆM VỤ TRỌNG TÂM",)


def test_target_sub_items_pair_up_by_position(corpus_tables: dict[str, dict[str, Table]]) -> None:
    row = corpus_tables["004"]["PL1"].row("II/9")
    labels = row.cell_map["Chỉ tiêu"].split("\n")
    values = row.cell_map["Mục tiêu 2026 - 2030"].split("\n")
    assert len(labels) == 10
    pairs = dict(zip(labels, values))
    assert pairs["+ Mẫu giáo"] == "99,8%"
    assert pairs["- Tỷ lệ huy động học sinh trong độ tuổi đến trường:"] == ""
    assert pairs["- Tỷ lệ trường đạt chuẩn quốc gia"] == "≥80%"
    assert row.group == ("Về xã hội",)


def test_ocr_text_keeps_print_and_leaves_number_and_timing_out(corpus_tables: dict[str, dict[str, Table]]) -> None:
    table = corpus_tables["000"]["PL01"]
    assert table.columns == ("STT", "Cac ngi dung", "Thoi gian thyc hién", "Ghi chu")
    assert table.title == "Bi¢u phan cdng nhi¢m vu cu thé cho cic chp iy, to chirc ding"
    row = table.row("B/IV/17")
    assert row.text == "Pay nhanh tién d6 dau tu xdy dung Ham duong bd qua déo Hoang Lién."
    assert row.raw == "17 | Pay nhanh tién d6 dau tu xdy dung Ham duong bd qua déo Hoang Lién. Thuong xuyén"
    assert row.group == ("DPANG UY UY BAN NHAN DAN TINH",
                         "Nhém nhiém vu xdy dung, tao buéc dot pha vé hé thong két ciu ha tang giao thong")
    assert row.notes is None
    last = table.row("B/VII/31")
    assert last.text.endswith('"ndm ndng cao chat lwong can bo co so"’')
    assert last.timing == "Hong xuyen"  # 'Thường xuyên' split by the OCR over lines 383-384
