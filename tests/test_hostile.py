"""Hostile and odd input found in review: always a finding or a usage error, never exit 3."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.test_cli import run

WINDOW = "submissions/taiyuan/windows/city-12333.yml"
PERSON = "submissions/taiyuan/individuals/zhang-li.yml"


def replace(repo: Path, rel: str, old: str, new: str) -> None:
    path = repo / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def codes(repo: Path) -> list[str]:
    out = run(repo, "validate", "--today", "2021-08-10", "--format", "json", "--no-cache")
    assert out.returncode in (0, 1), out.stderr
    return [f"{p['path']}:{p['line']} {p['code']}" for p in json.loads(out.stdout)["problems"]]


@pytest.mark.parametrize("value", ["9" * 5000, "true", "1.5", "-1"])
def test_odd_ranks(repo: Path, value: str) -> None:
    replace(repo, WINDOW, "推荐排序: 2", f"推荐排序: {value}")
    expected = "value-too-small" if value == "-1" else "wrong-type"
    assert f"{WINDOW}:1 {expected}" in codes(repo)


def test_yes_no_for_a_boolean_gets_the_hint(repo: Path) -> None:
    replace(repo, WINDOW, "无违法违纪承诺: true", "无违法违纪承诺: no")
    out = run(repo, "validate", "--today", "2021-08-10")
    assert "应填“true”（表示“是”）或“false”（表示“否”），实际写的是“no”。" in out.stdout


@pytest.mark.parametrize(
    ("photo", "code"),
    [
        ('"photos/a\\0.jpg"', "photo-missing"),
        ("photos/" + "a" * 300 + ".jpg", "photo-missing"),
        ("photos/" + "a/" * 3000 + "x.jpg", "photo-missing"),
        ("photos", "photo-format"),
        ("/etc/passwd", "photo-outside-unit"),
        ("photos/../../../x.jpg", "photo-outside-unit"),
    ],
)
def test_odd_photo_paths(repo: Path, photo: str, code: str) -> None:
    replace(repo, PERSON, "照片: photos/zhang-li.jpg", f"照片: {photo}")
    assert f"{PERSON}:21 {code}" in codes(repo)


def test_fifo_is_reported_not_read(repo: Path) -> None:
    os.mkfifo(repo / "submissions" / "taiyuan" / "windows" / "pipe.yml")
    assert "submissions/taiyuan/windows/pipe.yml:1 stray-file" in codes(repo)


def test_symlinked_folder_is_reported(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (repo / "submissions" / "taiyuan" / "photos-link").symlink_to(outside)
    assert "submissions/taiyuan/photos-link:1 stray-file" in codes(repo)


def test_file_name_that_is_not_utf8(repo: Path) -> None:
    # os.fsdecode keeps the undecodable bytes (surrogateescape), as a checkout of such a name would.
    Path(
        os.fsdecode(os.fsencode(repo / "submissions" / "taiyuan" / "windows") + b"/\xff\xfe.yml")
    ).write_bytes(b"a: 1\n")
    found = codes(repo)
    assert any(c.startswith("submissions/taiyuan/windows/") and c.endswith(" file-name") for c in found)


def test_huge_record_is_refused(repo: Path) -> None:
    (repo / WINDOW).write_bytes(b"a: " + b"x" * (3 * 1024 * 1024) + b"\n")
    assert f"{WINDOW}:1 file-too-large" in codes(repo)


def test_unwritable_output_is_a_usage_error(repo: Path, tmp_path: Path) -> None:
    out = run(repo, "validate", "--output", str(tmp_path / "missing" / "r.json"))
    assert out.returncode == 2 and "无法写入报告文件" in out.stderr
    out = run(repo, "validate", "--output", str(tmp_path))
    assert out.returncode == 2


def test_argparse_speaks_chinese(repo: Path) -> None:
    out = run(repo, "new", "window")
    assert out.returncode == 2
    assert "用法：" in out.stderr and "缺少参数：--unit" in out.stderr
    assert run(repo, "validate", "--help").stdout.count("显示帮助并退出") == 1
