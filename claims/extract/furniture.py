"""Numbers that are not counts of people: parts of dates, years, ages, names ("Resolution
2401"), money, and the counters of page widgets ("Get short URL 0 13").

The words are the lexicon's (furniture.toml, and months from calendar.toml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extract.numbers import Figure
from claims.lexicon import Lexicon


@dataclass(frozen=True)
class Furniture:
    month_before: re.Pattern[str]  # "August 31"
    before: re.Pattern[str]  # a currency, a label or an age word right before
    after: re.Pattern[str]  # a day's ordinal or month, or an age, right after
    age_before: re.Pattern[str]
    age_after: re.Pattern[str]
    widget: re.Pattern[str]


def _build(lex: Lexicon) -> Furniture:
    cal, fur = lex["calendar"], lex["furniture"]
    months = "|".join(sorted([*cal["months"], *cal["month_abbreviations"]], key=len, reverse=True))
    labels = "|".join(lab[0].upper() + lab[1:] for lab in fur["labels"])
    ages = "|".join(fur["age_before"])
    return Furniture(
        month_before=re.compile(rf"\b(?:{months})\.?\s*(?:the\s+)?$"),
        before=re.compile(rf"(?:\b(?:{labels})\s*"
                          r"|(?:" + "|".join(fur["currency_before"]) + r")\s?"
                          rf"|\b(?i:{ages})\s+)$"),
        after=re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{months})\b|\s*(?:st|nd|rd|th)\b"
                         r"|(?i:" + "|".join(fur["age_after"]) + r")"),
        age_before=re.compile(r"\b(?i:" + ages + r")\s+$"),
        age_after=re.compile(r"(?i:" + "|".join(fur["age_after"]) + r")"),
        widget=re.compile(r"(?:" + "|".join(fur["widgets"]) + r")[\s\d]*$"),
    )  # fmt: skip


def furniture(lex: Lexicon) -> Furniture:
    return lex.derived("furniture", _build)


def _year(text: str) -> bool:
    raw = text.replace(",", "")
    return raw.isdigit() and len(raw) == 4 and 1800 <= int(raw) <= 2100 and "," not in text


def not_a_count(lex: Lexicon, text: str, f: Figure, floor: int) -> str | None:
    """What the figure at text[f.start:f.end] is when it is not a count of people: "date",
    "age", "name" (money, a label) or "widget" (a page widget's counter); else None."""
    fur = furniture(lex)
    before = text[max(floor, f.start - 24) : f.start]
    if f.vague is not None and not f.is_word:
        ends = re.split(r"\s*(?:-|–|to|and|or)\s*", f.text)
        if any(_year(e) for e in ends):
            return "date"  # "2016-2017"
    if not f.is_word:
        if _year(f.text):
            return "date"
        nxt = text[f.end : f.end + 2]
        if len(nxt) == 2 and nxt[0] in "./" and nxt[1].isdigit():
            return "date"  # "21.08.2013", "17/10"
        if fur.widget.search(text, max(floor, f.start - 120), f.start):
            return "widget"  # "Get short URL 0 13"
        if (f.value or 99) <= 31 and fur.month_before.search(before):
            return "date"  # "August 31" (but "October, 50,000 fled" is a count)
        # "31st of August", "$5 million", "Resolution 2401", "aged 10"
        if fur.before.search(before) or fur.after.match(text, f.end):
            return "name"
    elif fur.age_before.search(before) or fur.age_after.match(text, f.end):
        return "age"  # "aged four to 10", "a four-year-old"
    if text[f.end : f.end + 1] == "-" and text[f.end + 1 : f.end + 2].isalpha():
        return "name"  # "the nine-month battle", "a 30-day truce", "a 5,000-strong force"
    return None
