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

    tolerance: float = 0.10  # estimates further apart than this (as a ratio) disagree
    window_days: int = 45  # counts whose "as of" dates lie this close describe the same moment
    stock_window_days: int = 180  # populations change slowly: a wider window
    day_window_days: int = 0  # tolls of one day ("on Sunday", "in the past 24 hours"): that day
    date_window_days: int = 7  # ceasefire claims this close are about one ceasefire
    date_slack_days: int = 1  # dates a day apart are the same date told loosely
    timeline_gap_days: int = 3  # a count this much later than another may have grown
    duplicate_threshold: float = 0.5  # word-shingle overlap above which two passages are one copy
    duplicate_ratio: float = 90.0  # rapidfuzz ratio above which two sentences are one copy
    inferred_place_factor: float = 0.8  # severity kept when a claim's place is inferred
    scope_ratio: float = 4.0  # figures this far apart, a period unstated: likely different scopes
    workers: int = 0  # processes judging groups at once; 0: one per core
    parallel_from: int = 20_000  # groups below this are judged in this process (forking costs)

    def __post_init__(self) -> None:
        if not 0 < self.tolerance < 10:
            raise UsageError(f"tolerance {self.tolerance} must be a ratio above 0, e.g. 0.1")
        if self.window_days < 0 or self.date_window_days < 0 or self.stock_window_days < 0:
            raise UsageError("windows are a number of days, 0 or more")
        if not 0 < self.duplicate_threshold <= 1:
            raise UsageError(f"duplicate_threshold {self.duplicate_threshold} must be in (0, 1]")

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
