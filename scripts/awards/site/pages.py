"""The campaign pages that follow the clock: home, 公示 and 联系方式 (公示存档: `archive_page`).

Nothing here reads a record directly: nominees arrive as `Entry` (public fields only) and only when
the stage allows; before the publicity the pages get counts and dates and nothing else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from awards.read.chinese_dates import chinese
from awards.rules.kinds import Kind, Kinds
from awards.rules.loader import Rules
from awards.rules.stages import Clock
from awards.site import publicity_tables
from awards.site.escape import block, esc, paragraphs, table
from awards.site.meta import TIMELINE_STEPS
from awards.site.model import Entry, Period, Stage, site_rules

STAGE_TITLES = {Stage.BEFORE: "公示尚未开始", Stage.DURING: "正在公示", Stage.AFTER: "公示期满"}


def period_text(when: Period | None) -> str:
    return f"公示时间：{when.chinese()}" if when else "公示时间：待定"


def _stage_box(rules: Rules, stage: Stage, when: Period | None) -> str:
    text = site_rules(rules)["stages"][stage.value]
    return block(
        f"<strong>{esc(STAGE_TITLES[stage])}</strong>　{esc(period_text(when))}<br>{esc(text)}",
        cls=f"awards-stage awards-stage--{stage.value}",
    )


def _by(day: dt.date | None) -> str:
    return f"{chinese(day)}前" if day else "待定"


def _timeline(rules: Rules, today: dt.date, when: Period | None, clock: Clock) -> str:
    labels = site_rules(rules)["timeline"]
    s = clock.schedule
    feedback = clock.feedback_date
    dates = {
        "contact_form": _by(s.contact_form),
        "first_review": _by(s.first_review),
        "review": _by(s.province_review),
        "ministry_review": "",
        "feedback": chinese(feedback)
        if feedback
        else (f"{chinese(s.ministry_feedback)}（计划）" if s.ministry_feedback else "待定"),
        "formal": _by(s.formal),
        "publicity": when.chinese() if when else "待定",
        "package": _by(s.package),
        "after": "",
    }
    current = clock.step(today).value
    at = TIMELINE_STEPS.index(current)
    items = []
    for i, key in enumerate(TIMELINE_STEPS):
        state = "current" if i == at else ("done" if i < at else "todo")
        mark = "（当前阶段）" if state == "current" else ""
        items.append(
            f'<li class="awards-step awards-step--{state}"><span class="awards-step__date">{esc(dates[key])}</span>'
            f'<span class="awards-step__label">{esc(labels[key])}{esc(mark)}</span></li>'
        )
    return block("".join(items), tag="ol", cls="awards-timeline")


def home(
    rules: Rules,
    stage: Stage,
    when: Period | None,
    today: dt.date,
    counts: dict[str, tuple[int, int]],
    clock: Clock,
) -> str:
    c, quotas = rules.campaign, rules.settings.quotas
    window, person = rules.kinds["window"], rules.kinds["individual"]
    rows = [(u.name, *counts.get(u.code, (0, 0))) for u in rules.units.values()]
    total = (sum(r[1] for r in rows), sum(r[2] for r in rows))
    intro = (
        f"根据{esc(rules.settings.issuer)}《{esc(rules.settings.notice_title)}》"
        f"（{esc(rules.settings.document_number)}），全省推荐{esc(window.name)} {quotas.province_total['window']} {esc(window.counter)}、"
        f"{esc(person.name)} {quotas.province_total['individual']} {esc(person.counter)}；"
        f"每个市推荐窗口 {quotas.city['window']} {esc(window.counter)}、个人 {quotas.city['individual']} {esc(person.counter)}，"
        f"省厅有关处室（局）、直属单位本着宁缺毋滥的原则自行申报。"
    )
    sched = clock.schedule
    dates = [
        ("报送评选工作联系表", c["deadlines"]["contact_form"]),
        ("报送初审材料", c["deadlines"]["first_review"]),
        ("报送正式推荐材料（人社部反馈的拟推荐对象）", sched.formal.isoformat() if sched.formal else "待定"),
        ("省级公示", when.chinese() if when else "待定"),
    ]
    return "\n".join(
        [
            f"# {rules.settings.title}",
            "",
            _stage_box(rules, stage, when),
            block(intro, tag="p"),
            "## 时间安排",
            "",
            block(f"今天是 {esc(today.year)}年{esc(chinese(today))}。", tag="p"),
            _timeline(rules, today, when, clock),
            "## 关键日期",
            "",
            table(("事项", "日期"), [(k, _date_text(v)) for k, v in dates], widths=(50, 50)),
            "",
            "## 各单位报送情况",
            "",
            block("各单位已报送的推荐对象数量（不含姓名，名单以省级公示为准）。", tag="p"),
            table(
                ("推荐单位", window.name, person.name),
                [*rows, ("合计", *total)],
                widths=(60, 20, 20),
            ),
            "",
        ]
    )


def _date_text(value: str) -> str:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return value
    return f"{day.year}年{chinese(day)}前"


def _list_tables(lists: dict[str, list[Entry]], kinds: Kinds) -> list[str]:
    out = []
    for kind in kinds.nominees:
        out += [
            f"## {publicity_tables.heading(kind, lists[kind.code])}",
            "",
            publicity_tables.list_table(kind.code, lists[kind.code]),
            "",
        ]
    return out


def _story(kind: Kind, e: Entry, searched: bool = True) -> str:
    """One heading per nominee: the search index then has a section titled with each name.

    Unless `searched`, the story's own text stays out of the index (Material skips an element marked
    data-search-exclude): at national size the stories would make it megabytes, which every visitor's
    phone downloads before the first search. Names and units are still found.
    """
    story = paragraphs(e.get("简要事迹"), "awards-story")
    return block(
        f'<h3 id="{kind.anchor}-{e.order}">{esc(e.name)}</h3>'
        f'<p class="awards-meta">{esc(e.unit)}推荐</p>'
        f"{story if searched else f'<div data-search-exclude>{story}</div>'}",
        tag="section",
        cls="awards-nominee",
    )


def _stories(lists: dict[str, list[Entry]], kinds: Kinds) -> list[str]:
    return ["## 简要事迹", "", *(_story(kind, e) for kind in kinds.nominees for e in lists[kind.code])]


@dataclass(frozen=True, slots=True)
class StoryPage:
    path: str  # in the docs folder, e.g. publicity/window-1.md
    title: str
    text: str


def story_pages(lists: dict[str, list[Entry]], per_page: int, kinds: Kinds) -> list[StoryPage]:
    """The 简要事迹 in pages of `per_page`, when there are more than that: a national list on one page
    weighs megabytes on a phone. None for a list that fits on the 公示 page itself. Only the names and
    units of these pages are searched (see `_story`)."""
    if sum(len(entries) for entries in lists.values()) <= per_page:
        return []
    out = []
    for kind in kinds.nominees:
        entries = lists[kind.code]
        for n, start in enumerate(range(0, len(entries), per_page), 1):
            part = entries[start : start + per_page]
            span = f"{part[0].order}–{part[-1].order}" if len(part) > 1 else f"{part[0].order}"
            title = f"{kind.name}简要事迹（第 {span} 名）"
            text = "\n".join([f"# {esc(title)}", "", *(_story(kind, e, searched=False) for e in part), ""])
            out.append(StoryPage(f"publicity/{kind.anchor}-{n}.md", title, text))
    return out


def _story_links(pages: list[StoryPage]) -> list[str]:
    # Markdown links to our own page files: MkDocs checks them (strict) and makes them relative.
    return ["## 简要事迹", "", *(f"- [{esc(p.title)}]({p.path})" for p in pages), ""]


def contact_block(rules: Rules) -> str:
    contact = rules.settings.contact
    rows = [
        ("联系单位", contact.office),
        ("通讯地址", contact.address),
        ("联系人", contact.person),
        ("联系电话", "、".join(contact.phones)),
        ("电子邮箱", contact.email),
    ]
    return table(("项目", "内容"), [r for r in rows if r[1]], widths=(25, 75))


def publicity(
    rules: Rules,
    stage: Stage,
    when: Period | None,
    lists: dict[str, list[Entry]],
    pdf: str | None,
    preview: bool = False,
    stories: list[StoryPage] | None = None,
    withdrawn: list[tuple[str, str]] | None = None,
) -> str:
    texts = site_rules(rules)["publicity"]
    out = ["# 公示", "", _stage_box(rules, stage, when)]
    if stage is Stage.BEFORE:
        out.append(block("拟推荐对象名单将在公示开始当天在本页公布。", tag="p"))
        return "\n".join(out) + "\n"
    out += [
        block(f"<strong>{esc(texts['title'])}</strong>", tag="p", cls="awards-title"),
        block(esc(texts["intro"]), tag="p"),
        block(esc(period_text(when)), tag="p", cls="awards-period"),
    ]
    if pdf:
        # A Markdown link (file names are ours, ASCII): MkDocs checks it and makes it relative.
        label = "公示报样（PDF，预览，未存档）" if preview else "公示报样（PDF）"
        out += [f"{label}：[{pdf}](archive/{pdf})", ""]
    out += _list_tables(lists, rules.kinds)
    out += _story_links(stories) if stories else _stories(lists, rules.kinds)
    out += ["## 异议受理", ""]
    if stage is Stage.DURING:
        out += [block(esc(texts["objection"]), tag="p"), contact_block(rules), ""]
    else:
        out += [block(f"公示已于{esc(chinese(when.end) if when else '')}期满。", tag="p"), ""]
    if withdrawn:
        # R26: a nominee withdrawn after an objection is named here, the reason stays internal.
        out += ["## 公示结果", "", block(esc(texts["withdrawn"]), tag="p")]
        out += [
            table(("类别", "名称", "结果"), [(k, n, "已撤销") for k, n in withdrawn], widths=(30, 50, 20)),
            "",
        ]
    return "\n".join(out) + "\n"


def contact(rules: Rules) -> str:
    group = site_rules(rules)["leading_group"]
    return "\n".join(
        [
            "# 联系方式",
            "",
            "## 省推荐评选办",
            "",
            contact_block(rules),
            "",
            "## 推荐评选工作领导小组",
            "",
            block(f"{esc(group['name'])}。{esc(group['office'])}", tag="p"),
            table(
                ("职务", "姓名", "单位及职务"),
                [(m["role"], m["name"], m["post"]) for m in group["members"]],
                widths=(15, 20, 65),
            ),
            "",
        ]
    )
