"""The timeline: figures by the day they stand at, intervals as ranges on a log scale, and
ceasefire events in their place in time, in the terminal and as SVG."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO

from rich.console import Console

from claims.model import Claim, Event, Kind, Quantity, Scope, Source, Span
from claims.store import Store
from reports.console import THEME
from reports.export.svg import Scale, timeline_svg
from reports.timeline import LogScale, bar, render_timeline
from tests.report_corpus import build
from verify.report_data import (
    ReportFilters,
    TimelinePoint,
    gather_timeline,
    timeline_groups,
)


def _point(low: int | None, high: int | None, day: str = "2019-09-01") -> TimelinePoint:
    text = "Some people fled."
    src = Source(id=Source.id_for(text + day), text=text, outlet="Post",
                 published=dt.date.fromisoformat(day))
    claim = Claim(source_id=src.id, kind=Kind.displaced, quantity=Quantity(low=low, high=high),
                  span=Span.of(text, 0, 4))
    return TimelinePoint(claim, src, src.published, src.published)  # type: ignore[arg-type]


def test_bar_shapes() -> None:
    scale = LogScale([_point(10, 10), _point(1000, 1000)])
    at = {v: scale.cell(v, 21) for v in (10, 100, 1000)}
    assert at[10] < at[100] < at[1000] and abs((at[100] - at[10]) - (at[1000] - at[100])) <= 1
    assert bar(100, 100, scale, 21) == " " * at[100] + "●"
    assert bar(100, 1000, scale, 21) == (" " * at[100] + "├" + "─" * (at[1000] - at[100] - 1)
                                         + "┤")
    assert bar(100, None, scale, 21) == " " * at[100] + "├" + "─" * (19 - at[100]) + "▶"
    assert bar(None, 100, scale, 21) == "◀" + "─" * (at[100] - 1) + "┤"


def _print(renderable: object, width: int = 80) -> list[str]:
    console = Console(file=StringIO(), width=width, color_system=None, theme=THEME)
    console.print(renderable)
    return console.file.getvalue().splitlines()  # type: ignore[attr-defined]


def test_timeline_rows(store: Store) -> None:
    build(store)
    lines = _print(render_timeline(gather_timeline(store, ReportFilters(kind="displaced")),
                                   "Figures over time: displaced · Idlib"))
    assert lines[0] == "Figures over time: displaced · Idlib"
    assert lines[2] == "displaced · people · Idlib province"
    assert lines[3].split() == ["308k", "900k", "(log", "scale)"]  # around 400k and 600k
    assert lines[4].startswith("2019-08-06 Le Monde  more than 400")
    assert lines[4].rstrip().endswith("▶")
    assert "●" in lines[-1] and "600,000" in lines[-1]
    assert all(len(line) <= 80 for line in lines)


def test_an_outlier_does_not_squash_the_dispute() -> None:
    """400,000 against 500,000 stay apart beside 5.5 million: a log scale, in both charts."""
    points = [_point(400_000, 400_000), _point(500_000, 500_000), _point(5_500_000, 5_500_000)]
    cells = [LogScale(points).cell(v, 40) for v in (400_000, 500_000)]
    assert cells[1] - cells[0] >= 2  # a linear scale would put them in one cell
    scale = Scale(points, [])
    assert scale.y(400_000) - scale.y(500_000) >= 10  # viewBox units of a 230-unit chart


def _ceasefire(store: Store, text: str, event: Event, date: str, outlet: str) -> Claim:
    src = Source(id=Source.id_for(text), text=text, outlet=outlet, path=f"{outlet}.txt",
                 published=dt.date(2019, 9, 2))
    claim = Claim(source_id=src.id, kind=Kind.ceasefire, event=event, date=date,
                  span=Span.of(text, 0, 10))
    store.save_source(src, [claim])
    return claim


def test_ceasefire_events_are_marks_in_their_place(store: Store) -> None:
    build(store)
    _ceasefire(store, "Russia announced a truce in Idlib on 30 August.", Event.announced,
               "2019-08-30", "Wire")
    _ceasefire(store, "The Idlib truce began at the start of September.", Event.starts,
               "2019-09-01/2019-09-10", "Post")
    _ceasefire(store, "A truce in Aleppo was broken on 3 September.", Event.broken,
               "2019-09-03", "Other")
    groups = gather_timeline(store, ReportFilters())
    # the events of Idlib go on the charts of Idlib's figures; Aleppo's on none of them
    assert [len(g.events) for g in groups] == [2, 2]
    lines = _print(render_timeline(groups, "Figures over time"), width=100)
    marks = [n for n, line in enumerate(lines) if "ceasefire" in line]
    assert "◆ ceasefire announced 2019-08-30" in lines[marks[0]]
    assert "▲ ceasefire starts 2019-09-01 to 2019-09-10" in lines[marks[1]]
    reuters = next(n for n, line in enumerate(lines) if "Reuters" in line)
    assert marks[0] < reuters < marks[1]  # an event goes before the figures of its day
    svg = timeline_svg(groups[0])
    assert svg.count('class="event announced"') == 1 and svg.count('class="event starts"') == 1


def test_scopes_are_charted_apart() -> None:
    text = "At least 40 died in the market. The war has killed 9,000."
    src = Source(id=Source.id_for(text), text=text, outlet="Post", published=dt.date(2019, 9, 2))
    claims = [Claim(source_id=src.id, kind=Kind.killed, subject="people", scope=scope,
                    quantity=Quantity(low=n, high=n), span=Span.of(text, a, b))
              for scope, n, a, b in ((Scope.incident, 40, 0, 11), (Scope.total, 9000, 32, 57))]
    groups = timeline_groups(claims, {src.id: src})
    assert sorted(g.title for g in groups) == ["killed · people · incidents",
                                               "killed · people · totals"]


def test_a_conflicts_timeline(store: Store) -> None:
    c = build(store)
    conflict = store.list_conflicts()[1]
    [group] = gather_timeline(store, conflict=conflict.id[:8])
    assert [p.claim.id for p in group.points] == [c["lm1000"].id, c["ea900"].id]


def test_svg_escapes_what_it_draws() -> None:
    point = _point(10, 20)
    hostile = point.source.model_copy(update={"outlet": "<script>x</script>"})
    group = timeline_groups([point.claim], {point.claim.source_id: hostile})[0]
    svg = timeline_svg(group)
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert re.search(r'viewBox="0 0 \d+ \d+"', svg)


def test_empty_timeline() -> None:
    assert "No figures with a publication date match." in "\n".join(
        _print(render_timeline([], "Figures over time")))


def test_svg_event_labels_stay_inside_the_chart() -> None:
    from reports.export.svg import WIDTH, events_svg, text_width
    from verify.timeline_data import TimelineEvent

    text = "Both sides announced a truce."
    src = Source(id=Source.id_for(text), text=text, outlet="A very long outlet name, Weekly",
                 published=dt.date(2019, 9, 10))
    claim = Claim(source_id=src.id, kind=Kind.ceasefire, event=Event.announced,
                  date="2019-08-30", span=Span.of(text, 10, 19))
    days = [(dt.date(2019, 8, 29), dt.date(2019, 8, 29)), (dt.date(2019, 9, 10),
            dt.date(2019, 9, 10)), (dt.date(2019, 9, 1), dt.date(2019, 9, 9))]
    svg = events_svg([TimelineEvent(claim, src, a, b) for a, b in days], "ceasefire")
    labels = re.findall(r'<text class="label" x="([\d.]+)" y="[\d.]+" text-anchor="(\w+)">'
                        r"([^<]*)</text>", svg)
    assert len(labels) == 3
    for x, anchor, words in labels:
        left = float(x) - (text_width(words) if anchor == "end" else 0)
        assert left >= 0 and left + text_width(words) <= WIDTH, words
    assert any(words.endswith("…") for _, _, words in labels)  # cut short, never clipped
    assert labels[2][2].startswith("announced 2019-09-01")  # over its band: the widest room
