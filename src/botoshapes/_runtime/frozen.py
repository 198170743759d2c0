"""The read-only, hashable mapping that map members are stored as."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

K = TypeVar("K")
V_co = TypeVar("V_co", covariant=True)


class FrozenMap(Mapping[K, V_co]):
    """An immutable mapping, equal to any mapping with the same items, and hashable.

    ``to_boto()`` writes it as a plain ``dict``.
    """

    __slots__ = ("_data", "_hash")

    _data: dict[K, V_co]
    _hash: int | None

    def __init__(self, data: Mapping[K, V_co] | None = None) -> None:
        if hasattr(self, "_data"):  # FrozenMap.__init__(existing, ...) would rewrite it
            raise AttributeError(f"{type(self).__name__} is read-only")
        object.__setattr__(self, "_data", dict(data) if data is not None else {})
        object.__setattr__(self, "_hash", None)

    def __getitem__(self, key: K) -> V_co:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            object.__setattr__(self, "_hash", hash(frozenset(self._data.items())))
        assert self._hash is not None
        return self._hash

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._data!r})"

    def __reduce__(self) -> tuple[type[FrozenMap[K, V_co]], tuple[dict[K, V_co]]]:
        # pickle, copy and deepcopy rebuild it through __init__, never by setting attributes.
        return type(self), (self._data,)

    def to_dict(self) -> dict[K, V_co]:
        """A mutable copy as a plain ``dict``."""
        return dict(self._data)
