"""Every registered extraction rule is exercised by the case files: once where it fires and
once where it must not (tests/cases/*.yaml), and explains itself."""

from __future__ import annotations

import pytest

from claims.extract.rules import explain, rules
from tests.test_claims_extract_cases import CASES

FIRES = {want.get("rule") for case in CASES for want in case["expect"]}
GUARDED = {name for case in CASES for name in case.get("must_not_fire", [])}


# Credit rules are held to the same standard by their own cases (tests/cases/attribution.yaml,
# test_every_attribution_rule_fires_and_is_refused_somewhere), read through each claim's credit.
FIGURE_RULES = [r.name for r in rules() if r.stage != "attribution"]


@pytest.mark.parametrize("name", FIGURE_RULES)
def test_every_rule_has_a_case_where_it_fires_and_one_where_it_must_not(name: str) -> None:
    assert name in FIRES, f"no case in tests/cases/ expects a claim of rule {name!r}"
    assert name in GUARDED, f"no case in tests/cases/ says where rule {name!r} must not fire"


def test_the_case_files_name_only_registered_rules() -> None:
    known = set(FIGURE_RULES)
    assert (FIRES - {None}) <= known and known >= GUARDED, ((FIRES | GUARDED) - known)


def test_explain_reads_the_registry() -> None:
    for rule in rules():
        assert explain(rule.name) == rule.explanation
    assert explain("subset").startswith("A part of the figure before it")
