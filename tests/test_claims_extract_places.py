"""The gazetteer: places of every country, containment, ambiguity, names that are words, a
user's own places file, and the shipped index built from the curated file as it is."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
from importlib import resources
from pathlib import Path

import pytest

from claims.errors import DataError
from claims.extract import extract_claims
from claims.model import Source
from claims.places import (
    Gazetteer,
    containing,
    country_of,
    gazetteer,
    key,
    kind_of,
    main_place,
    place_within,
    province_of,
    region_of,
    resolve_place,
)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Khan Cheikhoun", "Khan Sheikhoun"),
        ("Khan Shaykhun", "Khan Sheikhoun"),
        ("Maarat Al-Nouman", "Maarat al-Numan"),
        ("Maraat al-Numan", "Maarat al-Numan"),  # spelling-blind
        ("Ma'arrat an-Nu'man", "Maarat al-Numan"),
        ("Idlib", "Idlib province"),  # bare Idlib is the province: the curated file says so
        ("the province of Idlib", "Idlib province"),
        ("city of Idlib", "Idlib city"),
        ("Aleppo", "Aleppo"),  # bare, a division's name that its capital shares is the city
        ("Aleppo governorate", "Aleppo province"),
        ("eastern Aleppo", "Aleppo"),
        ("Kirkuk", "Kirkuk"),  # the same rule for a place nobody curated
        ("Kirkuk province", "Kirkuk governorate"),
        ("Hodeida", "Hodeidah"),
        ("Al Hudaydah governorate", "Hodeidah province"),
        ("Ninewa", "Nineveh governorate"),
        ("Tigrai", "Tigray"),
        ("Mek'ele", "Mekelle"),
        ("Rakhine", "Rakhine State"),
        ("Nagorno Karabakh", "Nagorno-Karabakh"),
        ("Artsakh", "Nagorno-Karabakh"),
        ("Kharkov", "Kharkiv"),
        ("Sana'a", "Sanaa"),
        ("Basra", "Basrah"),  # an alternate name of a big city beats a hamlet's own name
        ("Tripoli, Lebanon", "Tripoli, Lebanon"),
        ("Qwxzland", None),
    ],
)
def test_resolve(written: str, canonical: str | None) -> None:
    assert resolve_place(written) == canonical


def test_a_canonical_name_resolves_to_itself() -> None:
    for name in ("Tripoli, Lebanon", "Basrah", "Al Basrah governorate", "New York City"):
        assert resolve_place(name) == name


def test_containment_across_countries() -> None:
    assert containing("Hodeidah") == ["Hodeidah", "Hodeidah province", "Yemen"]
    assert containing("Mosul") == ["Mosul", "Nineveh governorate", "Iraq"]
    assert containing("Axum") == ["Axum", "Tigray", "Ethiopia"]
    assert containing("Douma") == ["Douma", "Eastern Ghouta", "Rif Dimashq province", "Syria"]
    assert place_within("Mekelle", "Tigray") and place_within("Mekelle", "Ethiopia")
    assert place_within("Khan Cheikhoun", "Idlib") and place_within("Mariupol", "Ukraine")
    assert place_within("Lviv", "Ukraine")  # a division matched by name, no curated row
    assert not place_within("Mosul", "Syria")
    assert not place_within("Aleppo", "Idlib province")
    assert not place_within("Idlib province", "Khan Sheikhoun")


def test_kinds_provinces_countries_regions() -> None:
    assert kind_of("Tigray") == "province" and gazetteer().places["Tigray"].title == "region"
    assert gazetteer().places["Hodeidah province"].title == "governorate"
    assert kind_of("Nagorno-Karabakh") == "region" and kind_of("Yemen") == "country"
    assert province_of("Sittwe") == "Rakhine State"
    assert province_of("Kandahar") == "Kandahar province"
    assert country_of("Stepanakert") == "Azerbaijan"
    assert region_of("El Fasher") == "Darfur" and province_of("El Fasher") == "North Darfur"
    assert province_of("Yemen") is None and kind_of("Qwxzland") is None


def test_keys_ignore_spelling() -> None:
    assert key("Maarat Al-Nouman") == key("Maraat al-Numan")


def test_every_curated_parent_is_a_place() -> None:
    g = gazetteer()
    text = resources.files("claims").joinpath("data/places.csv").read_text("utf-8")
    for line in text.splitlines()[1:]:
        name, _, parent, _ = line.split(",", 3)
        assert g.has(name), name
        assert g.places[name].parent == (parent or None) or place_within(name, parent), line


def test_the_shipped_index_is_built_from_the_curated_file() -> None:
    raw = resources.files("claims").joinpath("data/gazetteer.tsv.gz").read_bytes()
    header = gzip.decompress(raw)[:200].decode("utf-8").splitlines()[0]
    csv = resources.files("claims").joinpath("data/places.csv").read_bytes()
    # if this fails: python -m claims.gazetteer_build (pip install -e '.[gazetteer]')
    assert header.endswith(hashlib.sha256(csv).hexdigest()[:16])


def _place(text: str, places: Gazetteer | None = None) -> list[tuple[str | None, str | None]]:
    source = Source(id=Source.id_for(text), text=text, published=dt.date(2021, 5, 1))
    return [(c.place, c.place_text) for c in extract_claims(source, places=places)]


def test_an_ambiguous_name_is_read_in_the_article_s_country() -> None:
    assert _place("Lebanon: clashes in Tripoli killed 12 people on Sunday.") == [
        ("Tripoli, Lebanon", "Tripoli")]
    assert _place("Libya: clashes in Tripoli killed 12 people on Sunday.") == [
        ("Tripoli", "Tripoli")]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Reading the list aloud, the mayor said 40 people were killed in Hama.", "Hama"),
        ("Floods in Reading displaced 300 people last winter.", "Reading"),
        ("Mobile phone footage showed 30 people killed at the market.", None),
        ("Of the 400 dead, most were men.", None),
        ("Nice words aside, 14 people were wounded.", None),
        ("Bath time was over when 9 children were hurt.", None),
        ("Ali Hassan said 15 people were killed near Taiz.", "Taiz"),
        ("Jackson said 20 people were injured.", None),
        ("In March 2020 some 900 people fled.", None),
    ],
)
def test_words_that_are_also_places(text: str, place: str | None) -> None:
    [(got, _)] = _place(text)
    assert got == place


def test_a_users_places_file(tmp_path: Path) -> None:
    mine = tmp_path / "places.csv"
    mine.write_text(
        "name,kind,parent,variants\n"
        "Tell Qaswa,village,Nineveh governorate,Tel Qaswa|Qaswa\n"
        "Hodeidah,city,,Hudayda\n",  # a variant for a place the gazetteer has
        encoding="utf-8",
    )
    g = Gazetteer.load([mine])
    assert g.resolve("Tel Qaswa village") == "Tell Qaswa"
    assert g.within("Tell Qaswa", "Iraq") and g.resolve("Hudayda") == "Hodeidah"
    assert _place("Shelling in Tel Qaswa killed 3 civilians.", g) == [("Tell Qaswa", "Tel Qaswa")]
    assert _place("Shelling in Tel Qaswa killed 3 civilians.") == [(None, None)]
    assert gazetteer([mine]) is gazetteer([mine]) and gazetteer([mine]) is not gazetteer()


def test_a_bad_places_file_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("place,type\nX,town\n", encoding="utf-8")
    with pytest.raises(DataError, match="bad.csv: a places file needs the columns"):
        Gazetteer.load([bad])


def test_the_ingest_command_reads_a_places_file(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from verify.cli import app

    article = tmp_path / "a.md"
    article.write_text("---\npublished: 2023-04-02\n---\nShelling in Tel Qaswa killed 3 people.\n",
                       encoding="utf-8")  # fmt: skip
    (tmp_path / "places.csv").write_text(
        "name,kind,parent,variants\nTell Qaswa,village,Iraq,Tel Qaswa\n", encoding="utf-8")
    db = str(tmp_path / "d.db")  # places.csv beside the store is read
    assert CliRunner().invoke(app, ["--db", db, "ingest", str(article)]).exit_code == 0
    out = CliRunner().invoke(app, ["--db", db, "claims", "list", "-f", "json"]).stdout
    assert json.loads(out)[0]["place"] == "Tell Qaswa"
    result = CliRunner().invoke(app, ["--db", db, "ingest", str(article), "--places", "nope.csv"])
    assert result.exit_code == 1 and "nope.csv: places file not found" in result.stderr


def test_main_place_is_the_province_most_named() -> None:
    text = ("Fighting in Mosul and Tal Afar went on. Aid reached Erbil. Mosul's east fell. "
            "Navigation: Home | Damascus | Aleppo | Homs | Hama")
    assert main_place(text, skip=lambda s, e: s >= text.index("Navigation")) == (
        "Nineveh governorate")
    assert main_place("Nothing here names a place.") is None


@pytest.mark.parametrize("written", ["Maraat Nomaan", "Hodeidahh", "Khaan Sheikhun", "Qwxzland",
                                     "Mossul city", "Aleppoo", "Tigrayy"])
def test_fuzzy_reads_only_lengths_that_can_reach_the_cut_off(written: str) -> None:
    """The fuzzy lookup looks only at keys of a length that can score the cut-off: it finds
    what one scan of every key finds."""
    from rapidfuzz import fuzz, process

    from claims.place_names import blind_key
    from claims.places import FUZZY_CUTOFF

    g = gazetteer()
    best = process.extractOne(blind_key(written), g._fuzzy_keys(), scorer=fuzz.ratio,
                              score_cutoff=FUZZY_CUTOFF)  # fmt: skip
    expected = g.lookup_blind(best[0])[0] if best is not None else None
    assert g.fuzzy(written) == expected


def test_a_sites_name_marked_as_chrome_is_not_where() -> None:
    """"- Metro UK" after a headline is the site's name, not the place of its figure."""
    from sources.boilerplate import find_boilerplate

    head = "Shelling of the old market kills 14 civilians"
    text = f"{head} – Metro UK\n\n{head}\n\nThe shelling hit the market at noon.\n"
    regions = find_boilerplate(text)
    assert any(text[r.start : r.end].strip(" –") == "Metro UK" for r in regions)
    source = Source(id=Source.id_for(text), text=text, regions=regions,
                    published=dt.date(2021, 5, 2))  # fmt: skip
    [claim] = [c for c in extract_claims(source) if c.span.start < len(head)]
    assert (claim.low, claim.place) == (14, None)
