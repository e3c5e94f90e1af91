"""Python's cycle collector, paused while `mkdocs serve` rebuilds.

A rebuild after an edit makes and drops hundreds of thousands of objects,
and the collector stops it several times to look through the whole heap
(the library, the memos and MkDocs' view of thousands of pages): about a
fifth of a second of each rebuild at 500 documents, before the editor sees
the page. Paused during the rebuild, the collector runs in full a second
after it ends, while the editor reads. A one-off `mkdocs build` never
pauses it.
"""

from __future__ import annotations

import gc
import threading

DELAY_SECONDS = 1.0

_lock = threading.Lock()
_timer: threading.Timer | None = None


def pause() -> None:
    """Stop collecting until `collect_later` (a new rebuild starts)."""
    global _timer
    with _lock:
        if _timer is not None:
            _timer.cancel()
            _timer = None
        gc.disable()


def collect_later(delay: float = DELAY_SECONDS) -> None:
    """Collect everything `delay` seconds from now, then collect as usual."""
    global _timer
    with _lock:
        if _timer is not None:
            _timer.cancel()
        _timer = threading.Timer(delay, _collect)
        _timer.daemon = True
        _timer.start()


def _collect() -> None:
    with _lock:
        gc.enable()
    gc.collect()
