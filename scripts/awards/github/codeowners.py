"""`.github/CODEOWNERS`, generated from `rules/units.yml` so the two can never disagree.

GitHub applies the *last* matching line, so the catch-all comes first and the unit folders last. A unit
folder lists the provincial team beside the unit's own team: a code-owner review by either satisfies
GitHub, which lets the provincial reviewers approve a city's pull request (the city team is asked too).
"""

from __future__ import annotations

from awards.github.settings import Settings
from awards.read.load import DECISIONS, SUBMISSIONS
from awards.rules.loader import Rules

PATH = ".github/CODEOWNERS"

# Reviewer-only places (besides the catch-all): listed explicitly so the file documents them.
PROVINCIAL = ("/rules/", "/.github/", f"/{SUBMISSIONS}/{DECISIONS}", "/site/", "/mkdocs.yml", "/scripts/")


class NoOrgError(Exception):
    pass


def render(rules: Rules, settings: Settings) -> str:
    if not settings.org:
        raise NoOrgError("rules/units.yml 缺少 github.org（GitHub 组织名），无法生成 CODEOWNERS。")
    org = settings.org

    def team(slug: str) -> str:
        return f"@{org}/{slug}"

    office = team(str(rules.reviewers["team"]))
    rows: list[tuple[str, str]] = [("*", office)]
    rows += [(path, office) for path in PROVINCIAL]
    rows += [(f"/{SUBMISSIONS}/{u.code}/", f"{team(u.team)} {office}") for u in rules.units.values()]
    width = max(len(p) for p, _ in rows)
    lines = [
        "# 由 `awards codeowners --write` 根据 rules/units.yml 生成，请勿手工修改；",
        "# 修改单位、团队或组织后重新生成并一起提交（测试会比对本文件）。",
        "# GitHub 以最后一条匹配的规则为准：先写全仓库默认，再写各单位文件夹。",
        "",
        "# 默认与省推荐评选办专管的文件：规则、工作流程、评审决定、网站源文件、程序。",
        *(f"{p.ljust(width)}  {o}" for p, o in rows[: 1 + len(PROVINCIAL)]),
        "",
        "# 各单位文件夹：本单位团队，以及省推荐评选办（任一方的代码负责人审核即可）。",
        *(f"{p.ljust(width)}  {o}" for p, o in rows[1 + len(PROVINCIAL) :]),
    ]
    return "\n".join(lines) + "\n"
