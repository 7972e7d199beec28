"""Clock times and time zones: a time written in one zone ("2100 GMT on Monday") as the local
calendar day at the place it is about (00:00 on Tuesday in Yemen), with the stdlib's zoneinfo.

The zone of a place is its country's when the tz database gives that country one zone (the
tables iso3166.tab and zone.tab of the system's or the tzdata package's zoneinfo), or the zone
named after the place itself ("Gaza", "Damascus"). A country with several zones (Russia, the
United States) gives none: its times are not shifted.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from functools import lru_cache
from importlib import resources
from pathlib import Path

_UTC_WORDS = {"utc", "gmt", "z"}


def _table(name: str) -> list[list[str]]:
    """The rows of one tz database table, from the first zoneinfo folder that has it."""
    for folder in zoneinfo.TZPATH:
        path = Path(folder) / name
        if path.is_file():
            text = path.read_text("utf-8")
            break
    else:
        try:
            text = resources.files("tzdata").joinpath("zoneinfo", name).read_text("utf-8")
        except (ModuleNotFoundError, FileNotFoundError):
            return []
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@lru_cache(maxsize=1)
def _zones() -> tuple[dict[str, str], dict[str, str]]:
    """(country name -> its one zone, city -> zone) from the tz database tables."""
    codes = {row[0]: row[1].strip() for row in _table("iso3166.tab") if len(row) > 1}
    by_code: dict[str, list[str]] = {}
    cities: dict[str, str] = {}
    for row in _table("zone.tab"):
        if len(row) < 3:
            continue
        by_code.setdefault(row[0], []).append(row[2].strip())
        cities[row[2].strip().rsplit("/", 1)[-1].replace("_", " ").casefold()] = row[2].strip()
    countries = {
        codes[c].casefold(): z[0] for c, z in by_code.items() if c in codes and len(z) == 1
    }
    return countries, cities


def zone_named(name: str) -> str | None:
    """The IANA zone of a country or a zone city named as written, else None."""
    countries, cities = _zones()
    key = name.strip().casefold()
    if key.startswith("the "):
        key = key[4:]
    return countries.get(key) or cities.get(key)


def zone_of_place(place: str | None) -> str | None:
    """The zone of a gazetteer place: its own (a zone city), else its country's single zone."""
    if not place:
        return None
    from claims.places import containing

    for name in containing(place):
        zone = zone_named(name.casefold().removesuffix(" province").removesuffix(" city"))
        if zone:
            return zone
    return None


def local_day(day: dt.date, minutes: int, zone: str, local_zone: str | None) -> dt.date:
    """The calendar day at the place of a time written in `zone` ("" is local time)."""
    if not zone or not local_zone or zone == local_zone:
        return day
    try:
        source = dt.UTC if zone.casefold() in _UTC_WORDS else zoneinfo.ZoneInfo(zone)
        target = zoneinfo.ZoneInfo(local_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return day
    moment = dt.datetime.combine(day, dt.time(minutes // 60 % 24, minutes % 60), source)
    return moment.astimezone(target).date()


__all__ = ["local_day", "zone_named", "zone_of_place"]
