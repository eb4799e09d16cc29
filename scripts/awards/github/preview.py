"""`awards pr-preview`: one HTML page showing the records a pull request adds or changes, as the public
would see them, for the reviewers to read before they approve.

Only the fields the public site shows are included (the same whitelist as the publicity pages): the
artifact is downloadable by anyone who can read the repository, so 身份证号, phone numbers, photos and
the opinions never go into it. Every value is escaped: record text is text.
"""

from __future__ import annotations

import html
from pathlib import Path

from awards.github.git import Change
from awards.read import yamlsrc
from awards.read.load import SUBMISSIONS
from awards.rules.kinds import Kinds
from awards.rules.loader import Rules

_STYLE = """
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; max-width: 48rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.7; color: #222; }
section { border-top: 1px solid #ccc; padding-top: .5rem; }
dt { font-weight: bold; } dd { margin: 0 0 .5rem 0; white-space: pre-wrap; }
.path { color: #666; font-family: monospace; } .note { color: #666; }
"""


def public_fields(rules: Rules, kind: str) -> tuple[str, ...]:
    site = rules.extra.get("site.yml")
    fields = site.get("public_fields", {}).get(kind) if isinstance(site, dict) else None
    # The whitelist is rules data (rules/site.yml); a campaign without one previews no field at all.
    return tuple(map(str, fields)) if isinstance(fields, list) else ()


def record_kind(path: str, kinds: Kinds) -> tuple[str, str] | None:
    """(unit, kind) of `submissions/<unit>/<a kind's folder>/<slug>.yml`, else None."""
    parts = path.split("/")
    kind = kinds.by_folder(parts[2]) if len(parts) == 4 and parts[0] == SUBMISSIONS else None
    if kind is not None and parts[3].endswith(".yml"):
        return parts[1], kind.code
    return None


def _read(path: Path) -> dict[str, object] | None:
    if not path.is_file():
        return None
    text, _ = yamlsrc.decode(path.read_bytes(), 4 * 1024 * 1024)
    node, findings = yamlsrc.parse(text or "")
    if node is None or any(f.code.startswith("yaml-") for f in findings):
        return None
    data, _ = yamlsrc.to_python(node)
    return data if isinstance(data, dict) else None


def _section(root: Path, rules: Rules, change: Change) -> str | None:
    found = record_kind(change.path, rules.kinds)
    if found is None:
        return None
    unit_code, kind = found
    unit = rules.units.get(unit_code)
    head = f"<h2>{rules.kinds[kind].name} · {html.escape(unit.name if unit else unit_code)}</h2>"
    path = f'<p class="path">{html.escape(change.path)}</p>'
    if change.status == "D":
        return f"<section>{head}{path}<p>本次删除了这份记录。</p></section>"
    data = _read(root / change.path)
    if data is None:
        return f"<section>{head}{path}<p>这份记录有格式错误，无法预览，请看检查结果。</p></section>"
    items = "".join(
        f"<dt>{html.escape(name)}</dt><dd>{html.escape(str(data[name]).strip())}</dd>"
        for name in public_fields(rules, kind)
        if data.get(name) not in (None, "")
    )
    return f"<section>{head}{path}<dl>{items}</dl></section>"


def render(root: Path, rules: Rules, changes: list[Change]) -> str:
    sections = [s for c in changes if (s := _section(root, rules, c)) is not None]
    title = html.escape(rules.settings.title)
    body = "".join(sections) or "<p>本次修改没有涉及窗口或个人的推荐记录。</p>"
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>推荐材料预览</title><style>{_STYLE}</style></head><body>"
        f"<h1>推荐材料预览</h1><p>{title}</p>"
        '<p class="note">只含公示网站公开的项目；身份证号、联系电话、照片、征求意见等不在预览中。</p>'
        f"{body}</body></html>\n"
    )
