"""The command line as a user meets it: exact output in every format, exit codes, finding the repository."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from awards import cli
from tests.cases import Case
from tests.conftest import FIXTURES

AWARDS = [sys.executable, "-m", "awards.cli"]
UNIT = "submissions/taiyuan/unit.yml"
TEXT = (
    f"{UNIT}:1:5: warning: 单位名称“太原市人社局”与登记的“太原市人力资源和社会保障局”不一致，请核实。 [unit-full-name]\n"
    f"{UNIT}:5:9: error: “办公电话”的“13934561234”不是有效的带区号的座机号码。 [phone-format]\n"
    f"{UNIT}:7:7: error: “邮箱”的“tyrsj-rsk.example.org”不是有效的电子邮箱地址。 [email-format]\n"
)
SUMMARY = "检查了 12 个文件：2 个错误，1 个警告。未通过\n"


def run(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    return subprocess.run(
        [*AWARDS, *args], cwd=cwd, capture_output=True, text=True, env={**base, **(env or {})}, check=False
    )


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    root = tmp_path / "campaign"
    Case(FIXTURES / "invalid" / "unit-contact-form").build(root)
    return root


def test_text_output_is_exact(broken: Path) -> None:
    out = run(broken, "validate", "--today", "2021-08-10")
    assert (out.returncode, out.stdout, out.stderr) == (1, TEXT, SUMMARY)


def test_github_annotations_are_exact_and_chosen_on_actions(broken: Path) -> None:
    out = run(broken, "validate", "--today", "2021-08-10", env={"GITHUB_ACTIONS": "true"})
    assert out.returncode == 1
    assert out.stdout == (
        f"::warning file={UNIT},line=1,col=5,title=unit-full-name::单位名称“太原市人社局”与登记的“太原市人力资源和社会保障局”不一致，请核实。\n"
        f"::error file={UNIT},line=5,col=9,title=phone-format::“办公电话”的“13934561234”不是有效的带区号的座机号码。\n"
        f"::error file={UNIT},line=7,col=7,title=email-format::“邮箱”的“tyrsj-rsk.example.org”不是有效的电子邮箱地址。\n"
    )


def test_json_report_is_exact(broken: Path) -> None:
    out = run(broken, "validate", "--today", "2021-08-10", "--format", "json")
    assert out.returncode == 1
    report = json.loads(out.stdout)
    assert report == {
        "version": 1,
        "files_checked": 12,
        "errors": 2,
        "warnings": 1,
        "problems": [
            {
                "path": UNIT,
                "line": 1,
                "col": 5,
                "severity": "warning",
                "code": "unit-full-name",
                "message": "单位名称“太原市人社局”与登记的“太原市人力资源和社会保障局”不一致，请核实。",
            },
            {
                "path": UNIT,
                "line": 5,
                "col": 9,
                "severity": "error",
                "code": "phone-format",
                "message": "“办公电话”的“13934561234”不是有效的带区号的座机号码。",
            },
            {
                "path": UNIT,
                "line": 7,
                "col": 7,
                "severity": "error",
                "code": "email-format",
                "message": "“邮箱”的“tyrsj-rsk.example.org”不是有效的电子邮箱地址。",
            },
        ],
    }


def test_output_file_gets_the_report(broken: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    out = run(broken, "validate", "--today", "2021-08-10", "--output", str(target))
    assert (out.returncode, out.stdout) == (1, "")
    assert target.read_text(encoding="utf-8") == TEXT


def test_clean_campaign_exits_zero_and_says_so(repo: Path) -> None:
    out = run(repo, "validate", "--today", "2021-08-10")
    assert (out.returncode, out.stdout, out.stderr) == (0, "", "检查了 12 个文件，没有发现问题。\n")


def test_warnings_alone_do_not_fail(repo: Path) -> None:
    Case(FIXTURES / "invalid" / "rank-above-section").build(repo.parent / "w")
    out = run(repo.parent / "w", "validate", "--today", "2021-08-10")
    assert out.returncode == 0
    assert out.stderr == "检查了 12 个文件：0 个错误，1 个警告。通过（有警告，请核实）\n"


def test_found_from_a_subfolder_like_git(broken: Path) -> None:
    out = run(broken / "submissions" / "taiyuan" / "windows", "validate", "--today", "2021-08-10")
    assert (out.returncode, out.stdout) == (1, TEXT)


def test_root_option(broken: Path, tmp_path: Path) -> None:
    out = run(tmp_path, "validate", "--today", "2021-08-10", "--root", str(broken))
    assert (out.returncode, out.stdout) == (1, TEXT)


def test_outside_a_repository_is_a_usage_error_not_the_install_folder(tmp_path: Path) -> None:
    out = run(tmp_path, "validate")
    assert out.returncode == 2
    assert "找不到评选仓库" in out.stderr
    assert "Traceback" not in out.stderr


def test_usage_errors_exit_2_in_chinese(repo: Path) -> None:
    out = run(repo, "validate", "--today", "2021-13-01")
    assert out.returncode == 2
    assert "命令用法错误" in out.stderr and "不是日期" in out.stderr
    out = run(repo, "frobnicate")
    assert out.returncode == 2


def test_broken_rules_file_exits_2_with_its_line(repo: Path) -> None:
    campaign = repo / "rules" / "campaign.yml"
    text = campaign.read_text(encoding="utf-8")
    campaign.write_text(
        text.replace("reference_date: 2021-08-23", "reference_date: 2021年8月23日"), encoding="utf-8"
    )
    out = run(repo, "validate")
    line = text.splitlines().index("reference_date: 2021-08-23") + 1
    assert out.returncode == 2
    assert out.stderr.startswith(
        f"rules/campaign.yml:{line}:1: error: 规则文件有误：reference_date：“2021年8月23日”格式不对，日期请写成 2021-08-23 [rules-invalid]\n"
    )
    assert "Traceback" not in out.stderr


def test_unparseable_rules_file_exits_2(repo: Path) -> None:
    (repo / "rules" / "ranks.yml").write_text("tiers: [unclosed\n", encoding="utf-8")
    out = run(repo, "validate")
    assert out.returncode == 2
    assert out.stderr.startswith("rules/ranks.yml:")


def test_internal_error_exits_3_without_a_traceback(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def explode(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("awards.check.run.validate", explode)
    monkeypatch.delenv("AWARDS_DEBUG", raising=False)
    assert cli.main(["validate", "--root", str(repo)]) == 3
    err = capsys.readouterr().err
    assert "内部错误" in err and "Traceback" not in err and "boom" not in err


def test_status_table(repo: Path) -> None:
    out = run(repo, "status", "--today", "2021-08-10")
    assert out.returncode == 0
    assert out.stdout == (
        "代码       单位                        窗口       个人       联系表  错误  警告\n"
        "taiyuan    太原市人力资源和社会保障局  2/2        1/1        已交    0     0\n"
        "datong     大同市人力资源和社会保障局  2/2        1/1        已交    0     0\n"
        "sx-shebao  山西省社会保险中心          1（不限）  0（不限）  已交    0     0\n"
        "合计：窗口 5 个，个人 2 名。\n"
    )


def test_status_counts_problems_per_unit(broken: Path) -> None:
    out = run(broken, "status", "--today", "2021-08-10", "--format", "json")
    rows = {r["code"]: r for r in json.loads(out.stdout)}
    assert (rows["taiyuan"]["errors"], rows["taiyuan"]["warnings"]) == (2, 1)
    assert (rows["datong"]["errors"], rows["datong"]["warnings"]) == (0, 0)


def test_validate_path_loads_no_heavy_library(repo: Path) -> None:
    """A pre-commit hook must feel instant: checking never imports pandas, WeasyPrint, MkDocs or jieba."""
    code = (
        "import sys; from awards import cli; cli.main(['validate', '--root', sys.argv[1]]);"
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'pandas', 'weasyprint', 'mkdocs', 'material', 'openpyxl', 'jieba', 'selenium', 'docx', 'pypinyin'}))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(repo)], capture_output=True, text=True, check=True)
    assert out.stdout == "[]\n"


def test_symlinked_record_is_refused_not_followed(repo: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yml"
    secret.write_text("token: s3cr3t-value\n", encoding="utf-8")
    (repo / "submissions" / "taiyuan" / "windows" / "link.yml").symlink_to(secret)
    out = run(repo, "validate", "--today", "2021-08-10")
    assert out.returncode == 1
    assert out.stdout == (
        "submissions/taiyuan/windows/link.yml:1:1: error: 这个文件放错了位置：不能是符号链接，请放入文件本身。 [stray-file]\n"
    )
    assert "s3cr3t" not in out.stdout + out.stderr


def test_invisible_characters_are_spelled_out(repo: Path) -> None:
    record = repo / "submissions" / "datong" / "individuals" / "ma-wen.yml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("民族: 回族", "民族: 回\u202e族"), encoding="utf-8"
    )
    out = run(repo, "validate", "--today", "2021-08-10")
    assert "民族“回\\u202e族”不是规范写法" in out.stdout
    assert "\u202e" not in out.stdout
