"""A progress bar on stderr: redrawn in place on a terminal, one line per step elsewhere (logs, CI)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    """Progress through weighted steps: `step(name, total)` then `advance(n)`, finally `done()`.

    `weights` maps a step name to its share of the whole bar, so that a slow step
    (submissions) moves the bar as much as it takes time.
    """

    WIDTH = 30

    def __init__(self, label: str, weights: dict[str, float], *, stream: TextIO | None = None, enabled: bool = True):
        self.label = label
        self.weights = weights
        self.total_weight = sum(weights.values()) or 1.0
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled
        self.tty = enabled and hasattr(self.stream, "isatty") and self.stream.isatty()
        self.started = time.monotonic()
        self.done_weight = 0.0
        self.name = ""
        self.count = 0
        self.total = 0
        self._last_draw = 0.0

    def step(self, name: str, total: int) -> None:
        self._finish_step()
        self.name, self.count, self.total = name, 0, max(total, 0)
        self._draw(force=True)

    def advance(self, count: int = 1) -> None:
        self.count = min(self.total, self.count + count)
        self._draw()

    def done(self) -> float:
        """Finish the bar; returns the seconds it took."""
        self._finish_step()
        elapsed = time.monotonic() - self.started
        if self.enabled:
            if self.tty:
                self.stream.write("\r" + self._line(1.0, "done") + "\n")
            else:
                self.stream.write(f"{self.label}: done in {elapsed:.1f}s\n")
            self.stream.flush()
        return elapsed

    def _finish_step(self) -> None:
        if not self.name:
            return
        self.count = self.total
        if self.enabled and not self.tty:
            elapsed = time.monotonic() - self.started
            self.stream.write(f"{self.label}: {self.name} {self.total:,} ({elapsed:.1f}s)\n")
            self.stream.flush()
        self.done_weight += self.weights.get(self.name, 0.0)
        self.name = ""

    def _fraction(self) -> float:
        share = self.weights.get(self.name, 0.0)
        within = self.count / self.total if self.total else 1.0
        return min(1.0, (self.done_weight + share * within) / self.total_weight)

    def _line(self, fraction: float, what: str) -> str:
        filled = int(self.WIDTH * fraction)
        elapsed = time.monotonic() - self.started
        return f"{self.label} [{'#' * filled}{'.' * (self.WIDTH - filled)}] {fraction:4.0%} {what} {elapsed:5.1f}s"

    def _draw(self, *, force: bool = False) -> None:
        if not self.tty:
            return
        now = time.monotonic()
        if not force and now - self._last_draw < 0.1:
            return
        self._last_draw = now
        what = f"{self.name} {self.count:,}/{self.total:,}"
        self.stream.write("\r" + self._line(self._fraction(), what).ljust(90))
        self.stream.flush()
