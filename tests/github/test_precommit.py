"""pre-commit with the repository's own local hooks, in a temp git copy: nothing is downloaded.

The copy has a `.venv` (a link to the one running the tests) as `make setup` leaves it, and pre-commit
runs with a PATH that does *not* contain it: the hooks must work without activating the venv, as the
README's `.venv/bin/pre-commit install` promises.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.github.helpers import BIN, REPO, GitRepo, clean_env

COPIED = (
    "rules",
    "submissions",
    ".pre-commit-config.yaml",
    ".pre-commit-hooks.yaml",
    ".github/CODEOWNERS",
    ".gitignore",
    "site/docs/schemas",
    ".vscode/settings.json",
)


def path_without_the_venv() -> str:
    """The PATH of a shell where the venv was never activated (git and the shell tools, no awards)."""
    venv = BIN.resolve()
    dirs = [d for d in os.environ["PATH"].split(os.pathsep) if d and Path(d).resolve() != venv]
    path = os.pathsep.join(dirs)
    assert shutil.which("awards", path=path) is None, "测试要求 PATH 中没有 awards"
    assert shutil.which("git", path=path) is not None
    return path


@pytest.fixture
def copy(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "copy")
    for rel in COPIED:
        src, dst = REPO / rel, repo.root / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst)
        else:
            shutil.copyfile(src, dst)
    photos = REPO / "scripts" / "make_sample_photos.py"
    if photos.is_file():  # the sample's photos are generated, not necessarily committed
        (repo.root / "scripts").mkdir()
        shutil.copyfile(photos, repo.root / "scripts" / photos.name)
        subprocess.run(
            [sys.executable, str(repo.root / "scripts" / photos.name)], check=True, capture_output=True
        )
    # What `make setup` leaves: .venv/bin/awards (ignored by git, so never committed); a link to the
    # console script of the venv running the tests, whose #! line names that venv's python.
    (repo.root / ".venv" / "bin").mkdir(parents=True)
    (repo.root / ".venv" / "bin" / "awards").symlink_to(BIN / "awards")
    repo.commit("样例")
    assert repo.git("ls-files", ".venv") == ""
    return repo


def pre_commit(repo: GitRepo, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = clean_env(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), PATH=path_without_the_venv())
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        [str(BIN / "pre-commit"), "run", "--all-files", "--color", "never"],
        cwd=repo.root,
        env=env,
        capture_output=True,
        text=True,
    )


def test_manifest_and_config_are_valid() -> None:
    for command, name in (
        ("validate-config", ".pre-commit-config.yaml"),
        ("validate-manifest", ".pre-commit-hooks.yaml"),
    ):
        done = subprocess.run(
            [str(BIN / "pre-commit"), command, str(REPO / name)], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stdout + done.stderr


def test_passes_on_the_sample(copy: GitRepo, tmp_path: Path) -> None:
    done = pre_commit(copy, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "检查推荐材料（awards validate）" in done.stdout and "Passed" in done.stdout


def test_the_local_hooks_call_the_venvs_awards() -> None:
    config = (REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    entries = [ln.split("entry:", 1)[1].strip() for ln in config.splitlines() if "entry:" in ln]
    assert entries and all(e.startswith(".venv/bin/awards ") for e in entries)


def test_without_make_setup_the_hook_says_what_is_missing(copy: GitRepo, tmp_path: Path) -> None:
    shutil.rmtree(copy.root / ".venv")
    done = pre_commit(copy, tmp_path)
    assert done.returncode == 1
    assert "Executable `.venv/bin/awards` not found" in done.stdout


def test_fails_on_a_broken_record(copy: GitRepo, tmp_path: Path) -> None:
    record = sorted((copy.root / "submissions").glob("*/windows/*.yml"))[0]
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("无违法违纪承诺: true", "无违法违纪承诺: false"), encoding="utf-8")
    copy.git("add", "-A")
    done = pre_commit(copy, tmp_path)
    assert done.returncode == 1
    rel = record.relative_to(copy.root).as_posix()
    assert f"{rel}:" in done.stdout and "[attestation]" in done.stdout


def test_rewrites_an_alias_and_passes_the_second_time(copy: GitRepo, tmp_path: Path) -> None:
    record = sorted((copy.root / "submissions").glob("*/individuals/*.yml"))[0]
    text = record.read_text(encoding="utf-8")
    assert "民族: 汉族\n" in text
    record.write_text(text.replace("民族: 汉族\n", "民族: 汉  # 别名\n"), encoding="utf-8")
    copy.git("add", "-A")
    done = pre_commit(copy, tmp_path)
    assert done.returncode == 1  # pre-commit fails a hook that modified files, for the clerk to look
    assert "files were modified by this hook" in done.stdout
    assert record.read_text(encoding="utf-8") == text.replace("民族: 汉族\n", "民族: 汉族  # 别名\n")
    copy.git("add", "-A")
    again = pre_commit(copy, tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr


def test_fails_when_codeowners_is_stale(copy: GitRepo, tmp_path: Path) -> None:
    units = copy.root / "rules" / "units.yml"
    units.write_text(
        units.read_text(encoding="utf-8").replace("org: sx-rst-awards", "org: another-org"), encoding="utf-8"
    )
    copy.git("add", "-A")
    done = pre_commit(copy, tmp_path)
    assert done.returncode == 1
    assert ".github/CODEOWNERS 与 rules/units.yml 不一致" in done.stdout


def test_fails_when_the_editor_schemas_are_stale(copy: GitRepo, tmp_path: Path) -> None:
    vocab = copy.root / "rules" / "vocabularies.yml"
    text = vocab.read_text(encoding="utf-8")
    assert "values: [男, 女]" in text
    vocab.write_text(text.replace("values: [男, 女]", "values: [男, 女, 未说明]"), encoding="utf-8")
    copy.git("add", "-A")
    done = pre_commit(copy, tmp_path)
    assert done.returncode == 1
    assert (
        "awards schema --write" in done.stdout and "site/docs/schemas/individual.schema.json" in done.stdout
    )
