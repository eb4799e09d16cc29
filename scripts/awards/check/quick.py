"""The quick path of `awards validate`: git says what changed, so the cost follows the change.

After a cached check (`check.pool`), two small files are kept beside the check cache: the *index*,
each record's kind, unit and a hash of its *facts* (the fields the rules across records read, with
their marks: `families.record_fields`), and the *state*: the commit, every finding by file, the findings
across records, and a stamp (sha256, facts) of every path git has reported changed since then.

The next run first compares the stats of every folder under submissions/ with those recorded (a file
added, removed or renamed changes its folder's mtime, as git's untracked cache relies on), then asks
git (`git status --untracked-files=no`, in C, using git's own stat cache) which tracked paths under
submissions/ differ from the commit; the untracked and ignored files are the stamped ones. A path that is clean now and has no stamp has the commit's content, as at the
indexed run: nothing to do. Every other path is compared by its bytes with its stamp; a changed record
is checked again on its own, and if its facts are unchanged the findings across records cannot have
changed either, so the saved ones stand. Anything else falls back to the cached check of everything:
a new commit, a file added, deleted, moved or renamed, a photo or the decisions file changed, facts
changed, another day (the clock), other rules or code, not a git checkout, or git failing.

A file changed in the middle of the indexed run could be stamped with bytes that were not the ones
checked; the state is kept only if git reports the same changes before and after that run, and stamps
are taken before it, so such a file looks changed next time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import stat as st_mode
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from awards.check import families, run
from awards.check.perfile import check_file, settled, slim
from awards.check.result import Progress
from awards.core.atomic import seal, unseal, write_atomic
from awards.core.fingerprint import code_fingerprint
from awards.core.problems import Problem, Severity
from awards.read.load import SUBMISSIONS, Document, Task
from awards.rules.loader import Rules
from awards.rules.workdays import WorkCalendar

FORMAT = 1
STATE, INDEX, FOLDERS = "quick-state.json", "quick-index.json", "quick-folders.json"
# More changed paths than this (a campaign never committed, a large merge): stamping them costs more
# than the quick path saves.
MAX_CHANGED = 500
# What the walk of submissions/ skips (`read.load`): such paths cannot change a finding.
_SKIPPED = frozenset({".gitkeep", ".DS_Store", "Thumbs.db", "desktop.ini"})
Stamp = list[Any]  # [sha256 or None when absent, facts hash or None, kind or None, unit or None]


@dataclass(frozen=True)
class Snapshot:
    head: str
    digests: dict[str, str | None]  # every changed path under submissions/ and its sha256 now


def snapshot(root: Path, untracked: bool = True) -> Snapshot | None:
    """The commit and the paths git reports changed, untracked and ignored ones too unless told not
    to (the quick run learns of new files from its folders instead: `folders_unchanged`), or None."""
    shown = ["--untracked-files=all", "--ignored=matching"] if untracked else ["--untracked-files=no"]
    try:
        top = _git(root, "rev-parse", "--show-prefix", "--verify", "HEAD").split(b"\n")
        if len(top) < 2 or top[0] != b"":  # the campaign is not the repository's top folder
            return None
        status = _git(root, "status", "--porcelain=v1", "-z", *shown, "--no-renames", "--", SUBMISSIONS)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    paths = []
    for entry in status.split(b"\0"):
        if not entry:
            continue
        try:
            path = entry[3:].decode("utf-8")
        except UnicodeDecodeError:
            return None
        if path.endswith("/"):  # a folder git did not look into (a nested repository)
            return None
        if not any(part.startswith(".") or part in _SKIPPED for part in path.split("/")):
            paths.append(path)
    if len(paths) > MAX_CHANGED:
        return None
    digests: dict[str, str | None] = {}
    for path in paths:
        digest = _digest(root, path)
        if isinstance(digest, bool):
            return None
        digests[path] = digest
    return Snapshot(top[1].decode(), digests)


Folders = dict[str, list[Any]]  # folder under submissions/ -> [inode, mtime, ctime, settled, names]


def folders(root: Path) -> Folders:
    """Every folder the walk of submissions/ enters (hidden ones are skipped, as it skips them), its
    stat and a hash of what it holds (names and types)."""
    found: Folders = {}
    todo = [SUBMISSIONS]
    for rel in todo:  # grows as it goes: breadth first
        entry = _folder(root, rel)
        if entry is None:
            continue
        found[rel] = entry[0]
        todo += entry[1]
    return found


def _folder(root: Path, rel: str) -> tuple[list[Any], list[str]] | None:
    name = f"{root}/{rel}"
    try:
        st = os.lstat(name)
        with os.scandir(name) as it:
            entries = sorted((e.name, e.is_symlink(), e.is_dir(follow_symlinks=False)) for e in it)
    except OSError:
        return None
    shown = [e for e in entries if not e[0].startswith(".")]
    names = hashlib.sha256(json.dumps(shown, ensure_ascii=False).encode()).hexdigest()[:32]
    subfolders = [f"{rel}/{n}" for n, link, is_dir in shown if is_dir and not link]
    return [st.st_ino, st.st_mtime_ns, st.st_ctime_ns, settled(st), names], subfolders


def folders_unchanged(root: Path, known: Folders) -> bool:
    """No file or folder added, removed or renamed since `known` was taken.

    A folder's stat is trusted as git's untracked cache trusts it: unchanged, and settled when taken
    (a change in the same timestamp tick would not show). Any other folder is listed again and its
    names compared, so an editor that saves by renaming costs one listing, not a full check.
    """
    for rel, (ino, mtime, ctime, was_settled, names) in known.items():
        try:
            st = os.lstat(f"{root}/{rel}")
        except OSError:
            return False
        if was_settled and [st.st_ino, st.st_mtime_ns, st.st_ctime_ns] == [ino, mtime, ctime]:
            continue
        now = _folder(root, rel)
        if now is None or now[0][4] != names:
            return False
    return True


def _git(root: Path, *args: str) -> bytes:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    done = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, env=env, check=False, timeout=60
    )
    if done.returncode != 0:
        raise ValueError(done.stderr.decode("utf-8", "replace"))
    return done.stdout


def _digest(root: Path, path: str) -> str | bool | None:
    """sha256 of a regular file, None when absent, False for anything else (a link, a folder)."""
    name = f"{root}/{path}"
    try:
        mode = os.lstat(name).st_mode
    except FileNotFoundError:
        return None
    except OSError:
        return False
    if not st_mode.S_ISREG(mode):
        return False
    with open(name, "rb") as f:  # noqa: PTH123
        return hashlib.sha256(f.read()).hexdigest()


def facts_of(doc: Document, fields: tuple[str, ...]) -> str:
    """A hash of what the rules across records see of a record: kind, unit, declared fields, marks."""
    thin = slim(doc, False, fields)
    marks = sorted(
        [list(p), m.line, m.col, *((k.line, k.col) if (k := thin.positions.keys.get(p)) else (0, 0))]
        for p, m in thin.positions.values.items()
    )
    text = json.dumps([thin.kind, thin.unit, thin.data, marks], ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def validate_quickly(
    root: Path, rules: Rules, today: dt.date, cache: Path, progress: Progress | None = None
) -> tuple[list[Problem], int]:
    """(findings, files checked) exactly as `run.validate` with the cache gives them."""
    header = {
        "format": FORMAT,
        "code": code_fingerprint(),
        "rules": rules.fingerprint,
        "today": today.isoformat(),
    }
    quick = _quick(root, rules, today, cache, header)
    if quick is not None:
        return quick
    # The folders before git's answer: a file added in between shows in them next time.
    seen = folders(root)
    before = snapshot(root)
    result = run.validate(root, rules, today, cache=cache, progress=progress)
    if before is not None and folders_unchanged(root, seen) and snapshot(root) == before:
        fields = families.record_fields(rules)
        index = {
            d.path: [d.kind, d.unit, facts_of(d, fields)]
            for d in result.submissions.documents
            if d.kind != "decisions"
        }
        checked = {d.path: d.digest for d in result.submissions.documents}
        # A record that changed between the snapshot and its reading: its stamp matches no bytes.
        stamps = {
            p: _stamp(digest if checked.get(p, digest) == digest else "?", index.get(p))
            for p, digest in before.digests.items()
        }
        per_file: dict[str, list[list[Any]]] = {}
        for problem in result.per_file:
            per_file.setdefault(problem.path, []).append(_row(problem))
        rest = set(result.problems) - set(result.per_file)
        state = {
            **header,
            "head": before.head,
            "files": result.files_checked,
            "stamps": stamps,
            "per_file": per_file,
            "rest": [_row(p) for p in sorted(rest)],
        }
        _write(cache / INDEX, {**header, "head": before.head, "records": index})
        _write(cache / FOLDERS, {**header, "head": before.head, "folders": seen})
        _write(cache / STATE, state)
    return result.problems, result.files_checked


def _stamp(digest: str | None, record: list[Any] | None) -> Stamp:
    kind, unit, facts = record if record is not None else (None, None, None)
    return [digest, facts, kind, unit]


def _quick(
    root: Path, rules: Rules, today: dt.date, cache: Path, header: dict[str, Any]
) -> tuple[list[Problem], int] | None:
    state = _read(cache / STATE, header)
    known_folders = _read(cache / FOLDERS, header)
    if state is None or known_folders is None:
        return None
    try:
        if not folders_unchanged(root, known_folders["folders"]):
            return None  # a file added, removed or renamed somewhere
    except (KeyError, TypeError, ValueError):
        return None
    # No file appeared or vanished, so the untracked ones are those stamped: git's tracked files suffice.
    now = snapshot(root, untracked=False)
    if now is None or state.get("head") != now.head or known_folders.get("head") != now.head:
        return None
    try:
        stamps: dict[str, Stamp] = state["stamps"]
        per_file: dict[str, list[list[Any]]] = state["per_file"]
        index: dict[str, list[Any]] | None = None
        fields = families.record_fields(rules)
        calendar = WorkCalendar(rules.holidays)
        for path in sorted(set(now.digests) | set(stamps)):
            digest = now.digests[path] if path in now.digests else _digest(root, path)
            known = stamps.get(path)
            if known is not None and known[0] == digest:
                continue  # as at the last run
            if known is None:  # clean at every run since the index: its facts are in the index
                if index is None:
                    saved = _read(cache / INDEX, header)
                    if saved is None or saved.get("head") != now.head:
                        return None
                    index = saved["records"]
                known = _stamp(None, index.get(path))
            kind, unit, facts = known[2], known[3], known[1]
            if not isinstance(digest, str) or kind is None:
                return None  # deleted, added, not a record, or not a regular file: check everything
            result = check_file(root, rules, today, calendar, Task(path, kind, unit))
            if result.doc.digest != digest or facts_of(result.doc, fields) != facts:
                return None  # changed while read, or the rules across records would see it change
            stamps[path] = [digest, facts, kind, unit]
            per_file[path] = [_row(p) for p in result.problems]
        problems = [_problem(r) for rows in per_file.values() for r in rows]
        problems += [_problem(r) for r in state["rest"]]
        files = int(state["files"])
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None  # a state this code did not write
    state["per_file"] = {p: rows for p, rows in per_file.items() if rows}
    _write(cache / STATE, state)
    return sorted(set(problems)), files


def _row(problem: Problem) -> list[Any]:
    return [problem.path, problem.line, problem.col, problem.severity.value, problem.code, problem.message]


def _problem(row: list[Any]) -> Problem:
    path, line, col, severity, code, message = row
    return Problem(str(path), int(line), int(col), Severity(severity), str(code), str(message))


def _read(path: Path, header: dict[str, Any]) -> dict[str, Any] | None:
    try:
        text = unseal(path.read_bytes())
        data = json.loads(text) if text is not None else None
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or any(data.get(k) != v for k, v in header.items()):
        return None
    return data


def _write(path: Path, data: dict[str, Any]) -> None:
    with contextlib.suppress(OSError):  # a read-only checkout: the next run takes the long way
        write_atomic(path, seal(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()))
