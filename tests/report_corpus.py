"""A small hand-built store for the report tests: sources, claims, conflicts, a decision."""

from __future__ import annotations

import datetime as dt

from claims.model import (
    Claim,
    Conflict,
    ConflictType,
    Corroboration,
    Decision,
    Kind,
    Quantity,
    Source,
    Span,
    Verdict,
)
from claims.store import Store

LEMONDE = (
    "Idlib offensive.\n\nSince late April, more than 400,000 people have been displaced, "
    "according to the UN. One thousand civilians have been killed, according to the OSDH."
)
EAWV = (
    "Regime advance.\n\nMore than half a million people have fled the south of Idlib since "
    "the offensive began. More than 900 civilians have been killed, says SOHR."
)
WIRE = (
    "The ceasefire holds.\n\nThe UN said more than 400,000 people have been displaced "
    "in Idlib since April."
)
HOSTILE = (
    "[bold]Breaking[/bold] \x1b[2Jnews\r\u202e. Officials said 600,000 [red]people[/red] "
    "were displaced\x1b[31m in Idlib."
)


def source(text: str, path: str, outlet: str, day: str, title: str) -> Source:
    """A source with its id from its text."""
    return Source(id=Source.id_for(text), path=path, title=title, outlet=outlet,
                  url=f"https://example.org/{path}", published=dt.date.fromisoformat(day),
                  language="en", text=text)


def claim(src: Source, phrase: str, kind: Kind, q: Quantity, who: str | None,
          subject: str = "people", place: str = "Idlib") -> Claim:
    """A claim on the first occurrence of `phrase` in the source."""
    start = src.text.index(phrase)
    return Claim(source_id=src.id, source_path=src.path, kind=kind, subject=subject, quantity=q,
                 place=place, attribution=who, attribution_text=who, period="since late April",
                 span=Span.of(src.text, start, start + len(phrase)))


def build(store: Store) -> dict[str, Claim]:
    """Fill `store`; returns the claims by a short name."""
    lm = source(LEMONDE, "lemonde.txt", "Le Monde", "2019-08-06", "A cease-fire quickly buried")
    ea = source(EAWV, "eaworldview.txt", "EA WorldView", "2019-09-10", "Pro-Assad forces renew")
    w1 = source(WIRE, "reuters.txt", "Reuters", "2019-08-30", "Russia announces ceasefire")
    w2 = Source(**{**w1.model_dump(), "id": Source.id_for(WIRE + " "), "text": WIRE + " ",
                   "path": "dailysabah.txt", "outlet": "Daily Sabah",
                   "url": "https://example.org/dailysabah.txt"})
    hx = source(HOSTILE, "hostile.txt", "[bold]Evil[/bold] \x1b[2JPress", "2020-01-16",
                "[red]Title[/red]\x1b]0;pwned\x07")
    more = Quantity(low=400_000, qualifier="more than", figure="400,000")
    c = {
        "lm400": claim(lm, "more than 400,000 people", Kind.displaced, more, "UN"),
        "ea500": claim(ea, "More than half a million people", Kind.displaced,
                       Quantity(low=500_000, qualifier="more than", figure="half a million"),
                       None),
        "w1": claim(w1, "more than 400,000 people", Kind.displaced, more, "UN"),
        "w2": claim(w2, "more than 400,000 people", Kind.displaced, more, "UN"),
        "lm1000": claim(lm, "One thousand civilians", Kind.killed,
                        Quantity(low=1000, high=1000, estimate=1000, figure="One thousand"),
                        "SOHR", subject="civilians"),
        "ea900": claim(ea, "More than 900 civilians", Kind.killed,
                       Quantity(low=900, qualifier="more than", figure="900"), "SOHR",
                       subject="civilians"),
        "hx": claim(hx, "600,000 [red]people[/red]", Kind.displaced,
                    Quantity(low=600_000, high=600_000, estimate=600_000, figure="600,000"),
                    "[bold]Officials[/bold]\x1b[2J"),
    }
    for src in (lm, ea, w1, w2, hx):
        store.save_source(src, [k for k in c.values() if k.source_id == src.id])
    store.replace_conflicts(conflicts(c))
    store.replace_corroborations([Corroboration(
        key={"kind": "displaced", "subject": "people", "place": "Idlib"},
        claim_ids=[c["lm400"].id, c["w1"].id, c["w2"].id], independent_sources=2,
        reason="more than 400,000 in two independent sources (one a wire copy)")])
    killed = conflicts(c)[1]
    store.save_decision(Decision(conflict_id=killed.id, verdict=Verdict.real, reviewer="amina",
                                 note="both cite SOHR", decided_at=dt.datetime(2024, 5, 1, 9)))
    return c


def conflicts(c: dict[str, Claim]) -> list[Conflict]:
    """A high figure conflict on displacement and a medium attribution conflict on deaths."""
    return [
        Conflict(type=ConflictType.figure, severity=0.8, severity_label="high",
                 reason="more than half a million against more than 400,000: 25% apart",
                 claim_ids=[c["lm400"].id, c["w1"].id, c["w2"].id, c["ea500"].id, c["hx"].id],
                 key={"kind": "displaced", "subject": "people", "place": "Idlib",
                      "period": "since late April"}),
        Conflict(type=ConflictType.attribution, severity=0.5, severity_label="medium",
                 reason="SOHR cited with one thousand and with more than 900",
                 claim_ids=[c["lm1000"].id, c["ea900"].id],
                 key={"kind": "killed", "subject": "civilians", "place": "Idlib"}),
    ]
