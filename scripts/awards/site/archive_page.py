"""The 公示存档 page: the frozen snapshots, the preview while the current one is not frozen, and how to
verify a download with nothing but `sha256sum` (or `shasum`, `certutil`).

File names and hashes are ours (ASCII, from `archive`/`snapshot`), so they go into Markdown links and
code blocks directly; MkDocs then checks every link. Nothing here comes from a record.
"""

from __future__ import annotations

from typing import Any

from awards.site.archive import ARCHIVE, MANIFEST, SUMS
from awards.site.escape import block, table

GUIDE = "archive-guide.md"  # the hand-written page in site/docs on freezing and verifying


def _details(s: dict[str, Any], frozen: bool) -> list[str]:
    rows = [
        ("公示", s["title"]),
        ("公示时间", s["period_text"]),
        ("PDF 报样", s["file"]),
        ("PDF 的 SHA-256", s["sha256"]),
        ("名单文件", s["list_file"]),
        ("名单的 SHA-256", s["list_sha256"]),
        (
            "源提交",
            (s["commit"] or "未提交") + ("（含未提交的改动）" if s.get("uncommitted_changes") else ""),
        ),
    ]
    if frozen:
        rows.append(("存档日期", s.get("frozen_on", "")))
    links = [f"- [{name}]({name})" for name in (s["file"], s["list_file"])]
    return [table(("项目", "内容"), rows, widths=(22, 78)), "", *links, ""]


def _verify(frozen: list[dict[str, Any]]) -> list[str]:
    expected = [
        f"{s[h]}  {s[f]}" for s in frozen for h, f in (("sha256", "file"), ("list_sha256", "list_file"))
    ]
    return [
        "## 如何核验",
        "",
        block(
            f"把 PDF、名单文件和 {SUMS} 下载到同一个文件夹，在那里运行下面的命令。每个文件都显示“OK”"
            "（Windows 上显示的值与上表相同），就说明文件与存档时逐字节相同。"
            "名单文件（.json）的 SHA-256 还应与 PDF 每页页脚印的“名单 SHA-256”一致。",
            tag="p",
        ),
        "```sh",
        "# Linux",
        f"sha256sum -c {SUMS}",
        "# macOS",
        f"shasum -a 256 -c {SUMS}",
        "# Windows（命令提示符）",
        *(f"certutil -hashfile {s['file']} SHA256" for s in frozen),
        "```",
        "",
        block("也可以逐个计算：", tag="p"),
        "```sh",
        "sha256sum " + " ".join(f"{s['file']} {s['list_file']}" for s in frozen),
        "```",
        "",
        block("应输出：", tag="p"),
        "```text",
        *expected,
        "```",
        "",
    ]


def page(frozen: list[dict[str, Any]], preview: dict[str, Any] | None) -> str:
    out = ["# 公示存档", ""]
    if not frozen and preview is None:
        out.append(block("尚无公示快照。省级公示开始后，公示名单的 PDF 报样将在这里存档。", tag="p"))
        return "\n".join(out) + "\n"
    out += [
        block(
            "每次省级公示开始时，省推荐评选办把公示名单生成一份 PDF 报样（A4，含标题、文号、公示时间、"
            f"两份名单、简要事迹和页码），连同名单文件一起存入评选仓库的 {ARCHIVE.as_posix()}/ 并登记在"
            f" {MANIFEST} 中。网站原样发布这些文件：存档以后再修改记录，已存档的文件和它们的 SHA-256 都不会变。"
            "PDF 每页页脚印有生成它的源提交和名单的 SHA-256。",
            tag="p",
        ),
        f"存档和核验的方法见[公示存档说明](../{GUIDE})。",
        "",
    ]
    for s in frozen:
        out += [f"## {s['period_text']}（已存档）", "", *_details(s, frozen=True)]
    if preview is not None:
        out += [
            f"## {preview['period_text']}（未存档，预览）",
            "",
            block(
                "本期公示尚未存档。下面的 PDF 是按当前记录生成的预览，页脚标有“预览，未存档”；"
                "记录修改后它会随之变化，不能作为公示报样核验。存档后，这里将换成正式的存档文件。",
                tag="p",
            ),
            *_details(preview, frozen=False),
        ]
    if frozen:
        out += [f"- [{MANIFEST}]({MANIFEST})（全部存档的清单）", f"- [{SUMS}]({SUMS})（校验值）", ""]
        out += _verify(frozen)
    return "\n".join(out) + "\n"
