"""What a check gives back, whichever way it ran (`check.run`: serially, `check.pool`: fast)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from awards.core.problems import Problem
from awards.read.load import Submissions

Progress = Callable[[int, int], None]  # (files done, files in all)


@dataclass
class Result:
    submissions: Submissions
    problems: list[Problem]

    @property
    def files_checked(self) -> int:
        return len(self.submissions.documents) + len(self.submissions.photos)
