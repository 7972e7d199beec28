"""How place names are compared: a plain key (case, accents, apostrophes and hyphens aside) for
exact lookup, and a spelling-blind key for transliterations ("Maarat Al-Nouman", "Maraat al-Numan").

Shared by the gazetteer's build (claims/gazetteer_build.py) and its lookups, so that a name is
keyed the same way when the index is written and when an article is read.
"""

from __future__ import annotations

import re
import unicodedata

# Marks that transliterations write for ayin and hamza, and apostrophes: dropped from keys.
_MARKS = re.compile(r"[’'‘ʿʾ`´ʻʼ]")
_SEPARATORS = re.compile(r"[\s\-‐‑–—_/.,]+")
_ARTICLES = re.compile(r"\b(?:al|el|an|ar|as|ash|ad|at|az|ath|adh|ech|es|ez)[-\s]", re.I)
_SPELLINGS = (("ch", "sh"), ("ou", "u"), ("ee", "i"), ("ei", "i"), ("ay", "i"), ("aa", "a"),
              ("kh", "k"), ("q", "k"), ("e", "a"))  # fmt: skip
_NOT_LETTERS = re.compile(r"[^a-z]")
_DOUBLED = re.compile(r"(.)\1+")


def fold(name: str) -> str:
    """The name without accents or dots below ("Ḩalab" -> "Halab"); other letters kept."""
    if name.isascii():  # most names as English prose writes them: nothing to fold
        return name
    plain = unicodedata.normalize("NFKD", name)
    return "".join(c for c in plain if not unicodedata.combining(c)).replace("ı", "i")


def display(name: str) -> str:
    """A name as shown: accents and ayin/hamza marks dropped ("Ma’rib" -> "Marib")."""
    return " ".join(_MARKS.sub("", fold(name)).split())


def plain_key(name: str) -> str:
    """The exact-lookup key: "Al-Ḩudaydah" and "al Hudaydah" both give "al hudaydah"."""
    return _SEPARATORS.sub(" ", _MARKS.sub("", fold(name)).casefold()).strip()


def blind_key(name: str) -> str:
    """A spelling-blind key: "Maarat Al-Nouman" and "Maraat al-Numan" both give "maratnuman"."""
    plain = _ARTICLES.sub(" ", " " + fold(name).casefold())
    plain = _MARKS.sub("", plain)
    for old, new in _SPELLINGS:
        plain = plain.replace(old, new)
    return _DOUBLED.sub(r"\1", _NOT_LETTERS.sub("", plain))


def is_latin(name: str) -> bool:
    """True when every letter of a name is Latin (the only script English prose writes names in)."""
    return all(
        c.isascii() or not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in name
    )


__all__ = ["blind_key", "display", "fold", "is_latin", "plain_key"]
