"""Shared fixtures: the project configuration, the small fixture graph, a CLI runner."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from lineage.cli import main
from lineage.config import Config
from lineage.store import LoadedGraph, load

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"


@dataclass
class Result:
    """What a CLI run returned and printed."""

    code: int
    out: str
    err: str

    def json(self) -> object:
        """stdout parsed as one JSON document."""
        return json.loads(self.out)


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run ``lineage ARGS…`` in-process and capture its output."""

    def run(*args: str) -> Result:
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def mini_graph() -> LoadedGraph:
    """The small hand-written fixture graph, loaded fresh."""
    return load(Config.default().with_data(MINI), prefer_disk=False)


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture data folder."""
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The corpus folder ../shared/seeds: required in CI, reported as not run elsewhere when absent."""
    import os

    folder = Config.default().seeds_dir
    if not folder.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"corpus {folder} is missing in CI")
        pytest.skip(f"corpus {folder} not present: not run")
    return folder


@pytest.fixture(scope="session")
def small_synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The data folder of the ``small`` synthetic corpus (about 100 k triples, seed 1)."""
    from lineage.synth.generate import SIZES, generate

    folder = tmp_path_factory.mktemp("synth") / "small"
    generate(SIZES["small"], folder, Config.default().base_iri)
    return folder
