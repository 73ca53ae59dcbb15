"""Unicode normalisation and matching keys for Vietnamese text.

Quotations are kept exactly as printed (only NFC-normalised); the keys below are
for search and matching only and must never replace a quotation.

>>> fold("Nghị quyết 57-NQ/TW")
'nghi quyet 57-nq/tw'
>>> fold("Đảng ủy") == fold("Dang uy") == fold("DANG UY")
True
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")

# Letters that NFD does not decompose into base + combining mark.
_SPECIAL = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form every stored string uses."""
    return unicodedata.normalize("NFC", text)


def squash_spaces(text: str) -> str:
    """Collapse every run of whitespace (newlines included) into one space and strip."""
    return _SPACES.sub(" ", text).strip()


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese diacritics, keeping case: ``Tỉnh ủy`` → ``Tinh uy``."""
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL))
    kept = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", kept)


def fold(text: str) -> str:
    """The matching key: no diacritics, lower case, single spaces."""
    return squash_spaces(strip_diacritics(text).lower())


def fold_aligned(text: str) -> str:
    """Like :func:`fold`, but one output character per input character.

    Whitespace is kept as printed, so a match found in the folded text has the
    same offsets in ``text``.

    >>> fold_aligned("Số:  57-NQ/TW")
    'so:  57-nq/tw'
    >>> len(fold_aligned("Đảng ủy\\n")) == len("Đảng ủy\\n")
    True
    """
    return "".join(_fold_char(ch) for ch in text)


_FOLDED_CHARS: dict[str, str] = {}


def _fold_char(ch: str) -> str:
    folded = _FOLDED_CHARS.get(ch)
    if folded is None:
        base = strip_diacritics(ch).lower()
        folded = base if len(base) == 1 else ch
        _FOLDED_CHARS[ch] = folded
    return folded


# OCR of the corpus reads some glyphs as others. Inside a word (a token holding
# at least one letter) these are put back to the letter they stand for.
_OCR_GLYPHS = str.maketrans({"0": "o", "6": "o", "1": "l", "3": "a", "4": "a",
                             "&": "e", "¢": "e", "€": "e", "|": "l"})
_OCR_TOKEN = re.compile(r"[a-z0-9&¢€|]+")
# Words the short syllable "ủy" follows; OCR renders that "ủy" as uy, ty, gy, uty, dy, iy, ay.
_UY_AFTER = frozenset({"tinh", "dang", "cap"})
_UY_SHAPE = re.compile(r"[a-z]{0,2}y")
# "Đ" read as "B" is only trusted right before the words that follow "Đảng".
_DANG_BEFORE = frozenset({"uy", "bo"})


def _ocr_token(token: str) -> str:
    if not any("a" <= ch <= "z" for ch in token):
        return token  # a number stays a number
    word = token.translate(_OCR_GLYPHS)
    # Vietnamese has "l" only at the start of a syllable: inside one it is a misread "i".
    word = word[:1] + word[1:].replace("l", "i")
    # Native words never start with a bare "p": OCR reads "Đ" as "P" or "DP".
    while word.startswith("dp") or (word.startswith("p") and not word.startswith("ph")):
        word = word[1:] if word.startswith("dp") else "d" + word[1:]
    return word


def ocr_key(text: str) -> str:
    """A matching key that also forgives the OCR confusions seen in the corpus.

    Builds on :func:`fold`; then, word by word: digits and signs read for letters
    (``s6`` → ``so``, ``1am`` → ``lam``, ``K&`` → ``ke``), an inner ``l`` read for
    ``i`` (``Tlnh``), ``P``/``DP`` read for ``Đ`` (``PANG``, ``DPANG``), the
    syllable ``ủy`` after tỉnh/đảng/cấp (``Tinh Gy``, ``Tinh Uty``) and ``B`` for
    ``Đ`` in ``Bang uy``/``Bang bo``. For matching only, never for display.

    >>> ocr_key("Tỉnh ủy") == ocr_key("Tinh Gy") == ocr_key("Tinh ty") == ocr_key("Tinh Uty")
    True
    >>> ocr_key("DPANG UY") == ocr_key("PANG uy") == ocr_key("Đảng ủy")
    True
    >>> ocr_key("S6 46-KH/TU")
    'so 46-kh/tu'
    """
    folded = fold(text)
    tokens = [(m.start(), m.end(), _ocr_token(m.group())) for m in _OCR_TOKEN.finditer(folded)]
    words = [word for _, _, word in tokens]
    for i, word in enumerate(words):
        if i and words[i - 1] in _UY_AFTER and _UY_SHAPE.fullmatch(word):
            words[i] = "uy"
        if word == "bang" and i + 1 < len(words) and words[i + 1] in _DANG_BEFORE:
            words[i] = "dang"
    pieces: list[str] = []
    last = 0
    for (start, end, _), word in zip(tokens, words):
        pieces.append(folded[last:start])
        pieces.append(word)
        last = end
    pieces.append(folded[last:])
    return "".join(pieces)
