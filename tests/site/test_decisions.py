"""The decisions file: each mistake a reviewer can make is reported at its line, with its code."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from awards.check import decisions
from awards.check.run import validate
from awards.rules.loader import load

TODAY = dt.date(2021, 9, 1)
WINDOWS = (
    "taiyuan/windows/xiaodian-shebao",
    "taiyuan/windows/city-12333",
    "datong/windows/yunzhou-jiuye",
    "datong/windows/pingcheng-zhongcai",
    "sx-shebao/windows/pension",
)


def problems(repo: Path) -> list[tuple[str, int, str]]:
    result = validate(repo, load(repo), TODAY)
    return [(p.code, p.line, p.message) for p in result.problems if p.path == "submissions/decisions.yml"]


def test_valid_decisions_pass_and_give_the_lists_in_order(
    repo: Path, write: Callable[[str, str], Path]
) -> None:
    write(
        "submissions/decisions.yml",
        "决定:\n"
        "  - {记录: datong/windows/yunzhou-jiuye, 决定: 推荐, 排序: 2}\n"
        "  - {记录: taiyuan/windows/xiaodian-shebao, 决定: 推荐, 排序: 1}\n"
        "  - {记录: taiyuan/windows/city-12333, 决定: 不推荐, 说明: 内部备注}\n"
        "  - {记录: taiyuan/individuals/zhang-li, 决定: 推荐, 排序: 1}\n",
    )
    assert problems(repo) == []
    result = validate(repo, load(repo), TODAY)
    lists = decisions.recommended(result.submissions)
    assert [d.record_id for d in lists["window"]] == [
        "taiyuan/windows/xiaodian-shebao",
        "datong/windows/yunzhou-jiuye",
    ]
    assert [d.record_id for d in lists["individual"]] == ["taiyuan/individuals/zhang-li"]


def test_no_decisions_file_is_fine(repo: Path) -> None:
    assert problems(repo) == []


def test_empty_list_is_a_valid_state(repo: Path, write: Callable[[str, str], Path]) -> None:
    write("submissions/decisions.yml", "决定:\n")
    assert problems(repo) == []


def test_unknown_record_suggests_the_close_one(repo: Path, write: Callable[[str, str], Path]) -> None:
    write(
        "submissions/decisions.yml",
        "决定:\n  - {记录: taiyuan/windows/xiaodian-shebo, 决定: 推荐, 排序: 1}\n",
    )
    [(code, line, message)] = problems(repo)
    assert (code, line) == ("decision-unknown-record", 2)
    assert "taiyuan/windows/xiaodian-shebao" in message


def test_value_must_be_recommend_or_not(repo: Path, write: Callable[[str, str], Path]) -> None:
    write(
        "submissions/decisions.yml",
        "决定:\n  - 记录: taiyuan/windows/xiaodian-shebao\n    决定: 同意\n    排序: 1\n",
    )
    assert [(c, ln) for c, ln, _ in problems(repo)] == [("decision-value", 3)]


def test_duplicate_record_points_at_the_first(repo: Path, write: Callable[[str, str], Path]) -> None:
    write(
        "submissions/decisions.yml",
        "决定:\n"
        "  - {记录: taiyuan/windows/xiaodian-shebao, 决定: 推荐, 排序: 1}\n"
        "  - {记录: taiyuan/windows/xiaodian-shebao, 决定: 不推荐}\n",
    )
    [(code, line, message)] = problems(repo)
    assert (code, line) == ("decision-duplicate", 3)
    assert "第 2 行" in message


def test_orders_must_be_one_to_n_without_repeats(repo: Path, write: Callable[[str, str], Path]) -> None:
    write(
        "submissions/decisions.yml",
        "决定:\n"
        "  - {记录: taiyuan/windows/xiaodian-shebao, 决定: 推荐, 排序: 1}\n"
        "  - {记录: taiyuan/windows/city-12333, 决定: 推荐, 排序: 1}\n"
        "  - {记录: datong/windows/yunzhou-jiuye, 决定: 推荐, 排序: 7}\n"
        # Individuals are ordered on their own: 1 again is fine.
        "  - {记录: taiyuan/individuals/zhang-li, 决定: 推荐, 排序: 1}\n",
    )
    found = problems(repo)
    assert [(c, ln) for c, ln, _ in found] == [("decision-order", 3), ("decision-order", 4)]
    assert "与第 2 行重复" in found[0][2]
    assert "1 到 3" in found[1][2]


def test_recommended_needs_an_order(repo: Path, write: Callable[[str, str], Path]) -> None:
    write(
        "submissions/decisions.yml",
        "决定:\n  - {记录: taiyuan/windows/xiaodian-shebao, 决定: 推荐}\n  - {记录: x, 决定: 推荐, 排序: 一}\n",
    )
    assert [(c, ln) for c, ln, _ in problems(repo)] == [("missing-key", 2), ("wrong-type", 3)]


def test_structure_mistakes(repo: Path, write: Callable[[str, str], Path]) -> None:
    write(
        "submissions/decisions.yml",
        "决定:\n  - taiyuan/windows/xiaodian-shebao\n  - {记录: a, 结论: 推荐}\n其他: 1\n",
    )
    codes = [(c, ln) for c, ln, _ in problems(repo)]
    assert codes == [("not-a-mapping", 2), ("missing-key", 3), ("unknown-key", 3), ("unknown-key", 4)]


def test_more_than_the_provincial_quota(repo: Path, write: Callable[[str, str], Path]) -> None:
    campaign = repo / "rules" / "campaign.yml"
    text = campaign.read_text(encoding="utf-8")
    campaign.write_text(
        text.replace(
            "province_total: {windows: 12, individuals: 5}", "province_total: {windows: 3, individuals: 5}"
        ),
        encoding="utf-8",
    )
    entries = "".join(f"  - {{记录: {r}, 决定: 推荐, 排序: {i}}}\n" for i, r in enumerate(WINDOWS, 1))
    write("submissions/decisions.yml", "决定:\n" + entries)
    found = problems(repo)
    assert [(c, ln) for c, ln, _ in found] == [("decision-over-quota", 5)]
    assert "推荐了 5 个优质服务窗口，超过全省名额 3 个" in found[0][2]
