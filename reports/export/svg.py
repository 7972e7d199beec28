"""Timeline charts as inline SVG: figures against the day they stand at, on a log scale.

A log scale keeps 400,000 and 500,000 apart when a 5.5 million outlier shares the chart (on a
linear one both would sit at its foot). Intervals are bars, open bounds arrows, points dots;
ceasefire events are marks along the bottom. Every text is escaped: labels come from articles.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from functools import lru_cache
from html import escape

from reports.format import compact, figure, interval, source_label
from reports.safe import clean
from verify.timeline_data import TimelineEvent, TimelineGroup, TimelinePoint

WIDTH, HEIGHT = 400, 230
LEFT, RIGHT, TOP, BOTTOM = 46, 10, 14, 46  # room for the axis labels
LABELLED = 10  # charts with more points than this label them on hover only
MARKS = {"announced": "◆", "starts": "▲", "broken": "✕"}


def esc(value: object) -> str:
    """Text safe inside SVG or HTML: control characters stripped, markup escaped."""
    return _escaped(value if isinstance(value, str) else "" if value is None else str(value))


@lru_cache(maxsize=1 << 16)
def _escaped(text: str) -> str:
    """esc() of a text, worked out once: outlets, names, figures and wire quotes recur in
    every conflict of a page of 10,000."""
    # isprintable() is False for every character clean() strips (controls, bidi, format
    # characters): most text skips the regex, which is most of a page's time
    return escape(text if text.isprintable() else clean(text), quote=True)


# Widths in ems of the widest common sans face (DejaVu Sans, what system-ui falls back to on
# Linux): a label measured with these fits in any narrower face too, so none is clipped.
_EM = {**dict.fromkeys("iljtfr.,:;!|'()[]- ", 0.42), **dict.fromkeys("mwMW@%…—", 1.0),
       **dict.fromkeys("ABCDEFGHIJKLNOPQRSTUVXYZ&", 0.78), **dict.fromkeys("◆▲✕●", 0.84)}
_LABEL_PX = 13  # the font size of a label (html_style.STYLE: svg text)


def text_width(text: str, size: float = _LABEL_PX) -> float:
    """How wide `text` sets at `size` px, at most: 0.64 em for a character not listed (digits,
    most lowercase letters, and any other script, whose characters are seldom wider)."""
    return size * sum(_EM.get(ch, 0.64) for ch in text)


def fitted(text: str, room: float, size: float = _LABEL_PX) -> str:
    """`text`, or as much of it as fits in `room` px with an ellipsis; "" if not even that."""
    if text_width(text, size) <= room:
        return text
    keep = text
    while keep and text_width(keep + "…", size) > room:
        keep = keep[:-1]
    return keep.rstrip() + "…" if keep else ""


def _bounds(p: TimelinePoint) -> tuple[int | None, int | None]:
    q = p.claim.quantity
    assert q is not None
    if q.low is None and q.high is None:
        return q.estimate, q.estimate
    return q.low, q.high


class Scale:
    """Day to x and count to y (log) for one chart."""

    def __init__(self, points: Sequence[TimelinePoint], events: Sequence[TimelineEvent]) -> None:
        values = [v for p in points for v in _bounds(p) if v is not None and v > 0] or [1]
        self.lo, self.hi = min(values) / 1.3, max(values) * 1.5
        days = [p.at for p in points] + [d for e in events for d in (e.first, e.last)]
        first, last = min(days), max(days)
        if (last - first).days < 6:
            first, last = first - dt.timedelta(days=3), last + dt.timedelta(days=3)
        pad = max(1, round((last - first).days * 0.05))
        self.first, self.last = first - dt.timedelta(days=pad), last + dt.timedelta(days=pad)

    def x(self, day: dt.date) -> float:
        span = max(1, (self.last - self.first).days)
        return LEFT + (day - self.first).days / span * (WIDTH - LEFT - RIGHT)

    def y(self, value: float) -> float:
        low, high = math.log10(self.lo), math.log10(self.hi)
        return TOP + (high - math.log10(max(value, self.lo))) / (high - low) * (HEIGHT - TOP
                                                                                  - BOTTOM)

    def ticks(self) -> list[float]:
        """Round counts within the scale: 1-2-5 steps, every digit on a narrow scale, only
        powers of ten on a wide one."""
        powers = range(int(math.log10(self.lo)) - 1, int(math.log10(self.hi)) + 2)
        for steps in ((1, 2, 5), (1, 2, 3, 4, 5, 6, 7, 8, 9)):
            out = [m * 10.0**k for k in powers for m in steps]
            out = [t for t in out if self.lo <= t <= self.hi]
            if len(out) >= 3:
                break
        return out if len(out) <= 7 else [t for t in out if f"{t:.0f}"[0] == "1"]

    def day_ticks(self) -> list[dt.date]:
        """The first and last day, and one between when they are far enough apart."""
        span = (self.last - self.first).days
        middle = self.first + dt.timedelta(days=span // 2)
        return [self.first, middle, self.last] if span > 40 else [self.first, self.last]


def _axes(s: Scale) -> list[str]:
    plot_bottom = HEIGHT - BOTTOM
    out = [f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{plot_bottom}"/>',
           f'<line class="axis" x1="{LEFT}" y1="{plot_bottom}" x2="{WIDTH - RIGHT}" '
           f'y2="{plot_bottom}"/>']
    for t in s.ticks():
        y = s.y(t)
        out.append(f'<line class="grid" x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" '
                   f'y2="{y:.1f}"/><text class="tick" x="{LEFT - 4}" y="{y + 4:.1f}" '
                   f'text-anchor="end">{compact(t)}</text>')
    for n, day in enumerate(s.day_ticks()):
        anchor = ("start", "middle", "end")[min(n, 2)] if len(s.day_ticks()) == 3 else (
            "start" if n == 0 else "end")
        out.append(f'<text class="tick" x="{s.x(day):.1f}" y="{plot_bottom + 15}" '
                   f'text-anchor="{anchor}">{day.isoformat()}</text>')
    return out


def _bar(p: TimelinePoint, x: float, s: Scale) -> tuple[str, float]:
    low, high = _bounds(p)
    top, bottom = TOP, HEIGHT - BOTTOM
    tip = (f"{source_label(p.source)}: {figure(p.claim)} {interval(p.claim.quantity)}"
           f", as of {p.at.isoformat()}")
    parts = [f"<title>{esc(tip)}</title>"]
    if low is not None and high is not None and low == high or low is None and high is None:
        value = low or high or 1
        parts.append(f'<circle cx="{x:.1f}" cy="{s.y(value):.1f}" r="4"/>')
        mid = s.y(value)
    elif high is None:  # open above: an arrow to the top
        y0 = s.y(low or 1)
        parts.append(f'<line x1="{x:.1f}" y1="{y0:.1f}" x2="{x:.1f}" y2="{top + 6}"/>'
                     f'<path d="M{x - 4:.1f} {top + 7} L{x:.1f} {top} L{x + 4:.1f} {top + 7}Z"/>'
                     f'<line x1="{x - 4:.1f}" y1="{y0:.1f}" x2="{x + 4:.1f}" y2="{y0:.1f}"/>')
        mid = y0
    elif low is None:  # open below: an arrow to the foot
        y1 = s.y(high)
        parts.append(f'<line x1="{x:.1f}" y1="{y1:.1f}" x2="{x:.1f}" y2="{bottom - 6}"/>'
                     f'<path d="M{x - 4:.1f} {bottom - 7} L{x:.1f} {bottom} L{x + 4:.1f} '
                     f'{bottom - 7}Z"/><line x1="{x - 4:.1f}" y1="{y1:.1f}" x2="{x + 4:.1f}" '
                     f'y2="{y1:.1f}"/>')
        mid = y1
    else:
        y0, y1 = s.y(low), s.y(high)
        parts.append(f'<rect x="{x - 3:.1f}" y="{y1:.1f}" width="6" '
                     f'height="{max(y0 - y1, 2):.1f}" rx="2"/>')
        mid = (y0 + y1) / 2
    return f'<g class="figure">{"".join(parts)}</g>', mid


def _labels(points: Sequence[TimelinePoint], xs: Sequence[float], mids: Sequence[float]
            ) -> list[str]:
    """A short figure beside each bar at its own height, right of it or else left of it;
    left out where it would cover a label already placed (the bar's tooltip still says it)."""
    placed: list[tuple[float, float, float]] = []  # left, right, baseline
    out = []
    for p, x, mid in zip(points, xs, mids, strict=True):
        text, y = _short(p), mid + 4
        width = text_width(text)
        for left in (x + 7, x - 7 - width):
            if left < LEFT or left + width > WIDTH - RIGHT:
                continue
            if all(left > r or left + width < lft or abs(y - base) >= 13
                   for lft, r, base in placed):
                placed.append((left, left + width, y))
                out.append(f'<text class="label" x="{left:.1f}" y="{y:.1f}">{esc(text)}</text>')
                break
    return out


def _short(p: TimelinePoint) -> str:
    low, high = _bounds(p)
    if low is not None and high is not None and low != high:
        return f"{compact(low)}–{compact(high)}"
    if high is None and low is not None and (p.claim.quantity and p.claim.quantity.low == low
                                             and p.claim.quantity.high is None):
        return f"{compact(low)}+"
    if low is None and high is not None:
        return f"<{compact(high)}"
    return compact(low or high or 0)


def _event(e: TimelineEvent, s: Scale) -> str:
    x0, x1 = s.x(e.first), s.x(e.last)
    bottom = HEIGHT - BOTTOM
    name = e.claim.event.value if e.claim.event else "event"
    days = e.first.isoformat() + ("" if e.first == e.last else f" to {e.last.isoformat()}")
    tip = f"ceasefire {name} {days} ({source_label(e.source)})"
    band = (f'<rect class="band" x="{x0:.1f}" y="{TOP}" width="{max(x1 - x0, 1):.1f}" '
            f'height="{bottom - TOP}"/>' if x1 - x0 >= 2 else
            f'<line class="rule" x1="{x0:.1f}" y1="{TOP}" x2="{x0:.1f}" y2="{bottom}"/>')
    mark = MARKS.get(name, "●")
    return (f'<g class="event {esc(name)}"><title>{esc(tip)}</title>{band}'
            f'<text class="mark" x="{(x0 + x1) / 2:.1f}" y="{bottom + 32}" '
            f'text-anchor="middle">{mark}</text></g>')


def _xs(points: Sequence[TimelinePoint], s: Scale) -> list[float]:
    """Each point's x: its day, with points of one day set side by side."""
    on_day: dict[dt.date, int] = {}
    for p in points:
        on_day[p.at] = on_day.get(p.at, 0) + 1
    seen: dict[dt.date, int] = {}
    out = []
    for p in points:
        n, k = on_day[p.at], seen.get(p.at, 0)
        seen[p.at] = k + 1
        step = min(9.0, 54 / n)  # many on one day share a narrow band around it
        out.append(min(WIDTH - RIGHT - 4, max(LEFT + 4, s.x(p.at) + (k - (n - 1) / 2) * step)))
    return out


def _event_label_place(x0: float, x1: float) -> tuple[str, float, float]:
    """Where an event's label goes: its anchor, x and the room it has, inside the chart: on
    the side of the mark or band with more room, or over a band wider than either side."""
    left, right = x0 - 9 - 4, WIDTH - (x1 + 9) - 4
    over = x1 - x0 - 8
    if over > max(left, right):
        return "start", x0 + 4, over
    return ("end", x0 - 9, left) if left > right else ("start", x1 + 9, right)


def events_svg(events: Sequence[TimelineEvent], name: str) -> str:
    """Ceasefire events alone: one row each along a shared axis of days, a mark or a band."""
    s = Scale([], events)
    row = 24
    height = TOP + row * len(events) + 24
    body = []
    for n, e in enumerate(events):
        y = TOP + row * n + row / 2
        x0, x1 = s.x(e.first), s.x(e.last)
        event = e.claim.event.value if e.claim.event else "event"
        days = e.first.isoformat() + ("" if e.first == e.last else f" to {e.last.isoformat()}")
        words = f"{event} {days} ({source_label(e.source)})"
        shape = (f'<rect x="{x0:.1f}" y="{y - 5:.1f}" width="{max(x1 - x0, 2):.1f}" height="10" '
                 f'rx="2"/>' if x1 - x0 >= 2 else
                 f'<text class="mark" x="{x0:.1f}" y="{y + 5:.1f}" text-anchor="middle">'
                 f'{MARKS.get(event, "●")}</text>')
        side, at, room = _event_label_place(x0, x1)
        label = fitted(words, room)
        body.append(f'<g class="event {esc(event)}"><title>{esc(words)}</title>{shape}'
                    f'<text class="label" x="{at:.1f}" y="{y + 4:.1f}" text-anchor="{side}">'
                    f"{esc(label)}</text></g>")
    bottom = height - 24
    body.append(f'<line class="axis" x1="{LEFT}" y1="{bottom}" x2="{WIDTH - RIGHT}" '
                f'y2="{bottom}"/>')
    for day, anchor in ((s.first, "start"), (s.last, "end")):
        body.append(f'<text class="tick" x="{s.x(day):.1f}" y="{bottom + 15}" '
                    f'text-anchor="{anchor}">{day.isoformat()}</text>')
    summary = f"{name}: {len(events)} ceasefire events by date"
    return (f'<svg class="timeline" viewBox="0 0 {WIDTH} {height}" role="img" '
            f'aria-label="{esc(summary)}" xmlns="http://www.w3.org/2000/svg">'
            f"<title>{esc(summary)}</title>{''.join(body)}</svg>")


def timeline_svg(group: TimelineGroup, title: str | None = None) -> str:
    """One chart: `group`'s figures against the day each stands at, events as marks."""
    name = title or group.title
    if not group.points:
        return events_svg(group.events, name) if group.events else ""
    s = Scale(group.points, group.events)
    xs = _xs(group.points, s)
    bars = [_bar(p, x, s) for p, x in zip(group.points, xs, strict=True)]
    body = _axes(s) + [_event(e, s) for e in group.events] + [b for b, _ in bars]
    if len(group.points) <= LABELLED:
        body += _labels(group.points, xs, [mid for _, mid in bars])
    summary = (f"{name}: {len(group.points)} figures on a log scale"
               + (f", {len(group.events)} ceasefire events" if group.events else ""))
    return (f'<svg class="timeline" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
            f'aria-label="{esc(summary)}" xmlns="http://www.w3.org/2000/svg">'
            f"<title>{esc(summary)}</title>{''.join(body)}</svg>")


LEGEND_LINES = 8  # more events than this are summed up, the list folded under it


def legend(group: TimelineGroup) -> str:
    """The marks of a chart in words: which event each mark is, on which day, from whom."""
    if not group.events:
        return ""
    items = []
    counts: dict[str, int] = {}
    for e in group.events:
        name = e.claim.event.value if e.claim.event else "event"
        counts[name] = counts.get(name, 0) + 1
        days = e.first.isoformat() + ("" if e.first == e.last else f" to {e.last.isoformat()}")
        items.append(f"<li>{MARKS.get(name, '●')} {esc(name)} {days} "
                     f"<span class=\"muted\">({esc(source_label(e.source))})</span></li>")
    listed = f'<ul class="legend">{"".join(items)}</ul>'
    if len(items) <= LEGEND_LINES:
        return listed
    summary = ", ".join(f"{MARKS.get(k, '●')} {n} {esc(k)}" for k, n in counts.items())
    first, last = group.events[0].first, max(e.last for e in group.events)
    return (f"<details><summary>{len(items)} ceasefire events, {first} to {last}: {summary}"
            f"</summary>{listed}</details>")
