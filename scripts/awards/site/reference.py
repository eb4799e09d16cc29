"""The pages generated from `rules/` alone: 评选规则 (the rule catalogue) and 提交指南 (the record format).

They carry no record data, so they are the same at every stage of the campaign.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from awards.rules import template
from awards.rules.loader import Rules
from awards.site.escape import block, esc, table

SEVERITY = {"error": "必须修改", "warning": "请核实"}


def rules_page(rules: Rules) -> str:
    c, q, kinds = rules.settings, rules.settings.quotas, rules.kinds.nominees

    def counted(numbers: Mapping[str, int], note: Mapping[str, str] | None = None) -> str:
        return "，".join(
            f"{k.name} {numbers[k.code]} {k.counter}{(note or {}).get(k.code, '')}" for k in kinds
        )

    limits = "、".join(f"{k} {v} 字以内" for k, v in c.word_limits.items())
    facts = [
        ("全省名额", counted(q.province_total), "一（一）"),
        ("每市推荐", counted(q.city, {"window": f"（其中基层窗口至少 {q.grassroots_min} 个）"}), "一（一）"),
        ("基层窗口", "、".join(q.grassroots_levels), "一（一）"),
        ("人社系统工作年限", f"{c.service_years_min} 年（含）以上", "二（二）"),
        (
            "公示期",
            f"{c.publicity_days} 个工作日（按国家法定节假日和调休安排计算）",
            "三（一）",
        ),
        ("字数", limits, "三（一）4"),
    ]
    catalogue = sorted(rules.checks.values(), key=lambda ch: (ch.severity.value != "error", ch.code))
    return "\n".join(
        [
            "# 评选规则",
            "",
            block(
                f"本页由评选仓库 rules/ 中的规则数据生成，依据为{esc(c.issuer)}"
                f"《{esc(c.notice_title)}》"
                f"（{esc(c.document_number)}）。“通知依据”一栏是通知原文的段落编号。",
                tag="p",
            ),
            "## 主要规定",
            "",
            table(("项目", "规定", "通知依据"), facts, widths=(20, 62, 18)),
            "",
            "## 检查规则目录",
            "",
            block(
                f"推荐记录提交后由检查程序逐条核对，共 {len(catalogue)} 条规则。"
                "“必须修改”的问题不改正不能通过检查；“请核实”的提示不阻止提交，但请确认无误。",
                tag="p",
            ),
            table(
                ("代码", "规则", "要求", "通知依据"),
                [(ch.code, ch.summary, SEVERITY[ch.severity.value], ch.notice) for ch in catalogue],
                widths=(22, 52, 12, 14),
            ),
            "",
        ]
    )


def _field_rows(rules: Rules, schema: dict[str, Any], prefix: str = "") -> list[tuple[str, str, str]]:
    rows = []
    for name, rule in schema.items():
        if not isinstance(rule, dict):
            continue
        meta = rule.get("meta") or {}
        notes = [str(meta["help"])] if meta.get("help") else []
        vocab = rules.vocab.get(meta.get("vocab", ""))
        if vocab is not None:
            shown = vocab.values if len(vocab.values) <= 12 else (*vocab.values[:8], "……")
            notes.append("可选：" + "、".join(shown))
        required = "必填" if rule.get("required") else "选填"
        rows.append((prefix + name, required, "；".join(notes)))
        if isinstance(rule.get("schema"), dict):
            rows += _field_rows(rules, rule["schema"], f"{prefix}{name} › ")
    return rows


def guide(rules: Rules) -> str:
    out = [
        "# 提交指南",
        "",
        block(
            "各推荐单位在评选仓库中自己的文件夹里，按下列格式用 YAML 文本填写推荐记录，每个推荐对象一个文件。"
            "提交后检查程序会逐项核对，并在出错的行列给出中文说明；本地可运行 "
            "<code>awards validate</code> 检查，用 <code>awards new window --unit 单位代码</code> 生成空白模板。",
            tag="p",
        ),
        block(
            '不用命令行的单位，请看<a href="../browser-guide/">在浏览器中提交</a>：在 GitHub 网页上上传、'
            "发起合并请求、看检查结果并改正。已填好附件5、附件6 表格的，可用 <code>awards import</code> "
            "把表格导入为记录，Word 事迹也可导入。编辑器（VS Code、github.dev 装 YAML 扩展）会按"
            '<a href="../schemas/individual.schema.json">记录的 JSON Schema</a> 提示项名和可选值。',
            tag="p",
        ),
        block(
            "照片放在本单位文件夹的 photos/ 下；身份证号、联系电话、照片和征求意见只用于审核和上报，"
            "不会出现在公示网站和公示 PDF 上。",
            tag="p",
        ),
    ]
    for kind in rules.kinds:
        title = kind.name if kind.folder else f"{kind.name}（unit.yml）"
        out += [
            f"## {title}",
            "",
            block(f"文件位置：<code>{esc(kind.where)}</code>", tag="p"),
            table(
                ("项目", "是否必填", "说明"),
                _field_rows(rules, rules.schemas[kind.code]),
                widths=(24, 10, 66),
            ),
            "",
            "模板（带说明的空白记录）：",
            "",
            "```yaml",
            template.render(rules, kind.code).rstrip("\n"),
            "```",
            "",
        ]
    return "\n".join(out)
