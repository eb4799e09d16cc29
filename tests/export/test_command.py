"""`awards export` on the command line: exit codes, the folder, partial exports, what validate loads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from awards import cli
from tests.export.fixture import TODAY


def _export(root: Path, *extra: str) -> int:
    return cli.main(["export", "--root", str(root), "--today", TODAY, *extra])


def test_clean_export_writes_everything(exported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = {
        "taiyuan": [
            "初审推荐工作报告（草稿）.md", "初审推荐工作报告（草稿）.pdf", "材料清单（初审）.md", "材料清单（初审）.pdf",
            "附件4-优质服务先进个人征求意见表-li-jia-hui.pdf",
            "附件5-优质服务窗口推荐对象汇总表.pdf", "附件5-优质服务窗口推荐对象汇总表.xlsx",
            "附件6-优质服务先进个人推荐对象汇总表.pdf", "附件6-优质服务先进个人推荐对象汇总表.xlsx",
        ],
        "全省": [
            "材料清单（初审）汇总.md", "材料清单（初审）汇总.pdf",
            "附件5-优质服务窗口推荐对象汇总表.pdf", "附件5-优质服务窗口推荐对象汇总表.xlsx",
            "附件6-优质服务先进个人推荐对象汇总表.pdf", "附件6-优质服务先进个人推荐对象汇总表.xlsx",
            "附件7-评选工作联系表.pdf", "附件7-评选工作联系表.xlsx", "全省推荐情况统计.xlsx",
        ],
        "shuozhou": ["材料清单（初审）.md", "材料清单（初审）.pdf"],
    }  # fmt: skip
    for folder, names in expected.items():
        assert sorted(p.name for p in (exported / folder).iterdir()) == sorted(names)
    assert not (exported / "sx-shebao").exists()


def test_errors_still_export_but_exit_1(fresh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = fresh / "submissions" / "datong" / "individuals" / "ma-jian-jun.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("140202198805111017", "140202198805111018"))
    assert _export(fresh, "--unit", "datong") == 1
    assert "1 处错误" in capsys.readouterr().err
    assert (fresh / "exports" / "datong" / "附件6-优质服务先进个人推荐对象汇总表.xlsx").is_file()
    # Errors in another unit do not fail an export of this one.
    assert _export(fresh, "--unit", "taiyuan") == 0


def test_partial_export_and_stale_files(fresh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _export(fresh, "--unit", "taiyuan") == 0
    out = capsys.readouterr().out
    assert "个人信息" in out and "exports/" in out
    exports = fresh / "exports"
    assert sorted(p.name for p in exports.iterdir()) == [".awards-exports", "taiyuan"]
    stale = exports / "taiyuan" / "附件4-优质服务先进个人征求意见表-someone-gone.pdf"
    stale.write_bytes(b"")
    (exports / "datong").mkdir()
    (exports / "datong" / "kept.md").write_text("x", encoding="utf-8")
    assert _export(fresh, "--unit", "taiyuan", "--unit", "taiyuan") == 0
    assert not stale.exists()
    assert (exports / "datong" / "kept.md").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--unit", "nowhere"], "不是已登记的单位代码"),
        (["--out", "submissions/taiyuan/out"], "不在 exports/ 下"),
        (["--out", "public"], "不在 exports/ 下"),
        (["--out", "."], "不在 exports/ 下"),
    ],
)
def test_usage_errors_exit_2(
    fresh: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(fresh)  # relative --out paths resolve inside the test campaign, never this repository
    assert cli.main(["export", "--today", TODAY, *args]) == 2
    assert message in capsys.readouterr().err
    assert not (fresh / "submissions" / "taiyuan" / "out").exists()
    assert not (fresh / "public").exists()


def test_out_elsewhere_and_inside_exports(
    fresh: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(fresh)
    assert _export(fresh, "--unit", "datong", "--out", "exports/datong-only") == 0
    assert (fresh / "exports" / "datong-only" / "datong" / "附件5-优质服务窗口推荐对象汇总表.xlsx").is_file()
    assert _export(fresh, "--unit", "datong", "--out", str(tmp_path / "outside")) == 0
    assert (tmp_path / "outside" / "datong" / "附件5-优质服务窗口推荐对象汇总表.xlsx").is_file()


def test_foreign_out_folder_is_not_overwritten(
    fresh: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "a.txt").write_text("keep", encoding="utf-8")
    assert _export(fresh, "--unit", "taiyuan", "--out", str(foreign)) == 2
    assert "不会覆盖" in capsys.readouterr().err
    assert (foreign / "a.txt").read_text(encoding="utf-8") == "keep"


def test_missing_exports_rules_is_a_configuration_error(
    fresh: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (fresh / "rules" / "exports.yml").unlink()
    assert _export(fresh) == 2
    assert "rules/exports.yml" in capsys.readouterr().err


def test_validate_does_not_load_the_export_stack(fresh: Path) -> None:
    code = (
        "import sys; from awards import cli; "
        f"rc = cli.main(['validate', '--root', {str(fresh)!r}, '--today', {TODAY!r}]); "
        "heavy = sorted(m for m in ('openpyxl', 'weasyprint', 'jinja2', 'markdown') if m in sys.modules); "
        "print(heavy); sys.exit(rc)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
