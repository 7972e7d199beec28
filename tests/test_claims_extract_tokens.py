"""The two tokenisers (rx.Tokens for word matchers, phrases.tokens for noun phrases) give
every word where it stands, whatever the text: checked against one match object per word."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extract.phrases import _SPACED_TOKEN, tokens
from claims.extract.rx import Tokens

PIECES = ["The", "UN", "said", " ", "  ", "\n", "5km", "km", "_under", "score_", "İstanbul",
          "ΟΔΟΣ", "Σ", "’s", "al-Numan", "U.S.", "Mr.", "1,200", "\0", "—", "killed", "é", "ß"]
texts = st.one_of(st.text(max_size=200),
                  st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
_WORD = re.compile(r"\b[a-z]+")


@settings(max_examples=400, deadline=None)
@given(texts, st.integers(0, 20), st.integers(0, 20))
def test_tokens_are_the_words_starting_a_word_where_each_starts(text: str, a: int, b: int) -> None:
    start, end = min(a, len(text)), max(min(a, len(text)), len(text) - b)
    found = Tokens(text, start, end)
    lowered = text[start:end].lower()
    expected = [(m.group(0), start + m.start()) for m in _WORD.finditer(lowered)]
    assert list(zip(found.words, found.starts, strict=True)) == expected


@settings(max_examples=400, deadline=None)
@given(texts, st.integers(0, 20), st.integers(0, 20))
def test_phrase_tokens_keep_offsets_and_each_token_lowered(text: str, a: int, b: int) -> None:
    start, end = min(a, len(text)), max(min(a, len(text)), len(text) - b)
    expected = []
    for m in _SPACED_TOKEN.finditer(text, start, end):
        tok = m.group(2)
        expected.append((m.start(2), m.end(2), tok, tok.lower()))
    assert tokens(text, start, end) == expected
    assert all(text[s:e] == tok for s, e, tok, _ in expected)


def test_a_word_after_an_underscore_is_found_where_it_is() -> None:
    # the old search for each word's place took "_abc"'s letters for the word "abc" after it
    found = Tokens("_abc abc", 0, 8)
    assert (found.words, found.starts) == (["abc"], [5])


def test_final_sigma_is_lowered_per_token() -> None:
    assert [t[3] for t in tokens("ΟΔΟΣ ΟΔΟΣ", 0, 9)] == ["ΟΔΟΣ".lower()] * 2
