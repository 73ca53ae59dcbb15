"""The interface text of the site in Vietnamese and English.

Every string is written in both languages; a page carries both and its
language switch shows one (Vietnamese by default; both without styles).

>>> str(t("documents"))
'<span lang="vi" class="vi">Văn bản</span><span lang="en" class="en">Documents</span>'
"""

from __future__ import annotations

from functools import cache

from markupsafe import Markup, escape

STRINGS: dict[str, dict[str, str]] = {
    "site_title": {"vi": "Lineage — chuỗi thực hiện văn bản chỉ đạo", "en": "Lineage — directives and their chains"},
    "home": {"vi": "Trang chủ", "en": "Home"},
    "search": {"vi": "Tìm kiếm", "en": "Search"},
    "search_placeholder": {"vi": "Tìm văn bản, nhiệm vụ, cơ quan", "en": "Find documents, tasks, bodies"},
    "search_hint": {
        "vi": "Gõ có dấu hoặc không dấu, ví dụ: nghi quyet 57",
        "en": "Type with or without diacritics, e.g. nghi quyet 57",
    },
    "results": {"vi": "kết quả", "en": "results"},
    "no_results": {"vi": "Không tìm thấy kết quả.", "en": "No results."},
    "language": {"vi": "English", "en": "Tiếng Việt"},
    "documents": {"vi": "Văn bản", "en": "Documents"},
    "document": {"vi": "Văn bản", "en": "Document"},
    "part": {"vi": "Phần văn bản", "en": "Part of a document"},
    "parts": {"vi": "Các phần", "en": "Parts"},
    "task": {"vi": "Nhiệm vụ", "en": "Task"},
    "tasks": {"vi": "Nhiệm vụ", "en": "Tasks"},
    "body": {"vi": "Cơ quan, đơn vị", "en": "Body"},
    "bodies": {"vi": "Cơ quan, đơn vị", "en": "Bodies"},
    "target": {"vi": "Chỉ tiêu", "en": "Target"},
    "targets": {"vi": "Chỉ tiêu và kết quả", "en": "Targets and results"},
    "audit": {"vi": "Rà soát", "en": "Audit"},
    "ontology": {"vi": "Bản thể học", "en": "Ontology"},
    "central_directives": {"vi": "Văn bản chỉ đạo của Trung ương", "en": "Central directives"},
    "coverage_intro": {
        "vi": "Mỗi văn bản chỉ đạo và những gì tổ chức thực hiện nó trong dữ liệu: chương trình, kế hoạch, "
              "nhiệm vụ, cơ quan chủ trì và chỉ tiêu (kể cả liên kết suy luận).",
        "en": "Each directive and what carries it out in the data: programmes, plans, tasks, lead bodies and "
              "targets (inferred links included).",
    },
    "other_roots": {"vi": "Văn bản gốc khác", "en": "Other root documents"},
    "in_numbers": {"vi": "Dữ liệu", "en": "The data"},
    "symbol": {"vi": "Số, ký hiệu", "en": "Symbol"},
    "symbols_printed": {"vi": "Số, ký hiệu như in", "en": "Symbols as printed"},
    "type": {"vi": "Loại", "en": "Type"},
    "issuer": {"vi": "Cơ quan ban hành", "en": "Issuer"},
    "date": {"vi": "Ngày ban hành", "en": "Date"},
    "dates_printed": {"vi": "Ngày như in", "en": "Dates as printed"},
    "level": {"vi": "Cấp", "en": "Level"},
    "title": {"vi": "Trích yếu", "en": "Title"},
    "unnumbered": {"vi": "Văn bản không số", "en": "Unnumbered document"},
    "iri": {"vi": "IRI", "en": "IRI"},
    "diagram": {"vi": "Sơ đồ chuỗi thực hiện", "en": "Lineage diagram"},
    "diagram_note": {
        "vi": "Văn bản gốc ở trên cùng; mũi tên chỉ lên văn bản được thực hiện; nét đứt là liên kết suy luận. "
              "Bấm vào một ô để mở trang của nó.",
        "en": "Roots stand on top; arrows point up to what is implemented; dashed links are inferred. "
              "Click a box to open its page.",
    },
    "chain_up": {"vi": "Thực hiện", "en": "Implements"},
    "part_of": {"vi": "Thuộc", "en": "Part of"},
    "roots": {"vi": "Văn bản gốc", "en": "Root directives"},
    "paths": {"vi": "Các chuỗi lên văn bản gốc", "en": "Chains up to the roots"},
    "implemented_by": {"vi": "Được thực hiện bởi", "en": "Implemented by"},
    "based_on": {"vi": "Căn cứ", "en": "Based on"},
    "cites": {"vi": "Dẫn chiếu", "en": "Cites"},
    "cited_by": {"vi": "Được dẫn chiếu bởi", "en": "Cited by"},
    "reported_by": {"vi": "Được báo cáo trong", "en": "Reported on in"},
    "reports": {"vi": "Nội dung báo cáo", "en": "Report statements"},
    "aspect": {"vi": "Khía cạnh", "en": "Aspect"},
    "inferred": {"vi": "suy luận", "en": "inferred"},
    "locator": {"vi": "Vị trí", "en": "Locator"},
    "content": {"vi": "Nội dung", "en": "Content"},
    "lead": {"vi": "Chủ trì", "en": "Lead"},
    "coordinating": {"vi": "Phối hợp", "en": "Coordinating"},
    "timing": {"vi": "Thời gian", "en": "Timing"},
    "resources": {"vi": "Nguồn lực", "en": "Resources"},
    "notes": {"vi": "Ghi chú", "en": "Notes"},
    "group": {"vi": "Nhóm", "en": "Group"},
    "as_lead": {"vi": "Nhiệm vụ chủ trì", "en": "Tasks as lead"},
    "as_coordinator": {"vi": "Nhiệm vụ phối hợp", "en": "Tasks as coordinator"},
    "issued": {"vi": "Văn bản ban hành", "en": "Documents issued"},
    "responsible_for": {"vi": "Chỉ tiêu chịu trách nhiệm", "en": "Targets it is responsible for"},
    "parent_body": {"vi": "Trực thuộc", "en": "Part of"},
    "sub_bodies": {"vi": "Đơn vị trực thuộc", "en": "Sub-bodies"},
    "names": {"vi": "Tên gọi khác (như in, kể cả lỗi nhận dạng)", "en": "Other names (as printed, OCR errors too)"},
    "notation": {"vi": "Ký hiệu", "en": "Notation"},
    "indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "value": {"vi": "Giá trị", "en": "Value"},
    "printed_value": {"vi": "Giá trị như in", "en": "Value as printed"},
    "unit": {"vi": "Đơn vị tính", "en": "Unit"},
    "period": {"vi": "Thời kỳ", "en": "Period"},
    "value_kind": {"vi": "Loại giá trị", "en": "Kind of value"},
    "sector": {"vi": "Ngành, lĩnh vực", "en": "Sector"},
    "responsible": {"vi": "Đơn vị chịu trách nhiệm", "en": "Responsible body"},
    "stated_in": {"vi": "Nêu tại", "en": "Stated in"},
    "passages": {"vi": "Đoạn văn nguồn", "en": "Source passages"},
    "findings": {"vi": "Phát hiện của rà soát", "en": "Audit findings"},
    "no_findings": {"vi": "Rà soát không có phát hiện nào về mục này.", "en": "The audit found nothing about this."},
    "audit_not_run": {"vi": "Chưa chạy rà soát.", "en": "The audit was not run."},
    "severity": {"vi": "Mức độ", "en": "Severity"},
    "check": {"vi": "Kiểm tra", "en": "Check"},
    "evidence": {"vi": "Căn cứ", "en": "Evidence"},
    "data_links": {"vi": "Dữ liệu của trang này", "en": "The data of this page"},
    "rdf": {"vi": "RDF (Turtle)", "en": "RDF (Turtle)"},
    "sparql": {"vi": "SPARQL tạo ra RDF này", "en": "SPARQL that produces it"},
    "trace_query": {"vi": "Truy vấn truy vết (tham số subject)", "en": "Trace query (parameter subject)"},
    "impact_query": {"vi": "Truy vấn tác động (tham số directive)", "en": "Impact query (parameter directive)"},
    "all_tasks": {"vi": "Tất cả nhiệm vụ", "en": "All tasks"},
    "show_all": {"vi": "Hiện tất cả", "en": "Show all"},
    "count": {"vi": "Số lượng", "en": "Count"},
    "programmes_plans": {"vi": "Văn bản thực hiện", "en": "Implementing documents"},
    "lead_bodies": {"vi": "Cơ quan chủ trì", "en": "Lead bodies"},
    "none": {"vi": "Không có", "en": "None"},
    "kind": {"vi": "Loại", "en": "Kind"},
    "pages": {"vi": "Trang", "en": "Pages"},
    "previous": {"vi": "Trước", "en": "Previous"},
    "next": {"vi": "Sau", "en": "Next"},
    "whole_finding": {"vi": "Xem phát hiện trong báo cáo rà soát", "en": "See the finding in the audit report"},
    "subjects": {"vi": "đối tượng", "en": "subjects"},
    "generated": {
        "vi": "Tạo bởi lineage từ đồ thị dữ liệu; mỗi thông tin dẫn về đoạn văn nguồn.",
        "en": "Made by lineage from the data graph; every fact leads back to its source passage.",
    },
}

KIND_KEYS = {"document": "document", "part": "part", "task": "task", "body": "body", "target": "target"}


@cache
def t(key: str) -> Markup:
    """Both languages of ``key`` as two spans; the page's switch shows one."""
    text = STRINGS[key]
    return Markup(
        f'<span lang="vi" class="vi">{escape(text["vi"])}</span><span lang="en" class="en">{escape(text["en"])}</span>'
    )


@cache
def plain(key: str) -> str:
    """Both languages in one plain string (``Văn bản / Documents``), for attributes and titles."""
    text = STRINGS[key]
    return text["vi"] if text["vi"] == text["en"] else f"{text['vi']} / {text['en']}"
