"""Names of windows and work units: 山西省 + the unit's own city + a 2021 county-level division + …窗口."""

from __future__ import annotations

import re
from typing import Any

from awards.check.context import Ctx, field_check, key_of
from awards.read.yamlsrc import Path
from awards.rules.loader import City

# Something shaped like a county-level name right after the city: 2–5 characters ending in 区/县/市.
_COUNTY_LIKE = re.compile(r"^([\u4e00-\u9fff]{1,4}?[区县市])")


def _longest_prefix(text: str, names: Any) -> str | None:
    found = [n for n in names if text.startswith(n)]
    return max(found, key=len) if found else None


@field_check("unit_name")
def unit_name(ctx: Ctx, path: Path, value: Any, meta: dict[str, Any]) -> None:
    if not isinstance(value, str):
        return
    key, name, province = key_of(path), value.strip(), ctx.rules.province
    if not name.startswith(province):
        ctx.emit("unit-name-province", path, key=key, province=province)
        return
    unit = ctx.unit
    rest = name[len(province) :]
    if unit is not None and unit.city is not None:
        city = ctx.rules.cities[unit.city]
        if not rest.startswith(city.name):
            other = _longest_prefix(rest, [c for c in ctx.rules.cities if c != city.name])
            short = city.name.removesuffix("市")
            case = "other-city" if other else "short-name" if rest.startswith(short) else "missing"
            ctx.emit(
                "unit-name-city",
                path,
                case=case,
                key=key,
                province=province,
                city=city.name,
                other=other or "",
            )
            return
        if not _county(ctx, path, key, city, rest[len(city.name) :]):
            return
    if not name.endswith("窗口"):
        ctx.emit("unit-name-suffix", path, key=key)


def _county(ctx: Ctx, path: Path, key: str, city: City, rest: str) -> bool:
    """Check the county slot; False when a problem was reported."""
    if _longest_prefix(rest, city.counties) is not None:
        return True
    old = _longest_prefix(rest, city.obsolete)
    if old is not None:
        ctx.emit("unit-name-obsolete", path, old=old, new=city.obsolete[old])
        return False
    for other in ctx.rules.cities.values():
        county = _longest_prefix(rest, other.counties) if other is not city else None
        if (
            county is not None and len(county) > 2
        ):  # two-character names (城区, 矿区) are too ambiguous to accuse
            ctx.emit(
                "unit-name-county",
                path,
                case="other-city",
                key=key,
                city=city.name,
                county=county,
                other=other.name,
            )
            return False
    level = ctx.data.get("窗口级别")
    looks_like = _COUNTY_LIKE.match(rest)
    if looks_like is not None:
        # A county slot that names no 2021 county of this city: usually a typo (万柏区 for 万柏林区).
        ctx.emit("unit-name-county-unknown", path, key=key, name=looks_like.group(1), city=city.name)
        return False
    if level in ctx.rules.settings.quotas.grassroots_levels:
        examples = "、".join(city.counties[:3])
        ctx.emit(
            "unit-name-county",
            path,
            case="grassroots",
            key=key,
            city=city.name,
            level=level,
            examples=examples,
        )
        return False
    return True


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
