"""`.github/rulesets.json`: one branch ruleset per unit, generated from `rules/units.yml`.

Everyone with write access may push to every branch of a repository; without these rules a clerk of one
city could push to, rewrite or delete the pull-request branch of another (check-pr would refuse the
content, but the other city's work would be gone or blocked). Each unit works on `units/<code>/...`
branches; the ruleset of a unit forbids creating, updating and deleting those branches to everyone but
the unit's team and the provincial reviewers (the bypass list).

The file holds the rulesets in the shape of GitHub's REST API (`POST /repos/{owner}/{repo}/rulesets`)
with one difference: the bypass list names teams by slug (`bypass_teams`), because the API wants numeric
team ids that only the organisation knows; site/docs/maintainers.md shows the `gh api` loop that resolves
them and creates the rulesets.
"""

from __future__ import annotations

import json
from typing import Any

from awards.github.settings import Settings
from awards.rules.loader import Rules

PATH = ".github/rulesets.json"
BRANCHES = "units/{code}"


def rulesets(rules: Rules, settings: Settings) -> list[dict[str, Any]]:
    office = str(rules.reviewers["team"])
    found = []
    for unit in rules.units.values():
        prefix = BRANCHES.format(code=unit.code)
        found.append(
            {
                "name": f"{prefix}/**：只有{unit.name}和省推荐评选办可以推送",
                "target": "branch",
                "enforcement": "active",
                "conditions": {"ref_name": {"include": [f"refs/heads/{prefix}/**"], "exclude": []}},
                "rules": [{"type": "creation"}, {"type": "update"}, {"type": "deletion"}],
                "bypass_teams": [unit.team, office],
            }
        )
    return found


def render(rules: Rules, settings: Settings) -> str:
    doc = {
        "comment": (
            "由 `awards rulesets --write` 根据 rules/units.yml 生成，请勿手工修改；"
            "创建方法见 site/docs/maintainers.md（bypass_teams 换成团队编号后提交给 GitHub）。"
        ),
        "org": settings.org,
        "rulesets": rulesets(rules, settings),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
