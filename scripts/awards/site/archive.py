"""公示存档: each 公示报样 frozen into the repository (`site/archive/`) and published byte for byte.

Why frozen: a 公示 is what the public saw when it opened. Rendering it again from the records on every
build let a later edit (a corrected 简要事迹, a changed decision) rewrite the archived PDF and its
SHA-256, and a new period replaced the old one in the manifest. Instead, when a publicity opens a
reviewer runs `awards snapshot --freeze`: the snapshot is rendered once, from the committed records,
and written here beside `manifest.json`; the reviewer commits the folder. Builds then copy these files
as they are and never render a frozen period again. Each later period adds its own entry.

The folder is plain files so that anyone can verify it without our tools: `sha256sum` of each file
against the manifest. Every build does the same check and stops on a single changed byte.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from awards.core.errors import ProblemsRefusal
from awards.rules.loader import Rules

ARCHIVE = Path("site") / "archive"
MANIFEST = "manifest.json"
SUMS = "sha256sums.txt"
# Verified byte for byte: a checkout with core.autocrlf would otherwise turn the JSON files' line ends
# into CRLF and every build there would refuse the archive as tampered with.
ATTRIBUTES = ".gitattributes"
ATTRIBUTES_TEXT = "# 存档文件按字节核验（SHA-256）：git 不得改动其中任何字节，包括换行符。\n* -text\n"
REQUIRED = ("id", "title", "period", "period_text", "file", "sha256", "list_file", "list_sha256", "commit")


class ArchiveError(ProblemsRefusal):
    """The stored archive cannot be trusted or changed as asked; the message says why, in Chinese."""


def header(rules: Rules) -> dict[str, Any]:
    c = rules.settings
    return {"campaign": c.title, "document_number": c.document_number, "issuer": c.issuer}


def canonical(head: dict[str, Any], records: list[dict[str, Any]]) -> bytes:
    """The manifest as written by `freeze`: sorted keys, so equal content is equal bytes."""
    data = {**head, "snapshots": records}
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def sums(records: list[dict[str, Any]]) -> bytes:
    """`sha256sum -c` input for the archived files: the same lines `sha256sum` prints for them."""
    lines = [
        f"{r[h]}  {r[f]}\n" for r in records for h, f in (("sha256", "file"), ("list_sha256", "list_file"))
    ]
    return "".join(lines).encode("ascii")


def start(record: dict[str, Any]) -> str:
    return str(record["period"]["start"])


@dataclass(frozen=True)
class Stored:
    """The archive as committed: its manifest (header, entries, exact bytes) and verified files."""

    head: dict[str, Any]
    records: list[dict[str, Any]]
    raw: bytes
    data: dict[str, bytes] = field(repr=False)  # file name -> bytes, for every file the entries name

    def get(self, ident: str) -> dict[str, Any] | None:
        return next((r for r in self.records if r["id"] == ident), None)

    def files(self, record: dict[str, Any]) -> dict[str, bytes]:
        return {name: self.data[name] for name in (record["file"], record["list_file"])}

    def manifest(self, records: list[dict[str, Any]]) -> bytes:
        """The stored bytes when all entries are published, else the same form for the part that is."""
        return self.raw if records == self.records else canonical(self.head, records)


def empty(rules: Rules) -> Stored:
    """The archive before anything is frozen: its manifest lists no snapshot."""
    head = header(rules)
    return Stored(head, [], canonical(head, []), {})


def _plain_name(value: Any) -> bool:
    # Names come from a committed file: never let one reach outside the folder.
    return (
        isinstance(value, str) and bool(value) and "/" not in value and "\\" not in value and value[0] != "."
    )


def _malformed(record: Any) -> str:
    """What is missing or wrong in one manifest entry, or "" (a hand-edited manifest must not crash us)."""
    if not isinstance(record, dict):
        return "整条记录"
    missing = [k for k in REQUIRED if k not in record]
    if missing:
        return "、".join(missing)
    if not all(_plain_name(record[k]) for k in ("file", "list_file")):
        return "文件名"
    period = record["period"]
    if not isinstance(period, dict) or not all(isinstance(period.get(k), str) for k in ("start", "end")):
        return "period"
    return ""


def load(root: Path) -> Stored | None:
    """The committed archive, every file checked against its SHA-256; None when nothing is frozen yet."""
    folder = root / ARCHIVE
    path = folder / MANIFEST
    if not path.is_file():
        if folder.is_dir() and any(folder.glob("*.pdf")):
            raise ArchiveError(f"{ARCHIVE.as_posix()}/ 中有 PDF 但没有 {MANIFEST}，存档不完整。")
        return None
    raw = path.read_bytes()
    where = f"{ARCHIVE.as_posix()}/{MANIFEST}"
    try:
        manifest = json.loads(raw)
    except ValueError:
        manifest = None
    records = manifest.get("snapshots") if isinstance(manifest, dict) else None
    if not isinstance(manifest, dict) or not isinstance(records, list):
        raise ArchiveError(f"{where} 不是有效的存档清单（应由 awards snapshot --freeze 写入）。")
    problems: list[str] = []
    data: dict[str, bytes] = {}
    for i, record in enumerate(records, 1):
        wrong = _malformed(record)
        if wrong:
            problems.append(f"第 {i} 条：缺少或写错了 {wrong}")
            continue
        for name, digest in (
            (record["file"], record["sha256"]),
            (record["list_file"], record["list_sha256"]),
        ):
            file = folder / name
            if not file.is_file():
                problems.append(f"{name}：清单中有，文件不存在")
                continue
            content = file.read_bytes()
            if hashlib.sha256(content).hexdigest() != digest:
                problems.append(f"{name}：SHA-256 与清单不符，文件在存档后被改动过")
            data[name] = content
    if problems:
        raise ArchiveError(f"{ARCHIVE.as_posix()}/ 中的存档与 {MANIFEST} 不符，不能发布。", problems)
    head = {k: v for k, v in manifest.items() if k != "snapshots"}
    return Stored(head, records, raw, data)


@dataclass(frozen=True, slots=True)
class Frozen:
    record: dict[str, Any]
    written: list[Path]  # empty when the same snapshot was already frozen


def freeze(
    root: Path,
    rules: Rules,
    record: dict[str, Any],
    files: dict[str, bytes],
    today: dt.date,
    replace: bool = False,
) -> Frozen:
    """Store one rendered snapshot (its manifest entry and files) and rewrite the manifest.

    A period already frozen is kept unless `replace` is given: the archive must not change by accident,
    and a deliberate replacement still leaves the old files in the git history.
    """
    stored = load(root)
    records = list(stored.records) if stored else []
    old = stored.get(record["id"]) if stored else None
    if old is not None:
        if old["list_sha256"] == record["list_sha256"]:
            return Frozen(old, [])  # the same list is already archived: nothing to change
        if not replace:
            raise ArchiveError(
                f"{old['period_text']}的公示已于 {old.get('frozen_on', '此前')} 存档（来源提交 {old['commit']}），"
                "不会覆盖。确需重新存档（例如公示内容更正后），请加 --replace，并在提交说明中写明原因。"
            )
    entry = {**record, "frozen_on": today.isoformat()}
    records = sorted([r for r in records if r["id"] != record["id"]] + [entry], key=start)
    folder = root / ARCHIVE
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    if not (folder / ATTRIBUTES).is_file():
        (folder / ATTRIBUTES).write_text(ATTRIBUTES_TEXT, encoding="utf-8")
        written.append(folder / ATTRIBUTES)
    for name, content in files.items():
        (folder / name).write_bytes(content)
        written.append(folder / name)
    (folder / MANIFEST).write_bytes(canonical(stored.head if stored else header(rules), records))
    written.append(folder / MANIFEST)
    return Frozen(entry, written)
