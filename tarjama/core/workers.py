"""Worker processes shared by every phase of a command, and a progress bar for long work.

The pool starts on first use, so a build with little to do never pays for it.
Workers are forked from a server process that has already imported tarjama
(``forkserver`` with preloading): starting a pool costs about 10 ms after the
first. Plain ``fork`` is not safe here: a process that has run Typst must not be
forked (Typst's threads are not copied, and the child would wait for them forever).
"""

from __future__ import annotations

import multiprocessing
import os
import select
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from types import TracebackType
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# what a build's workers import before they are forked (module names: no import here)
BUILD_PRELOAD = ("tarjama.publish.plan", "tarjama.publish.jobs")


def exit_with(pid: int) -> None:
    """Pool initializer: end this worker as soon as the build process *pid* is gone (killed
    or crashed), so no worker (nor its pandoc, whose stdin then closes) outlives it."""

    def wait() -> None:
        try:
            handle = os.pidfd_open(pid)
            select.select([handle], [], [])
        except OSError:  # no pidfd (old kernel): poll
            while True:
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=wait, daemon=True, name="tarjama-exit-with-build").start()


class Workers:
    """Run functions over items in up to *count* processes (in this one for small batches)."""

    def __init__(
        self, count: int, *, below: int = 8, preload: Sequence[str] = BUILD_PRELOAD
    ) -> None:
        self.count, self.below, self.preload = count, below, list(preload)
        self._pool: Executor | None = None

    def map(
        self,
        fn: Callable[[T], R],
        items: Sequence[T],
        *,
        below: int | None = None,
        chunksize: int | None = None,
    ) -> Iterator[R]:
        """Results of ``fn(item)`` in order; in-process when there are fewer than *below*
        items to share. Every item is submitted at once, results are collected lazily, so
        two calls in a row keep the workers busy with both."""
        if self.count <= 1 or len(items) < (self.below if below is None else below):
            return map(fn, items)
        if self._pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(self.preload)
            self._pool = ProcessPoolExecutor(
                max_workers=self.count,
                mp_context=context,
                initializer=exit_with,
                initargs=(os.getpid(),),
            )
        size = chunksize or max(1, len(items) // (self.count * 8))
        return self._pool.map(fn, items, chunksize=size)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=error is not None)
            self._pool = None


class Progress:
    """A one-line progress bar on a terminal; a line every tenth of the work otherwise."""

    def __init__(self, total: int, *, enabled: bool, verb: str = "built") -> None:
        self.total, self.done, self.enabled = total, 0, enabled and total > 0
        self.verb = verb
        self.tty = sys.stderr.isatty()

    def step(self, label: str) -> None:
        self.done += 1
        if not self.enabled:
            return
        if self.tty:
            filled = int(30 * self.done / self.total)
            sys.stderr.write(
                f"\r{self.verb} [{'#' * filled}{'.' * (30 - filled)}] "
                f"{self.done}/{self.total} {label[:40]:<40}"
            )
            if self.done == self.total:
                sys.stderr.write("\n")
        elif self.done == self.total or self.done % max(1, self.total // 10) == 0:
            sys.stderr.write(f"{self.verb} {self.done}/{self.total} ({label})\n")
        sys.stderr.flush()

    def track(self, items: Iterable[T], label: Callable[[T], str]) -> Iterator[T]:
        """*items*, stepping the bar after each."""
        for item in items:
            self.step(label(item))
            yield item
