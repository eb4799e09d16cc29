"""The check cache: each file's own findings, reused while nothing they depend on has changed.

An entry is keyed by the sha256 of the file's bytes together with everything else its findings follow
from: the checker's code and libraries, every rules file (`Rules.fingerprint`), the file's place (unit
and kind come from it) and, as recorded while it was checked (`Deps`), the campaign clock if a check
read it and the photo it points to. Change any of them and the file is checked again; when code or
rules change, the whole cache is dropped.

To find a file's hash without reading it, a stat (device, inode, size, mtime, ctime) remembered with
the hash is trusted, as git trusts its index; it is remembered only for files that had not changed for
two seconds when they were read, so an edit in the same timestamp tick can never hide.

The cache is JSON, never pickle: a planted `.awards-cache/` could otherwise run code. It is for people
and hooks; CI starts from a clean checkout anyway and does not use it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import stat as st_mode
from pathlib import Path
from typing import Any

from awards.check.context import Deps, state_at
from awards.check.perfile import FileResult, hash_and_stat, settled_key, slim, stat_key
from awards.core.atomic import seal, unseal, write_atomic
from awards.core.fingerprint import code_fingerprint
from awards.core.problems import Mark, Problem, Severity
from awards.read.load import SUBMISSIONS, Document, Plan, Task
from awards.read.yamlsrc import Positions
from awards.rules.loader import Rules

FORMAT = 4  # 4: every line sealed with its checksum (`core.atomic`)
FILE = "check.jsonl"  # a header line, then one line per file: path, tab, entry


class CheckCache:
    def __init__(self, folder: Path, rules: Rules, today: dt.date, fields: tuple[str, ...]) -> None:
        self.path = folder / FILE
        self.fields = fields  # what an entry keeps of its document (`families.record_fields`)
        self.today = today.isoformat()
        self.header = {"format": FORMAT, "code": code_fingerprint(), "rules": rules.fingerprint}
        self.stats: dict[str, list[Any]] = {}
        self.used: list[str] = []
        self.fresh: dict[str, list[Any]] = {}  # entries made or updated by this run
        self.texts: dict[str, str] = {}  # some of them as JSON already (`entry_text`, by a worker)
        self.used_stats: dict[str, list[Any]] = {}
        self.changed = False
        self.folders: dict[str, str] = {}
        self.raw: dict[str, str] = {}  # entries as read, written back as they were unless replaced
        self.entries: dict[str, Any] | None = None  # the same, parsed (all in one go, on first use)
        self.marks: dict[tuple[int, int], Mark] = {}  # Mark is frozen: one object per place
        # What this run's walk of submissions/ saw (absolute paths): folders it entered and photos,
        # which are real folders and regular files, never links (see `load._walk`).
        self.walked_dirs: set[str] = set()
        self.walked_files: set[str] = set()
        saved, lines = read_lines(self.path)
        # Another version of the code or of any rules file: nothing saved can be trusted.
        if isinstance(saved, dict) and all(saved.get(k) == v for k, v in self.header.items()):
            stats = saved.get("stats")
            self.stats = stats if isinstance(stats, dict) else {}
            self.raw = lines
        else:
            self.changed = True

    # os.stat / os.path on strings rather than Path objects (noqa PTH): a warm check of 10,000 records
    # makes some 50,000 of these calls, and pathlib's object overhead was a third of its time.
    def digest(self, path: Path) -> str:
        """sha256 of a file's bytes, from the remembered stat when it still matches."""
        name = str(path)
        now = list(stat_key(os.stat(name)))  # noqa: PTH116
        known = self.stats.get(name)
        if known is not None and known[:5] == now:
            self.used_stats[name] = known
            return str(known[5])
        value, stat = hash_and_stat(name)
        if stat is not None:
            self.used_stats[name] = [*stat, value]
            self.changed = True
        return value

    def _realpath(self, path: str) -> str:
        """os.path.realpath, each folder resolved once per run: records share their folders' ancestors."""
        folder, name = os.path.split(path)
        walked = path in self.walked_dirs or path in self.walked_files  # not a link: no need to ask
        if name in ("", ".", "..") or (not walked and os.path.islink(path)):  # noqa: PTH114
            return os.path.realpath(path)
        real = self.folders.get(folder)
        if real is None:
            real = self.folders[folder] = self._realpath(folder)
        return f"{real.rstrip('/')}/{name}"

    def walked(self, root: Path, found: Plan) -> None:
        """Remember what the walk just saw: the folders it entered and the photos, none of them a link.

        A record's dependencies are its unit folder and its photo (see `check.photo`); with this, the
        photo costs one lstat instead of six calls (lstat of three path components, stat thrice).
        """
        base = f"{root}/{SUBMISSIONS}"
        self.walked_dirs = {f"{base}/{t.unit}" for t in found.tasks if t.unit is not None}
        self.walked_files = {f"{root}/{p}" for p in found.photos}
        self.walked_dirs.update(p.rsplit("/", 1)[0] for p in self.walked_files)

    def get(self, root: Path, task: Task) -> FileResult | None:
        """The saved result for `task`, or None when anything it depends on changed (or it is garbled)."""
        if task.path not in self.raw:
            return None
        if self.entries is None:
            self.entries = _parse_all(self.raw)
        try:
            entry = self.entries.get(task.path)
            if entry is None:
                entry = entry_from(self.raw[task.path])
            return self._get(root, task, entry)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError, OSError):
            # A damaged or hand-edited entry, or a file that cannot be read now: check it again
            # (the fresh check reports an unreadable file as a finding).
            return None

    def _get(self, root: Path, task: Task, entry: list[Any]) -> FileResult | None:
        digest, stat, today, files, kind, unit = entry[:6]
        if kind != task.kind or unit != task.unit or (today and today != self.today):
            return None
        abspath = f"{root}/{task.path}"
        now = list(stat_key(os.stat(abspath)))  # noqa: PTH116
        if stat != now:
            with open(abspath, "rb") as f:  # noqa: PTH123
                current = hashlib.sha256(f.read()).hexdigest()
            if current != digest:
                return None
            # Same bytes, new stat (touched, checked out again): remember it once it may be trusted.
            trusted = settled_key(now) and list(stat_key(os.stat(abspath))) == now  # noqa: PTH116
            entry = [digest, now if trusted else 0, *entry[2:]]
            self.fresh[task.path] = entry
        for raw, resolved, state, content in files:
            if resolved != self._realpath(raw):
                return None
            if raw in self.walked_dirs:
                if state != "dir":
                    return None
            elif raw in self.walked_files and content:
                if not self._photo_state(resolved, state):
                    return None
            elif state != state_at(resolved, bool(content), self.digest):
                return None
        self.used.append(task.path)
        return result_of(task, entry, self.marks)

    def _photo_state(self, resolved: str, state: str) -> bool:
        """`state == state_at(resolved, True, self.digest)` for a photo the walk saw as a regular file.

        One lstat instead of three stat calls; a photo replaced by anything else since the walk (a link,
        a folder) no longer matches its remembered stat and takes the long way.
        """
        try:
            now = os.lstat(resolved)
        except OSError:  # gone since the walk
            return state == state_at(resolved, True, self.digest)
        known = self.stats.get(resolved)
        if not st_mode.S_ISREG(now.st_mode) or known is None or known[:5] != list(stat_key(now)):
            return state == state_at(resolved, True, self.digest)
        self.used_stats[resolved] = known
        return bool(state == known[5])

    def put(self, task: Task, result: FileResult, text: str | None = None) -> None:
        """Keep `result`; `text`: its entry as `entry_text` wrote it, when a worker did already."""
        self.used.append(task.path)
        self.fresh[task.path] = result.entry if result.entry is not None else entry_of(result, self.fields)
        if text is not None:
            self.texts[task.path] = text
        else:
            self.texts.pop(task.path, None)
        # The photo's stat and hash, taken together where it was checked (`Deps.stat_then_hash`), so
        # that the next run knows it without reading it, and this one need not read it a second time.
        if result.deps.stats:
            self.used_stats.update(result.deps.stats)
            self.changed = True

    def save(self) -> None:
        """Keep what this run used or made, nothing else (the file never grows with deleted records)."""
        if not self.changed and not self.fresh and len(self.used) == len(self.raw):
            return
        entries = {}
        for path in self.used:
            entry = self.fresh.get(path)
            if entry is None:
                entries[path] = self.raw[path]
            else:
                text = self.texts.get(path)
                entries[path] = text if text is not None else _dumps(entry)
        # Atomic: a concurrent run reads the old cache or the new one. A folder that cannot be written
        # (a read-only checkout) only means the next run checks everything again.
        with contextlib.suppress(OSError):
            write_lines(self.path, {**self.header, "stats": self.used_stats}, entries)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def entry_text(entry: list[Any]) -> str:
    """An entry as the cache file holds it: made by the worker that checked the file, in parallel,
    rather than by the parent when it saves (a tenth of the parent's time on a cold check)."""
    return _dumps(entry)


def entry_from(text: str) -> list[Any]:
    """An entry back from `entry_text`, as a warm run reads it from the cache file."""
    entry: list[Any] = json.loads(text)
    return entry


def write_lines(path: Path, header: dict[str, Any], entries: dict[str, str]) -> None:
    """The cache file: a header line, then one line per file (path, tab, entry), each line sealed."""
    lines = [seal(_dumps(header).encode())]
    lines += [seal(f"{name}\t{text}".encode()) for name, text in entries.items()]
    write_atomic(path, b"\n".join(lines) + b"\n")


def read_lines(path: Path) -> tuple[Any, dict[str, str]]:
    """(header, entries by path) as `write_lines` wrote them; a damaged line is left out (a miss),
    a damaged header or an unreadable file gives (None, {})."""
    try:
        lines = path.read_bytes().split(b"\n")
        header = unseal(lines[0])
        saved = json.loads(header) if header is not None else None
    except (OSError, ValueError, RecursionError):  # RecursionError: JSON nested too deep
        return None, {}
    if saved is None:
        return None, {}
    entries: dict[str, str] = {}
    for sealed in lines[1:]:
        line = unseal(sealed)
        if line is None:
            continue
        try:
            name, tab, entry = line.decode("utf-8").partition("\t")
        except UnicodeDecodeError:
            continue
        if tab:
            entries[name] = entry
    return saved, entries


def entry_of(result: FileResult, fields: tuple[str, ...]) -> list[Any]:
    """[digest, stat | 0, clock read | 0, other files, kind, unit, slug, data, marks, problems]: compact,
    since a warm check of 10,000 records reads all of them."""
    doc = slim(result.doc, False, fields)
    keys = doc.positions.keys
    marks = [
        [list(p), m.line, m.col, *((keys[p].line, keys[p].col) if p in keys else (0, 0))]
        for p, m in doc.positions.values.items()
    ]
    return [
        result.digest,
        list(result.stat) if result.stat is not None else 0,
        result.deps.today.isoformat() if result.deps.today else 0,
        [list(f) for f in result.deps.files],
        doc.kind,
        doc.unit,
        doc.slug,
        doc.data,
        marks,
        [[p.line, p.col, p.severity.value, p.code, p.message] for p in result.problems],
    ]


def _parse_all(raw: dict[str, str]) -> dict[str, Any]:
    """Every saved entry, parsed by one json.loads (13,000 calls took a tenth of a warm check).

    If any entry is damaged the whole does not parse (or yields a different number of values), and
    nothing is returned: each entry is then parsed on its own, and only the damaged ones are misses.
    """
    try:
        values = json.loads(f"[{','.join(raw.values())}]")
    except (ValueError, RecursionError):
        return {}
    return dict(zip(raw, values, strict=True)) if len(values) == len(raw) else {}


def _mark(marks: dict[tuple[int, int], Mark], line: int, col: int) -> Mark:
    mark = marks.get((line, col))
    if mark is None:
        mark = marks[(line, col)] = Mark(line, col)
    return mark


def result_of(task: Task, entry: list[Any], marks_seen: dict[tuple[int, int], Mark]) -> FileResult:
    digest, stat, today, files, kind, unit, slug, data, marks, problems = entry
    values, keys = {}, {}
    for path, line, col, key_line, key_col in marks:
        values[tuple(path)] = _mark(marks_seen, line, col)
        if key_line:
            keys[tuple(path)] = _mark(marks_seen, key_line, key_col)
    found = [
        Problem(task.path, line, col, Severity(sev), code, msg) for line, col, sev, code, msg in problems
    ]
    deps = Deps(dt.date.fromisoformat(today) if today else None, [(a, b, c, d) for a, b, c, d in files])
    doc = Document(task.path, kind, unit, slug, data, Positions(values, keys), [], digest)
    return FileResult(doc, found, deps, digest, tuple(stat) if stat else None, entry)
