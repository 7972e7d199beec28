"""Attribution: the alias table (one body under many names, distinct bodies kept apart, user
extensions) and the credit of each figure, read from how its sentence is built."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from claims.aliases import AliasTable, default_aliases
from claims.errors import DataError
from claims.extract import explain
from claims.extract.attribution import Credit, credits_of
from claims.extract.attribution_words import words
from claims.extract.context import Context
from claims.extract.discourse import acronyms, article
from claims.extract.figures import figure_claims
from claims.extract.rules import rules
from claims.lexicon import lexicon
from claims.model import Claim
from tests.test_claims_extract_cases import fits, source_of

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


# --- credits read from how sentences are built (tests/cases/attribution.yaml)

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "attribution.yaml").read_text("utf-8"))
CREDIT_FIELDS = {"credit_rule": "rule", "resolution": "resolution"}


def credited(case: dict[str, Any]) -> list[tuple[Claim, Credit | None]]:
    """The figure claims of a case with their credits (the outlet given, if any)."""
    source = source_of(case["text"], case.get("published"))
    return credits_of(source.model_copy(update={"outlet": case.get("outlet")}))


def _fits(claim: Claim, credit: Credit | None, want: dict[str, Any]) -> bool:
    if not fits(claim, want):
        return False
    return all(getattr(credit, field, None) == want[key]
               for key, field in CREDIT_FIELDS.items() if key in want)  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_credit_case(case: dict[str, Any]) -> None:
    found = credited(case)
    shown = [(c.record(), cr) for c, cr in found]
    for claim, credit in found:
        assert claim.span.quote == case["text"][claim.span.start : claim.span.end]
        rules = {credit.rule, credit.resolution} if credit else set()
        assert not rules & set(case.get("must_not_credit", [])), (case["id"], credit)
    assert len(found) == len(case["expect"]), shown
    for want in case["expect"]:
        if "outlet" in case and "attribution" not in want and case.get("must_not_credit") is None:
            want = {**want, "attribution": case["outlet"]}  # the publisher credits the figure
        assert any(_fits(c, cr, want) for c, cr in found), (want, shown)


def test_every_attribution_rule_fires_and_is_refused_somewhere() -> None:
    fired: set[str] = set()
    for case in CASES:
        for _claim, credit in credited(case):
            if credit is not None:
                fired |= {credit.rule or "", credit.resolution or ""}
    refused = {rule for case in CASES for rule in case.get("must_not_credit", [])}
    names = {r.name for r in rules("attribution")}
    assert names <= fired, sorted(names - fired)
    assert names <= refused | {"alias"} and "alias" in refused, sorted(names - refused)


def test_a_credit_names_what_it_read() -> None:
    [(claim, credit)] = credited(
        {"text": "AFP, citing a hospital source, said 23 civilians were killed in Douma."}
    )
    assert credit == Credit("hospital source", "hospital source", "Agence France-Presse", None,
                            "citing", "unknown-body")  # fmt: skip
    assert (claim.attribution, claim.attribution_text, claim.attribution_via) == (
        "hospital source", "hospital source", "Agence France-Presse")


def test_nationalities_name_a_states_bodies() -> None:
    words_ = words(lexicon("en"))
    assert words_.state.government("Ethiopia") == "Government of Ethiopia"
    assert words_.state.government("United States") == "Government of the United States"
    assert words_.state.body("military", "Myanmar") == "Myanmar military"
    assert words_.state.body("ministry", "Azerbaijan", "Defence") == (
        "Azerbaijani Ministry of Defence")
    assert words_.state.body("intelligence", "Kurdistan Region") == (
        "Kurdistan Regional Government intelligence")
    assert words_.state.country("Azeri") == words_.state.country("Azerbaijan’s") == "Azerbaijan"


def test_an_acronym_is_defined_by_its_initials() -> None:
    text = ("The Kachin Independence Organisation (KIO) said 25 villagers were killed. "
            "The refugee camp (RC) was hit too.")  # fmt: skip
    ctx = Context(source_of(text), default_aliases())
    assert {k: v.canonical for k, v in acronyms(ctx).items()} == {
        "KIO": "Kachin Independence Organisation"}


def test_old_canonical_names_still_resolve() -> None:
    table = default_aliases()
    renamed = [
        ("OCHA", "United Nations Office for the Coordination of Humanitarian Affairs"),
        ("Doctors Without Borders", "Médecins Sans Frontières"),
        ("Russia", "Government of Russia"),
        ("Syrian government", "Government of Syria"),
        ("UN Human Rights Office",
         "Office of the United Nations High Commissioner for Human Rights"),
    ]
    for old, new in renamed:
        assert table.lookup(old) == new


def test_long_texts_keep_no_more_than_a_window() -> None:
    sentence = "The UN said 40 people were killed in the city on Monday. "
    text = sentence * 4000
    ctx = Context(source_of(text), default_aliases())
    figure_claims(ctx)
    state = article(ctx)
    assert len(state.cues) < 1000 and state.credits is None


def test_mentions_blind_to_case_past_the_first_letter() -> None:
    text = "the Health Ministry in Gaza and the world health organization, not who or Who"
    found = [m.group(0) for m in default_aliases().mentions(text)]
    assert "Health Ministry in Gaza" in found
    assert "world health organization" in found
    assert "who" not in found and "Who" not in found
