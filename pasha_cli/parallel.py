"""Two cores at work: threads for work that lets go of the GIL (Pillow's resampling and its
encoding to a file, pyjpegli), and the number of cores this process may use."""

from __future__ import annotations

import os
import sys
import threading
from typing import Any

HANDOVER_S = 0.0005  # Python's default switch interval is 5 ms


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


def hand_over_quickly() -> None:
    """Let a thread waiting for the GIL have it after 0.5 ms instead of 5. The decoder, Lanczos and
    the encoders let go of it for milliseconds at a time, and a thread just started (the second
    search, the 4:4:4 probe) otherwise waits for the interval to begin: measured, a fit's encoding
    takes 5-10 % less."""
    sys.setswitchinterval(HANDOVER_S)
