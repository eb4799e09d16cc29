"""Valid rules are read back from JSON; a cached verdict is never served for other bytes or other code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from awards.core.atomic import seal, unseal
from awards.rules import cache as rules_cache
from awards.rules.loader import RulesError, load
from tests.conftest import build_repo, copy_rules


@pytest.fixture
def rules_root(tmp_path: Path) -> Path:
    copy_rules(tmp_path)
    return tmp_path


def test_warm_load_gives_the_same_rules(rules_root: Path) -> None:
    cache = rules_root / ".awards-cache" / "rules"
    cold = load(rules_root, cache=cache)
    assert len(list(cache.glob("*.json"))) == 1
    warm = load(rules_root, cache=cache)
    assert warm == cold  # every field, down to the line numbers of checks.yml
    # And it really is the stored verdict that was read, not the files parsed again.
    (stored,) = cache.glob("*.json")
    text = unseal(stored.read_bytes())
    assert text is not None
    stored.write_bytes(seal(text.replace("太原市".encode(), "晋阳市".encode())))
    names = [u.name for u in load(rules_root, cache=cache).units.values()]
    assert "晋阳市人力资源和社会保障局" in names


def test_a_damaged_verdict_is_a_miss(rules_root: Path) -> None:
    cache = rules_root / ".awards-cache" / "rules"
    expected = load(rules_root, cache=cache)
    (stored,) = cache.glob("*.json")
    # Still JSON, and still valid rules: only the checksum tells that these are not the bytes written.
    stored.write_bytes(stored.read_bytes().replace("太原市".encode(), "晋阳市".encode()))
    assert load(rules_root, cache=cache) == expected


def test_a_changed_rules_file_is_checked_again(rules_root: Path) -> None:
    cache = rules_root / ".awards-cache" / "rules"
    load(rules_root, cache=cache)
    campaign = rules_root / "rules" / "campaign.yml"
    campaign.write_text(
        campaign.read_text(encoding="utf-8").replace("service_years_min: 3", "service_years_min: 三年"),
        encoding="utf-8",
    )
    with pytest.raises(RulesError):
        load(rules_root, cache=cache)
    assert len(list(cache.glob("*.json"))) == 1  # broken rules are never stored


def test_other_code_does_not_use_the_verdict(rules_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = rules_root / ".awards-cache" / "rules"
    load(rules_root, cache=cache)
    (first,) = cache.glob("*.json")
    monkeypatch.setattr(rules_cache, "code_fingerprint", lambda: "another version")
    load(rules_root, cache=cache)
    (second,) = cache.glob("*.json")  # the old verdict is replaced, not kept beside the new one
    assert second != first


@pytest.mark.parametrize(
    "content", ["", "{not json", '["a list"]', '{"data": {}, "check_lines": {}}', "[" * 100_000]
)
def test_an_unreadable_cache_is_a_miss(rules_root: Path, content: str) -> None:
    cache = rules_root / ".awards-cache" / "rules"
    expected = load(rules_root, cache=cache)
    (stored,) = cache.glob("*.json")
    stored.write_text(content, encoding="utf-8")
    assert load(rules_root, cache=cache) == expected


def _validate(root: Path, *extra: str, ci: bool = False) -> None:
    env = {k: v for k, v in os.environ.items() if k != "CI"} | ({"CI": "true"} if ci else {})
    cmd = [sys.executable, "-m", "awards.cli", "validate", "--root", str(root), "--today", "2021-08-20"]
    subprocess.run([*cmd, *extra], env=env, capture_output=True, check=True)


def test_the_command_keeps_it_except_in_ci_or_when_told_not_to(tmp_path: Path) -> None:
    root = build_repo(tmp_path / "repo")
    cache = root / ".awards-cache" / "rules"
    _validate(root, ci=True)
    _validate(root, "--no-cache")
    assert not cache.exists()
    _validate(root)
    assert len(list(cache.glob("*.json"))) == 1


def test_the_campaigns_own_numbers_come_back_from_the_cache(
    rules_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = rules_root / ".awards-cache" / "rules"
    page = rules_root / "site" / "docs" / "hotline.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("# 咨询热线\n\n13812345678\n", encoding="utf-8")
    cold = load(rules_root, cache=cache)
    assert "13812345678" in cold.published_numbers
    from awards.rules import private

    def refuse(texts: object) -> frozenset[str]:
        raise AssertionError("the warm load must not read rules/ and site/docs/ for numbers again")

    monkeypatch.setattr(private, "numbers_in", refuse)
    assert load(rules_root, cache=cache).published_numbers == cold.published_numbers
    monkeypatch.undo()
    page.write_text("# 咨询热线\n\n13812345679\n", encoding="utf-8")  # a hand-written page changed
    changed = load(rules_root, cache=cache)
    assert changed.fingerprint != cold.fingerprint
    assert "13812345679" in changed.published_numbers and "13812345678" not in changed.published_numbers
