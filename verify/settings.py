"""The cross-check's thresholds in one object, read from `crosscheck.toml` and options."""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claims.aliases import AliasTable, default_aliases
from claims.errors import DataError, UsageError

if TYPE_CHECKING:
    from claims.places import Gazetteer

CONFIG_NAME = "crosscheck.toml"


@dataclass(frozen=True)
class Settings:
    """Thresholds of the check; every one can be set in `[check]` of crosscheck.toml."""

    tolerance: float = 0.10  # intervals further apart than this (as a ratio) disagree
    min_gap: int = 1  # ... and further apart than this many: one death more is no dispute
    bound_margin: float = 0.10  # a floor, "more than X", reads as X to X * (1 + this)
    window_days: int = 3  # totals as of days this close stand at one moment; later, may grow
    fall_window_days: int = 30  # a count of unknown scope that fell within this many days
    stock_window_days: int = 180  # populations change slowly: counts this close are compared
    incident_window_days: int = 1  # reports of one incident may date it a day apart
    incident_ceiling: int = 1000  # a figure of unknown scope below this is one incident's toll
    start_tolerance_days: int = 1  # totals whose periods start this close count the same span
    start_tolerance_share: float = 0.10  # ... or within this share of the shortest period
    date_window_days: int = 5  # ceasefire dates this close may be about one ceasefire
    date_slack_days: int = 0  # dates this many days apart are still the same date
    linked_window_days: int = 60  # announcements of one truce (same start) this far apart
    scope_ratio: float = 10.0  # a figure of unknown scope this many times another: other scope
    place_ratio: float = 4.0  # a figure placed by its article this many times another: elsewhere
    duplicate_threshold: float = 0.5  # word-shingle overlap above which two passages are one copy
    duplicate_ratio: float = 90.0  # rapidfuzz ratio above which two sentences are one copy
    inferred_place_factor: float = 0.8  # severity kept when a claim's place is inferred
    unknown_scope_factor: float = 0.85  # severity kept when a side's scope is not stated
    workers: int = 0  # processes judging blocks at once; 0: one per core
    parallel_from: int = 20_000  # fewer claims than this are judged in this process (forking)

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        """Refuse any setting outside its sane range, in one line naming it (absurd values such
        as a window of 10**20 days or a negative slack once ran silently, issue 14)."""
        for name, (low, high) in LIMITS.items():
            value = getattr(self, name)
            # NaN fails every comparison, so it is refused too
            if isinstance(value, bool) or not low <= value <= high:
                raise UsageError(f"{name} {value!r} is out of range: give {low:g} to {high:g}")

    def replace(self, **changes: Any) -> Settings:
        """A copy with the given fields changed; None values leave a field as it is."""
        given = {k: v for k, v in changes.items() if v is not None}
        return dataclasses.replace(self, **given)

    @classmethod
    def from_mapping(cls, values: dict[str, Any], where: str = CONFIG_NAME) -> Settings:
        """Settings from a `[check]` table; unknown keys and wrong types name the file."""
        names = {f.name: f for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - set(names))
        if unknown:
            raise DataError(f"{where}: unknown setting {unknown[0]!r} in [check]; "
                            f"known: {', '.join(sorted(names))}")
        for key, value in values.items():
            want = float if names[key].type in ("float", float) else int
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise DataError(f"{where}: [check] {key} must be a number, not {value!r}")
            if want is int and not isinstance(value, int):
                raise DataError(f"{where}: [check] {key} must be a whole number of days")
        try:
            return cls(**values)
        except UsageError as exc:
            raise DataError(f"{where}: {exc}") from None


# Each setting's range: wide enough for any real use, narrow enough to catch a typo.
LIMITS: dict[str, tuple[float, float]] = {
    "tolerance": (0.001, 10.0), "min_gap": (0, 10**6), "bound_margin": (0.0, 10.0),
    "window_days": (0, 3650), "fall_window_days": (0, 3650), "stock_window_days": (0, 3650),
    "incident_window_days": (0, 365), "incident_ceiling": (1, 10**9),
    "start_tolerance_days": (0, 3650), "start_tolerance_share": (0.0, 1.0),
    "date_window_days": (0, 365), "date_slack_days": (0, 30), "linked_window_days": (0, 3650),
    "scope_ratio": (1.0, 1e6),
    "place_ratio": (1.0, 1e6), "duplicate_threshold": (0.01, 1.0),
    "duplicate_ratio": (1.0, 100.0), "inferred_place_factor": (0.0, 1.0),
    "unknown_scope_factor": (0.0, 1.0), "workers": (0, 1024), "parallel_from": (1, 10**9),
}


def config_path(db: str) -> Path | None:
    """Where the settings of a store live: crosscheck.toml beside a store file (not a URL)."""
    if "://" in db:
        return None
    return Path(db).resolve().parent / CONFIG_NAME


def load_settings(db: str | None = None, **overrides: Any) -> Settings:
    """Defaults, then `[check]` from the crosscheck.toml beside the store, then overrides."""
    settings = Settings()
    path = config_path(db) if db else None
    if path is not None and path.is_file():
        try:
            table = tomllib.loads(path.read_text("utf-8")).get("check", {})
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise DataError(f"{path}: not valid TOML ({exc})") from None
        if not isinstance(table, dict):
            raise DataError(f"{path}: [check] must be a table")
        settings = Settings.from_mapping(table, str(path))
    return settings.replace(**overrides)


ALIASES_NAME = "aliases.csv"


def load_aliases(db: str | None = None, extra: Sequence[Path] = ()) -> AliasTable:
    """The shipped alias table, plus an aliases.csv beside the store, plus files named."""
    config = config_path(db) if db else None
    beside = config.with_name(ALIASES_NAME) if config else None
    files = ([beside] if beside and beside.is_file() else []) + list(extra)
    if not files:
        return default_aliases()
    for path in files:
        if not path.is_file():
            raise DataError(f"{path}: alias file not found")
    try:
        return AliasTable.load(files)
    except UnicodeDecodeError:
        raise DataError(f"{', '.join(map(str, files))}: an alias file is not UTF-8") from None


PLACES_NAME = "places.csv"


def load_places(db: str | None = None, extra: Sequence[Path] = ()) -> Gazetteer:
    """The shipped gazetteer, plus a places.csv beside the store, plus files named (the columns
    of claims/data/places.csv: name,kind,parent,variants)."""
    from claims.places import gazetteer

    config = config_path(db) if db else None
    beside = config.with_name(PLACES_NAME) if config else None
    files = ([beside] if beside and beside.is_file() else []) + list(extra)
    for path in files:
        if not path.is_file():
            raise DataError(f"{path}: places file not found")
    try:
        return gazetteer(files)
    except UnicodeDecodeError:
        raise DataError(f"{', '.join(map(str, files))}: a places file is not UTF-8") from None


__all__ = ["ALIASES_NAME", "CONFIG_NAME", "PLACES_NAME", "Settings", "config_path",
           "load_aliases", "load_places", "load_settings"]
