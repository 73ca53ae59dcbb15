"""Which document each mention names, and its IRI.

Identity is issuer + symbol + year: mentions of the same canonical symbol are
one document; its IRI takes the year printed in the symbol or, failing that, the
year most mentions give (implausible years such as 2206 are ignored, never
corrected). A document printed without a number is known by its descriptive
key; ``aliases.tsv`` maps other keys used for the same description onto it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from lineage.curate.sheets import Row
from lineage.iris import document_iri, unnumbered_iri
from lineage.text.normalize import fold
from lineage.text.symbols import Symbol, SymbolError, parse_symbol

PROVINCE = "laichau"
"""The province of the corpus: local documents get the jurisdiction ``vn-laichau``."""

PROVINCIAL_ISSUERS = frozenset({"TU", "ĐU", "UBND", "HĐND", "BCĐ", "SNV", "VPUBND"})
"""Issuer codes of provincial bodies; every other issuer code is central."""

TYPE_WORDS: dict[str, str] = {
    "luật": "qh", "hp": "hien-phap", "hiến pháp": "hien-phap", "cl": "chien-luoc", "chiến lược": "chien-luoc",
    "đl": "dieu-le", "điều lệ": "dieu-le", "tth": "thoa-thuan", "kb": "kich-ban", "quy-hoach": "quy-hoach",
    "cương lĩnh": "nq",
}
"""Sheet type values that are not symbol codes → concept names of the document-type scheme."""

PLAUSIBLE_YEARS = range(1945, 2101)


@dataclass(frozen=True)
class DocumentId:
    """A document as the corpus identifies it."""

    iri: str
    symbol: Symbol | None
    key: str | None
    type_concept: str | None
    central: bool

    @property
    def name(self) -> str:
        """The symbol or key people know it by."""
        return self.symbol.canonical if self.symbol else str(self.key)


def symbol_of(row: Row) -> Symbol | None:
    """The parsed canonical symbol of a documents.tsv row, if it has one."""
    if not row["symbol"]:
        return None
    try:
        return parse_symbol(row["symbol"])
    except SymbolError as err:
        raise row.error(f"symbol '{row['symbol']}' does not parse: {err}", "write the canonical symbol") from None


def type_concept(value: str, key: str | None) -> str | None:
    """The document-type concept name for a sheet's type value (a code such as QĐ, or a word)."""
    if not value:
        return None
    folded = value.strip().lower()
    if value.strip().upper() == "QH" and key and fold(key).startswith("quy-hoach"):
        return "quy-hoach"
    if folded in TYPE_WORDS:
        return TYPE_WORDS[folded]
    return fold(value).replace(" ", "-").replace("đ", "d")


class Identities:
    """Every document mentioned in the sheets, by canonical symbol and by key."""

    def __init__(self, base_iri: str, mentions: list[Row], aliases: dict[str, str]) -> None:
        self._aliases = aliases
        self._by_name: dict[str, DocumentId] = {}
        years: dict[str, Counter[int]] = {}
        symbols: dict[str, Symbol] = {}
        types: dict[str, Counter[str]] = {}
        for row in mentions:
            symbol = symbol_of(row)
            name = symbol.canonical if symbol else self.canonical_key(row["key"])
            if not name:
                raise row.error("a document mention needs a symbol or a key", "fill the symbol or key column")
            if symbol:
                symbols.setdefault(name, symbol)
            year = _year(row["date"])
            years.setdefault(name, Counter())
            if year:
                years[name][year] += 1
            concept = type_concept(row["type"], row["key"])
            types.setdefault(name, Counter())
            if concept:
                types[name][concept] += 1
        for name, counter in years.items():
            symbol = symbols.get(name)
            concept = _most_common(types[name])
            if symbol:
                year = symbol.year or _most_common(counter)
                issuer = symbol.issuer_code
                central = issuer not in PROVINCIAL_ISSUERS
                iri = document_iri(base_iri, "vn" if central else f"vn-{PROVINCE}", issuer,
                                   symbol.type_code, year, symbol.number)
                self._by_name[name] = DocumentId(iri, symbol, None, type_concept(symbol.type_code, None), central)
            else:
                self._by_name[name] = DocumentId(unnumbered_iri(base_iri, name), None, name, concept, False)

    def canonical_key(self, key: str) -> str:
        """The key an alias stands for (or the key itself)."""
        return self._aliases.get(key, key)

    def of_row(self, row: Row) -> DocumentId:
        """The document a documents.tsv row names."""
        symbol = symbol_of(row)
        return self._by_name[symbol.canonical if symbol else self.canonical_key(row["key"])]

    def find(self, name: str) -> DocumentId | None:
        """The document known by a canonical symbol or key, as written in another sheet."""
        if name in self._by_name:
            return self._by_name[name]
        key = self.canonical_key(name)
        if key in self._by_name:
            return self._by_name[key]
        try:
            return self._by_name.get(parse_symbol(name).canonical)
        except SymbolError:
            return None

    def require(self, name: str, row: Row, column: str) -> DocumentId:
        """Like :meth:`find`, or an error saying the document must be described in a documents.tsv."""
        found = self.find(name)
        if found is None:
            raise row.error(f"'{name}' in column '{column}' is not a document of any documents.tsv",
                            "add a documents.tsv row for it, or correct the symbol or key")
        return found


def _year(date: str) -> int | None:
    if len(date) >= 4 and date[:4].isdigit() and int(date[:4]) in PLAUSIBLE_YEARS:
        return int(date[:4])
    return None


def _most_common(counter: Counter):  # type: ignore[no-untyped-def]
    return sorted(counter, key=lambda v: (-counter[v], v))[0] if counter else None
