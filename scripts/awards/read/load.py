"""Stage 1: find every file under `submissions/`, read each record, keep positions.

A file that cannot be read becomes findings, never an exception: every other file is still loaded
and checked, so a clerk sees everything that is wrong at once.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from awards.core.problems import Mark
from awards.core.repo import IGNORED_NAMES
from awards.core.repo import SUBMISSIONS as SUBMISSIONS  # re-exported: where the records are
from awards.core.sink import describe
from awards.read import yamlsrc
from awards.read.yamlsrc import Finding, Positions
from awards.rules import kinds as record_kinds
from awards.rules.loader import Rules

PHOTO_DIR = "photos"
READ_KINDS = frozenset({*record_kinds.CODES, "decisions"})  # the files that are read as YAML
DECISIONS = "decisions.yml"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A photo is only ever referred to from its record, so any name that is a portable file name will do
# (李佳慧.jpg included): no control characters, none of Windows' reserved \\ / : * ? " < > |, and no
# leading dot or space or trailing space, which hide a file or break it on another system.
PHOTO_NAME = re.compile(r'^(?![.\s])[^\x00-\x1f\x7f\\/:*?"<>|]+(?<!\s)$')
PHOTO_SUFFIXES = frozenset({".jpg", ".jpeg", ".png"})


@dataclass
class Document:
    """One YAML file under submissions/: a unit's contact form or one nominee's record."""

    path: str  # relative to the repository root, with forward slashes
    kind: str  # "unit" | "window" | "individual" | "decisions"
    unit: str | None
    slug: str
    data: dict[str, Any] | None = None  # None when the file could not be read as a mapping
    positions: Positions = field(default_factory=Positions)
    findings: list[Finding] = field(default_factory=list)
    digest: str = ""

    @property
    def rank(self) -> int | None:
        """推荐排序 once the checker has read it as a number; None when absent or not a number."""
        value = (self.data or {}).get("推荐排序")
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def record_id(self) -> str:
        """How decisions name a record: its path under submissions/ without `.yml`."""
        return self.path.removeprefix(f"{SUBMISSIONS}/").removesuffix(".yml")

    def mark(self, *path: str | int) -> Mark:
        return self.positions.value(path)

    def key_mark(self, *path: str | int) -> Mark:
        return self.positions.key(path)


@dataclass
class Submissions:
    documents: list[Document]
    photos: list[str]
    # Files that are not where a record can be, each with the finding that explains it.
    misplaced: list[tuple[str, Finding]]

    def records(self, kind: str) -> list[Document]:
        return [d for d in self.documents if d.kind == kind and d.data is not None]


def read_document(abspath: Path, doc: Document, max_bytes: int, raw: bytes | None = None) -> Document:
    if raw is None:
        size = abspath.stat().st_size
        if size > max_bytes:  # refused before reading: a stray 3 GB file must not be loaded into memory
            doc.findings = [
                Finding("file-too-large", Mark(), {"size_kb": size // 1024, "limit_kb": max_bytes // 1024})
            ]
            return doc
        raw = abspath.read_bytes()
    text, findings = yamlsrc.decode(raw, max_bytes)
    if text is None:
        doc.findings = findings
        return doc
    root, findings = yamlsrc.parse(text)
    doc.findings = findings
    if root is None or any(
        f.code.startswith(("yaml-syntax", "yaml-tab", "yaml-fullwidth")) for f in findings
    ):
        return doc
    data, positions = yamlsrc.to_python(root)
    doc.positions = positions
    if isinstance(data, dict):
        doc.data = data
        return doc
    key = yamlsrc.fullwidth_key(data) if isinstance(data, str) else None
    if key is not None:
        doc.findings.append(Finding("yaml-fullwidth-colon", root.mark, {"key": key}))
    else:
        doc.findings.append(Finding("not-a-mapping", root.mark, {"actual": describe(data)}))
    return doc


def _classify(rel: list[str], rules: Rules) -> tuple[str, str | None, Finding | None]:
    """(kind, unit, finding) for a path split under submissions/."""
    name = rel[-1]
    if len(rel) == 1:
        if name == DECISIONS:
            return "decisions", None, None
        if name.lower() == "readme.md":
            return "ignore", None, None
        return "stray", None, Finding("stray-file", Mark(), {"case": "top-level"})
    unit = rel[0]
    if unit not in rules.units:
        close = difflib.get_close_matches(unit, list(rules.units), n=1)
        params = {"folder": unit, "case": "close" if close else "other", "close": close[0] if close else ""}
        return "stray", unit, Finding("unknown-unit", Mark(), params)
    stem, dot, suffix = name.rpartition(".")
    if len(rel) == 2 and name == "unit.yml":
        return "unit", unit, None
    kind = rules.kinds.by_folder(rel[1]) if len(rel) == 3 else None
    if kind is not None:
        if f".{suffix}" != ".yml" or not dot:
            case = "record-suffix" if suffix in {"yaml", "YML", "txt"} else "not-a-record"
            return "stray", unit, Finding("stray-file", Mark(), {"case": case})
        if not SLUG.match(stem):
            return (
                "stray",
                unit,
                Finding("file-name", Mark(), {"name": name, "example": "zhang-san.yml", "case": "record"}),
            )
        return kind.code, unit, None
    if len(rel) == 3 and rel[1] == PHOTO_DIR:
        if f".{suffix.lower()}" not in PHOTO_SUFFIXES:
            return "stray", unit, Finding("stray-file", Mark(), {"case": "photo-suffix", "folder": PHOTO_DIR})
        if not PHOTO_NAME.match(stem):
            params = {"name": name, "example": "zhang-san.jpg", "case": "photo"}
            return "stray", unit, Finding("file-name", Mark(), params)
        return "photo", unit, None
    folders = "、".join(f"{d}/" for d in (*(k.folder for k in rules.kinds.nominees), PHOTO_DIR))
    where = "，".join(f"{k.name}放 {k.folder}/" for k in rules.kinds.nominees)
    params = {"case": "unit-folder", "folders": folders, "where": where, "photos": PHOTO_DIR}
    return "stray", unit, Finding("stray-file", Mark(), params)


def walk(root: Path) -> list[str]:
    """Every file under submissions/, as sorted relative paths; hidden files and folders are skipped."""
    return [rel for rel, _link in _walk(root)]


LINK, SPECIAL, HIDDEN, UNREADABLE = "link", "special", "hidden", "unreadable"


def _walk(root: Path) -> list[tuple[str, str | None]]:
    """(relative path, LINK / SPECIAL / None) for every file under submissions/, in `walk` order.

    One scandir per folder and plain strings: on a national campaign this runs for 60,000 files on
    every check, and the directory entries already say which are links (no stat per file).
    """
    found: list[tuple[str, str | None]] = []

    def visit(folder: str, rel: str) -> None:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            found.append((f"{rel}/", UNREADABLE))  # reported: a folder skipped silently hides records
            return
        files: list[tuple[os.DirEntry[str], str | None]] = []
        dirs: list[os.DirEntry[str]] = []
        for entry in entries:
            if entry.name in IGNORED_NAMES:
                continue
            if entry.name.startswith("."):  # never checked, so never silently: a .hidden.yml is reported
                files.append((entry, HIDDEN))
                continue
            if entry.is_symlink():  # a link to a file or a folder: reported, never followed
                files.append((entry, LINK))
            elif entry.is_dir():
                dirs.append(entry)
            elif entry.is_file():
                files.append((entry, None))
            else:  # a FIFO or a device: reading it could block the check forever
                files.append((entry, SPECIAL))
        found.extend((f"{rel}/{e.name}", kind) for e, kind in files)
        for d in dirs:
            visit(d.path, f"{rel}/{d.name}")

    visit(str(root / SUBMISSIONS), SUBMISSIONS)
    return found


@dataclass(frozen=True, slots=True)
class Task:
    """One YAML file to read: where it is and what it must be."""

    path: str
    kind: str
    unit: str | None

    def document(self) -> Document:
        return Document(self.path, self.kind, self.unit, self.path.rsplit("/", 1)[-1].removesuffix(".yml"))


@dataclass
class Plan:
    """What is under submissions/, before any file is read: the files to read, the photos, the misplaced."""

    tasks: list[Task]
    photos: list[str]
    misplaced: list[tuple[str, Finding]]


def plan(root: Path, rules: Rules) -> Plan:
    """Classify every file under submissions/ by its path alone."""
    tasks: list[Task] = []
    photos: list[str] = []
    misplaced: list[tuple[str, Finding]] = []
    for rel_path, special in _walk(root):
        parts = rel_path.split("/")[1:]
        shown = rel_path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        if shown != rel_path:
            # A name that is not UTF-8 (possible in git): reported with the bad bytes shown as �.
            misplaced.append(
                (
                    shown,
                    Finding(
                        "file-name",
                        Mark(),
                        {"name": shown.rsplit("/", 1)[-1], "example": "zhang-san.yml", "case": "record"},
                    ),
                )
            )
            continue
        if special == HIDDEN:
            misplaced.append((rel_path, Finding("hidden-file", Mark(), {"name": parts[-1]})))
            continue
        if special == UNREADABLE:
            unreadable = Finding("file-unreadable", Mark(), {"what": "文件夹", "reason": "没有读取权限"})
            misplaced.append((rel_path.rstrip("/"), unreadable))
            continue
        if special is not None:
            # A link could point anywhere on the machine that runs the check (a CI runner's secrets).
            case = "link" if special == LINK else "special"
            misplaced.append((rel_path, Finding("stray-file", Mark(), {"case": case})))
            continue
        kind, unit, finding = _classify(parts, rules)
        if finding is not None:
            misplaced.append((rel_path, finding))
        if kind == "photo":
            photos.append(rel_path)
        if kind in READ_KINDS:
            tasks.append(Task(rel_path, kind, unit))
    return Plan(tasks, photos, misplaced)


def max_bytes(rules: Rules) -> int:
    return rules.settings.max_file_kb * 1024


def load(root: Path, rules: Rules) -> Submissions:
    """Load every file under submissions/."""
    found = plan(root, rules)
    limit = max_bytes(rules)
    documents = [read_document(root / t.path, t.document(), limit) for t in found.tasks]
    return Submissions(documents, found.photos, found.misplaced)
