"""Cross-source conflicts: one document or one target described differently in two places.

Rules: ``document-date`` (two dates for one document), ``document-issuer`` and
``document-type`` (a warning, or info when one issuer is part of the other),
``document-title`` (titles that share too few words to be one title),
``target-value`` and ``target-unit`` (the same indicator for the same year set to
different values or in different units by two documents), ``target-definition``
(nearly the same indicator, worded differently, with a different value) and
``target-below-achieved`` (a target set below what a report says was already reached).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lineage.audit.context import AuditContext, IndicatorValue
from lineage.audit.indicators import (
    bounds,
    lower_is_better,
    period_years,
    show,
    similarity,
    unit_scale,
    value_key,
    words,
)
from lineage.audit.kinds import same_jurisdiction
from lineage.audit.model import Check, Finding

NAME = "conflicts"
TITLE_OVERLAP = 0.5
"""Two titles of one document conflict when fewer than half the words of the shorter are in the longer."""
DEFINITION_SIMILARITY = 0.6
"""Indicators whose words overlap this much (but differ) are the same target defined differently."""
ACHIEVED_SIMILARITY = 0.8
"""An observation speaks to a target when their indicators share this much of their words."""
COMMON_SHARE, COMMON_MIN = 0.02, 50
"""A word shared by more than this share of the values (and more than this many) finds no candidates."""
TARGET_KINDS = frozenset({"target", "scenario"})
_PROPERTY_RULES = {
    "http://data.europa.eu/eli/ontology#passed_by": ("document-issuer", "cơ quan ban hành", "issuer"),
    "http://data.europa.eu/eli/ontology#type_document": ("document-type", "loại văn bản", "document type"),
}
_TITLES = """
SELECT DISTINCT ?document ?graph ?title WHERE {
  GRAPH ?graph { ?document dcterms:title ?title }
  FILTER NOT EXISTS { ?document a eli:LegalResourceSubdivision }
}
"""
_PRINTED_DATES = "SELECT ?document ?graph ?printed WHERE { GRAPH ?graph { ?document lin:printedDate ?printed } }"


def run(ctx: AuditContext) -> Iterator[Finding]:
    """Every conflict of the graph."""
    yield from document_dates(ctx)
    yield from document_descriptions(ctx)
    yield from document_titles(ctx)
    yield from target_conflicts(ctx)
    yield from targets_below_achieved(ctx)


def document_dates(ctx: AuditContext) -> Iterator[Finding]:
    """One document, two dates."""
    printed: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in ctx.rows(_PRINTED_DATES):
        printed[(row["document"] or "", row["graph"] or "")].append(row["printed"] or "")
    for row in ctx.query("conflicting-document-dates"):
        document, graph, other = row["document"] or "", row["graph"] or "", row["otherGraph"] or ""
        a, b = _file(ctx, graph), _file(ctx, other)
        said_a = _printed(printed, document, graph, row["date"] or "")
        said_b = _printed(printed, document, other, row["otherDate"] or "")
        name = ctx.display(document)
        yield ctx.finding(
            NAME, "document-date", "error", [document],
            f"{name} được ghi ngày {row['date']} („{said_a}”) tại {a} nhưng ngày {row['otherDate']} („{said_b}”) "
            f"tại {b}: hai nguồn mâu thuẫn về ngày ban hành.",
            f"{name} is dated {row['date']} ('{said_a}') in {a} but {row['otherDate']} ('{said_b}') in {b}: "
            "the sources disagree on when it was issued.",
            ctx.evidence(document, source=a, limit=1) + ctx.evidence(document, source=b, limit=1),
        )


def document_descriptions(ctx: AuditContext) -> Iterator[Finding]:
    """One document, two issuers or two types; a body and the body it belongs to only differ in detail."""
    for row in ctx.query("conflicting-document-descriptions"):
        document, value, other = row["document"] or "", row["value"] or "", row["otherValue"] or ""
        rule, word_vi, word_en = _PROPERTY_RULES[row["property"] or ""]
        a, b = _file(ctx, row["graph"] or ""), _file(ctx, row["otherGraph"] or "")
        nested = rule == "document-issuer" and (ctx.within(value, other) or ctx.within(other, value))
        first, second = _label(ctx, value), _label(ctx, other)
        why_vi = " (cơ quan này là một bộ phận của cơ quan kia)" if nested else ""
        why_en = " (one is part of the other)" if nested else ""
        name = ctx.display(document)
        yield ctx.finding(
            NAME, rule, "info" if nested else "warning", [document, *([value, other] if ctx.kind(value) else [])],
            f"{name}: {word_vi} là „{first}” tại {a} nhưng „{second}” tại {b}{why_vi}.",
            f"{name}: the {word_en} is '{first}' in {a} but '{second}' in {b}{why_en}.",
            ctx.evidence(document, source=a, limit=1) + ctx.evidence(document, source=b, limit=1),
        )


def document_titles(ctx: AuditContext) -> Iterator[Finding]:
    """One document whose titles in two places share too few words to be the same title."""
    titles: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in ctx.rows(_TITLES):
        titles[row["document"] or ""].append((row["graph"] or "", row["title"] or ""))
    for document, found in sorted(titles.items()):
        distinct = list(dict.fromkeys(title for _, title in found))
        clashes = {(a, b) for a in distinct for b in distinct if a != b and _titles_clash(words(a), words(b))}
        if not clashes:
            continue  # one title, however many places give it, or titles that share their words
        for i, (graph, title) in enumerate(found):
            for other_graph, other in found[i + 1:]:
                if (title, other) not in clashes:
                    continue
                fa, fb = _file(ctx, graph), _file(ctx, other_graph)
                name = ctx.display(document)
                yield ctx.finding(
                    NAME, "document-title", "info", [document],
                    f"{name} được nêu với hai trích yếu khác hẳn nhau: „{title}” ({fa}) và „{other}” ({fb}).",
                    f"{name} is given two titles that share few words: '{title}' ({fa}) and '{other}' ({fb}).",
                    ctx.evidence(document, source=fa, limit=1) + ctx.evidence(document, source=fb, limit=1),
                )


def _titles_clash(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two titles (as their words) share fewer than ``TITLE_OVERLAP`` of the shorter one's words."""
    return bool(a) and bool(b) and len(a & b) / min(len(a), len(b)) < TITLE_OVERLAP


def target_conflicts(ctx: AuditContext) -> Iterator[Finding]:
    """The same indicator for the same final year, set by two documents to different values or units.

    Each value is paired with its closest match in every other document of its jurisdiction (same
    final year, same sector, both or neither a yearly rate); a pair counts only when each is the
    other's closest: two provinces (or a province and the centre) setting one indicator to different
    values do not contradict each other.
    Equal names that differ in value or unit are conflicts; close names that differ too are the
    same target defined differently.
    """
    values = [v for v in ctx.targets.values() if v.kind in TARGET_KINDS and period_years(v.period)]
    best = _best_matches(ctx, values)
    for (a_iri, _), (score, b_iri) in sorted(best.items()):
        a, b = ctx.targets[a_iri], ctx.targets[b_iri]
        if a_iri > b_iri or best.get((b_iri, _document(ctx, a)), (0.0, ""))[1] != a_iri:
            continue
        if score == 1.0:
            rule = _difference(a, b)
        elif bounds(a) and bounds(b) and (_numbers_differ(a, b) or unit_scale(a.unit)[0] != unit_scale(b.unit)[0]):
            rule = "target-definition"
        else:
            rule = None
        if rule:
            yield _target_finding(ctx, rule, a, b, _last_year(a))


def _best_matches(ctx: AuditContext, values: list[IndicatorValue]) -> dict[tuple[str, str], tuple[float, str]]:
    """(value, other document) → (similarity, closest value of that document), through a word index."""
    keys = {v.iri: value_key(v) for v in values}
    sectors = {v.iri: words(v.sector or "") for v in values}
    index = _word_index(values, keys, _last_year)
    best: dict[tuple[str, str], tuple[float, str]] = {}
    for value in values:
        home = _document(ctx, value)
        for other in _candidates(index, keys[value.iri], _last_year(value)):
            where = _document(ctx, other)
            if where == home or not _same_span_kind(value, other) or not same_jurisdiction(home, where):
                continue
            score = similarity(keys[value.iri], keys[other.iri])
            if sectors[other.iri] != sectors[value.iri] and (score < 1.0 or (value.sector and other.sector)):
                continue  # a breakdown matches another breakdown, or a name that says the same in full
            if score >= DEFINITION_SIMILARITY and score > best.get((value.iri, where), (0.0, ""))[0]:
                best[(value.iri, where)] = (score, other.iri)
    return best


@dataclass
class WordIndex:
    """Indicator values by their exact words and by each word, per year; the commonest words are left out."""

    exact: dict[tuple[int, frozenset[str]], list[IndicatorValue]]
    by_word: dict[tuple[int, str], list[IndicatorValue]]
    common: int


def _word_index(values: list[IndicatorValue], keys: dict[str, frozenset[str]],
                year: Callable[[IndicatorValue], int]) -> WordIndex:
    exact: dict[tuple[int, frozenset[str]], list[IndicatorValue]] = defaultdict(list)
    by_word: dict[tuple[int, str], list[IndicatorValue]] = defaultdict(list)
    for value in values:
        exact[(year(value), keys[value.iri])].append(value)
        for word in keys[value.iri]:
            by_word[(year(value), word)].append(value)
    return WordIndex(exact, by_word, max(COMMON_MIN, int(len(values) * COMMON_SHARE)))


def _candidates(index: WordIndex, key: frozenset[str], year: int) -> Iterator[IndicatorValue]:
    """Values of ``year`` named with the same words, then those sharing a word that is not among the commonest."""
    seen: set[str] = set()
    for value in index.exact.get((year, key), ()):
        seen.add(value.iri)
        yield value
    for word in key:
        found = index.by_word.get((year, word), ())
        if len(found) > index.common:
            continue
        for value in found:
            if value.iri not in seen:
                seen.add(value.iri)
                yield value


def targets_below_achieved(ctx: AuditContext) -> Iterator[Finding]:
    """A target set for the years ahead below the level a report says was already reached.

    A target counts when its period ends after the year of the document that sets it; it is
    compared with the latest observations, of the same (or all but the same) indicator and
    sector, that were reached by then.
    """
    observations = [v for v in ctx.targets.values()
                    if v.kind == "observation" and bounds(v) is not None and period_years(v.period)]
    index = _word_index(observations, {o.iri: value_key(o) for o in observations}, lambda _: 0)
    for target in ctx.targets.values():
        years = period_years(target.period)
        issued = ctx.document_year(_document(ctx, target))
        if target.kind != "target" or bounds(target) is None or not years or issued is None or years[1] <= issued:
            continue
        reached = _closest_observations(target, index, min(issued, years[0]))
        latest = max((_last_year(o) for o in reached), default=None)
        behind = [(o, gap) for o in reached if _last_year(o) == latest
                  for gap in [_behind(target, o)] if gap is not None]
        if not behind:
            continue
        observation, (done, aim) = behind[0]
        name = target.indicator + (f" ({target.sector})" if target.sector else "")
        yield ctx.finding(
            NAME, "target-below-achieved", "warning", [target.iri, observation.iri],
            f"Chỉ tiêu „{name}” cho {target.period} tại {ctx.display(target.document)} là {show(target)}, "
            f"thấp hơn mức {show(observation)} đã đạt ({observation.period}) theo "
            f"{ctx.display(observation.document)}.",
            f"The target '{name}' for {target.period} in {ctx.display(target.document)} is {show(target)} "
            f"({aim:g}), below the {show(observation)} ({done:g}) already reached in {observation.period} "
            f"according to {ctx.display(observation.document)}.",
            ctx.evidence(target.iri, limit=1) + ctx.evidence(observation.iri, limit=1),
        )


def _closest_observations(target: IndicatorValue, index: WordIndex, by_year: int) -> list[IndicatorValue]:
    """The observations ending by ``by_year`` whose indicator is closest to the target's, in the same unit."""
    key, sector, unit = value_key(target), words(target.sector or ""), unit_scale(target.unit)[0]
    scored: dict[str, tuple[float, IndicatorValue]] = {}
    for observation in _candidates(index, key, 0):
        if _last_year(observation) > by_year:
            continue
        if words(observation.sector or "") != sector or unit_scale(observation.unit)[0] != unit:
            continue
        scored[observation.iri] = (similarity(key, value_key(observation)), observation)
    top = max((score for score, _ in scored.values()), default=0.0)
    if top < ACHIEVED_SIMILARITY:
        return []
    return [o for score, o in scored.values() if score == top]


def _behind(target: IndicatorValue, observation: IndicatorValue) -> tuple[float, float] | None:
    """(reached, aimed) in the target's unit when the target aims lower than what was reached, else None."""
    unit_t, scale_t = unit_scale(target.unit)
    unit_o, scale_o = unit_scale(observation.unit)
    aim, reached = bounds(target), bounds(observation)
    if unit_t != unit_o or aim is None or reached is None:
        return None
    low, high = aim[0] * scale_t, aim[1] * scale_t
    done_low, done_high = reached[0] * scale_o, reached[1] * scale_o
    if lower_is_better(target):
        return (done_high / scale_t, low / scale_t) if low > done_high else None
    return (done_low / scale_t, high / scale_t) if high < done_low else None


def _target_finding(ctx: AuditContext, rule: str, a: IndicatorValue, b: IndicatorValue, year: int) -> Finding:
    da, db = ctx.display(a.document), ctx.display(b.document)
    what_vi = {"target-value": "giá trị khác nhau", "target-unit": "đơn vị tính khác nhau",
               "target-definition": "cách định nghĩa và giá trị khác nhau"}[rule]
    what_en = {"target-value": "different values", "target-unit": "different units",
               "target-definition": "a different definition and value"}[rule]
    na = a.indicator + (f" ({a.sector})" if a.sector else "")
    nb = b.indicator + (f" ({b.sector})" if b.sector else "")
    return ctx.finding(
        NAME, rule, "info" if rule == "target-definition" else "warning", [a.iri, b.iri],
        f"Chỉ tiêu đến năm {year} có {what_vi}: „{na}” là {show(a)} ({a.period}) tại {da}, "
        f"„{nb}” là {show(b)} ({b.period}) tại {db}.",
        f"A target for {year} has {what_en}: '{na}' is {show(a)} ({a.period}) in {da}, "
        f"'{nb}' is {show(b)} ({b.period}) in {db}.",
        ctx.evidence(a.iri, limit=1) + ctx.evidence(b.iri, limit=1),
    )


def _difference(a: IndicatorValue, b: IndicatorValue) -> str | None:
    if unit_scale(a.unit)[0] != unit_scale(b.unit)[0] and a.unit and b.unit:
        return "target-unit"
    return "target-value" if _numbers_differ(a, b) else None


def _numbers_differ(a: IndicatorValue, b: IndicatorValue) -> bool:
    ba, bb = bounds(a), bounds(b)
    if ba is None or bb is None:
        return False
    scale_a, scale_b = unit_scale(a.unit)[1], unit_scale(b.unit)[1]
    return any(abs(x * scale_a - y * scale_b) > 1e-9 for x, y in zip(ba, bb, strict=True))


def _same_span_kind(a: IndicatorValue, b: IndicatorValue) -> bool:
    """Two values are for the same thing only if both are rates per year or neither is."""
    return unit_scale(a.unit)[0].endswith("/nam") == unit_scale(b.unit)[0].endswith("/nam")


def _last_year(value: IndicatorValue) -> int:
    years = period_years(value.period)
    return years[1] if years else 0


def _document(ctx: AuditContext, value: IndicatorValue) -> str:
    return ctx.document_of(value.document) or value.document


def _file(ctx: AuditContext, graph: str) -> str:
    source = ctx.sources.get(graph)
    return source.file if source else graph.rsplit("/", 1)[-1]


def _label(ctx: AuditContext, iri: str) -> str:
    if ctx.kind(iri) == "body":
        return ctx.body_label(iri)
    return iri.rsplit("/", 1)[-1]


def _printed(printed: dict[tuple[str, str], list[str]], document: str, graph: str, date: str) -> str:
    """The printed date of ``document`` in ``graph`` that reads as ``date`` (its ISO form when none)."""
    found = printed.get((document, graph), [])
    year, month, day = date.split("-") if date.count("-") == 2 else ("", "", "")
    for text in found:
        if year in text and str(int(day or 0)) in text and str(int(month or 0)) in text:
            return text
    return found[0] if found else date


CHECK = Check(
    NAME,
    {"vi": "Mâu thuẫn giữa các nguồn", "en": "Cross-source conflicts"},
    {
        "vi": "Cùng một văn bản được hai nguồn ghi khác nhau (ngày, trích yếu, cơ quan ban hành, loại văn bản); cùng "
              "một chỉ tiêu có giá trị, đơn vị hoặc định nghĩa khác nhau ở hai văn bản; chỉ tiêu đặt thấp hơn mức "
              "báo cáo cho biết đã đạt.",
        "en": "The same document described differently by two sources (date, title, issuer, type); the same target "
              "with different values, units or definitions in two documents; a target set below what a report "
              "says was already reached.",
    },
    run,
)
