"""A timeline: the figures of a group by the day they stand at, intervals drawn as ranges on a
log scale, and the ceasefire events among them as marks in their place in time.

Drawn with rich primitives (one Text line per claim) rather than plotext: intervals with open
bounds are ranges, not points, and rich already fits the width. The scale is logarithmic so
that 400,000 and 500,000 stay apart when a 5.5 million outlier shares the chart.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.text import Text

from reports.format import compact, figure, source_label
from reports.safe import safe_text
from verify.timeline_data import TimelineEvent, TimelineGroup, TimelinePoint

LABEL_WIDTH = 40  # date and outlet (20), figure (18), before the bar
MIN_BAR = 20
MARKS = {"announced": "◆", "starts": "▲", "broken": "✕"}


def _bounds(point: TimelinePoint) -> tuple[int | None, int | None]:
    q = point.claim.quantity
    assert q is not None
    if q.low is None and q.high is None:
        return q.estimate, q.estimate
    return q.low, q.high


class LogScale:
    """Counts to cells on a log scale, with room past the largest for open ranges' arrows."""

    def __init__(self, points: Sequence[TimelinePoint]) -> None:
        values = [v for p in points for v in _bounds(p) if v is not None and v > 0] or [1]
        self.low, self.high = max(min(values) / 1.3, 0.5), max(values) * 1.5

    def cell(self, value: float, width: int) -> int:
        span = math.log(self.high) - math.log(self.low)
        at = (math.log(max(value, self.low)) - math.log(self.low)) / span
        return min(width - 1, max(0, round(at * (width - 1))))


def bar(low: int | None, high: int | None, scale: LogScale, width: int) -> str:
    """One range on a scale of `width` cells: ├──┤ closed, ├──▶ open above, ● a point."""
    if low is not None and high is not None and scale.cell(low, width) == scale.cell(high, width):
        return " " * scale.cell(low, width) + "●"
    if high is None:
        start = scale.cell(low or 1, width)
        return " " * start + "├" + "─" * max(0, width - start - 2) + "▶"
    end = scale.cell(high, width)
    if low is None:
        return "◀" + "─" * max(0, end - 1) + "┤"
    start = scale.cell(low, width)
    return " " * start + "├" + "─" * max(0, end - start - 1) + "┤"


def _label(day: dt.date, who: str) -> Text:
    return safe_text(f"{day.isoformat()} {who}"[:20].ljust(20), style="muted")


class Timeline:
    """The chart as a renderable: it draws its bars to the width it is given."""

    def __init__(self, points: Sequence[TimelinePoint], title: str,
                 events: Sequence[TimelineEvent] = ()) -> None:
        self.points = list(points)
        self.events = list(events)
        self.title = title

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield safe_text(self.title, style="kind")
        scale = LogScale(self.points)
        width = max(MIN_BAR, options.max_width - LABEL_WIDTH - 1)
        if self.points:
            low, top = compact(scale.low), f"{compact(scale.high)} (log scale)"
            axis = Text(" " * LABEL_WIDTH + " " + low, style="muted")
            axis.append(top.rjust(max(len(top) + 1, width - len(low))))
            yield axis
        rows: list[tuple[dt.date, int, Text]] = [
            (p.at, 1, self._line(p, scale, width)) for p in self.points]
        rows += [(e.first, 0, self._event(e)) for e in self.events]
        for _, _, line in sorted(rows, key=lambda r: (r[0], r[1])):
            yield line

    def _line(self, p: TimelinePoint, scale: LogScale, width: int) -> Text:
        fig = figure(p.claim)
        fig = (fig if len(fig) <= 18 else fig[:17] + "…").ljust(18)
        out = _label(p.at, p.source.outlet or p.source.path or p.source.id[:8])
        out.append_text(safe_text(f" {fig}", style="figure"))
        out.append(" ")
        out.append(bar(*_bounds(p), scale, width), style="kind")
        return out

    def _event(self, e: TimelineEvent) -> Text:
        name = e.claim.event.value if e.claim.event else "event"
        days = e.first.isoformat() + ("" if e.first == e.last else f" to {e.last.isoformat()}")
        out = _label(e.first, e.source.outlet or e.source.path or e.source.id[:8])
        out.append(f" {MARKS.get(name, '●')} ceasefire {name} {days}", style="highlight")
        out.append_text(safe_text(f" ({source_label(e.source)})", style="muted"))
        return out


def render_timeline(groups: Sequence[TimelineGroup], title: str) -> RenderableType:
    """One chart per group (a kind, a class of subject and a scope, each on its own scale)
    under `title`, with the ceasefire events among the claims in their place in time."""
    if not groups:
        return Group(safe_text(title, style="heading"),
                     Text("No figures with a publication date match.", style="muted"))
    charts: list[RenderableType] = [safe_text(title, style="heading")]
    for group in groups:
        note = f" (the latest {len(group.points)} of {group.total})" if (
            group.total > len(group.points)) else ""
        charts += [Text(""), Timeline(group.points, group.title + note, group.events)]
    return Group(*charts)
