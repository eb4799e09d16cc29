"""Who may change what in a pull request (`awards check-pr`).

- A reviewer (rules/units.yml `reviewers.members`) may change anything.
- A unit's member may add, change, rename or delete files only inside `submissions/<own unit>/`; and
  after the first-review deadline only while a reviewer has reopened that unit (`reopened`), or, from
  the ministry's feedback to the formal deadline, the records of its nominees the ministry fed back
  (and the unit's photos and other non-YAML files, which the formal package asks for): no reopening
  by hand for the formal stage (通知三（一）3). A declined nominee's record stays closed.
- A bot listed in `github.bots` (Dependabot) may propose changes anywhere outside `submissions/`; the
  code-owner review by the provincial team still decides whether they are merged.
- Anyone else may change nothing.

The rules and the decisions (the feedback) come from the pull request's base, never from the pull
request itself: otherwise a city could add itself to the reviewers, or feed its own nominee back, in the
same pull request that uses the new power.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from awards.core.problems import Mark, Problem
from awards.core.sink import Sink
from awards.github.git import Change, readable, shown
from awards.github.reports import unit_folder
from awards.github.settings import UNITS_FILE, Settings
from awards.read.load import DECISIONS, SUBMISSIONS
from awards.rules.loader import Rules, Unit
from awards.rules.stages import Clock

# What each reviewer-only place is, in the words of the message; the first matching prefix wins.
PROTECTED: tuple[tuple[str, str], ...] = (
    (f"{SUBMISSIONS}/{DECISIONS}", "省推荐评选办的评审决定"),
    ("rules/", "评选规则和单位名单"),
    (".github/", "GitHub 工作流程和代码负责人设置"),
    ("site/", "公示网站的源文件"),
    ("mkdocs.yml", "公示网站的配置"),
    ("scripts/", "检查和生成程序"),
    (f"{SUBMISSIONS}/", "submissions/ 下各单位文件夹以外的文件"),
)
OTHER = "仓库的公共文件"
BOT_NOT_HERE = "推荐材料和评审决定不能由自动更新程序修改"


@dataclass(frozen=True, slots=True)
class Actor:
    login: str
    reviewer: bool
    unit: Unit | None
    bot: bool = False


def identify(login: str, rules: Rules, settings: Settings) -> Actor | None:
    """GitHub logins are case-insensitive, so the roster is compared case-insensitively too."""
    key = login.casefold()
    if key in {m.casefold() for m in rules.reviewers.get("members") or ()}:
        return Actor(login, True, None)
    for unit in rules.units.values():
        if key in {m.casefold() for m in unit.members}:
            return Actor(login, False, unit)
    if key in {b.casefold() for b in settings.bots}:
        return Actor(login, False, None, bot=True)
    return None


def describe(path: str) -> str:
    for prefix, what in PROTECTED:
        if path == prefix or (prefix.endswith("/") and path.startswith(prefix)):
            return what
    return OTHER


def touched(changes: Iterable[Change]) -> list[str]:
    """Every path the changes alter, as shown to people (undecodable bytes as \\xNN)."""
    return sorted({shown(p) for c in changes for p in c.touched})


def _shape(changes: list[Change], sink: Sink) -> None:
    """What nobody may put in a unit's folder, reviewers included: a link that makes the checker, the
    exports or the site read another place (a symlink) or another repository (a submodule), and a name
    that is not UTF-8, which no tool downstream can show or write."""
    for change in changes:
        for path in change.touched:
            if not readable(path):
                sink.emit("pr-bad-name", shown(path), Mark(), name=shown(path))
        if change.link and unit_folder(change.path) is not None:
            sink.emit("pr-link-in-unit", shown(change.path), Mark(), kind=LINKS[change.link])


LINKS = {"symlink": "符号链接", "submodule": "子模块（submodule）"}


def _formal_edit(path: str, unit: str, clock: Clock | None, today: dt.date) -> bool:
    """A change the formal stage allows without reopening: a fed-back nominee's record, or a photo."""
    if clock is None or clock.feedback is None or not clock.formal_edit_open(today):
        return False
    if path.endswith(".yml"):
        return clock.fed_back(path.removeprefix(f"{SUBMISSIONS}/").removesuffix(".yml"))
    return any(r.startswith(f"{unit}/") for r in clock.feedback.records)


def judge(
    changes: list[Change],
    rules: Rules,
    settings: Settings,
    login: str,
    today: dt.date,
    clock: Clock | None = None,
    pushed: dict[str, dt.date] | None = None,
) -> list[Problem]:
    """`pushed`: the day each unit's change was pushed (`pushes.pushed_on`); lateness is judged by it,
    so that a re-run after the deadline does not turn an on-time change late. Without it, by `today`."""
    sink = Sink(rules.checks)
    paths = touched(changes)
    if not paths:
        return []
    _shape(changes, sink)
    actor = identify(login, rules, settings)
    if actor is None:
        # One problem, where the fix belongs: the roster in rules/units.yml.
        sink.emit("pr-unknown-actor", UNITS_FILE, Mark(), actor=login)
        return sink.sorted()
    if actor.reviewer:
        return sink.sorted()
    if actor.bot:
        for path in paths:
            if path == SUBMISSIONS or path.startswith(f"{SUBMISSIONS}/"):
                sink.emit("pr-protected-path", path, Mark(), what=BOT_NOT_HERE)
        return sink.sorted()
    unit = actor.unit
    assert unit is not None
    deadline = rules.date("deadlines", "first_review")
    when = (pushed or {}).get(unit.code, today)
    # Reopening is a reviewer's decision in force now: it counts on the day of the check.
    closed = deadline is not None and when > deadline and settings.reopened_on(unit.code, today) is None
    for path in paths:
        code = unit_folder(path)
        if code == unit.code:
            if closed and not _formal_edit(path, unit.code, clock, today):
                assert deadline is not None
                sink.emit("pr-after-deadline", path, Mark(), deadline=deadline.isoformat(), unit=unit.name)
        elif code is not None:
            owner = rules.units.get(code)
            sink.emit(
                "pr-outside-unit",
                path,
                Mark(),
                actor=login,
                unit=unit.name,
                own=unit.code,
                owner=f"属于{owner.name}" if owner else f"“{code}”不是已登记的单位文件夹",
            )
        else:
            sink.emit("pr-protected-path", path, Mark(), what=describe(path))
    return sink.sorted()
