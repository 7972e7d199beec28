"""The claims listing: grouped by source, each claim's figure, interval, attribution and quote."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from rich.console import Console

from claims.model import Claim, Kind, Modality, Quantity, Source, Span
from reports.console import THEME
from reports.tables import claims_table

TEXT = "Some 650,000 people could be forced to flee, the [bold]Relief Board[/bold] said.\x1b[2J"


def render(width: int) -> str:
    source = Source(id=Source.id_for(TEXT), text=TEXT, outlet="Valley Post",
                    published=dt.date(2021, 2, 3), title="Flood warning")
    start, end = 0, TEXT.index(" to flee") + len(" to flee")
    claim = Claim(source_id=source.id, kind=Kind.displaced, subject="people",
                  quantity=Quantity(low=585_000, high=715_000, estimate=650_000,
                                    qualifier="Some", figure="650,000"),
                  attribution="[bold]Relief Board[/bold]", modality=Modality.projected,
                  span=Span.of(TEXT, start, end))
    console = Console(file=StringIO(), width=width, color_system=None, theme=THEME)
    console.print(claims_table([claim], {source.id: source}))
    return console.file.getvalue()  # type: ignore[attr-defined]


def test_claims_are_listed_under_their_source_with_figure_interval_and_quote() -> None:
    out = render(120)
    lines = out.splitlines()
    assert lines[0].startswith("Valley Post, 2021-02-03  Flood warning")
    row = next(line for line in lines if "displaced · people" in line)
    assert "[bold]Relief Board[/bold]" in row  # markup from the source prints literally
    assert "Some 650,000 people could be forced to flee" in row
    figure_line = lines[lines.index(row) + 1]
    assert "Some 650,000  [585,000, 715,000]" in figure_line
    assert "projected" in out


def test_the_listing_fits_eighty_columns_and_strips_control_codes() -> None:
    out = render(80)
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "\x1b" not in out
