"""Reading and checking the next batches in a thread while the database writes the current one.

The checks are pure Python and hold the GIL, but the database driver releases it while SQLite or
PostgreSQL works (inserting, updating indexes, committing), so on two cores the next batch is read
and checked during that time instead of after it. Only work that needs no database connection runs
in the thread; the batches come out in file order.
"""

import queue
import threading
from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")

_END = object()
_POLL = 0.1  # seconds; how soon the thread notices that the reader stopped


class ReadAhead(Generic[T]):
    """Iterate `source` in a thread, at most `depth` items ahead. An exception raised by the source
    is raised again by the iteration, in order; `close()` stops the thread."""

    def __init__(self, source: Iterator[T], depth: int = 2) -> None:
        self._source = source
        self._queue: queue.Queue = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="impor-baca", daemon=True)
        self._thread.start()

    def _put(self, item: object) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=_POLL)
                return True
            except queue.Full:
                continue
        return False

    def _run(self) -> None:
        try:
            for item in self._source:
                if not self._put(item):
                    return
        except BaseException as exc:  # handed to the reader, raised there
            self._put(_Failed(exc))
            return
        self._put(_END)

    def __iter__(self) -> Iterator[T]:
        while True:
            item = self._queue.get()
            if item is _END:
                return
            if isinstance(item, _Failed):
                raise item.exc
            yield item

    def close(self) -> None:
        self._stop.set()
        self._thread.join()


class _Failed:
    __slots__ = ("exc",)

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc
