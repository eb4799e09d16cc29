"""Parallel and cached checking: the same findings in the same order, and never a stale answer."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import time
from pathlib import Path

import pytest

from awards.check import cache as cache_mod
from awards.check import perfile
from awards.check.run import validate
from awards.core.problems import Problem
from awards.core.progress import Progress
from awards.rules.loader import load
from tests import photos
from tests.conftest import BEFORE_DEADLINES, FIXTURES, count_checked_files

TODAY = dt.date(2021, 8, 20)
PERSON = "submissions/taiyuan/individuals/zhang-li.yml"
PHOTO = "submissions/taiyuan/photos/zhang-li.jpg"


@pytest.fixture
def messy(repo: Path) -> Path:
    """The fixture campaign with problems of every stage: per file, across records, misplaced files."""
    for case in ("kitchen-sink", "unit-contact-form", "duplicate-window", "stray-files", "quota-exceeded"):
        src = FIXTURES / "invalid" / case / "submissions"
        if src.is_dir():
            shutil.copytree(src, repo / "submissions", dirs_exist_ok=True)
    photos.make(repo / "submissions" / "datong" / "photos" / "ma-wen.jpg", "white")
    return repo


def check(root: Path, **kw: object) -> list[Problem]:
    return validate(root, load(root), TODAY, **kw).problems  # type: ignore[arg-type]


def test_serial_parallel_and_cached_agree(messy: Path) -> None:
    serial = check(messy, jobs=1)
    codes = {p.code for p in serial}
    assert {"photo-background", "duplicate-window", "stray-file", "text-too-long"} <= codes, codes
    assert check(messy, jobs=2) == serial
    folder = messy / ".awards-cache" / "check"
    assert check(messy, cache=folder) == serial  # cold: fills the cache
    assert check(messy, cache=folder, jobs=2) == serial  # warm
    assert check(messy, cache=folder) == serial
    # Cold on both cores: workers ship cache entries, not results, and the parent rebuilds from them.
    other = messy / ".awards-cache" / "parallel"
    assert check(messy, cache=other, jobs=2) == serial
    assert check(messy, cache=other) == serial
    assert _saved(other)[1] == _saved(folder)[1]  # the same entries, however they were made


def test_warm_run_reads_from_the_cache(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = repo / ".awards-cache" / "check"
    first = check(repo, cache=folder)
    calls = count_checked_files(monkeypatch)
    assert check(repo, cache=folder) == first
    # Only the decisions file (read by its own check, never cached) is read again.
    assert all(p.endswith("decisions.yml") for p in calls)


def _rechecked(
    repo: Path, change: object, monkeypatch: pytest.MonkeyPatch, today: dt.date = TODAY
) -> list[str]:
    folder = repo / ".awards-cache" / "check"
    validate(repo, load(repo), TODAY, cache=folder)
    change()  # type: ignore[operator]
    calls = count_checked_files(monkeypatch)
    got = validate(repo, load(repo), today, cache=folder).problems
    monkeypatch.undo()
    fresh = validate(repo, load(repo), today, jobs=1).problems
    assert got == fresh, "the cached run must say exactly what a fresh run says"
    return [c for c in calls if not c.endswith("decisions.yml")]


def test_changed_record_is_rechecked(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def edit() -> None:
        path = repo / PERSON
        path.write_text(
            path.read_text(encoding="utf-8").replace("推荐排序: 1", "推荐排序: 1 "), encoding="utf-8"
        )

    assert _rechecked(repo, edit, monkeypatch) == [PERSON]


def test_changed_photo_is_rechecked(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def repaint() -> None:
        photos.make(repo / PHOTO, "white")

    assert _rechecked(repo, repaint, monkeypatch) == [PERSON]


def test_removed_photo_is_rechecked(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _rechecked(repo, (repo / PHOTO).unlink, monkeypatch) == [PERSON]


def test_changed_rules_recheck_everything(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def stricter() -> None:
        path = repo / "rules" / "campaign.yml"
        path.write_text(
            path.read_text(encoding="utf-8").replace("主要事迹: 2000", "主要事迹: 20"), encoding="utf-8"
        )

    rechecked = _rechecked(repo, stricter, monkeypatch)
    assert PERSON in rechecked and len(rechecked) >= 5


def test_clock_is_part_of_the_key_when_a_check_reads_it(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No per-file rule reads the clock today (征求意见 is checked across records); plant one that does.
    from awards.check import context

    real = context.FIELD_CHECKS["unit_rank"]  # a check only windows have

    def reads_clock(ctx: context.Ctx, *args: object) -> object:
        _ = ctx.today
        return real(ctx, *args)  # type: ignore[arg-type]

    monkeypatch.setitem(context.FIELD_CHECKS, "unit_rank", reads_clock)
    folder = repo / ".awards-cache" / "check"
    validate(repo, load(repo), TODAY, cache=folder)
    calls = count_checked_files(monkeypatch)
    validate(repo, load(repo), BEFORE_DEADLINES, cache=folder)
    rechecked = [c for c in calls if not c.endswith("decisions.yml")]
    assert rechecked and all("/windows/" in p for p in rechecked), "only windows read the clock here"


def test_formal_stage_opinions_follow_the_clock_through_the_cache(repo: Path) -> None:
    (repo / "submissions" / "decisions.yml").write_text(
        "决定:\n"
        "  - {记录: datong/individuals/ma-wen, 决定: 推荐, 排序: 1, 人社部反馈: 拟推荐}\n"
        f"  - {{记录: {PERSON.removeprefix('submissions/').removesuffix('.yml')}, 决定: 推荐, 排序: 2, 人社部反馈: 拟推荐}}\n"
        "人社部反馈日期: 2021-08-15\n",
        encoding="utf-8",
    )
    folder = repo / ".awards-cache" / "check"
    before = validate(repo, load(repo), BEFORE_DEADLINES, cache=folder).problems
    after = validate(repo, load(repo), TODAY, cache=folder).problems
    assert "opinions-missing" not in {p.code for p in before}
    assert [p.path for p in after if p.code == "opinions-missing"] == [
        "submissions/datong/individuals/ma-wen.yml",
        PERSON,
    ]


def _saved(folder: Path) -> tuple[dict[str, object], dict[str, list[object]]]:
    header, entries = cache_mod.read_lines(folder / cache_mod.FILE)
    return header, {p: json.loads(e) for p, e in entries.items()}


def _write(folder: Path, header: dict[str, object], entries: dict[str, str]) -> None:
    """Entries as given, each line sealed with a valid checksum: what the JSON says is what is tested."""
    cache_mod.write_lines(folder / cache_mod.FILE, header, entries)


def test_stat_is_trusted_only_for_settled_files(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = repo / ".awards-cache" / "check"
    check(repo, cache=folder)
    _, files = _saved(folder)
    assert all(e[1] == 0 for e in files.values()), "files written just now are not settled"
    old = time.time() - 60
    for entry in files:
        os.utime(repo / entry, (old, old))  # ctime stays recent: still not settled
    check(repo, cache=folder)
    assert all(e[1] == 0 for e in _saved(folder)[1].values())
    monkeypatch.setattr(perfile, "SETTLED_NS", -(10**18))
    check(repo, cache=folder)
    assert all(e[1] != 0 for e in _saved(folder)[1].values())


def test_broken_or_foreign_cache_is_ignored(repo: Path) -> None:
    folder = repo / ".awards-cache" / "check"
    first = check(repo, cache=folder)
    (folder / cache_mod.FILE).write_text("not json", encoding="utf-8")
    assert check(repo, cache=folder) == first
    header, files = _saved(folder)
    for entry in files.values():
        entry[9] = []  # what a forged cache would say: no problems
    garbled = dict(files)
    garbled[PERSON] = ["short"]
    _write(folder, header, {p: json.dumps(e) for p, e in garbled.items()})
    assert check(repo, cache=folder) == first, "a garbled entry is a miss, not a crash"
    header["code"] = "another version"
    _write(folder, header, {p: json.dumps(e) for p, e in files.items()})
    assert check(repo, cache=folder) == first


def test_progress_is_silent_off_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(stream, delay=0)
    progress.records(5, 10)
    progress.stage("MkDocs")
    progress.close()
    assert stream.getvalue() == ""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_only_after_the_delay() -> None:
    quick = _Terminal()
    progress = Progress(quick)
    progress.records(5, 10)
    progress.close()
    assert quick.getvalue() == "", "a run shorter than the delay shows nothing"
    slow = _Terminal()
    progress = Progress(slow, delay=0)
    progress.records(10, 10)
    assert "已检查文件：10/10" in slow.getvalue()
    progress.close()
    assert slow.getvalue().endswith("\r\x1b[K")


def test_validate_reports_progress(repo: Path) -> None:
    seen: list[tuple[int, int]] = []
    validate(repo, load(repo), TODAY, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1]


def _trust_stats_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(perfile, "SETTLED_NS", -(10**18))


@pytest.mark.parametrize("jobs", [1, 2], ids=["in-process", "workers"])
def test_photo_stats_are_trusted_once_remembered(
    repo: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    _trust_stats_at_once(monkeypatch)
    folder = repo / ".awards-cache" / "check"
    first = check(repo, cache=folder, jobs=jobs)  # cold: the photo is hashed (and its stat taken) once
    assert PHOTO in "".join(_saved_header_stats(folder))
    hashed: list[str] = []
    real = cache_mod.CheckCache.digest

    def counting(self: cache_mod.CheckCache, path: Path) -> str:
        hashed.append(str(path))
        return real(self, path)

    monkeypatch.setattr(cache_mod.CheckCache, "digest", counting)
    assert check(repo, cache=folder) == first
    assert hashed == [], "an unchanged photo is known by its stat, not read again"


def _saved_header_stats(folder: Path) -> list[str]:
    header, _ = _saved(folder)
    stats = header["stats"]
    assert isinstance(stats, dict)
    return [str(path) for path in stats]


def test_changed_photo_with_trusted_stats_is_rechecked(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _trust_stats_at_once(monkeypatch)
    folder = repo / ".awards-cache" / "check"
    check(repo, cache=folder)  # the second run of `_rechecked` remembers the photos' stats

    def repaint() -> None:
        photos.make(repo / PHOTO, "white")

    assert _rechecked(repo, repaint, monkeypatch) == [PERSON]


def test_photo_replaced_by_a_link_is_rechecked(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _trust_stats_at_once(monkeypatch)
    folder = repo / ".awards-cache" / "check"
    check(repo, cache=folder)

    def link() -> None:
        elsewhere = repo / "elsewhere.jpg"  # the same bytes, but the photo is now a link to them
        shutil.copy(repo / PHOTO, elsewhere)
        (repo / PHOTO).unlink()
        (repo / PHOTO).symlink_to(elsewhere)

    assert _rechecked(repo, link, monkeypatch) == [PERSON]


@pytest.mark.parametrize("damage", ["[1, 2", "0, 0", "[1, 2], [3"])
def test_a_damaged_entry_is_the_only_miss(repo: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    folder = repo / ".awards-cache" / "check"

    def garble() -> None:
        # Not JSON on its own; joined with the others it would not parse, or parse to too many values.
        header, files = _saved(folder)
        _write(folder, header, {p: damage if p == PERSON else json.dumps(e) for p, e in files.items()})

    assert _rechecked(repo, garble, monkeypatch) == [PERSON]


def test_cache_nested_too_deep_is_a_miss_not_a_crash(repo: Path) -> None:
    folder = repo / ".awards-cache" / "check"
    first = check(repo, cache=folder)
    header, files = _saved(folder)
    deep = "[" * 100_000  # json.loads raises RecursionError, not ValueError
    _write(folder, header, {p: deep if p == PERSON else json.dumps(e) for p, e in files.items()})
    assert check(repo, cache=folder) == first
    (folder / cache_mod.FILE).write_text(deep, encoding="utf-8")
    assert check(repo, cache=folder) == first
