"""The quick path (`check.quick`): git's changed set, an index of facts across records, never a stale answer.

Every test compares the quick answer with a fresh serial check of the same files (`check_serially`), and
also says which way the answer was reached: the quick path (only the changed records checked again) or
the fallback to the cached check of everything.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from awards.check import gitstatus, perfile, quick
from awards.check import run as run_mod
from awards.check.run import check_serially
from awards.rules.loader import load
from tests import photos
from tests.conftest import BEFORE_DEADLINES

TODAY = dt.date(2021, 8, 20)
AFTER_FIRST_REVIEW = dt.date(2021, 8, 24)  # past deadlines.first_review of the test campaign
PERSON = "submissions/taiyuan/individuals/zhang-li.yml"
WINDOW = "submissions/taiyuan/windows/city-12333.yml"
PHOTO = "submissions/taiyuan/photos/zhang-li.jpg"


def _git(repo: Path, *args: str) -> None:
    identity = ["-c", "user.name=测试", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "-C", str(repo), *identity, *args], check=True, capture_output=True)


@pytest.fixture(autouse=True)
def _settled_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trust folder stats at once (the fixture has just written every folder)."""
    monkeypatch.setattr(perfile, "SETTLED_NS", -(10**18))


@pytest.fixture
def git_repo(repo: Path) -> Path:
    (repo / ".gitignore").write_text(".awards-cache/\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "初始")
    return repo


class Spy:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.full = 0
        self.rechecked: list[str] = []
        real_validate, real_check = run_mod.validate, perfile.check_file

        def full(*args: object, **kw: object) -> object:
            self.full += 1
            return real_validate(*args, **kw)  # type: ignore[arg-type]

        def check(*args: object) -> perfile.FileResult:
            self.rechecked.append(args[-1].path)  # type: ignore[attr-defined]
            return real_check(*args)  # type: ignore[arg-type]

        monkeypatch.setattr(run_mod, "validate", full)
        monkeypatch.setattr(quick, "check_file", check)


def _answer(repo: Path, spy: Spy, today: dt.date = TODAY) -> tuple[int, list[str]]:
    """Run the quick path; assert it says what a fresh serial check says; (full runs, rechecked)."""
    spy.full, spy.rechecked = 0, []
    rules = load(repo)
    problems, files = quick.validate_quickly(repo, rules, today, repo / ".awards-cache" / "check")
    fresh = check_serially(repo, load(repo), today)
    assert problems == fresh.problems, "the quick path must say exactly what a fresh check says"
    assert files == fresh.files_checked
    return spy.full, spy.rechecked


def _edit(repo: Path, rel: str, old: str, new: str) -> None:
    path = repo / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def spy(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Spy:
    spy = Spy(monkeypatch)
    assert _answer(git_repo, spy) == (1, [])  # the first run indexes
    return spy


def test_nothing_changed_reads_nothing(git_repo: Path, spy: Spy) -> None:
    assert _answer(git_repo, spy) == (0, [])


def test_an_edited_record_is_the_only_one_checked_again(git_repo: Path, spy: Spy) -> None:
    _edit(git_repo, PERSON, "零差错、零投诉。", "零差错、零投诉，连续三年获评优秀。")
    assert _answer(git_repo, spy) == (0, [PERSON])
    assert _answer(git_repo, spy) == (0, [])  # stamped: not read again
    _edit(git_repo, PERSON, "连续三年", "连续五年")
    assert _answer(git_repo, spy) == (0, [PERSON])
    _git(git_repo, "checkout", "--", PERSON)  # back to the commit's bytes: clean, but not as last seen
    assert _answer(git_repo, spy) == (0, [PERSON])


def test_a_new_finding_in_an_edited_record_is_reported(git_repo: Path, spy: Spy) -> None:
    _edit(git_repo, PERSON, '联系电话: "13935112345"', '联系电话: "1393511"')
    assert _answer(git_repo, spy) == (0, [PERSON])


def test_facts_across_records_changed_check_everything(git_repo: Path, spy: Spy) -> None:
    _edit(git_repo, WINDOW, "推荐排序: 2", "推荐排序: 1")  # now two windows ranked first
    full, _ = _answer(git_repo, spy)
    assert full == 1


def test_a_record_moved_renamed_or_deleted(git_repo: Path, spy: Spy) -> None:
    target = git_repo / "submissions/datong/individuals/zhang-li.yml"
    shutil.move(git_repo / PERSON, target)  # moved to another unit
    assert _answer(git_repo, spy)[0] == 1
    target.rename(target.with_name("zhang-li-2.yml"))  # renamed
    assert _answer(git_repo, spy)[0] == 1
    target.with_name("zhang-li-2.yml").unlink()  # deleted
    assert _answer(git_repo, spy)[0] == 1
    assert _answer(git_repo, spy) == (0, [])


def test_a_person_added_in_another_unit(git_repo: Path, spy: Spy) -> None:
    # The same ID number in another unit: a duplicate the index of facts must not hide.
    shutil.copy(git_repo / PERSON, git_repo / "submissions/datong/individuals/zhang-li.yml")
    full, _ = _answer(git_repo, spy)
    assert full == 1
    problems, _ = quick.validate_quickly(
        git_repo, load(git_repo), TODAY, git_repo / ".awards-cache" / "check"
    )
    assert "duplicate-person" in {p.code for p in problems}


def test_the_clock_crossing_a_deadline(git_repo: Path, spy: Spy) -> None:
    shutil.rmtree(git_repo / "submissions/sx-shebao")  # a quota left short: the deadline matters
    assert _answer(git_repo, spy, BEFORE_DEADLINES)[0] == 1
    assert _answer(git_repo, spy, BEFORE_DEADLINES) == (0, [])
    assert _answer(git_repo, spy, AFTER_FIRST_REVIEW)[0] == 1


def test_a_commit_rules_or_code_changed(git_repo: Path, spy: Spy, monkeypatch: pytest.MonkeyPatch) -> None:
    _edit(git_repo, PERSON, "零差错", "无差错")
    _git(git_repo, "commit", "-q", "-am", "改")
    assert _answer(git_repo, spy)[0] == 1
    _edit(git_repo, "rules/campaign.yml", "first_review: 2021-08-23", "first_review: 2021-08-19")
    assert _answer(git_repo, spy)[0] == 1
    monkeypatch.setattr(quick, "code_fingerprint", lambda: "another version")
    assert _answer(git_repo, spy)[0] == 1


def test_a_changed_or_new_photo_checks_everything(git_repo: Path, spy: Spy) -> None:
    photos.make(git_repo / PHOTO, "white")
    assert _answer(git_repo, spy)[0] == 1
    assert _answer(git_repo, spy) == (0, [])  # stamped while it stays uncommitted
    photos.make(git_repo / "submissions/datong/photos/extra.jpg", "good")
    assert _answer(git_repo, spy)[0] == 1


def test_hidden_and_ignored_files(git_repo: Path, spy: Spy) -> None:
    (git_repo / "submissions/taiyuan/.DS_Store").write_bytes(b"\0")  # the walk skips it
    assert _answer(git_repo, spy) == (0, [])
    (git_repo / ".gitignore").write_text(".awards-cache/\n*.bak\n", encoding="utf-8")
    (git_repo / "submissions/taiyuan/windows/old.bak").write_text("x", encoding="utf-8")  # ignored by git
    assert _answer(git_repo, spy)[0] == 1  # but seen by the check, as a stray file


def test_a_damaged_state_is_a_miss(git_repo: Path, spy: Spy) -> None:
    state = git_repo / ".awards-cache" / "check" / quick.STATE
    state.write_bytes(state.read_bytes().replace(b'"rest"', b'"resT"'))
    assert _answer(git_repo, spy)[0] == 1


def test_not_a_git_checkout(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spy = Spy(monkeypatch)
    assert _answer(repo, spy)[0] == 1
    assert _answer(repo, spy)[0] == 1
    assert not (repo / ".awards-cache" / "check" / quick.STATE).exists()


def test_folders_changed_just_now_are_listed_again(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A file added in the same timestamp tick as the recorded stat would not change it: a folder not
    # settled when recorded is listed again on every run, and a new file in it is found.
    monkeypatch.setattr(perfile, "SETTLED_NS", 10**18)
    spy = Spy(monkeypatch)
    assert _answer(git_repo, spy)[0] == 1
    assert _answer(git_repo, spy) == (0, [])
    shutil.copy(git_repo / PERSON, git_repo / "submissions/datong/individuals/zhang-li.yml")
    assert _answer(git_repo, spy)[0] == 1


def test_a_record_saved_by_renaming_stays_on_the_quick_path(git_repo: Path, spy: Spy) -> None:
    # Editors that save by writing a new file and renaming it over the old change the folder's stat.
    path = git_repo / PERSON
    saved = path.with_name("zhang-li.yml.tmp")
    saved.write_text(path.read_text(encoding="utf-8").replace("零差错", "无差错"), encoding="utf-8")
    saved.replace(path)
    assert _answer(git_repo, spy) == (0, [PERSON])


def test_an_untracked_record_edited_after_it_was_indexed(git_repo: Path, spy: Spy) -> None:
    # git status --untracked-files=no never names it: its stamp does.
    new = git_repo / "submissions/datong/individuals/li-na.yml"
    text = (git_repo / PERSON).read_text(encoding="utf-8")
    new.write_text(text.replace("140105198805120048", "14010519880512006X"), encoding="utf-8")
    assert _answer(git_repo, spy)[0] == 1
    assert _answer(git_repo, spy) == (0, [])
    new.write_text(new.read_text(encoding="utf-8").replace("零差错", "无差错"), encoding="utf-8")
    assert _answer(git_repo, spy) == (0, ["submissions/datong/individuals/li-na.yml"])


def test_a_number_printed_on_a_hand_written_page(git_repo: Path, spy: Spy) -> None:
    # Somebody's mobile in a published text is a finding, unless the campaign prints it itself: the
    # hand-written pages are part of the rules' identity, so adding it there is never answered stale.
    _edit(git_repo, PERSON, "零差错、零投诉。", "零差错、零投诉，热线 13812345678。")
    assert _answer(git_repo, spy) == (0, [PERSON])
    problems, _ = quick.validate_quickly(
        git_repo, load(git_repo), TODAY, git_repo / ".awards-cache" / "check"
    )
    assert "private-number-in-public-text" in {p.code for p in problems}
    page = git_repo / "site" / "docs" / "hotline.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("# 咨询热线\n\n13812345678\n", encoding="utf-8")
    assert _answer(git_repo, spy)[0] == 1
    problems, _ = quick.validate_quickly(
        git_repo, load(git_repo), TODAY, git_repo / ".awards-cache" / "check"
    )
    assert "private-number-in-public-text" not in {p.code for p in problems}


def test_a_damaged_folders_file_is_a_miss(git_repo: Path, spy: Spy) -> None:
    from awards.core.atomic import seal, unseal

    path = git_repo / ".awards-cache" / "check" / quick.FOLDERS
    text = unseal(path.read_bytes())
    assert text is not None
    path.write_bytes(
        seal(text.replace(b'"paths":"', b'"paths":"extra\\n', 1))
    )  # sealed, but one path too many
    assert _answer(git_repo, spy)[0] == 1
    assert _answer(git_repo, spy) == (0, [])


def test_git_status_is_read_entry_by_entry() -> None:
    out = b"\0".join(
        [
            b"# branch.oid " + b"a" * 40,
            b"# branch.head main",
            b"1 .M N... 100644 100644 100644 "
            + b"b" * 40
            + b" "
            + b"b" * 40
            + b" submissions/taiyuan/windows/a b.yml",
            b"u UU N... 100644 100644 100644 100644 " + b"c" * 120 + b" submissions/taiyuan/unit.yml",
            b"? submissions/datong/individuals/new.yml",
            b"! submissions/datong/.DS_Store",
            b"",
        ]
    )
    out = out.replace(b"c" * 120, b" ".join([b"c" * 40] * 3))
    head, paths = gitstatus.parse_status(out)
    assert head == "a" * 40
    assert paths == [
        "submissions/taiyuan/windows/a b.yml",
        "submissions/taiyuan/unit.yml",
        "submissions/datong/individuals/new.yml",
    ]
    assert gitstatus.parse_status(b"# branch.oid (initial)\0")[0] is None  # nothing committed yet
    assert (
        gitstatus.parse_status(b"? submissions/nested/\0")[1] is None
    )  # a repository inside: not looked into
    assert gitstatus.parse_status(b"2 R. N... rename\0")[1] is None  # not asked for: not understood


def test_one_record_is_found_in_the_index_by_its_exact_path(tmp_path: Path) -> None:
    records = {
        "submissions/a/windows/x.yml": ["window", "a", "f1"],
        "submissions/a/windows/x.yml.yml": ["window", "a", "f2"],
        'submissions/a/windows/"引号".yml': ["window", "a", "f3"],
    }
    quick._write_index(tmp_path / "index", {"head": "h"}, records)
    index = quick._read_index(tmp_path / "index", {"head": "h"})
    assert index is not None
    assert {p: quick._indexed(index, p) for p in records} == records
    assert quick._indexed(index, "submissions/a/windows/y.yml") is None
    assert quick._read_index(tmp_path / "index", {"head": "other"}) is None
