"""What a check gives back, whichever way it ran (`check.run`: serially, `check.pool`: fast)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from awards.core.problems import Problem
from awards.read.load import Submissions

Progress = Callable[[int, int], None]  # (files done, files in all)


@dataclass
class Result:
    submissions: Submissions
    problems: list[Problem]
    # The findings of the per-file stage alone (each file's own; `check.quick` keeps them by file).
    per_file: list[Problem] = field(default_factory=list)

    @property
    def files_checked(self) -> int:
        return len(self.submissions.documents) + len(self.submissions.photos)
