"""`awards new`: the commented template passes the checker once its blanks are filled."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from awards import cli
from awards.check.run import validate
from awards.rules.loader import load
from tests.conftest import BEFORE_DEADLINES

FILLS = {
    "window": {
        "窗口名称": "山西省太原市迎泽区社会保险服务窗口",
        "窗口类别": "社会保险经办",
        "窗口性质": "事业单位",
        "窗口级别": "县级",
        "姓名": "周敏",
        "单位及职务": "迎泽区社会保险中心主任",
        "联系电话": "0351-4012345",
        "窗口所属单位名称": "太原市迎泽区社会保险中心",
        "窗口所属单位行政级别": "正科级",
        "简要事迹": "窗口推行“一次办好”，群众满意率 99%。",
        "主要事迹": "窗口梳理事项 60 项，推行告知承诺制。",
        "无违法违纪承诺": "true",
        "无作风问题承诺": "true",
        "开始": "2021-08-02",
        "结束": "2021-08-06",
    },
    "individual": {
        "姓名": "张丽",
        "性别": "女",
        "民族": "汉族",
        "政治面貌": "中共党员",
        "学历学位": "大学本科/学士",
        "身份证号": "140105198805120048",
        "工作单位": "山西省太原市小店区社会保险服务窗口",
        "单位性质": "事业单位",
        "职务": "经办员",
        "行政级别": "科员",
        "职称": "无",
        "在职工作人员": "true",
        "参加人社工作时间": "2010-07",
        "到窗口工作时间": "2014-03",
        "联系电话": "13935112345",
        "简要事迹": "扎根窗口七年，零差错。",
        "主要事迹": "熟悉政策，创新延时服务。",
        "照片": "photos/zhang-li.jpg",
        "开始": "2021-08-02",
        "结束": "2021-08-06",
    },
}
_BLANK = re.compile(r"^(\s*)([^\s#:]+):\s*(\|)?\s*$")


def fill(template: str, values: dict[str, str]) -> str:
    out, pending = [], None
    for line in template.splitlines():
        if pending is not None and not line.strip():
            out.append(line + pending)
            pending = None
            continue
        m = _BLANK.match(line)
        if m and m.group(2) in values:
            if m.group(3):
                pending = values[m.group(2)]
                out.append(line)
            else:
                out.append(f"{line.rstrip()} {values[m.group(2)]}")
            continue
        out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize(
    ("kind", "removed", "target"),
    [
        ("window", "windows/city-12333.yml", "windows/yingze.yml"),
        ("individual", "individuals/zhang-li.yml", "individuals/zhang-li-2.yml"),
    ],
)
def test_filled_template_passes(repo: Path, kind: str, removed: str, target: str) -> None:
    (repo / "submissions" / "taiyuan" / removed).unlink()
    slug = Path(target).stem
    assert cli.main(["new", kind, "--unit", "taiyuan", "--slug", slug, "--root", str(repo)]) == 0
    path = repo / "submissions" / "taiyuan" / target
    blank = path.read_text(encoding="utf-8")
    rules = load(repo)
    rel = path.relative_to(repo).as_posix()
    unfilled = {p.code for p in validate(repo, rules, BEFORE_DEADLINES).problems if p.path == rel}
    assert "empty-value" in unfilled  # the blanks are blanks, not guesses
    path.write_text(fill(blank, FILLS[kind]), encoding="utf-8")
    assert validate(repo, rules, BEFORE_DEADLINES).problems == []


def test_new_refuses_to_overwrite_and_unknown_units(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["new", "window", "--unit", "taiyuan", "--slug", "city-12333", "--root", str(repo)]
    assert cli.main(args) == 2
    assert "已存在" in capsys.readouterr().err
    assert cli.main(["new", "window", "--unit", "beijing", "--root", str(repo)]) == 2
    assert cli.main(["new", "window", "--unit", "taiyuan", "--slug", "Bad_Name", "--root", str(repo)]) == 2


def test_new_contact_form(repo: Path) -> None:
    (repo / "submissions" / "datong" / "unit.yml").unlink()
    assert cli.main(["new", "unit", "--unit", "datong", "--root", str(repo)]) == 0
    text = (repo / "submissions" / "datong" / "unit.yml").read_text(encoding="utf-8")
    assert "# 单位：推荐单位全称" in text and "办公电话:" in text


@pytest.mark.parametrize("kind", ["window", "individual"])
def test_each_attestation_says_once_how_to_confirm_it(repo: Path, kind: str) -> None:
    from awards.rules.template import render

    rules = load(repo)
    attestations = [
        n for n, r in rules.schemas[kind].items() if (r.get("meta") or {}).get("check") == "attestation"
    ]
    assert attestations
    lines = render(rules, kind).splitlines()
    for name in attestations:
        (comment,) = [line for line in lines if line.startswith(f"# {name}")]
        assert comment.count("填 true") == 1, comment
