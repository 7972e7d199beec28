"""The place words of a lexicon (claims/data/lexicon/<language>/places.toml), compiled once
per lexicon for the place finder: prepositions and verbs that write a place as where, head
words ("province", "city of"), directions, titles, venues and words never read as places."""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.lexicon import Lexicon

_CLAUSE_END = ',;:.!?)]”"'


@dataclass(frozen=True)
class Words:
    """The place words of one lexicon, as sets and patterns."""

    locatives: frozenset[str]  # prepositions (and verbs) before a place written as where
    gap: int  # words that may stand between a locative and its place
    strict: frozenset[str]  # the prepositions a common-word name ("Reading") needs right before it
    venues: frozenset[str]  # "talks", "signed": before "in", the place is where people met
    titles: frozenset[str]  # "President": the name after is a person's
    institutions: frozenset[str]  # "University": "University of Ghent" is no place
    of_heads: frozenset[str]  # "city", "outskirts": "the city of Idlib"
    directions: frozenset[str]  # "eastern", "north-west"
    venue_after: re.Pattern[str]  # "Astana talks"
    head_after: re.Pattern[str]  # "Hodeidah province", "Rakhine State"
    head_before: re.Pattern[str]  # "the city of Idlib", "the districts of Al-Hamdaniya"
    direction_before: re.Pattern[str]  # "eastern Aleppo"
    speech_after: re.Pattern[str]  # "Jackson said"
    head_suffix: re.Pattern[str]  # the same, for a place written alone: "Hodeidah province"
    head_prefix: re.Pattern[str]  # "the city of Idlib"
    direction_prefix: re.Pattern[str]  # "eastern Aleppo"
    allowed: frozenset[str]  # capitalised words a piece may hold beside its place
    never: frozenset[str]
    heads: dict[str, str]  # head word -> province | city | district
    particle_after: re.Pattern[str] = re.compile("(?!)")  # " al-Nayrab": a longer name
    refuge_to: frozenset[str] = frozenset()  # "into", "to": a destination after movement
    refuge_movement: frozenset[str] = frozenset()  # "fled", "taken": movement before it
    refuge_in: frozenset[str] = frozenset()  # "in", "at": a shelter's place
    refuge_shelter: frozenset[str] = frozenset()  # "camps", "sheltering" before it
    refuge_breaks: frozenset[str] = frozenset()  # "killed": what happened there, no shelter
    briefs: frozenset[str] = frozenset()  # "envoy", "coordinator": before "to", a person's brief
    brief_to: frozenset[str] = frozenset()  # "to", "for", "on": the brief's prepositions
    actor_after: re.Pattern[str] = re.compile("(?!)")  # " universities": who, not where
    excluding: frozenset[str] = frozenset()  # "outside of", "beyond": a figure set apart from it
    demonyms: dict[str, str] | None = None  # "israelis" -> "Israel": the counted people's country
    role_after: re.Pattern[str] = re.compile("(?!)")  # ", the UN envoy": the name is a person's
    source_after: re.Pattern[str] = re.compile("(?!)")  # "estimated": the name is a speaker
    source_before: re.Pattern[str] = re.compile("(?!)")  # "according to": the name is a source


def _alternation(words: list[str]) -> str:
    ordered = sorted(words, key=len, reverse=True) or ["(?!)"]
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def _lower(words: list[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


def place_words(lex: Lexicon) -> Words:
    """The compiled place words of a lexicon (use `lex.derived("place-words", place_words)`)."""
    p = lex["places"]
    heads = {w: klass for klass in ("province", "city", "district") for w in p["heads"][klass]}
    head = _alternation(list(heads))
    of_heads, directions = _alternation(p["of_heads"]), _alternation(p["directions"])
    calendar = lex.get("calendar")
    never = {w.lower() for w in p.get("never", [])}
    never |= {w.lower() for part in ("months", "weekdays") for w in calendar.get(part, {})}
    allowed = {w.lower() for w in [*heads, *p["facilities"], *p["directions"], *p["locatives"]]}
    return Words(
        locatives=_lower(p["locatives"] + p.get("place_verbs", [])),
        gap=int(p.get("locative_gap", 3)),
        strict=_lower(p["strict_locatives"]),
        venues=_lower(p.get("venues", [])),
        briefs=_lower(p.get("briefs", [])),
        brief_to=_lower(p.get("brief_to", [])),
        titles=_lower(p["person_titles"]),
        institutions=_lower(p.get("institutions", [])),
        of_heads=_lower(p["of_heads"]),
        directions=_lower(p["directions"]),
        venue_after=re.compile(rf"[”\"’']?\s+(?:{_alternation(p.get('venue_after', []))})\b", re.I),
        head_after=re.compile(rf"[ \t]+({head})\b", re.I),
        head_before=re.compile(rf"(?:^|[^\w-])(?:the\s+)?({of_heads})\s+of\s+$", re.I),
        direction_before=re.compile(rf"(?:^|[^\w-])(?:the\s+)?({directions})\s+$", re.I),
        speech_after=re.compile(rf",?\s+(?:{_alternation(p['speech_after'])})\b"),
        head_suffix=re.compile(rf"^(.*?)\s+({head})$", re.I),
        head_prefix=re.compile(rf"^(?:the\s+)?({of_heads})\s+of\s+", re.I),
        direction_prefix=re.compile(rf"^(?:the\s+)?(?:{directions})\s+", re.I),
        allowed=frozenset(allowed | never),
        never=frozenset(never),
        heads={w.lower(): k for w, k in heads.items()},
        particle_after=re.compile(
            rf"[ \t]+(?:{_alternation(p.get('name_particles', []))})[-‐][^\W\d_]", re.I),
        refuge_to=_lower(p.get("refuge_to", [])),
        refuge_movement=_lower(p.get("refuge_movement", [])),
        refuge_in=_lower(p.get("refuge_in", [])),
        refuge_shelter=_lower(p.get("refuge_shelter", [])),
        refuge_breaks=_lower(p.get("refuge_breaks", [])),
        excluding=_lower(p.get("excluding", [])),
        # "US universities"; after a possessive, up to two words: "Moscow's disputed claims"
        actor_after=re.compile(rf"(?:['’]s?(?:[ \t]+[a-z-]+){{0,2}}?)?[ \t]+"
                               rf"(?:{_alternation(p.get('actor_nouns', []))})\b"),
        demonyms={k.lower(): v for k, v in p.get("demonyms", {}).items()},
        **_source_patterns(lex),
    )


def _source_patterns(lex: Lexicon) -> dict[str, re.Pattern[str]]:
    """The attribution lexicon's verbs of speech and "according to" cues, as the patterns
    after and before a name that make it who gave a figure."""
    a = lex.get("attribution")
    verbs = list(a.get("verbs", {}).get("speech", []))
    cues = [*a.get("phrases", {}).get("according", []), *a.get("phrases", {}).get("citing", [])]
    roles = [*a.get("people", {}).get("roles", []), *a.get("people", {}).get("principal", [])]
    return {
        "role_after": re.compile(
            rf",\s+(?:the|a|an)\s+(?:[\w'’.-]+\s+){{0,3}}?(?:{_alternation(roles)})\b", re.I),
        "source_after": re.compile(rf",?\s+(?:{_alternation(verbs)})\b"),
        "source_before": re.compile(rf"\b(?:{_alternation(cues)})\s+(?:the\s+)?$", re.I),
    }


def tail(text: str, start: int, end: int) -> list[tuple[str, int]]:
    """The last words of text[start:end] (lower case, with where each starts), back to a comma
    or other clause mark."""
    out: list[tuple[str, int]] = []
    pos = end
    for word in reversed(text[start:end].split()[-7:]):
        pos = text.rfind(word, start, pos)
        if word[-1] in _CLAUSE_END:
            break
        out.append((word.lower().strip("\"“‘'(["), pos))
    out.reverse()
    return out


def is_strong(w: Words, words: list[str]) -> bool:
    """True when the words end with a locative, or a locative and "the": "in", "in the"."""
    if not words:
        return False
    return words[-1] in w.locatives or (
        words[-1] == "the" and words[-2:-1] != [] and words[-2] in w.locatives
    )


def is_locative(w: Words, words: list[str]) -> bool:
    """True when a locative stands at most `gap` words (and a "the") before the place."""
    return not w.locatives.isdisjoint(words[-(w.gap + 2) :])


def is_title(w: Words, words: list[str]) -> bool:
    """True when the words end with a person's title: "President", "Prime Minister", "Dr."."""
    if not words:
        return False
    last = words[-1].rstrip(".")
    return last in w.titles or (len(words) > 1 and f"{words[-2]} {last}" in w.titles)


def is_excluded(w: Words, words: list[str]) -> bool:
    """True when the words end with "outside of", "beyond" (a "the" between): the figure is
    set apart from the place, not at it."""
    if words and words[-1] == "the":
        words = words[:-1]
    for n in (1, 2):
        if len(words) >= n and " ".join(words[-n:]) in w.excluding:
            # "inside and outside of Syria", "in and beyond Gaza": both sides, so there too
            return words[-n - 1 : -n] not in (["and"], ["or"])
    return False


def is_venue(w: Words, words: list[str]) -> bool:
    """True for "talks in", "signed in", "negotiations between" a few words before a place."""
    for k in range(len(words) - 1, max(-1, len(words) - 4), -1):
        if words[k] in _VENUE_PREPOSITIONS:
            return not w.venues.isdisjoint(words[max(0, k - 4) : k])
    return False


def is_brief(w: Words, words: list[str]) -> bool:
    """True for a place a person's role is for: "envoy to", "coordinator for", "rapporteur on"
    just before it (a "the" between), where the person works, not where a figure is."""
    for k in range(len(words) - 1, max(0, len(words) - 3), -1):
        if words[k] in w.brief_to:
            return words[k - 1] in w.briefs
    return False


def is_refuge(w: Words, words: list[str]) -> bool:
    """True for a place people went to or shelter in, from the words before it: "fled Myanmar
    into", "taken to hospitals in", "camps in", "sheltering in"; what happened there ("killed
    in") ends the look back."""
    for k in range(len(words) - 1, max(-1, len(words) - 5), -1):
        if words[k] in w.refuge_breaks:
            return False
        if words[k] in w.refuge_to and not w.refuge_movement.isdisjoint(words[max(0, k - 5) : k]):
            return True
        if words[k] in w.refuge_in and _sheltered(w, words[max(0, k - 5) : k]):
            return True
    return False


def _sheltered(w: Words, before: list[str]) -> bool:
    for word in reversed(before):
        if word in w.refuge_breaks:
            return False
        if word in w.refuge_shelter:
            return True
    return False


_VENUE_PREPOSITIONS = frozenset({"in", "at", "between"})


__all__ = ["Words", "is_brief", "is_excluded", "is_locative", "is_strong", "is_title", "is_venue",
           "place_words", "tail"]
