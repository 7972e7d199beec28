"""Loading articles: exact text, metadata from front matter, HTML and manifests, regions, errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from claims.errors import ManifestError, SourceError, UsageError
from claims.model import RegionKind, Source
from sources import expand_paths, find_boilerplate, load_source, read_manifest
from sources.stream import walk_paths
from tests.conftest import SEEDS, needs_seeds


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def test_text_is_stored_exactly_as_decoded(tmp_path: Path) -> None:
    raw = "Line one\r\n\r\n  Tabs\there  and  doubled  spaces.\r\nNo final newline"
    source = load_source(write(tmp_path / "a.txt", raw))
    assert source.text == raw
    assert source.id == Source.id_for(raw)


def test_front_matter_gives_metadata_and_is_marked_not_cut(tmp_path: Path) -> None:
    raw = (
        "---\ntitle: Flood toll rises\noutlet: 'Daily Ledger'\npublished: 2021-03-04\n---\nBody.\n"
    )
    source = load_source(write(tmp_path / "a.md", raw))
    assert (source.title, source.outlet, source.published) == (
        "Flood toll rises",
        "Daily Ledger",
        dt.date(2021, 3, 4),
    )
    assert source.text == raw
    front = [r for r in source.regions if r.kind is RegionKind.front_matter]
    assert [(r.start, r.end) for r in front] == [(0, raw.index("Body."))]


def test_file_metadata_wins_over_manifest(tmp_path: Path) -> None:
    raw = "---\noutlet: From File\n---\nBody.\n"
    source = load_source(write(tmp_path / "a.md", raw), {"outlet": "From Manifest", "url": "u"})
    assert (source.outlet, source.url) == ("From File", "u")


def test_bad_front_matter_date_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match=r"a\.md.*'yesterday' is not a date"):
        load_source(write(tmp_path / "a.md", "---\npublished: yesterday\n---\nBody.\n"))


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    page = (
        "<html lang='en'><head><title>Ignored &amp; title</title>"
        "<meta property='og:title' content='Shelling kills 8'>"
        "<meta property='article:published_time' content='2022-05-01T10:00:00Z'>"
        "<script>var x = '<p>not text</p>';</script></head><body><nav>Home | World</nav>"
        "<article><h1>Shelling kills 8</h1><p>Eight people were killed, officials said.</p>"
        "<p>More than 300 families fled.</p></article><footer>(c) Site</footer></body></html>"
    )
    source = load_source(write(tmp_path / "p.html", page))
    assert source.title == "Shelling kills 8"
    assert source.published == dt.date(2022, 5, 1)
    assert source.language == "en"
    assert source.text == (
        "Shelling kills 8\n\nEight people were killed, officials said.\n\n"
        "More than 300 families fled.\n"
    )


def test_boilerplate_lines_are_marked_with_exact_offsets() -> None:
    text = "Headline\n\nLeave a Reply\nShelling killed 3 people.\nRead 1,204 times\n"
    regions = find_boilerplate(text)
    assert [text[r.start : r.end] for r in regions] == ["Leave a Reply", "Read 1,204 times"]


def test_a_credit_is_furniture_and_its_caption_is_read_once() -> None:
    text = (
        "Rescuers search the rubble in Sumy on May 2.\n"
        "Rescuers search the rubble in Sumy on May 2. JOHN DOE / AFP\n"
        "Twelve people were killed.\n"
    )
    regions = find_boilerplate(text)
    assert [(r.kind, text[r.start : r.end]) for r in regions] == [
        (RegionKind.boilerplate, "Rescuers search the rubble in Sumy on May 2."),
        (RegionKind.caption, "JOHN DOE / AFP"),
    ]
    assert regions[0].start > text.index("\n")  # the first printing is prose


def test_a_caption_stating_a_toll_is_read_and_its_credit_is_not() -> None:
    text = "Eight civilians were killed in an air strike on Ariha [Jane Roe/Reuters]\nMore text.\n"
    (credit,) = find_boilerplate(text)
    assert text[credit.start : credit.end] == "[Jane Roe/Reuters]"


def test_a_site_name_after_a_headline_printed_again_without_it_is_furniture() -> None:
    text = "Floods displace 4,000 in Sindh province – Daily Crier\n\nFloods displace 4,000 in " \
        "Sindh province\n\nBody text follows.\n"
    found = [(r.reason, text[r.start : r.end]) for r in find_boilerplate(text)]
    assert found == [("site name", " – Daily Crier"),
                     ("repeated line", "Floods displace 4,000 in Sindh province")]
    assert find_boilerplate(text)[1].start > text.index("\n")  # the first printing is read


def test_a_headline_the_page_prints_twice_is_marked_the_second_time() -> None:
    text = "Shelling kills 40 civilians in Marib province\n\n  • Shelling kills 40 civilians in " \
        "Marib province\nBody text follows here.\n"
    (copy,) = find_boilerplate(text)
    assert copy.reason == "repeated line" and copy.start > text.index("\n")
    assert text[copy.start : copy.end] == "Shelling kills 40 civilians in Marib province"


@needs_seeds
def test_seed_chrome_is_marked_and_prose_is_not() -> None:
    text = (SEEDS / "002_8b4533b8271eb4d2.txt").read_bytes().decode("utf-8")
    source = load_source(SEEDS / "002_8b4533b8271eb4d2.txt")
    marked = [text[r.start : r.end] for r in source.regions]
    assert "Leave a Reply" in marked
    prose = text.index("At least 12 civilians")
    assert source.in_region(prose, prose + 20) is None


def test_manifest_paths_are_relative_to_it(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Body.")
    write(
        tmp_path / "m.csv", "path,title,outlet,published,url,language\na.txt,T,O,2020-01-02,,en\n"
    )
    rows = read_manifest(tmp_path / "m.csv")
    assert rows == {
        (tmp_path / "a.txt").resolve(): {
            "title": "T",
            "outlet": "O",
            "published": "2020-01-02",
            "language": "en",
        }
    }


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("path,published\na.txt,2020-13-01\n", r"m\.csv:2: published date '2020-13-01'"),
        (
            "path,published\nmissing.txt,2020-01-01\n",
            r"m\.csv:2: file 'missing.txt' does not exist",
        ),
        ("file,published\na.txt,2020-01-01\n", r"m\.csv: manifest has no 'path' column"),
    ],
    ids=["bad-date", "missing-file", "no-path-column"],
)
def test_bad_manifest_names_file_and_line(tmp_path: Path, body: str, message: str) -> None:
    write(tmp_path / "a.txt", "Body.")
    write(tmp_path / "m.csv", body)
    with pytest.raises(ManifestError, match=message):
        read_manifest(tmp_path / "m.csv")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"caf\xe9 au lait", r"not valid utf-8 \(byte 0xe9 at offset 3\)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
        (b"  \n\n", "empty file"),
    ],
    ids=["latin-1", "binary", "empty"],
)
def test_unreadable_files_are_refused_with_one_line(
    tmp_path: Path, data: bytes, message: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(SourceError, match=message) as info:
        load_source(path)
    assert "\n" not in str(info.value) and str(path) in str(info.value)


def test_latin_1_is_read_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "l.txt"
    path.write_bytes(b"caf\xe9: 3 killed")
    assert load_source(path, encoding="latin-1").text == "café: 3 killed"


def test_expand_paths_walks_folders_and_globs(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", "notes.csv", "sub/c.html"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        write(tmp_path / name, "x")
    assert [p.name for p in expand_paths([str(tmp_path)])] == ["a.md", "b.txt", "c.html"]
    assert [p.name for p in expand_paths([str(tmp_path / "*.txt"), str(tmp_path / "b.txt")])] == [
        "b.txt"
    ]


def test_a_folder_walk_passes_over_the_folders_own_notes(tmp_path: Path) -> None:
    for name in ("README.md", "LICENSE.txt", "changelog.md", "story.md", "readmes.txt"):
        write(tmp_path / name, "Five people were killed in Kramatorsk, officials said.")
    assert [p.name for p in expand_paths([str(tmp_path)])] == ["readmes.txt", "story.md"]
    walked = sorted(p.name for p in walk_paths([str(tmp_path)]))
    assert walked == ["readmes.txt", "story.md"]
    # named on its own, a README is read like any file
    assert [p.name for p in walk_paths([str(tmp_path / "README.md")])] == ["README.md"]


@pytest.mark.parametrize("arg", ["nowhere.txt", "nowhere/*.txt"])
def test_expand_paths_refuses_what_is_not_there(tmp_path: Path, arg: str) -> None:
    with pytest.raises(UsageError, match="no such file|matches no file"):
        expand_paths([str(tmp_path / arg)])


def test_expand_paths_refuses_a_folder_without_articles(tmp_path: Path) -> None:
    write(tmp_path / "data.csv", "a,b")
    with pytest.raises(UsageError, match="folder holds no articles"):
        expand_paths([str(tmp_path)])


def test_escape_sequences_are_marked_and_never_read_as_figures(tmp_path: Path) -> None:
    from claims.extract import extract_claims

    raw = "Shelling killed \x1b[31m9\x1b[0m people.\x1b]0;title\x07 Then \x1b[2J calm.\r\n"
    source = load_source(write(tmp_path / "esc.txt", raw))
    marked = [raw[r.start : r.end] for r in source.regions if r.kind is RegionKind.markup]
    assert marked == ["\x1b[31m", "\x1b[0m", "\x1b]0;title\x07", "\x1b[2J"]
    assert source.text == raw
    figures = [(c.low, c.span.quote) for c in extract_claims(source)]
    assert all(low != 31_000_000 for low, _ in figures)
