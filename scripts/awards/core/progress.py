"""A progress line on stderr for long runs: records checked, pages built, PDFs rendered.

Shown only when stderr is a terminal and only once the run has taken a few seconds, so a quick
check, a pipe, a log file, CI and the tests see exactly what they saw before: nothing.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

DELAY = 2.0  # seconds of silence before the first line: short runs never show one
INTERVAL = 0.2  # at most this often: redrawing costs more than the work between two draws


class Progress:
    def __init__(self, stream: TextIO | None = None, delay: float = DELAY) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _is_tty(self.stream)
        self.delay = delay
        self.started = time.monotonic()
        self.last = 0.0
        self.shown = False
        self.stage_label = ""

    def stage(self, label: str) -> None:
        """A step without a count (MkDocs, the PDF): shown as it begins, if the run is already long."""
        self.stage_label = label
        self._draw(f"{label}……", force=True)

    def count(self, label: str, done: int, total: int) -> None:
        self._draw(f"{label}：{done}/{total}", force=done >= total)

    def records(self, done: int, total: int) -> None:
        """The checker's callback (`awards.check.run.Progress`)."""
        self.count("已检查文件", done, total)

    def _draw(self, line: str, force: bool) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.started < self.delay or (not force and now - self.last < INTERVAL):
            return
        self.last = now
        self.shown = True
        # \r and "erase to end of line": the line is rewritten in place and never scrolls the terminal.
        self.stream.write(f"\r{line}\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        """Erase the line, so the command's own output starts on a clean line."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream: stay quiet
        return False
