"""What a field check sees, and the registry that maps `meta.check` names in the schemas to code."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from awards.core.sink import Sink
from awards.read.load import Document
from awards.read.yamlsrc import Path
from awards.rules.loader import Rules, Unit
from awards.rules.workdays import WorkCalendar


@dataclass
class Deps:
    """What a record's findings depend on besides its own bytes and the rules (for the check cache).

    `today` is set when a check read the campaign clock; `files` are the other files a check looked
    at, as (the path looked up, what it resolved to, a digest of its bytes or its kind, "1" when
    its bytes mattered).
    """

    today: dt.date | None = None
    files: list[tuple[str, str, str, str]] = field(default_factory=list)
    # For the cache, not for the findings: resolved path -> [*stat, sha256] of each file whose bytes
    # were hashed with a stat that may be trusted next time (see `stat_then_hash`).
    stats: dict[str, list[Any]] = field(default_factory=dict)
    # (path) -> (sha256, stat or None): given by the runner that keeps a cache (`perfile.hash_and_stat`);
    # injected rather than imported, so the checks do not depend on the machinery that runs them.
    hasher: Callable[[str], tuple[str, list[int] | None]] | None = None

    def stat_then_hash(self, path: FsPath) -> str:
        """sha256 of a file's bytes; its stat is remembered too when it may be trusted next time."""
        if self.hasher is None:
            return sha256_of(path)
        value, stat = self.hasher(str(path))
        if stat is not None:
            self.stats[str(path)] = [*stat, value]
        return value


def sha256_of(path: FsPath) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def file_state(
    path: FsPath,
    content: bool,
    digest: Callable[[FsPath], str] = sha256_of,
    resolved: FsPath | None = None,
) -> tuple[str, str]:
    """(resolved path, digest of the bytes | "dir" | "file" | "none"): what a check saw at `path`.

    Bytes are read only when `content` is true: a path outside the unit's folder is refused for where
    it points, and must never make the checker read (or hash) some file elsewhere on the machine.
    `resolved`: `path.resolve()` when the check has it already (each costs a system call per folder).
    """
    real = str(resolved if resolved is not None else path.resolve())
    return real, state_at(real, content, digest)


def state_at(resolved: str, content: bool, digest: Callable[[FsPath], str] = sha256_of) -> str:
    if os.path.isfile(resolved):  # noqa: PTH113 - strings: the warm cache calls this per photo
        return digest(FsPath(resolved)) if content else "file"
    return "dir" if os.path.isdir(resolved) else "none"  # noqa: PTH112


@dataclass
class Ctx:
    doc: Document
    rules: Rules
    clock: dt.date
    sink: Sink
    calendar: WorkCalendar
    deps: Deps = field(default_factory=Deps)

    @property
    def today(self) -> dt.date:
        # A finding that reads the clock holds only for this day: the cache must know.
        self.deps.today = self.clock
        return self.clock

    def depend(self, path: FsPath, content: bool = True, resolved: FsPath | None = None) -> None:
        """Record that a check looked at another file (the photo), so a cached result notices it change.
        `resolved`: `path.resolve()`, when the check has it already."""
        resolved_path, state = file_state(path, content, self.deps.stat_then_hash, resolved)
        self.deps.files.append((str(path), resolved_path, state, "1" if content else ""))

    @property
    def data(self) -> dict[str, Any]:
        assert self.doc.data is not None
        return self.doc.data

    @property
    def unit(self) -> Unit | None:
        return self.rules.units.get(self.doc.unit or "")

    @property
    def reference(self) -> dt.date:
        ref = self.rules.date("reference_date")
        assert ref is not None  # required by the campaign meta-schema
        return ref

    def emit(self, code: str, path: Path, **params: Any) -> None:
        self.sink.emit(code, self.doc.path, self.doc.mark(*path), **params)

    def sibling(self, path: Path, name: str) -> Any:
        """A field next to `path` in the same mapping (e.g. 性别 beside 身份证号)."""
        node: Any = self.data
        for part in path[:-1]:
            node = node.get(part) if isinstance(node, dict) else None
        return node.get(name) if isinstance(node, dict) else None


@dataclass(frozen=True, slots=True)
class FieldFinding:
    """What a field check found, before it has a file and a line: its code, the case and the values for
    the catalogue's sentence, and where below the checked field it is (`("结束",)`; `()` for the field)."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)
    case: str | None = None
    at: Path = ()


# (ctx, path of the field, its value, its meta) -> the findings. Older checks emit through ctx.emit and
# return None; a check that returns its findings can be tested on a value alone.
FieldCheck = Callable[[Ctx, Path, Any, dict[str, Any]], "Iterable[FieldFinding] | None"]
FIELD_CHECKS: dict[str, FieldCheck] = {}


def field_check(name: str) -> Callable[[FieldCheck], FieldCheck]:
    def register(fn: FieldCheck) -> FieldCheck:
        FIELD_CHECKS[name] = fn
        return fn

    return register


def key_of(path: Path) -> str:
    return str(path[-1]) if path else "整个文件"
