"""The 统计 page prints only words from the vocabularies, and before the publicity only counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from awards.rules.loader import Rules, load
from awards.site import charts
from awards.site.model import Entry, Stage

REPO = Path(__file__).resolve().parents[2]
UNIT = "太原市人力资源和社会保障局"


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load(REPO)


def _lists(rules: Rules) -> dict[str, list[Entry]]:
    window = rules.kinds["window"].name_field
    person = rules.kinds["individual"].name_field
    windows = [
        Entry(
            "window", 1, UNIT, (("窗口名称", "甲窗口"), ("窗口级别", "乡镇"), ("窗口类别", "信访")), window
        ),
        Entry(
            "window",
            2,
            UNIT,
            (("窗口名称", "乙窗口"), ("窗口级别", "0351-7236418"), ("窗口类别", "张三办")),
            window,
        ),
    ]
    people = [
        Entry("individual", 1, UNIT, (("姓名", "王五"), ("性别", "男性"), ("民族", "汉族")), person),
        Entry("individual", 2, UNIT, (("姓名", "赵六"), ("性别", "13834561207"), ("民族", "李四族")), person),
    ]
    return {"window": windows, "individual": people}


def test_only_vocabulary_words_are_printed(rules: Rules) -> None:
    page = charts.page(rules, Stage.DURING, _lists(rules))
    for raw in ("0351-7236418", "张三办", "13834561207", "李四族", "男性"):
        assert raw not in page, raw
    assert "乡镇（街道）" in page and "信访" in page and "汉族" in page
    assert charts.UNLISTED in page
    # the alias 乡镇 counts as the grassroots level it stands for
    assert "县级、乡镇（街道）和社区窗口 1 个" in page


def test_before_the_publicity_only_counts(rules: Rules) -> None:
    page = charts.page(rules, Stage.BEFORE, _lists(rules))
    assert "共有优质服务窗口 2 个" in page and UNIT in page
    for value in ("乡镇", "信访", "汉族", "男", "窗口级别", "民族"):
        assert value not in page.split("## 地区分布")[1], value


def test_canonical_spelling() -> None:
    vocab = load(REPO).vocab["gender"]
    assert charts.canonical("女", vocab) == "女"
    assert charts.canonical("女性", vocab) == "女"
    assert charts.canonical("女 ", vocab) == charts.UNLISTED


def test_counts_follow_the_vocabulary_order_with_the_unlisted_last(rules: Rules) -> None:
    lists = _lists(rules)
    level = rules.vocab["window_level"]
    counted = charts._count(lists["window"], "窗口级别", level)
    assert counted == [("乡镇（街道）", 1), (charts.UNLISTED, 1)]
    gender = charts._count(lists["individual"] * 3, "性别", rules.vocab["gender"])
    assert gender == [("男", 3), (charts.UNLISTED, 3)]  # 男性 is an alias of 男
    assert charts._count([], "性别", rules.vocab["gender"]) == []
