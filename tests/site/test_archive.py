"""The frozen 公示存档: `awards snapshot --freeze` stores it, every later build publishes it byte for byte.

A record edited after freezing, a second publicity period, a tampered file, a freeze from uncommitted
records: what the archive, the manifest and the site do in each case.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.site.conftest import (
    CLOCKS,
    OPENED,
    Build,
    Frozen,
    commit_all,
    copy_sample,
    freeze,
    git,
    run,
    run_build,
)

pytestmark = pytest.mark.slow

STORED = Path("site") / "archive"
FIRST = "gongshi-2021-10-18"
# 2021: National Day holiday 1–7 October, Saturday 9 October a make-up working day.
SECOND_START, SECOND_DAY = dt.date(2021, 11, 1), dt.date(2021, 11, 2)
SECOND = f"gongshi-{SECOND_START.isoformat()}"
PERSON = Path("submissions") / "taiyuan" / "individuals" / "li-jia-hui.yml"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stored(root: Path, name: str) -> bytes:
    return (root / STORED / name).read_bytes()


def manifest(root: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(stored(root, "manifest.json"))
    return data


def clone(frozen: Frozen, target: Path) -> Path:
    """A copy of the frozen sample, history included, for a test that changes it."""
    shutil.copytree(frozen.root, target, ignore=shutil.ignore_patterns("generated", ".awards-cache"))
    return target


def edit_story(root: Path, sentence: str) -> None:
    path = root / PERSON
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("简要事迹: |\n", f"简要事迹: |\n  {sentence}\n", 1), encoding="utf-8")


def test_freeze_stores_the_pdf_its_list_and_the_manifest(frozen: Frozen) -> None:
    data = manifest(frozen.root)
    [entry] = data["snapshots"]
    pdf, listing = stored(frozen.root, f"{FIRST}.pdf"), stored(frozen.root, f"{FIRST}.json")
    assert entry["file"] == f"{FIRST}.pdf" and entry["sha256"] == sha(pdf) and entry["bytes"] == len(pdf)
    assert entry["list_file"] == f"{FIRST}.json" and entry["list_sha256"] == sha(listing)
    assert entry["commit"] == frozen.source and entry["uncommitted_changes"] is False
    assert entry["frozen_on"] == OPENED.isoformat()
    assert entry["period"] == {"start": "2021-10-18", "end": "2021-10-22"}
    assert len(pdf) < 400_000  # committed to the repository: one font weight keeps it small
    assert "git add site/archive" in frozen.stdout
    # Verified byte for byte, so git must never convert line ends in the folder.
    attributes = git(frozen.root, "check-attr", "text", "--", f"{STORED.as_posix()}/manifest.json")
    assert attributes.endswith("text: unset")


def test_build_publishes_the_stored_files_verbatim_and_sha256sum_verifies_them(
    frozen: Frozen, frozen_builds: Callable[[str], Build]
) -> None:
    build = frozen_builds("during")
    published = build.out / "archive"
    for name in (f"{FIRST}.pdf", f"{FIRST}.json", "manifest.json"):
        assert (published / name).read_bytes() == stored(frozen.root, name), name
    assert not list(published.glob("*preview*"))
    # The page's instructions, run as written, in the published folder.
    check = subprocess.run(
        ["sha256sum", "-c", "sha256sums.txt"], cwd=published, capture_output=True, text=True
    )
    assert check.returncode == 0 and check.stdout.count(": OK") == 2, check.stdout
    page = build.text("archive/index.html")
    pdf_sha = sha(stored(frozen.root, f"{FIRST}.pdf"))
    assert "sha256sum -c sha256sums.txt" in page and f"{pdf_sha}  {FIRST}.pdf" in page
    assert "已存档" in page and "未存档" not in page
    assert f"archive/{FIRST}.pdf" in build.text("publicity/index.html")
    assert f"公示存档：{FIRST}.pdf SHA-256 {pdf_sha}（原样发布）" in build.stdout
    assert "尚未存档" not in build.stderr
    after = frozen_builds("after")
    assert (after.out / "archive" / f"{FIRST}.pdf").read_bytes() == stored(frozen.root, f"{FIRST}.pdf")


def test_frozen_archive_is_not_published_before_its_period(frozen_builds: Callable[[str], Build]) -> None:
    build = frozen_builds("before")  # the leak scan would fail on any nominee's name
    assert not (build.out / "archive" / f"{FIRST}.pdf").exists()
    assert "尚无公示快照" in build.text("archive/index.html")
    assert "公示开始后才公开" in build.stderr


def test_editing_a_record_after_freezing_changes_nothing_archived(frozen: Frozen, tmp_path: Path) -> None:
    root = clone(frozen, tmp_path / "repo")
    before = {n: stored(root, n) for n in (f"{FIRST}.pdf", f"{FIRST}.json", "manifest.json")}
    edit_story(root, "后来补写的一句话。")
    commit_all(root, "edit after the publicity opened")
    build = run_build(root, tmp_path / "out", CLOCKS["during"])
    assert build.code == 0, build.stderr
    for name, data in before.items():
        assert (build.out / "archive" / name).read_bytes() == data, name
    # The page follows the frozen list, and whoever runs the build is told what differs.
    assert "后来补写的一句话" not in build.text("publicity/index.html")
    assert "存档" in build.stderr and "李佳慧" in build.stderr and "--replace" in build.stderr

    code, _, stderr = freeze(root, CLOCKS["during"])
    assert code == 1 and "--replace" in stderr
    assert {n: stored(root, n) for n in before} == before
    code, _, stderr = freeze(root, CLOCKS["during"], "--replace")
    assert code == 0, stderr
    assert stored(root, f"{FIRST}.pdf") != before[f"{FIRST}.pdf"]
    assert "后来补写的一句话" in stored(root, f"{FIRST}.json").decode("utf-8")


def test_a_second_period_adds_an_entry_and_keeps_the_first(frozen: Frozen, tmp_path: Path) -> None:
    root = clone(frozen, tmp_path / "repo")
    first = manifest(root)["snapshots"]
    first_files = {n: stored(root, n) for n in (f"{FIRST}.pdf", f"{FIRST}.json")}
    campaign = root / "rules" / "campaign.yml"
    text = campaign.read_text(encoding="utf-8")
    campaign.write_text(
        text.replace("provincial_start: 2021-10-18", f"provincial_start: {SECOND_START}"), encoding="utf-8"
    )
    commit_all(root, "a second publicity")

    # Opened but not frozen: the first stays archived, the second is a preview.
    build = run_build(root, tmp_path / "out1", SECOND_DAY)
    assert build.code == 0, build.stderr
    assert json.loads(build.text("archive/manifest.json"))["snapshots"] == first
    assert (build.out / "archive" / f"{SECOND}-preview.pdf").is_file()
    assert (build.out / "archive" / f"{FIRST}.pdf").read_bytes() == first_files[f"{FIRST}.pdf"]

    code, _, stderr = freeze(root, SECOND_START)
    assert code == 0, stderr
    snapshots = manifest(root)["snapshots"]
    assert isinstance(snapshots, list) and [s["id"] for s in snapshots] == [FIRST, SECOND]
    assert snapshots[0] == first[0]
    assert {n: stored(root, n) for n in first_files} == first_files
    commit_all(root, "公示存档：second")

    build = run_build(root, tmp_path / "out2", SECOND_DAY)
    assert build.code == 0, build.stderr
    assert build.text("archive/manifest.json").encode("utf-8") == stored(root, "manifest.json")
    check = subprocess.run(
        ["sha256sum", "-c", "sha256sums.txt"], cwd=build.out / "archive", capture_output=True, text=True
    )
    assert check.returncode == 0 and check.stdout.count(": OK") == 4, check.stdout
    page = build.text("archive/index.html")
    assert page.index("10月18日至10月22日（已存档）") < page.index("11月1日至11月5日（已存档）")


def test_a_changed_byte_in_the_archive_stops_the_build(frozen: Frozen, tmp_path: Path) -> None:
    root = clone(frozen, tmp_path / "repo")
    pdf = root / STORED / f"{FIRST}.pdf"
    data = bytearray(pdf.read_bytes())
    data[-10] ^= 1
    pdf.write_bytes(bytes(data))
    build = run_build(root, tmp_path / "out", CLOCKS["during"])
    assert build.code == 1 and f"{FIRST}.pdf：SHA-256 与清单不符" in build.stderr
    assert not build.out.exists()
    code, _, stderr = run("snapshot", "--root", str(root))
    assert code == 1 and "SHA-256 与清单不符" in stderr


def test_freeze_needs_committed_records(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "repo")
    edit_story(root, "尚未提交的一句话。")
    code, _, stderr = freeze(root, OPENED)
    assert code == 1 and "未提交的改动" in stderr
    assert not (root / STORED).exists()
    git(root, "checkout", "--", ".")
    code, stdout, _ = run("snapshot", "--root", str(root))
    assert code == 0 and "还没有存档" in stdout
