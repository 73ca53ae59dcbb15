"""The names a synthetic national corpus is made of: real provinces, ministries and directives.

The 34 provinces and cities are those of the 2025 reorganisation; the first
seven directives are the Politburo resolutions the corpus cites, with their
printed dates; further directives, when asked for, are numbered conclusions
marked synthetic in their titles.
"""

from __future__ import annotations

from dataclasses import dataclass

PROVINCES: tuple[str, ...] = (
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An",
    "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên",
    "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng",
    "Đắk Lắk", "Thành phố Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Cần Thơ", "Vĩnh Long", "Đồng Tháp",
    "Cà Mau", "An Giang",
)

MINISTRIES: tuple[tuple[str, str], ...] = (
    ("Bộ Tài chính", "BTC"), ("Bộ Công Thương", "BCT"), ("Bộ Khoa học và Công nghệ", "BKHCN"),
    ("Bộ Giáo dục và Đào tạo", "BGDĐT"), ("Bộ Y tế", "BYT"), ("Bộ Nội vụ", "BNV"), ("Bộ Tư pháp", "BTP"),
    ("Bộ Ngoại giao", "BNG"), ("Bộ Quốc phòng", "BQP"), ("Bộ Công an", "BCA"), ("Bộ Xây dựng", "BXD"),
    ("Bộ Nông nghiệp và Môi trường", "BNNMT"), ("Bộ Văn hóa, Thể thao và Du lịch", "BVHTTDL"),
    ("Bộ Dân tộc và Tôn giáo", "BDTTG"), ("Ngân hàng Nhà nước Việt Nam", "NHNN"),
    ("Thanh tra Chính phủ", "TTCP"), ("Văn phòng Chính phủ", "VPCP"), ("Ủy ban Quản lý vốn nhà nước", "UBQLV"),
    ("Đài Truyền hình Việt Nam", "ĐTHVN"), ("Thông tấn xã Việt Nam", "TTXVN"), ("Đài Tiếng nói Việt Nam", "ĐTNVN"),
    ("Viện Hàn lâm Khoa học xã hội Việt Nam", "VHLKHXH"), ("Viện Hàn lâm Khoa học và Công nghệ Việt Nam", "VHLKHCN"),
    ("Đại học Quốc gia Hà Nội", "ĐHQGHN"), ("Đại học Quốc gia Thành phố Hồ Chí Minh", "ĐHQGHCM"),
    ("Bảo hiểm xã hội Việt Nam", "BHXH"), ("Ngân hàng Chính sách xã hội", "NHCSXH"),
    ("Ngân hàng Phát triển Việt Nam", "NHPT"), ("Học viện Chính trị quốc gia Hồ Chí Minh", "HVCTQG"),
    ("Kiểm toán nhà nước", "KTNN"),
)
"""Ministries and central bodies with the code their symbols print."""

DEPARTMENTS: tuple[tuple[str, str], ...] = (
    ("Sở Tài chính", "Department of Finance"), ("Sở Nội vụ", "Department of Home Affairs"),
    ("Sở Khoa học và Công nghệ", "Department of Science and Technology"),
    ("Sở Giáo dục và Đào tạo", "Department of Education and Training"), ("Sở Y tế", "Department of Health"),
    ("Sở Công Thương", "Department of Industry and Trade"), ("Sở Xây dựng", "Department of Construction"),
    ("Sở Nông nghiệp và Môi trường", "Department of Agriculture and Environment"),
)


@dataclass(frozen=True)
class Directive:
    """A central directive: number, type code, date, title."""

    number: str
    type_code: str
    date: str
    title: str

    @property
    def symbol(self) -> str:
        """The canonical symbol (``57-NQ/TW``)."""
        return f"{self.number}-{self.type_code}/TW"


REAL_DIRECTIVES: tuple[Directive, ...] = (
    Directive("57", "NQ", "2024-12-22", "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"),
    Directive("59", "NQ", "2025-01-24", "về hội nhập quốc tế trong tình hình mới"),
    Directive("66", "NQ", "2025-04-30", "về đổi mới công tác xây dựng và thi hành pháp luật"),
    Directive("68", "NQ", "2025-05-04", "về phát triển kinh tế tư nhân"),
    Directive("70", "NQ", "2025-08-20", "về bảo đảm an ninh năng lượng quốc gia"),
    Directive("71", "NQ", "2025-08-22", "về đột phá phát triển giáo dục và đào tạo"),
    Directive("72", "NQ", "2025-09-09", "về một số giải pháp đột phá, tăng cường bảo vệ, chăm sóc và nâng cao sức khỏe Nhân dân"),
)

TASK_VERBS: tuple[str, ...] = (
    "Xây dựng", "Rà soát, hoàn thiện", "Triển khai", "Tổ chức thực hiện", "Nghiên cứu, đề xuất", "Đẩy mạnh",
    "Kiểm tra, giám sát", "Tham mưu ban hành", "Tổng kết, đánh giá", "Nâng cao chất lượng",
)
TASK_OBJECTS: tuple[str, ...] = (
    "cơ sở dữ liệu chuyên ngành", "cơ chế, chính sách hỗ trợ doanh nghiệp", "hạ tầng số dùng chung",
    "chương trình đào tạo nguồn nhân lực", "quy hoạch phát triển ngành", "thủ tục hành chính trực tuyến",
    "mạng lưới y tế cơ sở", "hệ thống trường học đạt chuẩn", "dự án năng lượng tái tạo",
    "chuyển đổi số trong cơ quan nhà nước", "công tác tuyên truyền, phổ biến", "kế hoạch đầu tư công trung hạn",
)
TIMINGS: tuple[str, ...] = (
    "Quý {roman}/{year}", "Quý {roman}/{year}", "Trong năm {year}", "Trong năm {year}", "Năm 2026 - {end}",
    "Tháng 6/{year}", "Từ tháng 6/{year}", "Trước ngày 30/6/{year}", "Thường xuyên", "Định kỳ 6 tháng/lần",
    "Khi có chỉ đạo, hướng dẫn", "Sau khi có văn bản của Trung ương", "Đã tham mưu ban hành",
)
"""Printed timing forms of the corpus, one of every kind (periods twice as often), ``{year}`` after the plan's."""
INDICATORS: tuple[tuple[str, str], ...] = (
    ("Tỷ trọng kinh tế số trong GRDP", "%"), ("Tốc độ tăng trưởng GRDP", "%"),
    ("Số doanh nghiệp đang hoạt động", "doanh nghiệp"), ("Tỷ lệ trường học đạt chuẩn quốc gia", "%"),
    ("Số giường bệnh trên 10.000 dân", "giường"), ("Tỷ lệ hồ sơ trực tuyến toàn trình", "%"),
)
