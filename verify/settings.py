"""The cross-check's thresholds in one object, and where they and the aliases come from: the
store (`crosscheck config`, `crosscheck aliases`), files beside a store file, and options."""

from __future__ import annotations

import dataclasses
import hashlib
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claims.aliases import Alias, AliasTable, default_aliases
from claims.errors import DataError, UsageError

if TYPE_CHECKING:
    from claims.model import Claim
    from claims.places import Gazetteer
    from claims.store import Store

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
    undated_factor: float = 0.7  # severity kept when a figure has no date (tolls rise: of when?)
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
    "unknown_scope_factor": (0.0, 1.0), "undated_factor": (0.0, 1.0), "workers": (0, 1024),
    "parallel_from": (1, 10**9),
}


def config_path(db: str) -> Path | None:
    """Where the settings file of a store file lives: crosscheck.toml beside it (not a URL)."""
    if "://" in db:
        return None
    return Path(db).resolve().parent / CONFIG_NAME


def _read_toml(path: Path) -> Settings:
    """The `[check]` table of a crosscheck.toml, checked."""
    try:
        table = tomllib.loads(path.read_text("utf-8")).get("check", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: not valid TOML ({exc})") from None
    if not isinstance(table, dict):
        raise DataError(f"{path}: [check] must be a table")
    return Settings.from_mapping(table, str(path))


def load_settings(where: Store | str | None = None, **overrides: Any) -> Settings:
    """Defaults, then the store's settings (`crosscheck config`; a crosscheck.toml beside a
    store file is imported into it on first use), then overrides. Given a path instead of a
    store, the crosscheck.toml beside it."""
    settings = Settings()
    if isinstance(where, str):
        path = config_path(where)
        if path is not None and path.is_file():
            settings = _read_toml(path)
    elif where is not None:
        import_beside(where)
        stored = {k.removeprefix(SECTION): v for k, v in where.settings_rows().items()
                  if k.startswith(SECTION)}
        settings = Settings.from_mapping(stored, f"{where.db} (crosscheck config)")
    return settings.replace(**overrides)


SECTION = "check."  # a store's settings are named check.tolerance, check.window_days, ...
ALIASES_NAME = "aliases.csv"


def setting_names() -> list[str]:
    """Every setting's name as `crosscheck config` takes it."""
    return [SECTION + f.name for f in dataclasses.fields(Settings)]


def parse_setting(key: str, value: str) -> dict[str, Any]:
    """A setting as typed (`check.tolerance`, "0.2"), checked: {store key: value}."""
    fields = {SECTION + f.name: f for f in dataclasses.fields(Settings)}
    if key not in fields:
        raise UsageError(f"unknown setting {key!r}; known: {', '.join(fields)}")
    try:
        number: float | int = float(value) if fields[key].type in ("float", float) else int(value)
    except ValueError:
        raise UsageError(f"{key}: {value!r} is not a number") from None
    try:
        Settings.from_mapping({key.removeprefix(SECTION): number}, key)
    except DataError as exc:
        raise UsageError(str(exc)) from None
    return {key: number}


def import_beside(store: Store) -> list[str]:
    """Bring a crosscheck.toml and an aliases.csv beside a store file into the store, the
    first time they are seen and again when they change; what was imported, in words."""
    if "://" in store.url:
        return []
    folder = Path(store.url).resolve().parent
    said = []
    for path in (folder / CONFIG_NAME, folder / ALIASES_NAME):
        if not path.is_file():
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        key = f"imported:{path.name}"
        if store.meta_value(key) == digest:
            continue
        if path.name == CONFIG_NAME:
            values = dataclasses.asdict(_read_toml(path))
            given = tomllib.loads(path.read_text("utf-8")).get("check", {})
            store.set_settings({SECTION + k: values[k] for k in given})
            said.append(f"imported {len(given)} settings from {path}")
        else:
            said.append(f"imported {store.add_aliases(read_alias_file(path))} aliases from "
                        f"{path}")
        store.set_meta(key, digest)
    return said


def read_alias_file(path: Path) -> list[Alias]:
    """The rows of an alias CSV (canonical,variant,type), checked."""
    if not path.is_file():
        raise DataError(f"{path}: alias file not found")
    try:
        return AliasTable.load([path]).aliases[len(default_aliases().aliases):]
    except UnicodeDecodeError:
        raise DataError(f"{path}: an alias file is not UTF-8") from None


def load_aliases(where: Store | str | None = None, extra: Sequence[Path] = ()) -> AliasTable:
    """The alias table hand claims, the check and ingest all use: the shipped table, then the
    store's (`crosscheck aliases`; an aliases.csv beside a store file is imported into it on
    first use), then files named for this run. Given a path with no store yet, the
    aliases.csv beside it."""
    rows = [a for path in extra for a in read_alias_file(path)]
    if isinstance(where, str):
        config = config_path(where)
        beside = config.with_name(ALIASES_NAME) if config else None
        rows = (read_alias_file(beside) if beside and beside.is_file() else []) + rows
    elif where is not None:
        import_beside(where)
        rows = where.list_aliases() + rows
    if not rows:
        return default_aliases()
    return AliasTable([*default_aliases().aliases, *rows])


def canonical_attributions(claims: Sequence[Claim], table: AliasTable) -> list[Claim]:
    """Claims with each body named as the alias table names it now: an alias added after an
    ingest joins the bodies it names for the check (stored claims are not rewritten)."""
    if table is default_aliases():
        return list(claims)
    out = []
    for claim in claims:
        named = table.lookup(claim.attribution_text or "") if claim.attribution_text else None
        named = named or (table.lookup(claim.attribution) if claim.attribution else None)
        changed = named is not None and named != claim.attribution
        out.append(claim.model_copy(update={"attribution": named}) if changed else claim)
    return out


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


__all__ = ["ALIASES_NAME", "CONFIG_NAME", "PLACES_NAME", "Settings", "canonical_attributions",
           "config_path", "import_beside", "load_aliases", "load_places", "load_settings",
           "parse_setting", "setting_names"]
