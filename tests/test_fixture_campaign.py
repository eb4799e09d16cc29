"""The fixture campaign is valid: every invalid case below is one deliberate change away from it."""

from __future__ import annotations

from pathlib import Path

from awards.check.run import validate
from awards.rules.loader import load
from tests.conftest import BEFORE_DEADLINES


def test_fixture_campaign_is_clean_before_and_after_deadlines(repo: Path) -> None:
    rules = load(repo)
    for today in (BEFORE_DEADLINES, rules.date("reference_date")):
        assert today is not None
        result = validate(repo, rules, today)
        assert result.problems == []
        assert result.files_checked == 12
