"""The report's panels, header and sources, on a hand-built store."""

from __future__ import annotations

import random
from io import StringIO

from rich.console import Console

from claims.model import Claim, Kind, Quantity, Span
from claims.store import Store
from reports.console import THEME
from reports.panels import Side, conflict_panel, group_words, sentence, wire_sides
from reports.report import header, plain_report
from tests.report_corpus import build
from verify.report_data import gather_report


def _render(renderable: object, width: int = 100) -> str:
    console = Console(file=StringIO(), width=width, color_system=None, theme=THEME)
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


def test_conflict_panel_rows_members_figures_and_reason(store: Store) -> None:
    c = build(store)
    data = gather_report(store, "t")
    figure_conflict = data.conflicts[0]
    assert figure_conflict.severity_label == "high"
    assert set(figure_conflict.claim_ids) == {c[k].id for k in ("lm400", "w1", "w2", "ea500", "hx")}
    text = _render(conflict_panel(figure_conflict, data.claims, data.sources), 120)
    assert "displaced · people · Idlib · since late April" in text
    assert "more than 400,000  [400,000, …)  Le Monde, 2019-08-06  says: UN" in text
    assert "more than half a million  [500,000, …)  EA WorldView, 2019-09-10" in text
    assert "Why: more than half a million against more than 400,000: 25% apart" in text
    assert "Severity: high (0.80)" in text
    assert "Review: open, not reviewed yet" in text
    assert "Since late April, more than 400,000 people have been displaced, according to the UN." \
        in text


def test_wire_copies_are_one_side(store: Store) -> None:
    c = build(store)
    sides = wire_sides([c["lm400"], c["w1"], c["w2"], c["ea500"]])
    assert [s.claim.id for s in sides] == [c["lm400"].id, c["w1"].id, c["ea500"].id]
    assert [k.id for k in sides[1].copies] == [c["w2"].id]
    data = gather_report(store, "t")
    text = _render(conflict_panel(data.conflicts[0], data.claims, data.sources), 120)
    assert "same wire text in Daily Sabah, 2019-08-30" in text
    assert text.count("The UN said more than 400,000") == 1


def test_review_decision_is_shown(store: Store) -> None:
    build(store)
    data = gather_report(store, "t")
    text = _render(conflict_panel(data.conflicts[1], data.claims, data.sources), 100)
    assert "MEDIUM attribution conflict" in text
    assert "One thousand  1,000  Le Monde, 2019-08-06  says: SOHR" in text
    assert "more than 900  [900, …)  EA WorldView, 2019-09-10  says: SOHR" in text
    assert "Review: real by amina on 2024-05-01: both cite SOHR" in text


def test_sentence_highlights_the_quote(store: Store) -> None:
    c = build(store)
    data = gather_report(store, "t")
    text = sentence(data.sources[c["ea900"].source_id], c["ea900"])
    assert text.plain == "More than 900 civilians have been killed, says SOHR."
    highlighted = [text.plain[s.start:s.end] for s in text.spans if s.style == "highlight"]
    assert highlighted == ["More than 900 civilians"]


def test_group_words_falls_back_to_members(store: Store) -> None:
    c = build(store)
    assert group_words({}, [c["lm1000"]]) == "killed · civilians · Idlib · since late April"
    assert group_words({"kind": "displaced", "date": "2019-08-31", "rule": "x"}, []) == \
        "displaced · date 2019-08-31"


def test_header_counts(store: Store) -> None:
    build(store)
    data = gather_report(store, "my.db")
    text = header(data).plain
    assert "5 sources, 7 claims, 2 conflicts, 1 corroborated group\n" in text
    assert "Severity: 1 high  1 medium  0 low" in text
    assert "Review: 1 open, 1 real" in text


def test_report_sections_and_order_at_80_columns(store: Store) -> None:
    build(store)
    text = plain_report(gather_report(store, "t"), 80)
    assert max(len(line) for line in text.splitlines()) <= 80
    assert text.index("HIGH figure") < text.index("MEDIUM attribution") < text.index("Corroborated")
    assert "✓ displaced · people · Idlib · since late April: more than 400,000" in text
    assert "2 independent sources" in " ".join(text.split())
    assert "\x1b" not in text


def test_empty_store_report(store: Store) -> None:
    text = plain_report(gather_report(store, "empty"), 80)
    assert "0 sources, 0 claims, 0 conflicts" in text
    assert "No conflicts among the claims shown." in text


def test_a_statement_repeated_in_one_article_is_one_row() -> None:
    from claims.model import Claim, Event, Kind, Source, Span

    text = "Truce from Saturday\n\nA truce starts on Saturday, Moscow said. It holds from Saturday."
    src = Source(id=Source.id_for(text), text=text, path="a.txt")

    def starts(needle: str) -> Claim:
        at = text.index(needle)
        return Claim(source_id=src.id, kind=Kind.ceasefire, event=Event.starts, date="2019-08-31",
                     span=Span.of(text, at, at + len(needle)))

    sides = wire_sides([starts("Truce from Saturday"), starts("truce starts on Saturday"),
                        starts("holds from Saturday")])
    assert [(s.claim.span.quote, s.repeats) for s in sides] == [("Truce from Saturday", 2)]


def test_a_resolved_review_names_the_claim_it_favours(store: Store) -> None:
    import datetime as dt

    from claims.model import Decision, Verdict

    c = build(store)
    conflict = store.list_conflicts()[0]
    store.save_decision(Decision(conflict_id=conflict.id, verdict=Verdict.resolved,
                                 claim_id=c["ea500"].id, reviewer="amina",
                                 decided_at=dt.datetime(2024, 5, 2, 10)))
    data = gather_report(store, "t")
    text = " ".join(_render(conflict_panel(data.conflicts[0], data.claims, data.sources),
                            160).split())
    assert ("Review: resolved in favour of more than half a million [500,000, …) "
            "(EA WorldView, 2019-09-10) by amina on 2024-05-02") in text


def test_scope_site_speaker_and_relay_are_shown_where_they_matter(store: Store) -> None:
    import datetime as dt

    from claims.model import Claim, Conflict, ConflictType, Kind, Quantity, Scope, Source, Span

    text = "Forty people died in the market strike, a UN spokesman told AFP. Nine died there."
    src = Source(id=Source.id_for(text), text=text, outlet="Post", path="p.txt",
                 published=dt.date(2020, 3, 2))
    told = Claim(source_id=src.id, kind=Kind.killed, subject="people", scope=Scope.incident,
                 site="the market", attribution="United Nations", speaker="Jens Laerke",
                 attribution_via="AFP", quantity=Quantity(low=40, high=40, figure="Forty"),
                 span=Span.of(text, 0, 12))
    total = Claim(source_id=src.id, kind=Kind.killed, subject="people", scope=Scope.total,
                  period_end=dt.date(2020, 2, 28), quantity=Quantity(low=9, high=9),
                  span=Span.of(text, text.index("Nine"), text.index("Nine") + 4))
    store.save_source(src, [told, total])
    store.replace_conflicts([Conflict(type=ConflictType.figure, severity=0.5,
                                      severity_label="medium", reason="apart",
                                      claim_ids=[told.id, total.id])])
    data = gather_report(store, "t")
    out = " ".join(_render(conflict_panel(data.conflicts[0], data.claims, data.sources),
                           200).split())
    assert "says: United Nations (Jens Laerke) via AFP" in out
    assert "(incident at the market)" in out
    assert "(total as of 2020-02-28)" in out  # a day other than its article's


def _wire_sides_keying_every_claim(members: list[Claim]) -> list[Side]:
    """wire_sides as it was before it keyed a side by its text only when a quote recurs."""
    sides: list[Side] = []
    seen: dict[tuple[str, str, str], Side] = {}
    said: dict[tuple[object, ...], Side] = {}
    for claim in members:
        q = claim.quantity
        statement = (claim.source_id, claim.kind, claim.event, claim.date, claim.attribution,
                     (q.low, q.high) if q else None)
        if statement in said:
            said[statement].repeats += 1
            continue
        span = claim.span
        text_key = (" ".join(span.prefix.split()), span.quote, " ".join(span.suffix.split()))
        first = seen.get(text_key)
        if first is not None and first.claim.source_id != claim.source_id:
            first.copies.append(claim)
            continue
        seen.setdefault(text_key, Side(claim, []))
        sides.append(seen[text_key] if seen[text_key].claim is claim else Side(claim, []))
        said[statement] = sides[-1]
    return sides


def test_wire_sides_keyed_lazily_are_the_sides_of_every_claim_keyed() -> None:
    """Random conflicts of a few quotes, contexts that differ in whitespace, repeats and
    sources: the same sides, copies and repeats as keying every claim by its text."""
    rnd = random.Random(11)

    def made() -> Claim:
        quote = rnd.choice(["12 people", "12 people ", "30 killed"])
        text = rnd.choice(["a  ", "a ", "b "]) + quote + rnd.choice([" x", "  x", " y"])
        at = text.index(quote)
        return Claim(source_id=rnd.choice("st"), kind=rnd.choice([Kind.killed, Kind.displaced]),
                     attribution=rnd.choice([None, "UN"]),
                     quantity=Quantity(low=rnd.choice([12, 30]), high=None),
                     span=Span(start=at, end=at + len(quote), quote=quote, prefix=text[:at],
                               suffix=text[at + len(quote):]))

    def shape(sides: list[Side]) -> list[tuple[int, list[int], int]]:
        return [(id(s.claim), [id(k) for k in s.copies], s.repeats) for s in sides]

    for _ in range(3000):
        members = [made() for _ in range(rnd.randint(1, 7))]
        assert shape(wire_sides(members)) == shape(_wire_sides_keying_every_claim(members))
