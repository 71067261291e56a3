"""Keeping Python's full garbage collections short during long, allocation-heavy work.

A full collection (generation 2) visits every object the process holds. In the reviewer's
process, with SQLAlchemy and its ORM loaded, that took about 57 ms, twice during an import
of 1,000 bundles, and it holds the GIL throughout: the thread that feeds the import's
worker processes waited, and both workers stood idle. `frozen_heap` moves the objects that
exist when the work starts to the permanent generation (`gc.freeze`): collections during
the work visit only what the work made (7 ms instead of 57), and the frozen objects are
collectable as before once it ends (`gc.unfreeze`; the next full collection visits them).

Blocks may nest and run on several threads at once: the heap stays frozen until the last
one ends. Standard library only.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["frozen_heap"]

_lock = threading.Lock()
_active = 0


@contextmanager
def frozen_heap() -> Iterator[None]:
    """The objects alive now are left out of garbage collections until the block ends."""
    global _active
    with _lock:
        _active += 1
        if _active == 1:
            gc.freeze()
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0:
                gc.unfreeze()
