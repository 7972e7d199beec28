"""Hand work travels: every hand-made source, claim, edit and decision as JSON lines, and back.

One object per line, `{"type": "source"|"claim"|"change"|"decision"|"note", ...}`, in that
order (notes are ones typed in review that wait for a verdict), so
an import meets a claim's source before the claim and a claim before its changes. Claims
written are the ones hand work made or touched (hand-made, edited, removed, superseded), as
they stand; sources written are the hand-made ones and those such claims stand in.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from claims.errors import CrosscheckError, DataError
from claims.files import atomic_write, json_text
from claims.limits import check_counts, check_texts
from claims.model import Claim, Decision, Source
from claims.store import Store
from claims.store_hand import ClaimChange, ReviewNote
from claims.store_rows import check_claim

TYPES = ("source", "claim", "change", "decision", "note")


@dataclass(frozen=True)
class ImportSummary:
    """What an import added: nothing, the second time."""

    sources: int = 0
    claims: int = 0
    changes: int = 0
    decisions: int = 0
    notes: int = 0

    def record(self) -> dict[str, int]:
        out = {"sources": self.sources, "claims": self.claims, "changes": self.changes,
               "decisions": self.decisions}
        return out | ({"notes": self.notes} if self.notes else {})


def hand_work(store: Store) -> list[dict[str, Any]]:
    """Every piece of hand work in the store as JSON-ready objects, in import order."""
    claims = store.touched_claims()
    needed = {c.source_id for c in claims}
    sources = [s for s in store.list_sources() if s.origin != "ingest" or s.id in needed]
    lines: list[dict[str, Any]] = [{"type": "source"} | s.model_dump(mode="json") for s in sources]
    lines += [{"type": "claim"} | c.record() for c in claims]
    lines += [{"type": "change"} | ch.record() for ch in store.claim_history()]
    lines += [{"type": "decision"} | d.record() for d in store.decision_history()]
    lines += [{"type": "note"} | n.record() for n in store.review_notes()]
    return lines


def export_hand_work(store: Store, out: IO[str]) -> int:
    """Write the store's hand work as JSON lines; the number of lines written."""
    lines = hand_work(store)
    for line in lines:
        out.write(json_text(line, indent=None, sort_keys=True) + "\n")
    return len(lines)


def write_hand_work(store: Store, path: Path) -> int:
    """Write the hand work to a file, whole or not at all (never over the store or another
    database, never through a predictable temporary name); the number of lines written."""
    counted: list[int] = []
    atomic_write(path, lambda out: counted.append(export_hand_work(store, out)), store.db)
    return counted[0]


def read_lines(path: Path) -> list[str]:
    """The lines of a hand-work file: a regular UTF-8 file (a pipe would block an import)."""
    from sources.corpus import MAX_CORPUS_BYTES
    from sources.load import decode, read_file

    return decode(read_file(path, MAX_CORPUS_BYTES), path, "utf-8").splitlines()


def import_hand_work(store: Store, lines: Iterable[str], name: str = "<input>") -> ImportSummary:
    """Restore hand work from JSON lines, idempotently: what is already stored is left alone.
    Every line is checked before anything is written."""
    built = [(kind, model, f"{name}:{n}") for n, kind, model in _parse(lines, name)]
    _check(store, built)
    counts = dict.fromkeys(TYPES, 0)
    for kind in TYPES:  # sources, then claims, changes, decisions, whatever the file's order
        for line_kind, model, where in built:
            if line_kind == kind:
                counts[kind] += _restore(store, model, where)
    return ImportSummary(counts["source"], counts["claim"], counts["change"], counts["decision"],
                         counts["note"])


Model = Source | Claim | ClaimChange | Decision | ReviewNote


def _parse(lines: Iterable[str], name: str) -> list[tuple[int, str, Model]]:
    out = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(f"{where}: not JSON ({exc.msg})") from None
        except RecursionError:
            raise DataError(f"{where}: JSON nested too deeply to be hand work") from None
        except ValueError:  # an integer of thousands of digits
            raise DataError(f"{where}: a number too long to read (over 4,300 digits)") from None
        if not isinstance(obj, dict) or obj.get("type") not in TYPES:
            raise DataError(f"{where}: not a hand-work line (type one of "
                            f"{', '.join(TYPES)})")
        check_texts(obj, where)
        out.append((number, obj["type"], _build(obj, where)))
    return out


def _build(obj: dict[str, Any], where: str) -> Model:
    kind, data = obj["type"], {k: v for k, v in obj.items() if k != "type"}
    try:
        if kind == "source":
            return Source.model_validate(data)
        if kind == "claim":
            return Claim.from_record(data)
        if kind == "change":
            return ClaimChange(**data)
        if kind == "note":
            return ReviewNote(**{k: str(data[k]) for k in ("conflict_id", "reviewer", "note",
                                                           "at")})
        return Decision.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        raise DataError(f"{where}: bad {kind} ({field}: {err['msg']})") from None
    except (TypeError, KeyError) as exc:
        raise DataError(f"{where}: bad {kind} ({exc})") from None


def _check(store: Store, built: list[tuple[str, Model, str]]) -> None:
    """Everything the file would write, checked before any of it is: each claim's quote stands
    in its source (from the file or the store) and every change leaves a valid claim."""
    sources = {m.id: m for _, m, _ in built if isinstance(m, Source)}
    claims: dict[str, dict[str, Any]] = {}
    for _, model, where in built:
        if isinstance(model, Claim):
            source = sources.get(model.source_id) or store.find_source(model.source_id)
            if source is None:
                raise DataError(f"{where}: its source {model.source_id} is in neither the file "
                                "nor the store")
            try:
                check_claim(source, model)
            except CrosscheckError as exc:
                raise DataError(f"{where}: {exc}") from None
            claims[model.id] = model.record()
    for _, model, where in built:
        if isinstance(model, ClaimChange) and model.action != "add" and model.field:
            _check_change(store, claims, model, where)


def _check_change(store: Store, claims: dict[str, dict[str, Any]], change: ClaimChange,
                  where: str) -> None:
    if change.claim_id not in claims:
        try:
            claims[change.claim_id] = store.get_claim(change.claim_id).record()
        except CrosscheckError:
            raise DataError(f"{where}: claim {change.claim_id} is in neither the file nor the "
                            "store") from None
    claims[change.claim_id] = claims[change.claim_id] | {str(change.field): change.new}
    check_counts(claims[change.claim_id], where)
    try:
        Claim.from_record(claims[change.claim_id])
    except ValidationError as exc:
        err = exc.errors()[0]
        raise DataError(f"{where}: the change leaves claim {change.claim_id} invalid "
                        f"({err['msg'].removeprefix('Value error, ')})") from None


def _restore(store: Store, model: Model, where: str) -> int:
    try:
        if isinstance(model, Source):
            return int(store.add_source(model))
        if isinstance(model, Claim):
            return int(store.import_claim(model))
        if isinstance(model, ClaimChange):
            return int(store.import_change(model))
        if isinstance(model, ReviewNote):
            return int(store.import_review_note(model))
        return int(store.import_decision(model))
    except CrosscheckError as exc:
        raise DataError(f"{where}: {exc}") from None
