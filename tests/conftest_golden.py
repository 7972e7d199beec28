"""A pytest plugin for golden files: `pytest --update-golden` rewrites them instead of comparing.

Registered from tests/conftest.py with `pytest_plugins = ["tests.conftest_golden"]`;
until then CROSSCHECK_UPDATE_GOLDEN=1 does the same.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"
_MASKS = [
    (re.compile(r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\S*"), "<TIMESTAMP>"),
    (re.compile(r"/tmp/\S+"), "<TMP>"),
]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Rewrite tests/golden/* from the current output instead of comparing.")


def mask(text: str) -> str:
    """Volatile fields (timestamps, temporary paths) replaced by placeholders."""
    for pattern, placeholder in _MASKS:
        text = pattern.sub(placeholder, text)
    return text


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with tests/golden/NAME, or rewrite it under --update-golden."""
    update = bool(request.config.getoption("--update-golden", default=False)) or bool(
        os.environ.get("CROSSCHECK_UPDATE_GOLDEN"))

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        text = mask(text)
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        if not path.is_file():
            pytest.fail(f"{path} is missing: run pytest --update-golden and read the diff")
        assert text == path.read_text(encoding="utf-8"), (
            f"{name} differs from the golden file; if intended, run pytest --update-golden")

    return check
