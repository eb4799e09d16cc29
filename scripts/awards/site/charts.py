"""统计: the balance the notice asks for (向基层、一线倾斜; region, window kind and level, gender, ethnicity).

The counting is pandas (categorical columns in the vocabulary's order). Charts are SVG written here, at
build time, inline in the page: no chart library, no script, no request. Each chart has its numbers
beside it in a table, so the figures are readable without the picture (screen readers, printing,
copying into a report).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from awards.rules.loader import Rules, Vocab
from awards.site.escape import block, esc, table
from awards.site.model import Entry, Stage

BAR_COLOR = "#1f5fa8"
GRASSROOTS_COLOR = "#c2410c"
ROW, BAR_W, PAD, FONT = 26, 300, 8, 13


def _label_width(counts: Sequence[tuple[str, int]]) -> int:
    """Room for the longest label: CJK characters are a full em wide, others about half."""
    widest = max(
        (sum(FONT if ord(c) > 0x2E80 else FONT // 2 + 1 for c in label) for label, _ in counts), default=0
    )
    return max(widest + 16, 80)


def bar_chart(title: str, counts: Sequence[tuple[str, int]], highlight: frozenset[str] = frozenset()) -> str:
    """A horizontal bar chart as one line of SVG; `highlight` bars are drawn in the accent colour."""
    top = max((n for _, n in counts), default=0) or 1
    height = PAD * 2 + ROW * max(len(counts), 1)
    label_w = _label_width(counts)
    width = label_w + BAR_W + 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{esc(title)}" class="awards-chart">'
    ]
    for i, (label, n) in enumerate(counts):
        y = PAD + i * ROW
        w = round(BAR_W * n / top)
        color = GRASSROOTS_COLOR if label in highlight else BAR_COLOR
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" font-size="{FONT}">{esc(label)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{w}" height="{ROW - 8}" fill="{color}" rx="2"/>'
            f'<text x="{label_w + w + 6}" y="{y + 17}" font-size="{FONT}">{n}</text>'
        )
    if not counts:
        parts.append(f'<text x="{label_w}" y="{PAD + 17}" font-size="{FONT}">暂无数据</text>')
    parts.append("</svg>")
    return "".join(parts)


def figure(title: str, counts: Sequence[tuple[str, int]], highlight: frozenset[str] = frozenset()) -> str:
    """Chart and its numbers side by side (stacked on a phone, by the stylesheet)."""
    total = sum(n for _, n in counts)
    rows = [(label, n, f"{100 * n / total:.0f}%" if total else "—") for label, n in counts]
    rows.append(("合计", total, "100%" if total else "—"))
    numbers = table(("类别", "数量", "占比"), rows)
    # A plain div, not <figure>: the theme shrinks figures to their content, which squeezes the SVG.
    return block(
        f'<p class="awards-figure__title">{esc(title)}</p>'
        f'<div class="awards-figure__chart">{bar_chart(title, counts, highlight)}</div>'
        f'<div class="awards-figure__numbers">{numbers}</div>',
        cls="awards-figure",
    )


UNLISTED = "其他（未通过词表检查）"


def canonical(value: str, vocab: Vocab) -> str:
    """The vocabulary's own spelling of a value (a known alias counts), else `UNLISTED`.

    The page prints only words from rules/vocabularies.yml, never what a clerk typed: a value that
    failed its check may be anything, a name or a phone number included.
    """
    if value in vocab.values:
        return value
    return vocab.aliases.get(value, UNLISTED)


def _canonical(entries: list[Entry], field: str, vocab: Vocab) -> pd.Series:
    """The field's canonical values as a categorical column: the vocabulary's order, `UNLISTED` last."""
    order = list(dict.fromkeys([*vocab.values, UNLISTED]))
    return pd.Series(pd.Categorical([canonical(e.get(field), vocab) for e in entries], categories=order))


def _count(entries: list[Entry], field: str, vocab: Vocab) -> list[tuple[str, int]]:
    """Counts by canonical value, in vocabulary order; values outside it counted together, last."""
    counts = _canonical(entries, field, vocab).value_counts(sort=False)
    return [(str(value), int(n)) for value, n in counts.items() if n]


def _counted(rules: Rules, lists: dict[str, list[Entry]]) -> str:
    """优质服务窗口 12 个、优质服务先进个人 5 名: the kinds' own names and measure words."""
    return "、".join(f"{k.name} {len(lists[k.code])} {k.counter}" for k in rules.kinds.nominees)


def page(rules: Rules, stage: Stage, lists: dict[str, list[Entry]]) -> str:
    """Before the publicity only counts (of records, by recommending unit); from it on, the breakdowns
    by the categorical fields, each value as its vocabulary spells it."""
    windows, people = lists["window"], lists["individual"]
    units_in_order = [u.name for u in rules.units.values()]
    by_unit = pd.Series([e.unit for e in windows + people], dtype=object).value_counts()
    regions = [(name, int(by_unit[name])) for name in units_in_order if by_unit.get(name, 0)]
    before = stage is Stage.BEFORE
    scope = "各单位已报送的推荐对象（公示开始前只公布数量）" if before else "省级公示的拟推荐对象"
    out = [
        "# 统计",
        "",
        block(
            f"统计范围：{esc(scope)}。共有{esc(_counted(rules, lists))}。"
            f"通知要求评选“向基层、一线倾斜，同时兼顾不同地区、不同类型窗口，不同性别和不同民族人员”"
            f"（通知三（二））。",
            tag="p",
        ),
        "## 地区分布",
        "",
        figure("推荐单位（窗口和个人合计）", regions),
    ]
    if before:
        return "\n".join(out) + "\n"
    level = rules.vocab["window_level"]
    grassroots = frozenset(rules.settings.quotas.grassroots_levels)
    base = int(_canonical(windows, "窗口级别", level).isin(grassroots).sum())
    share = f"{100 * base / len(windows):.0f}%" if windows else "—"
    out += [
        "## 基层窗口",
        "",
        block(
            f"县级、乡镇（街道）和社区窗口 {base} 个，占窗口总数的 {esc(share)}"
            f"（图中以橙色标出）。每市推荐的窗口中至少有 "
            f"{rules.settings.quotas.grassroots_min} 个基层窗口（通知一（一））。",
            tag="p",
        ),
        figure("窗口级别", _count(windows, "窗口级别", level), grassroots),
        "## 窗口类别",
        "",
        figure("窗口类别", _count(windows, "窗口类别", rules.vocab["window_kind"])),
        "## 先进个人",
        "",
        figure("性别", _count(people, "性别", rules.vocab["gender"])),
        figure("民族", _count(people, "民族", rules.vocab["ethnicity"])),
    ]
    return "\n".join(out) + "\n"
