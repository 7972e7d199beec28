"""A desk working one store: who a conflict is assigned to, who else has it open or decided it,
the store's settings, and what to tell a reviewer whose verdict met another's."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from claims.model import Conflict, Decision
from claims.store import Store, current_user
from claims.store_types import as_utc
from verify.settings import SECTION, Settings, load_settings, parse_setting, setting_names


def assign(store: Store, conflict_ref: str, to: str | None) -> Conflict:
    """Give a conflict to a person to review (None: to nobody); the conflict."""
    conflict = store.get_conflict(conflict_ref)
    store.assign(conflict.id, to.strip() if to else None)
    return conflict


def conflict_records(store: Store, conflicts: Sequence[Conflict]) -> list[dict[str, Any]]:
    """Conflicts' JSON records with who each is assigned to (`assignee`, or null)."""
    given = store.assignments()
    return [c.record() | {"assignee": given[c.id].assignee if c.id in given else None}
            for c in conflicts]


def assigned_to(store: Store, conflicts: Sequence[Conflict], who: str) -> list[Conflict]:
    """The conflicts assigned to one person."""
    given = store.assignments()
    return [c for c in conflicts if c.id in given and given[c.id].assignee == who]


def others_on(store: Store, conflict: Conflict, who: str | None = None) -> list[str]:
    """What a reviewer should know of the others on a conflict: who has it open in a review
    now, who decided it (if not them), and who it is assigned to."""
    me = who or current_user()
    lines = [f"Open in {p.reviewer}'s review too (since {p.since:%H:%M} UTC)"
             for p in store.open_reviews() if p.conflict_id == conflict.id and p.reviewer != me]
    d = conflict.decision
    if d is not None and d.reviewer != me:
        lines.append(f"Decided by {d.reviewer}: {d.verdict.value} "
                     f"({as_utc(d.decided_at):%Y-%m-%d %H:%M} UTC)")
    given = store.assignments().get(conflict.id)
    if given is not None:
        by = "" if given.created_by == given.assignee else f" by {given.created_by}"
        lines.append(f"Assigned to {'you' if given.assignee == me else given.assignee}{by}")
    return lines


def same_decision(a: Decision | None, b: Decision | None) -> bool:
    """One verdict, however read back (the moment compared in UTC)."""
    if a is None or b is None:
        return a is b
    return (a.reviewer, as_utc(a.decided_at), a.verdict) == (
        b.reviewer, as_utc(b.decided_at), b.verdict)


def verdict_note(previous: Decision | None, seen: Decision | None, who: str,
                 conflict_id: str) -> str | None:
    """What to tell a reviewer whose verdict replaced another as current: nothing is lost
    (every verdict is in the history), but a verdict given while they looked is news."""
    if previous is None or (previous.reviewer == who and same_decision(previous, seen)):
        return None
    when = f"{as_utc(previous.decided_at):%H:%M:%S} UTC"
    if not same_decision(previous, seen):
        return (f"{previous.reviewer} decided this conflict '{previous.verdict.value}' at "
                f"{when}, a moment before you; both verdicts are in the history and yours is "
                f"now the current one (see `crosscheck conflicts show {conflict_id[:8]}`)")
    return (f"this replaces {previous.reviewer}'s verdict '{previous.verdict.value}' "
            f"(given {as_utc(previous.decided_at):%Y-%m-%d %H:%M} UTC); both are in the history")


def save_verdict(store: Store, decision: Decision, seen: Decision | None) -> tuple[Conflict,
                                                                                   str | None]:
    """Record a verdict; the conflict as it now stands, and what to tell the reviewer."""
    previous = store.save_decision(decision, seen)
    note = verdict_note(previous, seen, decision.reviewer, decision.conflict_id)
    return store.get_conflict(decision.conflict_id), note


# -- settings -----------------------------------------------------------------------------------

def config_records(store: Store, key: str | None = None) -> list[dict[str, Any]]:
    """Each setting (or one) with its value, its default, and whether the store sets it."""
    names = setting_names()
    if key is not None and key not in names:
        parse_setting(key, "0")  # the error names the known settings
    current, stored = load_settings(store), store.settings_rows()
    defaults = Settings()
    return [{"key": name, "value": getattr(current, name.removeprefix(SECTION)),
             "default": getattr(defaults, name.removeprefix(SECTION)),
             "set": name in stored}
            for name in names if key is None or name == key]


def set_config(store: Store, key: str, value: str) -> list[dict[str, Any]]:
    """Set one setting in the store, checked first; its record."""
    store.set_settings(parse_setting(key, value))
    return config_records(store, key)


def unset_config(store: Store, key: str) -> list[dict[str, Any]]:
    """Remove a setting from the store: its default applies again."""
    if key not in setting_names():
        parse_setting(key, "0")  # the error names the known settings
    store.unset_setting(key)
    return config_records(store, key)


__all__ = ["assign", "assigned_to", "conflict_records", "config_records", "others_on",
           "save_verdict", "set_config", "unset_config", "verdict_note"]
