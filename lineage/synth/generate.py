"""``lineage synth``: a synthetic national corpus in the project's model, with a listed set of planted defects.

Every province carries each central directive down through a Tỉnh ủy action
programme (``CTr/TU``) and a UBND plan (``KH-UBND``) with a task table; every
ministry through a plan of its own; each province reports on every directive.
Defects are planted at places drawn from the seed and listed in
``defects.json``: the validation and the audit must find exactly those.
Deterministic for a seed: the same arguments give the same bytes.
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path

from lineage.atomic import atomic_dir
from lineage.iris import document_iri, org_iri, part_iri, slug
from lineage.synth import vocabulary as vocab
from lineage.synth.writer import ELI, LIN, SourceWriter, concept, iri, literal
from lineage.text.timing import parse_timing

IMPLEMENTS = f"{ELI}ensures_implementation_of"
BASE_DATE = (2026, 1)
"""Programmes are dated from January 2026 on, a month after one another; plans follow their programme."""


@dataclass(frozen=True)
class SynthSpec:
    """How big a synthetic corpus is, and its seed."""

    provinces: int
    ministries: int
    directives: int
    tasks_per_plan: int
    seed: int = 1

    def __post_init__(self) -> None:
        limits = (("provinces", self.provinces, 1, len(vocab.PROVINCES)),
                  ("ministries", self.ministries, 1, len(vocab.MINISTRIES)),
                  ("directives", self.directives, 2, 99), ("tasks_per_plan", self.tasks_per_plan, 4, 5000))
        for name, value, low, high in limits:
            if not low <= value <= high:
                raise ValueError(f"{name} must be between {low} and {high}, not {value}")


SIZES: dict[str, SynthSpec] = {
    "small": SynthSpec(provinces=6, ministries=4, directives=7, tasks_per_plan=40),
    "national": SynthSpec(provinces=34, ministries=30, directives=10, tasks_per_plan=38),
    "large": SynthSpec(provinces=34, ministries=30, directives=20, tasks_per_plan=96),
}
"""Presets: about 100 k, 1 M and 5 M triples."""


@dataclass
class Defect:
    """A defect planted on purpose: its kind, the nodes it concerns, what it is."""

    kind: str
    subjects: list[str]
    description: str


@dataclass
class SynthResult:
    """What was generated."""

    spec: SynthSpec
    triples: int = 0
    sources: int = 0
    documents: int = 0
    tasks: int = 0
    defects: list[Defect] = field(default_factory=list)


@dataclass(frozen=True)
class Issuer:
    """A body that issues documents: its IRI, its symbol code, its jurisdiction, its working units."""

    name: str
    iri: str
    code: str
    jurisdiction: str
    level: str
    units: tuple[str, ...]


def generate(spec: SynthSpec, out: Path, base: str) -> SynthResult:
    """Write the corpus into ``out`` (replaced whole, atomically)."""
    with atomic_dir(out) as folder:
        (folder / "sources").mkdir()
        (folder / "texts").mkdir()
        result = _Generator(spec, base, folder).run()
        (folder / "defects.json").write_text(
            json.dumps([asdict(d) for d in result.defects], ensure_ascii=False, indent=2), encoding="utf-8")
        summary = {**asdict(spec), "triples": result.triples, "sources": result.sources,
                   "documents": result.documents, "tasks": result.tasks}
        (folder / "synth.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return result


class _Generator:
    def __init__(self, spec: SynthSpec, base: str, folder: Path) -> None:
        self.spec = spec
        self.base = base
        self.folder = folder
        self.random = random.Random(spec.seed)
        self.result = SynthResult(spec)
        self.bodies: list[tuple[str, str, str, str, str, str | None]] = []  # iri, vi, en, level, code, parent
        self.labels: dict[str, str] = {}
        self.timings: dict[str, tuple[str, str, str | None, str | None]] = {}
        self.first_statements: dict[int, str] = {}
        self.politburo = self._body("Bộ Chính trị", "Politburo", "central", "TW", None)
        self.directives = self._directives()
        self.provinces = [self._province(name) for name in vocab.PROVINCES[: spec.provinces]]
        self.ministries = [self._ministry(name, code) for name, code in vocab.MINISTRIES[: spec.ministries]]
        self.planted = self._plant()

    # -- bodies and directives --------------------------------------------------------------------

    def _body(self, vi: str, en: str, level: str, code: str, parent: str | None) -> str:
        node = org_iri(self.base, vi)
        self.bodies.append((node, vi, en, level, code, parent))
        self.labels[node] = vi
        return node

    def _province(self, name: str) -> tuple[Issuer, Issuer]:
        place = name if name.startswith("Thành phố") else f"tỉnh {name}"
        party = self._body(f"Ban Thường vụ Tỉnh ủy {name}", f"Standing Committee of the {name} Party Committee",
                           "province", "TU", None)
        people = self._body(f"Ủy ban nhân dân {place}", f"People's Committee of {name}", "province", "UBND", None)
        units = tuple(self._body(f"{vi} {place}", f"{en} of {name}", "agency", "", people)
                      for vi, en in vocab.DEPARTMENTS)
        jurisdiction = f"vn-{slug(name).replace('-', '')}"
        return (Issuer(name, party, "TU", jurisdiction, "province", units),
                Issuer(name, people, "UBND", jurisdiction, "province", units))

    def _ministry(self, name: str, code: str) -> Issuer:
        ministry = self._body(name, name, "central", code, None)
        units = tuple(self._body(f"{unit}, {name}", f"{unit}, {name}", "central", "", ministry)
                      for unit in ("Văn phòng", "Vụ Kế hoạch - Tài chính", "Vụ Pháp chế"))
        return Issuer(name, ministry, code, "vn", "central", units)

    def _directives(self) -> list[vocab.Directive]:
        directives = list(vocab.REAL_DIRECTIVES[: self.spec.directives])
        for index in range(len(directives), self.spec.directives):
            number = str(300 + index)
            directives.append(vocab.Directive(number, "KL", f"2025-{index % 12 + 1:02d}-15",
                                              f"(tổng hợp) về nhóm nhiệm vụ số {index + 1}"))
        return directives

    def _directive_iri(self, directive: vocab.Directive) -> str:
        return document_iri(self.base, "vn", "TW", directive.type_code, int(directive.date[:4]), directive.number)

    # -- planted defects --------------------------------------------------------------------------

    def _plant(self) -> dict[str, set[tuple[int, int]]]:
        """For each kind, the (province or ministry index, directive index) places it goes to."""
        per_kind = 1 + self.spec.provinces // 12
        places = [(p, d) for p in range(self.spec.provinces) for d in range(self.spec.directives)]
        chosen = self.random.sample(places, min(len(places), per_kind * 5))
        kinds = ("orphan", "date_inversion", "conflicting_date", "numbering_gap", "conflicting_target")
        planted = {kind: set(chosen[i * per_kind: (i + 1) * per_kind]) for i, kind in enumerate(kinds)}
        ministry = self.random.randrange(self.spec.ministries)
        planted["cycle"] = {(ministry, 0), (ministry, 1)}
        return planted

    def _defect(self, kind: str, subjects: list[str], description: str) -> None:
        self.result.defects.append(Defect(kind, subjects, description))

    # -- the corpus -------------------------------------------------------------------------------

    def run(self) -> SynthResult:
        for p, (party, people) in enumerate(self.provinces):
            for d, directive in enumerate(self.directives):
                programme = self._programme(p, d, party, directive)
                self._plan(p, d, people, directive, programme, province=True)
            self._report(p, people)
        for m, ministry in enumerate(self.ministries):
            for d, directive in enumerate(self.directives):
                self._plan(m, d, ministry, directive, None, province=False)
        self._write_bodies()
        self._write_inferred()
        return self.result

    def _programme(self, p: int, d: int, party: Issuer, directive: vocab.Directive) -> tuple[str, str]:
        number = str(10 + d)
        date = self._date(d, 0)
        node = document_iri(self.base, party.jurisdiction, "TU", "CTr", 2026, number)
        source = self._source(f"p{p:02d}-ctr-{number}")
        symbol = f"{number}-CTr/TU"
        heading = source.line(f"TỈNH ỦY {party.name.upper()} Số {symbol}, ngày {_vn(date)}")
        source.line("CHƯƠNG TRÌNH HÀNH ĐỘNG")
        title = f"thực hiện Nghị quyết số {directive.symbol} {directive.title}"
        source.line(title)
        self._own(source, node, symbol, "ctr", party, date, f"Chương trình hành động {title}", heading)
        self._implements(source, node, directive,
                         f"Thực hiện Nghị quyết số {directive.symbol} ngày {_vn(directive.date)} của Bộ Chính trị "
                         f"{directive.title}, Ban Thường vụ Tỉnh ủy ban hành Chương trình hành động như sau:")
        indicator, unit = vocab.INDICATORS[d % len(vocab.INDICATORS)]
        line = source.line(f"Phấn đấu đến năm 2030: {indicator} đạt {self._target_value(p, d)} {unit}.")
        source.target(f"{node}/value/1", document=node, locator="II.1", indicator=indicator,
                      value=self._target_value(p, d), unit=unit, period="2030", responsible=party.iri,
                      passage=source.passage(line))
        self._finish(source)
        return node, date

    def _plan(self, index: int, d: int, issuer: Issuer, directive: vocab.Directive,
              programme: tuple[str, str] | None, *, province: bool) -> None:
        place = (index, d)
        number = str(100 + d) if province else str(200 + d)
        date = self._date(d, 1)
        if province and place in self.planted["date_inversion"]:
            date = self._date(d, -2)
        code = f"KH-{issuer.code}"
        node = document_iri(self.base, issuer.jurisdiction, issuer.code, "KH", 2026, number)
        source = self._source(f"{'p' if province else 'm'}{index:02d}-kh-{number}")
        symbol = f"{number}/{code}"
        heading = source.line(f"{issuer.name.upper()} Số: {symbol}, ngày {_vn(date)}")
        source.line("KẾ HOẠCH")
        title = f"thực hiện Nghị quyết số {directive.symbol} {directive.title}"
        source.line(title)
        self._own(source, node, symbol, "kh", issuer, date, f"Kế hoạch {title}", heading)
        if programme is None:
            self._implements(source, node, directive, f"Thực hiện Nghị quyết số {directive.symbol} ngày "
                             f"{_vn(directive.date)} của Bộ Chính trị {directive.title}, {issuer.name} ban hành "
                             "Kế hoạch thực hiện như sau:")
        elif place in self.planted["orphan"]:
            source.line(f"{issuer.name} ban hành Kế hoạch thực hiện như sau:")
            self._defect("orphan", [node, programme[0]], f"plan {symbol} of {issuer.name} states no document it "
                         "implements, leaving its programme without a plan")
        else:
            self._implements_programme(source, node, programme, place, symbol, issuer)
        if province and place in self.planted["date_inversion"]:
            assert programme is not None
            self._defect("date_inversion", [node, programme[0]],
                         f"plan {symbol} of {issuer.name} ({date}) is dated before the programme it implements "
                         f"({programme[1]})")
        if province and place in self.planted["conflicting_target"]:
            self._conflicting_target(source, node, index, d, issuer, programme)
        self._tasks(source, node, issuer, symbol, int(date[:4]), gap=province and place in self.planted["numbering_gap"])
        if not province and place in self.planted["cycle"]:
            self._cycle(source, node, index, d, issuer)
        self._finish(source)

    def _implements_programme(self, source: SourceWriter, node: str, programme: tuple[str, str],
                              place: tuple[int, int], symbol: str, issuer: Issuer) -> None:
        programme_node, programme_date = programme
        party = self.provinces[place[0]][0]
        number = str(10 + place[1])
        printed = programme_date
        if place in self.planted["conflicting_date"]:
            printed = f"{programme_date[:8]}{int(programme_date[8:]) + 3:02d}"
            self._defect("conflicting_date", [programme_node],
                         f"programme {number}-CTr/TU of {party.name} is dated {programme_date} by its own text "
                         f"and {printed} by plan {symbol}")
        line = source.line(f"Thực hiện Chương trình hành động số {number}-CTr/TU ngày {_vn(printed)} của Ban "
                           f"Thường vụ Tỉnh ủy, {issuer.name} ban hành Kế hoạch thực hiện như sau:")
        passage = source.passage(line)
        source.document(programme_node, symbol=f"{number}-CTr/TU", type_name="ctr", issuer=party.iri,
                        level="province", date=printed, title="Chương trình hành động", passage=passage)
        source.link(node, IMPLEMENTS, programme_node, passage, line)

    def _conflicting_target(self, source: SourceWriter, node: str, p: int, d: int, issuer: Issuer,
                            programme: tuple[str, str] | None) -> None:
        indicator, unit = vocab.INDICATORS[d % len(vocab.INDICATORS)]
        value = str(int(self._target_value(p, d)) + 5)
        line = source.line(f"Mục tiêu đến năm 2030: {indicator} đạt {value} {unit}.")
        target = f"{node}/value/1"
        source.target(target, document=node, locator="I.1", indicator=indicator, value=value, unit=unit,
                      period="2030", responsible=issuer.iri, passage=source.passage(line))
        if programme:
            self._defect("conflicting_target", [target, f"{programme[0]}/value/1"],
                         f"{indicator} for 2030 is {value} {unit} in the plan and "
                         f"{self._target_value(p, d)} {unit} in the programme it implements")

    def _cycle(self, source: SourceWriter, node: str, m: int, d: int, issuer: Issuer) -> None:
        """Plans 200 and 201 of one ministry: each states, in its own text, that it implements the other."""
        number = str(200 + (1 - d))
        other = document_iri(self.base, issuer.jurisdiction, issuer.code, "KH", 2026, number)
        line = source.line(f"Kế hoạch này đồng thời thực hiện Kế hoạch số {number}/KH-{issuer.code} của {issuer.name}.")
        source.link(node, IMPLEMENTS, other, source.passage(line), line)
        if d == 0:
            self._defect("cycle", [node, other], f"plans 200/KH-{issuer.code} and 201/KH-{issuer.code} of "
                         f"{issuer.name} each state that they implement the other")

    def _tasks(self, source: SourceWriter, plan: str, issuer: Issuer, symbol: str, year: int, *, gap: bool) -> None:
        table = part_iri(plan, "PL1")
        source.table(table, plan, "PL1")
        source.line("PHỤ LỤC 1")
        source.line("TT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian")
        skipped = self.random.randrange(2, self.spec.tasks_per_plan) if gap else None
        number = 0
        for sequence in range(1, self.spec.tasks_per_plan + 1):
            number += 2 if number + 1 == skipped else 1
            lead, *coordinating = self.random.sample(issuer.units, 1 + self.random.randrange(3))
            verb = vocab.TASK_VERBS[self.random.randrange(len(vocab.TASK_VERBS))]
            thing = vocab.TASK_OBJECTS[self.random.randrange(len(vocab.TASK_OBJECTS))]
            text = f"{verb} {thing} ({issuer.name}, {symbol}, nhiệm vụ {sequence})"
            timing = self._timing(year)
            line = source.line(f"{number}\t{text}\t{self.labels[lead]}\t"
                               f"{', '.join(self.labels[c] for c in coordinating)}\t{timing[0]}")
            source.task(part_iri(plan, f"PL1/{number}"), table=table, locator=f"PL1/{number}", number=str(number),
                        sequence=sequence, text=text, lead=lead, coordinating=coordinating, timing=timing,
                        passage=source.passage(line))
            self.result.tasks += 1
        if skipped is not None:
            self._defect("numbering_gap", [table], f"the task table of plan {symbol} skips number {skipped}")

    def _timing(self, issued: int) -> tuple[str, str, str | None, str | None]:
        """A timing cell of one of the printed forms, its deadline in one of the two years after the plan's.

        Kind and dates come from the project's own timing parser, as for a curated row.
        """
        year = issued + 1 + self.random.randrange(2)
        printed = self.random.choice(vocab.TIMINGS).format(year=year, roman=self.random.choice(("I", "II", "III", "IV")),
                                                          end=year + 2)
        if printed not in self.timings:
            timing = parse_timing(printed)
            self.timings[printed] = (printed, timing.kind.replace("_", "-"),
                                     timing.start.isoformat() if timing.start else None,
                                     timing.end.isoformat() if timing.end else None)
        return self.timings[printed]

    def _report(self, p: int, people: Issuer) -> None:
        node = document_iri(self.base, people.jurisdiction, "UBND", "BC", 2026, "50")
        source = self._source(f"p{p:02d}-bc-50")
        date = "2026-11-15"
        heading = source.line(f"{people.name.upper()} Số: 50/BC-UBND, ngày {_vn(date)}")
        source.line("BÁO CÁO")
        source.line("Tình hình thực hiện các nghị quyết của Bộ Chính trị")
        self._own(source, node, "50/BC-UBND", "bc", people, date, "Báo cáo tình hình thực hiện các nghị quyết "
                  "của Bộ Chính trị", heading)
        for d, directive in enumerate(self.directives, start=1):
            line = source.line(f"{d}. Về thực hiện Nghị quyết số {directive.symbol}: đã ban hành kế hoạch, "
                               "các nhiệm vụ đang được triển khai theo tiến độ.")
            passage = source.passage(line)
            self.first_statements.setdefault(p, passage)
            directive_node = self._directive_iri(directive)
            self._describe_directive(source, directive, passage)
            source.link(node, f"{LIN}reportsOn", directive_node, passage, line)
            source.report(f"{node}/statement/{d}", document=node, directive=directive_node,
                          text=f"Đã ban hành kế hoạch thực hiện Nghị quyết số {directive.symbol}", passage=passage)
        self._finish(source)

    # -- shared pieces ----------------------------------------------------------------------------

    def _source(self, source_id: str) -> SourceWriter:
        return SourceWriter(self.base, source_id)

    def _own(self, source: SourceWriter, node: str, symbol: str, type_name: str, issuer: Issuer, date: str,
             title: str, heading: int) -> None:
        source.document(node, symbol=symbol, type_name=type_name, issuer=issuer.iri, level=issuer.level,
                        date=date, title=title, passage=source.passage(heading))
        source.source_text(node, f"{source.source_id}.txt")
        self.result.documents += 1

    def _implements(self, source: SourceWriter, node: str, directive: vocab.Directive, text: str) -> None:
        line = source.line(text)
        passage = source.passage(line)
        self._describe_directive(source, directive, passage)
        source.link(node, IMPLEMENTS, self._directive_iri(directive), passage, line)

    def _describe_directive(self, source: SourceWriter, directive: vocab.Directive, passage: str) -> None:
        source.document(self._directive_iri(directive), symbol=directive.symbol, type_name=directive.type_code.lower(),
                        issuer=self.politburo, level="central", date=directive.date,
                        title=f"Nghị quyết {directive.title}", passage=passage)

    def _finish(self, source: SourceWriter) -> None:
        """Write the source's text and triples."""
        (self.folder / "texts" / f"{source.source_id}.txt").write_text("\n".join(source.lines) + "\n", encoding="utf-8")
        (self.folder / "sources" / f"{source.source_id}.ttl").write_text("".join(source.triples), encoding="utf-8")
        self.result.triples += len(source.triples)
        self.result.sources += 1

    def _date(self, d: int, offset_months: int) -> str:
        month = BASE_DATE[1] + d + offset_months
        year = BASE_DATE[0] + (month - 1) // 12
        return f"{year}-{(month - 1) % 12 + 1:02d}-{10 + d % 15:02d}"

    def _target_value(self, p: int, d: int) -> str:
        """A province's value for the indicator of directive ``d``: one value per province and indicator."""
        return str(20 + (p * 7 + (d % len(vocab.INDICATORS)) * 3) % 50)

    def _write_bodies(self) -> None:
        org = "http://www.w3.org/ns/org#"
        skos = "http://www.w3.org/2004/02/skos/core#"
        rdfs = "http://www.w3.org/2000/01/rdf-schema#"
        lines: list[str] = []
        for node, vi, en, level, code, parent in self.bodies:
            term = iri(node)
            lines.append(f"{term} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{org}Organization> .\n")
            for prop in (f"{skos}prefLabel", f"{rdfs}label"):
                lines.append(f"{term} <{prop}> {literal(vi, lang='vi')} .\n")
                lines.append(f"{term} <{prop}> {literal(en, lang='en')} .\n")
            if code:
                lines.append(f"{term} <{skos}notation> {literal(code)} .\n")
            lines.append(f"{term} <{LIN}level> {concept('level', level)} .\n")
            if parent:
                lines.append(f"{term} <{org}subOrganizationOf> {iri(parent)} .\n")
        (self.folder / "bodies.ttl").write_text("".join(lines), encoding="utf-8")
        self.result.triples += len(lines)

    def _write_inferred(self) -> None:
        """One inferred link per province: its report read as reporting on its first programme (title match)."""
        lines: list[str] = []
        rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
        for p, (party, people) in enumerate(self.provinces):
            report = document_iri(self.base, people.jurisdiction, "UBND", "BC", 2026, "50")
            programme = document_iri(self.base, party.jurisdiction, "TU", "CTr", 2026, "10")
            node = iri(f"{self.base}/inferred/synth-{p:02d}")
            passage = self.first_statements[p]
            lines += [
                f"{iri(report)} <{ELI}cites> {iri(programme)} .\n",
                f"{node} <{rdf}type> <{LIN}InferredLink> .\n",
                f"{node} <{rdf}subject> {iri(report)} .\n",
                f"{node} <{rdf}predicate> <{ELI}cites> .\n",
                f"{node} <{rdf}object> {iri(programme)} .\n",
                f"{node} <{LIN}inferenceMethod> {concept('method', 'title-match')} .\n",
                f"{node} <{LIN}confidence> {literal('0.8', datatype='http://www.w3.org/2001/XMLSchema#decimal')} .\n",
                f"{node} <{LIN}rationale> {literal('The report statement names the directive the programme implements.', lang='en')} .\n",
                f"{node} <http://www.w3.org/ns/prov#wasDerivedFrom> {passage} .\n",
            ]
        (self.folder / "inferred.ttl").write_text("".join(lines), encoding="utf-8")
        self.result.triples += len(lines)


def _vn(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{int(day):02d}/{int(month):02d}/{year}"


__all__ = ["SIZES", "Defect", "SynthResult", "SynthSpec", "generate"]
