"""Results kept while their inputs are the very same objects.

`mkdocs serve` keeps the library between rebuilds, and an unchanged file
gives the very same (frozen) model objects as before (library.read_model).
So a result worked out from some models stays right as long as each of them
`is` the object it was worked out from, which is cheap to check and cannot
be fooled by a look-alike: the memo holds its inputs, so no other object can
take their place. In a one-off build every look-up misses, at no extra cost.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class SameInputs:
    def __init__(self) -> None:
        self._store: dict[Hashable, tuple[tuple[Any, ...], Any]] = {}

    def get(self, key: Hashable, inputs: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """`compute()`, or what it gave last time for `key` if `inputs` are
        the same objects (`is`) as then."""
        hit = self._store.get(key)
        if hit is not None and len(hit[0]) == len(inputs) and all(a is b for a, b in zip(hit[0], inputs)):
            return hit[1]
        value = compute()
        self._store[key] = (inputs, value)
        return value
