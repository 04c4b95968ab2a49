"""Pausing Python's cyclic garbage collector while a file's rows are read and their events built.

Reading a file of 100,000 rows makes hundreds of thousands of objects that all live on (cells,
readings, events) and almost none that form reference cycles. The collector, triggered by the
count of new objects, keeps walking them all for nothing: a fifth of intake's time on the
benchmark (benchmarks/ingest.py). Reference counting still frees everything as usual; only the
search for cycles waits until the work is done, and then runs as it would have.

Uploads run in threads of one server process and the collector is the process's: it is paused
while any upload is in this work and resumed when the last one leaves, and never switched on
by us if something else had switched it off.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0
_was_enabled = False


@contextmanager
def collection_paused() -> Iterator[None]:
    """Run the block with the cyclic collector paused (see the module's docstring)."""
    global _holders, _was_enabled
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _was_enabled:
                gc.enable()
