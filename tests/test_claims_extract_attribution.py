"""The alias table: one body under many names, distinct bodies kept apart, user extensions."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.aliases import AliasTable, default_aliases
from claims.errors import DataError
from claims.extract import explain
from claims.extract.rules import rules

SOHR = "Syrian Observatory for Human Rights"


@pytest.mark.parametrize(
    "name",
    [
        "SOHR",
        "OSDH",
        "the Syrian Observatory for Human Rights",
        "Observatoire syrien des droits de l'homme",
        "OBSERVATOIRE SYRIEN DES DROITS DE L’HOMME",
        "Syrian Observatory for Human Right",
    ],  # fmt: skip
)
def test_one_observatory(name: str) -> None:
    assert default_aliases().lookup(name) == SOHR


def test_distinct_bodies_stay_distinct() -> None:
    table = default_aliases()
    assert table.lookup("Syrian Network for Human Rights") == "Syrian Network for Human Rights"
    assert table.lookup("SNHR") != SOHR
    assert table.lookup("UN") == "United Nations"
    assert table.lookup("U.N.") == "United Nations"
    assert table.lookup("UNHCR") == "United Nations High Commissioner for Refugees"
    assert table.lookup("UNHC") is None  # acronyms are never matched fuzzily
    assert table.lookup("Syrian Network for Human Right") == "Syrian Network for Human Rights"


def test_user_table_adds_rows(tmp_path: Path) -> None:
    extra = tmp_path / "mine.csv"
    extra.write_text("canonical,variant,type\nLocal Council of Saraqib,LCS,monitor\n", "utf-8")
    table = AliasTable.load([extra])
    assert table.lookup("LCS") == "Local Council of Saraqib"
    assert table.lookup("OSDH") == SOHR


def test_user_table_needs_columns(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name\nX\n", "utf-8")
    with pytest.raises(DataError, match="bad.csv"):
        AliasTable.load([bad])


def test_mentions_are_case_safe() -> None:
    text = "who said what? The WHO said so."
    found = [m.group(0) for m in default_aliases().mentions(text)]
    assert found == ["WHO"]


def test_every_rule_explains_itself() -> None:
    assert rules(), "no extraction rule is registered"
    for rule in rules():
        assert explain(rule.name).endswith(".") and explain(rule.name) == rule.explanation
    assert "No extraction rule" in explain("nope")
