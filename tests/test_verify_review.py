"""The review as a state machine driven by keys, and the writes its choices make."""

from __future__ import annotations

import pytest

from claims.errors import NotFoundError, UsageError
from claims.model import Claim, Conflict, ConflictType, Kind, Quantity, Source, Span, Verdict
from claims.store import Store
from verify.review import (
    Decide,
    Edit,
    Help,
    KeepNote,
    Mode,
    Quit,
    Review,
    Say,
    SetNote,
    Show,
    apply,
    decide,
    open_review,
    parse_assignment,
)

pytestmark = pytest.mark.both  # the tests of the store run on SQLite and PostgreSQL

TEXT = ("More than 400,000 people fled Idlib, the UN said. Others said more than half a million "
        "fled. In Hama, 30 civilians were killed; the SOHR said 45.\n")


def claims_of(source: Source) -> list[Claim]:
    def at(quote: str, kind: Kind, low: int, place: str) -> Claim:
        start = source.text.index(quote)
        return Claim(source_id=source.id, kind=kind, subject="people", place=place,
                     quantity=Quantity(low=low), span=Span.of(source.text, start,
                                                               start + len(quote)))
    return [at("More than 400,000 people", Kind.displaced, 400_000, "Idlib"),
            at("more than half a million", Kind.displaced, 500_000, "Idlib"),
            at("30 civilians", Kind.killed, 30, "Hama"),
            at("said 45", Kind.killed, 45, "Hama")]


def conflict(members: list[Claim], severity: float, fingerprint: str = "f1") -> Conflict:
    label = "high" if severity > 0.6 else "medium"
    return Conflict(type=ConflictType.figure, severity=severity, severity_label=label,
                    reason="figures do not overlap", claim_ids=[c.id for c in members],
                    key={"kind": members[0].kind.value, "place": members[0].place},
                    fingerprint=fingerprint)


@pytest.fixture
def stocked(store: Store) -> tuple[Store, list[Claim], list[Conflict]]:
    source = Source(id=Source.id_for(TEXT), path="a.txt", text=TEXT)
    claims = claims_of(source)
    store.save_source(source, claims)
    conflicts = [conflict(claims[:2], 0.9), conflict(claims[2:], 0.5)]
    store.replace_conflicts(conflicts)
    return store, claims, conflicts


def session(n: int = 2) -> Review:
    return Review([Conflict(type=ConflictType.figure, severity=0.5, severity_label="medium",
                            reason="r", claim_ids=[f"c{i}{j}aaaa" for j in range(2)])
                   for i in range(n)])


def test_real_and_not_comparable_decide_and_move_on() -> None:
    review = session()
    first, second = review.conflicts
    assert review.press("r") == [Decide(first.id, Verdict.real)]
    assert review.press("N") == [Decide(second.id, Verdict.not_comparable)]
    assert review.done and review.decided == 2 and review.press("r") == [Quit()]


def test_a_digit_resolves_in_favour_of_that_claim() -> None:
    review = session()
    assert review.press("2") == [Decide(review.conflicts[0].id, Verdict.resolved, "c01aaaa")]
    assert review.press("7")[0] == Say("no claim 7: give 1-2")
    assert review.index == 1


def test_a_note_waits_for_the_verdict() -> None:
    review = session()
    assert review.press("m") == [] and review.wants_line and review.prompt() == "Note: "
    assert review.press("seen on TV") == [KeepNote(review.conflicts[0].id, "seen on TV")]
    assert review.press("r") == [Decide(review.conflicts[0].id, Verdict.real, None, "seen on TV")]


@pytest.mark.parametrize("then", ["j", "q"])
def test_a_note_skipped_or_quit_is_kept_for_the_next_review(
    stocked: tuple[Store, list[Claim], list[Conflict]], then: str
) -> None:
    """Issue 14: a note typed, then `j` or `q`, was told "note kept" and stored nowhere."""
    store, _, conflicts = stocked
    review = open_review(store, who="ana")
    review.press("m")
    [effect] = review.press("phoned the UN office")
    assert apply(store, review, effect, who="ana").startswith("note saved")
    review.press(then)
    assert [(n.conflict_id, n.reviewer, n.note) for n in store.review_notes()] == [
        (conflicts[0].id, "ana", "phoned the UN office")]
    again = open_review(store, who="ana")  # a new session, as after quitting
    assert again.current is not None and again.current.id == conflicts[0].id
    [decided] = again.press("r")
    apply(store, again, decided, who="ana")
    assert store.get_conflict(conflicts[0].id).decision.note == "phoned the UN office"
    assert store.review_notes() == []  # it went with the verdict
    assert open_review(store, who="bo").notes == {}  # another reviewer's notes are their own


def test_edit_picks_a_claim_then_reads_a_line() -> None:
    review = session()
    assert review.press("e") == [] and review.mode is Mode.edit_pick
    assert review.press("1") == [] and review.wants_line
    assert review.press("low=410000") == [Edit("c00aaaa", "low=410000")]
    assert review.mode is Mode.choose and review.index == 0


def test_show_skip_back_help_quit() -> None:
    review = session()
    assert review.press("s") == [] and review.press("2") == [Show("c01aaaa")]
    assert review.press("j") == [] and review.index == 1
    assert review.press("k") == [] and review.index == 0
    assert review.press("k") == [Say("this is the first conflict")]
    assert review.press("?") == [Help()]
    assert review.press("z") == [Say("unknown key 'z': ? for help")]
    assert review.press("q") == [Quit()]


def test_a_bad_pick_cancels() -> None:
    review = session()
    review.press("s")
    assert review.press("x") == [Say("cancelled")] and review.mode is Mode.choose


def test_open_review_orders_by_severity_and_resumes(
    stocked: tuple[Store, list[Claim], list[Conflict]],
) -> None:
    store, _, conflicts = stocked
    assert [c.id for c in open_review(store).conflicts] == [c.id for c in conflicts]
    store.set_review_position("tester", conflicts[1].id)
    assert [c.id for c in open_review(store).conflicts] == [conflicts[1].id, conflicts[0].id]
    assert [c.id for c in open_review(store, who="ben").conflicts] == [c.id for c in conflicts]


def test_decided_ones_only_with_all_or_when_stale(
    stocked: tuple[Store, list[Claim], list[Conflict]],
) -> None:
    store, claims, conflicts = stocked
    decide(store, conflicts[0].id, Verdict.real)
    assert [c.id for c in open_review(store).conflicts] == [conflicts[1].id]
    assert len(open_review(store, include_decided=True).conflicts) == 2
    store.replace_conflicts([conflict(claims[:2], 0.9, "changed"), conflicts[1]])
    again = open_review(store).conflicts
    assert again[0].id == conflicts[0].id and again[0].decision and again[0].decision.stale


def test_kind_and_place_narrow(stocked: tuple[Store, list[Claim], list[Conflict]]) -> None:
    store, _, conflicts = stocked
    assert [c.id for c in open_review(store, kind="killed").conflicts] == [conflicts[1].id]
    assert [c.id for c in open_review(store, place="idlib").conflicts] == [conflicts[0].id]
    assert open_review(store, place="Aleppo").conflicts == []


def test_apply_commits_each_decision_at_once(
    stocked: tuple[Store, list[Claim], list[Conflict]],
) -> None:
    store, claims, conflicts = stocked
    review = open_review(store)
    review.press("m")
    review.press("UN figure is older")
    for effect in review.press("2"):
        assert apply(store, review, effect, who="ana") == f"saved: resolved for {claims[1].id[:8]}"
    saved = store.get_conflict(conflicts[0].id).decision
    assert saved is not None
    assert (saved.verdict, saved.claim_id, saved.note, saved.reviewer) == (
        Verdict.resolved, claims[1].id, "UN figure is older", "ana")
    assert saved.fingerprint == "f1" and not saved.stale


def test_a_note_on_a_decided_conflict_is_saved_at_once(
    stocked: tuple[Store, list[Claim], list[Conflict]],
) -> None:
    store, _, conflicts = stocked
    decide(store, conflicts[0].id, Verdict.real)
    review = open_review(store, include_decided=True)
    review.press("m")
    effects = review.press("checked with OCHA")
    assert effects == [SetNote(conflicts[0].id, "checked with OCHA")]
    apply(store, review, effects[0])
    saved = store.get_conflict(conflicts[0].id).decision
    assert saved is not None and (saved.verdict, saved.note) == (Verdict.real, "checked with OCHA")


def test_apply_edit_changes_the_claim(stocked: tuple[Store, list[Claim], list[Conflict]]) -> None:
    store, claims, _ = stocked
    review = open_review(store)
    assert apply(store, review, Edit(claims[0].id, "low = 410,000")) is not None
    assert store.get_claim(claims[0].id).low == 410_000
    with pytest.raises(UsageError):
        apply(store, review, Edit(claims[0].id, "low"))
    with pytest.raises(UsageError):
        apply(store, review, Edit(claims[0].id, "colour=red"))


def test_parse_assignment() -> None:
    assert parse_assignment("high=open") == ("high", None)
    assert parse_assignment("Place = Idlib") == ("place", "Idlib")
    assert parse_assignment("note=none") == ("note", None)


def test_decide_checks_its_arguments(stocked: tuple[Store, list[Claim], list[Conflict]]) -> None:
    store, claims, conflicts = stocked
    with pytest.raises(UsageError, match="--claim"):
        decide(store, conflicts[0].id, Verdict.resolved)
    with pytest.raises(UsageError, match="not one of this conflict's claims"):
        decide(store, conflicts[0].id, Verdict.resolved, claims[2].id)
    with pytest.raises(UsageError, match="only a 'resolved' verdict"):
        decide(store, conflicts[0].id, Verdict.real, claims[0].id)
    with pytest.raises(NotFoundError):
        decide(store, "xnothere", Verdict.real)
    assert store.stats()["decisions"] == 0
    done = decide(store, conflicts[0].id[:6], Verdict.resolved, claims[0].id[:6], "older")
    assert done.decision is not None and done.decision.claim_id == claims[0].id


def test_input_that_is_not_valid_text_is_asked_again() -> None:
    review = session()
    review.press("m")
    [said] = review.press("bad \udcff note")
    assert isinstance(said, Say) and "not valid text" in said.message
    assert review.mode is Mode.choose and review.notes == {}
