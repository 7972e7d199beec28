"""A timeline: the figures of a group against publication date, intervals drawn as ranges.

Drawn with rich primitives (one Text line per claim on a shared linear scale) rather than
plotext: intervals with open bounds are ranges, not points, and rich already fits the width.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.text import Text

from reports.format import figure, number
from reports.safe import safe_text
from verify.report_data import TimelineGroup, TimelinePoint

LABEL_WIDTH = 40  # date and outlet (20), figure (18), before the bar
MIN_BAR = 20


def _bounds(point: TimelinePoint) -> tuple[int | None, int | None]:
    q = point.claim.quantity
    assert q is not None
    low = q.low if q.low is not None else q.estimate
    high = q.high if q.high is not None else (q.estimate if q.low is None else None)
    return low, high


def scale_top(points: Sequence[TimelinePoint]) -> int:
    """The right end of the scale: a quarter past the largest bound, so open ranges show."""
    values = [v for p in points for v in _bounds(p) if v is not None]
    return max(1, int(max(values, default=1) * 1.25))


def bar(low: int | None, high: int | None, top: int, width: int) -> str:
    """One range on a scale of `width` cells: ├──┤ closed, ├──▶ open above, ● a point."""
    def cell(v: int) -> int:
        return min(width - 1, round(v / top * (width - 1)))

    if low is not None and high is not None and cell(low) == cell(high):
        return " " * cell(low) + "●"
    if high is None:
        start = cell(low or 0)
        return " " * start + "├" + "─" * max(0, width - start - 2) + "▶"
    start = cell(low) if low is not None else 0
    left = "├" if low is not None else "◀"
    return " " * start + left + "─" * max(0, cell(high) - start - 1) + "┤"


class Timeline:
    """The chart as a renderable: it draws its bars to the width it is given."""

    def __init__(self, points: Sequence[TimelinePoint], title: str) -> None:
        self.points = list(points)
        self.title = title

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield safe_text(self.title, style="kind")
        top = scale_top(self.points)
        width = max(MIN_BAR, options.max_width - LABEL_WIDTH - 1)
        axis = Text(" " * LABEL_WIDTH + " 0", style="muted")
        axis.append(number(top).rjust(width - 1))
        yield axis
        for p in self.points:
            yield self._line(p, top, width)

    def _line(self, p: TimelinePoint, top: int, width: int) -> Text:
        outlet = p.source.outlet or p.source.path or p.source.id[:8]
        label = f"{p.published.isoformat()} {outlet}"[:20].ljust(20)
        fig = figure(p.claim)
        fig = (fig if len(fig) <= 18 else fig[:17] + "…").ljust(18)
        out = safe_text(label, style="muted")
        out.append_text(safe_text(f" {fig}", style="figure"))
        out.append(" ")
        out.append(bar(*_bounds(p), top, width), style="kind")
        return out


def render_timeline(groups: Sequence[TimelineGroup], title: str) -> RenderableType:
    """One chart per group (a kind and a class of subject, each on its own scale) under `title`."""
    if not groups:
        return Group(safe_text(title, style="heading"),
                     Text("No figures with a publication date match.", style="muted"))
    charts: list[RenderableType] = [safe_text(title, style="heading")]
    for group in groups:
        charts += [Text(""), Timeline(group.points, f"{group.kind} · {group.subjects}")]
    return Group(*charts)
