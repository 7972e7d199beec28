"""The HTML report: a real page built from the report data, checked as parsed HTML and, where
Chromium is installed, in headless Chromium at phone and desk widths (screenshots kept in
$CROSSCHECK_SCREENSHOTS when set, else under pytest's tmp folder)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from claims.model import Claim, Conflict, ConflictType, Decision, Kind, Quantity, Source, Span
from claims.store import Store
from reports.export.html import quote_link, render_html, web_url
from reports.export.markdown import render_markdown
from tests.report_corpus import build
from verify.report_data import ReportData, gather_report

ATTACK = '<script>alert("x")</script><img src=x onerror=alert(1)>'


class Node:
    """An element of the parsed page: tag, attributes, children, text."""

    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node] = []
        self.items: list[Node | str] = []  # children and text, in document order

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    def find_all(self, tag: str, cls: str | None = None) -> list[Node]:
        return [n for n in self.walk() if n.tag == tag
                and (cls is None or cls in n.attrs.get("class", "").split())]

    def content(self) -> str:
        return "".join(i if isinstance(i, str) else i.content() for i in self.items)


VOID = {"meta", "br", "img", "link", "input", "hr", "line", "circle", "path", "rect"}


class Page(HTMLParser):
    """A small DOM: enough to find elements, their attributes and their text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.at = self.root
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.at)
        self.at.children.append(node)
        self.at.items.append(node)
        if tag not in VOID:
            self.at = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.at)
        self.at.children.append(node)
        self.at.items.append(node)

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.at
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.at = node.parent

    def handle_data(self, data: str) -> None:
        self.at.items.append(data)


def _hostile(store: Store) -> Claim:
    """A source whose every field tries to run as markup in the page."""
    text = f"Officials {ATTACK} said 70,000 people fled, a toll <b>unconfirmed</b>."
    src = Source(id=Source.id_for(text), path="attack.html", title=ATTACK,
                 outlet=f"Outlet {ATTACK}", url="javascript:alert(1)",
                 published=dt.date(2019, 9, 1), text=text)
    start = text.index("70,000 people")
    claim = Claim(source_id=src.id, kind=Kind.displaced, subject="people", place="Idlib",
                  quantity=Quantity(low=70_000, high=70_000, figure="70,000"),
                  attribution=ATTACK, speaker=ATTACK, attribution_via=ATTACK,
                  span=Span.of(text, start, start + len("70,000 people")))
    store.save_source(src, [claim])
    return claim


@pytest.fixture
def data(store: Store) -> ReportData:
    """The report corpus, a resolved decision, and an article that attacks the page."""
    c = build(store)
    hostile = _hostile(store)
    ids = [c["lm400"].id, c["ea500"].id, hostile.id]
    conflict = Conflict(type=ConflictType.figure, severity=0.3, severity_label="low",
                        reason=f"figures apart {ATTACK}", claim_ids=ids,
                        key={"kind": "displaced", "place": ATTACK})
    kept = store.list_conflicts()
    store.replace_conflicts([*kept, conflict])
    store.save_decision(Decision(conflict_id=conflict.id, verdict="resolved",
                                 claim_id=c["ea500"].id, reviewer="amina", note=ATTACK,
                                 decided_at=dt.datetime(2024, 5, 3, 8, 30)))
    return gather_report(store, "desk <store>")


def test_each_conflict_has_its_anchor_and_every_claim(data: ReportData) -> None:
    page = Page(render_html(data)).root
    articles = {a.attrs["id"]: a for a in page.find_all("article", "conflict")}
    assert list(articles) == [c.id for c in data.conflicts]
    for conflict in data.conflicts:
        ids = {n.attrs["id"] for n in articles[conflict.id].walk() if "id" in n.attrs}
        rows = articles[conflict.id].find_all("tr")[1:]  # under the head row
        assert rows, conflict.id
        for claim_id in conflict.claim_ids:  # a row, a wire copy in a row, or a repeat
            assert f"{conflict.id}-{claim_id}" in ids, claim_id
    groups = [a.attrs["id"] for a in page.find_all("article", "group")]
    assert groups == [g.id for g in data.corroborations]
    sources = {n.attrs["id"] for n in page.find_all("tr") if n.attrs.get("id", "")[:1] == "s"}
    assert {f"s{s.source.id}" for s in data.summaries} == sources


def test_header_counts_and_the_claims_table(data: ReportData) -> None:
    page = Page(render_html(data)).root
    counts = " ".join(li.content() for li in page.find_all("ul", "counts")[0].find_all("li"))
    assert counts == "6 sources 8 claims 3 conflicts 1 corroborated group"
    first = page.find_all("article", "conflict")[0]
    cells = [td.content() for td in first.find_all("tr")[2].find_all("td")]
    assert cells[:6] == ["2", "more than half a million", "[500,000, …)", "EA WorldView",
                         "2019-09-10", ["says", "unattributed"][1]]
    assert cells[6] == ("More than half a million people have fled the south of Idlib since "
                        "the offensive began.")
    [marked] = first.find_all("tr")[2].find_all("mark")
    assert marked.content() == "More than half a million people"


def test_review_names_the_favoured_claim_reviewer_and_time(data: ReportData) -> None:
    page = Page(render_html(data)).root
    resolved = next(a for a in page.find_all("article", "conflict")
                    if a.attrs["class"].endswith("low"))
    review = {dt_.content(): dd.content() for dt_, dd in zip(
        resolved.find_all("dt"), resolved.find_all("dd"), strict=True)}
    assert review["Verdict"] == "resolved"
    assert review["Favours"].endswith("more than half a million [500,000, …) "
                                      "(EA WorldView, 2019-09-10)")
    assert review["Note"] == ATTACK  # shown as text, never run
    assert (review["Reviewer"], review["When"]) == ("amina", "2024-05-03 08:30")
    link = next(a for a in resolved.find_all("a") if a.content() == review["Favours"])
    assert link.attrs["href"].startswith(f"#{data.conflicts[-1].id}-c")


def test_text_from_articles_is_escaped_everywhere(data: ReportData) -> None:
    html = render_html(data)
    page = Page(html).root
    assert not page.find_all("script") and not page.find_all("img")
    assert not any(n.tag == "b" and n.content() == "unconfirmed" for n in page.walk())
    hrefs = [n.attrs.get("href", "") for n in page.walk()]
    assert not any(h.startswith("javascript") for h in hrefs)  # shown as text, never a link
    assert not any("onerror" in n.attrs or "src" in n.attrs for n in page.walk())
    assert html.count("&lt;script&gt;") >= 8  # outlet, title, quote, note, body, speaker, ...
    assert page.find_all("title")[0].content() == "crosscheck report: desk <store>"


def test_quotes_link_to_the_words_in_their_article(data: ReportData, store: Store) -> None:
    lm = next(c for c in data.claims.values() if c.span.quote == "more than 400,000 people"
              and c.source_path == "lemonde.txt")
    url = quote_link(data.sources[lm.source_id], lm)
    assert url == "https://example.org/lemonde.txt#:~:text=more%20than%20400%2C000%20people"
    hyphen = lm.model_copy(update={"span": Span(start=0, end=10, quote="cease-fire")})
    assert str(quote_link(data.sources[lm.source_id], hyphen)).endswith("text=cease%2Dfire")
    assert web_url("javascript:alert(1)") is None and web_url("ftp://x.example/a") is None
    assert web_url("https://x.example/a?b=1") == "https://x.example/a?b=1"
    page = Page(render_html(data)).root
    links = [a.attrs["href"] for a in page.find_all("a") if ":~:text=" in a.attrs["href"]]
    assert url in links


def test_timelines_are_inline_svg_on_a_log_scale(data: ReportData) -> None:
    page = Page(render_html(data)).root
    [section] = [s for s in page.find_all("section") if s.attrs["id"] == "timelines"]
    charts = section.find_all("svg")
    assert charts and all(c.attrs["viewbox"] for c in charts)  # the parser lowercases names
    ticks = [t.content() for t in charts[0].find_all("text") if "tick" in t.attrs["class"]]
    assert ticks[:3] == ["100k", "200k", "500k"]  # counts on a log scale, then days
    assert len(charts[0].find_all("g", "figure")) == 6


def test_the_page_is_self_contained(data: ReportData) -> None:
    html = render_html(data)
    assert html.startswith("<!DOCTYPE html>")
    page = Page(html).root
    assert not page.find_all("link") and not page.find_all("script")
    assert not any("src" in n.attrs for n in page.walk())
    [style] = page.find_all("style")
    assert "@import" not in style.content() and "url(" not in style.content()


def test_markdown_carries_the_same_review_and_sources(data: ReportData) -> None:
    text = render_markdown(data)
    assert ("- Review: resolved in favour of #1 more than half a million \\[500,000, …\\) "
            "\\(EA WorldView, 2019-09-10\\), by amina on 2024-05-03 08:30") in text
    assert "- Note: \\<script\\>alert" in text and "<script>" not in text
    assert "<https://example.org/lemonde.txt>" in text
    assert ("**[more than 400,000 people](https://example.org/lemonde.txt#:~:text=more%20than"
            "%20400%2C000%20people)**") in text


# -- in Chromium ---------------------------------------------------------------------------------

def _browser() -> Any:
    """A headless Chromium through selenium, or a skip saying what is missing."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="pip install selenium")
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        pytest.skip("chromium and chromedriver are not installed "
                    "(apt-get install -y chromium chromium-driver)")
    options = Options()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"):
        options.add_argument(arg)
    try:
        return webdriver.Chrome(service=Service(driver), options=options)
    except Exception as exc:  # noqa: BLE001 - any failure to start is a reason to skip
        pytest.skip(f"chromium could not start here: {str(exc)[:160]}")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    driver = _browser()
    yield driver
    driver.quit()


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("CROSSCHECK_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _open(browser: Any, page: Path, width: int) -> None:
    browser.set_window_size(width, 900)
    inner = browser.execute_script("return window.innerWidth")
    browser.set_window_size(2 * width - inner, 900)  # the viewport, not the window, is `width`
    browser.get(page.as_uri())


@pytest.mark.parametrize("width", [390, 1280])
def test_in_chromium_at_phone_and_desk_width(browser: Any, data: ReportData, tmp_path: Path,
                                             width: int) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_html(data), encoding="utf-8")
    _open(browser, page, width)
    js = browser.execute_script
    assert js("return window.innerWidth") == width
    assert js("return document.documentElement.scrollWidth") <= width  # nothing runs off
    for conflict in data.conflicts:
        rows = js(f"return document.querySelectorAll('[id=\"{conflict.id}\"] tbody tr').length")
        assert rows >= 1
        for claim_id in conflict.claim_ids:
            assert js(f"return !!document.getElementById('{conflict.id}-{claim_id}')"), claim_id
    assert js("return document.scripts.length") == 0
    assert js("return document.images.length") == 0
    said = js("return [...document.querySelectorAll('article.conflict.low .quote')]"
              ".map(q => q.textContent).join(' ')")
    assert ATTACK in said
    font = js("return parseFloat(getComputedStyle(document.querySelector('td.quote')).fontSize)")
    assert font >= 14  # readable on a phone
    shots = _shots(tmp_path)
    browser.save_screenshot(str(shots / f"report-{width}.png"))
    js("document.getElementById('timelines').scrollIntoView()")
    browser.save_screenshot(str(shots / f"report-{width}-timelines.png"))


def test_in_chromium_the_page_prints(browser: Any, data: ReportData, tmp_path: Path) -> None:
    import base64

    page = tmp_path / "report.html"
    page.write_text(render_html(data), encoding="utf-8")
    _open(browser, page, 1280)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        hidden = browser.execute_script(
            "return getComputedStyle(document.querySelector('nav')).display")
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert hidden == "none"
    pdf = base64.b64decode(browser.print_page())
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 2
    (_shots(tmp_path) / "report.pdf").write_bytes(pdf)


def test_in_chromium_the_seeds_report(browser: Any, tmp_path: Path,
                                      seed_paths: list[Path]) -> None:
    from tests.conftest import SEEDS
    from verify.check import cross_check
    from verify.ingest import ingest

    with Store(str(tmp_path / "seeds.db")) as store:
        ingest(store, seed_paths, SEEDS / "manifest.csv")
        cross_check(store)
        data = gather_report(store, "seeds")
        page = tmp_path / "seeds.html"
        page.write_text(render_html(data), encoding="utf-8")
    for width in (390, 1280):
        _open(browser, page, width)
        assert browser.execute_script("return document.documentElement.scrollWidth") <= width
        found = browser.execute_script(
            "return [...document.querySelectorAll('article.conflict')].map(a => a.id)")
        assert found == [c.id for c in data.conflicts]
        browser.save_screenshot(str(_shots(tmp_path) / f"seeds-{width}.png"))


_CLIPPED = """return [...document.querySelectorAll('svg.timeline')].flatMap(svg => {
  const width = svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('text')].map(t => [t.textContent, t.getBBox()])
    .filter(([, b]) => b.x < -0.5 || b.x + b.width > width + 0.5)
    .map(([words, b]) => `${words}: ${b.x.toFixed(1)} to ${(b.x + b.width).toFixed(1)}`);
});"""


def test_in_chromium_no_chart_label_runs_past_its_chart(browser: Any, tmp_path: Path,
                                                        seed_paths: list[Path]) -> None:
    from tests.conftest import SEEDS
    from verify.check import cross_check
    from verify.ingest import ingest

    with Store(str(tmp_path / "seeds.db")) as store:
        ingest(store, seed_paths, SEEDS / "manifest.csv")
        cross_check(store)
        page = tmp_path / "seeds.html"
        page.write_text(render_html(gather_report(store, "seeds")), encoding="utf-8")
    for width in (390, 1280):
        _open(browser, page, width)
        assert browser.execute_script("return document.querySelectorAll('svg text.label')"
                                      ".length") >= 3  # the date chart labels its events
        assert browser.execute_script(_CLIPPED) == []


def test_figure_cells_are_shared_only_by_claims_of_the_same_figure() -> None:
    """Cells.figure draws a cell once per figure, keyed on the quantity's fields: claims alike
    but for one of them get their own cell, each equal to the cell drawn afresh."""
    from reports.export.html import Cells, _figure
    from reports.export.svg import esc
    from reports.format import extent

    text = "Some 400,000 people fled."
    src = Source(id=Source.id_for(text), path="a.txt", text=text, published=dt.date(2019, 9, 1))
    span = Span.of(text, 5, 12)
    quantities = [Quantity(low=400_000, high=None, qualifier="some", figure="400,000"),
                  Quantity(low=400_000, high=None, qualifier="about", figure="400,000"),
                  Quantity(low=400_000, high=None, qualifier="some", figure="400 000"),
                  Quantity(low=400_000, high=None, estimate=400_000, qualifier="some",
                           figure="400,000"),
                  Quantity(low=400_000, high=400_000, qualifier="some", figure="400,000"),
                  Quantity(low=400_000, high=None, qualifier="some", figure="400,000"), None]
    claims = [Claim(source_id=src.id, kind=Kind.displaced, quantity=q, span=span)
              for q in quantities]
    cells = Cells({src.id: src})
    drawn = [cells.figure(c) for c in claims]
    assert drawn == [(_figure(c, src), esc(extent(c)) or "—") for c in claims]
    assert len(cells._figures) == 6  # five quantities and none: one cell each
    assert drawn[5] is drawn[0]  # the same figure: the cell drawn once
