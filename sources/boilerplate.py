"""Marking site chrome and photo captions as regions, so claims are not read from them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from claims.model import Region, RegionKind

# Whole lines that are page furniture, not reporting. Each pattern matches a full line.
_CHROME = [
    r"skip to (main )?content",
    r"registration complete\s*!?",
    r"reset your password",
    r"please enter your (email address|comment|name here).*",
    r"you will receive a link to create a new password\.?",
    r"check your e-?mail for the confirmation link\.?",
    r"leave a reply",
    r"leave a comment",
    r"your email address will not be published.*",
    r"required fields are marked.*",
    r"this site uses akismet.*",
    r"pcloud premium",
    r"read \d[\d,]* times",
    r"article reserved for (our )?subscribers.*",
    r"(read|see) also\b.*",
    r"see [A-Z][\w .'-]{0,40}, [A-Z][a-z]+ \d{1,2}: [^.]*",  # a dated link teaser, no full stop
    r"related( articles| stories)?:?",
    r"to learn more,? please visit:?",
    r"share (this|on) .*",
    r"subscribe( now| to .*)?",
    r"sign (in|up)( .*)?",
    r"log ?in",
    r"advertisement",
    r"cookie(s)? (policy|settings).*",
    r"all rights reserved.*",
    r"author:\s*[^.]{0,60}",
    r"source:\s*[^.]{0,60}",
    r"comments?( \(\d+\))?",
]
_CHROME_RE = re.compile(r"^\s*(?:" + "|".join(_CHROME) + r")\s*$", re.IGNORECASE)

# A photo caption ends with a picture credit: "NAME / AFP", "AFP VIA GETTY IMAGES", "AP".
_AGENCIES = r"AFP|AP|REUTERS|GETTY IMAGES|EPA|ANADOLU|SANA|EPA-EFE|DPA|XINHUA"
_CAPTION_RE = re.compile(
    rf"(?:[A-Z][A-Za-z'.-]+(?: [A-Z][A-Za-z'.-]+)*\s*/\s*(?:{_AGENCIES})\b.*"
    rf"|\b(?:{_AGENCIES})(?: VIA GETTY IMAGES)?"
    rf"|[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+)+\s*/\s*[A-Z][A-Z .-]+)\s*$"
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


def _is_caption(line: str) -> bool:
    """A line that ends with a photo credit in capitals."""
    stripped = line.strip()
    return bool(stripped) and len(stripped) < 400 and bool(_CAPTION_RE.search(stripped))


def find_boilerplate(text: str, skip_before: int = 0) -> list[Region]:
    """Regions of chrome lines and captions in the text, in order, not overlapping."""
    lines = [line for line in _lines(text) if line[1] > skip_before and line[2].strip()]
    regions: list[Region] = []
    for i, (start, end, line) in enumerate(lines):
        following = lines[i + 1][2].strip() if i + 1 < len(lines) else ""
        if _CHROME_RE.match(line):
            regions.append(
                Region(start=start, end=end, kind=RegionKind.boilerplate, reason="site chrome")
            )
        elif _is_caption(line) or (
            # a caption printed twice, once without its credit, then with it
            _is_caption(following) and following.startswith(line.strip())
        ):
            regions.append(
                Region(start=start, end=end, kind=RegionKind.caption, reason="photo caption")
            )
    return regions
