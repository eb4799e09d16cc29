"""Exit codes and the one refusal every stage may raise; `awards.cli.main` renders it once.

pre-commit's error-handler pattern: a stage that cannot go on raises a `Refusal` (a sentence for the
user, optional detail lines and findings, and its exit code) and never prints or exits itself; the CLI
renders every refusal the same way. Stages import this module, never the CLI.
"""

from __future__ import annotations

from collections.abc import Sequence

from awards.core.problems import Problem
from awards.core.reporter import text

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class Refusal(Exception):
    """The command cannot do what was asked: a sentence in Chinese, details, findings, an exit code."""

    exit_code = EXIT_USAGE
    # Whether the sentence is introduced by the program's name (`awards build: ...`); a list of findings
    # with file and line explains itself, so its closing sentence stands alone.
    prefixed = True

    def __init__(self, message: str, details: Sequence[str] = (), problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.details = list(details)
        self.problems = list(problems)

    def render(self, program: str) -> str:
        head = f"{program}: {self.message}" if self.prefixed else self.message
        return text(self.problems) + head + "\n" + "".join(f"  {d}\n" for d in self.details)


class UsageError(Refusal):
    """A mistake in how the command was called, or a setting it cannot work with: exit 2 with a sentence."""


class RulesError(Refusal):
    """The rules themselves are broken: a configuration error (exit 2), each mistake at its line."""

    prefixed = False

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"rules/ 中的规则文件有 {len(problems)} 处错误，请先修正。", problems=problems)


class ProblemsRefusal(Refusal):
    """The input has problems that stop this stage (a build with errors that would be published): exit 1."""

    exit_code = EXIT_PROBLEMS
