r"""Case-blind word alternations written so that Python's regex engine can skip ahead in C.

`re.compile(r"\b(?:kill|wound...)", re.I)` is tried at every position of the text it searches:
the engine skips ahead only to a literal or a character class that the pattern starts with, and
neither a leading \b nor re.I allows that. `word_start` writes the same pattern as a class of
the alternatives' first letters, `(?<!\w.)` (the \b, checked after that letter) and then each
alternative's remaining letters behind a lookbehind for its own first letter, under (?i:).
The matches are the same: each alternative still starts at the same place, and at any one place
only alternatives starting with the letter there can match, tried in their order as before.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

# The non-ASCII letters re.I matches to ASCII ones: İ and ı (i), the Kelvin sign (k), ſ (s).
_FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
_QUANTIFIERS = ("?", "*", "+", "{")


def _cases(letter: str) -> str:
    """The letter in every form re.I matches."""
    return letter.lower() + letter.upper() + _FOLDS.get(letter.lower(), "")


def _split(alternative: str) -> tuple[str, str]:
    """(class members, rewritten alternative) of one alternative.

    An alternative starts with a plain ASCII letter, matched in any case; or is wrapped in
    (?-i:...) to match its letters as written, e.g. "(?-i:may)" (the verb, not the month).
    """
    if alternative.startswith("(?-i:"):
        first, rest = alternative[5], alternative[6:]
        members, rewritten = first, f"(?-i:(?<={first}){rest}"
    else:
        first, rest = alternative[0], alternative[1:]
        members, rewritten = _cases(first), f"(?<={first}){rest}"
    if not (first.isascii() and first.isalpha()) or rest.startswith(_QUANTIFIERS):
        raise ValueError(f"{alternative!r} does not start with one literal ASCII letter")
    return members, rewritten


Alternative = str | tuple[Sequence[str], str]


def word_start(alternatives: Sequence[Alternative] | Mapping[str, Sequence[Alternative]]) -> str:
    r"""The regex r"\b(?:alternatives)" under re.I, compiled without re.I, starting with a class.

    An alternative may also be (words, rest), for r"(?:word|word...)rest" where rest holds named
    groups that may not be written twice. Given a mapping, each name's alternatives are wrapped
    in a group of that name, so `lastgroup` still names the one that matched (the groups no
    longer hold the first letter).
    """
    table = {"": alternatives} if not isinstance(alternatives, Mapping) else alternatives
    members: dict[str, None] = {}
    parts = []
    for name, alts in table.items():
        rewritten = []
        for alt in alts:
            words, rest = ([alt], "") if isinstance(alt, str) else alt
            heads = []
            for word in words:
                chars, head = _split(word)
                members.update(dict.fromkeys(chars))
                heads.append(head)
            rewritten.append(heads[0] + rest if len(heads) == 1 else f"(?:{'|'.join(heads)}){rest}")
        body = "|".join(rewritten)
        parts.append(f"(?P<{name}>{body})" if name else body)
    return rf"[{''.join(members)}](?<!\w.)(?i:{'|'.join(parts)})"
