"""Text from a source is data: markup prints literally, control characters never reach a screen."""

from __future__ import annotations

import json

from claims.store import Store
from reports.export.markdown import render_markdown
from reports.export.write import render_text
from reports.report import plain_report
from tests.report_corpus import build
from verify.report_data import gather_report

CONTROL = ["\x1b", "\r", "\u202e", "\x07"]


def test_markup_prints_literally_and_controls_are_stripped(store: Store) -> None:
    build(store)
    text = plain_report(gather_report(store, "t"), 120)
    assert "600,000 [red]people[/red] were displaced[31m in Idlib." in text
    assert "[bold]Officials[/bold][2J" in text
    assert "[bold]Evil[/bold] [2JPress" in text
    for char in CONTROL:
        assert char not in text


def test_store_name_markup_is_literal(store: Store) -> None:
    text = plain_report(gather_report(store, "[bold]x\x1b[2J.db"), 80)
    assert "[bold]x[2J.db" in text


def test_markdown_escapes_source_text(store: Store) -> None:
    build(store)
    md = render_markdown(gather_report(store, "t"))
    assert "600,000 \\[red\\]people\\[/red\\]" in md
    for char in CONTROL:
        assert char not in md


def test_json_and_claimreview_carry_no_control_characters(store: Store) -> None:
    build(store)
    data = gather_report(store, "t")
    for fmt in ("json", "claimreview", "html"):
        out = render_text(data, fmt)
        for char in ("\x1b[2J", "\r", "\u202e", "\x07"):
            assert char not in out, fmt
    assert json.loads(render_text(data, "json"))["conflicts"]


def test_html_escapes_markup(store: Store) -> None:
    build(store)
    html = render_text(gather_report(store, "t"), "html")
    assert "[red]people[/red]" in html
    assert "<script" not in html.lower()
