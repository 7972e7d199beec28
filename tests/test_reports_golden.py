"""Golden reports at 80 and 120 columns, NO_COLOR, from a pinned console."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from claims.errors import CrosscheckError
from claims.store import Store
from reports.report import plain_report
from tests.report_corpus import build
from verify.report_data import gather_report

WIDTHS = [80, 120]


@pytest.mark.parametrize("width", WIDTHS)
def test_hand_built_store_report(
    store: Store, width: int, golden: Callable[[str, str], None],  # noqa: F811
) -> None:
    build(store)
    golden(f"report-hand-{width}.txt", plain_report(gather_report(store, "hand-built"), width))


@pytest.mark.parametrize("width", WIDTHS)
def test_example_corpus_report(
    tmp_path: Path, width: int, golden: Callable[[str, str], None],  # noqa: F811
) -> None:
    from verify.demo import run_demo

    with Store(str(tmp_path / "demo.db")) as store:
        try:
            run_demo(store)
        except CrosscheckError as exc:
            pytest.skip(f"the example corpus is not ready: {exc}")
        text = plain_report(gather_report(store, "example corpus"), width)
    golden(f"report-examples-{width}.txt", text)
