"""Canonical names are found by their key, without reading the whole table of names."""

from __future__ import annotations

import pytest

from claims.places import Gazetteer, gazetteer


def _fresh() -> Gazetteer:
    return Gazetteer.load()


def test_every_canonical_name_is_found_by_its_key_or_is_a_never_word() -> None:
    g = _fresh()
    for i, line in enumerate(g.rows):
        name = line.split("\t", 1)[0]
        assert g.id_of(name) == i, name
    assert g._ids is not None  # the never words ("Central", "Metro") needed the full table


def test_a_name_no_place_has_is_told_without_the_full_table() -> None:
    g = _fresh()
    assert not g.has("Zorblax Qwimbo")
    assert not g.has("Aleppo Media Center")
    with pytest.raises(KeyError):
        g.id_of("Quux River Valley Authority")
    assert g._ids is None


def test_a_never_word_that_names_a_place_is_still_a_place() -> None:
    g = _fresh()
    assert g.has("Metro")  # a canonical name under a key the index leaves out
    assert gazetteer().has("Aleppo")
