"""Marking page furniture as regions, so no claim is read from it: site chrome lines, picture
credits, lines a page repeats, terminal escape sequences. Regions are marked, never cut.

The words are the language's lexicon (claims/data/lexicon/<lang>/furniture.toml).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from claims.lexicon import Lexicon, lexicon
from claims.model import Region, RegionKind


@dataclass(frozen=True)
class Chrome:
    line: re.Pattern[str]
    credit: re.Pattern[str]
    repeat_min: int


def _build(lex: Lexicon) -> Chrome:
    fur = lex["furniture"]
    agencies = "|".join(fur["agencies"])
    credit = (
        rf"\[[^\[\]\n]{{0,60}}/\s*(?:{agencies})[^\[\]\n]{{0,20}}\]"  # [Khaled Abdullah/Reuters]
        rf"|\((?:{agencies})[^()\n]{{0,50}}\)"  # (AP Photo/Suvra Kanti Das)
        rf"|\b[A-Z][A-Za-z'.-]+(?:\s[A-Z][A-Za-z'.-]+){{0,3}}\s*/\s*(?:{agencies})\b[^\n.]{{0,30}}$"
        rf"|\b(?:{agencies})\s+VIA\s+GETTY\s+IMAGES\b"
    )
    return Chrome(
        re.compile(r"^\s*(?i:" + "|".join(fur["chrome_lines"]) + r")\s*$"),
        re.compile(credit, re.M),
        int(fur["repeat_min_chars"]),
    )


# Terminal escape sequences (CSI, OSC, two-byte ESC) and lone control characters: not prose,
# and "\x1b[31m" must not read as "31m", 31 million.
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, screen clears
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: titles, links
    r"|\x1b[@-Z\\-_]?"  # other ESC sequences, or a lone ESC
    r"|[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f-\x9f]+"
)


def find_control(text: str) -> list[Region]:
    """Regions of terminal escape sequences and control characters, kept in the text."""
    return [Region(start=m.start(), end=m.end(), kind=RegionKind.markup,
                   reason="control characters") for m in _CONTROL.finditer(text)]


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    """Each line's start, end (before its newline) and content."""
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        yield pos, pos + len(body), body
        pos += len(line)


_BULLET = re.compile(r"^[\s•*·▪‣◦-]*")
# What a page adds after a headline it prints again without: " – Metro US", " | Reuters".
_SITE_NAME = re.compile(r"\s*[–—|:-]\s*[^\s–—|][^\n–—|]{0,40}")


def find_boilerplate(text: str, skip_before: int = 0, language: str | None = None) -> list[Region]:
    """Regions of chrome lines, picture credits and repeated lines, in order, not overlapping."""
    chrome = lexicon(language).derived("chrome", _build)
    regions: list[Region] = []
    seen: list[str] = []
    where: dict[str, int] = {}  # each remembered line's start in the text
    for start, end, line in _lines(text):
        if end <= skip_before or not line.strip():
            continue
        if chrome.line.match(line):
            regions.append(Region(start=start, end=end, reason="site chrome"))
            continue
        bullet = _BULLET.match(line)
        body = line[bullet.end() if bullet else 0 :].rstrip()
        first = start + (bullet.end() if bullet else 0)
        # the page printed this line before: whole, or with a credit or a site's name after it
        twin = next((s for s in seen if body.startswith(s)), None)
        longer = next((s for s in seen if s.startswith(body) and len(body) >= chrome.repeat_min
                       and s != body), None)
        if longer is not None:  # "Headline – Metro US" then "Headline": the tail is the site's
            twin = body
            tail = _SITE_NAME.fullmatch(longer, len(body))
            if tail and longer + "\0tail" not in where:
                at = where[longer] + len(body)
                regions.append(Region(start=at, end=at + len(longer) - len(body),
                                      reason="site name"))
                where[longer + "\0tail"] = at  # marked once
        if twin is not None:
            regions.append(Region(start=first, end=first + len(twin), reason="repeated line"))
        elif len(body) >= chrome.repeat_min:
            seen.append(body)
            where[body] = first
        for m in chrome.credit.finditer(text, start, end):
            if twin is None or m.start() >= first + len(twin):
                regions.append(Region(start=m.start(), end=m.end(), kind=RegionKind.caption,
                                      reason="picture credit"))
    return regions
