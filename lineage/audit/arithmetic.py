"""Arithmetic: figures printed as the sum or average of others that do not add up.

Rules: ``period-average`` (a planned value for a run of years that is neither the
average nor the compound average of the yearly values printed beside it),
``contributions-sum`` (sector contributions to growth that do not add up to the
growth target), ``components-sum`` (a count whose parts do not add up to it; parts
introduced by "trong đó", of which, may fall short) and ``shares-sum`` (the
shares of a structure, cơ cấu / tỷ trọng, that do not make 100 %). A printed
figure matches when it equals the computed one rounded to the printed decimals.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator

from lineage.audit.context import AuditContext, IndicatorValue
from lineage.audit.indicators import period_years, unit_scale, words
from lineage.audit.model import Check, Finding
from lineage.text.normalize import fold

NAME = "arithmetic"
PLANNED = frozenset({"target", "scenario"})
RATE_UNITS = ("%", "diem%", "%/nam", "%grdp")
SHARE_WORDS = ("co cau", "ty trong")
GROWTH_WORDS = ("tang truong",)


def run(ctx: AuditContext) -> Iterator[Finding]:
    """Every arithmetic finding of the graph."""
    groups: dict[tuple[str, str, str], list[IndicatorValue]] = defaultdict(list)
    for value in ctx.targets.values():
        if value.value is not None and value.comparator in ("=", ""):
            groups[(ctx.document_of(value.document) or value.document, fold(value.indicator), value.kind)].append(value)
    for (_, _, kind), values in sorted(groups.items()):
        if kind in PLANNED:
            yield from period_averages(ctx, values)
        yield from components(ctx, values)
        yield from shares(ctx, values)
    yield from contributions(ctx)


def period_averages(ctx: AuditContext, values: list[IndicatorValue]) -> Iterator[Finding]:
    """A value for years A–B beside values for each year A … B must be their average or compound average."""
    by_sector: dict[tuple[str, str], list[IndicatorValue]] = defaultdict(list)
    for value in values:
        by_sector[(value.sector or "", value.unit)].append(value)
    for (sector, _), group in sorted(by_sector.items()):
        yearly = {}
        for value in group:
            years = period_years(value.period)
            if years and years[0] == years[1] and value.period.strip().isdigit():
                yearly[years[0]] = value
        for value in group:
            years = period_years(value.period)
            if not years or years[0] == years[1] or any(y not in yearly for y in range(years[0], years[1] + 1)):
                continue
            run_of = [yearly[y] for y in range(years[0], years[1] + 1)]
            numbers = [v.value for v in run_of if v.value is not None]
            mean = sum(numbers) / len(numbers)
            compound = (math.prod(1 + n / 100 for n in numbers) ** (1 / len(numbers)) - 1) * 100
            printed = value.value or 0.0
            if _rounds_to(mean, printed, value) or _rounds_to(compound, printed, value):
                continue
            name = value.indicator + (f" ({sector})" if sector else "")
            listed = ", ".join(v.printed or f"{v.value:g}" for v in run_of)
            yield ctx.finding(
                NAME, "period-average", "warning", [value.iri, *(v.iri for v in run_of)],
                f"„{name}” giai đoạn {value.period} in là {value.printed or printed}, trong khi các năm ({listed}) "
                f"bình quân {mean:.3f} (bình quân nhân {compound:.3f}).",
                f"'{name}' for {value.period} is printed {value.printed or printed}, while the yearly values "
                f"({listed}) average {mean:.3f} (compound {compound:.3f}).",
                ctx.evidence(value.iri, limit=1),
            )


def contributions(ctx: AuditContext) -> Iterator[Finding]:
    """Contributions to growth (điểm %) by sector must add up to the growth target of the same document and period."""
    parts: dict[tuple[str, str], list[IndicatorValue]] = defaultdict(list)
    totals: dict[tuple[str, str], list[IndicatorValue]] = defaultdict(list)
    for value in ctx.targets.values():
        document = ctx.document_of(value.document) or value.document
        if value.value is None:
            continue
        if value.kind == "contribution" and value.sector:
            parts[(document, value.period)].append(value)
        elif (value.kind in PLANNED and not value.sector and unit_scale(value.unit)[0] == "%"
              and any(w in fold(value.indicator) for w in GROWTH_WORDS)):
            totals[(document, value.period)].append(value)
    for key, group in sorted(parts.items()):
        if len(group) < 2 or not totals.get(key):
            continue
        group.sort(key=lambda v: (ctx.position(v.iri), v.iri))
        total = min(totals[key], key=lambda v: (ctx.sequences.get(v.iri, 0), v.iri))
        added = sum(v.value or 0.0 for v in group)
        if abs(added - (total.value or 0.0)) <= _tolerance(group) + _tolerance([total]):
            continue
        listed = " + ".join(f"{v.value:g}" for v in group)
        yield ctx.finding(
            NAME, "contributions-sum", "warning", [total.iri, *(v.iri for v in group)],
            f"Đóng góp của các ngành ({listed} = {added:g} điểm %) không bằng mục tiêu tăng trưởng "
            f"{total.printed or total.value} ({total.period}).",
            f"The sectors' contributions ({listed} = {added:g} percentage points) do not add up to the growth "
            f"target {total.printed or total.value} ({total.period}).",
            ctx.evidence(total.iri, limit=1) + tuple(e for v in group for e in ctx.evidence(v.iri, limit=1)),
        )


def components(ctx: AuditContext, values: list[IndicatorValue]) -> Iterator[Finding]:
    """A counted total and its parts printed together must add up (parts 'of which' may fall short)."""
    for (_, period, unit), group in sorted(_together(values).items()):
        if unit_scale(unit)[0] in RATE_UNITS or "%" in unit:
            continue
        totals = [v for v in group if not v.sector]
        parts = sorted((v for v in group if v.sector), key=lambda v: ctx.position(v.iri))
        if len(totals) != 1 or len(parts) < 2:
            continue
        total = totals[0]
        added = sum(v.value or 0.0 for v in parts)
        expected = total.value or 0.0
        of_which = any("trong do" in fold(e.quote) for v in group for e in ctx.evidence(v.iri, limit=None))
        if abs(added - expected) <= _tolerance(parts) + _tolerance([total]) or (of_which and added < expected):
            continue
        listed = " + ".join(f"{v.printed or v.value}" for v in parts)
        yield ctx.finding(
            NAME, "components-sum", "error", [total.iri, *(v.iri for v in parts)],
            f"„{total.indicator}” ({period}): các phần {listed} cộng lại được {added:g} {unit}, không bằng tổng "
            f"{total.printed or expected} in cùng chỗ.",
            f"'{total.indicator}' ({period}): the parts {listed} add up to {added:g} {unit}, not to the total "
            f"{total.printed or expected} printed with them.",
            ctx.evidence(total.iri, limit=1) + tuple(e for v in parts for e in ctx.evidence(v.iri, limit=1)),
        )


def shares(ctx: AuditContext, values: list[IndicatorValue]) -> Iterator[Finding]:
    """The shares of one structure (cơ cấu, tỷ trọng) printed together must make 100 %."""
    for (_, period, unit), group in sorted(_together(values).items()):
        name = fold(group[0].indicator)
        if unit.strip() != "%" or not any(name.startswith(w) for w in SHARE_WORDS):
            continue
        parts = sorted((v for v in group if v.sector), key=lambda v: (ctx.position(v.iri), v.iri))
        if len(parts) < 2 or len(parts) != len(group):
            continue
        added = sum(v.value or 0.0 for v in parts)
        if abs(added - 100.0) <= _tolerance(parts):
            continue
        listed = " + ".join(f"{v.value:g}" for v in parts)
        yield ctx.finding(
            NAME, "shares-sum", "warning", [v.iri for v in parts],
            f"Cơ cấu „{group[0].indicator}” ({period}): {listed} = {added:g}%, không phải 100%.",
            f"The structure '{group[0].indicator}' ({period}): {listed} = {added:g}%, not 100%.",
            tuple(e for v in parts for e in ctx.evidence(v.iri, limit=1)),
        )


def _together(values: list[IndicatorValue]) -> dict[tuple[str, str, str], list[IndicatorValue]]:
    """Values printed in one place (same locator, footnotes apart), for one period and unit, sector words kept apart."""
    found: dict[tuple[str, str, str], list[IndicatorValue]] = defaultdict(list)
    for value in values:
        locator = (value.locator or "").split("/fn")[0]
        found[(locator, value.period, value.unit)].append(value)
    for key, group in list(found.items()):
        sectors = [words(v.sector or "") for v in group]
        if len(set(sectors)) != len(sectors):
            del found[key]  # the same breakdown twice: two tables, not one sum
    return found


def _decimals(value: IndicatorValue) -> int:
    digits = "".join(ch for ch in value.printed if ch.isdigit() or ch in ",.")
    if "," in digits:
        return len(digits.rsplit(",", 1)[1])
    if digits.count(".") == 1 and len(digits.rsplit(".", 1)[1]) != 3:
        return len(digits.rsplit(".", 1)[1])
    return 0


def _tolerance(values: list[IndicatorValue]) -> float:
    """Half a unit of the last printed decimal, for each value added."""
    return sum(0.5 * 10 ** -_decimals(v) for v in values) + 1e-9


def _rounds_to(computed: float, printed: float, value: IndicatorValue) -> bool:
    return abs(computed - printed) <= 0.5 * 10 ** -_decimals(value) + 1e-9


CHECK = Check(
    NAME,
    {"vi": "Số học", "en": "Arithmetic"},
    {
        "vi": "Các số lẽ ra phải cộng thành tổng hoặc bình quân mà không khớp: bình quân giai đoạn so với các năm, "
              "đóng góp của các ngành vào tăng trưởng GRDP, các phần của một tổng, cơ cấu không đủ 100%.",
        "en": "Figures that should add up and do not: period averages against the yearly values, sector "
              "contributions to GRDP growth, the parts of a total, structures that do not make 100%.",
    },
    run,
)
