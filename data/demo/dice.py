"""The seeded random source every part of the demo draws from."""

from __future__ import annotations

import bisect
import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


class Dice(random.Random):
    """A seeded random source with quick picks: the generator draws tens of millions of them."""

    def pick(self, items: Sequence[T]) -> T:
        """Return an item, like choice() but several times faster."""
        return items[int(self.random() * len(items))]

    def weighted(self, items: Sequence[T], cum_weights: Sequence[float]) -> T:
        """Return an item drawn by cumulative weights, like choices(...)[0] but faster."""
        return items[bisect.bisect(cum_weights, self.random() * cum_weights[-1])]
