"""The report as one self-contained HTML page for an editor: built from the report data, not
from a terminal recording, so it reads on a phone, prints, and writes 10,000 conflicts fast.

Every anchor a ClaimReview points at is here: `#<conflict id>` for each conflict, and
`#<conflict id>-<claim id>` for each of its claims; `#<group id>`, `#s<source id>`. Every
text from an article is escaped; only http(s) URLs become links.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping, Sequence
from urllib.parse import quote, urlsplit

from claims.model import Claim, Conflict, Corroboration, Scope, Source
from reports.export.html_style import STYLE
from reports.export.svg import esc, legend, timeline_svg
from reports.format import (
    credit_parts,
    extent,
    favoured_words,
    figure,
    plural,
    scope_words,
    sentence_parts,
    source_label,
    stated,
)
from reports.panels import Side, group_words, ordered_members, wire_sides
from reports.safe import clean
from verify.report_data import ReportData
from verify.timeline_data import TimelineGroup, timeline_groups

TIMELINE_POINTS = 400  # a chart of more figures draws the latest this many
TIMELINE_LEAST = 3  # the report charts groups of at least this many figures
TIMELINE_CHARTS = 12  # and the largest this many of them


def render_html(data: ReportData) -> str:
    """The whole report as one page: header, conflicts, corroborated groups, timelines,
    sources; inline CSS and SVG, no script, nothing fetched."""
    return "".join(html_parts(data))


def html_parts(data: ReportData) -> Iterator[str]:
    """The page in pieces, each as soon as it is drawn (a conflict at a time), to be written
    out as they come: the conflicts are read from the store as the page reaches them."""
    # A page of 10,000 conflicts makes millions of short strings: the cyclic collector would
    # walk every claim again and again for none of them (a tenth of the time); none are cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield from _page(data)
    finally:
        if collecting:
            gc.enable()


def _page(data: ReportData) -> Iterator[str]:
    name = esc(data.store_name)
    yield (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
           f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
           f"<title>crosscheck report: {name}</title>\n<style>{STYLE}</style>\n</head>\n"
           f"<body>\n")
    yield _header(data)
    yield f'<main>\n<section id="conflicts"><h2>Conflicts ({_shown(data)})</h2>\n'
    if not data.conflicts:
        yield '<p class="muted">No conflicts among the claims shown.</p>\n'
    cells = Cells(data.sources)
    for conflict in data.conflicts:
        yield _conflict(conflict, data, cells)
    yield "</section>\n"
    yield from _groups(data, cells)
    yield from _timelines(data)
    yield from _sources(data)
    yield "</main>\n</body>\n</html>\n"


def _header(data: ReportData) -> str:
    counts = [(data.source_count(), "source"), (data.claim_count(), "claim"),
              (data.total_conflicts, "conflict"), (len(data.corroborations), "corroborated group")]
    items = "".join(f"<li><b>{n:,}</b> {plural(n, noun).split(' ', 1)[1]}</li>"
                    for n, noun in counts)
    sev = " ".join(f'<span class="sev {k if n else "none"}">{n:,} {k}</span>'
                   for k, n in data.by_severity().items())
    review = ", ".join(f"{n:,} {esc(k)}" for k, n in sorted(data.by_review().items()))
    filters = data.filters.active()
    given = ", ".join(f"{k.replace('_', '-')} {v}" for k, v in filters.items())
    return (f"<header>\n<h1>crosscheck report</h1>\n<p class=\"muted\">{esc(data.store_name)}</p>"
            f'\n<ul class="counts">{items}</ul>\n<p>Severity: {sev}<br>Review: '
            f"{review or 'nothing to review'}</p>\n"
            + (f"<p>Filters: {esc(given)}</p>\n" if filters else "")
            + '<nav><a href="#conflicts">Conflicts</a><a href="#corroborated">Corroborated</a>'
            '<a href="#timelines">Timelines</a><a href="#sources">Sources</a></nav>\n'
            "</header>\n")


def _shown(data: ReportData) -> str:
    shown = len(data.conflicts)
    if shown < data.total_conflicts:
        return f"{shown:,} of {data.total_conflicts:,}, most severe first"
    return "most severe first" if shown else "none"


def web_url(url: str | None) -> str | None:
    """The URL when it is an http(s) one, fit for an href; None for anything else (a
    `javascript:` URL from a manifest must never become a link)."""
    if not url:
        return None
    value = clean(url).strip()
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return value


_URL_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.~")
_PERCENT = str.maketrans({chr(i): f"%{i:02X}" for i in range(128) if chr(i) not in _URL_SAFE})


def text_fragment(words: str) -> str:
    """Words percent-encoded for `#:~:text=`: "-", "," and "&" too, the directive's delimiters.
    A translate table for ASCII (urllib's quote costs a tenth of a page of 10,000 conflicts)."""
    return words.translate(_PERCENT) if words.isascii() else quote(words, safe="").replace(
        "-", "%2D")


def quote_link(source: Source | None, claim: Claim, url: str | None = None,
               said: str | None = None) -> str | None:
    """The article's URL with a text fragment that scrolls to the quote and marks it (`said`:
    the quote already cleaned)."""
    url = url or web_url(source.url if source else None)
    if url is None:
        return None
    fragment = text_fragment(" ".join((clean(claim.span.quote) if said is None else said)
                                      .split()))
    base = url.split("#", 1)[0]
    return f"{base}#:~:text={fragment}"


def quote_html(source: Source | None, claim: Claim, url: str | None = None) -> str:
    """The quote in its sentence, the quote marked and linked to the article where it can be."""
    before, said, after = sentence_parts(source, claim)
    mark = f"<mark>{esc(said)}</mark>"
    link = quote_link(source, claim, url, said) if url or source and source.url else None
    if link:
        mark = f'<a href="{esc(link)}" title="the quote in the article">{mark}</a>'
    return f"{esc(before)}{mark}{esc(after)}"


class Cells(dict[str, tuple[str, str, str | None]]):
    """Per source, worked out once a page: its outlet (linked to its row), its day, its URL;
    and the figure and attribution cells, each drawn once for all the claims that share them
    (a page of 10,000 conflicts names the same bodies and figures again and again)."""

    def __init__(self, sources: Mapping[str, Source]) -> None:
        super().__init__()
        self.sources = sources
        self._figures: dict[tuple[object, ...], tuple[str, str]] = {}
        self._credits: dict[tuple[str | None, ...], str] = {}

    def __missing__(self, source_id: str) -> tuple[str, str, str | None]:
        src = self.sources.get(source_id)
        if src is None:
            self[source_id] = ("", "—", None)
        else:
            name = esc(src.outlet or source_label(src))
            day = f"<time>{src.published.isoformat()}</time>" if src.published else "—"
            self[source_id] = (f'<a href="#s{esc(src.id)}">{name}</a>', day, web_url(src.url))
        return self[source_id]

    def outlet(self, claim: Claim) -> str:
        return self[claim.source_id][0] or esc(source_label(None, claim.source_path))

    def day(self, claim: Claim) -> str:
        return self[claim.source_id][1]

    def quote(self, claim: Claim) -> str:
        src = self.sources.get(claim.source_id)
        return quote_html(src, claim, self[claim.source_id][2])

    def figure(self, c: Claim) -> tuple[str, str]:
        """The figure cell (with what it counts) and the interval cell of a claim: both read
        only these fields, and its article's day."""
        src = self.sources.get(c.source_id)
        q = c.quantity  # its fields, not the frozen dataclass: hashing that runs Python code
        key = ((q.low, q.high, q.estimate, q.qualifier, q.figure) if q is not None else None,
               c.event, c.date, c.modality, c.scope, c.site, c.period_end,
               src.published if src else None)
        hit = self._figures.get(key)
        if hit is None:
            hit = self._figures[key] = (_figure(c, src), esc(extent(c)) or "—")
        return hit

    def credit(self, c: Claim) -> str:
        """The attribution cell of a claim (credit_parts reads only these four fields)."""
        key = (c.attribution, c.attribution_text, c.speaker, c.attribution_via)
        hit = self._credits.get(key)
        if hit is None:
            hit = self._credits[key] = _attribution(c)
        return hit


def _attribution(c: Claim) -> str:
    parts = credit_parts(c)
    out = esc(parts.body) if parts.body else '<span class="muted">unattributed</span>'
    if parts.written:
        out += f' <span class="muted">(as written: “{esc(parts.written)}”)</span>'
    if parts.speaker:
        out += f"<br>said by {esc(parts.speaker)}"
    if parts.via:
        out += f"<br>via {esc(parts.via)}"
    return out


def _figure(c: Claim, source: Source | None) -> str:
    out = f"<b>{esc(figure(c))}</b>"
    notes = [scope_words(c, source)]
    if c.modality.value != "reported":
        notes.append(c.modality.value)
    notes = [esc(n) for n in notes if n]
    return out + (f'<br><span class="muted">{"; ".join(notes)}</span>' if notes else "")


def _row(n: int, side: Side, anchor: str, cells: Cells) -> str:
    c = side.claim
    extra = ""
    if side.copies:
        copies = ", ".join(f'<span id="{anchor}-{esc(k.id)}">{cells.outlet(k)} '
                           f"({cells.day(k)})</span>" for k in side.copies)
        extra += f'<br><span class="muted">same wire text in</span> {copies}'
    if side.repeats:
        extra += f'<br><span class="muted">said {side.repeats + 1} times in this article</span>'
    cid = esc(c.id)
    ids = f"{cid} {esc(' '.join(k.id for k in side.copies))}" if side.copies else cid
    fig, span = cells.figure(c)
    return (f'<tr id="{anchor}-{cid}" data-claims="{ids}"><td class="n">{n}</td>'
            f'<td class="fig">{fig}</td><td class="int">{span}</td>'
            f'<td class="out">{cells.outlet(c)}{extra}</td><td class="day">{cells.day(c)}</td>'
            f'<td class="att lab" data-label="says">{cells.credit(c)}</td>'
            f'<td class="quote">{cells.quote(c)}</td></tr>')


_HEAD = ("<thead><tr><th>#</th><th>Figure</th><th>Interval</th><th>Outlet</th><th>Date</th>"
         "<th>Attribution</th><th>Quote</th></tr></thead>")


def claims_table(sides: Sequence[Side], anchor: str, cells: Cells) -> str:
    """One row per side (wire copies of a quote go with it), numbered in the panel's order."""
    rows = "".join(_row(n, side, anchor, cells) for n, side in enumerate(sides, start=1))
    return f'<table class="claims cards">{_HEAD}<tbody>{rows}</tbody></table>'


def _review(c: Conflict, data: ReportData, numbers: Mapping[str, int]) -> str:
    d = c.decision
    if d is None:
        return '<dl class="review"><dt>Review</dt><dd>open, not reviewed yet</dd></dl>'
    rows = [("Verdict", esc(d.verdict.value)
             + (' <span class="stale">stale: the claims changed since</span>' if d.stale else ""))]
    if d.claim_id:
        favoured = data.claims.get(d.claim_id)
        src = data.sources.get(favoured.source_id) if favoured else None
        words = esc(favoured_words(favoured, src, d.claim_id))
        at = numbers.get(d.claim_id)
        rows.append(("Favours", f'<a href="#{esc(c.id)}-{esc(d.claim_id)}">#{at} {words}</a>'
                     if at else words))
    if d.note:
        rows.append(("Note", esc(d.note)))
    rows.append(("Reviewer", esc(d.reviewer)))
    rows.append(("When", f"<time>{d.decided_at:%Y-%m-%d %H:%M}</time>"))
    return '<dl class="review">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"


def _numbers(members: Sequence[Claim], sides: Sequence[Side]) -> dict[str, int]:
    """Each claim's row number, wire copies and repeats numbered as the row they join."""
    out: dict[str, int] = {}
    for n, side in enumerate(sides, start=1):
        for k in [side.claim, *side.copies]:
            out[k.id] = n
    for claim in members:  # repeats in one article: the row of the same statement
        out.setdefault(claim.id, next((n for n, s in enumerate(sides, start=1)
                                       if s.claim.source_id == claim.source_id), 0))
    return out


def _conflict(c: Conflict, data: ReportData, cells: Cells) -> str:
    members = ordered_members(c.claim_ids, data.claims, data.sources)
    sides = wire_sides(members)
    numbers = _numbers(members, sides)
    anchor = esc(c.id)
    label = c.severity_label
    shown = {k.id for side in sides for k in [side.claim, *side.copies]}
    hidden = "".join(f'<span id="{anchor}-{esc(k.id)}"></span>' for k in members
                     if k.id not in shown)  # a repeat in one article: its row is the first
    chart = _conflict_chart(members, data.sources, data.place_of)
    return (f'<article class="conflict {label}" id="{anchor}">\n<h3><span class="sev {label}">'
            f"{label.upper()}</span> {esc(c.type.value)} conflict "
            f'<a class="id" href="#{anchor}">{anchor}</a></h3>\n'
            f'<p class="key">{esc(group_words(c.key, members))}</p>\n'
            f"{claims_table(sides, anchor, cells)}{hidden}\n"
            f"<p><b>Why:</b> {esc(c.reason)}<br>Severity: {label} ({c.severity:.2f})</p>\n"
            f"{chart}{_review(c, data, numbers)}\n</article>\n")


def _conflict_chart(members: Sequence[Claim], sources: Mapping[str, Source],
                    place_of: Callable[[Claim], str | None]) -> str:
    """A chart for a conflict whose sides stand at several days, or whose sides are dates."""
    if len(members) < 3 and not any(k.quantity is None for k in members):
        return ""  # two figures: the table says it all
    groups = timeline_groups(members, sources, place_of=place_of)
    if len(groups) != 1:
        return ""
    g = groups[0]
    if len({p.at for p in g.points}) < 2 and len(g.events) < 2:
        return ""
    return ('<figure><figcaption class="muted">Each figure against the day it stands at '
            f"(log scale)</figcaption>{timeline_svg(g)}{legend(g)}</figure>")


def _groups(data: ReportData, cells: Cells) -> Iterator[str]:
    yield f'<section id="corroborated"><h2>Corroborated ({len(data.corroborations)})</h2>\n'
    if not data.corroborations:
        yield '<p class="muted">No corroborated groups among the claims shown.</p>\n'
    for g in data.corroborations:
        yield _group(g, data, cells)
    yield "</section>\n"


def _group(g: Corroboration, data: ReportData, cells: Cells) -> str:
    members = ordered_members(g.claim_ids, data.claims, data.sources)
    figures = "; ".join(sorted({esc(stated(k) if k.quantity is None else figure(k))
                                for k in members}))
    n = g.independent_sources
    return (f'<article class="group" id="{esc(g.id)}">\n<h3>✓ '
            f"{esc(group_words(g.key, members))}</h3>\n<p><b>{figures}</b>: "
            f"{plural(n, 'independent source')}. {esc(g.reason)}</p>\n"
            f"{claims_table(wire_sides(members), esc(g.id), cells)}\n</article>\n")


def _timelines(data: ReportData) -> Iterator[str]:
    """Totals over time, one chart per kind, subject class and province: incident tolls are
    charted only with reports of the same incident, in their conflict's section."""
    ids = data.kept if data.kept is not None else list(data.claims)
    claims = data.claims
    totals = (c for c in map(claims.__getitem__, ids) if c.scope is not Scope.incident)
    groups = timeline_groups(totals, data.sources, TIMELINE_POINTS, data.place_of,
                             least=TIMELINE_LEAST)
    yield '<section id="timelines"><h2>Timelines</h2>\n'
    if not groups:
        yield ('<p class="muted">No group of three figures or more with a date among the '
               "claims shown.</p>\n")
    for g in groups[:TIMELINE_CHARTS]:
        yield _timeline(g)
    if len(groups) > TIMELINE_CHARTS:
        rest = groups[TIMELINE_CHARTS:]
        yield (f'<p class="muted">{plural(len(rest), "smaller group")} not drawn: '
               f"{esc('; '.join(g.title for g in rest[:20]))}"
               f"{'; …' if len(rest) > 20 else ''} (crosscheck timeline --kind … --place …)"
               "</p>\n")
    yield "</section>\n"


def _timeline(g: TimelineGroup) -> str:
    note = ""
    if g.total > len(g.points):
        note = f'<p class="muted">The latest {len(g.points):,} of {g.total:,} figures.</p>'
    count = plural(len(g.points), "figure") if g.points else plural(len(g.events), "event")
    return (f"<figure><figcaption><b>{esc(g.title)}</b> <span class=\"muted\">{count}; "
            f"log scale</span></figcaption>{note}{timeline_svg(g)}{legend(g)}</figure>\n")


def _sources(data: ReportData) -> Iterator[str]:
    yield ('<section id="sources"><h2>Sources</h2>\n<table class="sources cards"><thead><tr>'
           "<th>Published</th><th>Outlet</th><th>Title</th><th>URL</th><th>Claims</th>"
           "<th>Conflicts</th></tr></thead><tbody>")
    for row in data.summaries:
        s = row.source
        url = web_url(s.url)
        link = (f'<a href="{esc(url)}">{esc(url)}</a>' if url else esc(s.url) if s.url else "—")
        claims = f"{row.claims}" if row.matched else '<span class="muted">cited</span>'
        yield (f'<tr id="s{esc(s.id)}"><td class="day">'
               f"{s.published.isoformat() if s.published else '—'}</td>"
               f'<td class="out"><b>{esc(s.outlet or "—")}</b></td>'
               f'<td>{esc(s.title or s.path or s.id)}</td><td class="url">{link}</td>'
               f'<td class="lab" data-label="claims">{claims}</td>'
               f'<td class="lab" data-label="conflicts">{row.conflicts}</td></tr>')
    yield "</tbody></table>\n</section>\n"
