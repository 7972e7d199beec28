"""Figures in tables: a label line naming the kind with the figure at its end ("Deaths due to
famine 228398", or run into the label where a page's cells were joined: "famine228398"),
under a heading line that says which bound the column gives ("Lower estimate")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extract.context import Context
from claims.extract.phrase import read_phrase, words
from claims.extract.rules import register
from claims.lexicon import Lexicon
from claims.model import Claim, Quantity, Span

# A label, then its figure run into it, or after a tab, a colon or two spaces (a single space
# is prose: "Death toll rises to 45" is read by the sentence rules).
_ROW = re.compile(
    r"^[ \t]*(?P<label>[^\W\d_][^\n\d]{2,80}?)(?:(?<=[^\W\d_])|[ \t]*(?:\t|:|  )[ \t]*)"
    r"(?P<num>\d[\d,]{0,14})[ \t]*$", re.M)


@dataclass(frozen=True)
class Headings:
    lower: re.Pattern[str]
    upper: re.Pattern[str]


def _build(lex: Lexicon) -> Headings:
    t = lex["figures"]["tables"]
    return Headings(re.compile(r"^\s*(?i:" + "|".join(t["lower"]) + r")\s*:?\s*$"),
                    re.compile(r"^\s*(?i:" + "|".join(t["upper"]) + r")\s*:?\s*$"))


_TABLE_RULE = "table-row"
register(_TABLE_RULE, "table", "A row of a table: a label naming the kind with the figure at the "
         'end of its line ("Deaths due to famine 228398"), read as a lower or upper bound where '
         'the line heading its column says so ("Lower estimate"); credited to, and placed where, '
         "the figure the text gives just before the table is.")(lambda ctx: None)
_TABLE_REACH = 1500  # characters back from a table to the figure whose credit it takes


def table_claims(ctx: Context) -> tuple[list[Claim], list[tuple[int, int]]]:
    """The claims of table rows, and the spans of the figures they took."""
    text, lex = ctx.text, ctx.lexicon
    if "\n" not in text:
        return [], []
    w = words(lex)
    heads = lex.derived("tables", _build)
    out: list[Claim] = []
    taken: list[tuple[int, int]] = []
    for m in _ROW.finditer(text):
        label = m.group("label")
        noun = w.kind_noun_re.search(label)
        if noun is None or ctx.source.in_region(m.start("label"), m.end("num")) or (
            len(label.split()) > 8
        ):
            continue
        kind = w.head_kinds.get(noun.group(0).lower())
        if kind is None:
            continue
        value = int(m.group("num").replace(",", ""))
        heading = _heading(text, m.start())
        bound = "lower" if heading and heads.lower.match(heading) else (
            "upper" if heading and heads.upper.match(heading) else None)
        qty = Quantity(
            low=value if bound != "upper" else None, high=value if bound != "lower" else None,
            estimate=value, qualifier=heading.strip() if heading and bound else None,
            figure=m.group("num"))
        phrase = read_phrase(lex, text, noun.end() + m.start("label"), m.start("num"))
        start, end = m.start("label"), m.end("num")
        out.append(Claim(source_id=ctx.source.id, source_path=ctx.source.path, kind=kind,
                         subject=phrase.subject or "people", quantity=qty,
                         span=Span.of(text, start, end), rule=_TABLE_RULE))
        taken.append((m.start("num"), m.end("num")))
    return out, taken


def _heading(text: str, pos: int) -> str | None:
    """The nearest non-empty line above a row that holds no figure: its column's heading."""
    lines = text[:pos].rstrip("\n").split("\n")
    for line in reversed(lines[-12:]):
        if not line.strip():
            continue
        if any(c.isdigit() for c in line):
            continue
        return line
    return None



def table_context(rows: list[Claim], prose: list[Claim]) -> list[Claim]:
    """Table rows with the credit and place of the prose figure just before them: a table
    sets out the figures its text reports ("Our calculations lead to ...", then the table)."""
    out = []
    for row in rows:
        before = [c for c in prose if c.span.end <= row.span.start
                  and row.span.start - c.span.end <= _TABLE_REACH and c.attribution]
        lead = max(before, key=lambda c: c.span.end, default=None)
        if lead is None:
            out.append(row)
            continue
        update = {k: getattr(lead, k) for k in ("attribution", "attribution_text",
                                                 "attribution_via", "speaker")}
        if row.place is None:
            update |= {"place": lead.place, "place_text": None}
        out.append(row.model_copy(update=update))
    return out
