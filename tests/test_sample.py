"""The bundled sample campaign: complete, fictional, and clean at every point of the campaign clock."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pytest
from stdnum.cn import ric

from awards.check.deeds import char_count
from awards.check.run import validate
from awards.rules.loader import load
from tests.conftest import REPO


@pytest.mark.parametrize("today", [dt.date(2021, 8, 20), dt.date(2021, 9, 1), dt.date.today()])
def test_sample_passes_without_a_single_problem(today: dt.date) -> None:
    rules = load(REPO)
    result = validate(REPO, rules, today)
    assert [f"{p.path}:{p.line} {p.code}" for p in result.problems] == []


def test_sample_shape() -> None:
    rules = load(REPO)
    subs = validate(REPO, rules, dt.date(2021, 8, 20)).submissions
    for unit in rules.units.values():
        windows = [d for d in subs.records("window") if d.unit == unit.code]
        individuals = [d for d in subs.records("individual") if d.unit == unit.code]
        if unit.kind == "city":
            assert (len(windows), len(individuals)) == (2, 1), unit.code
        else:
            assert windows, unit.code


def test_sample_prose_is_near_the_limits_and_ids_are_valid() -> None:
    rules = load(REPO)
    subs = validate(REPO, rules, dt.date(2021, 8, 20)).submissions
    records = subs.records("window") + subs.records("individual")
    for doc in records:
        assert doc.data is not None
        assert 1500 <= char_count(doc.data["主要事迹"]) <= 2000, doc.path
        assert 350 <= char_count(doc.data["简要事迹"]) <= 500, doc.path
    for doc in subs.records("individual"):
        assert doc.data is not None
        assert ric.is_valid(doc.data["身份证号"]), doc.path


def test_make_site_command_exits_zero() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "awards.cli", "validate"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert re.fullmatch(r"检查了 \d+ 个文件，没有发现问题。\n", out.stderr)
