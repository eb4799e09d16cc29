"""Exit codes and the one refusal every command may raise; `awards.cli.main` renders them once.

Stages import this module, never the CLI: the CLI imports the stages, so the arrow runs one way only.
"""

from __future__ import annotations

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class UsageError(Exception):
    """A mistake in how the command was called, or a setting it cannot work with: exit 2 with a sentence."""
