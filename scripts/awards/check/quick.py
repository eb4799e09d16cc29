"""The quick path of `awards validate`: git says what changed, so the cost follows the change.

After a cached check (`check.pool`), two small files are kept beside the check cache: the *index*,
each record's kind, unit and a hash of its *facts* (the fields the rules across records read, with
their marks: `families.record_fields`), and the *state*: the commit, every finding by file, the findings
across records, and a stamp (sha256, facts) of every path git has reported changed since then.

The next run compares the stats of every folder under submissions/ with those recorded (`folders`: a
file added, removed or renamed changes its folder's mtime, as git's untracked cache relies on) while
git, in its own process, says which tracked paths under submissions/ differ from the commit (`git status
--untracked-files=no`, in C, using git's own stat cache); the untracked and ignored files are the
stamped ones. A path that is clean now and has no stamp has the commit's content, as at the indexed
run: nothing to do. Every other path is compared by its bytes with its stamp; a changed record
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
from pathlib import Path
from typing import Any

from awards.check import families, folders, run
from awards.check.early import Early
from awards.check.gitstatus import file_digest, snapshot
from awards.check.perfile import check_file, slim
from awards.check.result import Progress
from awards.core.atomic import seal, unseal, write_atomic
from awards.core.fingerprint import code_fingerprint
from awards.core.problems import Problem, Severity
from awards.read.load import Document, Task
from awards.rules.loader import Rules
from awards.rules.workdays import WorkCalendar

FORMAT = 1
STATE, INDEX, FOLDERS = "quick-state.json", "quick-index.json", folders.FILE
Stamp = list[Any]  # [sha256 or None when absent, facts hash or None, kind or None, unit or None]


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
    root: Path,
    rules: Rules,
    today: dt.date,
    cache: Path,
    progress: Progress | None = None,
    early: Early | None = None,
) -> tuple[list[Problem], int]:
    """(findings, files checked) exactly as `run.validate` with the cache gives them. `early`: the
    folders and git already under way (`awards validate` starts them first); else started here."""
    header = {
        "format": FORMAT,
        "code": code_fingerprint(),
        "rules": rules.fingerprint,
        "today": today.isoformat(),
    }
    quick = _quick(root, rules, today, cache, header, early or Early(root, cache, fork=False))
    if quick is not None:
        return quick
    # The folders before git's answer: a file added in between shows in them next time.
    seen = folders.take(root)
    before = snapshot(root)
    result = run.validate(root, rules, today, cache=cache, progress=progress)
    if before is not None and folders.unchanged(root, seen) and snapshot(root) == before:
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
        _write_index(cache / INDEX, {**header, "head": before.head}, index)
        _write(cache / FOLDERS, {**header, "head": before.head, **seen.to_json()})
        _write(cache / STATE, state)
    return result.problems, result.files_checked


def _stamp(digest: str | None, record: list[Any] | None) -> Stamp:
    kind, unit, facts = record if record is not None else (None, None, None)
    return [digest, facts, kind, unit]


def _quick(
    root: Path, rules: Rules, today: dt.date, cache: Path, header: dict[str, Any], early: Early
) -> tuple[list[Problem], int] | None:
    state = _read(cache / STATE, header)
    seen = early.folders()  # git stats the tracked files in its own process meanwhile
    if (
        state is None
        or seen is None
        or any(seen["header"].get(k) != v for k, v in header.items())
        or not seen["unchanged"]  # a file added, removed or renamed somewhere
    ):
        early.close()
        return None
    # No file appeared or vanished, so the untracked ones are those stamped: git's tracked files suffice.
    now = early.status.result()
    if now is None or state.get("head") != now.head or seen["header"].get("head") != now.head:
        return None
    try:
        stamps: dict[str, Stamp] = state["stamps"]
        per_file: dict[str, list[list[Any]]] = state["per_file"]
        index: bytes | None = None
        fields = families.record_fields(rules)
        calendar = WorkCalendar(rules.holidays)
        for path in sorted(set(now.digests) | set(stamps)):
            digest = now.digests[path] if path in now.digests else file_digest(root, path)
            known = stamps.get(path)
            if known is not None and known[0] == digest:
                continue  # as at the last run
            if known is None:  # clean at every run since the index: its facts are in the index
                if index is None:
                    index = _read_index(cache / INDEX, {**header, "head": now.head})
                    if index is None:
                        return None
                known = _stamp(None, _indexed(index, path))
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


def _write_index(path: Path, header: dict[str, Any], records: dict[str, list[Any]]) -> None:
    """The header, then one JSON line per record, [path, kind, unit, facts]: a run that needs one
    record's facts finds its line in the bytes instead of parsing every record's (`_indexed`)."""
    lines = [json.dumps(header, ensure_ascii=False, separators=(",", ":"))]
    lines += [json.dumps([p, *r], ensure_ascii=False, separators=(",", ":")) for p, r in records.items()]
    with contextlib.suppress(OSError):
        write_atomic(path, seal("\n".join(lines).encode() + b"\n"))


def _read_index(path: Path, header: dict[str, Any]) -> bytes | None:
    """The index's lines after the header line, when the header is `header`; else None."""
    try:
        text = unseal(path.read_bytes())
        if text is None:
            return None
        first, _, rest = text.partition(b"\n")
        saved = json.loads(first)
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(saved, dict) or saved != header:
        return None
    return b"\n" + rest


def _indexed(index: bytes, path: str) -> list[Any] | None:
    """[kind, unit, facts] of `path` in the index, or None when it has no line there."""
    key = b"\n[" + json.dumps(path, ensure_ascii=False).encode() + b","
    at = index.find(key)
    if at < 0:
        return None
    line = index[at + 1 : index.find(b"\n", at + 1)]
    record = json.loads(line)
    if not isinstance(record, list) or len(record) != 4:
        raise ValueError("index: a line this code did not write")
    return record[1:]


def _write(path: Path, data: dict[str, Any]) -> None:
    with contextlib.suppress(OSError):  # a read-only checkout: the next run takes the long way
        write_atomic(path, seal(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()))
