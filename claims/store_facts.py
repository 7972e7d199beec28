"""Facts the cross-check needs from an article's text, computed once when it is stored: the
sentence around each claim (to find wire copies) and the province the article names most
(the place of a claim that states none). The check then reads claim rows, never texts."""

from __future__ import annotations

import re

from claims.model import Claim, Source

_SENTENCE_END = re.compile(r"(?<!\d)[.!?]|[.!?](?!\d)|\n")  # "6.36 million" goes on


def sentence_around(text: str, start: int, end: int, limit: int = 300) -> str:
    """The sentence holding text[start:end], cut at most `limit` characters each side."""
    left = text[max(0, start - limit) : start]
    stops = list(_SENTENCE_END.finditer(left))
    begin = start - len(left) + (stops[-1].end() if stops else 0)
    right = _SENTENCE_END.search(text, end, min(len(text), end + limit))
    return text[begin : right.start() if right else min(len(text), end + limit)].strip()


def claim_sentence(text: str | None, claim: Claim) -> str:
    """The passage a claim stands in: its sentence in the text, else (no text) its span's
    context as stored with it."""
    span = claim.span
    if text:
        return sentence_around(text, span.start, span.end)
    return span.prefix + span.quote + span.suffix


def article_place(source: Source) -> str | None:
    """The province an article names most often outside its boilerplate, if it names one."""
    from claims.places import main_place

    return main_place(source.text, lambda a, b: source.in_region(a, b) is not None)


__all__ = ["article_place", "claim_sentence", "sentence_around"]
