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
    month_before: re.Pattern[str]
    month_after: re.Pattern[str]
    age_before: re.Pattern[str]
    age_after: re.Pattern[str]
    label: re.Pattern[str]
    currency: re.Pattern[str]
    widget: re.Pattern[str]


def _build(lex: Lexicon) -> Furniture:
    cal, fur = lex["calendar"], lex["furniture"]
    months = "|".join(sorted([*cal["months"], *cal["month_abbreviations"]], key=len, reverse=True))
    labels = "|".join(lab[0].upper() + lab[1:] for lab in fur["labels"])
    return Furniture(
        month_before=re.compile(rf"\b(?:{months})\.?,?\s*(?:the\s+)?$"),
        month_after=re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{months})\b|\s*(?:st|nd|rd|th)\b"),
        age_before=re.compile(r"\b(?i:" + "|".join(fur["age_before"]) + r")\s+$"),
        age_after=re.compile(r"(?i:" + "|".join(fur["age_after"]) + r")"),
        label=re.compile(rf"\b(?:{labels})\s*$"),
        currency=re.compile(r"(?:" + "|".join(fur["currency_before"]) + r")\s?$"),
        widget=re.compile(r"(?:" + "|".join(fur["widgets"]) + r")[\s\d]*$"),
    )  # fmt: skip


def furniture(lex: Lexicon) -> Furniture:
    return lex.derived("furniture", _build)


def _year(text: str) -> bool:
    raw = text.replace(",", "")
    return raw.isdigit() and len(raw) == 4 and 1800 <= int(raw) <= 2100 and "," not in text


def not_a_count(lex: Lexicon, text: str, f: Figure, floor: int) -> bool:
    """True when the figure at text[f.start:f.end] is a date, an age, a name, money or a
    widget's counter rather than a count of people."""
    fur = furniture(lex)
    before = text[max(floor, f.start - 24) : f.start]
    if f.vague is not None and not f.is_word:
        ends = re.split(r"\s*(?:-|–|to|and|or)\s*", f.text)
        if any(_year(e) for e in ends):
            return True  # "2016-2017"
    if not f.is_word:
        if fur.month_before.search(before) or fur.month_after.match(text, f.end):
            return True  # "August 31", "31st of August"
        if _year(f.text):
            return True
        nxt = text[f.end : f.end + 2]
        if len(nxt) == 2 and nxt[0] in "./" and nxt[1].isdigit():
            return True  # "21.08.2013", "17/10"
        if fur.currency.search(before) or fur.label.search(before):
            return True  # "$5 million", "Resolution 2401"
        if fur.widget.search(text, max(floor, f.start - 40), f.start):
            return True  # "Get short URL 0 13"
    if fur.age_before.search(before) or fur.age_after.match(text, f.end):
        return True  # "aged 4 to 10", "a 12-year-old"
    # "the nine-month battle", "a 30-day truce", "a 5,000-strong force"
    return text[f.end : f.end + 1] == "-" and text[f.end + 1 : f.end + 2].isalpha()
