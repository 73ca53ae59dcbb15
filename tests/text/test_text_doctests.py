"""The examples in the docstrings of the text modules hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["normalize", "codes", "symbols", "dates", "timing", "references"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"lineage.text.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
