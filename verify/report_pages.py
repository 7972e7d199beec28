"""A report's conflicts and claims read from the store as they are shown, a page at a time:
the first screen of a store of 10,000 conflicts needs a dozen of them and their claims."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, TypeVar, overload

from claims.model import Claim, Conflict
from claims.store import Store

T = TypeVar("T")


class ClaimCache(Mapping[str, Claim]):
    """The report's claims, read from the store as they are first asked for, a batch at a time
    in the order the report shows them: its first screen needs a few of thousands. `order`
    may be a function, called the first time the whole order is needed; `size` then says how
    many claims it will hold without working it out."""

    BATCH = 400

    def __init__(self, store: Store, order: Sequence[str] | Callable[[], Sequence[str]],
                 size: int | None = None) -> None:
        self._store = store
        self._make = order if callable(order) else None
        self._order: list[str] | None = None if callable(order) else list(dict.fromkeys(order))
        self._at: dict[str, int] = {}
        self._size = size
        self._loaded: dict[str, Claim] = {}
        self._absent: set[str] = set()  # asked for by a page, not an active claim

    def _ordered(self) -> list[str]:
        if self._order is None:
            assert self._make is not None
            self._order = list(dict.fromkeys(self._make()))
        return self._order

    def _position(self, cid: object) -> int | None:
        """Where a claim stands in the report's order (None: not the report's)."""
        if not self._at and self._ordered():
            self._at = {c: n for n, c in enumerate(self._ordered())}
        return self._at.get(cid)  # type: ignore[call-overload]

    def preload(self, asked: Sequence[str], claims: Sequence[Claim]) -> None:
        """Keep the claims a page of conflicts read; of the ids it asked for, the ones not
        read are not active claims, so not the report's."""
        self._loaded.update((c.id, c) for c in claims)
        self._absent.update(i for i in asked if i not in self._loaded)

    def __getitem__(self, cid: str) -> Claim:
        try:
            return self._loaded[cid]
        except KeyError:
            start = None if cid in self._absent else self._position(cid)
            if start is None:
                raise KeyError(cid) from None  # a claim the report does not hold
        batch = [i for i in self._ordered()[start : start + self.BATCH] if i not in self._loaded]
        self._loaded.update((c.id, c) for c in self._store.read_claims(batch))
        return self._loaded[cid]

    def __contains__(self, cid: object) -> bool:
        if cid in self._loaded:
            return True
        return cid not in self._absent and self._position(cid) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._ordered())

    def __len__(self) -> int:
        return self._size if self._order is None and self._size is not None else len(
            self._ordered())


class ConflictPages(Sequence[Conflict]):
    """Conflicts by id in the report's order, read a page at a time (with their claims, into
    the report's ClaimCache) when first reached: a small first page for the first screen,
    the next GROWTH times all read so far, and past LARGE all the rest in one read (one scan
    of the store when that is most of it: a whole export reads little twice)."""

    FIRST = 16
    GROWTH = 8
    LARGE = 1000

    def __init__(self, store: Store, ids: Sequence[str], claims: ClaimCache,
                 stored_claims: int) -> None:
        self._store = store
        self._ids = list(ids)
        self._claims = claims
        self._stored_claims = stored_claims  # active claims in the store
        self._read: dict[str, Conflict] = {}
        self._through = 0  # ids[:_through] are read

    def _read_to(self, index: int) -> None:
        """Read pages until the conflict at `index` is read."""
        while self._through <= index < len(self._ids):
            size = self.FIRST if self._through == 0 else self._through * self.GROWTH
            if size > self.LARGE:
                size = len(self._ids)
            part = self._ids[self._through : self._through + size]
            page = self._store.read_conflicts(part)
            asked = list(dict.fromkeys(i for c in page for i in c.claim_ids))
            self._claims.preload(asked, self._claims_of(asked))
            self._read.update((c.id, c) for c in page)
            self._through += len(part)

    def _claims_of(self, asked: Sequence[str]) -> list[Claim]:
        """The active claims among `asked`: by id, or, for most of the store's, in one scan."""
        if len(asked) * 2 < self._stored_claims:
            return self._store.read_claims(asked)
        wanted = set(asked)
        return [c for c in self._store.read_claims() if c.id in wanted]

    def __len__(self) -> int:
        return len(self._ids)

    @overload
    def __getitem__(self, index: int) -> Conflict: ...

    @overload
    def __getitem__(self, index: slice) -> list[Conflict]: ...

    def __getitem__(self, index: int | slice) -> Conflict | list[Conflict]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._ids)))]
        cid = self._ids[index]
        self._read_to(index % len(self._ids))
        return self._read[cid]

    def __iter__(self) -> Iterator[Conflict]:
        for n, cid in enumerate(self._ids):
            self._read_to(n)
            if cid in self._read:  # a row too damaged to read is left out, with a warning
                yield self._read[cid]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


class Lazy(Sequence[T]):
    """A list worked out the first time it is looked at (the report's sources table, drawn
    last, counts over every conflict shown)."""

    def __init__(self, make: Callable[[], Sequence[T]]) -> None:
        self._make: Callable[[], Sequence[T]] | None = make
        self._items: Sequence[T] = ()

    def _get(self) -> Sequence[T]:
        if self._make is not None:
            self._items, self._make = list(self._make()), None
        return self._items

    def __len__(self) -> int:
        return len(self._get())

    def __getitem__(self, index: Any) -> Any:
        return self._get()[index]

    def __iter__(self) -> Iterator[T]:
        return iter(self._get())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]
