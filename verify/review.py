"""Reviewing conflicts: a state machine driven by keys (in the manner of `git add -p`), and the
store writes its choices make. Every decision is committed the moment it is made."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from claims.errors import CrosscheckError, UsageError
from claims.limits import check_text
from claims.model import Claim, Conflict, Decision, Verdict
from claims.store import Store, current_user
from verify.hand import parse_count

KEYS: list[tuple[str, str]] = [
    ("r", "real conflict: the sources disagree"),
    ("n", "not comparable: the claims are not about the same thing"),
    ("1-9", "resolved in favour of claim N"),
    ("e", "edit a claim (then its number, then field=value)"),
    ("s", "show the source around a claim's quote (then its number)"),
    ("m", "add a note to this conflict's decision"),
    ("j", "skip: leave it open, go to the next"),
    ("k", "go back to the previous conflict"),
    ("q", "quit: every decision made is already saved"),
    ("?", "this help"),
]


class Mode(StrEnum):
    """What the next key answers."""

    choose = "choose"
    edit_pick = "edit_pick"
    edit_value = "edit_value"
    show_pick = "show_pick"
    note = "note"


@dataclass(frozen=True)
class Decide:
    conflict_id: str
    verdict: Verdict
    claim_id: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class SetNote:
    conflict_id: str
    note: str


@dataclass(frozen=True)
class KeepNote:
    conflict_id: str
    note: str


@dataclass(frozen=True)
class Edit:
    claim_id: str
    assignment: str  # "field=value"


@dataclass(frozen=True)
class Show:
    claim_id: str


@dataclass(frozen=True)
class Say:
    message: str


@dataclass(frozen=True)
class Help:
    pass


@dataclass(frozen=True)
class Quit:
    pass


Effect = Decide | SetNote | KeepNote | Edit | Show | Say | Help | Quit


@dataclass
class Review:
    """Where a review is: the conflicts to walk, the one shown, and what the next key answers."""

    conflicts: list[Conflict]
    index: int = 0
    mode: Mode = Mode.choose
    picked: str | None = None  # the claim chosen for an edit
    notes: dict[str, str] = field(default_factory=dict)  # notes waiting for a verdict (stored)
    decided: int = 0

    @property
    def current(self) -> Conflict | None:
        return self.conflicts[self.index] if 0 <= self.index < len(self.conflicts) else None

    @property
    def done(self) -> bool:
        return self.current is None

    @property
    def wants_line(self) -> bool:
        """True when the next input is a line of text, not one key."""
        return self.mode in (Mode.edit_value, Mode.note)

    def prompt(self) -> str:
        n = len(self.current.claim_ids) if self.current else 0
        return {
            Mode.choose: f"[{self.index + 1}/{len(self.conflicts)}] "
                         f"r,n,1-{n},e,s,m,j,k,q,? > ",
            Mode.edit_pick: f"Edit which claim (1-{n})? ",
            Mode.show_pick: f"Show which claim's source (1-{n})? ",
            Mode.edit_value: "field=value (e.g. low=400000, kind=displaced): ",
            Mode.note: "Note: ",
        }[self.mode]

    def press(self, key: str) -> list[Effect]:
        """Answer one key (or, when `wants_line`, one line) with the effects to carry out."""
        conflict = self.current
        if conflict is None:
            return [Quit()]
        try:
            check_text(key, "input")
        except CrosscheckError as exc:  # bytes a terminal sent that are not UTF-8
            self.mode = Mode.choose
            return [Say(f"{exc}; type it again")]
        if self.mode is Mode.note:
            return self._note(conflict, key.strip())
        if self.mode is Mode.edit_value:
            self.mode, claim_id = Mode.choose, self.picked or ""
            return [Edit(claim_id, key.strip())] if key.strip() else [Say("edit cancelled")]
        key = key.strip()[:1].lower()
        if self.mode in (Mode.edit_pick, Mode.show_pick):
            return self._pick(conflict, key)
        return self._choose(conflict, key)

    def _choose(self, conflict: Conflict, key: str) -> list[Effect]:
        n = len(conflict.claim_ids)
        if key in ("r", "n"):
            verdict = Verdict.real if key == "r" else Verdict.not_comparable
            return self._decide(Decide(conflict.id, verdict, None, self._note_for(conflict)))
        if key.isdigit():
            claim_id = self._claim_at(conflict, key)
            if claim_id is None:
                return [Say(f"no claim {key}: give 1-{n}")]
            return self._decide(Decide(conflict.id, Verdict.resolved, claim_id,
                                       self._note_for(conflict)))
        moves = {"e": Mode.edit_pick, "s": Mode.show_pick, "m": Mode.note}
        if key in moves:
            self.mode = moves[key]
            return self._pick(conflict, "1") if n == 1 and key != "m" else []
        if key == "j":
            return self._move(+1)
        if key == "k":
            return self._move(-1) if self.index > 0 else [Say("this is the first conflict")]
        if key == "q":
            return [Quit()]
        return [Help()] if key == "?" else [Say(f"unknown key {key!r}: ? for help")]

    def _pick(self, conflict: Conflict, key: str) -> list[Effect]:
        claim_id = self._claim_at(conflict, key)
        mode, self.mode = self.mode, Mode.choose
        if claim_id is None:
            return [Say("cancelled")]
        if mode is Mode.show_pick:
            return [Show(claim_id)]
        self.picked, self.mode = claim_id, Mode.edit_value
        return []

    def _note(self, conflict: Conflict, text: str) -> list[Effect]:
        self.mode = Mode.choose
        if not text:
            return [Say("no note added")]
        if conflict.decision is not None:
            return [SetNote(conflict.id, text)]
        self.notes[conflict.id] = text
        return [KeepNote(conflict.id, text)]

    def _note_for(self, conflict: Conflict) -> str | None:
        if conflict.id in self.notes:
            return self.notes.pop(conflict.id)
        return conflict.decision.note if conflict.decision else None

    def _decide(self, effect: Decide) -> list[Effect]:
        self.decided += 1
        self.index += 1
        return [effect]

    def _move(self, step: int) -> list[Effect]:
        self.index += step
        return []

    @staticmethod
    def _claim_at(conflict: Conflict, key: str) -> str | None:
        if key.isdigit() and 1 <= int(key) <= len(conflict.claim_ids):
            return conflict.claim_ids[int(key) - 1]
        return None


def open_review(
    store: Store, who: str | None = None, include_decided: bool = False,
    kind: str | None = None, place: str | None = None, mine: bool = False,
) -> Review:
    """The conflicts to review, most severe first, starting where this reviewer last stopped;
    decided ones (unless stale) only with include_decided; with `mine`, only the ones
    assigned to this reviewer."""
    claims = {c.id: c for c in store.list_claims(include_inactive=True)}
    ordered = [c for c in store.list_conflicts() if _matches(c, claims, kind, place)]
    if mine:
        from verify.desk import assigned_to

        ordered = assigned_to(store, ordered, who or current_user())
    position = store.review_position(who or current_user())
    ids = [c.id for c in ordered]
    if position in ids:
        at = ids.index(position)
        ordered = ordered[at:] + ordered[:at]
    todo = [c for c in ordered if include_decided or c.decision is None or c.decision.stale]
    notes = {n.conflict_id: n.note for n in store.review_notes(who or current_user())}
    return Review(todo, notes=notes)


def _matches(conflict: Conflict, claims: dict[str, Claim], kind: str | None,
             place: str | None) -> bool:
    members = [claims[cid] for cid in conflict.claim_ids if cid in claims]
    if kind and conflict.key.get("kind") != kind and all(c.kind != kind for c in members):
        return False
    if place:
        places = {str(conflict.key.get("place") or "").lower()}
        places |= {(c.place or "").lower() for c in members}
        return place.lower() in places
    return True


def apply(store: Store, review: Review, effect: Effect, who: str | None = None) -> str | None:
    """Carry out an effect that writes to the store; a line to tell the reviewer, if any."""
    who = who or current_user()
    if isinstance(effect, Decide):
        conflict = next(c for c in review.conflicts if c.id == effect.conflict_id)
        saved, note = _save(store, conflict, effect.verdict, effect.claim_id, effect.note, who)
        _refresh(store, review, saved)
        label = effect.verdict.value + (f" for {effect.claim_id[:8]}" if effect.claim_id else "")
        return f"saved: {label}" + (f"\nNote: {note}" if note else "")
    if isinstance(effect, KeepNote):
        store.save_review_note(effect.conflict_id, who, effect.note)
        return "note saved: it goes with this conflict's verdict when you give one"
    if isinstance(effect, SetNote):
        conflict = store.get_conflict(effect.conflict_id)
        assert conflict.decision is not None
        d = conflict.decision
        saved, said = _save(store, conflict, d.verdict, d.claim_id, effect.note, who)
        _refresh(store, review, saved)
        return "note saved" + (f"\nNote: {said}" if said else "")
    if isinstance(effect, Edit):
        field_name, value = parse_assignment(effect.assignment)
        claim = store.edit_claim(effect.claim_id, {field_name: value}, who=who)
        return f"edited {claim.id[:8]}: {field_name} = {value!r}"
    return None


def _refresh(store: Store, review: Review, conflict: Conflict) -> None:
    review.conflicts = [conflict if c.id == conflict.id else c for c in review.conflicts]


def _save(store: Store, conflict: Conflict, verdict: Verdict, claim_id: str | None,
          note: str | None, who: str) -> tuple[Conflict, str | None]:
    """Record a verdict on the conflict as the reviewer saw it; the conflict now, and what to
    tell them if someone else's verdict was there (decided a moment before, or replaced)."""
    from verify.desk import save_verdict

    return save_verdict(store, Decision(conflict_id=conflict.id, verdict=verdict,
                                        claim_id=claim_id, note=note, reviewer=who,
                                        decided_at=_moment(), fingerprint=conflict.fingerprint),
                        conflict.decision)


def _moment() -> dt.datetime:
    """When a verdict is given, to the microsecond: one reviewer's two verdicts in one second
    are two moments of the history."""
    return dt.datetime.now(dt.UTC)


_COUNTS = ("low", "high", "estimate")


def parse_assignment(text: str) -> tuple[str, Any]:
    """`field=value` as typed in a review: counts as numbers, "none" clears a field."""
    name, sep, value = text.partition("=")
    name, value = name.strip().lower(), value.strip()
    if not sep or not name:
        raise UsageError(f"{text!r}: write field=value, e.g. low=400000")
    if name in _COUNTS:
        return name, parse_count(value, name)
    return name, None if value.lower() in ("", "none") else value


def decide(
    store: Store, conflict_ref: str, verdict: Verdict, claim_ref: str | None = None,
    note: str | None = None, who: str | None = None,
) -> Conflict:
    """Record a verdict on a conflict from a script; `resolved` names the claim it favours."""
    return record_verdict(store, conflict_ref, verdict, claim_ref, note, who)[0]


def record_verdict(
    store: Store, conflict_ref: str, verdict: Verdict, claim_ref: str | None = None,
    note: str | None = None, who: str | None = None,
) -> tuple[Conflict, str | None]:
    """decide(), and what to tell the person when another's verdict was there before theirs."""
    conflict = store.get_conflict(conflict_ref)
    claim_id = member(conflict, claim_ref) if claim_ref else None
    if verdict is Verdict.resolved and claim_id is None:
        raise UsageError("--verdict resolved: name the claim it favours with --claim")
    if verdict is not Verdict.resolved and claim_id is not None:
        raise UsageError(f"--claim: only a 'resolved' verdict favours a claim, "
                         f"not {verdict.value!r}")
    return _save(store, conflict, verdict, claim_id, note, who or current_user())


def member(conflict: Conflict, ref: str) -> str:
    """The member claim of a conflict named by id or id prefix."""
    found = [cid for cid in conflict.claim_ids if cid.startswith(ref.strip())]
    if len(found) != 1 or len(ref.strip()) < 4:
        raise UsageError(f"--claim: {ref!r} is not one of this conflict's claims "
                         f"({', '.join(c[:8] for c in conflict.claim_ids)})")
    return found[0]


def help_lines() -> Sequence[str]:
    """The key map, one line per key."""
    return [f"{key:>4}  {meaning}" for key, meaning in KEYS]
