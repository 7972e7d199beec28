"""What the store can hold, checked where values come in: counts within 64 bits, and text
that is valid Unicode (a lone surrogate from a JSON escape or a mis-decoded argument)."""

from __future__ import annotations

from typing import Any

from claims.errors import LimitError

MAX_COUNT = 2**63 - 1  # SQLite's and PostgreSQL's BIGINT; no count of people comes near
COUNT_FIELDS = ("low", "high", "estimate")


def check_count(value: Any, where: str) -> None:
    """Refuse an integer the store cannot hold, naming the field and the limit."""
    if isinstance(value, int) and not -MAX_COUNT <= value <= MAX_COUNT:
        digits = int(abs(value).bit_length() * 0.30103) + 1  # str() of 5,000 digits raises
        shown = str(value) if digits <= 24 else f"a number of about {digits} digits"
        raise LimitError(f"{where}: {shown} is above the largest count crosscheck stores "
                         f"({MAX_COUNT:,})")


def check_counts(record: dict[str, Any], where: str) -> None:
    """Every count of a claim's flat record within the store's limit."""
    for name in COUNT_FIELDS:
        check_count(record.get(name), f"{where}: {name}")


def check_text(value: str, where: str) -> None:
    """Refuse text with a lone surrogate: it cannot be stored, hashed or printed as UTF-8."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        char = ord(value[exc.start])
        raise LimitError(f"{where}: not valid text (a lone surrogate U+{char:04X} at "
                         f"character {exc.start})") from None


def check_texts(value: Any, where: str) -> None:
    """check_text over every string in a JSON-like value (dicts, lists, strings)."""
    if isinstance(value, str):
        check_text(value, where)
    elif isinstance(value, dict):
        for key, item in value.items():
            check_texts(key, where)
            check_texts(item, f"{where}: {key}" if isinstance(key, str) else where)
    elif isinstance(value, list):
        for item in value:
            check_texts(item, where)
