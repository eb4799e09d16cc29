"""`awards`: the thin command line over load → check → export / render → publish.

Exit codes: 0 clean (warnings allowed), 1 problems found, 2 usage or rules error, 3 internal error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from awards import __version__
from awards.core.errors import EXIT_INTERNAL, EXIT_USAGE, Refusal
from awards.core.reporter import FORMATS
from awards.rules.kinds import NOMINEES, UNIT

# argparse speaks English and has no catalogue for Chinese; these are the phrases a user actually meets.
_ARGPARSE_ZH = (
    ("usage: ", "用法："),
    ("options:", "选项："),
    ("positional arguments:", "参数："),
    ("show this help message and exit", "显示帮助并退出"),
    ("show program's version number and exit", "显示版本并退出"),
    ("the following arguments are required: ", "缺少参数："),
    ("unrecognized arguments: ", "不认识的参数："),
    ("expected one argument", "后面要写一个值"),
    ("invalid choice: ", "不是可选的值："),
    ("(choose from ", "（可选："),
    ("argument ", "参数 "),
)


def _zh(text: str) -> str:
    for en, zh in _ARGPARSE_ZH:
        text = text.replace(en, zh)
    return text


class _Parser(argparse.ArgumentParser):
    def format_usage(self) -> str:
        return _zh(super().format_usage())

    def format_help(self) -> str:
        return _zh(super().format_help())

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write(f"awards: 命令用法错误：{_zh(message)}\n")
        raise SystemExit(EXIT_USAGE)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是日期，请写成 2021-08-23") from None


def build_parser(extensions: bool = True) -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("--root", type=Path, help="评选仓库目录（默认：从当前目录向上查找）")
    common.add_argument("--today", type=_date, help="评选时钟：按这一天判断截止日期和阶段（默认：今天）")

    parser = _Parser(prog="awards", description="人社系统评选推荐：记录检查、汇总与公示。")
    parser.add_argument("--version", action="version", version=f"awards {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    v = sub.add_parser("validate", parents=[common], help="检查全部推荐记录")
    default_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    v.add_argument("--format", choices=FORMATS, default=default_format, help="输出格式")
    v.add_argument("--output", type=Path, help="把报告写入文件（默认：标准输出）")
    v.add_argument(
        "--no-cache", action="store_true", help="不使用检查缓存（.awards-cache/），逐个文件重新检查"
    )

    s = sub.add_parser("status", parents=[common], help="各单位报送情况一览")
    s.add_argument("--format", choices=("text", "markdown", "json"), default="text")

    n = sub.add_parser("new", parents=[common], help="生成一份带说明的空白记录")
    n.add_argument(
        "kind",
        choices=(*NOMINEES, UNIT),
        help="window 窗口 / individual 个人 / unit 联系表（rules/kinds.yml）",
    )
    n.add_argument("--unit", required=True, help="单位代码，如 taiyuan")
    n.add_argument("--slug", help="文件名（小写英文、数字、短横线），如 zhang-san")

    f = sub.add_parser(
        "fix", parents=[common], help="把意思明确的非规范写法改成规范写法（别名、全角数字、日期）"
    )
    f.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="记录文件或文件夹（默认：submissions/）"
    )
    f.add_argument("--check", action="store_true", help="只检查不改写；有需要改写的就以 1 退出")
    if extensions:
        _register_extensions(sub, common)
    return parser


def _lazy(module: str) -> Callable[[argparse.Namespace], int]:
    """The handler `run` of a command module, imported only when that command runs."""

    def handler(args: argparse.Namespace) -> int:
        run: Callable[[argparse.Namespace], int] = importlib.import_module(module).run
        return run(args)

    return handler


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "validate": _lazy("awards.commands.validate"),
    "status": _lazy("awards.commands.status"),
    "new": _lazy("awards.commands.new"),
    "fix": _lazy("awards.commands.fix"),
}

_CORE = frozenset(COMMANDS)

# Later pipeline stages plug in here: each module has `register(sub, common) -> {name: handler}`.
# They are imported only when present so that the validate path never loads pandas, WeasyPrint or MkDocs.
EXTENSIONS = (
    "awards.commands.export",
    "awards.commands.build",
    "awards.commands.github",
    "awards.commands.import_",
    "awards.commands.schema",
)


def _register_extensions(sub: Any, common: argparse.ArgumentParser) -> None:
    for name in EXTENSIONS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is not None and name.startswith(exc.name):
                continue  # that stage is not installed in this tree
            raise
        COMMANDS.update(module.register(sub, common))


def _core_command(argv: Sequence[str]) -> bool:
    """The command is one of the four above (no extension needs importing to parse or run it)."""
    first = next((a for a in argv if not a.startswith("-")), None)
    return first in _CORE


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Registering the later stages imports them (a tenth of a second): not for the checker's commands,
    # which a pre-commit hook runs on every commit.
    args = build_parser(extensions=not _core_command(argv)).parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except Refusal as exc:  # every stage's refusal, rendered here and only here
        sys.stderr.write(exc.render("awards"))
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception:
        if os.environ.get("AWARDS_DEBUG"):
            traceback.print_exc()
        sys.stderr.write(
            "awards: 内部错误，检查没有完成。这不是您填写的问题，请把这条信息和所用文件发给维护人员"
            "（设置环境变量 AWARDS_DEBUG=1 可显示详细信息）。\n"
        )
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
