"""Column types the store reads the same on SQLite and PostgreSQL: timestamps (UTC) and days.

PostgreSQL has TIMESTAMP WITH TIME ZONE and DATE; SQLite has neither and keeps text
("2024-05-01 09:00:00", "2024-05-01", the forms its own date functions write). A cell of SQLite
text that is not one reads back as a CorruptCell naming it, never an error that ends a read."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, DateTime, Dialect, TypeDecorator
from sqlalchemy.types import TypeEngine, UserDefinedType


class CorruptCell(str):
    """A stored cell that does not read as its type, kept as its text so the row can be named."""

    what = "not valid JSON"

    def describe(self, column: str) -> str:
        """What is wrong, naming the column."""
        return f"column {column} is {self.what}"


class BadTimestamp(CorruptCell):
    what = "not a timestamp"

    def describe(self, column: str) -> str:
        return f"column {column}: {self.what} ({str(self)[:40]!r})"


class BadDay(CorruptCell):
    what = "not a date (YYYY-MM-DD)"

    def describe(self, column: str) -> str:
        return f"column {column}: {self.what} ({str(self)[:40]!r})"


class _SqliteText(UserDefinedType[Any]):
    """A column SQLite declares DATETIME or DATE, its text passed through as is (Timestamp and
    Day read and write it): SQLAlchemy's own SQLite types would parse it and fail on a bad one."""

    cache_ok = True

    def __init__(self, name: str) -> None:
        self.name = name

    def get_col_spec(self, **kw: Any) -> str:
        return self.name


def as_utc(value: dt.datetime | str) -> dt.datetime:
    """A moment in UTC: ISO text parsed, naive taken as UTC (how SQLite keeps it)."""
    moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


class Timestamp(TypeDecorator[dt.datetime]):
    """A moment, kept in UTC: TIMESTAMP WITH TIME ZONE, or SQLite text without the offset."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return _SqliteText("DATETIME")
        return dialect.type_descriptor(DateTime(timezone=True))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None or isinstance(value, CorruptCell):
            return None if value is None else str(value)
        moment = as_utc(value)
        if dialect.name == "sqlite":
            return moment.replace(tzinfo=None).isoformat(sep=" ")
        return moment

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        try:
            return as_utc(value)
        except (ValueError, TypeError):
            return BadTimestamp(value)


class Day(TypeDecorator[dt.date]):
    """A calendar day: DATE, or SQLite text YYYY-MM-DD."""

    impl = Date
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return _SqliteText("DATE")
        return dialect.type_descriptor(Date())

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None or isinstance(value, CorruptCell):
            return None if value is None else str(value)
        day = dt.date.fromisoformat(value) if isinstance(value, str) else value
        return day.isoformat() if dialect.name == "sqlite" else day

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None or isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            return BadDay(value)
