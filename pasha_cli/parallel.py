"""Two cores at work: threads for work that lets go of the GIL (Pillow's resampling and its
encoding to a file, pyjpegli), the number of cores this process may use, and worker processes
that end with the command that started them."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

HANDOVER_S = 0.0005  # Python's default switch interval is 5 ms
WATCH_S = 0.2  # where the system cannot signal a worker, how often it looks for its parent
GRACE_S = 2.0  # then how long its current work has to clean up before the worker ends anyway
PR_SET_PDEATHSIG = 1  # linux/prctl.h

_parent: list[int] = []  # in a worker process: the pid of the command that started it


class Worker(threading.Thread):
    """A thread whose exception is handed back to whoever joins it."""

    error: BaseException | None = None

    def run(self) -> None:
        try:
            super().run()
        except BaseException as exc:  # re-raised by join_or_raise
            self.error = exc

    def join_or_raise(self) -> None:
        self.join()
        if self.error is not None:
            raise self.error


def start(target: Any, *args: Any) -> Worker:
    worker = Worker(target=target, args=args, daemon=True)
    worker.start()
    return worker


def cores() -> int:
    """The cores this process may run on (its affinity where the system tells it)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


@contextlib.contextmanager
def hand_over_quickly() -> Iterator[None]:
    """While the block runs, let a thread waiting for the GIL have it after 0.5 ms instead of 5. The
    decoder, Lanczos and the encoders let go of it for long stretches, and a thread just
    started (the second search, the 4:4:4 probe) otherwise waits for the interval to begin
    (benchmarks/fit_photos.py measures the gain). The interval is process-wide: the previous one is put back
    however the block ends (pasha used as a library, or a command that goes on after the fit)."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(HANDOVER_S)
    try:
        yield
    finally:
        sys.setswitchinterval(previous)


class ParentGone(SystemExit):
    """Raised in a worker whose parent has gone (killed, or ended): it stops at once, and what it was
    writing is removed, never renamed into place (atomic.py). A SystemExit, so that no `except
    Exception` keeps it working and a worker waiting for work ends quietly."""


def parent_gone() -> bool:
    """Whether this is a worker process whose parent no longer runs (False in the command itself)."""
    return bool(_parent) and os.getppid() != _parent[0]


def worker_started(parent: int) -> None:
    """A process pool's initializer: the worker ends when `parent` does. On Linux the kernel sends
    it SIGTERM then (PR_SET_PDEATHSIG); elsewhere a thread watches for the parent. SIGTERM raises
    ParentGone, so the work under way cleans up; run_task then ends the process."""
    import signal  # only a worker handles signals: a command that starts none pays nothing for it

    _parent[:] = [parent]
    signal.signal(signal.SIGTERM, _parent_gone)
    if not _signal_on_parent_death(signal.SIGTERM):
        start(watch_parent, parent)
    if os.getppid() != parent:  # it died before the worker could ask: nothing started yet
        os._exit(1)


def run_task(task: Callable[..., Any], *args: Any) -> Any:
    """Run `task` in a pool worker. A pool catches every exception of a task, SystemExit included,
    and takes the next one: a worker told that its parent has gone ends here instead."""
    try:
        return task(*args)
    except ParentGone:
        os._exit(1)


def watch_parent(parent: int, interval: float = WATCH_S, grace: float = GRACE_S) -> None:
    """The portable way (a thread): once the parent has gone, SIGTERM's handler runs in the main
    thread; a worker still there after `grace` (waiting for work that will not come) ends."""
    import _thread
    import signal

    while os.getppid() == parent:
        time.sleep(interval)
    _thread.interrupt_main(signal.SIGTERM)
    time.sleep(grace)
    os._exit(1)


def _parent_gone(signum: int, frame: Any) -> None:
    raise ParentGone(1)


def _signal_on_parent_death(signum: int) -> bool:
    """Ask Linux to send `signum` when the parent dies; False where it cannot be asked."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, signum, 0, 0, 0)) == 0
    except (OSError, AttributeError, TypeError):  # no prctl (macOS), no libc by that name (Windows)
        return False
