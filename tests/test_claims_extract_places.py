"""The gazetteer: transliteration variants, provinces and towns, Idlib province vs city."""

from __future__ import annotations

import pytest

from claims.places import gazetteer, key, place_within, resolve_place


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Khan Cheikhoun", "Khan Sheikhoun"),
        ("Khan Shaykhun", "Khan Sheikhoun"),
        ("Maarat Al-Nouman", "Maarat al-Numan"),
        ("Maraat al-Numan", "Maarat al-Numan"),
        ("Ma'arrat an-Nu'man", "Maarat al-Numan"),
        ("Idlib", "Idlib province"),  # bare Idlib is the province: see claims/places.py
        ("the province of Idlib", "Idlib province"),
        ("city of Idlib", "Idlib city"),
        ("Kafranbel", "Kafr Nabl"),
        ("Kharkov", "Kharkiv"),
        ("Sana'a", "Sanaa"),
        ("Qwxzland", None),
    ],
)
def test_resolve(written: str, canonical: str | None) -> None:
    assert resolve_place(written) == canonical


def test_within() -> None:
    assert place_within("Khan Cheikhoun", "Idlib")
    assert place_within("Idlib city", "Idlib province")
    assert place_within("Maarat al-Numan", "Syria")
    assert place_within("Mariupol", "Ukraine")
    assert not place_within("Aleppo", "Idlib province")
    assert not place_within("Idlib province", "Khan Sheikhoun")


def test_keys_ignore_spelling() -> None:
    assert key("Maarat Al-Nouman") == key("Maraat al-Numan")


def test_every_parent_is_listed() -> None:
    g = gazetteer()
    for place in g.places.values():
        assert place.parent is None or place.parent in g.places, place
