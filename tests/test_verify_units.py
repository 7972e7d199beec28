"""Settings, grouping, independence and severity in isolation."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.errors import DataError
from tests.verify_helpers import article, claim
from verify.check import find_conflicts
from verify.group import rows_of, subject_class, windows
from verify.independence import independent_count, origins
from verify.settings import Settings, load_settings
from verify.severity import gap_score, severity

WIRE = ("Russian and Syrian jets have been escalating raids on the city of Maarat al-Numan, "
        "where at least 12 civilians were killed overnight.")


def test_settings_from_toml_beside_the_store_and_overrides(tmp_path: Path) -> None:
    (tmp_path / "crosscheck.toml").write_text("[check]\ntolerance = 0.2\nwindow_days = 30\n")
    db = str(tmp_path / "x.db")
    assert load_settings(db).tolerance == 0.2
    assert load_settings(db, tolerance=0.05, window_days=None).window_days == 30
    assert load_settings(db, tolerance=0.05).tolerance == 0.05
    assert load_settings(None) == Settings()


def test_settings_reject_unknown_keys_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "crosscheck.toml").write_text("[check]\ntolerence = 0.2\n")
    with pytest.raises(DataError, match="crosscheck.toml: unknown setting 'tolerence'"):
        load_settings(str(tmp_path / "x.db"))


def test_subject_classes() -> None:
    assert subject_class("civilians") == subject_class("people") == subject_class(None)
    assert subject_class("regime fighters") != subject_class("civilians")
    assert subject_class("children") == "children"


def test_windows_slide_per_pair_of_claims() -> None:
    days = ("2019-01-01", "2019-01-20", "2019-02-10", "2019-06-01")
    srcs = [article(f"{n} killed.", f"O{n}", day) for n, day in zip(range(4), days, strict=True)]
    rows = rows_of([claim(s, "killed", estimate=10) for s in srcs], srcs)
    cut = [[r.label for r in w] for w in windows(rows, 30)]
    # 20 Jan meets both 1 Jan and 10 Feb, which are 40 days apart and never meet
    assert cut == [["O0", "O1"], ["O1", "O2"], ["O3"]]


def test_wire_copies_are_one_origin() -> None:
    a, b = article(WIRE, "Reuters", "2019-08-30"), article(WIRE + " ", "Gulf Digest", "2019-08-30")
    c = article("Twelve civilians died in Maarat al-Numan in raids by night, rescuers said "
                "on Friday.", "AFP", "2019-08-30")
    rows = rows_of([claim(s, "killed", low=12) for s in (a, b, c)], [a, b, c])
    assert independent_count(rows, origins(rows, Settings())) == 2
    friday = ("2019-08-30", "2019-08-30")  # in a city, an incident is matched on its day
    claims = [claim(s, "killed", low=12, place="Maarat al-Numan", period=friday)
              for s in (a, b, c)]
    [group] = find_conflicts(claims, [a, b, c]).corroborations
    assert group.independent_sources == 2 and "3 sources, 2 independent" in group.reason


def test_severity_rises_with_gap_support_and_attribution() -> None:
    low, _ = severity(gap_score(0.12), [1, 1], [False, False])
    high, label = severity(gap_score(0.8), [2, 3], [True, True])
    assert low < high and label == "high"
    assert severity(gap_score(0.25), [1, 2], [False, True])[1] == "medium"
    assert severity(1.0, [2, 2], [True, True], confidence=0.8)[0] < 1.0


def test_judging_in_forked_workers_gives_the_serial_result() -> None:
    import importlib.util
    import sys

    from tests.conftest import ROOT
    from verify.check import find_conflicts
    from verify.settings import Settings

    spec = importlib.util.spec_from_file_location("bench_check", ROOT / "benchmarks" / "check.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    sys.modules["bench_check"] = bench
    spec.loader.exec_module(bench)
    rows = bench.generate(10_000)
    serial = find_conflicts(rows, settings=Settings(workers=1))
    forked = find_conflicts(rows, settings=Settings(workers=2, parallel_from=1))
    assert serial.conflicts and serial.corroborations
    assert [c.record() for c in forked.conflicts] == [c.record() for c in serial.conflicts]
    assert forked.corroborations == serial.corroborations


def test_a_sentence_run_into_the_one_before_is_still_one_passage() -> None:
    from verify.independence import near_duplicates, normalised
    from verify.settings import Settings

    copy = normalised("Heavy shelling has hit the district since March and killed more than "
                      "eighty civilians, the monitor said")
    merged = normalised("Rebels deny the charge Heavy shelling has hit the district since March "
                        "and killed more than eighty civilians, the monitor said")
    other = normalised("Rebels deny the charge and say the army shelled the district first, "
                       "killing eighty of their men")
    assert near_duplicates(copy, merged, Settings())
    assert not near_duplicates(copy, other, Settings())
