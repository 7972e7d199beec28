"""Sentence bounds: cheap, offset-preserving, computed once per text."""

from __future__ import annotations

import bisect
import re
from array import array

# A sentence ends at a line break, or at . ! ? (with closing quotes) before a space or a letter.
# The pattern starts with the class of those characters, so the engine skips to them in C; the
# lookbehinds (not after "Mr", "A", "Jan" ...) then look back past the one character read.
_BOUNDARY = re.compile(
    r"[\n.!?](?:(?<=\n)|(?<!\b[A-Z][a-z].)(?<!\b[A-Z].)"
    r"(?<!\b(?:Jan|Feb|Mar|Apr|Aug|Sep|Oct|Nov|Dec|Mrs|Gen|Col|Sgt).)(?<!\b(?:Sept|Capt|Govt).)"
    r"[.!?]*[\"”’')\]]*(?=\s|[A-Za-z]))"
)


class Sentences:
    """The sentence bounds of a text, found by bisecting a list of boundary offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        # An array of machine ints: a text holds a sentence end every 60 characters or so, and
        # a list of int objects would take over half the text's size again.
        self._ends = array("q", map(re.Match.end, _BOUNDARY.finditer(text)))

    def bounds(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence holding offset pos."""
        i = bisect.bisect_right(self._ends, pos)
        start = self._ends[i - 1] if i else 0
        end = self._ends[i] if i < len(self._ends) else len(self.text)
        while start < end and self.text[start].isspace():
            start += 1
        return start, end
