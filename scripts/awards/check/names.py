"""Names of windows and work units: the province + the unit's own city + a county-level division valid in
the campaign's year + …窗口 (rules/divisions.yml)."""

from __future__ import annotations

import re
from typing import Any

from awards.check.context import Ctx, FieldFinding, field_check, key_of
from awards.read.yamlsrc import Path
from awards.rules.loader import City, Rules

# Something shaped like a county-level name right after the city: 2–5 characters ending in 区/县/市.
_COUNTY_LIKE = re.compile(r"^([\u4e00-\u9fff]{1,4}?[区县市])")


def _longest_prefix(text: str, names: Any) -> str | None:
    found = [n for n in names if text.startswith(n)]
    return max(found, key=len) if found else None


@field_check("unit_name")
def unit_name(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> list[FieldFinding]:
    if not isinstance(value, str):
        return []
    unit = ctx.unit
    city = ctx.rules.cities[unit.city] if unit is not None and unit.city is not None else None
    return unit_name_findings(value, key_of(path), ctx.rules, city, ctx.data.get("窗口级别"))


def unit_name_findings(
    value: str, key: str, rules: Rules, city: City | None, level: Any = None
) -> list[FieldFinding]:
    """What is wrong with a window or work unit's name, for a unit in `city` (None: a provincial unit);
    `level` is the record's 窗口级别 (a grassroots window must name its county)."""
    name, province = value.strip(), rules.province
    if not name.startswith(province):
        return [FieldFinding("unit-name-province", {"key": key, "province": province})]
    rest = name[len(province) :]
    if city is not None:
        if not rest.startswith(city.name):
            other = _longest_prefix(rest, [c for c in rules.cities if c != city.name])
            short = city.name.removesuffix("市")
            case = "other-city" if other else "short-name" if rest.startswith(short) else "missing"
            params = {"key": key, "province": province, "city": city.name, "other": other or ""}
            return [FieldFinding("unit-name-city", params, case)]
        found = _county(rules, key, city, rest[len(city.name) :], level)
        if found:
            return found
    if not name.endswith("窗口"):
        return [FieldFinding("unit-name-suffix", {"key": key})]
    return []


def _county(rules: Rules, key: str, city: City, rest: str, level: Any) -> list[FieldFinding]:
    """What is wrong with the county slot, if anything."""
    if _longest_prefix(rest, city.counties) is not None:
        return []
    old = _longest_prefix(rest, city.obsolete)
    if old is not None:
        return [FieldFinding("unit-name-obsolete", {"old": old, "new": city.obsolete[old]})]
    for other in rules.cities.values():
        county = _longest_prefix(rest, other.counties) if other is not city else None
        if (
            county is not None and len(county) > 2
        ):  # two-character names (城区, 矿区) are too ambiguous to accuse
            params = {"key": key, "city": city.name, "county": county, "other": other.name}
            return [FieldFinding("unit-name-county", params, "other-city")]
    looks_like = _COUNTY_LIKE.match(rest)
    if looks_like is not None:
        # A county slot that names no county of this city (in the campaign's year): usually a typo (万柏区).
        params = {"key": key, "name": looks_like.group(1), "city": city.name}
        return [FieldFinding("unit-name-county-unknown", params)]
    if level in rules.settings.quotas.grassroots_levels:
        examples = "、".join(city.counties[:3])
        params = {"key": key, "city": city.name, "level": level, "examples": examples}
        return [FieldFinding("unit-name-county", params, "grassroots")]
    return []


@field_check("window_level")
def window_level(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> None:
    unit = ctx.unit
    if not isinstance(value, str) or unit is None or value not in ctx.rules.vocab["window_level"].values:
        return
    if (unit.kind == "city") == (value == "省级"):
        ctx.emit("window-level-unit", path, case=unit.kind, value=value, unit=unit.name)


@field_check("unit_full_name")
def unit_full_name(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> None:
    unit = ctx.unit
    if isinstance(value, str) and unit is not None and value.strip() != unit.name:
        ctx.emit("unit-full-name", path, value=value, expected=unit.name)
